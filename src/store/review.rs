//! Exemplar flags on codings, and the themes a focus group reviews.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};

use super::{Project, Result, StoreError};
use crate::model::{CodeId, CodingId, ReviewItem, ReviewStatus};

impl Project {
    /// Marks a coding as an exemplar quote for its code (or unmarks it);
    /// returns the old flag.
    pub fn set_exemplar(&mut self, coding: CodingId, exemplar: bool) -> Result<bool> {
        self.coding(coding)?;
        let tx = self.write()?;
        let old = tx
            .query_row(
                "SELECT 1 FROM exemplars WHERE coding_id = ?1",
                [coding.0],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if exemplar {
            tx.execute(
                "INSERT OR IGNORE INTO exemplars (coding_id) VALUES (?1)",
                [coding.0],
            )?;
        } else {
            tx.execute("DELETE FROM exemplars WHERE coding_id = ?1", [coding.0])?;
        }
        tx.commit()?;
        Ok(old)
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT session, code_id, status, note, position, updated_at FROM review_items
             WHERE session = ?1 ORDER BY position, code_id",
        )?;
        let rows = stmt.query_map([session.trim()], |r| {
            let status: String = r.get(2)?;
            Ok(ReviewItem {
                session: r.get(0)?,
                code: CodeId(r.get(1)?),
                status: status.parse().unwrap_or_default(),
                note: r.get(3)?,
                position: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
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
        self.code(code)?;
        let old = self
            .review_items(session)?
            .into_iter()
            .find(|i| i.code == code);
        let tx = self.write()?;
        let position: i64 = match &old {
            Some(o) => o.position,
            None => tx.query_row(
                "SELECT ifnull(max(position), -1) + 1 FROM review_items WHERE session = ?1",
                [session],
                |r| r.get(0),
            )?,
        };
        tx.execute(
            "INSERT OR REPLACE INTO review_items (session, code_id, status, note, position, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            params![session, code.0, status.as_str(), note, position],
        )?;
        tx.commit()?;
        Ok(old)
    }

    /// Takes a theme off a session's board; returns it.
    pub fn remove_review(&mut self, session: &str, code: CodeId) -> Result<Option<ReviewItem>> {
        let old = self
            .review_items(session)?
            .into_iter()
            .find(|i| i.code == code);
        let tx = self.write()?;
        tx.execute(
            "DELETE FROM review_items WHERE session = ?1 AND code_id = ?2",
            params![session.trim(), code.0],
        )?;
        tx.commit()?;
        Ok(old)
    }
}
