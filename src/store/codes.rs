//! The codebook: codes and their hierarchy.

use super::db::{Connection, Row};
use rusqlite::{OptionalExtension, params};

use super::{Project, Result, StoreError, write_rows};
use crate::model::{
    Code, CodeId, Codebook, Coding, CodingId, Color, Guid, MAX_CODE_DEPTH, Memo, MemoId,
    ReviewItem, names,
};

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
    /// Memos on the codes and on their codings.
    pub memos: Vec<Memo>,
    /// Those codings marked as exemplars.
    pub exemplars: Vec<CodingId>,
    /// The codes' places on review boards.
    pub review_items: Vec<ReviewItem>,
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
    /// Memos on the dropped codings, removed with them.
    pub dropped_memos: Vec<Memo>,
    /// Dropped codings that were marked as exemplars.
    pub dropped_exemplars: Vec<CodingId>,
    /// The merged-away code's places on review boards, removed with it.
    pub review_items: Vec<ReviewItem>,
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
    tx: &Connection,
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
pub(super) fn color_or_next(tx: &Connection, color: Option<Color>) -> Result<Color> {
    Ok(match color {
        Some(c) => c,
        None => {
            let n: i64 = tx.query_row("SELECT count(*) FROM codes", [], |r| r.get(0))?;
            Color::palette(n as usize)
        }
    })
}

/// Refuses to put `height` levels (a code and its sub-codes) under
/// `parent` when the tree would get deeper than [`MAX_CODE_DEPTH`] levels.
fn check_depth(book: &Codebook, name: &str, parent: Option<CodeId>, height: usize) -> Result<()> {
    let Some(p) = parent else {
        return Ok(());
    };
    let levels = book.depth(p) + 1 + height;
    if levels > MAX_CODE_DEPTH {
        return Err(StoreError::TooDeep {
            name: name.to_string(),
            levels,
            limit: MAX_CODE_DEPTH,
        });
    }
    Ok(())
}

/// The sort order after the last child of `parent`.
pub(super) fn next_sort_order(tx: &Connection, parent: Option<CodeId>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT ifnull(max(sort_order), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = ?1",
        [parent.map_or(0, |p| p.0)],
        |r| r.get(0),
    )?)
}

/// Puts back a code with its id, GUID and place. Says plainly when another
/// program has taken its id, GUID or name, or removed its parent.
fn insert_code_row(conn: &Connection, c: &Code) -> Result<()> {
    let taken = conn
        .prepare_cached("SELECT 1 FROM codes WHERE id = ?1 OR guid = ?2")?
        .exists(params![c.id.0, c.guid.as_str()])?;
    if taken {
        return Err(StoreError::ChangedElsewhere(format!(
            "the code '{}'",
            c.name
        )));
    }
    if let Some(parent) = c.parent
        && !conn
            .prepare_cached("SELECT 1 FROM codes WHERE id = ?1")?
            .exists([parent.0])?
    {
        return Err(StoreError::ChangedElsewhere(format!(
            "the parent of the code '{}'",
            c.name
        )));
    }
    if sibling_taken(conn, c.parent, &c.name, None)? {
        return Err(StoreError::DuplicateCode(c.name.clone()));
    }
    write_rows(
        conn,
        "put back a code",
        1,
        "INSERT INTO codes (id, guid, name, parent_id, color, description, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            c.id.0,
            c.guid.as_str(),
            c.name,
            c.parent.map(|p| p.0),
            c.color.to_hex(),
            c.description,
            c.sort_order
        ],
    )
}

impl Project {
    /// Creates a code. Names are unique among siblings (ignoring case and
    /// Unicode normalisation) and never hold ` > `.
    pub fn add_code(&mut self, new: NewCode) -> Result<Code> {
        let name = new.name.trim().to_string();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        names::check_typed_code_name(&name)?;
        if let Some(p) = new.parent {
            self.code(p)?;
            check_depth(&self.codebook()?, &name, Some(p), 1)?;
        }
        let tx = self.write()?;
        if sibling_taken(&tx, new.parent, &name, None)? {
            return Err(StoreError::DuplicateCode(name));
        }
        let color = color_or_next(&tx, new.color)?;
        let order = next_sort_order(&tx, new.parent)?;
        let guid = new.guid.unwrap_or_default();
        write_rows(
            &tx,
            "add a code",
            1,
            "INSERT INTO codes (guid, name, parent_id, color, description, sort_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                guid.as_str(),
                name,
                new.parent.map(|p| p.0),
                color.to_hex(),
                new.description.trim(),
                order
            ],
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
            .ok_or_else(|| StoreError::CodeGone(id))
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
        names::check_typed_code_name(name)?;
        let code = self.code(id)?;
        let tx = self.write()?;
        if sibling_taken(&tx, code.parent, name, Some(id))? {
            return Err(StoreError::DuplicateCode(name.to_string()));
        }
        write_rows(
            &tx,
            "rename a code",
            1,
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
        write_rows(
            &tx,
            "change a code's colour",
            1,
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
        write_rows(
            &tx,
            "change a code's description",
            1,
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
            .ok_or_else(|| StoreError::CodeGone(id))?
            .clone();
        if let Some(p) = parent {
            book.get(p).ok_or_else(|| StoreError::CodeGone(p))?;
            if p == id || book.is_descendant(p, id) {
                return Err(StoreError::HierarchyCycle(code.name));
            }
            let below = book.descendants(id).iter().map(|d| book.depth(d.id)).max();
            let height = below.map_or(1, |d| d + 1 - book.depth(id));
            check_depth(&book, &code.name, parent, height)?;
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
        write_rows(
            &tx,
            "move a code",
            1,
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
        let root = book.get(id).ok_or_else(|| StoreError::CodeGone(id))?;
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
        let exemplars = self.exemplars_among(&codings.iter().map(|c| c.id).collect::<Vec<_>>())?;
        let review_items = self.review_items_of(&ids)?;
        Ok(CodeDeletion {
            codes,
            codings,
            memos,
            exemplars,
            review_items,
        })
    }

    /// Deletes a code with its sub-codes, codings, their memos, exemplar
    /// marks and review-board places. Returns all that went, for the
    /// message and for undo.
    pub fn delete_code(&mut self, id: CodeId) -> Result<CodeDeletion> {
        let tx = self.write()?;
        let gone = self.code_deletion_preview(id)?;
        // Everything else follows through ON DELETE CASCADE.
        write_rows(
            &tx,
            "delete a code",
            1,
            "DELETE FROM codes WHERE id = ?1",
            [id.0],
        )?;
        tx.commit()?;
        Ok(gone)
    }

    /// Puts back what [`Project::delete_code`] removed, with the same ids and
    /// GUIDs.
    pub fn restore_code_deletion(&mut self, gone: &CodeDeletion) -> Result<()> {
        let tx = self.write()?;
        for c in &gone.codes {
            insert_code_row(&tx, c)?;
        }
        for c in &gone.codings {
            super::codings::insert_coding_row(&tx, c)?;
        }
        for m in &gone.memos {
            super::memos::insert_memo_row(&tx, m)?;
        }
        for &c in &gone.exemplars {
            super::review::insert_exemplar(&tx, c)?;
        }
        for r in &gone.review_items {
            super::review::insert_review_row(&tx, r)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Merges code `from` into `into`: its codings, sub-codes and memos move
    /// to `into`, then `from` is deleted. A coding that would duplicate one
    /// `into` already has (same source, range and coder) is dropped.
    pub fn merge_codes(&mut self, from: CodeId, into: CodeId) -> Result<MergeReport> {
        let tx = self.write()?;
        let book = self.codebook()?;
        let from_code = book
            .get(from)
            .ok_or_else(|| StoreError::CodeGone(from))?
            .clone();
        book.get(into).ok_or_else(|| StoreError::CodeGone(into))?;
        if from == into {
            return Err(StoreError::MergeIntoSelf(from_code.name));
        }
        if book.is_descendant(into, from) {
            // `into` would lose its own parent; move it out first.
            return Err(StoreError::HierarchyCycle(from_code.name));
        }
        // The sub-codes of `from` move under `into`: each code below `from`
        // moves by the difference of the two depths.
        let (from_depth, into_depth) = (book.depth(from), book.depth(into));
        if let Some(deepest) = book
            .descendants(from)
            .into_iter()
            .max_by_key(|d| book.depth(d.id))
        {
            let levels = book.depth(deepest.id) - from_depth + into_depth + 1;
            if levels > MAX_CODE_DEPTH {
                return Err(StoreError::MergeTooDeep {
                    from: from_code.name,
                    into: book.get(into).map(|c| c.name.clone()).unwrap_or_default(),
                    deepest: deepest.name.clone(),
                    levels,
                    limit: MAX_CODE_DEPTH,
                });
            }
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
        let all_memos = self.memos()?;
        let memos: Vec<MemoId> = all_memos
            .iter()
            .filter(|m| m.target == crate::model::MemoTarget::Code(from))
            .map(|m| m.id)
            .collect();
        let dropped_ids: Vec<CodingId> = dropped.iter().map(|c| c.id).collect();
        let dropped_memos: Vec<Memo> = all_memos
            .into_iter()
            .filter(|m| matches!(m.target, crate::model::MemoTarget::Coding(c) if dropped_ids.contains(&c)))
            .collect();
        let dropped_exemplars = self.exemplars_among(&dropped_ids)?;
        let review_items = self.review_items_of(&[from.0])?;
        for child in &children {
            let name = &book.get(*child).map(|c| c.name.clone()).unwrap_or_default();
            if sibling_taken(&tx, Some(into), name, Some(*child))? {
                return Err(StoreError::DuplicateCode(name.clone()));
            }
            write_rows(
                &tx,
                "move a sub-code",
                1,
                "UPDATE codes SET parent_id = ?2 WHERE id = ?1",
                params![child.0, into.0],
            )?;
        }
        for c in &dropped {
            write_rows(
                &tx,
                "drop a duplicate coding",
                1,
                "DELETE FROM codings WHERE id = ?1",
                [c.id.0],
            )?;
        }
        write_rows(
            &tx,
            "move codings",
            moved.len(),
            "UPDATE codings SET code_id = ?2 WHERE code_id = ?1",
            params![from.0, into.0],
        )?;
        write_rows(
            &tx,
            "move memos",
            memos.len(),
            "UPDATE memos SET code_id = ?2 WHERE code_id = ?1",
            params![from.0, into.0],
        )?;
        // Its review-board places follow through ON DELETE CASCADE.
        write_rows(
            &tx,
            "delete the merged code",
            1,
            "DELETE FROM codes WHERE id = ?1",
            [from.0],
        )?;
        tx.commit()?;
        Ok(MergeReport {
            from: from_code,
            moved,
            dropped,
            children,
            memos,
            dropped_memos,
            dropped_exemplars,
            review_items,
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
    /// their memos and exemplar marks, and the code's review-board places.
    pub fn unmerge_codes(&mut self, report: &MergeReport) -> Result<()> {
        let from = &report.from;
        let tx = self.write()?;
        insert_code_row(&tx, from)?;
        // An update that finds its row no longer there: another program
        // removed it.
        let gone = |what: &'static str| {
            move |e| match e {
                StoreError::NotWritten { .. } => StoreError::ChangedElsewhere(what.to_string()),
                e => e,
            }
        };
        for child in &report.children {
            write_rows(
                &tx,
                "move a sub-code back",
                1,
                "UPDATE codes SET parent_id = ?2 WHERE id = ?1",
                params![child.0, from.id.0],
            )
            .map_err(gone("a sub-code of the merged code"))?;
        }
        for c in &report.moved {
            write_rows(
                &tx,
                "move a coding back",
                1,
                "UPDATE codings SET code_id = ?2 WHERE id = ?1",
                params![c.id.0, from.id.0],
            )
            .map_err(gone("a coding of the merged code"))?;
        }
        for c in &report.dropped {
            super::codings::insert_coding_row(&tx, c)?;
        }
        for m in &report.memos {
            write_rows(
                &tx,
                "move a memo back",
                1,
                "UPDATE memos SET code_id = ?2 WHERE id = ?1",
                params![m.0, from.id.0],
            )
            .map_err(gone("a memo of the merged code"))?;
        }
        for m in &report.dropped_memos {
            super::memos::insert_memo_row(&tx, m)?;
        }
        for &c in &report.dropped_exemplars {
            super::review::insert_exemplar(&tx, c)?;
        }
        for r in &report.review_items {
            super::review::insert_review_row(&tx, r)?;
        }
        tx.commit()?;
        Ok(())
    }
}
