-- +goose Up
-- Sign-ins through an OpenID Connect or SAML provider under way: each row
-- is one trip to the provider and back, kept here rather than in a
-- server's memory so that it may end on another instance than it began.
-- key_hash is the SHA-256 of the OIDC state or of the SAML request's ID;
-- browser_hash the SHA-256 of the cookie that ties the trip to the browser
-- that began it. verifier is the PKCE code verifier, sealed like the SMTP
-- password. A row is deleted when the provider comes back (used once), and
-- refused after expires_at.
CREATE TABLE signin_flows (
    key_hash     TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('oidc', 'saml')),
    browser_hash TEXT NOT NULL,
    nonce        TEXT NOT NULL DEFAULT '',
    verifier     TEXT NOT NULL DEFAULT '',
    next_path    TEXT NOT NULL DEFAULT '/',
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX signin_flows_by_expiry ON signin_flows (expires_at);

-- +goose Down
DROP TABLE signin_flows;
