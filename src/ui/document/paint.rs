//! Painting a frame: coding tints, selection, flash, text and the margin's
//! coding stripes.

use egui::text::CCursor;
use egui::{CornerRadius, Galley, Pos2, Rect, Stroke, Ui, pos2};

use super::*;

impl DocumentView {
    pub(super) fn paint(&mut self, ui: &Ui, origin: Pos2, margin: f32, first: usize, last: usize) {
        let painter = ui.painter();
        let visuals = ui.visuals().clone();
        let now = ui.input(|i| i.time);
        let selection = self.selection();
        let select_fill = theme::selection_fill(&visuals);
        let tint_alpha = theme::tint_alpha(&visuals);
        let flash = self.flash.filter(|f| now - f.2 < FLASH_SECONDS);
        if flash.is_some() {
            ui.ctx().request_repaint();
        } else {
            self.flash = None;
        }
        self.drawn.clear();
        for i in first..=last.min(self.paras.len().saturating_sub(1)) {
            let Some(galley) = self.galleys.get(&i).cloned() else {
                continue;
            };
            let p = self.paras[i].clone();
            let top = origin.y + self.tops[i];
            let gpos = pos2(origin.x + margin, top);
            let height = self.tops[i + 1] - self.tops[i];
            let spans: Vec<Span> = self.spans_in(p.start, p.end).copied().collect();
            for s in &spans {
                let (a, b) = (s.start.max(p.start) - p.start, s.end.min(p.end) - p.start);
                let fill = theme::tint(s.color, tint_alpha);
                for r in range_rects(&galley, a, b) {
                    painter.rect_filled(r.translate(gpos.to_vec2()), CornerRadius::ZERO, fill);
                }
                if self.selected_coding == Some(s.coding) {
                    for r in range_rects(&galley, a, b) {
                        painter.rect_stroke(
                            r.translate(gpos.to_vec2()),
                            CornerRadius::same(2),
                            Stroke::new(1.5, s.color),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            if let Some((s, e)) = selection
                && s < p.end.max(p.start + 1)
                && e > p.start
            {
                let (a, b) = (s.max(p.start) - p.start, e.min(p.end) - p.start);
                for r in range_rects(&galley, a, b) {
                    painter.rect_filled(
                        r.translate(gpos.to_vec2()),
                        CornerRadius::ZERO,
                        select_fill,
                    );
                }
            }
            if let Some((s, e, t0)) = flash
                && s < p.end
                && e > p.start
            {
                let (a, b) = (s.max(p.start) - p.start, e.min(p.end) - p.start);
                let fade = (1.0 - ((now - t0) / FLASH_SECONDS) as f32).clamp(0.0, 1.0);
                let color = visuals.warn_fg_color.gamma_multiply(fade);
                for r in range_rects(&galley, a, b) {
                    painter.rect_stroke(
                        r.translate(gpos.to_vec2()).expand(1.0),
                        CornerRadius::same(2),
                        Stroke::new(2.0, color),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            painter.galley(gpos, galley.clone(), visuals.text_color());
            // Stripes.
            for s in &spans {
                let x = origin.x + 4.0 + s.lane as f32 * (STRIPE_W + STRIPE_GAP);
                let y0 = if s.start >= p.start {
                    let r = galley.pos_from_cursor(CCursor::new(s.start - p.start));
                    top + r.min.y
                } else {
                    top
                };
                let y1 = if s.end <= p.end {
                    let r = galley.pos_from_cursor(CCursor::new(s.end - p.start));
                    top + r.max.y
                } else {
                    top + height
                };
                let rect = Rect::from_min_max(pos2(x, y0), pos2(x + STRIPE_W, y1.max(y0 + 2.0)));
                painter.rect_filled(rect, CornerRadius::same(1), s.color);
                if self.selected_coding == Some(s.coding) {
                    painter.rect_stroke(
                        rect.expand(1.0),
                        CornerRadius::same(1),
                        Stroke::new(1.0, visuals.strong_text_color()),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            self.drawn.push((i, gpos));
        }
    }
}

/// Rectangles covering galley chars `[a, b)`, one per row, in galley space.
fn range_rects(galley: &Galley, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    if a >= b {
        return out;
    }
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let row_end = row_start + n;
        let lo = a.max(row_start);
        let hi = b.min(row_end);
        if lo < hi {
            let x0 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(lo - row_start));
            let x1 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(hi - row_start));
            let r = row.rect();
            out.push(Rect::from_min_max(pos2(x0, r.min.y), pos2(x1, r.max.y)));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= b {
            break;
        }
    }
    out
}
