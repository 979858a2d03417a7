package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"
)

// A contacts file waits in the database between its preview and the
// "Import" button (import_uploads, import_upload_chunks), so that the
// preview made on one instance is imported on another.

// ErrUploadGone means an upload is not there for its owner: never kept,
// another user's, expired, or imported already. The four are not told
// apart, so that nobody learns of another user's uploads.
var ErrUploadGone = errors.New("that upload has expired or was already imported")

// ErrUploadBusy means the upload is being imported by another request
// (a second click, perhaps on another instance).
var ErrUploadBusy = errors.New("that file is being imported already")

// uploadChunk is the most one row of import_upload_chunks carries.
const uploadChunk = 1 << 20

// ImportUpload is a contacts file waiting to be imported.
type ImportUpload struct {
	ID        int64
	Format    ImportFormat
	Name      string // the file's name as the browser gave it, for messages only
	Size      int64  // bytes, before compression
	CreatedAt time.Time
	ExpiresAt time.Time
}

// KeepImportUpload stores the file read from r under tokenHash until
// expires, for the owner. It first sweeps every owner's expired uploads,
// then the owner's oldest beyond keep-1, so that an owner has at most keep
// waiting.
func (sc *Scope) KeepImportUpload(ctx context.Context, tokenHash string, up ImportUpload, r io.Reader, keep int, now time.Time) (ImportUpload, error) {
	if _, err := sc.st.SweepImportUploads(ctx, now); err != nil {
		return up, err
	}
	// Compressed before the transaction: SQLite has one writer, which
	// must not wait on gzip.
	var packed bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&packed, gzip.BestSpeed) // the level is valid
	n, err := io.Copy(zw, r)
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return up, fmt.Errorf("keep the upload: %w", err)
	}
	up.Size, up.CreatedAt = n, stored(now)
	up.ExpiresAt = stored(up.ExpiresAt)
	err = sc.st.inTx(ctx, func(q queryer) error {
		if keep > 0 {
			if _, err := q.ExecContext(ctx, `DELETE FROM import_uploads WHERE owner_id = $1 AND id NOT IN (
				SELECT id FROM import_uploads WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)`,
				sc.owner, keep-1); err != nil {
				return fmt.Errorf("drop older uploads: %w", err)
			}
		}
		if err := q.QueryRowContext(ctx, `INSERT INTO import_uploads (owner_id, token_hash, format, name, size, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			sc.owner, tokenHash, string(up.Format), up.Name, up.Size, ts(now), ts(up.ExpiresAt)).Scan(&up.ID); err != nil {
			return fmt.Errorf("keep the upload: %w", err)
		}
		data := packed.Bytes()
		for seq := 0; len(data) > 0 || seq == 0; seq++ {
			part := data[:min(len(data), uploadChunk)]
			data = data[len(part):]
			if _, err := q.ExecContext(ctx, `INSERT INTO import_upload_chunks (upload_id, seq, data) VALUES ($1, $2, $3)`, up.ID, seq, part); err != nil {
				return fmt.Errorf("keep the upload: %w", err)
			}
		}
		return nil
	})
	return up, err
}

// ImportUpload finds the owner's waiting upload by its token's hash.
func (sc *Scope) ImportUpload(ctx context.Context, tokenHash string, now time.Time) (ImportUpload, error) {
	var up ImportUpload
	var format string
	var created, expires nullTime
	err := sc.st.r.QueryRowContext(ctx, `SELECT id, format, name, size, created_at, expires_at FROM import_uploads
		WHERE token_hash = $1 AND owner_id = $2 AND expires_at > $3`, tokenHash, sc.owner, ts(now)).
		Scan(&up.ID, &format, &up.Name, &up.Size, &created, &expires)
	if isNoRows(err) {
		return up, ErrUploadGone
	}
	if err != nil {
		return up, fmt.Errorf("find the upload: %w", err)
	}
	up.Format, up.CreatedAt, up.ExpiresAt = ImportFormat(format), created.Time, expires.Time
	return up, nil
}

// ClaimImportUpload marks the owner's upload as being imported, in one
// statement: of any number of concurrent claims on any instances one
// gets the upload, the others ErrUploadBusy (or ErrUploadGone once it was
// imported). The winner calls DropImportUpload after the import, or
// UnclaimImportUpload if it failed.
func (sc *Scope) ClaimImportUpload(ctx context.Context, tokenHash string, now time.Time) (ImportUpload, error) {
	res, err := sc.st.w.ExecContext(ctx, `UPDATE import_uploads SET claimed_at = $3
		WHERE token_hash = $1 AND owner_id = $2 AND claimed_at IS NULL AND expires_at > $3`, tokenHash, sc.owner, ts(now))
	if err != nil {
		return ImportUpload{}, fmt.Errorf("claim the upload: %w", err)
	}
	up, err := sc.ImportUpload(ctx, tokenHash, now)
	if err != nil {
		return up, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return up, ErrUploadBusy
	}
	return up, nil
}

// UnclaimImportUpload lets the upload be imported again, after a claimed
// import failed for a reason that may pass.
func (sc *Scope) UnclaimImportUpload(ctx context.Context, tokenHash string) error {
	_, err := sc.st.w.ExecContext(ctx, `UPDATE import_uploads SET claimed_at = NULL WHERE token_hash = $1 AND owner_id = $2`, tokenHash, sc.owner)
	if err != nil {
		return fmt.Errorf("release the upload: %w", err)
	}
	return nil
}

// DropImportUpload forgets the owner's upload and its file.
func (sc *Scope) DropImportUpload(ctx context.Context, tokenHash string) error {
	if _, err := sc.st.w.ExecContext(ctx, `DELETE FROM import_uploads WHERE token_hash = $1 AND owner_id = $2`, tokenHash, sc.owner); err != nil {
		return fmt.Errorf("drop the upload: %w", err)
	}
	return nil
}

// SweepImportUploads deletes every upload whose time has run out, and
// says how many.
func (s *Store) SweepImportUploads(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM import_uploads WHERE expires_at <= $1`, ts(now))
	if err != nil {
		return 0, fmt.Errorf("sweep expired uploads: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// OpenImportUpload reads the upload's file back, a piece at a time.
// Close the reader when done.
func (sc *Scope) OpenImportUpload(ctx context.Context, up ImportUpload) (io.ReadCloser, error) {
	cr := &chunkReader{ctx: ctx, sc: sc, id: up.ID}
	zr, err := gzip.NewReader(cr)
	if err != nil {
		return nil, fmt.Errorf("read the upload: %w", err)
	}
	return zr, nil
}

// chunkReader reads an upload's compressed chunks in order, one query
// each, so that a large file is never held whole.
type chunkReader struct {
	ctx  context.Context
	sc   *Scope
	id   int64
	seq  int
	buf  []byte
	done bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		// The owner is checked again: an id alone reads nothing of
		// another user's.
		err := c.sc.st.r.QueryRowContext(c.ctx, `SELECT k.data FROM import_upload_chunks k JOIN import_uploads u ON u.id = k.upload_id
			WHERE k.upload_id = $1 AND k.seq = $2 AND u.owner_id = $3`, c.id, c.seq, c.sc.owner).Scan(&c.buf)
		if isNoRows(err) {
			if c.seq == 0 {
				return 0, ErrUploadGone
			}
			c.done = true
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("read the upload: %w", err)
		}
		c.seq++
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// An UploadRun is how far the import of a roster upload got (00029):
// the phase (waiting, reading, checking, writing, inviting, done,
// failed), rows done of total, when it last said so, and, once over, its
// outcome (JSON written by the caller).
type UploadRun struct {
	Name       string
	Format     ImportFormat
	Phase      string
	Done       int
	Total      int
	ProgressAt time.Time
	Claimed    bool
	Outcome    string
}

// Upload run phases beside the import's own (RosterReading...).
const (
	UploadWaiting  = "waiting"
	UploadInviting = "inviting"
	UploadDone     = "done"
	UploadFailed   = "failed"
)

// UploadProgress records how far the import of the owner's upload got.
func (sc *Scope) UploadProgress(ctx context.Context, tokenHash, phase string, done, total int, now time.Time) error {
	if _, err := sc.st.w.ExecContext(ctx, `UPDATE import_uploads SET phase = $3, done_rows = $4, total_rows = $5, progress_at = $6
		WHERE token_hash = $1 AND owner_id = $2`, tokenHash, sc.owner, phase, done, total, ts(now)); err != nil {
		return fmt.Errorf("record the import's progress: %w", err)
	}
	return nil
}

// FinishUpload records the outcome of the owner's upload's import, drops
// its file, and keeps the record until keepUntil, for the progress page.
func (sc *Scope) FinishUpload(ctx context.Context, tokenHash, phase, outcome string, now, keepUntil time.Time) error {
	return sc.st.inTx(ctx, func(q queryer) error {
		var id int64
		err := q.QueryRowContext(ctx, `UPDATE import_uploads SET phase = $3, outcome = $4, progress_at = $5, expires_at = $6
			WHERE token_hash = $1 AND owner_id = $2 RETURNING id`, tokenHash, sc.owner, phase, outcome, ts(now), ts(keepUntil)).Scan(&id)
		if isNoRows(err) {
			return ErrUploadGone
		}
		if err != nil {
			return fmt.Errorf("record the import's outcome: %w", err)
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM import_upload_chunks WHERE upload_id = $1`, id); err != nil {
			return fmt.Errorf("drop the imported file: %w", err)
		}
		return nil
	})
}

// UploadRunOf reads how far the import of the owner's upload got.
func (sc *Scope) UploadRunOf(ctx context.Context, tokenHash string, now time.Time) (UploadRun, error) {
	var run UploadRun
	var format string
	var at nullTime
	var claimed sql.NullString
	err := sc.st.r.QueryRowContext(ctx, `SELECT name, format, phase, done_rows, total_rows, progress_at, outcome, claimed_at FROM import_uploads
		WHERE token_hash = $1 AND owner_id = $2 AND expires_at > $3`, tokenHash, sc.owner, ts(now)).
		Scan(&run.Name, &format, &run.Phase, &run.Done, &run.Total, &at, &run.Outcome, &claimed)
	if isNoRows(err) {
		return run, ErrUploadGone
	}
	if err != nil {
		return run, fmt.Errorf("read the import's progress: %w", err)
	}
	run.Format, run.ProgressAt, run.Claimed = ImportFormat(format), at.Time, claimed.Valid
	return run, nil
}
