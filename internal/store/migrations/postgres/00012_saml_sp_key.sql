-- +goose Up
-- The key pair Ally signs its SAML requests with and publishes in its
-- service provider metadata: one for the whole center, made by whichever
-- instance needs it first and then read by all of them, so that the
-- identity provider knows one key whichever instance it talks to.
-- private_key is PEM, sealed like the SMTP password; certificate is PEM.
CREATE TABLE saml_sp_key (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    private_key TEXT NOT NULL,
    certificate TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE saml_sp_key;
