//! Many things added at once, in one transaction: a whole project from an
//! exchange file, or a transcript with the codes its rows were tagged with.
//! Items refer to each other by their index in the bundle, so an importer
//! never needs row ids.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

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

/// A source to add. It is always added (a taken name gets a number).
#[derive(Debug, Clone)]
pub struct BundleSource {
    pub source: NewSource,
    /// RFC 3339 time to record as its import time; `None` means now.
    pub imported_at: Option<String>,
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

/// Everything [`Project::add_bundle`] adds.
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    pub coders: Vec<BundleCoder>,
    pub codes: Vec<BundleCode>,
    pub sources: Vec<BundleSource>,
    pub codings: Vec<BundleCoding>,
    pub memos: Vec<BundleMemo>,
}

/// What [`Project::add_bundle`] did, index for index with the bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleAdded {
    pub coders: Vec<CoderId>,
    pub codes: Vec<CodeId>,
    /// Whether each code was created (`false`: an existing one was reused).
    pub codes_created: Vec<bool>,
    pub sources: Vec<SourceId>,
    /// `None` for a coding that was already there (same source, code,
    /// range and coder) and so was not added again.
    pub codings: Vec<Option<CodingId>>,
    /// `None` for a memo whose target coding was not added.
    pub memos: Vec<Option<MemoId>>,
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

fn bad(msg: impl Into<String>) -> StoreError {
    StoreError::BadBundle(msg.into())
}

impl Project {
    /// Adds coders, codes, sources (with attributes and turns), codings and
    /// memos in one transaction: all are saved or none. Every range and
    /// reference is checked before anything is written.
    pub fn add_bundle(&mut self, bundle: &Bundle) -> Result<BundleAdded> {
        check_bundle(bundle)?;
        let tx = self.write()?;
        let mut added = BundleAdded::default();
        for c in &bundle.coders {
            added.coders.push(find_or_add_coder(&tx, c)?);
        }
        let mut code_names = code_name_index(&tx)?;
        for c in &bundle.codes {
            let parent = c.parent.map(|p| added.codes[p]);
            let (id, created) = find_or_add_code(&tx, &mut code_names, c, parent)?;
            added.codes.push(id);
            added.codes_created.push(created);
        }
        for s in &bundle.sources {
            added.sources.push(insert_source(&tx, s)?);
        }
        for c in &bundle.codings {
            let changed = tx.execute(
                &format!(
                    "INSERT OR IGNORE INTO codings (guid, source_id, code_id, start, end, coder_id, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, {NOW}))"
                ),
                params![
                    c.guid.clone().unwrap_or_default().as_str(),
                    added.sources[c.source].0,
                    added.codes[c.code].0,
                    c.start as i64,
                    c.end as i64,
                    added.coders[c.coder].0,
                    c.created_at
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
                    "INSERT INTO memos (guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, {NOW}), coalesce(?9, ?8, {NOW}))"
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
                    m.modified_at
                ],
            )?;
            added.memos.push(Some(MemoId(tx.last_insert_rowid())));
        }
        tx.commit()?;
        Ok(added)
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
    for c in &b.codings {
        if c.source >= b.sources.len() || c.code >= b.codes.len() || c.coder >= b.coders.len() {
            return Err(bad("a coding refers to something not in the bundle"));
        }
        if c.start >= c.end {
            return Err(StoreError::EmptyRange {
                start: c.start,
                end: c.end,
            });
        }
        if c.end > lens[c.source] {
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

pub(super) fn find_or_add_coder(tx: &Connection, c: &BundleCoder) -> Result<CoderId> {
    if let Some(g) = &c.guid {
        let id: Option<i64> = tx
            .query_row("SELECT id FROM coders WHERE guid = ?1", [g.as_str()], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = id {
            return Ok(CoderId(id));
        }
    }
    let name = c.name.trim();
    let id: Option<i64> = tx
        .query_row(
            "SELECT id FROM coders WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = id {
        return Ok(CoderId(id));
    }
    write_rows(
        tx,
        "add a coder",
        1,
        "INSERT INTO coders (guid, name) VALUES (?1, ?2)",
        params![c.guid.clone().unwrap_or_default().as_str(), name],
    )?;
    Ok(CoderId(tx.last_insert_rowid()))
}

/// Every code by (parent, [`name_key`](crate::model::names::name_key)), read
/// once per bundle so matching a bundle's codes stays linear.
type CodeNames = std::collections::HashMap<(i64, String), CodeId>;

fn code_name_index(tx: &Connection) -> Result<CodeNames> {
    let mut stmt = tx.prepare("SELECT id, ifnull(parent_id, 0), name FROM codes")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut index = CodeNames::new();
    for row in rows {
        let (id, parent, name) = row?;
        index
            .entry((parent, crate::model::names::name_key(&name)))
            .or_insert(CodeId(id));
    }
    Ok(index)
}

/// The code with the bundle code's GUID, else its sibling of the same name
/// (ignoring case and Unicode normalisation), else a new code.
fn find_or_add_code(
    tx: &Connection,
    names: &mut CodeNames,
    c: &BundleCode,
    parent: Option<CodeId>,
) -> Result<(CodeId, bool)> {
    if let Some(g) = &c.guid {
        let id: Option<i64> = tx
            .query_row("SELECT id FROM codes WHERE guid = ?1", [g.as_str()], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = id {
            return Ok((CodeId(id), false));
        }
    }
    let name = c.name.trim();
    let key = (
        parent.map_or(0, |p| p.0),
        crate::model::names::name_key(name),
    );
    if let Some(&id) = names.get(&key) {
        return Ok((id, false));
    }
    let color = super::codes::color_or_next(tx, c.color)?;
    let order = super::codes::next_sort_order(tx, parent)?;
    write_rows(
        tx,
        "add a code",
        1,
        "INSERT INTO codes (guid, name, parent_id, color, description, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.guid.clone().unwrap_or_default().as_str(),
            name,
            parent.map(|p| p.0),
            color.to_hex(),
            c.description.trim(),
            order
        ],
    )?;
    let id = CodeId(tx.last_insert_rowid());
    names.insert(key, id);
    Ok((id, true))
}

fn insert_source(tx: &Connection, s: &BundleSource) -> Result<SourceId> {
    let new = &s.source;
    let name = new.name.trim().to_string();
    let mut unique = name.clone();
    let mut n = 1;
    let taken = |candidate: &str| -> Result<bool> {
        Ok(tx
            .query_row("SELECT 1 FROM sources WHERE name = ?1", [candidate], |_| {
                Ok(())
            })
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
