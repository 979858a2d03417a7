package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ally-dev/ally/internal/cli"
	"github.com/ally-dev/ally/internal/model"
)

func TestUserExportAndDelete(t *testing.T) {
	eachAlly(t, func(t *testing.T, a *ally) {
		ctx := context.Background()
		initCenterCLI(a)
		a.run(0, "user", "add", "sam@westlake.edu", "--name", "Sam Lee", "--role", "student")
		st := a.openStore()
		sam, _, err := st.AccountByEmail(ctx, "sam@westlake.edu")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.For(sam.ID).CreatePerson(ctx, &model.Person{Name: "Quinn Zhao"}, ixNow); err != nil {
			t.Fatal(err)
		}

		var doc struct {
			For     string `json:"for"`
			Account struct {
				Email string `json:"email"`
			} `json:"account"`
			Personal *struct {
				People []struct {
					Name string `json:"name"`
				} `json:"people"`
			} `json:"personal"`
		}
		if err := json.Unmarshal([]byte(a.run(0, "user", "export", "SAM@westlake.edu")), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.For != "user" || doc.Account.Email != "sam@westlake.edu" || doc.Personal == nil || len(doc.Personal.People) != 1 ||
			doc.Personal.People[0].Name != "Quinn Zhao" {
			t.Errorf("user export: %+v", doc)
		}
		doc.Personal = nil
		if err := json.Unmarshal([]byte(a.run(0, "user", "export", "sam@westlake.edu", "--center")), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.For != "center" || doc.Personal != nil {
			t.Errorf("the center's export: %+v", doc)
		}
		a.fails(cli.ExitError, "no account has the email", "", "user", "export", "nobody@westlake.edu")

		a.fails(cli.ExitUsage, "cannot be undone: run it again with --yes", "", "user", "delete", "sam@westlake.edu")
		a.fails(cli.ExitError, "no account has the email", "", "user", "delete", "nobody@westlake.edu", "--yes")
		a.fails(cli.ExitError, "at least one active advisor", "", "user", "delete", "ada@westlake.edu", "--yes")
		var gone cli.DeleteOut
		a.json(&gone, "user", "delete", "sam@westlake.edu", "--yes")
		if gone.Email != "sam@westlake.edu" || gone.Tombstone == 0 || gone.Requests != 0 {
			t.Errorf("user delete: %+v", gone)
		}
		if list := a.run(0, "user", "list"); strings.Contains(list, "sam@") || strings.Contains(list, "former member") {
			t.Errorf("user list after the deletion:\n%s", list)
		}
		a.fails(cli.ExitError, "no account has the email", "", "user", "export", "sam@westlake.edu")
		es, err := st.AuditLog(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range es {
			actions = append(actions, e.Action+" "+e.Target)
		}
		got := strings.Join(actions, "\n")
		for _, want := range []string{"user.delete deleted account", "user.export deleted account"} {
			if !strings.Contains(got, want) {
				t.Errorf("the audit log lacks %q:\n%s", want, got)
			}
		}
		if strings.Contains(got, "sam@") {
			t.Errorf("the audit log still names Sam:\n%s", got)
		}
	})
}
