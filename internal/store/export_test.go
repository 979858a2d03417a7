package store

import "context"

// ForceSchemaVersion pretends a newer Ally migrated the database.
func ForceSchemaVersion(ctx context.Context, s *Store, v int64) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES ($1, TRUE)`, v)
	return err
}
