-- sitrep PostgreSQL store, schema version 1. Same tables as the SQLite
-- store (sqlitestore/migrations/001_init.sql), in PostgreSQL's terms.
-- Tables are created in the connection's current schema (search_path).

-- One row per stored article. doc is the whole document (the output
-- contract) as JSONB, or doc_raw (JSON bytes) for the rare document JSONB
-- cannot hold (a \u0000 in a string); text is kept for near-duplicate checks;
-- tsv is the full-text index entry, title weighing above text.
CREATE TABLE documents (
    n           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          text        NOT NULL UNIQUE,
    hash        text        NOT NULL UNIQUE,      -- sitrep.TextID(text)
    url         text        NOT NULL DEFAULT '',
    title       text        NOT NULL DEFAULT '',
    outlet      text        NOT NULL DEFAULT '',
    published   text        NOT NULL DEFAULT '',
    source      text        NOT NULL,             -- story.SourceKey
    story       text        NOT NULL,             -- stories.id
    fingerprint bigint      NOT NULL,             -- story.Fingerprint
    text        text        NOT NULL,
    doc         jsonb,
    doc_raw     bytea,
    added_at    timestamptz NOT NULL DEFAULT now(),
    tsv         tsvector    GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A') ||
        setweight(to_tsvector('english'::regconfig, left(text, 300000)), 'B')
    ) STORED
);
CREATE INDEX documents_story ON documents (story);
CREATE INDEX documents_tsv ON documents USING gin (tsv);

-- The four 16-bit bands of each document's fingerprint (story.Bands): a
-- near-duplicate shares at least one.
CREATE TABLE bands (
    band  smallint NOT NULL,
    value integer  NOT NULL,
    doc   bigint   NOT NULL,                      -- documents.n
    PRIMARY KEY (band, value, doc)
);

-- A story is a cluster of near-duplicate articles; its id is the id of its
-- first article.
CREATE TABLE stories (
    id              text    PRIMARY KEY,
    title           text    NOT NULL DEFAULT '',
    articles        integer NOT NULL,
    first_published text    NOT NULL DEFAULT '',
    last_published  text    NOT NULL DEFAULT ''
);

-- A happening is every event, over all articles, with one story.Key; id is
-- story.ID(key). Its fields are those of the first report; *_lc columns
-- hold lower-cased copies (lower-cased in Go, whatever the database's
-- locale) for the filters.
CREATE TABLE happenings (
    id             text             PRIMARY KEY,
    key            text             NOT NULL,
    date           text             NOT NULL DEFAULT '',
    date_precision text             NOT NULL DEFAULT '',
    cameo          text             NOT NULL DEFAULT '',
    root           text             NOT NULL DEFAULT '',
    quad_class     integer          NOT NULL DEFAULT 0,
    goldstein      double precision NOT NULL DEFAULT 0,
    plover         text             NOT NULL DEFAULT '',
    acled_type     text             NOT NULL DEFAULT '',
    acled_subtype  text             NOT NULL DEFAULT '',
    modality       text             NOT NULL DEFAULT '',
    source         text             NOT NULL DEFAULT '',
    source_code    text             NOT NULL DEFAULT '',
    target         text             NOT NULL DEFAULT '',
    target_code    text             NOT NULL DEFAULT '',
    place          text             NOT NULL DEFAULT '',
    country        text             NOT NULL DEFAULT '',
    admin1         text             NOT NULL DEFAULT '',
    lat            double precision,
    lon            double precision,
    geo_precision  text             NOT NULL DEFAULT '',
    killed         integer,
    injured        integer,
    text           text             NOT NULL DEFAULT '',
    doc            text             NOT NULL DEFAULT '',
    url            text             NOT NULL DEFAULT '',
    outlet         text             NOT NULL DEFAULT '',
    published      text             NOT NULL DEFAULT '',
    mentions       integer          NOT NULL DEFAULT 0,
    articles       integer          NOT NULL DEFAULT 0,
    sources        integer          NOT NULL DEFAULT 0,
    source_lc      text             NOT NULL DEFAULT '',
    source_code_lc text             NOT NULL DEFAULT '',
    target_lc      text             NOT NULL DEFAULT '',
    target_code_lc text             NOT NULL DEFAULT '',
    place_lc       text             NOT NULL DEFAULT '',
    admin1_lc      text             NOT NULL DEFAULT '',
    country_lc     text             NOT NULL DEFAULT ''
);
CREATE INDEX happenings_date        ON happenings (date COLLATE "C" DESC, id COLLATE "C");
CREATE INDEX happenings_root        ON happenings (root, date COLLATE "C" DESC);
CREATE INDEX happenings_cameo       ON happenings (cameo text_pattern_ops);
CREATE INDEX happenings_source_code ON happenings (source_code_lc text_pattern_ops);
CREATE INDEX happenings_target_code ON happenings (target_code_lc text_pattern_ops);
CREATE INDEX happenings_source      ON happenings (source_lc);
CREATE INDEX happenings_target      ON happenings (target_lc);
CREATE INDEX happenings_place       ON happenings (place_lc);
CREATE INDEX happenings_admin1      ON happenings (admin1_lc);
CREATE INDEX happenings_country     ON happenings (country_lc);

-- The outlets (story.SourceKey) that reported each happening.
CREATE TABLE happening_sources (
    happening text NOT NULL,                      -- happenings.id
    source    text NOT NULL,
    PRIMARY KEY (happening, source)
);

-- Each event of each document: seq is its index in the document's events,
-- event its id there.
CREATE TABLE event_mentions (
    doc       bigint  NOT NULL,                   -- documents.n
    seq       integer NOT NULL,
    event     text    NOT NULL,
    happening text    NOT NULL,                   -- happenings.id
    PRIMARY KEY (doc, seq)
);
CREATE INDEX event_mentions_happening ON event_mentions (happening, doc);
