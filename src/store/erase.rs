//! Removing a source for good, and giving the file's free space back.
//!
//! A removed source takes its text, attributes, speaker turns, speakers,
//! codings (with their exemplar marks) and memos with it. Every row goes
//! into a [`RemovedSource`] as stored, column by column, so an undo puts
//! back the very same rows (ids, GUIDs, times). Every connection runs with
//! SQLite's `secure_delete` on (see `trust::harden`): the freed space is
//! overwritten with zeros, so the deleted text is not left in the file's
//! free pages once the log is copied into it. [`Project::vacuum`] rebuilds
//! the file (for space freed before, by a Jalin without `secure_delete`)
//! and empties the log.

use rusqlite::{OptionalExtension, types::Value};

use super::{Project, Result, StoreError, write_rows};
use crate::model::{CodeId, CoderId, SourceId, SourceMeta};

/// The rows of one table that went with a source, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRows {
    pub table: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A removed source with every row that went with it, so it can be put
/// back exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedSource {
    pub source: SourceMeta,
    /// Codings of the source.
    pub codings: usize,
    /// Memos on the source and on its codings.
    pub memos: usize,
    /// Codes and coders its codings and memos refer to: they must still be
    /// there to put it back.
    pub codes: Vec<CodeId>,
    pub coders: Vec<CoderId>,
    /// Parents first, in the order they are put back.
    pub tables: Vec<TableRows>,
}

impl RemovedSource {
    /// How many rows it holds in total.
    pub fn row_count(&self) -> usize {
        self.tables.iter().map(|t| t.rows.len()).sum()
    }
}

/// Every table that holds rows of a source, parents before children, with
/// the condition (on `?1`, the source's id) that picks them.
const PARTS: &[(&str, &str)] = &[
    ("sources", "id = ?1"),
    ("source_texts", "source_id = ?1"),
    ("source_attributes", "source_id = ?1"),
    ("speaker_turns", "source_id = ?1"),
    ("speakers", "source_id = ?1"),
    (
        "speaker_attributes",
        "speaker_id IN (SELECT id FROM speakers WHERE source_id = ?1)",
    ),
    ("codings", "source_id = ?1"),
    (
        "exemplars",
        "coding_id IN (SELECT id FROM codings WHERE source_id = ?1)",
    ),
    (
        "memos",
        "source_id = ?1 OR coding_id IN (SELECT id FROM codings WHERE source_id = ?1)",
    ),
];

/// Page counts of a project file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Space {
    pub page_size: u64,
    pub pages: u64,
    /// Pages on the free list: space freed by deletions and not yet given
    /// back to the file system.
    pub free_pages: u64,
}

impl Space {
    /// The file's size in bytes (without its log).
    pub fn bytes(&self) -> u64 {
        self.page_size * self.pages
    }

    /// Whether more than a tenth of the file is free pages.
    pub fn mostly_free(&self) -> bool {
        self.free_pages * 10 > self.pages
    }
}

/// What [`Project::vacuum`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vacuumed {
    pub before: Space,
    pub after: Space,
    /// Whether the log was copied into the file and emptied. Another
    /// window or command reading the project keeps the log from being
    /// emptied; the text is then erased when the last of them closes.
    pub log_emptied: bool,
}

impl Project {
    /// Every source `key` could mean, for a command that destroys: the
    /// source with that GUID and the one with that exact name (both, when
    /// a source is named like another's GUID); failing those, every source
    /// whose name is `key` ignoring case (accented letters included, which
    /// the name index does not fold, so there may be several).
    pub fn sources_matching(&self, key: &str) -> Result<Vec<SourceMeta>> {
        let key = key.trim();
        let all = self.sources()?;
        let guid = crate::model::Guid::parse(key);
        let mut exact: Vec<SourceMeta> = all
            .iter()
            .filter(|s| s.name == key || guid.as_ref().is_some_and(|g| &s.guid == g))
            .cloned()
            .collect();
        if exact.is_empty() {
            exact = all
                .into_iter()
                .filter(|s| crate::model::names::same_name(&s.name, key))
                .collect();
        }
        Ok(exact)
    }

    /// What removing a source would take with it, without removing it.
    pub fn source_removal_preview(&self, id: SourceId) -> Result<RemovedSource> {
        self.removed_source(id)
    }

    /// Removes a source with its text, attributes, speaker turns, speakers,
    /// codings, exemplar marks and memos, in one transaction; returns every
    /// row it removed. With `expect` (codings, memos, as shown to the user
    /// when they confirmed), a source that has more or fewer by now (another
    /// window or command coded it meanwhile) is refused, unchanged.
    pub fn remove_source(
        &mut self,
        id: SourceId,
        expect: Option<(usize, usize)>,
    ) -> Result<RemovedSource> {
        let tx = self.write()?;
        let gone = self.removed_source(id)?;
        if let Some((codings, memos)) = expect
            && (gone.codings, gone.memos) != (codings, memos)
        {
            return Err(StoreError::ChangedElsewhere(format!(
                "source '{}' (it now has {} codings and {} memos, not {codings} and {memos})",
                gone.source.name, gone.codings, gone.memos
            )));
        }
        let before = table_counts(&tx)?;
        write_rows(
            &tx,
            "remove a source",
            1,
            "DELETE FROM sources WHERE id = ?1",
            [id.0],
        )?;
        // Whatever the delete took (cascades included) must be what was
        // saved for undo: a table added later that refers to sources but is
        // not in PARTS would otherwise lose rows no undo gives back.
        let after = table_counts(&tx)?;
        for (table, n) in &before {
            let now = after
                .iter()
                .find(|(t, _)| t == table)
                .map_or(0, |(_, n)| *n);
            let saved = gone
                .tables
                .iter()
                .find(|t| &t.table == table)
                .map_or(0, |t| t.rows.len());
            if *n - now != saved as i64 {
                return Err(StoreError::NotWritten {
                    what: format!("remove a source (table {table})"),
                    expected: saved,
                    changed: (*n - now) as usize,
                });
            }
        }
        tx.commit()?;
        Ok(gone)
    }

    /// Puts back a removed source with every row it took, each with its id.
    /// Refused, with nothing changed, when a code or coder its codings or
    /// memos refer to is gone, or a source with its name or GUID was added
    /// meanwhile.
    pub fn restore_source(&mut self, gone: &RemovedSource) -> Result<()> {
        let tx = self.write()?;
        let exists = |sql: &str, v: &dyn rusqlite::ToSql| -> Result<bool> {
            Ok(tx
                .prepare_cached(sql)?
                .query_row([v], |_| Ok(()))
                .optional()?
                .is_some())
        };
        for c in &gone.codes {
            if !exists("SELECT 1 FROM codes WHERE id = ?1", &c.0)? {
                return Err(StoreError::CodeGone(*c));
            }
        }
        for c in &gone.coders {
            if !exists("SELECT 1 FROM coders WHERE id = ?1", &c.0)? {
                return Err(StoreError::CoderGone(*c));
            }
        }
        if exists(
            "SELECT 1 FROM sources WHERE guid = ?1",
            &gone.source.guid.as_str(),
        )? || exists("SELECT 1 FROM sources WHERE id = ?1", &gone.source.id.0)?
        {
            return Err(StoreError::ChangedElsewhere(format!(
                "source '{}'",
                gone.source.name
            )));
        }
        if exists("SELECT 1 FROM sources WHERE name = ?1", &gone.source.name)? {
            return Err(StoreError::DuplicateSource(gone.source.name.clone()));
        }
        for t in &gone.tables {
            let cols = t
                .columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let marks = vec!["?"; t.columns.len()].join(", ");
            let sql = format!("INSERT INTO \"{}\" ({cols}) VALUES ({marks})", t.table);
            // Speaker turn ids are SQLite's plain rowids, which another
            // process may have handed out again meanwhile; nothing refers
            // to them, so a taken one gets a new id.
            let turn_id = (t.table == "speaker_turns")
                .then(|| t.columns.iter().position(|c| c == "id"))
                .flatten();
            for row in &t.rows {
                let mut row = row.clone();
                if let Some(i) = turn_id
                    && exists("SELECT 1 FROM speaker_turns WHERE id = ?1", &row[i])?
                {
                    row[i] = Value::Null;
                }
                write_rows(
                    &tx,
                    "put back a removed source",
                    1,
                    &sql,
                    row.iter()
                        .map(|v| v as &dyn rusqlite::ToSql)
                        .collect::<Vec<_>>()
                        .as_slice(),
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every row of source `id` and what hangs on it, read in the open
    /// transaction (or as of now).
    fn removed_source(&self, id: SourceId) -> Result<RemovedSource> {
        let source = self.source(id)?;
        let mut tables = Vec::with_capacity(PARTS.len());
        for (table, cond) in PARTS {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT * FROM \"{table}\" WHERE {cond} ORDER BY rowid"
            ))?;
            let columns: Vec<String> = stmt.column_names();
            let n = columns.len();
            let rows = stmt
                .query_map([id.0], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
                .collect::<rusqlite::Result<Vec<Vec<Value>>>>()?;
            tables.push(TableRows {
                table: table.to_string(),
                columns,
                rows,
            });
        }
        let ids = |table: &str, column: &str| -> Vec<i64> {
            let Some(t) = tables.iter().find(|t| t.table == table) else {
                return Vec::new();
            };
            let Some(i) = t.columns.iter().position(|c| c == column) else {
                return Vec::new();
            };
            t.rows
                .iter()
                .filter_map(|r| match r[i] {
                    Value::Integer(v) => Some(v),
                    _ => None,
                })
                .collect()
        };
        let mut codes = ids("codings", "code_id");
        codes.sort_unstable();
        codes.dedup();
        let mut coders = ids("codings", "coder_id");
        coders.extend(ids("memos", "coder_id"));
        coders.sort_unstable();
        coders.dedup();
        let count = |table: &str| {
            tables
                .iter()
                .find(|t| t.table == table)
                .map_or(0, |t| t.rows.len())
        };
        Ok(RemovedSource {
            codings: count("codings"),
            memos: count("memos"),
            codes: codes.into_iter().map(CodeId).collect(),
            coders: coders.into_iter().map(CoderId).collect(),
            source,
            tables,
        })
    }

    /// The file's page counts.
    pub fn space(&self) -> Result<Space> {
        // SQLCipher answers `page_size` itself, as text ("4096"); SQLite
        // answers every one as an integer.
        let get = |pragma: &str| -> Result<u64> {
            let value = self
                .sq()?
                .pragma_query_value(None, pragma, |r| r.get::<_, rusqlite::types::Value>(0))?;
            let n = match &value {
                rusqlite::types::Value::Integer(n) => u64::try_from(*n).ok(),
                rusqlite::types::Value::Text(t) => t.trim().parse().ok(),
                _ => None,
            };
            n.ok_or_else(|| {
                StoreError::Sqlite(rusqlite::Error::InvalidColumnType(
                    0,
                    pragma.to_string(),
                    value.data_type(),
                ))
            })
        };
        Ok(Space {
            page_size: get("page_size")?,
            pages: get("page_count")?,
            free_pages: get("freelist_count")?,
        })
    }

    /// Whether the connection overwrites deleted content with zeros (always;
    /// for tests).
    pub fn secure_delete(&self) -> Result<bool> {
        Ok(self
            .sq()?
            .pragma_query_value(None, "secure_delete", |r| r.get::<_, i64>(0))?
            == 1)
    }

    /// Rebuilds the file without its free pages (SQLite's `VACUUM`), then
    /// copies the log into it and empties it, so nothing deleted is left in
    /// the file or its log. Not inside a transaction.
    pub fn vacuum(&mut self) -> Result<Vacuumed> {
        if self.in_transaction() {
            return Err(StoreError::NotWritten {
                what: "vacuum the project inside a change".into(),
                expected: 0,
                changed: 0,
            });
        }
        self.check_flush()?;
        let before = self.space()?;
        self.sq()?.execute_batch("VACUUM")?;
        let log_emptied = self.checkpoint()?;
        let after = self.space()?;
        Ok(Vacuumed {
            before,
            after,
            log_emptied,
        })
    }

    /// Copies the log into the file and truncates it to nothing; returns
    /// whether it could (another connection reading an older state keeps
    /// its frames).
    pub fn checkpoint(&mut self) -> Result<bool> {
        if self.server().is_some() {
            // A server has no log beside a file; what it deleted is its own.
            return Ok(true);
        }
        self.sync()?;
        let (busy, log, done): (i64, i64, i64) =
            self.sq()?
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        Ok(busy == 0 && (log <= 0 || log == done))
    }
}

/// Row counts of every table of the project (on a server, not its
/// tallies, which follow `codings`).
fn table_counts(conn: &super::db::Connection) -> Result<Vec<(String, i64)>> {
    let sql = if conn.pg().is_some() {
        format!(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
             AND tablename NOT IN ('{}') ORDER BY tablename",
            super::pg_schema::TALLY_TABLES.join("', '")
        )
    } else {
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            .to_string()
    };
    let tables: Vec<String> = conn
        .prepare_cached(&sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(tables.len());
    for t in tables {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))?;
        out.push((t, n));
    }
    Ok(out)
}
