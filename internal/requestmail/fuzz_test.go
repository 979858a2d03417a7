package requestmail

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzVerifyLink reads any link token: it never panics; a token is either
// refused as tampered or expired, or says what a token Ally signed for the
// same claim says; and no token verifies under another key. Signing any
// claim and reading it back gives the claim.
func FuzzVerifyLink(f *testing.F) {
	key, other := []byte("fuzz key: 32 bytes of test only."), []byte("another key, not the center's..")
	now := time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC)
	good, err := Sign(key, Claim{RequestID: 42, Action: LinkAccept, TimeIndex: 2, Expires: now.Add(time.Hour), Nonce: "abc"}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, int64(42), "accept", 2, int64(3600), "abc")
	f.Add(good[:len(good)-1], int64(-1), "decline_no_time", -5, int64(-1), "n.o")
	f.Add("..", int64(0), "x", 0, int64(0), "")
	f.Add(SignAccount(key, 7), int64(1<<62), "decline_not_my_field", 1<<30, int64(1<<40), "é")
	f.Fuzz(func(t *testing.T, token string, id int64, action string, idx int, expires int64, nonce string) {
		c, err := Verify(key, token, now)
		switch {
		case errors.Is(err, ErrLinkTampered):
		case err == nil || errors.Is(err, ErrLinkExpired):
			again, serr := Sign(key, c, nil)
			if serr != nil {
				t.Fatal(serr)
			}
			if c2, err2 := Verify(key, again, now); c2 != c || !errors.Is(err2, err) && err2 != err {
				t.Fatalf("%q reads as %+v (%v); signed again as %+v (%v)", token, c, err, c2, err2)
			}
			if _, err := Verify(other, token, now); !errors.Is(err, ErrLinkTampered) {
				t.Fatalf("%q verifies under another key: %v", token, err)
			}
		default:
			t.Fatalf("%q: %v", token, err)
		}
		if _, err := VerifyAccount(other, token); err == nil {
			t.Fatalf("unsubscribe token %q verifies under another key", token)
		}

		// A claim Ally signs reads back as itself.
		in := Claim{RequestID: id, Action: LinkAction(action), TimeIndex: idx, Expires: now.Add(time.Duration(expires%(1<<32)) * time.Second), Nonce: nonce}
		switch in.Action {
		case LinkAccept, LinkNoTime, LinkNotMine:
		default:
			return
		}
		if nonce == "" || strings.Contains(nonce, ".") {
			return // Sign makes the nonce: a random, URL-safe one
		}
		tok, err := Sign(key, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Verify(key, tok, now)
		in.Expires = in.Expires.UTC()
		if out != in || (err != nil) != !now.Before(in.Expires) {
			t.Fatalf("signed %+v, read %+v (%v)", in, out, err)
		}
	})
}
