package cli

import (
	"github.com/spf13/pflag"

	"github.com/ally-dev/ally/internal/method"
)

// keepAnywayFlag registers --keep-anyway, the CLI's name for keeping what
// a caution holds back (method.KeepAnyway), and --force, its older name,
// hidden but still read.
func keepAnywayFlag(fl *pflag.FlagSet, p *bool, usage string) {
	fl.BoolVar(p, method.KeepAnywayFlag, false, usage)
	fl.BoolVar(p, "force", false, "the older name of --"+method.KeepAnywayFlag)
	if err := fl.MarkHidden("force"); err != nil {
		panic(err) // the flag was registered on the line before
	}
}
