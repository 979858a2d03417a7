package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/auth"
	"github.com/ally-dev/ally/internal/model"
	"github.com/ally-dev/ally/internal/store"
)

func (a *app) userCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "A career center's accounts: add, list, change roles, disable, API tokens, export, delete",
	}
	cmd.AddCommand(a.userAddCommand(), a.userInviteCommand(), a.userListCommand(), a.userSetCommand(), a.userSignoutCommand(),
		a.userTokenCommand(), a.userTokensCommand(), a.userRevokeTokenCommand(), a.userExportCommand(), a.userDeleteCommand())
	return cmd
}

func rolesText(rs []model.Role) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = string(r)
	}
	return strings.Join(parts, ", ")
}

func (a *app) userAddCommand() *cobra.Command {
	var name string
	var roles []string
	var pwStdin bool
	cmd := &cobra.Command{
		Use:   "add EMAIL",
		Short: "Add an account to the center",
		Long: `Add an account. Roles: student (explores careers), volunteer (talks to
students), advisor (manages the center); give several with commas. With
--password-stdin the first line of standard input is its password.`,
		Example: "  ally user add sam@westlake.edu --name \"Sam Lee\" --role student\n  ally user add kim@example.com --name \"Kim Ortiz\" --role volunteer,student",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			rs, err := model.ParseRoles(strings.Join(roles, ","))
			if err != nil {
				return err
			}
			n := model.NewAccount{Email: as[0], Name: name, Roles: rs}
			if err := n.Validate(); err != nil {
				return err
			}
			if err := a.readPassword(pwStdin, &n); err != nil {
				return err
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			acct, err := a.st.AddAccount(ctx, n, model.CLIActor(), a.now())
			if err != nil {
				return err
			}
			return a.emit(acct, func(w io.Writer) {
				fmt.Fprintf(w, "Added %s (%s) as %s.\n", acct.Email, acct.Name, rolesText(acct.Roles))
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the person's name")
	cmd.Flags().StringSliceVar(&roles, "role", nil, "student, volunteer or advisor (several with commas)")
	cmd.Flags().BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of standard input")
	return cmd
}

func (a *app) userInviteCommand() *cobra.Command {
	var name string
	var roles []string
	cmd := &cobra.Command{
		Use:   "invite EMAIL",
		Short: "Invite someone by email: they choose their own password",
		Long: `Queue an email with a link, good for 7 days, that lets the person choose
their name and password and signs them in. It goes out through the center's
mail server (ally center set --smtp-host) within a minute of ` + "`ally serve`" + `, or
at the next ` + "`ally center tick`" + `. Inviting the same email again withdraws the
older link. The link starts with the base URL the server last ran with.`,
		Example: "  ally user invite kim@example.com --role volunteer --name \"Kim Ortiz\"",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			rs, err := model.ParseRoles(strings.Join(roles, ","))
			if err != nil {
				return err
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			base, err := a.baseURL(ctx, "")
			if err != nil {
				return err
			}
			c, _, err := a.st.Center(ctx)
			if err != nil {
				return err
			}
			links := &auth.Links{Store: a.st, Clock: a.env.Clock, BaseURL: base}
			inv, err := links.Invite(ctx, c.Name, model.Link{Email: as[0], Name: name, Roles: rs}, model.CLIActor(), "")
			if err != nil {
				return err
			}
			return a.emit(inv, func(w io.Writer) {
				fmt.Fprintf(w, "Invited %s as %s; the link works until %s.\n", inv.Email, rolesText(inv.Roles), a.fmtTime(inv.ExpiresAt))
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the person's name (they can change it)")
	cmd.Flags().StringSliceVar(&roles, "role", nil, "student, volunteer or advisor (several with commas)")
	return cmd
}

func (a *app) userListCommand() *cobra.Command {
	var role string
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the center's accounts",
		Example: "  ally user list --role volunteer --json",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			var r model.Role
			if role != "" {
				var err error
				if r, err = model.ParseRole(role); err != nil {
					return err
				}
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			as, err := a.st.Accounts(ctx, r)
			if err != nil {
				return err
			}
			if as == nil {
				as = []model.Account{}
			}
			return a.emit(as, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "EMAIL\tNAME\tROLES\tSTATUS")
				for _, ac := range as {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ac.Email, ac.Name, rolesText(ac.Roles), ac.Status)
				}
				tw.Flush()
			})
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "only accounts with this role")
	return cmd
}

func (a *app) userSetCommand() *cobra.Command {
	var roles []string
	var disable, enable, pwStdin bool
	cmd := &cobra.Command{
		Use:   "set EMAIL",
		Short: "Change an account's roles, disable or enable it, or set its password",
		Long: `Change one thing about an account: its roles (--role, replacing the old
ones), --disable (which ends all of its sessions at once) or --enable, or its
password (--password-stdin, which also ends its sessions).`,
		Example: "  ally user set sam@westlake.edu --role student,volunteer\n  ally user set sam@westlake.edu --disable",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			changes := 0
			for _, b := range []bool{len(roles) > 0, disable, enable, pwStdin} {
				if b {
					changes++
				}
			}
			if changes != 1 {
				return usageError{errors.New("user set takes one of --role, --disable, --enable or --password-stdin")}
			}
			email := as[0]
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			by, now := model.CLIActor(), a.now()
			var acct model.Account
			var err error
			switch {
			case len(roles) > 0:
				var rs []model.Role
				if rs, err = model.ParseRoles(strings.Join(roles, ",")); err != nil {
					return err
				}
				acct, err = a.st.SetRoles(ctx, email, rs, by, now)
			case disable:
				acct, err = a.st.SetStatus(ctx, email, model.StatusDisabled, by, now)
			case enable:
				acct, err = a.st.SetStatus(ctx, email, model.StatusActive, by, now)
			case pwStdin:
				if acct, _, err = a.accountByEmail(cmd, email); err != nil {
					return err
				}
				n := model.NewAccount{Email: acct.Email, Name: acct.Name}
				if err := a.readPassword(true, &n); err != nil {
					return err
				}
				err = a.st.SetPassword(ctx, email, n.PasswordHash, by, now)
			}
			if err != nil {
				return err
			}
			return a.emit(acct, func(w io.Writer) {
				switch {
				case pwStdin:
					fmt.Fprintf(w, "Set the password of %s; their sessions have ended.\n", acct.Email)
				case disable:
					fmt.Fprintf(w, "Disabled %s; their sessions have ended.\n", acct.Email)
				case enable:
					fmt.Fprintf(w, "Enabled %s.\n", acct.Email)
				default:
					fmt.Fprintf(w, "%s is now %s.\n", acct.Email, rolesText(acct.Roles))
				}
			})
		},
	}
	cmd.Flags().StringSliceVar(&roles, "role", nil, "the account's roles from now on (several with commas)")
	cmd.Flags().BoolVar(&disable, "disable", false, "stop the account signing in, and end its sessions")
	cmd.Flags().BoolVar(&enable, "enable", false, "let a disabled account sign in again")
	cmd.Flags().BoolVar(&pwStdin, "password-stdin", false, "set the password from the first line of standard input")
	return cmd
}

// SignoutOut is what `ally user signout --json` prints.
type SignoutOut struct {
	Email    string `json:"email"`
	Sessions int    `json:"sessions_ended"`
}

func (a *app) userSignoutCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "signout EMAIL",
		Short:   "End all of an account's sessions, on every device (its API tokens stay)",
		Example: "  ally user signout sam@westlake.edu",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			n, err := a.st.EndSessions(ctx, as[0], model.CLIActor(), a.now())
			if err != nil {
				return err
			}
			return a.emit(SignoutOut{Email: as[0], Sessions: n}, func(w io.Writer) {
				fmt.Fprintf(w, "Ended %s of %s.\n", countWords(n, "session", "sessions"), as[0])
			})
		},
	}
}

// accountByEmail finds an account or says there is none.
func (a *app) accountByEmail(cmd *cobra.Command, email string) (model.Account, bool, error) {
	acct, found, err := a.st.AccountByEmail(cmd.Context(), email)
	if err == nil && !found {
		err = model.Invalid("email", "no account has the email %s", email)
	}
	return acct, found, err
}

// TokenOut is a new API token as `ally user token` prints it, the only
// time it is shown.
type TokenOut struct {
	model.APIToken
	Token string `json:"token"`
}

func (a *app) userTokenCommand() *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "token EMAIL",
		Short: "Make a new API token for an account (shown once)",
		Long: `Make a new API token: programs send it as "Authorization: Bearer TOKEN" to
act as the account. It is printed once and only its hash is kept: store it
now. Revoke it with ally user revoke-token ID.`,
		Example: "  ally user token sam@westlake.edu --name \"sync script\"",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			token, hash, err := auth.NewToken(nil, auth.APITokenPrefix)
			if err != nil {
				return err
			}
			t, err := a.st.CreateAPIToken(ctx, as[0], name, hash, model.CLIActor(), a.now())
			if err != nil {
				return err
			}
			return a.emit(TokenOut{APIToken: t, Token: token}, func(w io.Writer) {
				fmt.Fprintln(w, token)
				fmt.Fprintf(a.env.Stderr, "API token %d (%s) for %s. It is not shown again: store it now.\n", t.ID, t.Name, as[0])
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "api", "what the token is for, to recognise it in the list")
	return cmd
}

func (a *app) userTokensCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "tokens EMAIL",
		Short:   "List an account's API tokens (never the tokens themselves)",
		Example: "  ally user tokens sam@westlake.edu --json",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			ts, err := a.st.APITokens(ctx, as[0])
			if err != nil {
				return err
			}
			return a.emit(ts, func(w io.Writer) {
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tCREATED\tLAST USED\tREVOKED")
				for _, t := range ts {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.Name, a.fmtTime(t.CreatedAt), a.fmtTimePtr(t.LastUsedAt), a.fmtTimePtr(t.RevokedAt))
				}
				tw.Flush()
			})
		},
	}
	return cmd
}

func (a *app) fmtTimePtr(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return a.fmtTime(*t)
}

func (a *app) userRevokeTokenCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "revoke-token ID",
		Short:   "Stop an API token working, for good",
		Example: "  ally user revoke-token 4",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			id, err := parseID("API token", as[0])
			if err != nil {
				return err
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			t, err := a.st.RevokeAPIToken(ctx, id, model.CLIActor(), a.now())
			if err != nil {
				return err
			}
			return a.emit(t, func(w io.Writer) {
				fmt.Fprintf(w, "Revoked API token %d (%s).\n", t.ID, t.Name)
			})
		},
	}
	return cmd
}

func (a *app) userExportCommand() *cobra.Command {
	var out string
	var centerOnly bool
	cmd := &cobra.Command{
		Use:   "export EMAIL",
		Short: "Everything Ally holds about an account, as one JSON document",
		Long: `Write, as one JSON document, everything Ally holds about a person: their
account, roles, profiles, their requests as they see them (with the words),
the feedback they gave, the audit log's entries about them and all their
personal records (the same document as ` + "`ally export json`" + `). With
--center, only what the center holds (account, profiles, the requests'
metadata, the audit entries), as an advisor may hand it over. Either is
recorded in the audit log. Output goes to standard output, or with -o to a
file, written whole or not at all.`,
		Example: "  ally user export sam@westlake.edu -o sam.json\n  ally user export sam@westlake.edu --center -o sam-center.json",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			acct, _, err := a.accountByEmail(cmd, as[0])
			if err != nil {
				return err
			}
			whose := store.ExportForUser
			if centerOnly {
				whose = store.ExportForCenter
			}
			now := a.now()
			if err := a.st.LogExport(ctx, acct.ID, whose, model.CLIActor(), now); err != nil {
				return err
			}
			return a.writeExport(out, 0, func(w io.Writer) error { return a.st.ExportAccount(ctx, w, acct.ID, whose, now) })
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	cmd.Flags().BoolVar(&centerOnly, "center", false, "only what the center holds, without the person's own records")
	return cmd
}

// DeleteOut is what ` + "`ally user delete --json`" + ` prints.
type DeleteOut struct {
	Email string `json:"email"`
	store.DeletedAccount
}

func (a *app) userDeleteCommand() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete EMAIL",
		Short: "Delete an account and everything that is theirs; their requests stay as anonymous counts",
		Long: `Delete an account for good: the person's name, email, password, sessions,
API tokens, profiles, photo and every personal record. The requests they took
part in stay for the center's figures, under a nameless placeholder, without
their words; any still open is cancelled and the other side told. The audit
log keeps its entries, naming the placeholder instead of the email. The last
active advisor cannot be deleted. It cannot be undone: give --yes.`,
		Example: "  ally user delete sam@westlake.edu --yes",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if !yes {
				return usageError{fmt.Errorf("deleting %s cannot be undone: run it again with --yes", as[0])}
			}
			if err := a.openCenter(ctx); err != nil {
				return err
			}
			acct, _, err := a.accountByEmail(cmd, as[0])
			if err != nil {
				return err
			}
			set, err := a.st.CenterRules(ctx)
			if err != nil {
				return err
			}
			gone, err := a.st.DeleteAccount(ctx, set, acct.ID, model.CLIActor(), a.now())
			if err != nil {
				return err
			}
			return a.emit(DeleteOut{Email: acct.Email, DeletedAccount: gone}, func(w io.Writer) {
				fmt.Fprintf(w, "Deleted %s; kept %s for the figures, without their words", acct.Email,
					countWords(gone.Requests, "request of theirs", "requests of theirs"))
				if gone.Cancelled > 0 {
					fmt.Fprintf(w, " (%s cancelled)", countWords(gone.Cancelled, "open one", "open ones"))
				}
				fmt.Fprintf(w, "; ended %s.\n", countWords(gone.Sessions, "session", "sessions"))
			})
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "delete, knowing it cannot be undone")
	return cmd
}
