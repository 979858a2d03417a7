package web

import (
	"errors"
	"net/url"

	"github.com/ally-dev/ally/internal/method"
	"github.com/ally-dev/ally/internal/model"
)

// keptAnyway reports whether a form ticked "Keep it anyway", under its name
// or an older one.
func keptAnyway(v url.Values) bool {
	for _, name := range append([]string{method.KeepAnywayField}, method.KeepAnywayAliases...) {
		if v.Get(name) != "" {
			return true
		}
	}
	return false
}

// keepAnyway holds a form back with a caution next to its field unless the
// user ticked "Keep it anyway"; it returns the caution whose box the form
// should offer, or nil. A field already wrong for another reason is left to
// that reason.
func keepAnyway(f *form, c *method.Caution, v url.Values) *method.Caution {
	if c == nil || (f.F[c.Field] != nil && f.F[c.Field].Error != "") {
		return nil
	}
	var fe *model.FieldError
	if err := method.KeepAnyway(c, keptAnyway(v), method.ViaWeb); errors.As(err, &fe) {
		f.invalid(fe.Field, fe.Message)
		return c
	}
	return nil
}
