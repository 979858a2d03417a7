package requestmail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// A LinkAction is what a volunteer's one-click link does.
type LinkAction string

// The one-click answers. An acceptance link names one proposed time (by
// its place in the list) or none ("at your convenience": the time is
// agreed afterwards).
const (
	LinkAccept  LinkAction = "accept"
	LinkNoTime  LinkAction = "decline_no_time"
	LinkNotMine LinkAction = "decline_not_my_field"
)

// A Claim is what a signed link says: act on one request, once, before
// the request expires.
type Claim struct {
	RequestID int64
	Action    LinkAction
	TimeIndex int // LinkAccept: 1-based place of the proposed time; 0: none
	Expires   time.Time
	Nonce     string // the link's own random part: a link acts once
}

// The ways a link fails, for the page that says what happened.
var (
	ErrLinkTampered = errors.New("this link is not one we sent, or it was cut short on the way: open the request in Ally instead")
	ErrLinkExpired  = errors.New("this link stopped working when the request expired")
)

// Sign writes c as a link token: its fields, then an HMAC-SHA256 of them
// with key (the center's, sealed in its database so that every instance
// agrees). rand gives the nonce when c has none.
func Sign(key []byte, c Claim, rand io.Reader) (string, error) {
	if c.Nonce == "" {
		b := make([]byte, 12)
		if _, err := io.ReadFull(rand, b); err != nil {
			return "", fmt.Errorf("make a link: %w", err)
		}
		c.Nonce = base64.RawURLEncoding.EncodeToString(b)
	}
	payload := strings.Join([]string{strconv.FormatInt(c.RequestID, 10), string(c.Action), strconv.Itoa(c.TimeIndex),
		strconv.FormatInt(c.Expires.Unix(), 10), c.Nonce}, ".")
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(mac(key, payload)), nil
}

func mac(key []byte, payload string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte("ally request link\x00" + payload))
	return h.Sum(nil)
}

// Verify reads a link token signed with key, at now: ErrLinkTampered when
// it was not signed with key or is malformed, ErrLinkExpired after its
// time (with the claim, so that the page can name the request).
func Verify(key []byte, token string, now time.Time) (Claim, error) {
	var c Claim
	p64, s64, ok := strings.Cut(token, ".")
	if !ok {
		return c, ErrLinkTampered
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p64)
	sig, err2 := base64.RawURLEncoding.DecodeString(s64)
	if err1 != nil || err2 != nil || !hmac.Equal(sig, mac(key, string(payload))) {
		return c, ErrLinkTampered
	}
	f := strings.Split(string(payload), ".")
	if len(f) != 5 {
		return c, ErrLinkTampered
	}
	id, err1 := strconv.ParseInt(f[0], 10, 64)
	idx, err2 := strconv.Atoi(f[2])
	exp, err3 := strconv.ParseInt(f[3], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return c, ErrLinkTampered
	}
	c = Claim{RequestID: id, Action: LinkAction(f[1]), TimeIndex: idx, Expires: time.Unix(exp, 0).UTC(), Nonce: f[4]}
	switch c.Action {
	case LinkAccept, LinkNoTime, LinkNotMine:
	default:
		return c, ErrLinkTampered
	}
	if !now.Before(c.Expires) {
		return c, ErrLinkExpired
	}
	return c, nil
}

// Label says what a link does, for the email and the confirmation page;
// proposed are the request's proposed times as the volunteer reads them.
func (c Claim) Label(proposed []string) string {
	switch c.Action {
	case LinkAccept:
		if c.TimeIndex >= 1 && c.TimeIndex <= len(proposed) {
			return "Yes, on " + proposed[c.TimeIndex-1]
		}
		return "Yes, and we will agree on a time"
	case LinkNoTime:
		return "Not this month: I have no time"
	case LinkNotMine:
		return "No: this is not my field"
	}
	return string(c.Action)
}

// SignAccount writes the token of an account's unsubscribe link: the
// account's id and an HMAC of it. It does not expire: an old email's
// unsubscribe link must still work.
func SignAccount(key []byte, accountID int64) string {
	id := strconv.FormatInt(accountID, 10)
	return id + "." + base64.RawURLEncoding.EncodeToString(mac(key, "unsubscribe."+id))
}

// VerifyAccount reads an unsubscribe token: the account it names, or
// ErrLinkTampered.
func VerifyAccount(key []byte, token string) (int64, error) {
	idText, s64, ok := strings.Cut(token, ".")
	sig, err := base64.RawURLEncoding.DecodeString(s64)
	if !ok || err != nil || !hmac.Equal(sig, mac(key, "unsubscribe."+idText)) {
		return 0, ErrLinkTampered
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return 0, ErrLinkTampered
	}
	return id, nil
}
