//! Correcting a source's text (a typo in a transcript): one range of the
//! text is replaced, and every stored position in the source follows.
//!
//! Positions are code-point offsets. Replacing `start..end` with a text
//! of `n` characters maps each position `p` so:
//!
//! - before the range (`p < start`, and an end at `start`): unchanged;
//! - after the range (`p > end`, and a start at `end`): moved by
//!   `n - (end - start)`;
//! - inside the range: the start of a coding or turn goes to the start of
//!   the replacement, its end to the end of the replacement.
//!
//! So a coding wholly inside the replaced range shrinks (or grows) to the
//! replacement, and is removed when the replacement is empty; a coding
//! that overlaps one side of the range keeps its words outside the range
//! and takes the whole replacement; text inserted where a coding starts or
//! ends stays outside it, text inserted inside it extends it. A coding that
//! would land on the range of another coding of the same code by the same
//! coder is removed (one that did not move stays, else the older one). Removed codings keep their memos
//! and exemplar mark in the [`TextEdit`], so undoing puts them back exactly.
//!
//! Speaker labels (`DB:` of a turn) name the speaker, so an edit that
//! touches a label is refused, as is one that changes nothing or leaves
//! the source without text.

use rusqlite::params;

use super::{Project, RemovedCoding, Result, StoreError, expect_changed, write_rows};
use crate::model::text::{CharIndex, char_len};
use crate::model::{CodingId, SourceId, SpeakerTurn};

/// What [`Project::replace_text`] changed, with all it takes to put the
/// source back exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub source: SourceId,
    /// The replaced range of the old text, in characters.
    pub start: usize,
    pub end: usize,
    /// The text that was there.
    pub old: String,
    /// The text put in its place.
    pub new: String,
    /// Speaker turns that moved (by row id), with their start, label end
    /// and end before the edit.
    pub turns: Vec<(i64, usize, usize, usize)>,
    /// Codings that moved, with their range before the edit.
    pub moved: Vec<(CodingId, usize, usize)>,
    /// Codings that stayed where they were.
    pub kept: Vec<CodingId>,
    /// Codings the edit removed (emptied, or the same as another).
    pub removed: Vec<RemovedCoding>,
    /// The content hash of the text after the edit: undoing checks the
    /// text is still that.
    pub hash_after: String,
}

/// Replacing `start..end` of a text with `len` characters, as a map of
/// positions (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub len: usize,
}

impl Splice {
    fn shift(&self, p: usize) -> usize {
        p + self.len - (self.end - self.start)
    }

    /// Where the start of a range at `p` goes.
    pub fn map_start(&self, p: usize) -> usize {
        if p < self.end {
            p.min(self.start)
        } else {
            self.shift(p)
        }
    }

    /// Where the end of a range at `p` goes.
    pub fn map_end(&self, p: usize) -> usize {
        if p <= self.start {
            p
        } else if p >= self.end {
            self.shift(p)
        } else {
            self.start + self.len
        }
    }

    /// A range's new place; `None` when it becomes empty.
    pub fn map_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (s, e) = (self.map_start(start), self.map_end(end));
        (s < e).then_some((s, e))
    }
}

/// Added to both ends of the codings that move, before they are written at
/// their new place: no two rows share a range on the way (the unique index
/// on codings holds after every statement).
const PARKED: i64 = 1 << 40;

impl Project {
    /// Replaces characters `start..end` of a source's text with
    /// `replacement`, moving its codings and speaker turns with their
    /// words, in one transaction. Returns what it takes to undo it.
    pub fn replace_text(
        &mut self,
        source: SourceId,
        start: usize,
        end: usize,
        replacement: &str,
    ) -> Result<TextEdit> {
        let meta = self.source(source)?;
        let text = self.source_text(source)?;
        let bad = |reason: String| StoreError::BadEdit {
            source_name: meta.name.clone(),
            reason,
        };
        if start > end {
            return Err(StoreError::EmptyRange { start, end });
        }
        let index = CharIndex::new(&text);
        let len = index.char_len();
        if end > len {
            return Err(StoreError::RangeOutOfBounds {
                source_name: meta.name.clone(),
                start,
                end,
                len,
            });
        }
        let (ba, bb) = (index.byte(start), index.byte(end));
        let old = &text[ba..bb];
        if old == replacement {
            return Err(bad(format!(
                "characters {start}..{end} already read {replacement:?}; nothing to change"
            )));
        }
        if start == 0 && end == len && replacement.is_empty() {
            return Err(bad(
                "that would leave it without any text; a source keeps at least one character"
                    .into(),
            ));
        }
        let turns = turn_rows(&self.conn, source)?;
        if let Some((_, t)) = turns.iter().find(|(_, t)| {
            t.start < t.label_end
                && if start == end {
                    t.start < start && start < t.label_end
                } else {
                    start < t.label_end && t.start < end
                }
        }) {
            return Err(bad(format!(
                "characters {start}..{end} touch the speaker label of '{}' at {}..{}; \
                 a label names the speaker, so it cannot be edited as text",
                t.speaker, t.start, t.label_end
            )));
        }
        let splice = Splice {
            start,
            end,
            len: char_len(replacement),
        };
        let mut new_text = String::with_capacity(text.len() - old.len() + replacement.len());
        new_text.push_str(&text[..ba]);
        new_text.push_str(replacement);
        new_text.push_str(&text[bb..]);
        let hash_after = super::content_hash(&new_text);
        self.transact(|p| p.write_edit(source, &new_text, &hash_after, &turns, splice))
            .map(|(turns, moved, kept, removed)| TextEdit {
                source,
                start,
                end,
                old: old.to_string(),
                new: replacement.to_string(),
                turns,
                moved,
                kept,
                removed,
                hash_after,
            })
    }

    /// The writes of [`Project::replace_text`], inside its transaction:
    /// returns the turns moved and the codings moved (with their old
    /// places), kept and removed.
    #[allow(clippy::type_complexity)]
    fn write_edit(
        &mut self,
        source: SourceId,
        new_text: &str,
        hash_after: &str,
        turns: &[(i64, SpeakerTurn)],
        splice: Splice,
    ) -> Result<(
        Vec<(i64, usize, usize, usize)>,
        Vec<(CodingId, usize, usize)>,
        Vec<CodingId>,
        Vec<RemovedCoding>,
    )> {
        write_rows(
            &self.conn,
            "change a source's text",
            1,
            "UPDATE source_texts SET text = ?2 WHERE source_id = ?1",
            params![source.0, new_text],
        )?;
        write_rows(
            &self.conn,
            "change a source's length",
            1,
            "UPDATE sources SET char_len = ?2, content_hash = ?3 WHERE id = ?1",
            params![source.0, char_len(new_text) as i64, hash_after],
        )?;
        let mut turns_moved = Vec::new();
        let mut turns_to = Vec::new();
        for (id, t) in turns {
            let start = splice.map_start(t.start);
            let label_end = splice.map_end(t.label_end).max(start);
            let end = splice.map_end(t.end).max(label_end);
            if (start, label_end, end) != (t.start, t.label_end, t.end) {
                turns_to.push((*id, start, label_end, end));
                turns_moved.push((*id, t.start, t.label_end, t.end));
            }
        }
        place_turns(&self.conn, &turns_to)?;

        // Where each coding goes; codings that stay are never removed.
        let codings = self.codings_of_source(source)?;
        let mut taken = std::collections::HashSet::new();
        let mut kept = Vec::new();
        let mut changed = Vec::new();
        for c in &codings {
            match splice.map_range(c.start, c.end) {
                Some((s, e)) if (s, e) == (c.start, c.end) => {
                    taken.insert((c.code, c.coder, s, e));
                    kept.push(c.id);
                }
                to => changed.push((c, to)),
            }
        }
        changed.sort_by_key(|(c, _)| c.id);
        let mut moved = Vec::new();
        let mut remove = Vec::new();
        for (c, to) in changed {
            match to {
                Some((s, e)) if taken.insert((c.code, c.coder, s, e)) => {
                    moved.push((c.id, c.start, c.end, s, e));
                }
                _ => remove.push(c.id),
            }
        }
        let mut removed = Vec::with_capacity(remove.len());
        for id in remove {
            removed.push(self.remove_coding(id)?);
        }
        place_codings(&self.conn, moved.iter().map(|&(id, _, _, s, e)| (id, s, e)))?;
        Ok((
            turns_moved,
            moved
                .into_iter()
                .map(|(id, s, e, _, _)| (id, s, e))
                .collect(),
            kept,
            removed,
        ))
    }

    /// Undoes a [`Project::replace_text`]: the old text, turns and coding
    /// ranges, and the removed codings with their ids, GUIDs, memos and
    /// exemplar marks. Refuses when the source changed since (its text, or
    /// its codings).
    pub fn revert_text(&mut self, edit: &TextEdit) -> Result<()> {
        let meta = self.source(edit.source)?;
        let elsewhere = || StoreError::ChangedElsewhere(format!("the text of '{}'", meta.name));
        if meta.content_hash != edit.hash_after {
            return Err(elsewhere());
        }
        let text = self.source_text(edit.source)?;
        let index = CharIndex::new(&text);
        let new_end = edit.start + char_len(&edit.new);
        if new_end > index.char_len() {
            return Err(elsewhere());
        }
        let (ba, bb) = (index.byte(edit.start), index.byte(new_end));
        if text[ba..bb] != edit.new {
            return Err(elsewhere());
        }
        let mut expected: Vec<CodingId> = edit.kept.clone();
        expected.extend(edit.moved.iter().map(|m| m.0));
        expected.sort();
        let mut now: Vec<CodingId> = self
            .codings_of_source(edit.source)?
            .iter()
            .map(|c| c.id)
            .collect();
        now.sort();
        if now != expected {
            return Err(StoreError::ChangedElsewhere(format!(
                "the codings of '{}'",
                meta.name
            )));
        }
        let mut old_text = String::with_capacity(text.len() + edit.old.len());
        old_text.push_str(&text[..ba]);
        old_text.push_str(&edit.old);
        old_text.push_str(&text[bb..]);

        self.transact(|p| p.write_revert(edit, &old_text))
    }

    /// The writes of [`Project::revert_text`], inside its transaction.
    fn write_revert(&mut self, edit: &TextEdit, old_text: &str) -> Result<()> {
        write_rows(
            &self.conn,
            "change a source's text",
            1,
            "UPDATE source_texts SET text = ?2 WHERE source_id = ?1",
            params![edit.source.0, old_text],
        )?;
        write_rows(
            &self.conn,
            "change a source's length",
            1,
            "UPDATE sources SET char_len = ?2, content_hash = ?3 WHERE id = ?1",
            params![
                edit.source.0,
                char_len(old_text) as i64,
                super::content_hash(old_text)
            ],
        )?;
        place_turns(&self.conn, &edit.turns)?;
        place_codings(&self.conn, edit.moved.iter().copied())?;
        for gone in &edit.removed {
            self.restore_coding(gone)?;
        }
        Ok(())
    }
}

/// A source's speaker turns with their row ids, in text order.
fn turn_rows(conn: &super::db::Connection, source: SourceId) -> Result<Vec<(i64, SpeakerTurn)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, start, end, label_end, speaker FROM speaker_turns WHERE source_id = ?1 ORDER BY start, id",
    )?;
    let rows = stmt.query_map([source.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            SpeakerTurn {
                start: r.get::<_, i64>(1)? as usize,
                end: r.get::<_, i64>(2)? as usize,
                label_end: r.get::<_, i64>(3)? as usize,
                speaker: r.get::<_, String>(4)?.into(),
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves speaker turns `(id, start, label_end, end)` (in place: each row
/// keeps its id). On a server in one statement, so the trigger that counts
/// the source's turns again runs once, not once per turn.
fn place_turns(conn: &super::db::Connection, to: &[(i64, usize, usize, usize)]) -> Result<()> {
    if to.is_empty() {
        return Ok(());
    }
    if let Some(pg) = conn.pg() {
        let col = |f: fn(&(i64, usize, usize, usize)) -> i64| to.iter().map(f).collect::<Vec<_>>();
        let (ids, starts, labels, ends) = (
            col(|t| t.0),
            col(|t| t.1 as i64),
            col(|t| t.2 as i64),
            col(|t| t.3 as i64),
        );
        let changed = pg.execute_native(
            "UPDATE speaker_turns AS t SET start = v.s, label_end = v.l, \"end\" = v.e \
             FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS v(id, s, l, e) \
             WHERE t.id = v.id",
            &[&ids, &starts, &labels, &ends],
        )?;
        return expect_changed("move speaker turns", to.len(), changed);
    }
    for &(id, start, label_end, end) in to {
        write_rows(
            conn,
            "move a speaker turn",
            1,
            "UPDATE speaker_turns SET start = ?2, label_end = ?3, end = ?4 WHERE id = ?1",
            params![id, start as i64, label_end as i64, end as i64],
        )?;
    }
    Ok(())
}

/// Moves codings to new ranges, parking them out of the way first. On a
/// server each of the two steps is one statement (`UPDATE … FROM
/// unnest(…)`): the tally triggers, which count the source's turns again
/// for every statement that moves a coding, run twice per edit instead of
/// twice per coding (an edit before 1,000 codings took 25 s).
fn place_codings(
    tx: &super::db::Connection,
    to: impl Iterator<Item = (CodingId, usize, usize)> + Clone,
) -> Result<()> {
    if let Some(pg) = tx.pg() {
        let to: Vec<_> = to.collect();
        if to.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = to.iter().map(|t| t.0.0).collect();
        let starts: Vec<i64> = to.iter().map(|t| t.1 as i64).collect();
        let ends: Vec<i64> = to.iter().map(|t| t.2 as i64).collect();
        let parked = pg.execute_native(
            "UPDATE codings SET start = start + $2, \"end\" = \"end\" + $2 WHERE id = ANY ($1)",
            &[&ids, &PARKED],
        )?;
        expect_changed("move codings", to.len(), parked)?;
        let placed = pg.execute_native(
            "UPDATE codings AS c SET start = v.s, \"end\" = v.e \
             FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(id, s, e) \
             WHERE c.id = v.id",
            &[&ids, &starts, &ends],
        )?;
        return expect_changed("move codings", to.len(), placed);
    }
    for (id, _, _) in to.clone() {
        write_rows(
            tx,
            "move a coding",
            1,
            "UPDATE codings SET start = start + ?2, end = end + ?2 WHERE id = ?1",
            params![id.0, PARKED],
        )?;
    }
    for (id, s, e) in to {
        write_rows(
            tx,
            "move a coding",
            1,
            "UPDATE codings SET start = ?2, end = ?3 WHERE id = ?1",
            params![id.0, s as i64, e as i64],
        )?;
    }
    Ok(())
}
