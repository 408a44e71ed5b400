-- sitrep store, schema version 1.

-- One row per stored article. json is the whole document (zlib-compressed
-- JSON, the output contract); text is kept plain for the full-text index and
-- for near-duplicate checks. hash is sitrep.TextID of the text.
CREATE TABLE documents (
    rowid       INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    hash        TEXT    NOT NULL UNIQUE,
    url         TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL DEFAULT '',
    outlet      TEXT    NOT NULL DEFAULT '',
    published   TEXT    NOT NULL DEFAULT '',
    source      TEXT    NOT NULL,          -- story.SourceKey
    story       TEXT    NOT NULL,          -- stories.id
    fingerprint INTEGER NOT NULL,          -- story.Fingerprint, as int64
    text        TEXT    NOT NULL,
    json        BLOB    NOT NULL,
    added_at    TEXT    NOT NULL
);
CREATE INDEX documents_story ON documents(story);

-- Full-text index over title and text, kept by Put (external content).
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The four 16-bit bands of each document's fingerprint: a near-duplicate
-- shares at least one.
CREATE TABLE bands (
    band  INTEGER NOT NULL,
    value INTEGER NOT NULL,
    doc   INTEGER NOT NULL REFERENCES documents(rowid),
    PRIMARY KEY (band, value, doc)
) WITHOUT ROWID;

-- A story is a cluster of near-duplicate articles; its id is the id of its
-- first article.
CREATE TABLE stories (
    id              TEXT    PRIMARY KEY,
    title           TEXT    NOT NULL DEFAULT '',
    articles        INTEGER NOT NULL,
    first_published TEXT    NOT NULL DEFAULT '',
    last_published  TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- A happening is every event, over all articles, with one story.Key. Its
-- fields are those of the first report; *_lc columns hold lower-cased copies
-- for the filters.
CREATE TABLE happenings (
    rowid          INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    key            TEXT    NOT NULL,
    date           TEXT    NOT NULL DEFAULT '',
    date_precision TEXT    NOT NULL DEFAULT '',
    cameo          TEXT    NOT NULL DEFAULT '',
    root           TEXT    NOT NULL DEFAULT '',
    quad_class     INTEGER NOT NULL DEFAULT 0,
    goldstein      REAL    NOT NULL DEFAULT 0,
    plover         TEXT    NOT NULL DEFAULT '',
    acled_type     TEXT    NOT NULL DEFAULT '',
    acled_subtype  TEXT    NOT NULL DEFAULT '',
    modality       TEXT    NOT NULL DEFAULT '',
    source         TEXT    NOT NULL DEFAULT '',
    source_code    TEXT    NOT NULL DEFAULT '',
    target         TEXT    NOT NULL DEFAULT '',
    target_code    TEXT    NOT NULL DEFAULT '',
    place          TEXT    NOT NULL DEFAULT '',
    country        TEXT    NOT NULL DEFAULT '',
    admin1         TEXT    NOT NULL DEFAULT '',
    lat            REAL,
    lon            REAL,
    geo_precision  TEXT    NOT NULL DEFAULT '',
    killed         INTEGER,
    injured        INTEGER,
    text           TEXT    NOT NULL DEFAULT '',
    doc            TEXT    NOT NULL DEFAULT '',
    url            TEXT    NOT NULL DEFAULT '',
    outlet         TEXT    NOT NULL DEFAULT '',
    published      TEXT    NOT NULL DEFAULT '',
    mentions       INTEGER NOT NULL DEFAULT 0,
    articles       INTEGER NOT NULL DEFAULT 0,
    sources        INTEGER NOT NULL DEFAULT 0,
    source_lc      TEXT    NOT NULL DEFAULT '',
    source_code_lc TEXT    NOT NULL DEFAULT '',
    target_lc      TEXT    NOT NULL DEFAULT '',
    target_code_lc TEXT    NOT NULL DEFAULT '',
    place_lc       TEXT    NOT NULL DEFAULT '',
    admin1_lc      TEXT    NOT NULL DEFAULT '',
    country_lc     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX happenings_date        ON happenings(date DESC, id);
CREATE INDEX happenings_root        ON happenings(root, date DESC);
CREATE INDEX happenings_cameo       ON happenings(cameo);
CREATE INDEX happenings_source_code ON happenings(source_code_lc);
CREATE INDEX happenings_target_code ON happenings(target_code_lc);
CREATE INDEX happenings_source      ON happenings(source_lc);
CREATE INDEX happenings_target      ON happenings(target_lc);
CREATE INDEX happenings_place       ON happenings(place_lc);
CREATE INDEX happenings_admin1      ON happenings(admin1_lc);
CREATE INDEX happenings_country     ON happenings(country_lc);
CREATE INDEX happenings_modality    ON happenings(modality, date DESC, id);

-- The outlets (story.SourceKey) that reported each happening.
CREATE TABLE happening_sources (
    happening INTEGER NOT NULL REFERENCES happenings(rowid),
    source    TEXT    NOT NULL,
    PRIMARY KEY (happening, source)
) WITHOUT ROWID;

-- Each event of each document: seq is its index in the document's events,
-- event its id there.
CREATE TABLE event_mentions (
    doc       INTEGER NOT NULL REFERENCES documents(rowid),
    seq       INTEGER NOT NULL,
    event     TEXT    NOT NULL,
    happening INTEGER NOT NULL REFERENCES happenings(rowid),
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
CREATE INDEX event_mentions_happening ON event_mentions(happening, doc);
