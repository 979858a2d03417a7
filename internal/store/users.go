package store

import (
	"context"
	"encoding/json"
	"fmt"
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

// Settings returns the owner's settings over the method's defaults.
func (sc *Scope) Settings(ctx context.Context) (method.Settings, error) {
	s := method.DefaultSettings()
	var raw string
	err := sc.r.QueryRowContext(ctx, `SELECT settings FROM users WHERE id = $1`, sc.owner).Scan(&raw)
	if err != nil {
		return s, noRows(err, "user", sc.owner)
	}
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return s, fmt.Errorf("read settings: %w", err)
	}
	return s, nil
}

// SaveSettings validates and stores the owner's settings.
func (sc *Scope) SaveSettings(ctx context.Context, s method.Settings) error {
	if err := s.Validate(); err != nil {
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
