package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ally-dev/ally/internal/interop"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// ExportFormat and ExportVersion identify the JSON document Export writes
// (docs/export-format.md). The version grows when a reader of the old
// version could no longer read the document right: a new column or
// section with its own meaning does not need it, a changed meaning does.
const (
	ExportFormat  = "ally-export"
	ExportVersion = 1
)

// colType is how a column is written in the export and read back.
type colType int

const (
	colInt       colType = iota // a number
	colText                     // a string
	colBool                     // true or false
	colTime                     // a time in timeLayout, UTC
	colBytes                    // base64
	colID                       // the row's own id: moved on restore when ids are taken
	colRef                      // the id of a row of column.ref, moved as that table's ids are
	colShift                    // a count of ids of column.ref, grows by what that table's ids moved
	colActionID                 // an agenda action id ("thank-c42"): its record id moves
	colQuestion                 // a question id: an own question's ("u7") moves with questions
	colQuestions                // question ids, one a line
)

type column struct {
	name  string
	typ   colType
	null  bool
	ref   string             // colRef, colShift: the table
	check func(string) error // colText: refuses values the application would not write
	// later marks a column added after version 1 shipped: an export
	// written before it has no such key, which reads as the column's
	// default (false, or "" for text).
	later bool
}

// exportTable is one table of the export, in the order tables are restored
// (referenced tables first). Every table holding a user's records must be
// here: TestExportCoversEveryTable fails otherwise. To add one, list its
// columns (all but owner_id), say which rows are the owner's, and document
// it in docs/export-format.md.
type exportTable struct {
	name     string // the table, and the document's section
	cols     []column
	owner    string // SQL selecting the owner's rows, the owner as $1
	hasOwner bool   // the table has an owner_id column, set on restore
	order    string // ORDER BY: the export is the same for the same data
	// later names a column restored in a second pass (a row may refer to
	// a row that comes after it).
	later string
}

func enumCheck[T ~string](valid func(T) bool, what string) func(string) error {
	return func(s string) error {
		if !valid(T(s)) {
			return fmt.Errorf("%q is not a %s", s, what)
		}
		return nil
	}
}

const ownedByOwner = "owner_id = $1"

func ownedVia(col, table string) string {
	return col + " IN (SELECT id FROM " + table + " WHERE owner_id = $1)"
}

var (
	checkSource   = enumCheck(model.Source.Valid, "source")
	checkState    = enumCheck(model.State.Valid, "conversation state")
	checkChannel  = enumCheck(model.Channel.Valid, "channel")
	checkActivity = enumCheck(model.ActivityKind.Valid, "activity kind")
)

// exportTables lists the tables of a user's records. It never changes.
func exportTables() []exportTable {
	text := func(name string) column { return column{name: name, typ: colText} }
	tm := func(name string) column { return column{name: name, typ: colTime} }
	ntm := func(name string) column { return column{name: name, typ: colTime, null: true} }
	id := column{name: "id", typ: colID}
	return []exportTable{
		{name: "organizations", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, text("name"), text("website"), text("notes"), tm("created_at"), tm("updated_at")}},
		{name: "fields", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, text("name"), text("why"), text("notes"), {name: "target", typ: colInt}, tm("created_at"), tm("updated_at"),
			{name: "pursuing", typ: colBool, later: true}}},
		{name: "people", owner: ownedByOwner, hasOwner: true, order: "id", later: "referred_by_id", cols: []column{
			id, text("name"), {name: "organization_id", typ: colRef, ref: "organizations", null: true},
			text("role"), text("emails"), text("phone"), text("url"), text("location"),
			{name: "source", typ: colText, check: checkSource}, text("commonality"),
			{name: "referred_by_id", typ: colRef, ref: "people", null: true}, text("notes"),
			{name: "do_not_contact", typ: colBool}, ntm("last_touch_at"), ntm("last_reply_at"), tm("created_at"), tm("updated_at"),
			{name: "name_permission", typ: colText, later: true}}},
		{name: "person_fields", owner: ownedVia("person_id", "people"), order: "person_id, field_id", cols: []column{
			{name: "person_id", typ: colRef, ref: "people"}, {name: "field_id", typ: colRef, ref: "fields"}}},
		{name: "person_tags", owner: ownedVia("person_id", "people"), order: "person_id, tag", cols: []column{
			{name: "person_id", typ: colRef, ref: "people"}, text("tag")}},
		{name: "person_photos", owner: ownedVia("person_id", "people"), order: "person_id", cols: []column{
			{name: "person_id", typ: colRef, ref: "people"}, text("media_type"), {name: "data", typ: colBytes}}},
		{name: "person_uids", owner: ownedVia("person_id", "people"), order: "person_id", cols: []column{
			{name: "person_id", typ: colRef, ref: "people"}, text("uid")}},
		{name: "conversations", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, {name: "person_id", typ: colRef, ref: "people"}, {name: "state", typ: colText, check: checkState}, ntm("state_at"),
			{name: "channel", typ: colText, check: checkChannel}, {name: "minutes", typ: colInt}, text("place"), text("who_pays"),
			ntm("meeting_at"), ntm("requested_at"), ntm("followed_up_at"), ntm("held_at"), {name: "follow_ups", typ: colInt},
			{name: "prepared", typ: colBool}, text("notes"), text("summary"), {name: "usefulness", typ: colInt},
			tm("created_at"), tm("updated_at")}},
		{name: "conversation_fields", owner: ownedVia("conversation_id", "conversations"), order: "conversation_id, field_id", cols: []column{
			{name: "conversation_id", typ: colRef, ref: "conversations"}, {name: "field_id", typ: colRef, ref: "fields"}}},
		{name: "events", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, {name: "conversation_id", typ: colRef, ref: "conversations"}, {name: "step", typ: colText, check: checkState},
			tm("at"), ntm("meeting_at"), text("note"), tm("created_at")}},
		{name: "activities", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, {name: "person_id", typ: colRef, ref: "people"}, {name: "conversation_id", typ: colRef, ref: "conversations", null: true},
			{name: "kind", typ: colText, check: checkActivity}, tm("at"), text("note"), tm("created_at")}},
		{name: "action_marks", owner: ownedByOwner, hasOwner: true, order: "action_id", cols: []column{
			{name: "action_id", typ: colActionID}, tm("due"), ntm("done_at"), ntm("snoozed_until")}},
		{name: "templates", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, text("slug"), text("name"), text("kind"), text("channel"), text("subject"), text("body"), tm("created_at"), tm("updated_at")}},
		{name: "messages", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, {name: "person_id", typ: colRef, ref: "people"}, {name: "conversation_id", typ: colRef, ref: "conversations", null: true},
			{name: "event_id", typ: colRef, ref: "events", null: true}, {name: "activity_id", typ: colRef, ref: "activities", null: true},
			text("kind"), {name: "channel", typ: colText}, text("template_id"), text("recipient"), text("subject"), text("body"),
			text("via"), tm("sent_at"), tm("created_at")}},
		{name: "questions", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, text("topic"), text("text"), text("notes"), text("ask_when"), {name: "closing", typ: colBool},
			{name: "skill_words", typ: colBool}, tm("created_at"), tm("updated_at")}},
		{name: "question_prefs", owner: ownedByOwner, hasOwner: true, order: "question_id", cols: []column{
			{name: "question_id", typ: colQuestion}, {name: "hidden", typ: colBool}, {name: "favourite", typ: colBool}, tm("updated_at")}},
		{name: "guides", owner: ownedByOwner, hasOwner: true, order: "conversation_id", cols: []column{
			{name: "conversation_id", typ: colRef, ref: "conversations"}, {name: "question_ids", typ: colQuestions},
			text("opening"), tm("created_at"), tm("updated_at")}},
		{name: "question_notes", owner: ownedByOwner, hasOwner: true, order: "conversation_id, question_id", cols: []column{
			{name: "conversation_id", typ: colRef, ref: "conversations"}, {name: "question_id", typ: colQuestion},
			text("topic"), text("question"), text("note"), {name: "rev", typ: colInt}, tm("created_at"), tm("updated_at")}},
		{name: "captures", owner: ownedByOwner, hasOwner: true, order: "id", cols: []column{
			id, {name: "conversation_id", typ: colRef, ref: "conversations"}, text("kind"), text("text"), text("note"),
			text("resource_kind"), {name: "person_id", typ: colRef, ref: "people", null: true}, {name: "may_use_name", typ: colBool},
			{name: "resolved", typ: colBool}, text("client_key"), tm("created_at"), tm("updated_at")}},
		{name: "interop_keys", owner: ownedByOwner, hasOwner: true, order: "owner_id", cols: []column{
			text("uid_key"), {name: "person_uid_shift", typ: colShift, ref: "people"},
			{name: "conversation_uid_shift", typ: colShift, ref: "conversations"},
			{name: "feed_secret", typ: colText, null: true}, ntm("feed_created_at")}},
	}
}

// ExportedTables names the tables the JSON export holds, besides the
// user's own row; search_docs is rebuilt from them.
func ExportedTables() []string {
	var out []string
	for _, t := range exportTables() {
		out = append(out, t.name)
	}
	return out
}

// UnexportedTables names the tables the JSON export leaves out on
// purpose: they are the center's, not one user's records, and hold secrets
// (password, token and link hashes, emails carrying links, the SAML key)
// that an export must never carry, or sign-ins under way that live ten
// minutes. A request (and an advisor's clearing of a block) is between a
// student and a volunteer, kept by the center: neither side's personal
// record, and nor are the feedback on it (ratings only advisors read, in
// aggregate), an advisor's mark that a request sent over the checker was
// reviewed, the uses of its emails' one-click links and the notices of
// its events on each side's agenda. The profiles
// are the center's directory, with the volunteers'
// contact details; volunteer_search and student_majors are rebuilt from
// them, volunteer_first_asks and student_request_states from the requests,
// figure_group_days and student_group_counts from the requests, roles and
// profiles, student_care_counts from the roles, accounts and
// student_request_states. Contacts files
// waiting for their "Import" button live half an hour: what they hold is
// exported once imported. The center's terms are its settings.
func UnexportedTables() []string {
	return []string{"center", "accounts", "account_roles", "sessions", "api_tokens", "audit_log", "auth_failures",
		"outbox", "one_time_links", "signin_flows", "saml_sp_key", "requests", "request_block_clearings", "center_terms",
		"request_feedback", "request_reviews", "request_link_uses", "request_notices", "student_profiles", "volunteer_profiles", "volunteer_terms", "volunteer_search", "volunteer_photos",
		"profile_attributes", "import_uploads", "import_upload_chunks", "figure_days", "student_majors",
		"volunteer_first_asks", "figure_group_days", "student_group_counts", "student_request_states", "student_care_counts"}
}

// exportUser is the user's own row in the export.
type exportUser struct {
	Name     string          `json:"name"`
	Email    string          `json:"email"`
	Settings json.RawMessage `json:"settings"`
}

// Export writes every record of the owner as one JSON document (see
// docs/export-format.md), streaming table by table in a stable order: the
// same records give the same bytes. It reads in one transaction, so the
// document is a consistent snapshot.
func (sc *Scope) Export(ctx context.Context, w io.Writer, now time.Time) error {
	// The keys are made before the snapshot, which must not write.
	if _, err := sc.keys(ctx); err != nil {
		return err
	}
	return sc.readTx(ctx, func(tx *Scope) error { return tx.export(ctx, w, now) })
}

// readTx runs fn in a read-only snapshot where the database offers one.
func (sc *Scope) readTx(ctx context.Context, fn func(*Scope) error) error {
	if sc.inTx {
		return fn(sc)
	}
	// A SQLite transaction is a snapshot as it is, on the read-only pool.
	opts := &sql.TxOptions{}
	if sc.st.dialect == Postgres {
		opts = &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	tx, err := sc.st.r.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	return fn(&Scope{st: sc.st, owner: sc.owner, r: tx, w: tx, inTx: true})
}

func (sc *Scope) export(ctx context.Context, w io.Writer, now time.Time) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var u exportUser
	var settings string
	if err := sc.r.QueryRowContext(ctx, `SELECT name, email, settings FROM users WHERE id = $1`, sc.owner).Scan(&u.Name, &u.Email, &settings); err != nil {
		return fmt.Errorf("export user: %w", noRows(err, "user", sc.owner))
	}
	public, err := withoutSecrets([]byte(settings))
	if err != nil {
		return fmt.Errorf("export settings: %w", err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, public); err != nil {
		return fmt.Errorf("export settings: %w", err)
	}
	u.Settings = compact.Bytes()
	user, err := json.Marshal(u)
	if err != nil {
		return err
	}
	fmt.Fprintf(bw, "{\n  \"format\": %q,\n  \"version\": %d,\n  \"exported_at\": %q,\n  \"user\": %s", ExportFormat, ExportVersion, now.UTC().Format(timeLayout), user)
	for _, t := range exportTables() {
		if err := sc.exportTable(ctx, bw, &t); err != nil {
			return fmt.Errorf("export %s: %w", t.name, err)
		}
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

func (sc *Scope) exportTable(ctx context.Context, w *bufio.Writer, t *exportTable) error {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	rows, err := sc.r.QueryContext(ctx, "SELECT "+strings.Join(names, ", ")+" FROM "+t.name+" WHERE "+t.owner+" ORDER BY "+t.order, sc.owner)
	if err != nil {
		return err
	}
	defer rows.Close()
	fmt.Fprintf(w, ",\n  %q: [", t.name)
	dest := make([]any, len(t.cols))
	for i, c := range t.cols {
		switch c.typ {
		case colInt, colID, colRef, colShift:
			dest[i] = new(sql.NullInt64)
		case colText, colActionID, colQuestion, colQuestions:
			dest[i] = new(sql.NullString)
		case colBool:
			dest[i] = new(sql.NullBool)
		case colTime:
			dest[i] = new(nullTime)
		case colBytes:
			dest[i] = new([]byte)
		}
	}
	n := 0
	var val []byte
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		if n > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    {")
		for i, c := range t.cols {
			if i > 0 {
				w.WriteString(", ")
			}
			val = val[:0]
			switch d := dest[i].(type) {
			case *sql.NullInt64:
				if d.Valid {
					val = strconv.AppendInt(val, d.Int64, 10)
				}
			case *sql.NullString:
				if d.Valid {
					val, _ = appendJSONString(val, d.String)
				}
			case *sql.NullBool:
				if d.Valid {
					val = strconv.AppendBool(val, d.Bool)
				}
			case *nullTime:
				if d.Valid {
					val = strconv.AppendQuote(val, d.Time.UTC().Format(timeLayout))
				}
			case *[]byte:
				if *d != nil {
					val = append(val, '"')
					val = base64.StdEncoding.AppendEncode(val, *d)
					val = append(val, '"')
				}
			}
			if len(val) == 0 {
				val = append(val, "null"...)
			}
			w.WriteString(strconv.Quote(c.name))
			w.WriteString(": ")
			w.Write(val)
		}
		w.WriteByte('}')
		n++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n > 0 {
		w.WriteString("\n  ")
	}
	w.WriteByte(']')
	return nil
}

// appendJSONString appends s as a JSON string, with json.Marshal's escaping.
func appendJSONString(b []byte, s string) ([]byte, error) {
	q, err := json.Marshal(s)
	return append(b, q...), err
}

// RestoreCounts says how many rows a restore wrote, table by table.
type RestoreCounts map[string]int

// ErrNotEmpty is wrapped when a restore meets a database that already
// holds records of the user.
var ErrNotEmpty = errors.New("the database already holds records")

// Restore reads a document Export wrote and writes every record of it for
// the owner, in one transaction: all or nothing. The owner must have no
// records yet. Records keep their ids when those are free (a new
// database); on a server where other users took them, every id moves by
// the same amount within a table, and UIDs derived from them stay the
// same. The search index is rebuilt.
//
// Control characters a text may not hold (NUL, which PostgreSQL refuses,
// and the like: see model.StripControl) are removed, with a problem for
// each record that held some; tab and line ends are kept as they were.
func (sc *Scope) Restore(ctx context.Context, r io.Reader, now time.Time) (RestoreCounts, []ImportProblem, error) {
	doc, err := readExportDoc(r)
	if err != nil {
		return nil, nil, err
	}
	var counts RestoreCounts
	err = sc.InTx(ctx, func(tx *Scope) error {
		tx.touchedInBulk()
		var err error
		counts, err = tx.restore(ctx, doc)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return counts, doc.problems, nil
}

// exportDoc is a parsed export: its header and each section unparsed.
type exportDoc struct {
	user     exportUser
	sections map[string]json.RawMessage
	offsets  map[string]int64 // where each section starts, for line numbers
	data     []byte
	problems []ImportProblem // what was changed on the way in
}

const maxExportDoc = 2 << 30

func readExportDoc(r io.Reader) (*exportDoc, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxExportDoc+1))
	if err != nil {
		return nil, fmt.Errorf("read the export: %w", err)
	}
	if len(data) > maxExportDoc {
		return nil, errors.New("the export is larger than 2 GiB")
	}
	doc := &exportDoc{sections: map[string]json.RawMessage{}, offsets: map[string]int64{}, data: data}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the file is empty; expected an Ally JSON export (ally export json)")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("line %d: not valid JSON: %v", doc.line(se.Offset), se)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return errors.New("the JSON ends too soon: the file is cut short")
		}
		return fmt.Errorf("line %d: %w", doc.line(dec.InputOffset()), err)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("not an Ally JSON export: %w", syntax(err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not an Ally JSON export: it does not start with a JSON object")
	}
	var format string
	version := -1
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		key, _ := tok.(string)
		at := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, syntax(err)
		}
		if _, dup := doc.sections[key]; dup || (key == "format" && format != "") {
			return nil, fmt.Errorf("line %d: %q appears twice", doc.line(at), key)
		}
		switch key {
		case "format":
			if err := json.Unmarshal(raw, &format); err != nil {
				return nil, fmt.Errorf("line %d: format: %v", doc.line(at), err)
			}
		case "version":
			if err := json.Unmarshal(raw, &version); err != nil {
				return nil, fmt.Errorf("line %d: version: must be a whole number", doc.line(at))
			}
		case "exported_at":
		case "user":
			if err := json.Unmarshal(raw, &doc.user); err != nil {
				return nil, fmt.Errorf("line %d: user: %v", doc.line(at), err)
			}
		default:
			doc.sections[key] = raw
			doc.offsets[key] = at
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntax(err)
	}
	if dec.More() {
		return nil, fmt.Errorf("line %d: more data after the export's closing brace", doc.line(dec.InputOffset()))
	}
	switch {
	case format != ExportFormat:
		return nil, fmt.Errorf("not an Ally JSON export (its \"format\" is %q, not %q)", format, ExportFormat)
	case version < 1:
		return nil, errors.New("the export has no version")
	case version > ExportVersion:
		return nil, fmt.Errorf("the export is version %d, written by a newer Ally; this one reads up to version %d: upgrade ally", version, ExportVersion)
	}
	known := map[string]bool{}
	for _, t := range exportTables() {
		known[t.name] = true
	}
	for name := range doc.sections {
		if !known[name] {
			return nil, fmt.Errorf("line %d: unknown section %q (written by a newer Ally? upgrade ally)", doc.line(doc.offsets[name]), name)
		}
	}
	return doc, nil
}

// rowStarts returns where each row of a section starts in the document,
// for messages that name a row's line.
func (d *exportDoc) rowStarts(section string, raw json.RawMessage) []int64 {
	base := d.offsets[section]
	base += int64(max(bytes.IndexByte(d.data[base:], '['), 0))
	var starts []int64
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	for dec.More() {
		off := dec.InputOffset()
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			break
		}
		starts = append(starts, base+off+int64(max(bytes.IndexByte(raw[off:], '{'), 0)))
	}
	return starts
}

// line is the 1-based line of a byte offset in the document.
func (d *exportDoc) line(off int64) int {
	off = min(max(off, 0), int64(len(d.data)))
	return bytes.Count(d.data[:off], []byte{'\n'}) + 1
}

func (sc *Scope) restore(ctx context.Context, doc *exportDoc) (RestoreCounts, error) {
	tables := exportTables()
	for _, t := range tables {
		var n int
		if err := sc.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t.name+" WHERE "+t.owner, sc.owner).Scan(&n); err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}
		if n > 0 && t.name != "interop_keys" {
			return nil, fmt.Errorf("%w (%d in %s): a JSON export is restored only into an empty database; use a new one (--db new.db)", ErrNotEmpty, n, t.name)
		}
	}
	// Keys made by an export of the empty database give way to the restored ones.
	if doc.sections["interop_keys"] != nil {
		if _, err := sc.w.ExecContext(ctx, `DELETE FROM interop_keys WHERE owner_id = $1`, sc.owner); err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}
	}
	if doc.user.Settings != nil {
		var s method.Settings
		if err := json.Unmarshal(doc.user.Settings, &s); err != nil {
			return nil, fmt.Errorf("user settings: %w", err)
		}
		// An older export carried the SMTP password; it stays unset.
		public, err := withoutSecrets(doc.user.Settings)
		if err != nil {
			return nil, fmt.Errorf("user settings: %w", err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, public); err != nil {
			return nil, fmt.Errorf("user settings: %w", err)
		}
		name, nameStripped := model.StripControl(doc.user.Name, false)
		email, emailStripped := model.StripControl(doc.user.Email, false)
		if nameStripped || emailStripped {
			doc.problems = append(doc.problems, ImportProblem{Message: "user: control characters (such as NUL) removed from the name or e-mail"})
		}
		if _, err := sc.w.ExecContext(ctx, `UPDATE users SET name = $2, email = $3, settings = $4 WHERE id = $1`,
			sc.owner, name, email, compact.String()); err != nil {
			return nil, fmt.Errorf("restore user: %w", err)
		}
	}
	bases := map[string]int64{}
	for _, t := range tables {
		if t.cols[0].typ == colID {
			base, err := sc.idBase(ctx, t.name)
			if err != nil {
				return nil, fmt.Errorf("restore %s: %w", t.name, err)
			}
			bases[t.name] = base
		}
	}
	counts := RestoreCounts{}
	for i := range tables {
		t := &tables[i]
		n, err := sc.restoreTable(ctx, doc, t, bases)
		if err != nil {
			return nil, err
		}
		counts[t.name] = n
	}
	// The owner had no people (checked above): the count is the restored ones.
	if err := sc.addPeople(ctx, int64(counts["people"])); err != nil {
		return nil, err
	}
	for _, t := range tables {
		if _, ok := bases[t.name]; ok {
			if err := sc.syncSequence(ctx, t.name); err != nil {
				return nil, fmt.Errorf("restore %s: %w", t.name, err)
			}
		}
	}
	n, err := sc.reindexAll(ctx)
	counts["search_docs"] = n
	return counts, err
}

func (sc *Scope) restoreTable(ctx context.Context, doc *exportDoc, t *exportTable, bases map[string]int64) (int, error) {
	raw := doc.sections[t.name]
	if raw == nil {
		return 0, nil
	}
	var rows []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return 0, fmt.Errorf("line %d: %s: must be a list of objects (%v)", doc.line(doc.offsets[t.name]), t.name, err)
	}
	starts := doc.rowStarts(t.name, raw)
	where := func(i int) string { return fmt.Sprintf("line %d: %s[%d]", doc.line(starts[i]), t.name, i) }
	cols := make([]string, 0, len(t.cols)+1)
	if t.hasOwner {
		cols = append(cols, "owner_id")
	}
	laterAt := -1
	for i, c := range t.cols {
		cols = append(cols, c.name)
		if c.name == t.later {
			laterAt = i
		}
	}
	in := sc.batchInserter(t.name, cols...)
	defer in.close()
	type deferred struct{ id, ref int64 }
	var second []deferred
	vals := make([]any, 0, len(cols))
	for i, row := range rows {
		vals = vals[:0]
		if t.hasOwner {
			vals = append(vals, sc.owner)
		}
		var stripped []string
		for _, c := range t.cols {
			v, err := restoreValue(row[c.name], t.name, &c, bases)
			if err != nil {
				return 0, fmt.Errorf("%s.%s: %w", where(i), c.name, err)
			}
			if s, ok := v.(string); ok && c.typ == colText {
				if clean, removed := model.StripControl(s, true); removed {
					v = clean
					stripped = append(stripped, c.name)
				}
			}
			vals = append(vals, v)
			delete(row, c.name)
		}
		if len(stripped) > 0 {
			doc.problems = append(doc.problems, ImportProblem{Line: doc.line(starts[i]),
				Message: fmt.Sprintf("%s[%d]: control characters (such as NUL) removed from %s", t.name, i, strings.Join(stripped, ", "))})
		}
		for k := range row {
			return 0, fmt.Errorf("%s: unknown column %q", where(i), k)
		}
		if laterAt >= 0 {
			at := len(vals) - len(t.cols) + laterAt
			if ref, ok := vals[at].(int64); ok {
				second = append(second, deferred{vals[len(vals)-len(t.cols)].(int64), ref})
				vals[at] = nil
			}
		}
		if err := in.add(ctx, vals...); err != nil {
			return 0, fmt.Errorf("%s: %w", where(i), err)
		}
	}
	if err := in.flush(ctx); err != nil {
		return 0, fmt.Errorf("restore %s: %w", t.name, err)
	}
	for _, d := range second {
		if _, err := sc.w.ExecContext(ctx, "UPDATE "+t.name+" SET "+t.later+" = $2 WHERE id = $1", d.id, d.ref); err != nil {
			return 0, fmt.Errorf("restore %s.%s of id %d: %w", t.name, t.later, d.id, err)
		}
	}
	return in.written, nil
}

// restoreValue decodes one value of the export into what the database
// takes, moving ids by their table's base.
func restoreValue(raw json.RawMessage, table string, c *column, bases map[string]int64) (any, error) {
	if raw == nil && c.later {
		switch c.typ {
		case colBool:
			return false, nil
		case colText:
			return "", nil
		}
	}
	if raw == nil || string(raw) == "null" {
		if !c.null {
			if raw == nil {
				return nil, errors.New("is missing")
			}
			return nil, errors.New("must not be null")
		}
		return nil, nil
	}
	switch c.typ {
	case colInt, colID, colRef, colShift:
		var n int64
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, errors.New("must be a whole number")
		}
		switch c.typ {
		case colID:
			if n <= 0 {
				return nil, errors.New("must be a positive id")
			}
			return n + bases[table], nil
		case colRef, colShift:
			return n + bases[c.ref], nil
		}
		return n, nil
	case colText, colActionID, colQuestion, colQuestions:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, errors.New("must be a string")
		}
		if c.check != nil {
			if err := c.check(s); err != nil {
				return nil, err
			}
		}
		if c.typ == colActionID {
			kind, prefix, id, err := method.ParseActionID(s)
			if err != nil {
				return nil, err
			}
			table := map[byte]string{'c': "conversations", 'p': "people", 'f': "fields"}[prefix]
			return method.ActionID(kind, prefix, id+bases[table]), nil
		}
		move := func(q string) string {
			if row := ownQuestionRow(q); row != 0 {
				return ownQuestionID(row + bases["questions"])
			}
			return q
		}
		switch c.typ {
		case colQuestion:
			return move(s), nil
		case colQuestions:
			ids := strings.Split(s, "\n")
			for i := range ids {
				ids[i] = move(ids[i])
			}
			return strings.Join(ids, "\n"), nil
		}
		return s, nil
	case colBool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, errors.New("must be true or false")
		}
		return b, nil
	case colTime:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, errors.New("must be a time like 2026-11-20T15:00:00.000000Z")
		}
		var t nullTime
		if err := t.parse(s); err != nil {
			return nil, fmt.Errorf("%q is not a time like 2026-11-20T15:00:00.000000Z", s)
		}
		return ts(t.Time), nil
	case colBytes:
		var b []byte
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, errors.New("must be base64 data")
		}
		return b, nil
	}
	return nil, fmt.Errorf("unknown column type %d", c.typ)
}

// reindexAll rebuilds the owner's search documents from the records.
func (sc *Scope) reindexAll(ctx context.Context) (int, error) {
	q := `DELETE FROM search_docs WHERE owner_id = $1`
	if _, err := sc.w.ExecContext(ctx, q, sc.owner); err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	docs := sc.searchBatch()
	defer docs.close()
	orgs, err := sc.Organizations(ctx)
	if err != nil {
		return 0, err
	}
	for _, o := range orgs {
		if err := docs.addDoc(ctx, kindOrganization, o.ID, o.Name, o.Website+"\n"+o.Notes); err != nil {
			return 0, err
		}
	}
	fields, err := sc.Fields(ctx)
	if err != nil {
		return 0, err
	}
	for _, f := range fields {
		if err := docs.addDoc(ctx, kindField, f.ID, f.Name, f.Why+"\n"+f.Notes); err != nil {
			return 0, err
		}
	}
	people, _, err := sc.People(ctx, PeopleFilter{})
	if err != nil {
		return 0, err
	}
	for _, p := range people {
		title, body := personDoc(p)
		if err := docs.addDoc(ctx, kindPerson, p.ID, title, body); err != nil {
			return 0, err
		}
	}
	convos, err := sc.Conversations(ctx, ConversationFilter{})
	if err != nil {
		return 0, err
	}
	for _, c := range convos {
		title, body := conversationDoc(c.Person.Name, c)
		if err := docs.addDoc(ctx, kindConversation, c.ID, title, body); err != nil {
			return 0, err
		}
	}
	if err := docs.flush(ctx); err != nil {
		return 0, err
	}
	return docs.written, nil
}

// Cards returns the owner's people as vCard or CSV cards, by name; with
// fieldID, only the people in that career field. Each card's UID stays the
// same from one export to the next.
func (sc *Scope) Cards(ctx context.Context, fieldID int64) ([]interop.Card, error) {
	k, err := sc.keys(ctx)
	if err != nil {
		return nil, err
	}
	people, _, err := sc.People(ctx, PeopleFilter{FieldID: fieldID})
	if err != nil {
		return nil, err
	}
	cards := make([]interop.Card, 0, len(people))
	for _, p := range people {
		c := interop.Card{
			UID:    k.personUID(p.ID),
			Name:   p.Name,
			Role:   p.Role,
			Notes:  p.Notes,
			Emails: p.Emails,
			Tags:   p.Tags,
			// Updated is left out: a card that changes with every
			// activity logged would make address books sync for nothing.
		}
		c.FirstName, c.LastName = splitName(p.Name)
		if p.Organization != nil {
			c.Organization = p.Organization.Name
		}
		if p.Phone != "" {
			c.Phones = []string{p.Phone}
		}
		if p.URL != "" {
			c.URLs = []string{p.URL}
		}
		cards = append(cards, c)
	}
	return cards, sc.attachCardStored(ctx, people, cards)
}

// attachCardStored puts on each card what an imported vCard brought and
// the export gives back: its UID (so that the address book updates its own
// card) and its picture, in one read.
func (sc *Scope) attachCardStored(ctx context.Context, people []*model.Person, cards []interop.Card) error {
	at := make(map[int64]int, len(people))
	for i, p := range people {
		at[p.ID] = i
	}
	rows, err := sc.r.QueryContext(ctx, `SELECT p.id, COALESCE(pu.uid, ''), COALESCE(ph.media_type, ''), ph.data FROM people p
		LEFT JOIN person_uids pu ON pu.person_id = p.id LEFT JOIN person_photos ph ON ph.person_id = p.id
		WHERE p.owner_id = $1 AND (pu.uid IS NOT NULL OR ph.data IS NOT NULL)`, sc.owner)
	if err != nil {
		return fmt.Errorf("read card UIDs and photos: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var uid, typ string
		var data []byte
		if err := rows.Scan(&id, &uid, &typ, &data); err != nil {
			return fmt.Errorf("read card UIDs and photos: %w", err)
		}
		if i, ok := at[id]; ok {
			if len(data) > 0 {
				cards[i].Photo, cards[i].PhotoType = data, typ
			}
			if uid != "" {
				cards[i].UID = uid
			}
		}
	}
	return rows.Err()
}

// splitName guesses given and family names for a vCard's N, which address
// books sort by: the last word is the family name. The display name (FN)
// stays the name as the user wrote it.
func splitName(name string) (first, last string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return name, ""
	}
	return strings.TrimSpace(name[:i]), name[i+1:]
}
