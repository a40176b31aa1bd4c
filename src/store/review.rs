//! Exemplar flags on codings, and the themes a focus group reviews.

use std::collections::HashSet;

use super::db::{Connection, Row};
use rusqlite::params;

use super::{Project, Result, StoreError, write_rows};
use crate::model::{CodeId, CodingId, ReviewItem, ReviewStatus};

const REVIEW_COLUMNS: &str = "session, code_id, status, note, position, updated_at";

fn review_row(r: &Row<'_>) -> rusqlite::Result<ReviewItem> {
    let status: String = r.get(2)?;
    Ok(ReviewItem {
        session: r.get(0)?,
        code: CodeId(r.get(1)?),
        status: status.parse().unwrap_or_default(),
        note: r.get(3)?,
        position: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

/// Puts back an exemplar mark removed with its coding.
pub(super) fn insert_exemplar(conn: &Connection, coding: CodingId) -> Result<()> {
    write_rows(
        conn,
        "put back an exemplar mark",
        1,
        "INSERT INTO exemplars (coding_id) VALUES (?1)",
        [coding.0],
    )
    .map_err(|e| match e {
        StoreError::Sqlite(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            StoreError::ChangedElsewhere("an exemplar quote".into())
        }
        e => e,
    })
}

/// Puts back a review-board item exactly as it was (status, note,
/// position, time).
pub(super) fn insert_review_row(conn: &Connection, r: &ReviewItem) -> Result<()> {
    write_rows(
        conn,
        "put back a review-board item",
        1,
        "INSERT INTO review_items (session, code_id, status, note, position, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            r.session,
            r.code.0,
            r.status.as_str(),
            r.note,
            r.position,
            r.updated_at
        ],
    )
    .map_err(|e| match e {
        StoreError::Sqlite(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
        {
            StoreError::ChangedElsewhere(format!("the review board '{}'", r.session))
        }
        e => e,
    })
}

impl Project {
    /// Marks a coding as an exemplar quote for its code (or unmarks it);
    /// returns the old flag.
    pub fn set_exemplar(&mut self, coding: CodingId, exemplar: bool) -> Result<bool> {
        let tx = self.write()?;
        self.coding(coding)?;
        let old = !self.exemplars_among(&[coding])?.is_empty();
        if old != exemplar {
            write_rows(
                &tx,
                "mark an exemplar",
                1,
                if exemplar {
                    "INSERT INTO exemplars (coding_id) VALUES (?1)"
                } else {
                    "DELETE FROM exemplars WHERE coding_id = ?1"
                },
                [coding.0],
            )?;
        }
        tx.commit()?;
        Ok(old)
    }

    /// Which of `codings` are marked as exemplars.
    pub(super) fn exemplars_among(&self, codings: &[CodingId]) -> Result<Vec<CodingId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM exemplars WHERE coding_id = ?1")?;
        let mut found = Vec::new();
        for &c in codings {
            if stmt.exists([c.0])? {
                found.push(c);
            }
        }
        Ok(found)
    }

    /// Every review-board item (of any session) of the codes `codes`.
    pub(super) fn review_items_of(&self, codes: &[i64]) -> Result<Vec<ReviewItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REVIEW_COLUMNS} FROM review_items WHERE code_id = ?1 ORDER BY session"
        ))?;
        let mut found = Vec::new();
        for &c in codes {
            for item in stmt.query_map([c], review_row)? {
                found.push(item?);
            }
        }
        Ok(found)
    }

    /// The codings marked as exemplars.
    pub fn exemplars(&self) -> Result<HashSet<CodingId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT coding_id FROM exemplars")?;
        let rows = stmt.query_map([], |r| Ok(CodingId(r.get(0)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The themes of a review session, in board order.
    pub fn review_items(&self, session: &str) -> Result<Vec<ReviewItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REVIEW_COLUMNS} FROM review_items
             WHERE session = ?1 ORDER BY position, code_id"
        ))?;
        let rows = stmt.query_map([session.trim()], review_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Names of all review sessions.
    pub fn review_sessions(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT session FROM review_items ORDER BY session")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts a theme on a session's board (at the end) or updates its status
    /// and note; returns the item as it was, if it was there (for undo).
    pub fn set_review(
        &mut self,
        session: &str,
        code: CodeId,
        status: ReviewStatus,
        note: &str,
    ) -> Result<Option<ReviewItem>> {
        let session = session.trim();
        if session.is_empty() {
            return Err(StoreError::EmptyName);
        }
        let tx = self.write()?;
        self.code(code)?;
        let old = self
            .review_items(session)?
            .into_iter()
            .find(|i| i.code == code);
        let position: i64 = match &old {
            Some(o) => o.position,
            None => tx.query_row(
                "SELECT ifnull(max(position), -1) + 1 FROM review_items WHERE session = ?1",
                [session],
                |r| r.get(0),
            )?,
        };
        write_rows(
            &tx,
            "put a theme on the review board",
            1,
            "INSERT OR REPLACE INTO review_items (session, code_id, status, note, position, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            params![session, code.0, status.as_str(), note, position],
        )?;
        tx.commit()?;
        Ok(old)
    }

    /// Takes a theme off a session's board; returns it.
    pub fn remove_review(&mut self, session: &str, code: CodeId) -> Result<Option<ReviewItem>> {
        let tx = self.write()?;
        let old = self
            .review_items(session)?
            .into_iter()
            .find(|i| i.code == code);
        write_rows(
            &tx,
            "take a theme off the review board",
            usize::from(old.is_some()),
            "DELETE FROM review_items WHERE session = ?1 AND code_id = ?2",
            params![session.trim(), code.0],
        )?;
        tx.commit()?;
        Ok(old)
    }

    /// Puts a review-board item back exactly as `item` (status, note,
    /// position and time), replacing the one there now; returns that one.
    pub fn restore_review(&mut self, item: &ReviewItem) -> Result<Option<ReviewItem>> {
        let tx = self.write()?;
        self.code(item.code)?;
        let old = self
            .review_items(&item.session)?
            .into_iter()
            .find(|i| i.code == item.code);
        if old.is_some() {
            write_rows(
                &tx,
                "change a review-board item",
                1,
                "DELETE FROM review_items WHERE session = ?1 AND code_id = ?2",
                params![item.session, item.code.0],
            )?;
        }
        insert_review_row(&tx, item)?;
        tx.commit()?;
        Ok(old)
    }
}
