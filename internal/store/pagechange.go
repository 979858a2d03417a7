package store

import (
	"context"
	"fmt"
	"time"
)

// The home page is kept drawn by the owner's version, which every write
// moves. Most writes that a busy user makes do not change it: a touch
// logged with someone moves their keep-in-touch months ahead, far past
// the few later actions the page lists. So besides the version, the
// owner's row keeps shown_version, the last write that may have changed
// anything the page shows, and agenda_writes keeps, for each write since
// that moved only dated next actions (leaving their count as it was),
// the earliest due time of the actions it moved, before or after. A page
// drawn at one version is still right at a later one when no write in
// between was of the first kind and each of the second moved only
// actions falling due after the last one the page lists (see
// Scope.PageUnchanged).

// pageWritesKept bounds the versions for which agenda_writes is read: a
// page drawn more writes ago than this is drawn again.
const pageWritesKept = 32

// pageChange is what a write did that the home page may show.
type pageChange struct {
	// offPage: the write changes nothing the page shows except through
	// the next actions it moves (a touch logged; see inTxOffPage).
	offPage bool
	// shown: it changed something the page may show other than dated
	// actions described by low and counted (a standing goal, a snoozed
	// action, a field's counts, every action at once).
	shown bool
	// low is the earliest due time (microseconds) of the dated actions it
	// moved, as they were and as they are; hasLow: it moved any.
	low    int64
	hasLow bool
	// counted is how many open dated actions it added, net.
	counted int
}

// moved notes a stored action the write removed (n = -1) or wrote (+1).
func (c *pageChange) moved(r actionRow, n int) {
	if r.standing || r.snoozed != 0 || r.due == 0 {
		c.shown = true
		return
	}
	if !c.hasLow || r.due < c.low {
		c.low, c.hasLow = r.due, true
	}
	if !r.done {
		c.counted += n
	}
}

// pageShown notes that the write changed something the home page shows
// beyond the actions pageChange.moved describes.
func (sc *Scope) pageShown() {
	if sc.touches != nil {
		sc.touches.page.shown = true
	}
}

// pageMoved notes the stored actions a derivation removed (n = -1) or
// wrote (+1).
func (sc *Scope) pageMoved(r actionRow, n int) {
	if sc.touches != nil {
		sc.touches.page.moved(r, n)
	}
}

// notePageChange records, at the end of the write that moved the
// owner's records to version, what it did that the home page may show.
// A write not declared off the page set shown_version with the version
// (see bumpVersion).
func (sc *Scope) notePageChange(ctx context.Context, version int64) error {
	t := sc.touches
	if version == 0 || t == nil || !t.page.offPage {
		return nil
	}
	c := t.page
	if c.shown || t.all || c.counted != 0 {
		if _, err := sc.w.ExecContext(ctx, `UPDATE users SET shown_version = $2 WHERE id = $1`, sc.owner, version); err != nil {
			return fmt.Errorf("note the write: %w", err)
		}
		return nil
	}
	if !c.hasLow {
		return nil // nothing the page shows moved
	}
	if _, err := sc.w.ExecContext(ctx, `INSERT INTO agenda_writes (owner_id, version, low) VALUES ($1, $2, $3)`,
		sc.owner, version, c.low); err != nil {
		return fmt.Errorf("note the write: %w", err)
	}
	// Those older than any version still read are dropped now and then.
	if version%pageWritesKept == 0 {
		if _, err := sc.w.ExecContext(ctx, `DELETE FROM agenda_writes WHERE owner_id = $1 AND version <= $2`,
			sc.owner, version-2*pageWritesKept); err != nil {
			return fmt.Errorf("note the write: %w", err)
		}
	}
	return nil
}

// PageUnchanged tells whether a home page drawn from the owner's records
// at version since still shows them as they are at version upto: every
// write in between moved only dated next actions, none of them, as they
// were or are, falling due at or before after, and their count stayed.
// A zero after (a page listing every later action) is never still right
// after a write. False too when the owner's records are no longer at upto.
func (sc *Scope) PageUnchanged(ctx context.Context, since, upto int64, after time.Time) (bool, error) {
	if after.IsZero() || upto <= since || upto-since > pageWritesKept {
		return false, nil
	}
	// One statement, so one snapshot: the version, the last shown write
	// and the writes since were all committed together.
	var version, shown int64
	var n int
	if err := sc.r.QueryRowContext(ctx, `SELECT u.version, u.shown_version, (SELECT COUNT(*) FROM agenda_writes w
		WHERE w.owner_id = u.id AND w.version > $2 AND w.low <= $3) FROM users u WHERE u.id = $1`,
		sc.owner, since, after.UnixMicro()).Scan(&version, &shown, &n); err != nil {
		return false, fmt.Errorf("read the writes: %w", noRows(err, "user", sc.owner))
	}
	return version == upto && shown <= since && n == 0, nil
}
