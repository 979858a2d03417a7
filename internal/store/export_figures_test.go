package store

import "context"

// HasColumnForTest lets the tests see whether a migration has run.
func HasColumnForTest(ctx context.Context, s *Store, table, column string) (bool, error) {
	return hasColumn(ctx, s.r, s.dialect, table, column)
}

// ExecForTest runs a statement the tests need and no API offers.
func ExecForTest(ctx context.Context, s *Store, query string, args ...any) error {
	_, err := s.w.ExecContext(ctx, query, args...)
	return err
}
