package store

import (
	"context"
	"fmt"
	"time"

	"github.com/ally-dev/ally/internal/model"
)

// VolunteerPhoto is a volunteer's directory photo: a JPEG that
// internal/photo prepared, and when it was set (its version).
type VolunteerPhoto struct {
	JPEG      []byte
	UpdatedAt time.Time
}

// SetVolunteerPhoto keeps the photo of a volunteer who has a directory
// profile, replacing the one before.
func (s *Store) SetVolunteerPhoto(ctx context.Context, id int64, jpeg []byte, now time.Time) error {
	return s.profileTx(ctx, id, func(q queryer) error {
		var one int
		err := q.QueryRowContext(ctx, `SELECT 1 FROM volunteer_profiles WHERE account_id = $1`, id).Scan(&one)
		if isNoRows(err) {
			return model.Invalid("photo", "save your directory profile first, then add a photo")
		}
		if err != nil {
			return fmt.Errorf("find the volunteer profile: %w", err)
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO volunteer_photos (account_id, jpeg, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (account_id) DO UPDATE SET jpeg = excluded.jpeg, updated_at = excluded.updated_at`, id, jpeg, ts(now)); err != nil {
			return fmt.Errorf("save the photo: %w", err)
		}
		return nil
	})
}

// DeleteVolunteerPhoto removes a volunteer's photo, if they had one.
func (s *Store) DeleteVolunteerPhoto(ctx context.Context, id int64) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM volunteer_photos WHERE account_id = $1`, id); err != nil {
		return fmt.Errorf("remove the photo: %w", err)
	}
	return nil
}

// VolunteerPhotoOf returns an active volunteer's photo; found is false
// when they have none (or are no longer an active volunteer).
func (s *Store) VolunteerPhotoOf(ctx context.Context, id int64) (p VolunteerPhoto, found bool, err error) {
	var at nullTime
	err = s.r.QueryRowContext(ctx, `SELECT ph.jpeg, ph.updated_at FROM volunteer_photos ph
		JOIN accounts a ON a.user_id = ph.account_id AND a.status = 'active'
		JOIN account_roles r ON r.user_id = ph.account_id AND r.role = 'volunteer'
		WHERE ph.account_id = $1`, id).Scan(&p.JPEG, &at)
	if isNoRows(err) {
		return p, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("read the photo: %w", err)
	}
	p.UpdatedAt = at.Time
	return p, true, nil
}
