//! Sources, their attributes and speaker turns.

use super::db::Row;
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{Project, Result, StoreError, write_rows};
use crate::model::{
    Attribute, Guid, SourceId, SourceKind, SourceMeta, SourceTexts, SpeakerTurn, text,
};

/// A source about to be added: the output of an importer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub name: String,
    pub kind: SourceKind,
    pub text: String,
    pub original_name: Option<String>,
    pub attributes: Vec<Attribute>,
    pub turns: Vec<SpeakerTurn>,
    /// Keep a GUID made elsewhere (a project exchange file); `None` makes one.
    pub guid: Option<Guid>,
}

/// What [`Project::add_source`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddedSource {
    Added(SourceMeta),
    /// The same text is already in the project under this name; nothing was
    /// added.
    Duplicate {
        existing: String,
    },
}

/// SHA-256 of a text, in hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

const SOURCE_COLUMNS: &str =
    "id, guid, name, kind, char_len, content_hash, original_name, imported_at";

fn source_row(row: &Row<'_>) -> rusqlite::Result<SourceMeta> {
    let kind: String = row.get(3)?;
    Ok(SourceMeta {
        id: SourceId(row.get(0)?),
        guid: Guid::parse(&row.get::<_, String>(1)?).unwrap_or_default(),
        name: row.get(2)?,
        kind: kind.parse().unwrap_or(SourceKind::Document),
        char_len: row.get::<_, i64>(4)? as usize,
        content_hash: row.get(5)?,
        original_name: row.get(6)?,
        imported_at: row.get(7)?,
        attributes: Vec::new(),
    })
}

/// Shares one copy of each speaker name among the turns read in one go: a
/// corpus has a few hundred speakers over a hundred thousand turns.
#[derive(Default)]
struct Speakers(std::collections::HashMap<String, std::sync::Arc<str>>);

impl Speakers {
    /// The speaker name in column `i` of `row`.
    pub(super) fn get(&mut self, row: &Row<'_>, i: usize) -> rusqlite::Result<std::sync::Arc<str>> {
        let name = row.get_ref(i)?.as_str()?;
        if let Some(a) = self.0.get(name) {
            return Ok(std::sync::Arc::clone(a));
        }
        let a: std::sync::Arc<str> = name.into();
        self.0.insert(name.to_string(), std::sync::Arc::clone(&a));
        Ok(a)
    }
}

/// A source row to insert; its text goes to `source_texts`.
pub(super) struct SourceRow<'a> {
    pub guid: &'a str,
    pub name: &'a str,
    pub kind: SourceKind,
    pub text: &'a str,
    pub char_len: usize,
    pub content_hash: &'a str,
    pub original_name: Option<&'a str>,
    /// Kept from an exchange file; `None` stamps now.
    pub imported_at: Option<&'a str>,
    /// The id to give it (a redo putting back an undone import); `None`
    /// takes the next.
    pub id: Option<i64>,
}

/// Inserts a source and its text; returns the new id.
pub(super) fn insert_source_row(tx: &super::db::Connection, s: &SourceRow<'_>) -> Result<SourceId> {
    write_rows(
        tx,
        "add a source",
        1,
        "INSERT INTO sources (guid, name, kind, char_len, content_hash, original_name, imported_at, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?8)",
        params![
            s.guid,
            s.name,
            s.kind.as_str(),
            s.char_len as i64,
            s.content_hash,
            s.original_name,
            s.imported_at,
            s.id
        ],
    )?;
    let id = SourceId(tx.last_insert_rowid());
    write_rows(
        tx,
        "add a source's text",
        1,
        "INSERT INTO source_texts (source_id, text) VALUES (?1, ?2)",
        params![id.0, s.text],
    )?;
    Ok(id)
}

/// Writes a source's speaker turns.
pub(super) fn insert_turns(
    tx: &super::db::Connection,
    id: SourceId,
    turns: &[SpeakerTurn],
) -> Result<()> {
    for t in turns {
        write_rows(
            tx,
            "add a speaker turn",
            1,
            "INSERT INTO speaker_turns (source_id, start, end, label_end, speaker) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.0,
                t.start as i64,
                t.end as i64,
                t.label_end as i64,
                t.speaker
            ],
        )?;
    }
    Ok(())
}

impl Project {
    /// Adds a source with its attributes and turns in one transaction. If the
    /// same text is already present and `force` is false, adds nothing and
    /// says which source has it. A taken name gets a number: `name (2)`.
    pub fn add_source(&mut self, new: NewSource, force: bool) -> Result<AddedSource> {
        let name = new.name.trim().to_string();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        let hash = content_hash(&new.text);
        let len = text::char_len(&new.text);
        for t in &new.turns {
            if t.start > t.label_end || t.label_end > t.end || t.end > len {
                return Err(StoreError::BadTurn {
                    source_name: name,
                    start: t.start,
                    end: t.end,
                    len,
                });
            }
        }
        let tx = self.write()?;
        if !force {
            let existing: Option<String> = tx
                .query_row(
                    "SELECT name FROM sources WHERE content_hash = ?1 ORDER BY id LIMIT 1",
                    [&hash],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = existing {
                return Ok(AddedSource::Duplicate { existing });
            }
        }
        let mut unique = name.clone();
        let mut n = 1;
        while tx
            .query_row(
                "SELECT 1 FROM sources WHERE name = ?1 COLLATE NOCASE",
                [&unique],
                |_| Ok(()),
            )
            .optional()?
            .is_some()
        {
            n += 1;
            unique = format!("{name} ({n})");
        }
        let guid = new.guid.clone().unwrap_or_default();
        let id = insert_source_row(
            &tx,
            &SourceRow {
                guid: guid.as_str(),
                name: &unique,
                kind: new.kind,
                text: &new.text,
                char_len: len,
                content_hash: &hash,
                original_name: new.original_name.as_deref(),
                imported_at: None,
                id: None,
            },
        )?;
        for a in &new.attributes {
            write_rows(
                &tx,
                "set an attribute",
                1,
                "INSERT OR REPLACE INTO source_attributes (source_id, key, value) VALUES (?1, ?2, ?3)",
                params![id.0, a.key.trim(), a.value.trim()],
            )?;
        }
        insert_turns(&tx, id, &new.turns)?;
        tx.commit()?;
        Ok(AddedSource::Added(self.source(id)?))
    }

    /// All sources, by name, with their attributes.
    pub fn sources(&self) -> Result<Vec<SourceMeta>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources ORDER BY name COLLATE NOCASE"
        ))?;
        let mut sources: Vec<SourceMeta> = stmt
            .query_map([], source_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_id, key, value FROM source_attributes ORDER BY source_id, key",
        )?;
        let mut rows = stmt.query([])?;
        let index: std::collections::HashMap<i64, usize> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.0, i))
            .collect();
        while let Some(row) = rows.next()? {
            if let Some(&i) = index.get(&row.get::<_, i64>(0)?) {
                sources[i].attributes.push(Attribute::new(
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ));
            }
        }
        Ok(sources)
    }

    /// One source's data, without text.
    pub fn source(&self, id: SourceId) -> Result<SourceMeta> {
        let mut meta = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?1"
            ))?
            .query_row([id.0], source_row)
            .optional()?
            .ok_or_else(|| StoreError::SourceGone(id))?;
        meta.attributes = self.attributes(id)?;
        Ok(meta)
    }

    /// Finds a source by GUID, else by its exact name, else by its name in
    /// any case. The GUID comes first, so a source named like another's GUID
    /// never captures that source's lookups.
    pub fn find_source(&self, name_or_guid: &str) -> Result<SourceMeta> {
        let key = name_or_guid.trim();
        let by = |sql: &str, value: &str| -> Result<Option<i64>> {
            Ok(self.conn.query_row(sql, [value], |r| r.get(0)).optional()?)
        };
        let mut id = None;
        if let Some(g) = Guid::parse(key) {
            id = by("SELECT id FROM sources WHERE guid = ?1", &g.to_string())?;
        }
        if id.is_none() {
            id = by(
                "SELECT id FROM sources WHERE name = ?1 ORDER BY id LIMIT 1",
                key,
            )?;
        }
        if id.is_none() {
            id = by(
                "SELECT id FROM sources WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                key,
            )?;
        }
        match id {
            Some(id) => self.source(SourceId(id)),
            None => Err(StoreError::UnknownSource(key.to_string())),
        }
    }

    /// The stored text of a source, exactly as imported.
    pub fn source_text(&self, id: SourceId) -> Result<String> {
        self.conn
            .query_row(
                "SELECT text FROM source_texts WHERE source_id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::SourceGone(id))
    }

    /// Every source's text and turns, for quoting codings.
    pub fn source_texts(&self) -> Result<std::collections::HashMap<SourceId, SourceTexts>> {
        let mut out = std::collections::HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT source_id, text FROM source_texts")?;
        let rows = stmt.query_map([], |r| Ok((SourceId(r.get(0)?), r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, text) = row?;
            out.insert(
                id,
                SourceTexts {
                    text,
                    turns: Vec::new(),
                },
            );
        }
        for (id, turns) in self.all_turns()? {
            if let Some(t) = out.get_mut(&id) {
                t.turns = turns;
            }
        }
        Ok(out)
    }

    /// Every source's speaker turns in text order (sources without turns
    /// are absent), speaker names shared.
    pub(super) fn all_turns(
        &self,
    ) -> Result<std::collections::HashMap<SourceId, Vec<SpeakerTurn>>> {
        let mut turns: std::collections::HashMap<SourceId, Vec<SpeakerTurn>> =
            std::collections::HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_id, start, end, label_end, speaker FROM speaker_turns ORDER BY source_id, start",
        )?;
        let mut rows = stmt.query([])?;
        let mut speakers = Speakers::default();
        while let Some(r) = rows.next()? {
            turns
                .entry(SourceId(r.get(0)?))
                .or_default()
                .push(SpeakerTurn {
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    label_end: r.get::<_, i64>(3)? as usize,
                    speaker: speakers.get(&r, 4)?,
                });
        }
        for t in turns.values_mut() {
            t.shrink_to_fit();
        }
        Ok(turns)
    }

    /// A source's attributes, sorted by key.
    pub fn attributes(&self, id: SourceId) -> Result<Vec<Attribute>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, value FROM source_attributes WHERE source_id = ?1 ORDER BY key",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(Attribute::new(
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A source's speaker turns in text order.
    pub fn turns(&self, id: SourceId) -> Result<Vec<SpeakerTurn>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT start, end, label_end, speaker FROM speaker_turns WHERE source_id = ?1 ORDER BY start",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(SpeakerTurn {
                start: r.get::<_, i64>(0)? as usize,
                end: r.get::<_, i64>(1)? as usize,
                label_end: r.get::<_, i64>(2)? as usize,
                speaker: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets (or with `None` removes) an attribute; returns the old value so
    /// the change can be undone.
    pub fn set_attribute(
        &mut self,
        id: SourceId,
        key: &str,
        value: Option<&str>,
    ) -> Result<Option<String>> {
        let key = key.trim();
        if key.is_empty() {
            return Err(StoreError::EmptyName);
        }
        // Keys match in any case (`City` from a .qdpx is `city`): an
        // existing key keeps its spelling rather than getting a twin.
        let meta = self.source(id)?;
        let key = meta
            .attributes
            .iter()
            .find(|a| crate::model::names::same_name(&a.key, key))
            .map_or(key, |a| a.key.as_str());
        let tx = self.write()?;
        self.source(id)?;
        let old: Option<String> = tx
            .query_row(
                "SELECT value FROM source_attributes WHERE source_id = ?1 AND key = ?2",
                params![id.0, key],
                |r| r.get(0),
            )
            .optional()?;
        match value {
            Some(v) => write_rows(
                &tx,
                "set an attribute",
                1,
                "INSERT OR REPLACE INTO source_attributes (source_id, key, value) VALUES (?1, ?2, ?3)",
                params![id.0, key, v.trim()],
            )?,
            None => write_rows(
                &tx,
                "remove an attribute",
                usize::from(old.is_some()),
                "DELETE FROM source_attributes WHERE source_id = ?1 AND key = ?2",
                params![id.0, key],
            )?,
        };
        tx.commit()?;
        Ok(old)
    }

    /// Changes a source's kind; returns the old kind.
    pub fn set_source_kind(&mut self, id: SourceId, kind: SourceKind) -> Result<SourceKind> {
        let tx = self.write()?;
        let old = self.source(id)?.kind;
        write_rows(
            &tx,
            "change a source's kind",
            1,
            "UPDATE sources SET kind = ?2 WHERE id = ?1",
            params![id.0, kind.as_str()],
        )?;
        tx.commit()?;
        Ok(old)
    }

    /// Renames a source; returns the old name.
    pub fn rename_source(&mut self, id: SourceId, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        let old = self.source(id)?.name;
        if let Some(g) = Guid::parse(name)
            && let Ok(other) = self.find_source(&g.to_string())
            && other.id != id
        {
            return Err(StoreError::NameIsGuid(name.to_string()));
        }
        let tx = self.write()?;
        let taken: Option<i64> = tx
            .query_row(
                "SELECT id FROM sources WHERE name = ?1 COLLATE NOCASE AND id != ?2",
                params![name, id.0],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::DuplicateSource(name.to_string()));
        }
        write_rows(
            &tx,
            "rename a source",
            1,
            "UPDATE sources SET name = ?2 WHERE id = ?1",
            params![id.0, name],
        )?;
        tx.commit()?;
        Ok(old)
    }

    /// Deletes a source with its codings and memos; returns how many codings
    /// went with it.
    pub fn delete_source(&mut self, id: SourceId) -> Result<usize> {
        self.source(id)?;
        let tx = self.write()?;
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM codings WHERE source_id = ?1",
            [id.0],
            |r| r.get(0),
        )?;
        write_rows(
            &tx,
            "delete a source",
            1,
            "DELETE FROM sources WHERE id = ?1",
            [id.0],
        )?;
        tx.commit()?;
        Ok(n as usize)
    }
}
