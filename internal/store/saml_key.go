package store

import (
	"context"
	"fmt"
	"time"
)

// samlKeySecret names the SAML service provider's private key when sealed.
const samlKeySecret = "saml_sp_key.private_key"

// SAMLKeyPair returns the center's SAML key pair (PEM), making it with
// generate on first need. Instances that need it at once may each
// generate one; the first insert wins, and every instance reads the
// winner's, so the center has one key pair for good.
func (s *Store) SAMLKeyPair(ctx context.Context, generate func() (keyPEM, certPEM string, err error), now time.Time) (keyPEM, certPEM string, err error) {
	keyPEM, certPEM, found, err := s.readSAMLKeyPair(ctx)
	if err != nil || found {
		return keyPEM, certPEM, err
	}
	newKey, newCert, err := generate()
	if err != nil {
		return "", "", fmt.Errorf("make the SAML key pair: %w", err)
	}
	sealed, err := s.secrets.seal(samlKeySecret, newKey)
	if err != nil {
		return "", "", err
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO saml_sp_key (id, private_key, certificate, created_at) VALUES (1, $1, $2, $3)
		ON CONFLICT (id) DO NOTHING`, sealed, newCert, ts(now)); err != nil {
		return "", "", fmt.Errorf("keep the SAML key pair: %w", err)
	}
	keyPEM, certPEM, _, err = s.readSAMLKeyPair(ctx)
	return keyPEM, certPEM, err
}

func (s *Store) readSAMLKeyPair(ctx context.Context) (keyPEM, certPEM string, found bool, err error) {
	var sealed string
	err = s.w.QueryRowContext(ctx, `SELECT private_key, certificate FROM saml_sp_key WHERE id = 1`).Scan(&sealed, &certPEM)
	if isNoRows(err) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("read the SAML key pair: %w", err)
	}
	if keyPEM, err = s.secrets.open(samlKeySecret, sealed); err != nil {
		return "", "", false, err
	}
	return keyPEM, certPEM, true, nil
}
