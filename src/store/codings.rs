//! Codings (a code applied to a range of a source) and coders.

use super::db::{Connection, Row};
use rusqlite::{OptionalExtension, params};

use super::{Project, Result, StoreError, write_rows};
use crate::model::{CodeId, CoderId, Coding, CodingId, CodingSpan, Guid, Memo, SourceId};

/// Codings counted per source and code in SQL ([`Project::coding_counts`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodingCounts {
    /// (source, code, number of codings), each pair once.
    pub per_source: Vec<(SourceId, CodeId, usize)>,
    /// (source, code, turn) for each focus-group speaker turn a code's
    /// codings belong to, each once; the turn is its index in the source's
    /// turns ordered by start (as [`Project::lean_data`] reads them).
    pub turns: Vec<(SourceId, CodeId, usize)>,
}

/// The id of a new coding: above the largest id present and above every
/// id of a deleted coding (`id_high_water`, kept by a trigger; schema step
/// 8), so an id is never reused. SQLite's own choice (the largest + 1)
/// would hand a deleted top row's id to the next coding.
pub(super) const NEXT_CODING_ID: &str = "(SELECT max(ifnull((SELECT max(id) FROM codings), 0),
     ifnull((SELECT seq FROM id_high_water WHERE name = 'codings'), 0)) + 1)";

/// Inserting a new coding (its id as [`NEXT_CODING_ID`] makes it); `?7` is
/// its time ([`utc_stamp`]).
const INSERT_CODING: &str =
    "INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
     VALUES ((SELECT max(ifnull((SELECT max(id) FROM codings), 0),
     ifnull((SELECT seq FROM id_high_water WHERE name = 'codings'), 0)) + 1),
     ?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// [`INSERT_CODING`] that stores the row only when the source (`?2`) and
/// code (`?3`) exist and the range `?4..?5` is non-empty and inside the
/// text: the check [`Project::check_coding`] makes, in the insert itself.
/// An end past the text (or of a missing source) becomes NULL and fails
/// `NOT NULL`, an empty range fails the table's `CHECK`, a missing code
/// its foreign key, the same coding twice `codings_unique`.
///
/// It is a single-row `VALUES` insert, not `INSERT … SELECT`: for that
/// SQLite checks every constraint (foreign keys included) before writing
/// anything, so it needs no statement journal. The `INSERT … SELECT` this
/// replaced (still [`SERVER_INSERT_CHECKED_CODING`] for a team project)
/// copied each page it changed into an in-memory journal and, since its
/// `SELECT` read `codings`, staged the row in a temporary table: a third of
/// a coding's instructions under callgrind (README, Performance).
const INSERT_CHECKED_CODING: &str =
    "INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
     VALUES ((SELECT max(ifnull((SELECT max(id) FROM codings), 0),
     ifnull((SELECT seq FROM id_high_water WHERE name = 'codings'), 0)) + 1),
     ?1, ?2, ?3, ?4,
     CASE WHEN ?5 <= (SELECT char_len FROM sources WHERE id = ?2) THEN ?5 END,
     ?6, ?7)";

/// [`INSERT_CHECKED_CODING`] for a team project on PostgreSQL, where a
/// refused statement aborts the transaction: the row is stored only when
/// the source (`?2`) and code (`?3`) exist and the range `?4..?5` is inside
/// the text, else nothing is (the same coding twice is refused by
/// `codings_unique`). The casts give PostgreSQL one type for `?4` and `?5`
/// (the columns' `BIGINT`).
const SERVER_INSERT_CHECKED_CODING: &str =
    "INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
     SELECT (SELECT max(ifnull((SELECT max(id) FROM codings), 0),
     ifnull((SELECT seq FROM id_high_water WHERE name = 'codings'), 0)) + 1),
     ?1, s.id, c.id, ?4, ?5, ?6, ?7
     FROM sources s, codes c
     WHERE s.id = ?2 AND c.id = ?3
       AND 0 <= CAST(?4 AS BIGINT) AND CAST(?4 AS BIGINT) < CAST(?5 AS BIGINT)
       AND CAST(?5 AS BIGINT) <= s.char_len";

/// `seconds` after 1970-01-01 00:00 UTC as `2026-11-30T23:05:00Z`, the form
/// SQLite's `strftime('%Y-%m-%dT%H:%M:%SZ', 'now')` writes (and every other
/// time in the file has). Made here for codings, whose insert is the hot
/// path: SQLite's date parsing was a twentieth of a coding's time, and with
/// the time known the new row need not be read back.
pub(super) fn utc_stamp(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Now, as [`utc_stamp`] writes it. The text of the last second is kept:
/// codings made in a burst share it instead of formatting it again (the
/// formatting was a twentieth of a coding's instructions).
fn utc_now() -> String {
    thread_local! {
        static LAST: std::cell::RefCell<(i64, String)> =
            const { std::cell::RefCell::new((i64::MIN, String::new())) };
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    LAST.with_borrow_mut(|(second, text)| {
        if *second != seconds {
            *text = utc_stamp(seconds);
            *second = seconds;
        }
        text.clone()
    })
}

/// [`Project::check_coding`]'s one query: the source's length and whether
/// the same coding is there.
const CHECK_CODING: &str = "SELECT s.char_len, EXISTS (SELECT 1 FROM codings
     WHERE source_id = s.id AND code_id = c.id AND start = ?3 AND end = ?4 AND coder_id = ?5)
 FROM sources s, codes c WHERE s.id = ?1 AND c.id = ?2";

const CODING_COLUMNS: &str = "id, guid, source_id, code_id, start, end, coder_id, created_at";

fn coding_row(row: &Row<'_>) -> rusqlite::Result<Coding> {
    Ok(Coding {
        id: CodingId(row.get(0)?),
        guid: Guid::from_stored(row.get(1)?).unwrap_or_default(),
        source: SourceId(row.get(2)?),
        code: CodeId(row.get(3)?),
        start: row.get::<_, i64>(4)? as usize,
        end: row.get::<_, i64>(5)? as usize,
        coder: CoderId(row.get(6)?),
        created_at: row.get(7)?,
    })
}

/// Puts back a coding with its id, GUID and time. Says plainly when that
/// is no longer possible because another program changed the project: the
/// id or GUID is taken, the same coding is there, or its source, code or
/// coder is gone.
pub(super) fn insert_coding_row(conn: &Connection, c: &Coding) -> Result<()> {
    let names: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT s.name, k.name FROM sources s, codes k, coders r
             WHERE s.id = ?1 AND k.id = ?2 AND r.id = ?3",
        )?
        .query_row(params![c.source.0, c.code.0, c.coder.0], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((source_name, code)) = names else {
        return Err(StoreError::ChangedElsewhere(
            "the source, code or coder of this coding".into(),
        ));
    };
    let same = conn
        .prepare_cached(
            "SELECT 1 FROM codings
             WHERE source_id = ?1 AND code_id = ?2 AND start = ?3 AND end = ?4 AND coder_id = ?5",
        )?
        .exists(params![
            c.source.0,
            c.code.0,
            c.start as i64,
            c.end as i64,
            c.coder.0
        ])?;
    if same {
        return Err(StoreError::AlreadyCoded {
            source_name,
            code,
            start: c.start,
            end: c.end,
        });
    }
    let taken = conn
        .prepare_cached("SELECT 1 FROM codings WHERE id = ?1 OR guid = ?2")?
        .exists(params![c.id.0, c.guid.as_str()])?;
    if taken {
        return Err(StoreError::ChangedElsewhere("this coding".into()));
    }
    write_rows(
        conn,
        "put back a coding",
        1,
        "INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            c.id.0,
            c.guid.as_str(),
            c.source.0,
            c.code.0,
            c.start as i64,
            c.end as i64,
            c.coder.0,
            c.created_at
        ],
    )
}

/// A removed coding with everything that went with it (the memos written
/// on it, its exemplar mark), so it can be put back exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedCoding {
    pub coding: Coding,
    pub memos: Vec<Memo>,
    pub exemplar: bool,
}

/// A coding about to be made by a coder named, not yet known by id (who is
/// created with the coding if new).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedCoding {
    pub source: SourceId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    pub coder: String,
}

/// A coding about to be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCoding {
    pub source: SourceId,
    pub code: CodeId,
    pub start: usize,
    pub end: usize,
    pub coder: CoderId,
    /// Keep a GUID made elsewhere (an exchange file); `None` makes one.
    pub guid: Option<Guid>,
}

impl Project {
    /// Applies a code to `[start, end)` of a source, in its own transaction.
    /// Overlapping codings are fine; the exact same coding twice is refused.
    pub fn add_coding(
        &mut self,
        source: SourceId,
        code: CodeId,
        start: usize,
        end: usize,
        coder: CoderId,
    ) -> Result<Coding> {
        let mut made = self.add_codings(&[NewCoding {
            source,
            code,
            start,
            end,
            coder,
            guid: None,
        }])?;
        Ok(made.remove(0))
    }

    /// Checks that a coding could be made: the source and code exist, the
    /// range is non-empty and inside the text, and (for an existing coder)
    /// the same coding is not already there. Writes nothing.
    pub fn check_coding(
        &self,
        source: SourceId,
        code: CodeId,
        start: usize,
        end: usize,
        coder: Option<CoderId>,
    ) -> Result<()> {
        // One lean query on the hot path (every coding a user makes); the
        // full records are read only to word an error.
        let found = self
            .conn
            .prepare_cached(CHECK_CODING)?
            .query_row(
                params![
                    source.0,
                    code.0,
                    start as i64,
                    end as i64,
                    coder.map_or(-1, |c| c.0)
                ],
                |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, bool>(1)?)),
            )
            .optional()?;
        let Some((len, exists)) = found else {
            // Says which of the two is unknown.
            self.source(source)?;
            self.code(code)?;
            return Err(StoreError::SourceGone(source));
        };
        if start >= end {
            return Err(StoreError::EmptyRange { start, end });
        }
        if end > len {
            return Err(StoreError::RangeOutOfBounds {
                source_name: self.source(source)?.name,
                start,
                end,
                len,
            });
        }
        if exists {
            return Err(StoreError::AlreadyCoded {
                source_name: self.source(source)?.name,
                code: self.code(code)?.name,
                start,
                end,
            });
        }
        Ok(())
    }

    /// Applies many codings in one transaction (one user action, such as
    /// coding every search hit): all are saved or none.
    pub fn add_codings(&mut self, new: &[NewCoding]) -> Result<Vec<Coding>> {
        if let [one] = new {
            return Ok(vec![self.add_one_coding(one)?]);
        }
        for n in new {
            self.check_coding(n.source, n.code, n.start, n.end, Some(n.coder))?;
        }
        let tx = self.write()?;
        let created_at = utc_now();
        let mut made = Vec::with_capacity(new.len());
        for n in new {
            let guid = n.guid.clone().unwrap_or_default();
            // Checked to have stored exactly one row; what it holds is what
            // was bound, so it is not read back.
            write_rows(
                &tx,
                "save a coding",
                1,
                INSERT_CODING,
                params![
                    guid.as_str(),
                    n.source.0,
                    n.code.0,
                    n.start as i64,
                    n.end as i64,
                    n.coder.0,
                    created_at
                ],
            )?;
            made.push(Coding {
                id: CodingId(tx.last_insert_rowid()),
                guid,
                source: n.source,
                code: n.code,
                start: n.start,
                end: n.end,
                coder: n.coder,
                created_at: created_at.clone(),
            });
        }
        tx.commit()?;
        Ok(made)
    }

    /// One coding, the hot path (every coding a user makes): checked and
    /// saved by one statement ([`INSERT_CHECKED_CODING`]), which stores the
    /// row only when the source and code exist and the range lies inside
    /// the text, the unique index refusing the same coding twice. Only when
    /// it stores nothing is [`Project::check_coding`] run, to say why.
    fn add_one_coding(&mut self, n: &NewCoding) -> Result<Coding> {
        let guid = n.guid.clone().unwrap_or_default();
        let created_at = utc_now();
        let tx = self.write_one_statement()?;
        let insert = if self.conn.sqlite().is_some() {
            INSERT_CHECKED_CODING
        } else {
            SERVER_INSERT_CHECKED_CODING
        };
        let stored = tx.prepare_cached(insert)?.execute(params![
            guid.as_str(),
            n.source.0,
            n.code.0,
            n.start as i64,
            n.end as i64,
            n.coder.0,
            created_at
        ]);
        let changed = match stored {
            Ok(changed) => changed,
            // Refused by a constraint (the same coding is there, the range
            // or the source or code is wrong): the check says which; what
            // it does not know (a coder that is not there) SQLite's error
            // says.
            Err(rusqlite::Error::SqliteFailure(f, message))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                drop(tx);
                self.check_coding(n.source, n.code, n.start, n.end, Some(n.coder))?;
                return Err(rusqlite::Error::SqliteFailure(f, message).into());
            }
            Err(e) => return Err(e.into()),
        };
        if changed != 1 {
            drop(tx);
            self.check_coding(n.source, n.code, n.start, n.end, Some(n.coder))?;
            return Err(StoreError::NotWritten {
                what: "save a coding".into(),
                expected: 1,
                changed,
            });
        }
        let id = CodingId(tx.last_insert_rowid());
        tx.commit()?;
        Ok(Coding {
            id,
            guid,
            source: n.source,
            code: n.code,
            start: n.start,
            end: n.end,
            coder: n.coder,
            created_at,
        })
    }

    /// Applies codings credited to coders by name, in one transaction:
    /// coders not yet in the project are created in it too, so either every
    /// coding (and coder) is saved or nothing is. Each coding is checked as
    /// [`Project::check_coding`] does, and the same coding twice in `new` is
    /// refused.
    pub fn add_named_codings(&mut self, new: &[NamedCoding]) -> Result<Vec<Coding>> {
        let mut seen = std::collections::HashSet::new();
        for n in new {
            let known = self.find_coder(&n.coder)?.map(|c| c.id);
            self.check_coding(n.source, n.code, n.start, n.end, known)?;
            if !seen.insert((
                n.source,
                n.code,
                n.start,
                n.end,
                n.coder.trim().to_lowercase(),
            )) {
                return Err(StoreError::AlreadyCoded {
                    source_name: self.source(n.source)?.name,
                    code: self.code(n.code)?.name,
                    start: n.start,
                    end: n.end,
                });
            }
            if n.coder.trim().is_empty() {
                return Err(StoreError::EmptyName);
            }
        }
        let tx = self.write()?;
        let created_at = utc_now();
        let mut made = Vec::with_capacity(new.len());
        for n in new {
            let (coder, _) = super::bundle::find_or_add_coder(
                &tx,
                &super::BundleCoder {
                    guid: None,
                    name: n.coder.clone(),
                },
                None,
            )?;
            let guid = Guid::new();
            write_rows(
                &tx,
                "save a coding",
                1,
                INSERT_CODING,
                params![
                    guid.as_str(),
                    n.source.0,
                    n.code.0,
                    n.start as i64,
                    n.end as i64,
                    coder.0,
                    created_at
                ],
            )?;
            made.push(Coding {
                id: CodingId(tx.last_insert_rowid()),
                guid,
                source: n.source,
                code: n.code,
                start: n.start,
                end: n.end,
                coder,
                created_at: created_at.clone(),
            });
        }
        tx.commit()?;
        Ok(made)
    }

    /// Removes a coding with the memos on it and its exemplar mark;
    /// returns all of it, so it can be undone.
    pub fn remove_coding(&mut self, id: CodingId) -> Result<RemovedCoding> {
        let tx = self.write()?;
        let coding = self.coding(id)?;
        let memos = self.memos_for(crate::model::MemoTarget::Coding(id))?;
        let exemplar = self.exemplars_among(&[id])?.contains(&id);
        // Memos and the exemplar mark follow through ON DELETE CASCADE.
        write_rows(
            &tx,
            "remove a coding",
            1,
            "DELETE FROM codings WHERE id = ?1",
            [id.0],
        )
        .map_err(|e| super::only_own(&tx, e, "remove only their own codings"))?;
        tx.commit()?;
        Ok(RemovedCoding {
            coding,
            memos,
            exemplar,
        })
    }

    /// Puts back a removed coding with its id, GUID, memos and exemplar
    /// mark.
    pub fn restore_coding(&mut self, gone: &RemovedCoding) -> Result<()> {
        let tx = self.write()?;
        insert_coding_row(&tx, &gone.coding)?;
        for m in &gone.memos {
            super::memos::insert_memo_row(&tx, m)?;
        }
        if gone.exemplar {
            super::review::insert_exemplar(&tx, gone.coding.id)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn coding(&self, id: CodingId) -> Result<Coding> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {CODING_COLUMNS} FROM codings WHERE id = ?1"
            ))?
            .query_row([id.0], coding_row)
            .optional()?
            .ok_or_else(|| StoreError::CodingGone(id))
    }

    /// Finds a coding by GUID.
    pub fn find_coding(&self, guid: &str) -> Result<Coding> {
        let g = Guid::parse(guid).ok_or_else(|| StoreError::UnknownCoding(guid.to_string()))?;
        self.conn
            .query_row(
                &format!("SELECT {CODING_COLUMNS} FROM codings WHERE guid = ?1"),
                [g.as_str()],
                coding_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownCoding(guid.to_string()))
    }

    /// All codings, by source and position.
    pub fn codings(&self) -> Result<Vec<Coding>> {
        // Read in the table's own order and sort here: ordering in SQL walks
        // an index and fetches each row from a random page, which at a
        // million codings is ten times slower.
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {CODING_COLUMNS} FROM codings"))?;
        let rows = stmt.query_map([], coding_row)?;
        let mut all: Vec<Coding> = rows.collect::<rusqlite::Result<_>>()?;
        all.sort_unstable_by_key(|c| (c.source, c.start, c.end, c.id));
        Ok(all)
    }

    /// Every coding without its GUID and creation time, by source, code
    /// and position: what the counting tables need. Only integers are read,
    /// from the `codings_unique` index that holds all of them (a quarter of
    /// the table's size) and already keeps this order, so nothing is
    /// allocated per coding and nothing is sorted.
    pub fn coding_spans(&self) -> Result<Vec<CodingSpan>> {
        const SQL: &str = "SELECT id, source_id, code_id, start, end, coder_id FROM codings
             ORDER BY source_id, code_id, start, end, coder_id";
        if let Some(pg) = self.conn.pg() {
            // A million rows from a server: streamed, no row kept.
            let mut all = Vec::new();
            pg.int_rows(SQL, |r| {
                all.push(CodingSpan {
                    id: CodingId(r[0]),
                    source: SourceId(r[1]),
                    code: CodeId(r[2]),
                    start: r[3] as usize,
                    end: r[4] as usize,
                    coder: CoderId(r[5]),
                })
            })?;
            return Ok(all);
        }
        let mut stmt = self.conn.prepare_cached(SQL)?;
        let mut rows = stmt.query([])?;
        let mut all = Vec::new();
        while let Some(r) = rows.next()? {
            let int = |i: usize| r.get_ref(i).and_then(|v| Ok(v.as_i64()?));
            all.push(CodingSpan {
                id: CodingId(int(0)?),
                source: SourceId(int(1)?),
                code: CodeId(int(2)?),
                start: int(3)? as usize,
                end: int(4)? as usize,
                coder: CoderId(int(5)?),
            });
        }
        Ok(all)
    }

    /// The codings counted in SQL, for the counting tables (frequencies,
    /// triangulation), so a million codings come back as a few thousand
    /// rows: per source and code how many, and (with `turns`) which speaker
    /// turns of each focus group each code's codings belong to. Only codings
    /// by `coders` (all when empty). See [`CodingCounts`].
    pub fn coding_counts(&self, coders: &[CoderId], turns: bool) -> Result<CodingCounts> {
        // A turn's number and end in one integer: positions stay below it.
        const PACK: i64 = 1 << 32;
        let only = if coders.is_empty() {
            String::new()
        } else {
            let ids: Vec<String> = coders.iter().map(|c| c.0.to_string()).collect();
            format!(" AND c.coder_id IN ({})", ids.join(", "))
        };
        let mut out = CodingCounts::default();
        if self.has_tallies()? {
            // A team project keeps these counts as codings change
            // (`pg_schema::tally_sql`): a few thousand rows to add up.
            self.int_rows(
                &format!(
                    "SELECT c.source_id, c.code_id, CAST(sum(c.n) AS BIGINT) FROM coding_tally c
                     WHERE 1 = 1{only} GROUP BY c.source_id, c.code_id"
                ),
                3,
                |r| {
                    out.per_source
                        .push((SourceId(r[0]), CodeId(r[1]), r[2].max(0) as usize))
                },
            )?;
            if turns {
                self.int_rows(
                    &format!(
                        "SELECT DISTINCT c.source_id, c.code_id, c.turn FROM coding_turn_tally c
                         WHERE c.source_id = ANY (ARRAY(SELECT id FROM sources WHERE kind = 'focus_group')){only}"
                    ),
                    3,
                    |r| {
                        if let Ok(turn) = usize::try_from(r[2]) {
                            out.turns.push((SourceId(r[0]), CodeId(r[1]), turn));
                        }
                    },
                )?;
            }
            return Ok(out);
        }
        let per_source = format!(
            "SELECT c.source_id, c.code_id, count(*) FROM codings c WHERE 1 = 1{only}
             GROUP BY c.source_id, c.code_id"
        );
        self.int_rows(&per_source, 3, |r| {
            out.per_source
                .push((SourceId(r[0]), CodeId(r[1]), r[2].max(0) as usize))
        })?;
        if turns {
            // A coding belongs to the turn its first character is in (the
            // last turn starting at or before it, while the turn lasts), else
            // to the next turn if it reaches into it (`analysis::turn_of`).
            // Turns and codings of each focus group are sorted together by
            // position (turns first at the same place); a running maximum
            // then gives each coding the last turn before it (its number
            // and end packed in one integer, as numbers only grow) and the
            // next turn's start, with a turn "-1" before the first. One sort,
            // no join, on SQLite and on a server alike. Turns are numbered
            // in the order `all_turns` reads them.
            let by_turn = format!(
                "WITH t AS (
                   SELECT source_id, start,
                          CASE WHEN \"end\" > start THEN \"end\" ELSE start + 1 END AS until,
                          coalesce(lead(start) OVER (PARTITION BY source_id ORDER BY start, id),
                                   2147483647) AS next_start,
                          row_number() OVER (PARTITION BY source_id ORDER BY start, id) - 1 AS n
                   FROM speaker_turns
                   WHERE source_id IN (SELECT id FROM sources WHERE kind = 'focus_group')
                 ), e AS (
                   SELECT source_id, start, 0 AS coding, n AS turn,
                          (n + 1) * {PACK} + until AS owner, next_start, 0 AS code_id, 0 AS stop
                   FROM t
                   UNION ALL
                   SELECT source_id, -1, 0, -1, 0, start, 0, 0 FROM t WHERE n = 0
                   UNION ALL
                   SELECT c.source_id, c.start, 1, -1, NULL, NULL, c.code_id, c.\"end\"
                   FROM codings c
                   WHERE c.source_id IN (SELECT id FROM sources WHERE kind = 'focus_group'){only}
                 ), k AS (
                   SELECT source_id, code_id, start, stop, coding,
                          max(owner) OVER w AS owner, max(next_start) OVER w AS next_start
                   FROM e
                   WINDOW w AS (PARTITION BY source_id ORDER BY start, coding, turn
                                ROWS UNBOUNDED PRECEDING)
                 )
                 SELECT source_id, code_id,
                        CASE WHEN start < owner % {PACK} THEN owner / {PACK} - 1
                             WHEN stop > next_start THEN owner / {PACK}
                             ELSE -1 END AS who
                 FROM k
                 WHERE coding = 1
                 GROUP BY source_id, code_id, who"
            );
            self.int_rows(&by_turn, 3, |r| {
                if let Ok(turn) = usize::try_from(r[2]) {
                    out.turns.push((SourceId(r[0]), CodeId(r[1]), turn));
                }
            })?;
        }
        Ok(out)
    }

    /// Whether this is a team project whose server keeps the coding counts
    /// (`pg_schema::tally_sql`; projects made before Jalin did are counted
    /// from their codings).
    fn has_tallies(&self) -> Result<bool> {
        if self.conn.pg().is_none() {
            return Ok(false);
        }
        let mut found = false;
        self.int_rows(
            "SELECT CASE WHEN to_regclass('coding_turn_tally') IS NULL THEN 0 ELSE 1 END",
            1,
            |r| found = r[0] == 1,
        )?;
        Ok(found)
    }

    /// Runs `sql` (no parameters, `columns` integer columns) and hands each
    /// row to `each`: streamed from a server, stepped through in SQLite.
    fn int_rows(&self, sql: &str, columns: usize, mut each: impl FnMut(&[i64])) -> Result<()> {
        if let Some(pg) = self.conn.pg() {
            pg.int_rows(sql, each)?;
            return Ok(());
        }
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut values = Vec::new();
        while let Some(r) = rows.next()? {
            values.clear();
            for i in 0..columns {
                values.push(r.get_ref(i).and_then(|v| Ok(v.as_i64()?))?);
            }
            each(&values);
        }
        Ok(())
    }

    /// One source's codings, by position.
    pub fn codings_of_source(&self, source: SourceId) -> Result<Vec<Coding>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CODING_COLUMNS} FROM codings WHERE source_id = ?1 ORDER BY start, end, id"
        ))?;
        let rows = stmt.query_map([source.0], coding_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AddedSource, NewCode, NewSource};

    /// Adds the interview "Interview" of `repeats` short sentences.
    fn interview(p: &mut Project, repeats: usize) -> crate::model::SourceMeta {
        let AddedSource::Added(source) = p
            .add_source(
                NewSource {
                    name: "Interview".into(),
                    kind: crate::model::SourceKind::Interview,
                    text: "Apa kabar? Baik, terima kasih. ".repeat(repeats),
                    original_name: None,
                    attributes: Vec::new(),
                    turns: Vec::new(),
                    guid: None,
                },
                false,
            )
            .unwrap()
        else {
            panic!("not added");
        };
        source
    }

    /// How often SQLite compiled the cached statement `sql` again.
    fn reprepares(p: &Project, sql: &str) -> i32 {
        p.conn
            .prepare_cached(sql)
            .unwrap()
            .get_status(rusqlite::StatementStatus::RePrepare)
    }

    /// The statements every coding runs stay compiled between codings.
    /// SQLite 3.54 marks a statement whose plan weighed a bound value as
    /// "re-prepare on rebind", and `sqlite3_clear_bindings` (which rusqlite
    /// calls whenever a statement goes back to its cache) then expires it:
    /// the check query was compiled again for every coding, a quarter of a
    /// coding's time. The connection runs with the query planner stability
    /// guarantee, so plans never depend on bound values.
    #[test]
    fn codings_do_not_recompile_their_statements() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
        let source = interview(&mut p, 20);
        let code = p
            .add_code(NewCode {
                name: "Trust".into(),
                ..NewCode::default()
            })
            .unwrap();
        let coder = p.coder("tester").unwrap().id;
        for i in 0..40 {
            // Starts of 0 and 1 too: SQLite treats small integers apart.
            crate::app::Command::AddCoding {
                source: source.id,
                code: code.id,
                start: i,
                end: i + 5,
                coder,
            }
            .apply(&mut p)
            .unwrap();
        }
        let stored = p.codings().unwrap();
        assert_eq!(stored.len(), 40);
        // What add_codings returns (not read back) is what the file holds.
        let made = p.add_coding(source.id, code.id, 100, 120, coder).unwrap();
        assert_eq!(p.coding(made.id).unwrap(), made);
        assert_eq!(reprepares(&p, INSERT_CHECKED_CODING), 0);
        // Several codings at once take the other path: checked, then saved.
        for i in 0..5 {
            let two: Vec<NewCoding> = (0..2)
                .map(|j| NewCoding {
                    source: source.id,
                    code: code.id,
                    start: 200 + 10 * i + j,
                    end: 205 + 10 * i + j,
                    coder,
                    guid: None,
                })
                .collect();
            p.add_codings(&two).unwrap();
        }
        assert_eq!(reprepares(&p, CHECK_CODING), 0);
        assert_eq!(reprepares(&p, INSERT_CODING), 0);
    }

    /// The plan SQLite makes for `sql` (`EXPLAIN QUERY PLAN`), one step a
    /// line.
    fn plan(p: &Project, sql: &str) -> String {
        let mut stmt = p
            .conn
            .sqlite()
            .unwrap()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let unbound = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
        let rows = stmt
            .query_map(rusqlite::params_from_iter(unbound), |r| {
                r.get::<_, String>(3)
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        rows.join("\n")
    }

    /// Every lookup of codings by id, GUID, source or code (the coding
    /// check, a new coding's id, the per-source and per-code reads, undo's
    /// GUID checks) searches an index; none reads the whole table. Schema
    /// step 9 rebuilt the table: this keeps the indexes it needs.
    #[test]
    fn coding_lookups_search_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jalin");
        // As made (the statistics loaded by the migration) and as opened.
        drop(Project::create(&path).unwrap());
        let made = Project::create(dir.path().join("q.jalin")).unwrap();
        let opened = Project::open(&path).unwrap();
        let by_source = format!(
            "SELECT {CODING_COLUMNS} FROM codings WHERE source_id = ?1 ORDER BY start, end, id"
        );
        let by_guid = format!("SELECT {CODING_COLUMNS} FROM codings WHERE guid = ?1");
        let by_id = format!("SELECT {CODING_COLUMNS} FROM codings WHERE id = ?1");
        let next_id = format!("SELECT {NEXT_CODING_ID}");
        let statements = [
            (CHECK_CODING, "codings_unique"),
            (INSERT_CODING, "codings"),
            (INSERT_CHECKED_CODING, "INTEGER PRIMARY KEY"),
            (next_id.as_str(), "codings"),
            (by_source.as_str(), "codings_unique"),
            (by_guid.as_str(), "sqlite_autoindex_codings_1"),
            (by_id.as_str(), "INTEGER PRIMARY KEY"),
            // By code: a skip-scan of `codings_unique` (schema step 10),
            // for reads, merging and the cascade of deleting a code.
            (
                "SELECT id FROM codings WHERE code_id = ?1",
                "codings_unique (ANY(source_id) AND code_id=?)",
            ),
            (
                "UPDATE codings SET code_id = ?2 WHERE code_id = ?1",
                "codings_unique (ANY(source_id) AND code_id=?)",
            ),
            (
                "DELETE FROM codes WHERE id = ?1",
                "codings_unique (ANY(source_id) AND code_id=?)",
            ),
            (
                "DELETE FROM sources WHERE id = ?1",
                "codings_unique (source_id=?)",
            ),
            (
                "SELECT id FROM codings WHERE source_id = ?1",
                "codings_unique",
            ),
            (
                "SELECT 1 FROM codings WHERE id = ?1 OR guid = ?2",
                "codings",
            ),
            ("DELETE FROM codings WHERE id = ?1", "INTEGER PRIMARY KEY"),
        ];
        for p in [&made, &opened] {
            for (sql, index) in statements {
                let plan = plan(p, sql);
                assert!(!plan.contains("SCAN codings"), "{sql}\n{plan}");
                assert!(plan.contains(index), "{sql} does not use {index}:\n{plan}");
            }
        }
    }

    /// The opcodes of `sql`'s program.
    fn opcodes(p: &Project, sql: &str) -> Vec<String> {
        let mut stmt = p
            .conn
            .sqlite()
            .unwrap()
            .prepare(&format!("EXPLAIN {sql}"))
            .unwrap();
        let unbound = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
        stmt.query_map(rusqlite::params_from_iter(unbound), |r| r.get(1))
            .unwrap()
            .collect::<rusqlite::Result<Vec<String>>>()
            .unwrap()
    }

    /// A coding's insert is a single-row insert that needs no statement
    /// journal: its foreign keys halt it before anything is written (no
    /// `FkCounter`, which only a statement that may write several rows
    /// uses, and which makes SQLite copy every page it changes into a
    /// journal first), and it stages nothing in a temporary table (no
    /// `OpenEphemeral`, which `INSERT … SELECT` from the table it fills
    /// does). The `INSERT … SELECT` before cost a third of a coding's
    /// instructions under callgrind.
    #[test]
    fn a_codings_insert_needs_no_statement_journal_or_temporary_table() {
        let dir = tempfile::tempdir().unwrap();
        let p = Project::create(dir.path().join("p.jalin")).unwrap();
        for sql in [INSERT_CHECKED_CODING, INSERT_CODING] {
            let ops = opcodes(&p, sql);
            assert!(ops.iter().any(|o| o == "Insert"), "{sql}: {ops:?}");
            for bad in ["FkCounter", "OpenEphemeral", "Yield"] {
                assert!(!ops.iter().any(|o| o == bad), "{sql} has {bad}: {ops:?}");
            }
        }
        // The control: the insert this replaced has both.
        let old =
            "INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
             SELECT (SELECT max(id) FROM codings) + 1, ?1, s.id, c.id, ?4, ?5, ?6, ?7
             FROM sources s, codes c WHERE s.id = ?2 AND c.id = ?3 AND ?5 <= s.char_len";
        let ops = opcodes(&p, old);
        assert!(ops.iter().any(|o| o == "FkCounter"), "{ops:?}");
        assert!(ops.iter().any(|o| o == "OpenEphemeral"), "{ops:?}");
    }

    /// A coding's own transaction writes three pages to the log: the table
    /// and its two indexes (GUID, unique). Before schema step 9
    /// AUTOINCREMENT wrote `sqlite_sequence` as a fifth with every coding,
    /// before step 10 `codings_by_code` a fourth.
    #[test]
    fn a_coding_writes_three_pages_to_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jalin");
        let mut p = Project::create(&path).unwrap();
        let source = interview(&mut p, 200);
        let code = p.add_code(NewCode::named("Trust")).unwrap();
        let coder = p.coder("tester").unwrap().id;
        for i in 0..300 {
            p.add_coding(source.id, code.id, i, i + 5, coder).unwrap();
        }
        let wal = super::super::trust::wal_path(&path);
        let frames = |p: &Project| {
            p.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    r.get::<_, i64>(0)
                })
                .unwrap();
            assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
        };
        for i in 300..310 {
            frames(&p);
            crate::app::Command::AddCoding {
                source: source.id,
                code: code.id,
                start: i,
                end: i + 5,
                coder,
            }
            .apply(&mut p)
            .unwrap();
            let len = std::fs::metadata(&wal).unwrap().len();
            // A 32-byte header, then 24 bytes and a 4 KiB page a frame.
            assert_eq!((len - 32) % (24 + 4096), 0, "{len}");
            assert_eq!((len - 32) / (24 + 4096), 3, "pages written by coding {i}");
        }
    }

    /// The time kept for a burst of codings is the time now, in the same
    /// second or the next, however often it is asked for.
    #[test]
    fn the_kept_time_of_a_coding_is_now() {
        let now = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs() as i64
        };
        for _ in 0..1000 {
            let before = now();
            let t = utc_now();
            let after = now();
            assert!(t == utc_stamp(before) || t == utc_stamp(after), "{t}");
        }
    }

    /// The coding's time is written as SQLite's `strftime` writes it, for
    /// every kind of date (leap days, century years, before 1970).
    #[test]
    fn coding_times_are_written_as_sqlite_writes_them() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let mut seconds: Vec<i64> = vec![
            0,
            -1,
            -86_400 * 366,
            951_782_400,     // 2000-02-29
            951_868_799,     // 2000-02-29T23:59:59
            4_107_542_400,   // 2100-03-01
            1_796_083_200,   // 2026-12-01
            253_402_300_799, // 9999-12-31T23:59:59
        ];
        // Every ~9 days over 1900..2200, at a varying time of day.
        let mut t = -2_208_988_800;
        while t < 7_258_118_400 {
            seconds.push(t);
            t += 800_017;
        }
        for s in seconds {
            let sqlite: String = conn
                .query_row(
                    "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch')",
                    [s],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(utc_stamp(s), sqlite, "{s}");
        }
        // And now is now (SQLite's clock read between two of ours).
        let before = utc_now();
        let now: String = conn
            .query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
                r.get(0)
            })
            .unwrap();
        let after = utc_now();
        assert!(now == before || now == after, "{before} {now} {after}");
    }
}
