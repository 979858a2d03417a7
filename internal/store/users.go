package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/ally-dev/ally/internal/method"
)

// LocalUser returns the id of personal mode's single user, creating it on
// first use. It is the first user of the database.
func (s *Store) LocalUser(ctx context.Context, name string, now time.Time) (int64, error) {
	var id int64
	err := s.w.QueryRowContext(ctx, `SELECT id FROM users ORDER BY id LIMIT 1`).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !isNoRows(err) {
		return 0, fmt.Errorf("find local user: %w", err)
	}
	err = s.w.QueryRowContext(ctx, `INSERT INTO users (name, email, settings, created_at) VALUES ($1, '', '{}', $2) RETURNING id`,
		name, ts(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create local user: %w", err)
	}
	return id, nil
}

// smtpPasswordKey is the settings key of the one secret they hold.
const smtpPasswordKey = "smtp_password"

// Settings returns the owner's settings over the method's defaults, the
// SMTP password decrypted. A password that cannot be decrypted (the key
// file was lost, ALLY_SECRET_KEY changed) reads as unset, so that the
// rest of Ally keeps working and the settings ask for it again; it cannot
// be recovered without its key anyway. A request's snapshot
// (WithSnapshot) answers without a statement.
func (sc *Scope) Settings(ctx context.Context) (method.Settings, error) {
	var s method.Settings
	if snap := snapshotOf(ctx, sc.owner); snap != nil {
		var err error
		if s, err = snap.settings(); err != nil {
			return s, err
		}
	} else {
		var raw string
		err := sc.r.QueryRowContext(ctx, `SELECT settings FROM users WHERE id = $1`, sc.owner).Scan(&raw)
		if err != nil {
			return method.DefaultSettings(), noRows(err, "user", sc.owner)
		}
		if s, err = sc.st.decoded.decode(raw); err != nil {
			return s, err
		}
	}
	if pw, err := sc.st.secrets.open(smtpPasswordKey, s.SMTPPassword); err == nil {
		s.SMTPPassword = pw
	} else {
		s.SMTPPassword = ""
	}
	return s, nil
}

// SaveSettings validates and stores the owner's settings, the SMTP
// password encrypted.
func (sc *Scope) SaveSettings(ctx context.Context, s method.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	var err error
	if s.SMTPPassword, err = sc.st.secrets.seal(smtpPasswordKey, s.SMTPPassword); err != nil {
		return err
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return sc.InTx(ctx, func(tx *Scope) error {
		// Every rule reads the settings: derive the owner's actions again, once.
		tx.touchedAll()
		if _, err := tx.w.ExecContext(ctx, `UPDATE users SET settings = $2 WHERE id = $1`, tx.owner, string(raw)); err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		return nil
	})
}

// UpdateSettings changes the owner's settings atomically: change sees the
// settings as they are inside the transaction, so two concurrent changes
// of different settings both hold.
func (sc *Scope) UpdateSettings(ctx context.Context, change func(*method.Settings) error) (method.Settings, error) {
	var s method.Settings
	err := sc.InTx(ctx, func(tx *Scope) error {
		var err error
		if s, err = tx.Settings(ctx); err != nil {
			return err
		}
		if err := change(&s); err != nil {
			return err
		}
		return tx.SaveSettings(ctx, s)
	})
	return s, err
}

// Empty reports whether the owner has no people, fields or organizations
// yet (a conversation needs a person, so it is covered too).
func (sc *Scope) Empty(ctx context.Context) (bool, error) {
	var n int
	err := sc.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM people WHERE owner_id = $1) +
		(SELECT COUNT(*) FROM fields WHERE owner_id = $1) +
		(SELECT COUNT(*) FROM organizations WHERE owner_id = $1)`, sc.owner).Scan(&n)
	return n == 0, err
}

// NewUser creates another user (for the multi-user server and for tests).
func (s *Store) NewUser(ctx context.Context, name string, now time.Time) (int64, error) {
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO users (name, email, settings, created_at) VALUES ($1, '', '{}', $2) RETURNING id`,
		name, ts(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create user: %w", err)
	}
	return id, nil
}

// sealPlaintextSecrets encrypts the SMTP passwords an older Ally stored in
// plain text. On PostgreSQL without a key they stay as they are until one
// is given (each is encrypted on its next save then). Each row is
// rewritten only if it has not changed since it was read.
func (s *Store) sealPlaintextSecrets(ctx context.Context) error {
	if s.secrets.key == nil && s.secrets.keyFile == "" {
		return nil
	}
	rows, err := s.w.QueryContext(ctx, `SELECT id, settings FROM users
		WHERE settings LIKE '%"smtp_password":"_%' AND settings NOT LIKE '%"smtp_password":"`+sealedPrefix+`%'`)
	if err != nil {
		return fmt.Errorf("find plain-text secrets: %w", err)
	}
	type row struct {
		id  int64
		raw string
	}
	var plain []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.raw); err != nil {
			rows.Close()
			return fmt.Errorf("find plain-text secrets: %w", err)
		}
		plain = append(plain, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find plain-text secrets: %w", err)
	}
	for _, r := range plain {
		var m map[string]json.RawMessage
		var pw string
		if err := json.Unmarshal([]byte(r.raw), &m); err != nil {
			return fmt.Errorf("user %d settings: %w", r.id, err)
		}
		if err := json.Unmarshal(m[smtpPasswordKey], &pw); err != nil {
			return fmt.Errorf("user %d settings: %w", r.id, err)
		}
		sealed, err := s.secrets.seal(smtpPasswordKey, pw)
		if err != nil {
			return err
		}
		m[smtpPasswordKey], _ = json.Marshal(sealed)
		out, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if _, err := s.w.ExecContext(ctx, `UPDATE users SET settings = $3 WHERE id = $1 AND settings = $2`, r.id, r.raw, string(out)); err != nil {
			return fmt.Errorf("encrypt user %d's secrets: %w", r.id, err)
		}
	}
	return nil
}

// withoutSecrets returns settings JSON with the secrets it holds blanked
// (""): exports never carry them, and a restore never takes one from a
// file. The keys keep their order, so that a restored database exports
// the same bytes.
func withoutSecrets(settings []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(settings))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("settings are not a JSON object")
	}
	var out bytes.Buffer
	out.WriteByte('{')
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		if tok == smtpPasswordKey {
			value = json.RawMessage(`""`)
		}
		key, _ := json.Marshal(tok)
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		out.Write(key)
		out.WriteByte(':')
		out.Write(value)
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// settingsKept keeps settings decoded, by the text stored: every view of a
// kept page reads the owner's settings (AgendaVersion), which seldom
// change.
type settingsKept struct {
	mu sync.Mutex
	m  map[string]method.Settings
}

// settingsKeptMost bounds the settings kept decoded.
const settingsKeptMost = 256

// decode is the settings stored as raw, over the method's defaults. Each
// caller gets its own copy.
func (k *settingsKept) decode(raw string) (method.Settings, error) {
	k.mu.Lock()
	s, ok := k.m[raw]
	k.mu.Unlock()
	if !ok {
		s = method.DefaultSettings()
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return method.DefaultSettings(), fmt.Errorf("read settings: %w", err)
		}
		k.mu.Lock()
		if k.m == nil || len(k.m) >= settingsKeptMost {
			k.m = map[string]method.Settings{}
		}
		k.m[raw] = s
		k.mu.Unlock()
	}
	s.KeepInTouchByTag = maps.Clone(s.KeepInTouchByTag)
	return s, nil
}
