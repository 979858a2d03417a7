package store

import (
	"context"
	"fmt"
)

// RecordBaseURL keeps the base URL `ally serve` runs with, for the CLI's
// links.
func (s *Store) RecordBaseURL(ctx context.Context, url string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO instance_facts (name, value) VALUES ('base_url', $1)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, url)
	if err != nil {
		return fmt.Errorf("record the base URL: %w", err)
	}
	return nil
}

// RecordedBaseURL is the base URL `ally serve` last ran with, "" if it
// never ran on this database.
func (s *Store) RecordedBaseURL(ctx context.Context) (string, error) {
	var url string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM instance_facts WHERE name = 'base_url'`).Scan(&url)
	if isNoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the base URL: %w", err)
	}
	return url, nil
}
