//! Coders (who made a coding or memo) and the project settings that belong
//! to a team: a colour per coder, and blind coding (kept in `meta`).

use rusqlite::{OptionalExtension, params};

use super::{Project, Result, StoreError, write_rows};
use crate::model::{Coder, CoderId, Color, Guid};

/// The `meta` key of the blind-coding setting (`'1'` on; absent or
/// anything else off).
const BLIND_KEY: &str = "blind";

fn coder_row(r: &super::db::Row<'_>) -> rusqlite::Result<Coder> {
    Ok(Coder {
        id: CoderId(r.get(0)?),
        guid: Guid::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
        name: r.get(2)?,
        color: r
            .get::<_, Option<String>>(3)?
            .and_then(|c| c.parse::<Color>().ok()),
    })
}

impl Project {
    /// All coders, by name.
    pub fn coders(&self) -> Result<Vec<Coder>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, guid, name, color FROM coders ORDER BY name")?;
        let rows = stmt.query_map([], coder_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A coder by id.
    pub fn coder_by_id(&self, id: CoderId) -> Result<Coder> {
        self.conn
            .prepare_cached("SELECT id, guid, name, color FROM coders WHERE id = ?1")?
            .query_row([id.0], coder_row)
            .optional()?
            .ok_or(StoreError::CoderGone(id))
    }

    /// On a team project, the coder this login codes as: the one `jalin
    /// team add` linked to it, else the login's own name (PostgreSQL's
    /// `current_user`). `None` on a file. Writes nothing.
    pub fn login_coder_name(&self) -> Result<Option<String>> {
        if self.conn.pg().is_none() {
            return Ok(None);
        }
        let name: String = self.conn.query_row(
            "SELECT coalesce((SELECT c.name FROM coders c JOIN coder_logins l \
             ON l.coder_id = c.id WHERE l.pg_role = CAST(current_user AS text)), \
             CAST(current_user AS text))",
            [],
            |r| r.get(0),
        )?;
        Ok(Some(name))
    }

    /// The coder with this name (any case), if there is one. Writes nothing.
    pub fn find_coder(&self, name: &str) -> Result<Option<Coder>> {
        Ok(self
            .coders()?
            .into_iter()
            .find(|c| c.name.eq_ignore_ascii_case(name.trim())))
    }

    /// The coder with this name (any case), or an error naming it.
    pub fn named_coder(&self, name: &str) -> Result<Coder> {
        self.find_coder(name)?
            .ok_or_else(|| StoreError::UnknownCoder(name.trim().to_string()))
    }

    /// The coder with this name (any case), created on first use. The
    /// workbench and the command line create coders through
    /// [`crate::app::Command::AddCoder`]; this is for tests and benchmarks.
    pub fn coder(&mut self, name: &str) -> Result<Coder> {
        match self.find_coder(name)? {
            Some(c) => Ok(c),
            None => self.add_coder(name, None),
        }
    }

    /// Creates a coder; refuses an empty name or one taken (any case).
    pub fn add_coder(&mut self, name: &str, color: Option<Color>) -> Result<Coder> {
        let name = checked_name(name)?;
        if self.find_coder(name)?.is_some() {
            return Err(StoreError::DuplicateCoder(name.to_string()));
        }
        let coder = Coder {
            id: CoderId(0),
            guid: Guid::new(),
            name: name.to_string(),
            color,
        };
        let tx = self.write()?;
        write_rows(
            &tx,
            "add a coder",
            1,
            "INSERT INTO coders (guid, name, color) VALUES (?1, ?2, ?3)",
            params![coder.guid.as_str(), coder.name, color.map(|c| c.to_hex())],
        )?;
        let id = CoderId(tx.last_insert_rowid());
        tx.commit()?;
        Ok(Coder { id, ..coder })
    }

    /// Puts back a removed coder with its id and GUID (an undo step).
    pub fn restore_coder(&mut self, c: &Coder) -> Result<()> {
        if self.find_coder(&c.name)?.is_some() {
            return Err(StoreError::DuplicateCoder(c.name.clone()));
        }
        let tx = self.write()?;
        write_rows(
            &tx,
            "put back a coder",
            1,
            "INSERT INTO coders (id, guid, name, color) VALUES (?1, ?2, ?3, ?4)",
            params![c.id.0, c.guid.as_str(), c.name, c.color.map(|c| c.to_hex())],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a coder no coding or memo is credited to; returns it.
    pub fn remove_coder(&mut self, id: CoderId) -> Result<Coder> {
        let coder = self.coder_by_id(id)?;
        let (codings, memos): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM codings WHERE coder_id = ?1),
                    (SELECT count(*) FROM memos WHERE coder_id = ?1)",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if codings + memos > 0 {
            return Err(StoreError::CoderInUse {
                name: coder.name,
                codings: codings as usize,
                memos: memos as usize,
            });
        }
        let tx = self.write()?;
        write_rows(
            &tx,
            "remove a coder",
            1,
            "DELETE FROM coders WHERE id = ?1",
            [id.0],
        )?;
        tx.commit()?;
        Ok(coder)
    }

    /// Renames a coder; returns the old name. Another coder's name (any
    /// case) is refused; a change of case only is allowed.
    pub fn rename_coder(&mut self, id: CoderId, name: &str) -> Result<String> {
        let name = checked_name(name)?;
        let old = self.coder_by_id(id)?;
        if let Some(other) = self.find_coder(name)?
            && other.id != id
        {
            return Err(StoreError::DuplicateCoder(name.to_string()));
        }
        let tx = self.write()?;
        write_rows(
            &tx,
            "rename a coder",
            1,
            "UPDATE coders SET name = ?2 WHERE id = ?1",
            params![id.0, name],
        )?;
        tx.commit()?;
        Ok(old.name)
    }

    /// Sets (`Some`) or clears (`None`) a coder's colour; returns the old.
    pub fn set_coder_color(&mut self, id: CoderId, color: Option<Color>) -> Result<Option<Color>> {
        let old = self.coder_by_id(id)?;
        let tx = self.write()?;
        write_rows(
            &tx,
            "set a coder's colour",
            1,
            "UPDATE coders SET color = ?2 WHERE id = ?1",
            params![id.0, color.map(|c| c.to_hex())],
        )?;
        tx.commit()?;
        Ok(old.color)
    }

    /// Whether what this connection reads leaves out other coders' codings,
    /// memos and exemplar marks: a team project in blind mode, read by a
    /// coder's login (not the lead, a reader or the project's owner, whom
    /// row security does not narrow). Always `false` for a file, which holds
    /// everything. Writes nothing.
    pub fn hidden_by_blind(&self) -> Result<bool> {
        let (Some(pg), Some(name)) = (self.conn.pg(), self.name()) else {
            return Ok(false);
        };
        if !self.blind()? {
            return Ok(false);
        }
        let [lead, coder, reader] =
            super::pg_schema::group_roles(&name).map(|r| super::pg_schema::quote_literal(&r));
        let mut narrowed = false;
        pg.int_rows(
            &format!(
                "SELECT CASE WHEN pg_has_role(current_user, {coder}, 'MEMBER') \
                 AND NOT pg_has_role(current_user, {lead}, 'MEMBER') \
                 AND NOT pg_has_role(current_user, {reader}, 'MEMBER') \
                 AND NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) \
                 AND NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = to_regclass('codings')), 'USAGE') \
                 THEN 1 ELSE 0 END"
            ),
            |r| narrowed = r[0] == 1,
        )?;
        Ok(narrowed)
    }

    /// Whether blind coding is on: each coder sees only their own codings.
    pub fn blind(&self) -> Result<bool> {
        Ok(self.meta(BLIND_KEY)?.as_deref() == Some("1"))
    }

    /// Turns blind coding on or off; returns what it was.
    pub fn set_blind(&mut self, on: bool) -> Result<bool> {
        let old = self.blind()?;
        let tx = self.write()?;
        if on {
            write_rows(
                &tx,
                "turn blind coding on",
                1,
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')",
                [BLIND_KEY],
            )?;
        } else {
            tx.execute("DELETE FROM meta WHERE key = ?1", [BLIND_KEY])?;
        }
        tx.commit()?;
        Ok(old)
    }
}

/// A coder's name trimmed; refused empty, longer than 200 characters or
/// with a line break, tab or other control character (it is shown on one
/// line and written into tab-separated lists).
pub fn checked_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::EmptyName);
    }
    if name.chars().any(char::is_control) || name.chars().count() > 200 {
        // Shown escaped: a raw escape sequence would act on the terminal.
        let shown = name
            .chars()
            .take(60)
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        return Err(StoreError::BadCoderName(shown));
    }
    Ok(name)
}

impl Project {
    /// How many codings and memos are credited to each coder.
    pub fn coder_counts(&self) -> Result<std::collections::HashMap<CoderId, (usize, usize)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id,
                    (SELECT count(*) FROM codings WHERE coder_id = c.id),
                    (SELECT count(*) FROM memos WHERE coder_id = c.id)
             FROM coders c",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                CoderId(r.get(0)?),
                (r.get::<_, i64>(1)? as usize, r.get::<_, i64>(2)? as usize),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
