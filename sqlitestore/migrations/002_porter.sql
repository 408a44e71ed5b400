-- Search finds the forms of a word ("protest" finds "protesters",
-- "displaced" finds "displace"), as the PostgreSQL store's English
-- configuration does: the full-text index is rebuilt with the Porter
-- stemmer in front of unicode61.
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
