package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/ally-dev/ally/internal/method"
)

// settingRow is one setting as shown: its key (the name `--set` takes) and
// its value as text.
type settingRow struct {
	Key   string
	Value json.RawMessage
}

// shownSettings lists the settings in the order the struct declares them,
// with the SMTP password replaced by "set" or "not set": a stored secret is
// never printed, not even its length.
func shownSettings(s method.Settings) ([]settingRow, error) {
	password := "not set"
	if s.SMTPPassword != "" {
		password = "set"
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, fmt.Errorf("settings: %w", err)
	}
	var rows []settingRow
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("settings: %w", err)
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("settings %s: %w", key, err)
		}
		if key == "smtp_password" {
			v, _ = json.Marshal(password) // a string always marshals
		}
		rows = append(rows, settingRow{key, v})
	}
	return rows, nil
}

// settingsJSON is the settings as one JSON object in the declared order.
type settingsJSON []settingRow

// MarshalJSON writes the rows as an object, keeping their order.
func (rows settingsJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, r := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(r.Key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(r.Value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeSettingsTable prints the settings as two aligned columns, values as
// a person reads them (no quotes, "—" for empty, tags as "mentor=30").
func writeSettingsTable(w io.Writer, rows []settingRow) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tVALUE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r.Key, settingText(r.Value))
	}
	tw.Flush()
}

func settingText(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		if s == "" {
			return "—"
		}
		return s
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(v, &m) == nil {
		if len(m) == 0 {
			return "—"
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + settingText(m[k])
		}
		return strings.Join(parts, ", ")
	}
	if string(v) == "null" {
		return "—"
	}
	return string(v)
}
