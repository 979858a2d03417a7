// Command benchdirectory measures directory searches on a demo center, the
// issue's figure (a filtered search's p95 under 20 ms on PostgreSQL with
// 20,000 volunteers). It is not part of the ally binary. Fill the center
// first:
//
//	ally demo --center --students 100000 --volunteers 20000 --seed 1 --db "$DSN"
//	go run ./scripts/benchdirectory -db "$DSN" -n 500
//
// Each round is one student (a different one each time, so that what they
// have in common differs) searching with one of a few filter sets; it
// prints the percentiles of each set and of all together.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

func main() {
	dsn := flag.String("db", "", "the demo center's database (a postgres:// URL or a SQLite file)")
	n := flag.Int("n", 300, "searches per filter set")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the searches to this file")
	flag.Parse()
	ctx := context.Background()
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	students, err := st.Accounts(ctx, model.RoleStudent)
	if err != nil || len(students) == 0 {
		log.Fatalf("no students in %s (run ally demo --center first): %v", *dsn, err)
	}
	sets := []struct {
		name string
		q    model.DirectoryQuery
	}{
		{"field", model.DirectoryQuery{Field: "Public policy"}},
		{"field + has room", model.DirectoryQuery{Field: "Software engineering", Available: true}},
		{"field + location", model.DirectoryQuery{Field: "Consulting", Location: "USA"}},
		{"major + channel", model.DirectoryQuery{Major: "Economics", Channel: model.ChannelVideo}},
		{"words + field", model.DirectoryQuery{Text: "fellowships", Field: "Diplomacy"}},
		{"words", model.DirectoryQuery{Text: "career switch"}},
		{"page 3 of a field", model.DirectoryQuery{Field: "Law", Page: 3}},
		{"no filter (all)", model.DirectoryQuery{}},
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	now := time.Now()
	var all []time.Duration
	searches := 0
	// first is each set's first search: its matches are read from the
	// database; the next ones of the set may find them kept (until the
	// directory changes), and count only the requests afresh.
	fmt.Printf("%-20s %6s %8s %8s %8s %8s %8s %8s\n", "search", "n", "matches", "first", "p50", "p95", "p99", "max")
	for si, set := range sets {
		var ds []time.Duration
		total := 0
		for i := range *n {
			acct := students[(si*(*n)+i*7919)%len(students)]
			sp, _, err := st.StudentProfile(ctx, acct.ID)
			if err != nil {
				log.Fatal(err)
			}
			start := time.Now()
			page, err := st.Directory(ctx, set.q, sp, now)
			d := time.Since(start)
			if err != nil {
				log.Fatal(err)
			}
			total = page.Total
			ds = append(ds, d)
			searches++
		}
		if !slices.Contains([]string{"no filter (all)"}, set.name) {
			all = append(all, ds...)
		}
		p := percentiles(ds)
		fmt.Printf("%-20s %6d %8d %8s %8s %8s %8s %8s\n", set.name, len(ds), total, ds[0].Round(10*time.Microsecond), p[0], p[1], p[2], p[3])
	}
	p := percentiles(all)
	fmt.Printf("%-20s %6d %8s %8s %8s %8s %8s %8s\n", "filtered, together", len(all), "", "", p[0], p[1], p[2], p[3])
	// On a busy machine the times above wait for a CPU; the CPU this
	// process spent (user and system) a search does not.
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		fmt.Printf("this process's CPU: %s in all, %s a search (every set, the student reads included)\n",
			cpu.Round(time.Millisecond), (cpu / time.Duration(searches)).Round(10*time.Microsecond))
	}
}

// percentiles are the p50, p95, p99 and the maximum, rounded.
func percentiles(ds []time.Duration) [4]time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration {
		return s[min(len(s)-1, int(q*float64(len(s))))].Round(10 * time.Microsecond)
	}
	return [4]time.Duration{at(0.50), at(0.95), at(0.99), s[len(s)-1].Round(10 * time.Microsecond)}
}
