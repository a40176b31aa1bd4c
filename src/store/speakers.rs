//! Speakers of a source as the author described them: a role set by hand
//! and the participant's own attributes. Labels match ignoring case
//! ([`speaker_key`]); a speaker must speak in the source (have a turn).

use rusqlite::{OptionalExtension, params};

use super::{Project, Result, StoreError, write_rows};
use crate::model::roles::{Role, Speaker, speaker_key};
use crate::model::{Attribute, Guid, SourceId};

fn role_of(s: Option<String>) -> Option<Role> {
    s.as_deref().and_then(Role::parse)
}

/// Inserts a speaker row (GUID kept when given); returns its id.
pub(super) fn insert_speaker(
    tx: &super::db::Connection,
    source: SourceId,
    name: &str,
    role: Option<Role>,
    guid: Option<&Guid>,
) -> Result<i64> {
    let guid = guid.cloned().unwrap_or_default();
    write_rows(
        tx,
        "add a speaker",
        1,
        "INSERT INTO speakers (guid, source_id, name, role) VALUES (?1, ?2, ?3, ?4)",
        params![guid.as_str(), source.0, name, role.map(Role::as_str)],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Writes one participant attribute of speaker row `id`.
pub(super) fn insert_speaker_attribute(
    tx: &super::db::Connection,
    id: i64,
    a: &Attribute,
) -> Result<()> {
    write_rows(
        tx,
        "set a participant attribute",
        1,
        "INSERT OR REPLACE INTO speaker_attributes (speaker_id, key, value) VALUES (?1, ?2, ?3)",
        params![id, a.key.trim(), a.value.trim()],
    )
}

impl Project {
    /// Every stored speaker of every source, by source and name, with
    /// attributes.
    pub fn speakers(&self) -> Result<Vec<Speaker>> {
        self.speakers_where(None)
    }

    /// The stored speakers of one source.
    pub fn source_speakers(&self, source: SourceId) -> Result<Vec<Speaker>> {
        self.speakers_where(Some(source))
    }

    fn speakers_where(&self, source: Option<SourceId>) -> Result<Vec<Speaker>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, guid, source_id, name, role FROM speakers
             WHERE ?1 IS NULL OR source_id = ?1 ORDER BY source_id, name",
        )?;
        let mut out: Vec<(i64, Speaker)> = stmt
            .query_map([source.map(|s| s.0)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Speaker {
                        guid: Guid::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
                        source: SourceId(r.get(2)?),
                        name: r.get(3)?,
                        role: role_of(r.get(4)?),
                        attributes: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: std::collections::HashMap<i64, usize> = out
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.speaker_id, a.key, a.value FROM speaker_attributes a
             JOIN speakers s ON s.id = a.speaker_id
             WHERE ?1 IS NULL OR s.source_id = ?1 ORDER BY a.speaker_id, a.key",
        )?;
        let mut rows = stmt.query([source.map(|s| s.0)])?;
        while let Some(row) = rows.next()? {
            if let Some(&i) = index.get(&row.get::<_, i64>(0)?) {
                out[i].1.attributes.push(Attribute::new(
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ));
            }
        }
        Ok(out.into_iter().map(|(_, s)| s).collect())
    }

    /// The stored row of a speaker (id, name as stored), if any.
    fn speaker_row(
        &self,
        source: SourceId,
        name: &str,
    ) -> Result<Option<(i64, String, Option<Role>)>> {
        let key = speaker_key(name);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, role FROM speakers WHERE source_id = ?1")?;
        let rows = stmt.query_map([source.0], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                role_of(r.get(2)?),
            ))
        })?;
        for row in rows {
            let row = row?;
            if speaker_key(&row.1) == key {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }

    /// The label a speaker has in the source's turns (its first spelling),
    /// or an error naming the source's speakers.
    fn speaker_label(&self, source: SourceId, name: &str) -> Result<String> {
        let meta = self.source(source)?;
        let key = speaker_key(name);
        let mut known: Vec<String> = Vec::new();
        for t in self.turns(source)? {
            if speaker_key(&t.speaker) == key {
                return Ok(t.speaker.to_string());
            }
            if !known
                .iter()
                .any(|k| speaker_key(k) == speaker_key(&t.speaker))
            {
                known.push(t.speaker.to_string());
            }
        }
        Err(StoreError::UnknownSpeaker {
            source_name: meta.name,
            speaker: name.trim().to_string(),
            known: if known.is_empty() {
                "none: it has no speaker turns".into()
            } else {
                known.join(", ")
            },
        })
    }

    /// The row of a speaker, made if missing; returns its id.
    fn speaker_id(&self, tx: &super::db::Connection, source: SourceId, name: &str) -> Result<i64> {
        match self.speaker_row(source, name)? {
            Some((id, _, _)) => Ok(id),
            None => {
                let label = self.speaker_label(source, name)?;
                insert_speaker(tx, source, &label, None, None)
            }
        }
    }

    /// Sets the role of a speaker of `source` (`None`: back to the role
    /// found from the label); returns the role set before, for undo. The
    /// speaker must speak in the source.
    pub fn set_speaker_role(
        &mut self,
        source: SourceId,
        name: &str,
        role: Option<Role>,
    ) -> Result<Option<Role>> {
        let tx = self.write()?;
        self.speaker_label(source, name)?;
        let old = self.speaker_row(source, name)?.and_then(|r| r.2);
        let id = self.speaker_id(&tx, source, name)?;
        write_rows(
            &tx,
            "set a speaker's role",
            1,
            "UPDATE speakers SET role = ?2 WHERE id = ?1",
            params![id, role.map(Role::as_str)],
        )?;
        tx.commit()?;
        Ok(old)
    }

    /// Sets (or with `None` removes) a participant attribute of a speaker
    /// of `source`; returns the old value, for undo.
    pub fn set_speaker_attribute(
        &mut self,
        source: SourceId,
        name: &str,
        key: &str,
        value: Option<&str>,
    ) -> Result<Option<String>> {
        let key = key.trim();
        if key.is_empty() {
            return Err(StoreError::EmptyName);
        }
        let tx = self.write()?;
        self.speaker_label(source, name)?;
        let id = self.speaker_id(&tx, source, name)?;
        // Keys match in any case: an existing key keeps its spelling.
        let existing: Vec<(String, String)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT key, value FROM speaker_attributes WHERE speaker_id = ?1",
            )?;
            stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let found = existing
            .iter()
            .find(|(k, _)| crate::model::names::same_name(k, key));
        let key = found.map_or(key, |(k, _)| k.as_str()).to_string();
        let old = found.map(|(_, v)| v.clone());
        match value {
            Some(v) => insert_speaker_attribute(&tx, id, &Attribute::new(key, v))?,
            None => write_rows(
                &tx,
                "remove a participant attribute",
                usize::from(old.is_some()),
                "DELETE FROM speaker_attributes WHERE speaker_id = ?1 AND key = ?2",
                params![id, key],
            )?,
        }
        tx.commit()?;
        Ok(old)
    }

    /// The stored GUID of a speaker, if it has a row.
    pub fn speaker_guid(&self, source: SourceId, name: &str) -> Result<Option<Guid>> {
        let Some((id, _, _)) = self.speaker_row(source, name)? else {
            return Ok(None);
        };
        Ok(self
            .conn
            .query_row("SELECT guid FROM speakers WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .and_then(|g| Guid::parse(&g)))
    }
}
