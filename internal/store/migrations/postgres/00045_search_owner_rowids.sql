-- +goose Up
-- SQLite's search documents are numbered by owner (see the SQLite
-- migration); PostgreSQL keeps owner_id beside doc_id, indexed, and needs
-- no change. The version is kept so that both databases list the same
-- migrations.
SELECT 1;

-- +goose Down
SELECT 1;
