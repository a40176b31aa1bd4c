//! Memos on the project, a source, a code or a coding.

use super::db::{Connection, Row};
use rusqlite::{OptionalExtension, params};

use super::{Project, Result, StoreError, write_rows};
use crate::model::{CodeId, CoderId, CodingId, Guid, Memo, MemoId, MemoTarget, SourceId};

const MEMO_COLUMNS: &str =
    "id, guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at";

fn memo_row(row: &Row<'_>) -> rusqlite::Result<Memo> {
    let target = match (
        row.get::<_, Option<i64>>(2)?,
        row.get::<_, Option<i64>>(3)?,
        row.get::<_, Option<i64>>(4)?,
    ) {
        (Some(s), _, _) => MemoTarget::Source(SourceId(s)),
        (_, Some(c), _) => MemoTarget::Code(CodeId(c)),
        (_, _, Some(c)) => MemoTarget::Coding(CodingId(c)),
        _ => MemoTarget::Project,
    };
    Ok(Memo {
        id: MemoId(row.get(0)?),
        guid: Guid::parse(&row.get::<_, String>(1)?).unwrap_or_default(),
        target,
        title: row.get(5)?,
        text: row.get(6)?,
        coder: CoderId(row.get(7)?),
        created_at: row.get(8)?,
        modified_at: row.get(9)?,
    })
}

fn target_columns(t: MemoTarget) -> (Option<i64>, Option<i64>, Option<i64>) {
    match t {
        MemoTarget::Project => (None, None, None),
        MemoTarget::Source(s) => (Some(s.0), None, None),
        MemoTarget::Code(c) => (None, Some(c.0), None),
        MemoTarget::Coding(c) => (None, None, Some(c.0)),
    }
}

/// Puts back a memo with its id, GUID and times. Says plainly when another
/// program has taken its id or GUID or removed what it is about.
pub(super) fn insert_memo_row(conn: &Connection, m: &Memo) -> Result<()> {
    let taken = conn
        .prepare_cached("SELECT 1 FROM memos WHERE id = ?1 OR guid = ?2")?
        .exists(params![m.id.0, m.guid.as_str()])?;
    if taken {
        return Err(StoreError::ChangedElsewhere("this memo".into()));
    }
    let (s, c, k) = target_columns(m.target);
    write_rows(
        conn,
        "put back a memo",
        1,
        "INSERT INTO memos (id, guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![m.id.0, m.guid.as_str(), s, c, k, m.title, m.text, m.coder.0, m.created_at, m.modified_at],
    )
    .map_err(|e| match e {
        StoreError::Sqlite(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            StoreError::ChangedElsewhere("what this memo is about".into())
        }
        e => e,
    })
}

impl Project {
    /// Writes a new memo.
    pub fn add_memo(
        &mut self,
        target: MemoTarget,
        title: &str,
        text: &str,
        coder: CoderId,
    ) -> Result<Memo> {
        match target {
            MemoTarget::Project => {}
            MemoTarget::Source(s) => {
                self.source(s)?;
            }
            MemoTarget::Code(c) => {
                self.code(c)?;
            }
            MemoTarget::Coding(c) => {
                self.coding(c)?;
            }
        }
        let (s, c, k) = target_columns(target);
        let tx = self.write()?;
        write_rows(
            &tx,
            "write a memo",
            1,
            "INSERT INTO memos (guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            params![Guid::new().as_str(), s, c, k, title, text, coder.0],
        )?;
        let id = MemoId(tx.last_insert_rowid());
        tx.commit()?;
        self.memo(id)
    }

    /// Replaces a memo's title and text; returns the memo as it was.
    pub fn update_memo(&mut self, id: MemoId, title: &str, text: &str) -> Result<Memo> {
        let tx = self.write()?;
        let old = self.memo(id)?;
        write_rows(
            &tx,
            "save a memo",
            1,
            "UPDATE memos SET title = ?2, text = ?3, modified_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            params![id.0, title, text],
        )
        .map_err(|e| super::only_own(&tx, e, "change only their own memos"))?;
        tx.commit()?;
        Ok(old)
    }

    /// Gives a memo back the title, text and modification time of `memo`
    /// (an earlier state of it, for undo); returns the memo as it was.
    pub fn revert_memo(&mut self, memo: &Memo) -> Result<Memo> {
        let tx = self.write()?;
        let old = self.memo(memo.id)?;
        write_rows(
            &tx,
            "save a memo",
            1,
            "UPDATE memos SET title = ?2, text = ?3, modified_at = ?4 WHERE id = ?1",
            params![memo.id.0, memo.title, memo.text, memo.modified_at],
        )?;
        tx.commit()?;
        Ok(old)
    }

    /// Deletes a memo; returns it, so it can be restored.
    pub fn delete_memo(&mut self, id: MemoId) -> Result<Memo> {
        let tx = self.write()?;
        let old = self.memo(id)?;
        write_rows(
            &tx,
            "delete a memo",
            1,
            "DELETE FROM memos WHERE id = ?1",
            [id.0],
        )
        .map_err(|e| super::only_own(&tx, e, "delete only their own memos"))?;
        tx.commit()?;
        Ok(old)
    }

    /// Puts back a deleted memo with its id and GUID.
    pub fn restore_memo(&mut self, memo: &Memo) -> Result<()> {
        let tx = self.write()?;
        insert_memo_row(&tx, memo)?;
        tx.commit()?;
        Ok(())
    }

    pub fn memo(&self, id: MemoId) -> Result<Memo> {
        self.conn
            .query_row(
                &format!("SELECT {MEMO_COLUMNS} FROM memos WHERE id = ?1"),
                [id.0],
                memo_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::MemoGone(id))
    }

    /// All memos, oldest first.
    pub fn memos(&self) -> Result<Vec<Memo>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {MEMO_COLUMNS} FROM memos ORDER BY id"))?;
        let rows = stmt.query_map([], memo_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The memos written about one thing.
    pub fn memos_for(&self, target: MemoTarget) -> Result<Vec<Memo>> {
        Ok(self
            .memos()?
            .into_iter()
            .filter(|m| m.target == target)
            .collect())
    }
}
