package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ally-dev/ally/internal/demo"
	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/method/etiquette"
	"github.com/ally-dev/ally/internal/method/questions"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
	"github.com/ally-dev/ally/internal/store/storetest"
)

// storyDB fills a database with the demo story and something of every
// table the story leaves empty: a photo, marks on the agenda, a calendar
// feed, settings.
func storyDB(t *testing.T, db *storetest.DB) *store.Scope {
	t.Helper()
	ctx := context.Background()
	sc := db.Scope()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sc.LoadBulk(ctx, demo.Story(now, ny), now); err != nil {
		t.Fatal(err)
	}
	s, _ := sc.Settings(ctx)
	s.TimeZone, s.UserName, s.KeepInTouchByTag = "America/New_York", "Jordan \"JJ\" Lee", map[string]int{"mentor": 30}
	if err := sc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	importFile(t, sc, store.ImportVCard, "vcard/apple-3.0.vcf", true)
	actions, err := sc.Agenda(ctx, now)
	if err != nil || len(actions) < 3 {
		t.Fatalf("agenda: %d actions, %v", len(actions), err)
	}
	var marked []string
	for _, a := range actions {
		if a.Kind == method.ActFindPerspective || len(marked) == 2 {
			continue
		}
		if len(marked) == 0 {
			_, err = sc.MarkDone(ctx, a.ID, now)
		} else {
			_, err = sc.Snooze(ctx, a.ID, now.Add(48*time.Hour), now)
		}
		if err != nil {
			t.Fatal(err)
		}
		marked = append(marked, a.ID)
	}
	if _, err := sc.NewCalendarFeed(ctx, now); err != nil {
		t.Fatal(err)
	}
	laterRecords(t, sc)
	return sc
}

// laterRecords writes a record in each table later migrations added:
// templates and messages, questions, their choices and notes, guides and
// captures.
func laterRecords(t *testing.T, sc *store.Scope) {
	t.Helper()
	ctx := context.Background()
	if _, err := sc.CreateTemplate(ctx, etiquette.Template{Name: "My short thanks", Kind: etiquette.ThankYou, Channel: etiquette.Email,
		Subject: "Thank you", Body: "{{.Greeting}}\n\nThank you for your time and your advice."}, now); err != nil {
		t.Fatal(err)
	}
	convos, err := sc.Conversations(ctx, store.ConversationFilter{States: []model.State{model.StateHeld, model.StateThanked}})
	if err != nil || len(convos) == 0 {
		t.Fatalf("held conversations: %v %v", convos, err)
	}
	c := convos[0]
	if err := sc.AddMessage(ctx, &store.Message{Person: c.Person, ConversationID: c.ID, Kind: etiquette.ThankYou, Channel: etiquette.Email,
		TemplateID: "my-short-thanks", Subject: "Thank you", Body: "Thank you!", Via: store.ViaManual, SentAt: now}, now); err != nil {
		t.Fatal(err)
	}
	q := &questions.Question{Topic: questions.TopicWork, Text: "What surprised you most in your first year?"}
	if err := sc.AddQuestion(ctx, q, now); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.FavouriteQuestion(ctx, q.ID, true, now); err != nil {
		t.Fatal(err)
	}
	// A favourite goes into the guide built now.
	if _, err := sc.Guide(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.SaveQuestionNote(ctx, &store.QuestionNote{ConversationID: c.ID, QuestionID: q.ID, Text: "The paperwork."}, now); err != nil {
		t.Fatal(err)
	}
	if err := sc.AddCapture(ctx, &store.Capture{ConversationID: c.ID, Kind: store.CaptureTerm, Text: "MS4 permit"}, now); err != nil {
		t.Fatal(err)
	}
}

func export(t *testing.T, sc *store.Scope) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := sc.Export(context.Background(), &b, now); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// fresh opens another empty database of the same kind as db.
func fresh(t *testing.T, db *storetest.DB) *storetest.DB {
	if db.Name == "postgres" {
		return storetest.Postgres(t)
	}
	return storetest.SQLite(t)
}

func TestExportRestoreRoundTripIsExact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := storyDB(t, db)
		first := export(t, sc)

		db2 := fresh(t, db)
		// An export of the empty database makes keys the restore replaces.
		export(t, db2.Scope())
		counts, problems, err := db2.Scope().Restore(ctx, bytes.NewReader(first), now)
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) != 0 {
			t.Errorf("a clean export restored with problems: %v", problems)
		}
		if counts["people"] == 0 || counts["events"] == 0 || counts["person_photos"] != 1 || counts["action_marks"] != 2 || counts["search_docs"] == 0 {
			t.Errorf("restore counts: %v", counts)
		}
		second := export(t, db2.Scope())
		if !bytes.Equal(first, second) {
			t.Fatalf("export → restore → export differs:\n%s", diffLines(string(first), string(second)))
		}
		// Row by row, every table, the derived ones too.
		a, b := dumpTables(t, db), dumpTables(t, db2)
		for table, rows := range a {
			if !slices.Equal(rows, b[table]) {
				t.Errorf("table %s differs after the round trip:\nonly before: %q\nonly after:  %q", table, minus(rows, b[table]), minus(b[table], rows))
			}
		}
		if len(a) != len(b) {
			t.Errorf("tables %d before, %d after", len(a), len(b))
		}
		// The restored database is usable: new records take new ids.
		p := mustPerson(t, db2.Scope(), &model.Person{Name: "After Restore"})
		if p.ID <= int64(counts["people"]) {
			t.Errorf("a new person took id %d", p.ID)
		}
	})
}

// lineOf is the 1-based line where s first holds sub.
func lineOf(s, sub string) int { return strings.Count(s[:strings.Index(s, sub)], "\n") + 1 }

// minus returns the rows of a that are not in b.
func minus(a, b []string) []string {
	var out []string
	for _, r := range a {
		if !slices.Contains(b, r) {
			out = append(out, r)
		}
	}
	return out
}

// tableNames lists the tables of a database, without SQLite's full-text
// shadow tables.
func tableNames(t *testing.T, db *storetest.DB, raw *sql.DB) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_docs_%' AND name NOT LIKE 'volunteer_search_%' AND name NOT LIKE 'sqlite_%'`
	if db.Name == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
	}
	rows, err := raw.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func rawDB(t *testing.T, db *storetest.DB) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if db.Name == "postgres" {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, db.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// dumpTables reads every row of every table as text, sorted, leaving out
// what differs between two databases by nature: the schema history and
// the user's write counters (version, shown_version, and agenda_writes,
// which notes writes by version).
func dumpTables(t *testing.T, db *storetest.DB) map[string][]string {
	t.Helper()
	raw := rawDB(t, db)
	out := map[string][]string{}
	for _, table := range tableNames(t, db, raw) {
		if table == "goose_db_version" || table == "agenda_writes" {
			continue
		}
		q := "SELECT * FROM " + table
		if table == "search_docs" && db.Name == "sqlite" {
			q = "SELECT rowid, * FROM search_docs"
		}
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := scanRow(t, rows, len(cols))
			var b strings.Builder
			for i, v := range vals {
				if table == "users" && (cols[i] == "version" || cols[i] == "shown_version") {
					continue
				}
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%v|", cols[i], v)
			}
			out[table] = append(out[table], b.String())
		}
		rows.Close()
		slices.Sort(out[table])
	}
	return out
}

// TestExportCoversEveryTable fails when a migration adds a table that the
// JSON export does not carry: list it in exportTables (internal/store/
// export.go) and docs/export-format.md. The search index and the next
// actions (with their counts by day) are derived from the records and
// rebuilt on restore (the round-trip test compares them row by row); the
// writes noted for the home page kept drawn (agenda_writes) go with the
// write counter, which no export carries.
func TestExportCoversEveryTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		covered := append(store.ExportedTables(), "users", "search_docs", "next_actions", "action_days", "agenda_writes", "goose_db_version", "instance_facts")
		covered = append(covered, store.UnexportedTables()...)
		for _, table := range tableNames(t, db, rawDB(t, db)) {
			if !slices.Contains(covered, table) {
				t.Errorf("table %s is not in the JSON export: add it to exportTables in internal/store/export.go and to docs/export-format.md", table)
			}
		}
	})
}

func TestRestoreMovesIdsWhenTakenAndKeepsUIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := storyDB(t, db)
		doc := export(t, sc)
		cards, err := sc.Cards(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}

		// A server where another user's records took the ids.
		db2 := fresh(t, db)
		storyDB(t, db2)
		other, err := db2.Store.NewUser(ctx, "Student", now)
		if err != nil {
			t.Fatal(err)
		}
		sc2 := db2.Store.For(other)
		if _, _, err := sc2.Restore(ctx, bytes.NewReader(doc), now); err != nil {
			t.Fatal(err)
		}
		cards2, err := sc2.Cards(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(cards) != len(cards2) {
			t.Fatalf("%d cards, then %d", len(cards), len(cards2))
		}
		for i := range cards {
			if cards[i].UID != cards2[i].UID || cards[i].Name != cards2[i].Name {
				t.Errorf("card %d: %s %q, then %s %q", i, cards[i].UID, cards[i].Name, cards2[i].UID, cards2[i].Name)
			}
		}
		// Marks on the agenda follow their records to their new ids.
		a1, _ := sc.Agenda(ctx, now)
		a2, _ := sc2.Agenda(ctx, now)
		if len(a1) != len(a2) {
			t.Errorf("agenda: %d actions, then %d after the restore", len(a1), len(a2))
		}
		if res, err := results(sc2.Search(ctx, "Chidi", 5)); err != nil || len(res) != 1 {
			t.Errorf("search after restore: %v %v", res, err)
		}
		// The user's own question moved to a new id, and the guide and
		// notes that name it followed.
		convos, err := sc2.Conversations(ctx, store.ConversationFilter{States: []model.State{model.StateHeld, model.StateThanked}})
		if err != nil || len(convos) == 0 {
			t.Fatal(convos, err)
		}
		notes, err := sc2.QuestionNotes(ctx, store.QuestionNoteFilter{ConversationID: convos[0].ID})
		if err != nil || len(notes) != 1 || notes[0].Question != "What surprised you most in your first year?" {
			t.Fatalf("notes after restore: %+v %v", notes, err)
		}
		q, err := sc2.Question(ctx, notes[0].QuestionID)
		if err != nil || q.Text != notes[0].Question || q.ID == "u1" {
			t.Errorf("own question %q after restore: %+v %v", notes[0].QuestionID, q, err)
		}
		g, err := sc2.Guide(ctx, convos[0].ID, now)
		if err != nil || !slices.ContainsFunc(g.Questions, func(x questions.Question) bool { return x.ID == q.ID }) {
			t.Errorf("the guide lost the moved question %s: %v", q.ID, err)
		}
	})
}

func TestRestoreRefusesBadDocumentsAndChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		good := string(export(t, storyDB(t, db)))
		target := fresh(t, db)
		empty := snapshot(t, target.Scope())
		tests := []struct{ name, doc, want string }{
			{"empty", "", "empty"},
			{"not JSON", "%PDF-1.4", "line 1: not valid JSON"},
			{"another JSON", `{"format": "something", "version": 1}`, `not an Ally JSON export`},
			{"a newer version", strings.Replace(good, `"version": 1`, `"version": 99`, 1), "newer Ally"},
			{"an unknown section", strings.Replace(good, `"people": [`, `"robots": [], "people": [`, 1), `unknown section "robots"`},
			{"cut short", good[:len(good)/2], "cut short"},
			{"a bad state", strings.Replace(good, `"state": "held"`, `"state": "haunted"`, 1), `conversations[`},
			{"a missing column", strings.Replace(good, `"role": `, `"rôle": `, 1), fmt.Sprintf("line %d: people[0].role: is missing", lineOf(good, `"people": [`)+1)},
			{"a broken reference", strings.Replace(good, `{"person_id": `, `{"person_id": 9999`, 1), "person"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := target.Scope().Restore(ctx, strings.NewReader(tt.doc), now)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error %v, want one mentioning %q", err, tt.want)
				}
				if snapshot(t, target.Scope()) != empty {
					t.Fatal("a failed restore left records behind")
				}
			})
		}
		if _, _, err := target.Scope().Restore(ctx, strings.NewReader(good), now); err != nil {
			t.Fatal(err)
		}
		_, _, err := target.Scope().Restore(ctx, strings.NewReader(good), now)
		if !errors.Is(err, store.ErrNotEmpty) {
			t.Fatalf("restoring into a database with records: %v", err)
		}
	})
}

// An export written before a column was added has no key for it: the
// restore reads the column's zero value ("" or false), as version 1
// promises, rather than refusing the document.
func TestRestoreReadsAnOlderExportWithoutLaterColumns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *storetest.DB) {
		ctx := context.Background()
		sc := storyDB(t, db)
		var doc map[string]any
		if err := json.Unmarshal(export(t, sc), &doc); err != nil {
			t.Fatal(err)
		}
		dropped := 0
		for table, col := range map[string]string{"people": "name_permission", "fields": "pursuing"} {
			rows, _ := doc[table].([]any)
			for _, r := range rows {
				if m, ok := r.(map[string]any); ok {
					if _, has := m[col]; has {
						delete(m, col)
						dropped++
					}
				}
			}
		}
		if dropped == 0 {
			t.Fatal("the story's export has no people or fields to age")
		}
		older, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		db2 := fresh(t, db)
		other, err := db2.Store.NewUser(ctx, "Student", now)
		if err != nil {
			t.Fatal(err)
		}
		sc2 := db2.Store.For(other)
		if _, _, err := sc2.Restore(ctx, bytes.NewReader(older), now); err != nil {
			t.Fatalf("restoring an export older than name_permission and pursuing: %v", err)
		}
		people, _, err := sc2.People(ctx, store.PeopleFilter{})
		if err != nil || len(people) == 0 {
			t.Fatalf("people after the restore: %d, %v", len(people), err)
		}
		for _, p := range people {
			if p.NamePermission != "" {
				t.Errorf("%s: name permission %q, want none asked", p.Name, p.NamePermission)
			}
		}
	})
}
