package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// The benchmark dataset: 5,000 people, 2,000 conversations and
// 20,000 activities. Run with:
//
//	ALLY_TEST_POSTGRES=postgres://... go test -run '^$' -bench . ./internal/store/
const benchPeople = 5000

func benchDBs(b *testing.B, fn func(b *testing.B, db *storetest.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, storetest.Postgres(b)) })
}

func loaded(b *testing.B, db *storetest.DB) *store.Scope {
	b.Helper()
	sc := db.Scope()
	if _, err := sc.LoadBulk(context.Background(), demo.Synthetic(benchPeople, 1, storetest.Now), storetest.Now); err != nil {
		b.Fatal(err)
	}
	return sc
}

// BenchmarkAgenda reads the whole agenda (every action, not one page) as
// `ally next` and the calendar feed do: nothing was written since the last
// read.
func BenchmarkAgenda(b *testing.B) {
	benchAgenda(b, false)
}

// BenchmarkAgendaCold reads the whole agenda right after a write: each
// round logs a touch with a person who has conversations (which derives
// that person's and their conversations' actions again) and then reads.
// The figure is the write and the read together.
func BenchmarkAgendaCold(b *testing.B) {
	benchAgenda(b, true)
}

func benchAgenda(b *testing.B, cold bool) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := loaded(b, db)
		ctx := context.Background()
		convos, err := sc.Conversations(ctx, store.ConversationFilter{Limit: 1})
		if err != nil || len(convos) == 0 {
			b.Fatalf("no conversation to write to: %v", err)
		}
		person := convos[0].Person
		n := 0
		for b.Loop() {
			if cold {
				a := &model.Activity{Person: person, Kind: model.ActUpdateSent, At: storetest.Now.Add(-time.Hour)}
				if err := sc.AddActivity(ctx, a, storetest.Now); err != nil {
					b.Fatal(err)
				}
			}
			actions, err := sc.Agenda(ctx, storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			n = len(actions)
		}
		b.ReportMetric(float64(n), "actions")
	})
}

func BenchmarkSearch(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := loaded(b, db)
		ctx := context.Background()
		queries := []string{"fieldwork", "grants deadlines", "Dana", "mentoring conf"}
		i, hits := 0, 0
		for b.Loop() {
			res, err := results(sc.Search(ctx, queries[i%len(queries)], 20))
			if err != nil {
				b.Fatal(err)
			}
			hits += len(res)
			i++
		}
		b.ReportMetric(float64(hits)/float64(i), "hits/op")
	})
}

func BenchmarkBulkLoad(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		data := demo.Synthetic(benchPeople, 1, storetest.Now)
		ctx := context.Background()
		rows := 0
		for i := 0; i < b.N; i++ {
			b.StopTimer() // only the load counts
			owner, err := db.Store.NewUser(ctx, "bench", storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			counts, err := db.Store.For(owner).LoadBulk(ctx, data, storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			rows += counts.Rows()
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	})
}

// BenchmarkAgendaPage50k reads one page of the agenda (the API's default
// hundred actions, and the home page's twenty overdue) of 50,000 people:
// an indexed query of the page, whatever the size of the network.
func BenchmarkAgendaPage50k(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := db.Scope()
		ctx := context.Background()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(50000, 1, storetest.Now), storetest.Now); err != nil {
			b.Fatal(err)
		}
		b.Run("api-100", func(b *testing.B) {
			// The API's handler has the settings already, from the
			// version that keys its kept pages.
			_, settings, err := sc.AgendaVersion(ctx)
			if err != nil {
				b.Fatal(err)
			}
			loc := settings.Location()
			n := 0
			backends := serverCPU(b, db)
			cpu, serverStart := cpuTime(), backends()
			for b.Loop() {
				page, err := sc.AgendaPage(ctx, storetest.Now, loc, nil, 100)
				if err != nil {
					b.Fatal(err)
				}
				n = len(page)
			}
			reportCPU(b, cpu)
			if db.Name == "postgres" {
				// The server's share: planning and running the page's query.
				b.ReportMetric(float64(backendsSince(serverStart, backends()))/float64(b.N)/1e6, "server-cpu-ms/op")
			}
			b.ReportMetric(float64(n), "actions")
		})
		b.Run("overdue-20", func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, err := sc.Actions(ctx, storetest.Now, store.ActionRange{To: storetest.Now, Limit: 20}); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
		b.Run("counts", func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if _, err := sc.ActionCounts(ctx, storetest.Now, storetest.Now.Add(9*time.Hour), storetest.Now.Add(7*24*time.Hour)); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	})
}

// BenchmarkDueBetween is the career center's reminder query over 100,000
// owners with three actions each, due over one day: the actions falling
// due in the next five minutes (a reminder run every five minutes) and in
// the next hour. Its cost follows the rows it returns, not the owners.
func BenchmarkDueBetween(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		ctx := context.Background()
		if _, err := store.SeedDueActions(ctx, db.Store, 100000, 3, storetest.Now); err != nil {
			b.Fatal(err)
		}
		for _, window := range []time.Duration{5 * time.Minute, time.Hour} {
			b.Run(window.String(), func(b *testing.B) {
				n := 0
				cpu := cpuTime()
				for b.Loop() {
					due, err := db.Store.DueBetween(ctx, storetest.Now, storetest.Now.Add(window), 100000)
					if err != nil {
						b.Fatal(err)
					}
					n = len(due)
				}
				reportCPU(b, cpu)
				b.ReportMetric(float64(n), "actions")
			})
		}
	})
}

// BenchmarkWriteThenAgendaPage is the first view after a write at 5,000
// people: a touch logged (which derives that person's and their
// conversations' actions again), then the home page's reads — the counts
// and the first twenty overdue.
func BenchmarkWriteThenAgendaPage(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := loaded(b, db)
		ctx := context.Background()
		convos, err := sc.Conversations(ctx, store.ConversationFilter{Limit: 1})
		if err != nil || len(convos) == 0 {
			b.Fatalf("no conversation to write to: %v", err)
		}
		cpu := cpuTime()
		for b.Loop() {
			a := &model.Activity{Person: convos[0].Person, Kind: model.ActUpdateSent, At: storetest.Now.Add(-time.Hour)}
			if err := sc.AddActivity(ctx, a, storetest.Now); err != nil {
				b.Fatal(err)
			}
			if _, err := sc.ActionCounts(ctx, storetest.Now, storetest.Now.Add(9*time.Hour), storetest.Now.Add(7*24*time.Hour)); err != nil {
				b.Fatal(err)
			}
			if _, err := sc.Actions(ctx, storetest.Now, store.ActionRange{To: storetest.Now, Limit: 20}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
}

// BenchmarkSearch50k searches 50,000 people for a word in half the
// records, and for a rarer one.
func BenchmarkSearch50k(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := db.Scope()
		ctx := context.Background()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(50000, 1, storetest.Now), storetest.Now); err != nil {
			b.Fatal(err)
		}
		for _, q := range []string{"fieldwork", "dana"} {
			b.Run(q, func(b *testing.B) {
				hits := 0
				for b.Loop() {
					res, err := results(sc.Search(ctx, q, 20))
					if err != nil {
						b.Fatal(err)
					}
					hits = len(res)
				}
				b.ReportMetric(float64(hits), "hits")
			})
		}
	})
}

// BenchmarkDirectorySearch is a student's filtered search of a center of
// 2,000 volunteers (the figure at 20,000 comes from scripts/benchdirectory
// on `ally demo --center`): the ranking reads every match, so its cost
// grows with the matches, not the page.
func BenchmarkDirectorySearch(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		ctx := context.Background()
		if _, err := db.Store.InitCenter(ctx, "Bench Center", model.NewAccount{Email: "advisor@bench.edu", Name: "Advisor"}, storetest.Now); err != nil {
			b.Fatal(err)
		}
		if err := db.Store.LoadCenterMembers(ctx, demo.CenterMembers(200, 2000, 1, storetest.Now, ""), model.CLIActor(), storetest.Now); err != nil {
			b.Fatal(err)
		}
		students, err := db.Store.Accounts(ctx, model.RoleStudent)
		if err != nil || len(students) == 0 {
			b.Fatalf("students: %v", err)
		}
		sp, _, err := db.Store.StudentProfile(ctx, students[0].ID)
		if err != nil {
			b.Fatal(err)
		}
		q := model.DirectoryQuery{Field: "Public policy", Available: true}
		n := 0
		for b.Loop() {
			page, err := db.Store.Directory(ctx, q, sp, storetest.Now)
			if err != nil {
				b.Fatal(err)
			}
			n = page.Total
		}
		b.ReportMetric(float64(n), "matches")
	})
}

// reportCPU reports the CPU time of this process per iteration since
// start (cpuTime), in milliseconds: on SQLite the query's whole cost, on
// PostgreSQL the client's share only (the server's is its own process).
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// BenchmarkWrite50k is a write at 50,000 people, the derivation of its
// next actions included: a touch logged with a person who has
// conversations, a conversation created in a field and asked for (two
// writes), and a field's target changed (which ranks again the reach-outs
// of the field's people where its coverage moved).
func BenchmarkWrite50k(b *testing.B) {
	benchDBs(b, func(b *testing.B, db *storetest.DB) {
		sc := db.Scope()
		ctx := context.Background()
		if _, err := sc.LoadBulk(ctx, demo.Synthetic(50000, 1, storetest.Now), storetest.Now); err != nil {
			b.Fatal(err)
		}
		convos, err := sc.Conversations(ctx, store.ConversationFilter{Limit: 1})
		if err != nil || len(convos) == 0 || len(convos[0].Fields) == 0 {
			b.Fatalf("no conversation in a field to write to: %v", err)
		}
		b.Run("touch", func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				a := &model.Activity{Person: convos[0].Person, Kind: model.ActUpdateSent, At: storetest.Now.Add(-time.Hour)}
				if err := sc.AddActivity(ctx, a, storetest.Now); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
		b.Run("request", func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				c := &model.Conversation{Person: convos[0].Person, Fields: convos[0].Fields}
				if err := sc.CreateConversation(ctx, c, storetest.Now); err != nil {
					b.Fatal(err)
				}
				if _, err := sc.Step(ctx, c.ID, method.Step{To: model.StateRequested, At: storetest.Now}, "", storetest.Now); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
		b.Run("target", func(b *testing.B) {
			f, err := sc.Field(ctx, convos[0].Fields[0].ID)
			if err != nil {
				b.Fatal(err)
			}
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				f.Target = 1 + i%2*50 // covered, then not
				if err := sc.UpdateField(ctx, f, storetest.Now); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	})
}
