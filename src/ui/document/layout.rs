//! Laying out the text: lines as paragraphs (long ones in pieces), each a
//! galley made when it scrolls into view, with estimated heights until then.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Galley, Ui};

use super::*;
use crate::model::SpeakerTurn;

/// The roles set in the project for a source's speakers.
pub(super) fn roles_set(
    state: &AppState,
    source: SourceId,
) -> Vec<(String, Option<crate::model::roles::Role>)> {
    state
        .speakers
        .iter()
        .filter(|s| s.source == source)
        .map(|s| (s.name.clone(), s.role))
        .collect()
}

/// Keys of the speakers of `turns` who are not respondents, sorted.
pub(super) fn not_respondents(
    turns: &[SpeakerTurn],
    roles: &crate::model::roles::SourceRoles,
) -> Vec<String> {
    let mut keys: Vec<String> = turns
        .iter()
        .filter(|t| !roles.is_respondent(&t.speaker))
        .map(|t| crate::model::roles::speaker_key(&t.speaker))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

impl DocumentView {
    /// Marks the lines of speakers who are not respondents again after a
    /// role changed (only then: the set of such speakers is compared).
    pub(super) fn sync_roles(&mut self, state: &AppState, source: SourceId) {
        let Some(st) = state.texts.get(&source) else {
            return;
        };
        let set = roles_set(state, source);
        if set == self.roles_set {
            return;
        }
        self.roles_set = set;
        let roles = state.roles(source);
        let now = not_respondents(&st.texts.turns, &roles);
        if now == self.not_respondents {
            return;
        }
        self.not_respondents = now;
        let turns = &st.texts.turns;
        for p in &mut self.paras {
            let i = turns.partition_point(|t| t.start <= p.start);
            p.interviewer = p.end > p.start
                && i.checked_sub(1)
                    .map(|i| &turns[i])
                    .is_some_and(|t| p.start < t.end && !roles.is_respondent(&t.speaker));
        }
        self.galleys.clear();
    }

    /// Number of paragraphs (lines) of the shown source.
    pub fn paragraph_count(&self) -> usize {
        self.paras.len()
    }

    /// Number of galleys currently cached.
    pub fn cached_galleys(&self) -> usize {
        self.galleys.len()
    }

    /// Bytes of text laid out in the cached galleys, and the most in one:
    /// bounded by what is near the view, whatever the length of a line.
    pub fn laid_out_bytes(&self) -> (usize, usize) {
        self.galleys
            .values()
            .map(|g| g.job.text.len())
            .fold((0, 0), |(sum, max), n| (sum + n, max.max(n)))
    }

    pub(super) fn para_of(&self, offset: usize) -> Option<usize> {
        if self.paras.is_empty() {
            return None;
        }
        let i = self.paras.partition_point(|p| p.start <= offset);
        Some(i.saturating_sub(1))
    }

    pub(super) fn layout_key(&self, ui: &Ui, wrap: f32) -> LayoutKey {
        LayoutKey {
            wrap: wrap.round(),
            size: self.text_size,
            dark: ui.visuals().dark_mode,
            bold: self.bold_font,
        }
    }

    pub(super) fn font(&self) -> FontId {
        FontId::proportional(self.text_size)
    }

    /// Lays out paragraph `i` if it is not cached; returns its galley.
    pub(super) fn galley(&mut self, ui: &Ui, i: usize) -> Arc<Galley> {
        if let Some(g) = self.galleys.get(&i) {
            return g.clone();
        }
        let Some(key) = self.layout_key else {
            return ui.fonts_mut(|f| f.layout_job(LayoutJob::default()));
        };
        let p = &self.paras[i];
        let visuals = ui.visuals();
        let body = if p.interviewer {
            theme::interviewer_text(visuals)
        } else {
            theme::respondent_text(visuals)
        };
        let font = self.font();
        let mut job = LayoutJob::default();
        job.wrap.max_width = key.wrap;
        let line = &self.text[p.byte_start..p.byte_end];
        let rest = match p.label_end {
            Some(le) => {
                let label_bytes = self.index.byte(le) - p.byte_start;
                self.append_speaker_label(&mut job, visuals, &line[..label_bytes], p.interviewer);
                &line[label_bytes..]
            }
            None => line,
        };
        job.append(rest, 0.0, TextFormat::simple(font, body));
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let h = galley.size().y;
        if !self.exact[i] || (self.heights[i] - h).abs() > 0.1 {
            self.heights[i] = h;
            self.exact[i] = true;
            self.tops_dirty = true;
        }
        self.galleys.insert(i, galley.clone());
        galley
    }

    /// Estimated heights for paragraphs not laid out yet.
    pub(super) fn estimate_heights(&mut self, ui: &Ui, key: LayoutKey) {
        let row = ui.fonts_mut(|f| f.row_height(&self.font()));
        let char_w = self.text_size * 0.47;
        let per_row = (key.wrap / char_w).max(10.0);
        for (i, p) in self.paras.iter().enumerate() {
            if self.exact[i] {
                continue;
            }
            let n = (p.end - p.start) as f32;
            self.heights[i] = if n == 0.0 {
                row
            } else {
                (n / per_row).ceil().max(1.0) * row
            };
        }
        self.tops_dirty = true;
    }

    pub(super) fn recompute_tops(&mut self) {
        if !self.tops_dirty {
            return;
        }
        let blank_gap = self.text_size * 0.6;
        self.tops.clear();
        self.tops.reserve(self.paras.len() + 1);
        let mut y = 0.0;
        for (i, p) in self.paras.iter().enumerate() {
            self.tops.push(y);
            y += if p.start == p.end {
                blank_gap
            } else {
                self.heights[i]
            };
        }
        self.tops.push(y);
        self.tops_dirty = false;
    }

    pub(super) fn para_at_y(&self, y: f32) -> usize {
        let i = self.tops.partition_point(|&t| t <= y);
        i.saturating_sub(1).min(self.paras.len().saturating_sub(1))
    }
}

/// Splits a text into lines, noting speaker labels and interviewer turns.
/// A line longer than [`CHUNK_CHARS`] is cut into pieces of at most that
/// many chars (after a space where there is one in the piece's second
/// half), each its own galley: a source that is one huge line lays out
/// only the pieces in view, never the whole line. One pass over the text.
pub(super) fn split_paras(
    text: &str,
    turns: &[SpeakerTurn],
    roles: &crate::model::roles::SourceRoles,
) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut char_pos = 0;
    let mut byte_pos = 0;
    for line in text.split('\n') {
        let line_start = char_pos;
        let pieces = line_pieces(line);
        for &(from, to, chars_from, chars_to) in &pieces {
            let (start, end) = (line_start + chars_from, line_start + chars_to);
            let mut label_end = None;
            let mut interviewer = false;
            let i = turns.partition_point(|t| t.start <= start);
            if end > start
                && let Some(t) = i.checked_sub(1).map(|i| &turns[i])
                && start < t.end
            {
                interviewer = !roles.is_respondent(&t.speaker);
                if t.start == start && t.label_end > start && t.label_end <= end {
                    label_end = Some(t.label_end);
                }
            }
            paras.push(Para {
                start,
                end,
                byte_start: byte_pos + from,
                byte_end: byte_pos + to,
                label_end,
                interviewer,
            });
        }
        let n = pieces.last().map_or(0, |p| p.3);
        char_pos = line_start + n + 1;
        byte_pos += line.len() + 1;
    }
    paras
}

/// The pieces one line is laid out in, as (byte start, byte end, char
/// start, char end) within the line: the whole line when it is at most
/// [`CHUNK_CHARS`] long, else pieces of at most that many chars.
fn line_pieces(line: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut pieces = Vec::new();
    // Piece start, and the end of the last space after its middle.
    let (mut from, mut chars_from) = (0, 0);
    let mut space: Option<(usize, usize)> = None;
    let mut n = 0;
    for (b, c) in line.char_indices() {
        if n - chars_from == CHUNK_CHARS {
            let (to, chars_to) = space.unwrap_or((b, n));
            pieces.push((from, to, chars_from, chars_to));
            (from, chars_from) = (to, chars_to);
            space = None;
        }
        n += 1;
        if c.is_whitespace() && n - chars_from > CHUNK_CHARS / 2 {
            space = Some((b + c.len_utf8(), n));
        }
    }
    pieces.push((from, line.len(), chars_from, n));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::char_slice;

    fn turn(start: usize, label_end: usize, end: usize, speaker: &str) -> SpeakerTurn {
        SpeakerTurn {
            start,
            end,
            label_end,
            speaker: speaker.into(),
        }
    }

    #[test]
    fn lines_map_to_code_points_and_labels() {
        let text = "I: Apa kabar? 😀\n\nR: Baik.\nlanjut";
        let turns = vec![turn(0, 3, 15, "I"), turn(17, 20, 32, "R")];
        let paras = split_paras(text, &turns, &Default::default());
        assert_eq!(paras.len(), 4);
        assert_eq!((paras[0].start, paras[0].end), (0, 15));
        assert_eq!(paras[0].label_end, Some(3));
        assert!(paras[0].interviewer);
        assert_eq!((paras[1].start, paras[1].end), (16, 16));
        assert_eq!((paras[2].start, paras[2].end), (17, 25));
        assert_eq!(paras[2].label_end, Some(20));
        assert!(!paras[2].interviewer);
        assert_eq!(paras[3].label_end, None);
        assert!(!paras[3].interviewer);
        let p = &paras[2];
        assert_eq!(&text[p.byte_start..p.byte_end], "R: Baik.");
    }

    #[test]
    fn long_lines_are_laid_out_in_bounded_pieces() {
        let long: String = (0..3000).map(|i| format!("kata{i} é ")).collect();
        let unbroken = "x".repeat(4500);
        let text = format!("R: {long}\nshort\n{unbroken}");
        let turns = vec![turn(0, 3, 3 + long.chars().count(), "R")];
        let paras = split_paras(&text, &turns, &Default::default());
        let mut next = 0;
        for p in &paras {
            assert!(p.end - p.start <= CHUNK_CHARS, "{}", p.end - p.start);
            // Pieces of one line follow each other; a new line skips its break.
            assert!(
                p.start == next || p.start == next + 1,
                "{} after {next}",
                p.start
            );
            let piece = &text[p.byte_start..p.byte_end];
            assert_eq!(piece.chars().count(), p.end - p.start);
            assert_eq!(char_slice(&text, p.start, p.end), Some(piece));
            next = p.end;
        }
        assert_eq!(next, text.chars().count());
        // Only the first piece of the turn carries its label.
        assert_eq!(paras[0].label_end, Some(3));
        assert!(paras[1..].iter().all(|p| p.label_end.is_none()));
        // Cut after a space where the piece has one in its second half.
        let first = &text[paras[0].byte_start..paras[0].byte_end];
        assert!(first.ends_with(' '), "{:?}", &first[first.len() - 10..]);
        assert_eq!(
            paras
                .iter()
                .filter(|p| p.byte_start >= text.len() - 4500)
                .count(),
            3
        );
    }
}
