//! Modal dialogs: naming, describing, recolouring, merging and deleting
//! codes, editing a source, the error message, shortcuts and import report.

use egui::{Id, Modal, Ui};

use std::path::PathBuf;

use super::import::ImportReport;
use super::{Action, strings};
use crate::app::{AppState, Command};
use crate::import::CsvColumns;
use crate::model::{CodeId, Color, SourceId, SourceKind};

/// An open dialog and what has been typed into it.
#[derive(Debug, Clone)]
pub enum Dialog {
    NewCode {
        parent: Option<CodeId>,
        name: String,
    },
    Rename {
        code: CodeId,
        name: String,
    },
    Describe {
        code: CodeId,
        text: String,
    },
    Recolor {
        code: CodeId,
        rgb: [u8; 3],
    },
    Merge {
        from: CodeId,
        into: Option<CodeId>,
    },
    DeleteCode {
        code: CodeId,
    },
    EditSource {
        source: SourceId,
        kind: SourceKind,
        attrs: Vec<(String, String)>,
    },
    Shortcuts,
    About,
    ImportReport(ImportReport),
    /// Which columns of a CSV transcript hold what, before importing
    /// `paths` (the header is of the first CSV file).
    CsvColumns {
        paths: Vec<PathBuf>,
        header: Vec<String>,
        columns: CsvColumns,
    },
    /// A report to read and copy: what a REFI-QDA import brought in and
    /// what it left out.
    LossReport(String),
}

/// What a dialog did this frame.
pub enum Outcome {
    Open,
    Close,
    Act(Vec<Action>),
}

impl Dialog {
    pub fn new_code(parent: Option<CodeId>) -> Dialog {
        Dialog::NewCode {
            parent,
            name: String::new(),
        }
    }

    /// The source editor, filled from the state.
    pub fn edit_source(state: &AppState, source: SourceId) -> Option<Dialog> {
        let meta = state.source(source)?;
        Some(Dialog::EditSource {
            source,
            kind: meta.kind,
            attrs: meta
                .attributes
                .iter()
                .map(|a| (a.key.clone(), a.value.clone()))
                .collect(),
        })
    }

    /// Draws the dialog.
    pub fn ui(&mut self, ctx: &egui::Context, state: &AppState) -> Outcome {
        let mut outcome = Outcome::Open;
        let response = Modal::new(Id::unique("jalin-dialog")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            outcome = self.body_ui(ui, state);
        });
        if response.should_close() && matches!(outcome, Outcome::Open) {
            outcome = Outcome::Close;
        }
        outcome
    }

    fn body_ui(&mut self, ui: &mut Ui, state: &AppState) -> Outcome {
        let code_name = |id: CodeId| {
            state
                .codebook
                .get(id)
                .map_or(String::new(), |c| c.name.clone())
        };
        match self {
            Dialog::NewCode { parent, name } => {
                ui.heading(strings::NEW_CODE);
                if let Some(p) = parent {
                    ui.weak(state.codebook.path(*p));
                }
                let enter = name_field(ui, name, strings::CODE_NAME);
                let parent = *parent;
                ok_cancel(ui, !name.trim().is_empty(), enter, || {
                    vec![Action::Run {
                        label: strings::ACT_NEW_CODE.into(),
                        command: Command::AddCode {
                            name: name.trim().to_string(),
                            parent,
                            color: None,
                            description: String::new(),
                        },
                    }]
                })
            }
            Dialog::Rename { code, name } => {
                ui.heading(strings::RENAME);
                ui.weak(code_name(*code));
                let enter = name_field(ui, name, strings::CODE_NAME);
                let code = *code;
                ok_cancel(ui, !name.trim().is_empty(), enter, || {
                    vec![Action::Run {
                        label: strings::ACT_RENAME_CODE.into(),
                        command: Command::RenameCode {
                            code,
                            name: name.trim().to_string(),
                        },
                    }]
                })
            }
            Dialog::Describe { code, text } => {
                ui.heading(code_name(*code));
                let r = ui.add(
                    egui::TextEdit::multiline(text)
                        .hint_text(strings::CODE_DESCRIPTION)
                        .desired_rows(5)
                        .desired_width(f32::INFINITY),
                );
                let _ = r;
                let code = *code;
                ok_cancel(ui, true, false, || {
                    vec![Action::Run {
                        label: strings::ACT_DESCRIBE.into(),
                        command: Command::SetCodeDescription {
                            code,
                            description: text.clone(),
                        },
                    }]
                })
            }
            Dialog::Recolor { code, rgb } => {
                ui.heading(code_name(*code));
                ui.horizontal_wrapped(|ui| {
                    for c in crate::model::PALETTE {
                        let col = super::theme::code_color(c);
                        let selected = *rgb == [c.r, c.g, c.b];
                        let (rect, resp) =
                            ui.allocate_exact_size(egui::vec2(22.0, 22.0), egui::Sense::click());
                        resp.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, c.to_hex())
                        });
                        ui.painter().rect_filled(rect.shrink(2.0), 3.0, col);
                        if selected {
                            ui.painter().rect_stroke(
                                rect,
                                3.0,
                                egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
                                egui::StrokeKind::Inside,
                            );
                        }
                        if resp.clicked() {
                            *rgb = [c.r, c.g, c.b];
                        }
                    }
                });
                ui.horizontal(|ui| {
                    ui.label(strings::CODE_COLOR);
                    ui.color_edit_button_srgb(rgb)
                        .on_hover_text(strings::CODE_COLOR);
                });
                let (code, rgb) = (*code, *rgb);
                ok_cancel(ui, true, false, || {
                    vec![Action::Run {
                        label: strings::ACT_RECOLOR.into(),
                        command: Command::SetCodeColor {
                            code,
                            color: Color::rgb(rgb[0], rgb[1], rgb[2]),
                        },
                    }]
                })
            }
            Dialog::Merge { from, into } => {
                ui.heading(strings::MERGE_INTO);
                ui.label(strings::merge_question(&code_name(*from)));
                let from = *from;
                let shown = into.map(|c| state.codebook.path(c)).unwrap_or_default();
                egui::ComboBox::from_label(strings::MERGE_TARGET)
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (_, c) in state.codebook.preorder() {
                            if c.id == from || state.codebook.is_descendant(c.id, from) {
                                continue;
                            }
                            ui.selectable_value(into, Some(c.id), state.codebook.path(c.id));
                        }
                    });
                let target = *into;
                ok_cancel(ui, target.is_some(), false, || {
                    target
                        .map(|into| Action::Run {
                            label: strings::ACT_MERGE.into(),
                            command: Command::MergeCodes { from, into },
                        })
                        .into_iter()
                        .collect()
                })
            }
            Dialog::DeleteCode { code } => {
                let code = *code;
                let book = &state.codebook;
                let mut ids = vec![code];
                ids.extend(book.descendants(code).iter().map(|c| c.id));
                let codings = state
                    .codings
                    .iter()
                    .filter(|c| ids.contains(&c.code))
                    .count();
                let memos = state
                    .memos
                    .iter()
                    .filter(|m| matches!(m.target, crate::model::MemoTarget::Code(c) if ids.contains(&c)))
                    .count();
                ui.heading(strings::DELETE);
                ui.label(strings::delete_code_question(
                    &code_name(code),
                    ids.len(),
                    codings,
                    memos,
                ));
                let mut out = Outcome::Open;
                ui.horizontal(|ui| {
                    if ui.button(strings::delete_button(codings)).clicked() {
                        out = Outcome::Act(vec![Action::Run {
                            label: strings::ACT_DELETE_CODE.into(),
                            command: Command::DeleteCode(code),
                        }]);
                    }
                    if ui.button(strings::CANCEL).clicked() {
                        out = Outcome::Close;
                    }
                });
                out
            }
            Dialog::EditSource {
                source,
                kind,
                attrs,
            } => {
                let source = *source;
                let Some(meta) = state.source(source) else {
                    return Outcome::Close;
                };
                ui.heading(&meta.name);
                egui::ComboBox::from_label(strings::SOURCE_KIND)
                    .selected_text(kind.as_str())
                    .show_ui(ui, |ui| {
                        for k in SourceKind::ALL {
                            ui.selectable_value(kind, k, k.as_str());
                        }
                    });
                let mut remove = None;
                egui::Grid::new("attrs").num_columns(3).show(ui, |ui| {
                    for (i, (k, v)) in attrs.iter_mut().enumerate() {
                        ui.add(
                            egui::TextEdit::singleline(k)
                                .hint_text(strings::ATTRIBUTE_KEY)
                                .desired_width(120.0),
                        );
                        ui.add(
                            egui::TextEdit::singleline(v)
                                .hint_text(strings::ATTRIBUTE_VALUE)
                                .desired_width(180.0),
                        );
                        if ui
                            .small_button("×")
                            .on_hover_text(strings::REMOVE_ATTRIBUTE)
                            .clicked()
                        {
                            remove = Some(i);
                        }
                        ui.end_row();
                    }
                });
                if let Some(i) = remove {
                    attrs.remove(i);
                }
                if ui.button(strings::ADD_ATTRIBUTE).clicked() {
                    attrs.push((String::new(), String::new()));
                }
                let (kind, attrs) = (*kind, attrs.clone());
                ok_cancel(ui, true, false, || {
                    let mut steps = Vec::new();
                    if kind != meta.kind {
                        steps.push(Command::SetSourceKind { source, kind });
                    }
                    let new: Vec<(String, String)> = attrs
                        .iter()
                        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
                        .filter(|(k, _)| !k.is_empty())
                        .collect();
                    for a in &meta.attributes {
                        if !new.iter().any(|(k, _)| *k == a.key) {
                            steps.push(Command::SetAttribute {
                                source,
                                key: a.key.clone(),
                                value: None,
                            });
                        }
                    }
                    for (k, v) in new {
                        if meta.attribute(&k) != Some(v.as_str()) {
                            steps.push(Command::SetAttribute {
                                source,
                                key: k,
                                value: Some(v),
                            });
                        }
                    }
                    if steps.is_empty() {
                        return Vec::new();
                    }
                    vec![Action::Run {
                        label: strings::ACT_EDIT_SOURCE.into(),
                        command: Command::Batch(steps),
                    }]
                })
            }
            Dialog::Shortcuts => {
                ui.heading(strings::SHORTCUTS);
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in strings::SHORTCUT_LIST {
                        ui.strong(*keys);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
                close_button(ui)
            }
            Dialog::About => {
                ui.heading(strings::APP_NAME);
                ui.label(strings::ABOUT_TEXT);
                ui.weak(concat!("version ", env!("CARGO_PKG_VERSION")));
                close_button(ui)
            }
            Dialog::ImportReport(report) => {
                ui.heading(if report.cancelled {
                    strings::IMPORT_CANCELLED
                } else {
                    strings::IMPORT_DONE
                });
                ui.label(&report.summary);
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for line in &report.lines {
                            ui.label(line);
                        }
                    });
                close_button(ui)
            }
            Dialog::CsvColumns {
                paths,
                header,
                columns,
            } => {
                ui.heading(strings::CSV_COLUMNS);
                ui.weak(strings::CSV_COLUMNS_HINT);
                egui::Grid::new("csv-columns")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (label, slot) in [
                            (strings::SPEAKER_COLUMN, &mut columns.speaker),
                            (strings::TEXT_COLUMN, &mut columns.text),
                            (strings::TIME_COLUMN, &mut columns.time),
                            (strings::TAGS_COLUMN, &mut columns.tags),
                        ] {
                            ui.label(label);
                            egui::ComboBox::from_id_salt(label)
                                .selected_text(slot.clone().unwrap_or(strings::NO_COLUMN.into()))
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(slot, None, strings::NO_COLUMN);
                                    for h in header.iter() {
                                        ui.selectable_value(slot, Some(h.clone()), h);
                                    }
                                })
                                .response
                                .widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label)
                                });
                            ui.end_row();
                        }
                    });
                if columns.text.is_none() {
                    ui.colored_label(ui.visuals().error_fg_color, strings::TEXT_COLUMN_NEEDED);
                }
                let mut outcome = Outcome::Open;
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(columns.text.is_some(), egui::Button::new(strings::IMPORT))
                        .clicked()
                    {
                        outcome = Outcome::Act(vec![Action::ImportWith {
                            paths: paths.clone(),
                            csv: columns.clone(),
                        }]);
                    }
                    if ui.button(strings::CANCEL).clicked() {
                        outcome = Outcome::Close;
                    }
                });
                outcome
            }
            Dialog::LossReport(text) => {
                ui.heading(strings::LOSS_REPORT);
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(
                            egui::RichText::new(text.as_str()).monospace(),
                        ));
                    });
                let mut outcome = Outcome::Open;
                ui.horizontal(|ui| {
                    if ui.button(strings::COPY).clicked() {
                        ui.ctx().copy_text(text.clone());
                    }
                    if ui.button(strings::CLOSE).clicked() {
                        outcome = Outcome::Close;
                    }
                });
                outcome
            }
        }
    }
}

/// A single-line name field with focus; true when Enter was pressed in it.
fn name_field(ui: &mut Ui, name: &mut String, hint: &str) -> bool {
    let r = ui.add(
        egui::TextEdit::singleline(name)
            .hint_text(hint)
            .desired_width(300.0),
    );
    // Type at once: the field takes the focus when nothing else has it.
    if !r.has_focus() && !r.lost_focus() && ui.memory(|m| m.focused().is_none()) {
        r.request_focus();
    }
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

fn ok_cancel(
    ui: &mut Ui,
    ok_enabled: bool,
    enter: bool,
    act: impl FnOnce() -> Vec<Action>,
) -> Outcome {
    let mut out = Outcome::Open;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let ok = ui
            .add_enabled(ok_enabled, egui::Button::new(strings::OK))
            .clicked();
        if ui.button(strings::CANCEL).clicked() {
            out = Outcome::Close;
        }
        if ok_enabled && (ok || enter) {
            out = Outcome::Act(act());
        }
    });
    out
}

fn close_button(ui: &mut Ui) -> Outcome {
    ui.add_space(6.0);
    if ui.button(strings::CLOSE).clicked() {
        Outcome::Close
    } else {
        Outcome::Open
    }
}

/// The error dialog; true when dismissed.
pub fn error_ui(ctx: &egui::Context, message: &str) -> bool {
    let mut close = false;
    let r = Modal::new(Id::unique("jalin-error")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(strings::ERROR_TITLE);
        ui.label(message);
        ui.add_space(6.0);
        if ui.button(strings::OK).clicked() {
            close = true;
        }
    });
    close || r.should_close()
}
