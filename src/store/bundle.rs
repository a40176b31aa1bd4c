//! Many things added at once, in one transaction: a whole project from an
//! exchange file, or a transcript with the codes its rows were tagged with.
//! Items refer to each other by their index in the bundle, so an importer
//! never needs row ids.

use std::collections::HashMap;

use super::db::Connection;
use rusqlite::{OptionalExtension, params};

use super::{NewSource, Project, Result, StoreError, write_rows};
use crate::model::{CodeId, CoderId, CodingId, Color, Guid, MemoId, SourceId, text};

/// A coder to find (by GUID, then by name) or create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleCoder {
    pub guid: Option<Guid>,
    pub name: String,
}

/// A code to find or create. An existing code is reused when it has the
/// same GUID, or (without a GUID match) the same name under the same parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleCode {
    pub guid: Option<Guid>,
    pub name: String,
    /// Index of the parent in [`Bundle::codes`]; it must come earlier.
    pub parent: Option<usize>,
    /// `None` takes the next palette colour.
    pub color: Option<Color>,
    pub description: String,
}

/// A source to add. It is always added (a taken name gets a number),
/// unless it is marked `existing`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSource {
    pub source: NewSource,
    /// RFC 3339 time to record as its import time; `None` means now.
    pub imported_at: Option<String>,
    /// The project's source with `source.guid`, already there: codings and
    /// memos of the bundle may refer to it, but it is neither added nor
    /// taken away again (a merge into a project that has the source).
    pub existing: bool,
}

/// A coding; indexes point into the bundle's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleCoding {
    pub guid: Option<Guid>,
    pub source: usize,
    pub code: usize,
    pub start: usize,
    pub end: usize,
    pub coder: usize,
    /// RFC 3339 time; `None` means now.
    pub created_at: Option<String>,
    /// The project's coding with `guid`, already there: only for memos of
    /// the bundle to refer to; neither added nor taken away again.
    pub existing: bool,
}

/// What a bundled memo is about; indexes point into the bundle's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleTarget {
    Project,
    Source(usize),
    Code(usize),
    Coding(usize),
}

/// A memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleMemo {
    pub guid: Option<Guid>,
    pub target: BundleTarget,
    pub title: String,
    pub text: String,
    pub coder: usize,
    pub created_at: Option<String>,
    pub modified_at: Option<String>,
}

/// A speaker of a bundled source with a role set by hand or attributes of
/// their own (a participant case of an exchange file Jalin wrote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSpeaker {
    pub guid: Option<Guid>,
    /// Index into [`Bundle::sources`].
    pub source: usize,
    /// The label as in the source's turns.
    pub name: String,
    pub role: Option<crate::model::roles::Role>,
    pub attributes: Vec<crate::model::Attribute>,
}

/// Everything [`Project::add_bundle`] adds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    pub coders: Vec<BundleCoder>,
    pub codes: Vec<BundleCode>,
    pub sources: Vec<BundleSource>,
    pub codings: Vec<BundleCoding>,
    pub memos: Vec<BundleMemo>,
    pub speakers: Vec<BundleSpeaker>,
    /// GUIDs of the bundle as the file spelt them (upper case, braces) when
    /// that differs from Jalin's lower-case form, for exports to write them
    /// back. A GUID already spelt in the project keeps its spelling.
    pub guid_spellings: Vec<(Guid, String)>,
}

/// The kinds of item that carry a GUID in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GuidKind {
    Coder,
    Code,
    Source,
    Coding,
    Memo,
}

/// An item of a bundle given a new GUID by
/// [`Project::regive_foreign_guids`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidRegiven {
    /// The item's element as REFI-QDA names it (`Code`, `User`, …).
    pub element: &'static str,
    /// The item as a merge report names it ("code 'X'").
    pub item: String,
    /// Its name or title (empty for a coding).
    pub name: String,
    /// The GUID it came with.
    pub guid: Guid,
    /// What has that GUID in the project ("source 'Interview 1'").
    pub owner: String,
}

/// What [`Project::add_bundle`] did, index for index with the bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleAdded {
    pub coders: Vec<CoderId>,
    /// Whether each coder was created (`false`: an existing one was reused).
    pub coders_created: Vec<bool>,
    pub codes: Vec<CodeId>,
    /// Whether each code was created (`false`: an existing one was reused).
    pub codes_created: Vec<bool>,
    /// Every source, those marked `existing` included.
    pub sources: Vec<SourceId>,
    /// `None` for a coding that was already there (same source, code,
    /// range and coder) and so was not added again; the id of one marked
    /// `existing`.
    pub codings: Vec<Option<CodingId>>,
    /// `None` for a memo whose target coding was not added.
    pub memos: Vec<Option<MemoId>>,
}

/// The raw ids of rows listed with their GUIDs.
fn raw<T>(rows: &[(T, Guid)], id: impl Fn(&T) -> i64) -> Vec<i64> {
    rows.iter().map(|(r, _)| id(r)).collect()
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

fn bad(msg: impl Into<String>) -> StoreError {
    StoreError::BadBundle(msg.into())
}

/// The rows an [`Project::add_bundle`] created (not those it found and
/// reused), each by id with the GUID it was given: what undoing an import
/// takes away, after checking that nothing else now depends on them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleRows {
    pub coders: Vec<(CoderId, Guid)>,
    /// In the order they were made: a parent before its children.
    pub codes: Vec<(CodeId, Guid)>,
    pub sources: Vec<(SourceId, Guid)>,
    pub codings: Vec<(CodingId, Guid)>,
    pub memos: Vec<(MemoId, Guid)>,
}

impl Bundle {
    /// The bundle with a GUID on every item and `now` as the time of every
    /// row that has none, so that adding it again (redo after undo) makes
    /// the very same rows.
    pub fn stamped(&self, now: &str) -> Bundle {
        let mut b = self.clone();
        b.stamp(now);
        b
    }

    /// [`Bundle::stamped`] in place.
    pub fn stamp(&mut self, now: &str) {
        let b = self;
        let now = Some(now.to_string());
        for c in &mut b.coders {
            c.guid.get_or_insert_with(Guid::new);
        }
        for c in &mut b.codes {
            c.guid.get_or_insert_with(Guid::new);
        }
        for s in &mut b.sources {
            s.source.guid.get_or_insert_with(Guid::new);
            if s.imported_at.is_none() {
                s.imported_at.clone_from(&now);
            }
        }
        for c in &mut b.codings {
            c.guid.get_or_insert_with(Guid::new);
            if c.created_at.is_none() {
                c.created_at.clone_from(&now);
            }
        }
        for m in &mut b.memos {
            m.guid.get_or_insert_with(Guid::new);
            if m.created_at.is_none() {
                m.created_at.clone_from(&now);
            }
            if m.modified_at.is_none() {
                m.modified_at.clone_from(&m.created_at);
            }
        }
    }
}

impl BundleAdded {
    /// The rows this created from `bundle` (a [`Bundle::stamped`] one, so
    /// every item has its GUID).
    pub fn created_rows(&self, bundle: &Bundle) -> BundleRows {
        fn guid(g: &Option<Guid>) -> Guid {
            g.clone().unwrap_or_default()
        }
        BundleRows {
            coders: (self.coders.iter().zip(&self.coders_created))
                .zip(&bundle.coders)
                .filter(|((_, created), _)| **created)
                .map(|((id, _), c)| (*id, guid(&c.guid)))
                .collect(),
            codes: (self.codes.iter().zip(&self.codes_created))
                .zip(&bundle.codes)
                .filter(|((_, created), _)| **created)
                .map(|((id, _), c)| (*id, guid(&c.guid)))
                .collect(),
            sources: self
                .sources
                .iter()
                .zip(&bundle.sources)
                .filter(|(_, s)| !s.existing)
                .map(|(id, s)| (*id, guid(&s.source.guid)))
                .collect(),
            codings: self
                .codings
                .iter()
                .zip(&bundle.codings)
                .filter(|(_, c)| !c.existing)
                .filter_map(|(id, c)| id.map(|id| (id, guid(&c.guid))))
                .collect(),
            memos: self
                .memos
                .iter()
                .zip(&bundle.memos)
                .filter_map(|(id, m)| id.map(|id| (id, guid(&m.guid))))
                .collect(),
        }
    }
}

impl Project {
    /// Adds coders, codes, sources (with attributes and turns), codings and
    /// memos in one transaction: all are saved or none. Every range and
    /// reference is checked before anything is written.
    pub fn add_bundle(&mut self, bundle: &Bundle) -> Result<BundleAdded> {
        self.add_bundle_keeping(bundle, &BundleRows::default())
    }

    /// [`Project::add_bundle`], giving each row whose GUID is in `keep` the
    /// id it has there: a redo puts an undone import back as the very rows
    /// later undo steps refer to.
    pub fn add_bundle_keeping(
        &mut self,
        bundle: &Bundle,
        keep: &BundleRows,
    ) -> Result<BundleAdded> {
        fn ids<T>(rows: &[(T, Guid)], raw: impl Fn(&T) -> i64) -> HashMap<&str, i64> {
            rows.iter().map(|(id, g)| (g.as_str(), raw(id))).collect()
        }
        let kept = |map: &HashMap<&str, i64>, g: &Option<Guid>| -> Option<i64> {
            g.as_ref().and_then(|g| map.get(g.as_str()).copied())
        };
        let (keep_coders, keep_codes, keep_sources, keep_codings, keep_memos) = (
            ids(&keep.coders, |i| i.0),
            ids(&keep.codes, |i| i.0),
            ids(&keep.sources, |i| i.0),
            ids(&keep.codings, |i| i.0),
            ids(&keep.memos, |i| i.0),
        );
        check_bundle(bundle)?;
        let tx = self.write()?;
        let mut added = BundleAdded::default();
        // Text lengths of the sources already in the project, by index.
        let mut existing_lens: HashMap<usize, usize> = HashMap::new();
        for c in &bundle.coders {
            let (id, created) = find_or_add_coder(&tx, c, kept(&keep_coders, &c.guid))?;
            added.coders.push(id);
            added.coders_created.push(created);
        }
        let mut code_index = CodeIndex::read(&tx)?;
        for c in &bundle.codes {
            let parent = c.parent.map(|p| added.codes[p]);
            let at = kept(&keep_codes, &c.guid);
            let (id, created) = find_or_add_code(&tx, &mut code_index, c, parent, at)?;
            added.codes.push(id);
            added.codes_created.push(created);
        }
        for s in &bundle.sources {
            if s.existing {
                let id = existing_row(
                    &tx,
                    "sources",
                    &s.source.guid,
                    &format!("source '{}'", s.source.name),
                )?;
                let len: i64 =
                    tx.query_row("SELECT char_len FROM sources WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                existing_lens.insert(added.sources.len(), len as usize);
                added.sources.push(SourceId(id));
                continue;
            }
            let at = kept(&keep_sources, &s.source.guid);
            added.sources.push(insert_source(&tx, s, at)?);
        }
        for sp in &bundle.speakers {
            // A GUID already in the project (the same file imported twice)
            // gets a new one.
            let guid = match &sp.guid {
                Some(g)
                    if tx
                        .query_row(
                            "SELECT 1 FROM speakers WHERE guid = ?1",
                            [g.as_str()],
                            |_| Ok(()),
                        )
                        .optional()?
                        .is_none() =>
                {
                    Some(g)
                }
                _ => None,
            };
            let id = super::speakers::insert_speaker(
                &tx,
                added.sources[sp.source],
                &sp.name,
                sp.role,
                guid,
            )?;
            for a in &sp.attributes {
                super::speakers::insert_speaker_attribute(&tx, id, a)?;
            }
        }
        for c in &bundle.codings {
            if c.existing {
                let id = existing_row(&tx, "codings", &c.guid, "a coding a memo refers to")?;
                added.codings.push(Some(CodingId(id)));
                continue;
            }
            if let Some(&len) = existing_lens.get(&c.source)
                && c.end > len
            {
                return Err(StoreError::RangeOutOfBounds {
                    source_name: bundle.sources[c.source].source.name.clone(),
                    start: c.start,
                    end: c.end,
                    len,
                });
            }
            let changed = tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO codings (guid, source_id, code_id, start, end, coder_id, created_at, id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, {NOW}), coalesce(?8, {}))",
                    super::codings::NEXT_CODING_ID
                ),
                params![
                    c.guid.clone().unwrap_or_default().as_str(),
                    added.sources[c.source].0,
                    added.codes[c.code].0,
                    c.start as i64,
                    c.end as i64,
                    added.coders[c.coder].0,
                    c.created_at,
                    kept(&keep_codings, &c.guid)
                ],
            )?;
            added.codings.push(if changed == 0 {
                if let Some(g) = &c.guid {
                    let taken: Option<i64> = tx
                        .query_row(
                            "SELECT id FROM codings WHERE guid = ?1",
                            [g.as_str()],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if taken.is_some() {
                        return Err(bad(format!("two codings have the GUID {g}")));
                    }
                }
                None
            } else {
                Some(CodingId(tx.last_insert_rowid()))
            });
        }
        for m in &bundle.memos {
            let (s, c, k) = match m.target {
                BundleTarget::Project => (None, None, None),
                BundleTarget::Source(i) => (Some(added.sources[i].0), None, None),
                BundleTarget::Code(i) => (None, Some(added.codes[i].0), None),
                BundleTarget::Coding(i) => match added.codings[i] {
                    Some(id) => (None, None, Some(id.0)),
                    None => {
                        added.memos.push(None);
                        continue;
                    }
                },
            };
            write_rows(
                &tx,
                "add a memo",
                1,
                &format!(
                    "INSERT INTO memos (guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at, id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, {NOW}), coalesce(?9, ?8, {NOW}), ?10)"
                ),
                params![
                    m.guid.clone().unwrap_or_default().as_str(),
                    s,
                    c,
                    k,
                    m.title,
                    m.text,
                    added.coders[m.coder].0,
                    m.created_at,
                    m.modified_at,
                    kept(&keep_memos, &m.guid)
                ],
            )?;
            added.memos.push(Some(MemoId(tx.last_insert_rowid())));
        }
        for (guid, spelling) in &bundle.guid_spellings {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO guid_spellings (guid, spelling) VALUES (?1, ?2)",
            )?
            .execute(params![guid.as_str(), spelling])?;
        }
        tx.commit()?;
        Ok(added)
    }

    /// Gives a new GUID to each item of `b` to be added whose GUID the
    /// project already uses for something of another kind (a code with a
    /// source's GUID, a coder with a code's), and says which. Left as it
    /// was, the project would hold one GUID twice and its own export would
    /// not read back. An item whose GUID the project uses for the same kind
    /// is a match, not a clash, and keeps it.
    pub fn regive_foreign_guids(&self, b: &mut Bundle) -> Result<Vec<GuidRegiven>> {
        use crate::t;
        const KINDS: [(GuidKind, &str); 5] = [
            (GuidKind::Coder, "SELECT name FROM coders WHERE guid = ?1"),
            (GuidKind::Code, "SELECT name FROM codes WHERE guid = ?1"),
            (GuidKind::Source, "SELECT name FROM sources WHERE guid = ?1"),
            (GuidKind::Coding, "SELECT '' FROM codings WHERE guid = ?1"),
            (GuidKind::Memo, "SELECT title FROM memos WHERE guid = ?1"),
        ];
        let owner = |kind: GuidKind, g: &Guid| -> Result<Option<String>> {
            let mut found = None;
            for (k, sql) in KINDS {
                if k == kind {
                    continue;
                }
                let name: Option<String> = self
                    .conn
                    .prepare_cached(sql)?
                    .query_row([g.as_str()], |r| r.get(0))
                    .optional()?;
                if let Some(name) = name {
                    found = Some(match k {
                        GuidKind::Coder => t!("merge-item-coder", name = name.as_str()),
                        GuidKind::Code => t!("merge-item-code", name = name.as_str()),
                        GuidKind::Source => t!("merge-item-source", name = name.as_str()),
                        GuidKind::Coding => t!("merge-item-a-coding"),
                        GuidKind::Memo => t!("merge-item-memo", title = name.as_str()),
                    });
                    break;
                }
            }
            if found.is_some() {
                let own = KINDS.iter().find(|(k, _)| *k == kind).map(|(_, sql)| *sql);
                if let Some(sql) = own
                    && self.conn.prepare_cached(sql)?.exists([g.as_str()])?
                {
                    return Ok(None);
                }
            }
            Ok(found)
        };
        let mut out = Vec::new();
        let regive = |kind: GuidKind,
                      guid: &mut Option<Guid>,
                      name: &str,
                      out: &mut Vec<GuidRegiven>|
         -> Result<()> {
            let Some(g) = guid.clone() else {
                return Ok(());
            };
            if let Some(owner) = owner(kind, &g)? {
                let (element, item) = match kind {
                    GuidKind::Coder => ("User", t!("merge-item-coder", name = name)),
                    GuidKind::Code => ("Code", t!("merge-item-code", name = name)),
                    GuidKind::Source => ("TextSource", t!("merge-item-source", name = name)),
                    GuidKind::Coding => ("Coding", t!("merge-item-a-coding")),
                    GuidKind::Memo => ("Note", t!("merge-item-memo", title = name)),
                };
                *guid = Some(Guid::new());
                out.push(GuidRegiven {
                    element,
                    item,
                    name: name.to_string(),
                    guid: g,
                    owner,
                });
            }
            Ok(())
        };
        for c in &mut b.coders {
            regive(GuidKind::Coder, &mut c.guid, &c.name.clone(), &mut out)?;
        }
        for c in &mut b.codes {
            regive(GuidKind::Code, &mut c.guid, &c.name.clone(), &mut out)?;
        }
        for s in b.sources.iter_mut().filter(|s| !s.existing) {
            let name = s.source.name.clone();
            regive(GuidKind::Source, &mut s.source.guid, &name, &mut out)?;
        }
        for c in b.codings.iter_mut().filter(|c| !c.existing) {
            regive(GuidKind::Coding, &mut c.guid, "", &mut out)?;
        }
        for m in &mut b.memos {
            regive(GuidKind::Memo, &mut m.guid, &m.title.clone(), &mut out)?;
        }
        // A spelling of the old GUID would now be the other item's.
        b.guid_spellings
            .retain(|(g, _)| !out.iter().any(|r| &r.guid == g));
        Ok(out)
    }

    /// GUIDs as the exchange files they came from spelt them, by the GUID
    /// as Jalin stores it (only those spelt otherwise).
    pub fn guid_spellings(&self) -> Result<HashMap<String, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT guid, spelling FROM guid_spellings")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The time now as SQLite records it (RFC 3339, UTC, seconds).
    pub fn now(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {NOW}"), [], |r| r.get(0))?)
    }

    /// Takes back what an [`Project::add_bundle`] created, in one
    /// transaction: its memos, codings, sources (with their texts, turns
    /// and attributes), the codes and coders it made. Refused, with nothing
    /// changed, when any of those rows is gone or has another GUID, or when
    /// something made since depends on them (a coding, memo, sub-code,
    /// exemplar mark or review item that the import did not bring); coders
    /// still credited elsewhere are kept.
    pub fn remove_bundle_rows(&mut self, rows: &BundleRows) -> Result<()> {
        let tx = self.write()?;
        let changed = || StoreError::ChangedElsewhere("what this import added".into());
        let check = |table: &str, id: i64, g: &Guid| -> Result<()> {
            let now: Option<String> = tx
                .prepare_cached(&format!("SELECT guid FROM {table} WHERE id = ?1"))?
                .query_row([id], |r| r.get(0))
                .optional()?;
            match now {
                Some(now) if now == g.as_str() => Ok(()),
                _ => Err(changed()),
            }
        };
        for (id, g) in &rows.codes {
            check("codes", id.0, g)?;
        }
        for (id, g) in &rows.sources {
            check("sources", id.0, g)?;
        }
        for (id, g) in &rows.codings {
            check("codings", id.0, g)?;
        }
        for (id, g) in &rows.memos {
            check("memos", id.0, g)?;
        }
        let codings: std::collections::HashSet<i64> = rows.codings.iter().map(|c| c.0.0).collect();
        let memos: std::collections::HashSet<i64> = rows.memos.iter().map(|m| m.0.0).collect();
        let codes: std::collections::HashSet<i64> = rows.codes.iter().map(|c| c.0.0).collect();
        // Every row that points at something being removed must be removed
        // with it: otherwise a cascade would take someone's later work.
        let all_in = |sql: &str, id: i64, set: &std::collections::HashSet<i64>| -> Result<()> {
            let mut stmt = tx.prepare_cached(sql)?;
            let ids = stmt.query_map([id], |r| r.get::<_, i64>(0))?;
            for found in ids {
                if !set.contains(&found?) {
                    return Err(changed());
                }
            }
            Ok(())
        };
        let none: std::collections::HashSet<i64> = std::collections::HashSet::new();
        for (id, _) in &rows.sources {
            all_in(
                "SELECT id FROM codings WHERE source_id = ?1",
                id.0,
                &codings,
            )?;
            all_in("SELECT id FROM memos WHERE source_id = ?1", id.0, &memos)?;
        }
        for (id, _) in &rows.codes {
            all_in("SELECT id FROM codings WHERE code_id = ?1", id.0, &codings)?;
            all_in("SELECT id FROM memos WHERE code_id = ?1", id.0, &memos)?;
            all_in("SELECT id FROM codes WHERE parent_id = ?1", id.0, &codes)?;
            all_in("SELECT 1 FROM review_items WHERE code_id = ?1", id.0, &none)?;
        }
        for (id, _) in &rows.codings {
            all_in("SELECT id FROM memos WHERE coding_id = ?1", id.0, &memos)?;
            all_in(
                "SELECT coding_id FROM exemplars WHERE coding_id = ?1",
                id.0,
                &none,
            )?;
        }
        // Children first: memos, codings, sources, then codes leaf to root.
        let deletes = [
            (
                "remove a memo",
                "DELETE FROM memos WHERE id = ?1",
                raw(&rows.memos, |i| i.0),
            ),
            (
                "remove a coding",
                "DELETE FROM codings WHERE id = ?1",
                raw(&rows.codings, |i| i.0),
            ),
            (
                "remove a source",
                "DELETE FROM sources WHERE id = ?1",
                raw(&rows.sources, |i| i.0),
            ),
            (
                "remove a code",
                "DELETE FROM codes WHERE id = ?1",
                raw(&rows.codes, |i| i.0).into_iter().rev().collect(),
            ),
        ];
        for (what, sql, ids) in deletes {
            for id in ids {
                write_rows(&tx, what, 1, sql, [id])?;
            }
        }
        for (id, g) in &rows.coders {
            let in_use: i64 = tx.query_row(
                "SELECT (SELECT count(*) FROM codings WHERE coder_id = ?1)
                      + (SELECT count(*) FROM memos WHERE coder_id = ?1)",
                [id.0],
                |r| r.get(0),
            )?;
            if in_use == 0 {
                tx.execute(
                    "DELETE FROM coders WHERE id = ?1 AND guid = ?2",
                    params![id.0, g.as_str()],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// A value of the project's `meta` table: `guid` (the project's GUID) or
    /// `created_at`.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }
}

/// The tables whose rows [`Project::id_by_guid`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidRow {
    Coding,
    Code,
    Coder,
}

impl Project {
    /// The id of the coding, code or coder with `guid`, if the project has
    /// one.
    pub fn id_by_guid(&self, row: GuidRow, guid: &Guid) -> Result<Option<i64>> {
        let sql = match row {
            GuidRow::Coding => "SELECT id FROM codings WHERE guid = ?1",
            GuidRow::Code => "SELECT id FROM codes WHERE guid = ?1",
            GuidRow::Coder => "SELECT id FROM coders WHERE guid = ?1",
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([guid.as_str()], |r| r.get(0))
            .optional()?)
    }
}

/// The id of the row of `table` with `guid`, which must be there.
fn existing_row(tx: &Connection, table: &str, guid: &Option<Guid>, what: &str) -> Result<i64> {
    let gone = || StoreError::ChangedElsewhere(what.to_string());
    let g = guid.as_ref().ok_or_else(gone)?;
    tx.query_row(
        &format!("SELECT id FROM {table} WHERE guid = ?1"),
        [g.as_str()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(gone)
}

/// Checks indexes and ranges, so the transaction only fails on the database.
fn check_bundle(b: &Bundle) -> Result<()> {
    for (i, c) in b.codes.iter().enumerate() {
        if c.name.trim().is_empty() {
            return Err(StoreError::EmptyName);
        }
        crate::model::names::check_code_name(&c.name)?;
        if c.parent.is_some_and(|p| p >= i) {
            return Err(bad(format!(
                "code '{}' comes before its parent in the bundle",
                c.name
            )));
        }
    }
    for c in &b.coders {
        if c.name.trim().is_empty() {
            return Err(StoreError::EmptyName);
        }
    }
    let lens: Vec<usize> = b
        .sources
        .iter()
        .map(|s| text::char_len(&s.source.text))
        .collect();
    for (s, &len) in b.sources.iter().zip(&lens) {
        if s.source.name.trim().is_empty() {
            return Err(StoreError::EmptyName);
        }
        for t in &s.source.turns {
            if t.start > t.label_end || t.label_end > t.end || t.end > len {
                return Err(StoreError::BadTurn {
                    source_name: s.source.name.clone(),
                    start: t.start,
                    end: t.end,
                    len,
                });
            }
        }
    }
    for sp in &b.speakers {
        if sp.source >= b.sources.len() {
            return Err(bad("a speaker refers to a source not in the bundle"));
        }
        if b.sources[sp.source].existing {
            return Err(bad("a speaker refers to a source already in the project"));
        }
        if sp.name.trim().is_empty() {
            return Err(StoreError::EmptyName);
        }
    }
    for c in &b.codings {
        if c.existing && c.source < b.sources.len() && b.sources[c.source].existing {
            // Only referred to: its code and coder are the project's.
            continue;
        }
        if c.existing
            || c.source >= b.sources.len()
            || c.code >= b.codes.len()
            || c.coder >= b.coders.len()
        {
            return Err(bad("a coding refers to something not in the bundle"));
        }
        if c.start >= c.end {
            return Err(StoreError::EmptyRange {
                start: c.start,
                end: c.end,
            });
        }
        if c.end > lens[c.source] && !b.sources[c.source].existing {
            return Err(StoreError::RangeOutOfBounds {
                source_name: b.sources[c.source].source.name.clone(),
                start: c.start,
                end: c.end,
                len: lens[c.source],
            });
        }
    }
    for m in &b.memos {
        let ok = m.coder < b.coders.len()
            && match m.target {
                BundleTarget::Project => true,
                BundleTarget::Source(i) => i < b.sources.len(),
                BundleTarget::Code(i) => i < b.codes.len(),
                BundleTarget::Coding(i) => i < b.codings.len(),
            };
        if !ok {
            return Err(bad("a memo refers to something not in the bundle"));
        }
    }
    Ok(())
}

/// The coder with `c`'s GUID, else its name, else a new one; and whether
/// it was created.
pub(super) fn find_or_add_coder(
    tx: &Connection,
    c: &BundleCoder,
    keep_id: Option<i64>,
) -> Result<(CoderId, bool)> {
    if let Some(g) = &c.guid {
        let id: Option<i64> = tx
            .query_row("SELECT id FROM coders WHERE guid = ?1", [g.as_str()], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = id {
            return Ok((CoderId(id), false));
        }
    }
    // Another tool's user name with a line break, tab or escape sequence
    // (or one thousands of characters long) is shown on one line: its
    // control characters become spaces and it is cut at 200 characters.
    let cleaned: String = c
        .name
        .trim()
        .chars()
        .map(|ch| if ch.is_control() { ' ' } else { ch })
        .take(200)
        .collect();
    let name = cleaned.trim();
    let id: Option<i64> = tx
        .query_row(
            "SELECT id FROM coders WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = id {
        return Ok((CoderId(id), false));
    }
    write_rows(
        tx,
        "add a coder",
        1,
        "INSERT INTO coders (guid, name, id) VALUES (?1, ?2, ?3)",
        params![c.guid.clone().unwrap_or_default().as_str(), name, keep_id],
    )?;
    Ok((CoderId(tx.last_insert_rowid()), true))
}

/// What adding a bundle's codes needs to know of the codes already there,
/// read once per bundle so that adding n codes stays linear (a query per
/// code for the colour and the sort order made 20,000 sibling codes take
/// half a minute).
struct CodeIndex {
    /// Every code by (parent or 0, [`name_key`](crate::model::names::name_key)).
    names: HashMap<(i64, String), CodeId>,
    /// How many levels deep each code sits (a top-level code is 1).
    depth: HashMap<i64, usize>,
    /// How many codes there are (the next palette colour).
    count: usize,
    /// The next sort order under each parent (0 for the top level).
    next_order: HashMap<i64, i64>,
}

impl CodeIndex {
    fn read(tx: &Connection) -> Result<CodeIndex> {
        let mut stmt =
            tx.prepare("SELECT id, ifnull(parent_id, 0), name, sort_order FROM codes")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut index = CodeIndex {
            names: HashMap::new(),
            depth: HashMap::new(),
            count: 0,
            next_order: HashMap::new(),
        };
        let mut parents = HashMap::new();
        for row in rows {
            let (id, parent, name, order) = row?;
            index
                .names
                .entry((parent, crate::model::names::name_key(&name)))
                .or_insert(CodeId(id));
            let next = order.saturating_add(1);
            index
                .next_order
                .entry(parent)
                .and_modify(|n| *n = (*n).max(next))
                .or_insert(next);
            parents.insert(id, parent);
            index.count += 1;
        }
        index.depth = depths(&parents);
        Ok(index)
    }
}

/// How deep each code sits, from its parent (0 for none), each code's
/// chain walked once. A loop (refused when the project is opened) counts
/// as deeper than any limit.
fn depths(parents: &HashMap<i64, i64>) -> HashMap<i64, usize> {
    let mut depth: HashMap<i64, usize> = HashMap::with_capacity(parents.len());
    for &start in parents.keys() {
        let mut chain = Vec::new();
        let mut at = start;
        let base = loop {
            if let Some(&d) = depth.get(&at) {
                break d;
            }
            if at == 0 || !parents.contains_key(&at) {
                break 0;
            }
            if chain.len() > parents.len() {
                break usize::MAX / 2;
            }
            chain.push(at);
            at = parents[&at];
        };
        for (i, id) in chain.iter().rev().enumerate() {
            depth.insert(*id, base + i + 1);
        }
    }
    depth
}

/// The code with the bundle code's GUID, else its sibling of the same name
/// (ignoring case and Unicode normalisation), else a new code. A new code
/// that would sit deeper than [`MAX_CODE_DEPTH`](crate::model::MAX_CODE_DEPTH)
/// levels is refused.
fn find_or_add_code(
    tx: &Connection,
    index: &mut CodeIndex,
    c: &BundleCode,
    parent: Option<CodeId>,
    keep_id: Option<i64>,
) -> Result<(CodeId, bool)> {
    if let Some(g) = &c.guid {
        let id: Option<i64> = tx
            .prepare_cached("SELECT id FROM codes WHERE guid = ?1")?
            .query_row([g.as_str()], |r| r.get(0))
            .optional()?;
        if let Some(id) = id {
            return Ok((CodeId(id), false));
        }
    }
    let name = c.name.trim();
    let parent_key = parent.map_or(0, |p| p.0);
    let key = (parent_key, crate::model::names::name_key(name));
    if let Some(&id) = index.names.get(&key) {
        return Ok((id, false));
    }
    let levels = parent.map_or(0, |p| index.depth.get(&p.0).copied().unwrap_or(0)) + 1;
    if levels > crate::model::MAX_CODE_DEPTH {
        return Err(StoreError::TooDeep {
            name: name.to_string(),
            levels,
            limit: crate::model::MAX_CODE_DEPTH,
        });
    }
    let color = c.color.unwrap_or_else(|| Color::palette(index.count));
    let order = index.next_order.get(&parent_key).copied().unwrap_or(0);
    write_rows(
        tx,
        "add a code",
        1,
        "INSERT INTO codes (guid, name, parent_id, color, description, sort_order, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            c.guid.clone().unwrap_or_default().as_str(),
            name,
            parent.map(|p| p.0),
            color.to_hex(),
            // Verbatim (a trailing line break is the author's), but a
            // description of white space only is none.
            if c.description.trim().is_empty() {
                ""
            } else {
                c.description.as_str()
            },
            order,
            keep_id
        ],
    )?;
    let id = CodeId(tx.last_insert_rowid());
    index.names.insert(key, id);
    index.depth.insert(id.0, levels);
    index.count += 1;
    index.next_order.insert(parent_key, order + 1);
    Ok((id, true))
}

fn insert_source(tx: &Connection, s: &BundleSource, id: Option<i64>) -> Result<SourceId> {
    let new = &s.source;
    let name = new.name.trim().to_string();
    let mut unique = name.clone();
    let mut n = 1;
    let taken = |candidate: &str| -> Result<bool> {
        Ok(tx
            .query_row(
                "SELECT 1 FROM sources WHERE name = ?1 COLLATE NOCASE",
                [candidate],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    };
    while taken(&unique)? {
        n += 1;
        unique = format!("{name} ({n})");
    }
    let id = super::sources::insert_source_row(
        tx,
        &super::sources::SourceRow {
            guid: new.guid.clone().unwrap_or_default().as_str(),
            name: &unique,
            kind: new.kind,
            text: &new.text,
            char_len: text::char_len(&new.text),
            content_hash: &super::content_hash(&new.text),
            original_name: new.original_name.as_deref(),
            imported_at: s.imported_at.as_deref(),
            id,
        },
    )?;
    let mut attrs: HashMap<&str, &str> = HashMap::new();
    for a in &new.attributes {
        let key = a.key.trim();
        if !key.is_empty() {
            attrs.insert(key, a.value.trim());
        }
    }
    for (k, v) in attrs {
        write_rows(
            tx,
            "set an attribute",
            1,
            "INSERT OR REPLACE INTO source_attributes (source_id, key, value) VALUES (?1, ?2, ?3)",
            params![id.0, k, v],
        )?;
    }
    super::sources::insert_turns(tx, id, &new.turns)?;
    Ok(id)
}
