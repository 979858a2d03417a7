package store

import "testing"

func TestMemoServesOnlyItsVersionWithinItsBounds(t *testing.T) {
	m := memo[string, int]{max: 3, budget: 10}
	m.put("a", 1, 100, 4)
	if v, ok := m.get("a", 1); !ok || v != 100 {
		t.Fatalf("a at 1: %v %v", v, ok)
	}
	if _, ok := m.get("a", 2); ok {
		t.Error("a value read at version 1 is served at version 2")
	}
	m.put("a", 0, 99, 1) // an older read, finished late, does not replace it
	if v, _ := m.get("a", 1); v != 100 {
		t.Errorf("an older version replaced a newer one: %v", v)
	}
	m.put("huge", 1, 1, 11) // over the whole budget: not kept
	if _, ok := m.get("huge", 1); ok {
		t.Error("a value over the budget is kept")
	}
	m.put("b", 1, 2, 4)
	m.put("c", 1, 3, 4) // 12 > 10: something goes
	if m.total > m.budget || len(m.entries) > m.max {
		t.Errorf("over its bounds: %d entries weighing %d", len(m.entries), m.total)
	}
	if v, ok := m.get("c", 1); !ok || v != 3 {
		t.Errorf("the newest value is not kept: %v %v", v, ok)
	}
	for _, k := range []string{"d", "e", "f"} {
		m.put(k, 1, 0, 1)
	}
	if len(m.entries) > m.max || m.total > m.budget {
		t.Errorf("over its bounds: %d entries weighing %d", len(m.entries), m.total)
	}
	sum := 0
	for _, e := range m.entries {
		sum += e.cost
	}
	if sum != m.total {
		t.Errorf("the kept total %d is not the entries' %d", m.total, sum)
	}
}
