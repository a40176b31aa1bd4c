//! `jalin copy SRC DEST`: a whole project between a file and a server (or
//! file to file, server to server), table by table with every row's id,
//! GUID and time as they are, so that nothing is lost and every report
//! reads the same. The destination is new and is written whole or not at
//! all: a file is built beside its name and moved into place; on a server
//! the schema, its rules and the rows are one transaction.

use rusqlite::types::Value;

use super::db::Connection;
use super::{Project, Result, StoreError};

/// The tables of a project in an order that satisfies their references,
/// with their columns (the schema at `LATEST_VERSION`; a test compares
/// these with the file's schema).
pub(super) const TABLES: &[(&str, &[&str])] = &[
    ("coders", &["id", "guid", "name", "color"]),
    (
        "sources",
        &[
            "id",
            "guid",
            "name",
            "kind",
            "char_len",
            "content_hash",
            "original_name",
            "imported_at",
        ],
    ),
    ("source_texts", &["source_id", "text"]),
    ("source_attributes", &["source_id", "key", "value"]),
    (
        "speaker_turns",
        &["id", "source_id", "start", "end", "label_end", "speaker"],
    ),
    ("speakers", &["id", "guid", "source_id", "name", "role"]),
    ("speaker_attributes", &["speaker_id", "key", "value"]),
    (
        "codes",
        &[
            "id",
            "guid",
            "name",
            "parent_id",
            "color",
            "description",
            "sort_order",
        ],
    ),
    (
        "codings",
        &[
            "id",
            "guid",
            "source_id",
            "code_id",
            "start",
            "end",
            "coder_id",
            "created_at",
        ],
    ),
    (
        "memos",
        &[
            "id",
            "guid",
            "source_id",
            "code_id",
            "coding_id",
            "title",
            "text",
            "coder_id",
            "created_at",
            "modified_at",
        ],
    ),
    ("exemplars", &["coding_id"]),
    (
        "review_items",
        &[
            "session",
            "code_id",
            "status",
            "note",
            "position",
            "updated_at",
        ],
    ),
    ("guid_spellings", &["guid", "spelling"]),
    ("pseudonyms", &["id", "real", "pseudonym", "kind"]),
    ("id_high_water", &["name", "seq"]),
];

/// `meta` rows that describe the database, not the project: not copied.
const DATABASE_META: &[&str] = &["schema_version", "application"];

/// Rows inserted per statement.
const BATCH: usize = 200;

fn read_all(conn: &Connection, table: &str, columns: &[&str]) -> Result<Vec<Vec<Value>>> {
    let order = if table == "codings" {
        // By source: each batch's codings then fall into one or two
        // sources, whose counts a server keeps up to date per statement
        // (`pg_schema::tally_sql`).
        "source_id, id".to_string()
    } else if columns[0] == "id" || columns[0].ends_with("_id") {
        columns
            .iter()
            .take_while(|c| **c == "id" || c.ends_with("_id") || **c == "key")
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        columns[0].to_string()
    };
    let sql = format!(
        "SELECT {} FROM {table} ORDER BY {order}",
        columns.join(", ")
    );
    let n = columns.len();
    let rows = conn
        .prepare(&sql)?
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get_ref(i).map(super::db::owned))
                .collect::<rusqlite::Result<Vec<Value>>>()
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn write_all(conn: &Connection, table: &str, columns: &[&str], rows: &[Vec<Value>]) -> Result<()> {
    for chunk in rows.chunks(BATCH) {
        let n = columns.len();
        let values: Vec<String> = (0..chunk.len())
            .map(|r| {
                let marks: Vec<String> = (1..=n).map(|c| format!("?{}", r * n + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            values.join(", ")
        );
        let params: Vec<&dyn rusqlite::ToSql> = chunk
            .iter()
            .flat_map(|row| row.iter().map(|v| v as &dyn rusqlite::ToSql))
            .collect();
        let changed = conn.prepare(&sql)?.execute(params.as_slice())?;
        if changed != chunk.len() {
            return Err(StoreError::NotWritten {
                what: format!("copy the rows of {table}"),
                expected: chunk.len(),
                changed,
            });
        }
    }
    Ok(())
}

/// Codes ordered so that every parent comes before its children.
fn parents_first(rows: Vec<Vec<Value>>) -> Vec<Vec<Value>> {
    let id = |r: &Vec<Value>| match r[0] {
        Value::Integer(n) => n,
        _ => 0,
    };
    let parent = |r: &Vec<Value>| match r[3] {
        Value::Integer(n) => Some(n),
        _ => None,
    };
    let mut placed = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut left = rows;
    while !left.is_empty() {
        let before = left.len();
        let (ready, wait): (Vec<_>, Vec<_>) = left
            .into_iter()
            .partition(|r| parent(r).is_none_or(|p| placed.contains(&p)));
        for r in ready {
            placed.insert(id(&r));
            out.push(r);
        }
        left = wait;
        if left.len() == before {
            // A loop or a missing parent: the destination refuses these
            // rows as the source would have.
            out.extend(left);
            break;
        }
    }
    out
}

/// Copies every row of `from` into the empty project `to` (already made,
/// with its own `meta` rows, which the source's replace). The source is
/// read in one snapshot: every table as it was at one moment, however
/// others write meanwhile (see [`read_snapshot`]).
pub(super) fn copy_rows(from: &Project, to: &Project) -> Result<CopyCounts> {
    read_snapshot(&from.conn, || copy_rows_now(from, to))
}

/// Runs `f`, which reads `conn`, in one read-only snapshot of it: on a
/// server a `REPEATABLE READ READ ONLY` transaction, on a file a deferred
/// one (SQLite's snapshot starts at its first read and holds to its end).
/// Without it each table would be read at its own moment: a coding range
/// from after a text edit beside the text from before it, or a memo on a
/// coding the copy does not have. Inside an open transaction `f` just runs.
fn read_snapshot<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    if !conn.is_autocommit() {
        return f();
    }
    match conn {
        Connection::Sqlite(c) => {
            c.execute_batch("BEGIN DEFERRED")?;
        }
        Connection::Pg(p) => p.control("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?,
    }
    let out = f();
    // Nothing was written: ending it either way is the same.
    let _ = match conn {
        Connection::Sqlite(c) => c.execute_batch("ROLLBACK"),
        Connection::Pg(p) => p.control("ROLLBACK"),
    };
    out
}

fn copy_rows_now(from: &Project, to: &Project) -> Result<CopyCounts> {
    let src = &from.conn;
    let dst = &to.conn;
    let mut counts = CopyCounts::default();
    let meta = read_all(src, "meta", &["key", "value"])?
        .into_iter()
        .filter(|r| !matches!(&r[0], Value::Text(k) if DATABASE_META.contains(&k.as_str())))
        .collect::<Vec<_>>();
    let keys: Vec<&str> = DATABASE_META.to_vec();
    dst.execute(
        &format!(
            "DELETE FROM meta WHERE key NOT IN ({})",
            keys.iter()
                .map(|k| format!("'{k}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [],
    )?;
    write_all(dst, "meta", &["key", "value"], &meta)?;
    for (table, columns) in TABLES {
        let mut rows = read_all(src, table, columns)?;
        if *table == "codes" {
            rows = parents_first(rows);
        }
        if *table == "id_high_water" {
            // A new project starts with its own mark; the source's replaces it.
            dst.execute("DELETE FROM id_high_water", [])?;
        }
        write_all(dst, table, columns, &rows)?;
        match *table {
            "sources" => counts.sources = rows.len(),
            "codes" => counts.codes = rows.len(),
            "codings" => counts.codings = rows.len(),
            "memos" => counts.memos = rows.len(),
            "coders" => counts.coders = rows.len(),
            _ => {}
        }
    }
    if let Some(pg) = dst.pg() {
        // Identity sequences past the copied ids, so new rows never reuse
        // one.
        for (table, columns) in TABLES {
            if columns[0] == "id" {
                pg.batch(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     greatest((SELECT max(id) FROM {table}), 1), \
                     (SELECT max(id) FROM {table}) IS NOT NULL)"
                ))?;
            }
        }
        // Codings: past the file's mark of deleted ids too.
        pg.batch(
            "SELECT setval(pg_get_serial_sequence('codings', 'id'), greatest(coalesce(\
             (SELECT max(id) FROM codings), 0), coalesce((SELECT seq FROM id_high_water \
             WHERE name = 'codings'), 0), 1), greatest(coalesce((SELECT max(id) FROM codings), \
             0), coalesce((SELECT seq FROM id_high_water WHERE name = 'codings'), 0)) > 0)",
        )?;
    }
    if src.pg().is_some() && dst.sqlite().is_some() {
        // The server's sequence is the mark of ids handed out: the file
        // never gives one of them again.
        let issued: i64 = src.query_row(
            "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('codings', 'id')), 0)",
            [],
            |r| r.get(0),
        )?;
        dst.execute(
            "INSERT OR REPLACE INTO id_high_water (name, seq) VALUES ('codings', \
             max(?1, ifnull((SELECT seq FROM id_high_water WHERE name = 'codings'), 0)))",
            [issued],
        )?;
    }
    Ok(counts)
}

/// What a copy carried.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyCounts {
    pub sources: usize,
    pub codes: usize,
    pub codings: usize,
    pub memos: usize,
    pub coders: usize,
}

/// Copies the project at location `from` to the new location `to` (a file
/// path or a server location; see [`Project::open_location`]).
pub fn copy_project(from: &str, to: &str) -> Result<CopyCounts> {
    copy_project_from(&Project::open_location(from)?, to)
}

/// Copies the open project `source` (a file, encrypted or not, or a team
/// project) to the new location `to`. A copy of an encrypted file to a
/// file is encrypted with the same passphrase.
pub fn copy_project_from(source: &Project, to: &str) -> Result<CopyCounts> {
    if super::is_server_location(to) {
        let loc = super::ServerLocation::parse(to).map_err(|reason| StoreError::ServerOpen {
            location: super::location_without_password(to),
            reason,
        })?;
        super::pg::create_whole(&loc, super::Password::Find, |p| {
            p.transact(|p| copy_rows(source, p))
        })
    } else {
        // A copy of an encrypted file is encrypted with the same passphrase,
        // as backups and saved copies are.
        Project::create_whole_with(to, source.passphrase(), |p| {
            p.transact(|p| copy_rows(source, p))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::TABLES;

    /// The copy's table list is the file's schema: every table (but `meta`)
    /// with every column, so a new column cannot be left behind.
    #[test]
    fn the_copied_tables_are_the_whole_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jalin");
        let p = super::Project::create(&path).unwrap();
        let conn = p.conn.sqlite().unwrap();
        let mut tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut listed: Vec<String> = TABLES.iter().map(|(t, _)| t.to_string()).collect();
        tables.sort();
        listed.sort();
        assert_eq!(tables, listed);
        for (table, columns) in TABLES {
            let actual: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(actual, *columns, "{table}");
        }
    }
}
