//go:build unix

package cputime

import "testing"

func TestProcessGrowsWithWork(t *testing.T) {
	before := Process()
	if before <= 0 {
		t.Fatalf("Process() = %v at start, want > 0", before)
	}
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i ^ (x >> 3)
	}
	if after := Process(); after < before {
		t.Fatalf("Process() went back: %v then %v (x=%d)", before, after, x)
	}
}
