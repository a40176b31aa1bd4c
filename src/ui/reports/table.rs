//! A report's table in the preview. The first column (the code, source or
//! quote's attribution) stays in place while the others scroll sideways;
//! both halves scroll up and down together. Long texts (quotes,
//! descriptions) wrap, so a full quote can be read where it is shown.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBody, TableBuilder};

use super::strings;
use crate::analysis::{Cell, Report};

/// Width of the column kept in place, and of a column of long text.
const FIRST_WIDTH: f32 = 260.0;
const WRAP_WIDTH: f32 = 440.0;
/// A text column whose cells reach this many characters wraps.
const LONG_TEXT: usize = 60;
/// Above this many rows long texts are cut in the preview instead (laying
/// out every row's text up front would hold up the window); exports always
/// hold them whole.
const MAX_WRAPPED_ROWS: usize = 20_000;

/// What the preview keeps of a table between frames.
#[derive(Default)]
pub(super) struct TableView {
    /// The vertical scroll both halves share.
    offset: f32,
    /// Each row's height when long texts wrap, laid out once.
    heights: Option<Vec<f32>>,
    /// The table as shown: source kinds as people name them ("Focus
    /// group: codings"), as the exports for people print them; made once.
    shown: Option<Report>,
}

pub(super) fn table_ui(ui: &mut Ui, report: &Report, view: &mut TableView) {
    let shown = view
        .shown
        .take()
        .unwrap_or_else(|| crate::export::human_labels(report));
    shown_ui(ui, &shown, view);
    view.shown = Some(shown);
}

fn shown_ui(ui: &mut Ui, report: &Report, view: &mut TableView) {
    let table = &report.wide;
    let long: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            table
                .rows
                .iter()
                .take(2000)
                .any(|r| r.get(c).is_some_and(is_long))
        })
        .collect();
    let wrapping = long.iter().any(|l| *l) && table.rows.len() <= MAX_WRAPPED_ROWS;
    ui.horizontal_wrapped(|ui| {
        ui.weak(strings::table_size(table.rows.len(), table.columns.len()));
        for n in &report.notes {
            ui.weak(RichText::new(n).small());
        }
        if long.iter().any(|l| *l) && !wrapping {
            ui.weak(RichText::new(strings::long_texts_cut()).small());
        }
    });
    if table.columns.is_empty() {
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    if wrapping && view.heights.as_ref().map(Vec::len) != Some(table.rows.len()) {
        view.heights = Some(row_heights(ui, report, &long, row_height));
    }
    let heights = view.heights.as_deref().filter(|_| wrapping);
    let wrap = |c: usize| wrapping && long[c];
    let height = ui.available_height();
    let mut offsets = (view.offset, view.offset);
    ui.horizontal_top(|ui| {
        // The first column, kept in place; its scroll bar is the other half's.
        let down = egui::Layout::top_down(egui::Align::Min);
        ui.allocate_ui_with_layout(egui::vec2(FIRST_WIDTH, height), down, |ui| {
            let out = TableBuilder::new(ui)
                .id_salt(("report-first", &report.title))
                .striped(true)
                .vertical_scroll_offset(view.offset)
                .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(FIRST_WIDTH - 8.0).clip(true))
                .header(row_height + 2.0, |mut header| {
                    header.col(|ui| {
                        ui.strong(&table.columns[0]);
                    });
                })
                .body(|body| {
                    rows(
                        body,
                        row_height,
                        heights,
                        (table.rows.len(), 1),
                        |i, _, ui| {
                            cell_ui(ui, &table.rows[i][0], wrap(0));
                        },
                    )
                });
            offsets.0 = out.state.clamped_offset().y;
        });
        if table.columns.len() < 2 {
            return;
        }
        egui::ScrollArea::horizontal()
            .id_salt(("report-table-h", &report.title))
            .show(ui, |ui| {
                // Header above body, not beside it.
                ui.with_layout(down, |ui| {
                    let mut builder = TableBuilder::new(ui)
                        .id_salt(("report-rest", &report.title))
                        .striped(true)
                        .resizable(true)
                        .vertical_scroll_offset(view.offset)
                        .auto_shrink([false, false])
                        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
                    for c in 1..table.columns.len() {
                        builder = builder.column(if wrap(c) {
                            Column::exact(WRAP_WIDTH)
                        } else {
                            Column::auto().at_least(48.0).at_most(420.0).clip(true)
                        });
                    }
                    let out = builder
                        .header(row_height + 2.0, |mut header| {
                            for c in &table.columns[1..] {
                                header.col(|ui| {
                                    ui.strong(c);
                                });
                            }
                        })
                        .body(|body| {
                            let size = (table.rows.len(), table.columns.len() - 1);
                            rows(body, row_height, heights, size, |i, c, ui| {
                                cell_ui(ui, &table.rows[i][c + 1], wrap(c + 1));
                            })
                        });
                    offsets.1 = out.state.clamped_offset().y;
                });
            });
    });
    // Whichever half the user scrolled leads; the other follows next frame.
    let moved = if (offsets.0 - view.offset).abs() > 0.5 {
        offsets.0
    } else {
        offsets.1
    };
    if (moved - view.offset).abs() > 0.5 {
        view.offset = moved;
        ui.ctx().request_repaint();
    }
}

fn is_long(cell: &Cell) -> bool {
    !cell.is_number() && cell.display().chars().count() >= LONG_TEXT
}

/// Each row's height with its long texts wrapped at their column's width.
fn row_heights(ui: &Ui, report: &Report, long: &[bool], row_height: f32) -> Vec<f32> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    ui.fonts_mut(|f| {
        report
            .wide
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .enumerate()
                    .filter(|(c, _)| long.get(*c).copied().unwrap_or(false))
                    .map(|(c, cell)| {
                        let width = if c == 0 {
                            FIRST_WIDTH - 8.0
                        } else {
                            WRAP_WIDTH
                        } - 8.0;
                        f.layout(cell.display(), font.clone(), color, width)
                            .size()
                            .y
                            + 6.0
                    })
                    .fold(row_height, f32::max)
            })
            .collect()
    })
}

/// The body's rows of `columns` cells: all of one height, or each of its
/// own.
fn rows(
    body: TableBody<'_>,
    row_height: f32,
    heights: Option<&[f32]>,
    (n, columns): (usize, usize),
    mut cell: impl FnMut(usize, usize, &mut Ui),
) {
    let add = |mut row: egui_extras::TableRow<'_, '_>| {
        let i = row.index();
        for c in 0..columns {
            row.col(|ui| cell(i, c, ui));
        }
    };
    match heights {
        Some(h) => body.heterogeneous_rows(h.iter().copied(), add),
        None => body.rows(row_height, n, add),
    }
}

fn cell_ui(ui: &mut Ui, cell: &Cell, wrap: bool) {
    let text = cell.display();
    if cell.is_number() {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(text)
        });
    } else if wrap {
        ui.add(egui::Label::new(text).wrap());
    } else {
        ui.add(egui::Label::new(text).truncate());
    }
}
