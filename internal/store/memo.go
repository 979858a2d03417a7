package store

import "sync"

// memo keeps values read from the database, each under the version of the
// records it was read at: a value is served only while the version it was
// read at is still the database's, so that every instance serving one
// database answers as the database does. cost bounds what it keeps (a
// value's cost is what the caller says it weighs; entries are dropped,
// any of them, until the total fits).
type memo[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]memoEntry[V]
	total   int
	budget  int // the most the values may weigh together
	max     int // the most entries
}

type memoEntry[V any] struct {
	version int64
	value   V
	cost    int
}

func (m *memo[K, V]) get(key K, version int64) (V, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[key]
	return e.value, ok && e.version == version
}

// put keeps value for key at version, unless a newer version is kept
// already or the value alone weighs more than the budget.
func (m *memo[K, V]) put(key K, version int64, value V, cost int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.budget > 0 && cost > m.budget {
		return
	}
	if m.entries == nil {
		m.entries = map[K]memoEntry[V]{}
	}
	if e, ok := m.entries[key]; ok {
		if e.version > version {
			return
		}
		m.total -= e.cost
		delete(m.entries, key)
	}
	for k, e := range m.entries {
		if len(m.entries) < m.max && (m.budget == 0 || m.total+cost <= m.budget) {
			break
		}
		m.total -= e.cost
		delete(m.entries, k)
	}
	m.entries[key] = memoEntry[V]{version: version, value: value, cost: cost}
	m.total += cost
}
