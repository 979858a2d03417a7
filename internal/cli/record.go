package cli

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ally-dev/ally/internal/store"
)

// recordKind describes one kind of record the user names and files notes
// under (fields, organizations) for its add and edit commands: one set of
// flags serves both, and edit changes only the flags given.
type recordKind[T any] struct {
	noun, short, editShort string // "field" (the edit argument: FIELD), "Add a career field", "Change a field (only the flags you give)"
	// flags binds the record's flags to r; edit adds --name (add takes the
	// name as its argument) and may word a flag for a change.
	flags func(fs *pflag.FlagSet, r *T, edit bool)
	// fresh is a new record named name, with the user's defaults.
	fresh func(a *app, name string) *T
	// load reads the record the user names (an id or a name).
	load   func(ctx context.Context, a *app, key string) (*T, error)
	create func(ctx context.Context, a *app, r *T) error
	update func(ctx context.Context, a *app, r *T) error
	// said is what a person reads after the record was added or saved.
	said func(w io.Writer, r *T, added bool)
}

// commands makes the kind's add and edit commands.
func (k recordKind[T]) commands(a *app) (add, edit *cobra.Command) {
	run := func(edit bool) func(cmd *cobra.Command, as []string) error {
		return func(cmd *cobra.Command, as []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			var r *T
			if edit {
				var err error
				if r, err = k.load(ctx, a, as[0]); err != nil {
					return err
				}
			} else {
				r = k.fresh(a, as[0])
			}
			// The flags were parsed into a scratch record; the ones given
			// are set again on the record itself.
			onto := pflag.NewFlagSet(k.noun, pflag.ContinueOnError)
			k.flags(onto, r, edit)
			var err error
			cmd.Flags().Visit(func(f *pflag.Flag) {
				if err == nil && onto.Lookup(f.Name) != nil {
					err = onto.Set(f.Name, f.Value.String())
				}
			})
			if err != nil {
				return err
			}
			if edit {
				err = k.update(ctx, a, r)
			} else {
				err = k.create(ctx, a, r)
			}
			if err != nil {
				return err
			}
			return a.emit(r, func(w io.Writer) { k.said(w, r, !edit) })
		}
	}
	add = &cobra.Command{Use: "add NAME", Short: k.short, Args: args(cobra.ExactArgs(1)), RunE: run(false)}
	edit = &cobra.Command{Use: "edit " + strings.ToUpper(k.noun), Short: k.editShort, Args: args(cobra.ExactArgs(1)), RunE: run(true)}
	var scratch, scratchEdit T
	k.flags(add.Flags(), &scratch, false)
	k.flags(edit.Flags(), &scratchEdit, true)
	return add, edit
}

// loadBy reads the record a user names (an id or a name) with the store's
// resolve and read functions of its kind.
func loadBy[T any](resolve func(*store.Scope, context.Context, string) (int64, string, error),
	get func(*store.Scope, context.Context, int64) (*T, error)) func(context.Context, *app, string) (*T, error) {
	return func(ctx context.Context, a *app, key string) (*T, error) {
		id, _, err := resolve(a.sc, ctx, key)
		if err != nil {
			return nil, err
		}
		return get(a.sc, ctx, id)
	}
}
