-- +goose Up
-- Search finds an owner's documents through the rowid: a document's rowid
-- is its owner's id times 2^36 plus the record's id times four plus its
-- kind, so an owner's documents are one range of rowids, which the
-- full-text index seeks to in each word's list. The owner's token (00005)
-- made every search read, beside the words' lists, the list of every
-- document of the owner, and weigh that word in the ranking.
CREATE VIRTUAL TABLE search_docs_ranged USING fts5(
    title, body,
    owner_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search_docs_ranged (rowid, title, body, owner_id, kind, ref_id)
    SELECT (owner_id << 36) + rowid, title, body, owner_id, kind, ref_id FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_ranged RENAME TO search_docs;

-- +goose Down
CREATE VIRTUAL TABLE search_docs_owned USING fts5(
    title, body, owner,
    owner_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO search_docs_owned (rowid, title, body, owner, owner_id, kind, ref_id)
    SELECT rowid - (owner_id << 36), title, body, 'o' || owner_id, owner_id, kind, ref_id FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_owned RENAME TO search_docs;
