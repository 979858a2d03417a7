package store

import "testing"

// Statements SQLite may carry out while preparing them (PRAGMA), or texts
// of several statements, are never prepared ahead and kept.
func TestKeptStatementsLeavePragmasAndScriptsAlone(t *testing.T) {
	for q, want := range map[string]bool{
		`SELECT id FROM people WHERE owner_id = $1`: true,
		`  pragma cache_size = -4096`:               false,
		`PRAGMA cache_size`:                         false,
		`DELETE FROM a; DELETE FROM b`:              false,
		`UPDATE users SET version = version + 1`:    true,
	} {
		if got := keepable(q); got != want {
			t.Errorf("keepable(%q) = %v, want %v", q, got, want)
		}
	}
}
