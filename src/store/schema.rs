//! Schema and step-by-step migrations. `PRAGMA user_version` holds the number
//! of migrations applied. Append a new step for every change; never edit a
//! step that has shipped, so every older file upgrades the same way.

use rusqlite::Transaction;

use super::{APPLICATION_ID, Result};

/// Migration steps; step `i` takes a file from version `i` to `i + 1`.
const STEPS: &[&str] = &[
    // 1: the first schema.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE coders (
        id   INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
    ) STRICT;

    CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        guid          TEXT NOT NULL UNIQUE,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        kind          TEXT NOT NULL
                      CHECK (kind IN ('interview', 'focus_group', 'document', 'observation')),
        text          TEXT NOT NULL,
        char_len      INTEGER NOT NULL CHECK (char_len >= 0),
        content_hash  TEXT NOT NULL,
        original_name TEXT,
        imported_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sources_by_hash ON sources (content_hash);

    CREATE TABLE source_attributes (
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        key       TEXT NOT NULL CHECK (length(trim(key)) > 0),
        value     TEXT NOT NULL,
        PRIMARY KEY (source_id, key)
    ) STRICT;

    CREATE TABLE speaker_turns (
        id        INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        label_end INTEGER NOT NULL,
        speaker   TEXT NOT NULL,
        CHECK (0 <= start AND start <= label_end AND label_end <= end)
    ) STRICT;
    CREATE INDEX speaker_turns_by_source ON speaker_turns (source_id, start);

    CREATE TABLE codes (
        id          INTEGER PRIMARY KEY,
        guid        TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        parent_id   INTEGER REFERENCES codes (id) ON DELETE CASCADE,
        color       TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        sort_order  INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE UNIQUE INDEX codes_unique_sibling_name
        ON codes (ifnull(parent_id, 0), name COLLATE NOCASE);

    CREATE TABLE codings (
        id         INTEGER PRIMARY KEY,
        guid       TEXT NOT NULL UNIQUE,
        source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        code_id    INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL,
        coder_id   INTEGER NOT NULL REFERENCES coders (id),
        created_at TEXT NOT NULL,
        CHECK (0 <= start AND start < end)
    ) STRICT;
    CREATE INDEX codings_by_source ON codings (source_id, start);
    CREATE INDEX codings_by_code ON codings (code_id);
    CREATE UNIQUE INDEX codings_unique ON codings (source_id, code_id, start, end, coder_id);

    CREATE TABLE memos (
        id          INTEGER PRIMARY KEY,
        guid        TEXT NOT NULL UNIQUE,
        source_id   INTEGER REFERENCES sources (id) ON DELETE CASCADE,
        code_id     INTEGER REFERENCES codes (id) ON DELETE CASCADE,
        coding_id   INTEGER REFERENCES codings (id) ON DELETE CASCADE,
        title       TEXT NOT NULL DEFAULT '',
        text        TEXT NOT NULL,
        coder_id    INTEGER NOT NULL REFERENCES coders (id),
        created_at  TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        CHECK ((source_id IS NOT NULL) + (code_id IS NOT NULL) + (coding_id IS NOT NULL) <= 1)
    ) STRICT;
    CREATE INDEX memos_by_source ON memos (source_id);
    CREATE INDEX memos_by_code ON memos (code_id);
    CREATE INDEX memos_by_coding ON memos (coding_id);
    "#,
    // 2: exemplar quotes and the focus-group review board.
    r#"
    CREATE TABLE exemplars (
        coding_id INTEGER PRIMARY KEY REFERENCES codings (id) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE review_items (
        session    TEXT NOT NULL CHECK (length(trim(session)) > 0),
        code_id    INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
        status     TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'confirmed', 'disputed', 'revised')),
        note       TEXT NOT NULL DEFAULT '',
        position   INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session, code_id)
    ) STRICT;
    "#,
    // 3: source texts in their own table. A text of 30 KB spills over eight
    //    overflow pages; with it inside `sources`, reading a source's length
    //    or name (which every coding checks) walked all of them.
    r#"
    CREATE TABLE source_texts (
        source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
        text      TEXT NOT NULL
    ) STRICT;
    INSERT INTO source_texts (source_id, text) SELECT id, text FROM sources;
    ALTER TABLE sources DROP COLUMN text;
    -- codings_unique (source_id, code_id, ...) serves lookups by source as
    -- well; one index fewer is one page fewer written per coding.
    DROP INDEX codings_by_source;
    "#,
    // 4: ids are never reused. SQLite hands the id of the top row, once
    //    deleted, to the next row; the workbench and its undo history hold
    //    ids, so a coding or code made by another process could be taken for
    //    one deleted here. Each table whose id is held is rebuilt with
    //    AUTOINCREMENT (SQLite's table rebuild: new table, copy every row
    //    with its id, drop, rename, indexes again). Copying the rows with
    //    their ids seeds `sqlite_sequence` with each table's largest id.
    //    Runs with foreign keys off (see `Project::migrate`): dropping a
    //    table others reference would otherwise cascade.
    r#"
    CREATE TABLE new_coders (
        id   INTEGER PRIMARY KEY AUTOINCREMENT,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
    ) STRICT;
    INSERT INTO new_coders (id, guid, name) SELECT id, guid, name FROM coders;
    DROP TABLE coders;
    ALTER TABLE new_coders RENAME TO coders;

    CREATE TABLE new_sources (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        guid          TEXT NOT NULL UNIQUE,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        kind          TEXT NOT NULL
                      CHECK (kind IN ('interview', 'focus_group', 'document', 'observation')),
        char_len      INTEGER NOT NULL CHECK (char_len >= 0),
        content_hash  TEXT NOT NULL,
        original_name TEXT,
        imported_at   TEXT NOT NULL
    ) STRICT;
    INSERT INTO new_sources
        (id, guid, name, kind, char_len, content_hash, original_name, imported_at)
        SELECT id, guid, name, kind, char_len, content_hash, original_name, imported_at
        FROM sources;
    DROP TABLE sources;
    ALTER TABLE new_sources RENAME TO sources;
    CREATE INDEX sources_by_hash ON sources (content_hash);

    CREATE TABLE new_codes (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        guid        TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        parent_id   INTEGER REFERENCES codes (id) ON DELETE CASCADE,
        color       TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        sort_order  INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO new_codes (id, guid, name, parent_id, color, description, sort_order)
        SELECT id, guid, name, parent_id, color, description, sort_order FROM codes;
    DROP TABLE codes;
    ALTER TABLE new_codes RENAME TO codes;
    CREATE UNIQUE INDEX codes_unique_sibling_name
        ON codes (ifnull(parent_id, 0), name COLLATE NOCASE);

    CREATE TABLE new_codings (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        guid       TEXT NOT NULL UNIQUE,
        source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        code_id    INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL,
        coder_id   INTEGER NOT NULL REFERENCES coders (id),
        created_at TEXT NOT NULL,
        CHECK (0 <= start AND start < end)
    ) STRICT;
    INSERT INTO new_codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
        SELECT id, guid, source_id, code_id, start, end, coder_id, created_at FROM codings;
    DROP TABLE codings;
    ALTER TABLE new_codings RENAME TO codings;
    CREATE INDEX codings_by_code ON codings (code_id);
    CREATE UNIQUE INDEX codings_unique ON codings (source_id, code_id, start, end, coder_id);

    CREATE TABLE new_memos (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        guid        TEXT NOT NULL UNIQUE,
        source_id   INTEGER REFERENCES sources (id) ON DELETE CASCADE,
        code_id     INTEGER REFERENCES codes (id) ON DELETE CASCADE,
        coding_id   INTEGER REFERENCES codings (id) ON DELETE CASCADE,
        title       TEXT NOT NULL DEFAULT '',
        text        TEXT NOT NULL,
        coder_id    INTEGER NOT NULL REFERENCES coders (id),
        created_at  TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        CHECK ((source_id IS NOT NULL) + (code_id IS NOT NULL) + (coding_id IS NOT NULL) <= 1)
    ) STRICT;
    INSERT INTO new_memos
        (id, guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at)
        SELECT id, guid, source_id, code_id, coding_id, title, text, coder_id, created_at,
               modified_at
        FROM memos;
    DROP TABLE memos;
    ALTER TABLE new_memos RENAME TO memos;
    CREATE INDEX memos_by_source ON memos (source_id);
    CREATE INDEX memos_by_code ON memos (code_id);
    CREATE INDEX memos_by_coding ON memos (coding_id);
    "#,
    // 5: speakers of a source, with the role the author set (moderator,
    //    interviewer, respondent, other; NULL: found from the label) and
    //    the participant's own attributes (an expert's role and region).
    //    A row exists only once something was set; `name` is the label as
    //    in `speaker_turns` (matched ignoring case, in Rust, so that
    //    non-ASCII labels match too).
    r#"
    CREATE TABLE speakers (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        guid      TEXT NOT NULL UNIQUE,
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role      TEXT CHECK (role IN ('moderator', 'interviewer', 'respondent', 'other')),
        UNIQUE (source_id, name)
    ) STRICT;

    CREATE TABLE speaker_attributes (
        speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        key        TEXT NOT NULL CHECK (length(trim(key)) > 0),
        value      TEXT NOT NULL,
        PRIMARY KEY (speaker_id, key)
    ) STRICT;
    "#,
    // 6: GUIDs as an exchange file spelt them (NVivo and ATLAS.ti write
    //    upper case, some tools braces), by the lower-case form every table
    //    stores: an export writes each back as it came, so the other tool
    //    recognises its own items. Only GUIDs spelt otherwise have a row.
    r#"
    CREATE TABLE guid_spellings (
        guid     TEXT PRIMARY KEY,
        spelling TEXT NOT NULL
    ) STRICT;
    "#,
    // 7: a colour per coder (`#RRGGBB`; NULL: one from the palette by id),
    //    so the workbench can tell coders apart. Project settings such as
    //    blind coding live in `meta` (`blind` = '1').
    r#"
    ALTER TABLE coders ADD COLUMN color TEXT;
    "#,
    // 8: pseudonyms: real names of people and places, and what every output
    //    made with `--pseudonymise` shows instead. Real names are unique
    //    ignoring case (ASCII here; `model::pseudonyms::refusal` checks the
    //    rest, and that no pseudonym is another row's real name).
    r#"
    CREATE TABLE pseudonyms (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        real      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(real)) > 0),
        pseudonym TEXT NOT NULL CHECK (length(trim(pseudonym)) > 0),
        kind      TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'place'))
    ) STRICT;
    "#,
    // 9: codings keep ids that are never reused without AUTOINCREMENT,
    //    whose counter (`sqlite_sequence`) was one more page written to the
    //    log with every coding (five pages a coding instead of four). The
    //    highest id of a deleted coding is kept in `id_high_water` by a
    //    trigger (it fires for every delete, cascades included, and only
    //    writes when a coding above the mark goes); a new coding takes the
    //    id after both that mark and the largest id present
    //    (`codings::NEXT_CODING_ID`). The table is rebuilt with every row,
    //    id and GUID; the mark starts at AUTOINCREMENT's counter.
    r#"
    CREATE TABLE id_high_water (
        name TEXT PRIMARY KEY,
        seq  INTEGER NOT NULL
    ) STRICT;
    INSERT INTO id_high_water (name, seq) VALUES ('codings', max(
        ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'codings'), 0),
        ifnull((SELECT max(id) FROM codings), 0)));

    CREATE TABLE new_codings (
        id         INTEGER PRIMARY KEY,
        guid       TEXT NOT NULL UNIQUE,
        source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        code_id    INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL,
        coder_id   INTEGER NOT NULL REFERENCES coders (id),
        created_at TEXT NOT NULL,
        CHECK (0 <= start AND start < end)
    ) STRICT;
    INSERT INTO new_codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
        SELECT id, guid, source_id, code_id, start, end, coder_id, created_at FROM codings
        ORDER BY id;
    DROP TABLE codings;
    ALTER TABLE new_codings RENAME TO codings;
    CREATE INDEX codings_by_code ON codings (code_id);
    CREATE UNIQUE INDEX codings_unique ON codings (source_id, code_id, start, end, coder_id);
    CREATE TRIGGER codings_high_water AFTER DELETE ON codings
        WHEN OLD.id > ifnull((SELECT seq FROM id_high_water WHERE name = 'codings'), 0)
        BEGIN
            INSERT OR REPLACE INTO id_high_water (name, seq) VALUES ('codings', OLD.id);
        END;
    "#,
    // 10: one index fewer to write with every coding (three pages a coding
    //    instead of four): `codings_by_code` goes, and lookups by code
    //    (deleting or merging a code, its cascades) search `codings_unique`
    //    (source_id, code_id, ...) by skip-scan, one seek per source, which
    //    SQLite does only when `sqlite_stat1` says a source has many
    //    codings. The figures are fixed, not measured (no `ANALYZE` of the
    //    data), so every file gets the same plans: a million codings, 500 a
    //    source, 25 a source and code, 2 from the same start. `ANALYZE
    //    sqlite_schema` makes the table (it cannot be created by name) and,
    //    run again, loads the figures.
    r#"
    DROP INDEX codings_by_code;
    ANALYZE sqlite_schema;
    DELETE FROM sqlite_stat1 WHERE tbl = 'codings';
    INSERT INTO sqlite_stat1 (tbl, idx, stat)
        VALUES ('codings', 'codings_unique', '1000000 500 25 2 1 1');
    ANALYZE sqlite_schema;
    "#,
];

/// Schema version this Jalin writes.
pub const LATEST_VERSION: i64 = STEPS.len() as i64;

/// Applies every step after `from`, inside the caller's transaction. Foreign
/// keys must be off (step 4 drops tables that others reference; with them on,
/// the drop would delete the rows that point at them).
pub(super) fn migrate(tx: &Transaction<'_>, from: i64) -> Result<()> {
    migrate_to(tx, from, LATEST_VERSION)
}

/// Writes a new, empty project file with the schema of version `version`,
/// as the Jalin of that version made it: for migration tests. Refuses a file
/// that exists.
#[doc(hidden)]
pub fn create_at_version(path: &std::path::Path, version: i64) -> Result<()> {
    if path.exists() {
        return Err(super::StoreError::AlreadyExists(path.to_path_buf()));
    }
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    let tx = conn.transaction()?;
    migrate_to(&tx, 0, version.clamp(0, LATEST_VERSION))?;
    tx.commit()?;
    Ok(())
}

fn migrate_to(tx: &Transaction<'_>, from: i64, to: i64) -> Result<()> {
    for (i, step) in STEPS
        .iter()
        .enumerate()
        .take(to as usize)
        .skip(from as usize)
    {
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    if from == 0 {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    if from == 0 && to > 0 {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('guid', ?1), ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            [crate::model::Guid::new().as_str()],
        )?;
    }
    Ok(())
}

/// The SQL of migration step `n` (1 for the first schema) as shipped, for
/// building fixtures of files written by an older Jalin.
pub fn migration_step(n: usize) -> Option<&'static str> {
    n.checked_sub(1).and_then(|i| STEPS.get(i)).copied()
}

/// Builds the schema of `version` (steps `1..=version`) inside `tx`: what
/// Jalin itself makes, to compare an untrusted file against (see
/// `trust.rs`). Steps added later are covered without change here.
pub(super) fn build_version(tx: &Transaction<'_>, version: i64) -> Result<()> {
    for step in STEPS.iter().take(version.max(0) as usize) {
        tx.execute_batch(step)?;
    }
    Ok(())
}
