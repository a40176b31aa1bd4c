//! The codebook: codes and their hierarchy.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Project, Result, StoreError};
use crate::model::{Code, CodeId, Codebook, Coding, Color, Guid, Memo, MemoId, names};

/// A code about to be created.
#[derive(Debug, Clone, Default)]
pub struct NewCode {
    pub name: String,
    pub parent: Option<CodeId>,
    /// `None` takes the next colour of the palette.
    pub color: Option<Color>,
    pub description: String,
    /// Keep a GUID made elsewhere (an exchange file); `None` makes one.
    pub guid: Option<Guid>,
}

impl NewCode {
    pub fn named(name: impl Into<String>) -> Self {
        NewCode {
            name: name.into(),
            ..Default::default()
        }
    }
}

/// Everything a code deletion removed, so it can be shown ("3 codings go
/// with it") and undone exactly, ids and GUIDs included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDeletion {
    /// The deleted code first, then its sub-codes, parents before children.
    pub codes: Vec<Code>,
    pub codings: Vec<Coding>,
    pub memos: Vec<Memo>,
}

/// What merging one code into another changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    /// The code merged away (now deleted).
    pub from: Code,
    /// Codings moved onto the target code.
    pub moved: Vec<Coding>,
    /// Codings dropped because the target already had the same range from the
    /// same coder.
    pub dropped: Vec<Coding>,
    /// Sub-codes moved under the target.
    pub children: Vec<CodeId>,
    /// Memos moved onto the target.
    pub memos: Vec<MemoId>,
}

const CODE_COLUMNS: &str = "id, guid, name, parent_id, color, description, sort_order";

fn code_row(row: &Row<'_>) -> rusqlite::Result<Code> {
    let color: String = row.get(4)?;
    Ok(Code {
        id: CodeId(row.get(0)?),
        guid: Guid::parse(&row.get::<_, String>(1)?).unwrap_or_default(),
        name: row.get(2)?,
        parent: row.get::<_, Option<i64>>(3)?.map(CodeId),
        color: color.parse().unwrap_or(Color::palette(0)),
        description: row.get(5)?,
        sort_order: row.get(6)?,
    })
}

fn sibling_taken(
    tx: &Transaction<'_>,
    parent: Option<CodeId>,
    name: &str,
    except: Option<CodeId>,
) -> Result<bool> {
    // Compared here, not in SQL: SQLite's NOCASE folds ASCII only, and
    // knows nothing of Unicode normalisation.
    let mut stmt =
        tx.prepare_cached("SELECT name FROM codes WHERE ifnull(parent_id, 0) = ?1 AND id != ?2")?;
    let mut rows = stmt.query(params![
        parent.map_or(0, |p| p.0),
        except.map_or(-1, |c| c.0)
    ])?;
    while let Some(row) = rows.next()? {
        let sibling: String = row.get(0)?;
        if names::same_name(&sibling, name) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The given colour, or the next palette colour.
pub(super) fn color_or_next(tx: &Transaction<'_>, color: Option<Color>) -> Result<Color> {
    Ok(match color {
        Some(c) => c,
        None => {
            let n: i64 = tx.query_row("SELECT count(*) FROM codes", [], |r| r.get(0))?;
            Color::palette(n as usize)
        }
    })
}

/// The sort order after the last child of `parent`.
pub(super) fn next_sort_order(tx: &Transaction<'_>, parent: Option<CodeId>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT ifnull(max(sort_order), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = ?1",
        [parent.map_or(0, |p| p.0)],
        |r| r.get(0),
    )?)
}

impl Project {
    /// Creates a code. Names are unique among siblings (ignoring case and
    /// Unicode normalisation) and never hold ` > `.
    pub fn add_code(&mut self, new: NewCode) -> Result<Code> {
        let name = new.name.trim().to_string();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        names::check_code_name(&name)?;
        if let Some(p) = new.parent {
            self.code(p)?;
        }
        let tx = self.write()?;
        if sibling_taken(&tx, new.parent, &name, None)? {
            return Err(StoreError::DuplicateCode(name));
        }
        let color = color_or_next(&tx, new.color)?;
        let order = next_sort_order(&tx, new.parent)?;
        let guid = new.guid.unwrap_or_default();
        tx.execute(
            "INSERT INTO codes (guid, name, parent_id, color, description, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![guid.as_str(), name, new.parent.map(|p| p.0), color.to_hex(), new.description.trim(), order],
        )?;
        let id = CodeId(tx.last_insert_rowid());
        tx.commit()?;
        self.code(id)
    }

    /// All codes, siblings in their order. [`Codebook`] gives the tree.
    pub fn codes(&self) -> Result<Vec<Code>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CODE_COLUMNS} FROM codes ORDER BY sort_order, id"
        ))?;
        let rows = stmt.query_map([], code_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The codebook as a tree.
    pub fn codebook(&self) -> Result<Codebook> {
        Ok(Codebook::new(self.codes()?))
    }

    pub fn code(&self, id: CodeId) -> Result<Code> {
        self.conn
            .prepare_cached(&format!("SELECT {CODE_COLUMNS} FROM codes WHERE id = ?1"))?
            .query_row([id.0], code_row)
            .optional()?
            .ok_or_else(|| StoreError::UnknownCode(id.to_string()))
    }

    /// Finds a code by GUID, by name (any case) when only one code has it, or
    /// by its path `parent > child`.
    pub fn find_code(&self, spec: &str) -> Result<Code> {
        Ok(self.codebook()?.find(spec).cloned()?)
    }

    /// Renames a code; returns the old name.
    pub fn rename_code(&mut self, id: CodeId, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        names::check_code_name(name)?;
        let code = self.code(id)?;
        let tx = self.write()?;
        if sibling_taken(&tx, code.parent, name, Some(id))? {
            return Err(StoreError::DuplicateCode(name.to_string()));
        }
        tx.execute(
            "UPDATE codes SET name = ?2 WHERE id = ?1",
            params![id.0, name],
        )?;
        tx.commit()?;
        Ok(code.name)
    }

    /// Sets a code's colour; returns the old one.
    pub fn set_code_color(&mut self, id: CodeId, color: Color) -> Result<Color> {
        let code = self.code(id)?;
        let tx = self.write()?;
        tx.execute(
            "UPDATE codes SET color = ?2 WHERE id = ?1",
            params![id.0, color.to_hex()],
        )?;
        tx.commit()?;
        Ok(code.color)
    }

    /// Sets a code's description; returns the old one.
    pub fn set_code_description(&mut self, id: CodeId, description: &str) -> Result<String> {
        let code = self.code(id)?;
        let tx = self.write()?;
        tx.execute(
            "UPDATE codes SET description = ?2 WHERE id = ?1",
            params![id.0, description.trim()],
        )?;
        tx.commit()?;
        Ok(code.description)
    }

    /// Moves a code under another (or to the top with `None`), at the end of
    /// its new siblings; returns the old parent.
    pub fn move_code(&mut self, id: CodeId, parent: Option<CodeId>) -> Result<Option<CodeId>> {
        Ok(self.relocate_code(id, parent, None)?.0)
    }

    /// Moves a code under `parent` at sort position `sort_order`, or after
    /// its new siblings with `None`; returns the old parent and position.
    fn relocate_code(
        &mut self,
        id: CodeId,
        parent: Option<CodeId>,
        sort_order: Option<i64>,
    ) -> Result<(Option<CodeId>, i64)> {
        let book = self.codebook()?;
        let code = book
            .get(id)
            .ok_or_else(|| StoreError::UnknownCode(id.to_string()))?
            .clone();
        if let Some(p) = parent {
            book.get(p)
                .ok_or_else(|| StoreError::UnknownCode(p.to_string()))?;
            if p == id || book.is_descendant(p, id) {
                return Err(StoreError::HierarchyCycle(code.name));
            }
        }
        let tx = self.write()?;
        if sibling_taken(&tx, parent, &code.name, Some(id))? {
            return Err(StoreError::DuplicateCode(code.name));
        }
        let order: i64 = match sort_order {
            Some(o) => o,
            None => tx.query_row(
                "SELECT ifnull(max(sort_order), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = ?1",
                [parent.map_or(0, |p| p.0)],
                |r| r.get(0),
            )?,
        };
        tx.execute(
            "UPDATE codes SET parent_id = ?2, sort_order = ?3 WHERE id = ?1",
            params![id.0, parent.map(|p| p.0), order],
        )?;
        tx.commit()?;
        Ok((code.parent, code.sort_order))
    }

    /// What deleting `id` would remove (the code, its sub-codes, their codings
    /// and memos), without removing anything.
    pub fn code_deletion_preview(&self, id: CodeId) -> Result<CodeDeletion> {
        let book = self.codebook()?;
        let root = book
            .get(id)
            .ok_or_else(|| StoreError::UnknownCode(id.to_string()))?;
        let mut codes = vec![root.clone()];
        codes.extend(book.descendants(id).into_iter().cloned());
        let ids: Vec<i64> = codes.iter().map(|c| c.id.0).collect();
        let codings = self
            .codings()?
            .into_iter()
            .filter(|c| ids.contains(&c.code.0))
            .collect::<Vec<_>>();
        let coding_ids: Vec<i64> = codings.iter().map(|c| c.id.0).collect();
        let memos = self
            .memos()?
            .into_iter()
            .filter(|m| match m.target {
                crate::model::MemoTarget::Code(c) => ids.contains(&c.0),
                crate::model::MemoTarget::Coding(c) => coding_ids.contains(&c.0),
                _ => false,
            })
            .collect();
        Ok(CodeDeletion {
            codes,
            codings,
            memos,
        })
    }

    /// Deletes a code with its sub-codes, codings and their memos. Returns
    /// all that went, for the message and for undo.
    pub fn delete_code(&mut self, id: CodeId) -> Result<CodeDeletion> {
        let gone = self.code_deletion_preview(id)?;
        let tx = self.write()?;
        // Sub-codes, codings and memos follow through ON DELETE CASCADE.
        tx.execute("DELETE FROM codes WHERE id = ?1", [id.0])?;
        tx.commit()?;
        Ok(gone)
    }

    /// Puts back what [`Project::delete_code`] removed, with the same ids and
    /// GUIDs.
    pub fn restore_code_deletion(&mut self, gone: &CodeDeletion) -> Result<()> {
        let tx = self.write()?;
        for c in &gone.codes {
            tx.execute(
                "INSERT INTO codes (id, guid, name, parent_id, color, description, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![c.id.0, c.guid.as_str(), c.name, c.parent.map(|p| p.0), c.color.to_hex(), c.description, c.sort_order],
            )?;
        }
        for c in &gone.codings {
            super::codings::insert_coding_row(&tx, c)?;
        }
        for m in &gone.memos {
            super::memos::insert_memo_row(&tx, m)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Merges code `from` into `into`: its codings, sub-codes and memos move
    /// to `into`, then `from` is deleted. A coding that would duplicate one
    /// `into` already has (same source, range and coder) is dropped.
    pub fn merge_codes(&mut self, from: CodeId, into: CodeId) -> Result<MergeReport> {
        let book = self.codebook()?;
        let from_code = book
            .get(from)
            .ok_or_else(|| StoreError::UnknownCode(from.to_string()))?
            .clone();
        book.get(into)
            .ok_or_else(|| StoreError::UnknownCode(into.to_string()))?;
        if from == into {
            return Err(StoreError::MergeIntoSelf(from_code.name));
        }
        if book.is_descendant(into, from) {
            // `into` would lose its own parent; move it out first.
            return Err(StoreError::HierarchyCycle(from_code.name));
        }
        let children: Vec<CodeId> = book.children(Some(from)).iter().map(|c| c.id).collect();
        let codings = self.codings()?;
        let target_keys: std::collections::HashSet<_> = codings
            .iter()
            .filter(|c| c.code == into)
            .map(|c| (c.source, c.start, c.end, c.coder))
            .collect();
        let (dropped, moved): (Vec<Coding>, Vec<Coding>) = codings
            .into_iter()
            .filter(|c| c.code == from)
            .partition(|c| target_keys.contains(&(c.source, c.start, c.end, c.coder)));
        let memos: Vec<MemoId> = self
            .memos()?
            .into_iter()
            .filter(|m| m.target == crate::model::MemoTarget::Code(from))
            .map(|m| m.id)
            .collect();
        let tx = self.write()?;
        for child in &children {
            let name = &book.get(*child).map(|c| c.name.clone()).unwrap_or_default();
            if sibling_taken(&tx, Some(into), name, Some(*child))? {
                return Err(StoreError::DuplicateCode(name.clone()));
            }
            tx.execute(
                "UPDATE codes SET parent_id = ?2 WHERE id = ?1",
                params![child.0, into.0],
            )?;
        }
        for c in &dropped {
            tx.execute("DELETE FROM codings WHERE id = ?1", [c.id.0])?;
        }
        tx.execute(
            "UPDATE codings SET code_id = ?2 WHERE code_id = ?1",
            params![from.0, into.0],
        )?;
        tx.execute(
            "UPDATE memos SET code_id = ?2 WHERE code_id = ?1",
            params![from.0, into.0],
        )?;
        tx.execute("DELETE FROM codes WHERE id = ?1", [from.0])?;
        tx.commit()?;
        Ok(MergeReport {
            from: from_code,
            moved,
            dropped,
            children,
            memos,
        })
    }
}

impl Project {
    /// Puts a code under `parent` (top level for `None`) at position
    /// `sort_order` among its new siblings; returns the old parent and
    /// position, so a move can be undone exactly. Other siblings keep their
    /// positions.
    pub fn place_code(
        &mut self,
        id: CodeId,
        parent: Option<CodeId>,
        sort_order: i64,
    ) -> Result<(Option<CodeId>, i64)> {
        self.relocate_code(id, parent, Some(sort_order))
    }

    /// Undoes [`Project::merge_codes`] from its report: the merged-away code
    /// comes back with its id and GUID, its moved codings, sub-codes and memos
    /// go back to it, and the dropped duplicate codings are restored with
    /// `dropped_memos` (the memos that were written on them).
    pub fn unmerge_codes(&mut self, report: &MergeReport, dropped_memos: &[Memo]) -> Result<()> {
        let from = &report.from;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO codes (id, guid, name, parent_id, color, description, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![from.id.0, from.guid.as_str(), from.name, from.parent.map(|p| p.0), from.color.to_hex(), from.description, from.sort_order],
        )?;
        for child in &report.children {
            tx.execute(
                "UPDATE codes SET parent_id = ?2 WHERE id = ?1",
                params![child.0, from.id.0],
            )?;
        }
        for c in &report.moved {
            tx.execute(
                "UPDATE codings SET code_id = ?2 WHERE id = ?1",
                params![c.id.0, from.id.0],
            )?;
        }
        for c in &report.dropped {
            super::codings::insert_coding_row(&tx, c)?;
        }
        for m in &report.memos {
            tx.execute(
                "UPDATE memos SET code_id = ?2 WHERE id = ?1",
                params![m.0, from.id.0],
            )?;
        }
        for m in dropped_memos {
            super::memos::insert_memo_row(&tx, m)?;
        }
        tx.commit()?;
        Ok(())
    }
}
