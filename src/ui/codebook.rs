//! The codebook panel: the code tree with colour, shortcut number and count;
//! the quick-code box; create, rename, recolour, describe, drag to
//! re-parent, merge and delete.

use std::collections::HashSet;

use egui::{RichText, Ui};

use super::dialogs::Dialog;
use super::{Action, strings, theme};
use crate::app::{AppState, Command};
use crate::model::{Code, CodeId, Codebook, MemoTarget};

/// The first nine codes without sub-codes, in tree order: keys 1–9 apply them.
pub fn numbered(book: &Codebook) -> Vec<CodeId> {
    book.preorder()
        .into_iter()
        .filter(|(_, c)| book.children(Some(c.id)).is_empty())
        .map(|(_, c)| c.id)
        .take(9)
        .collect()
}

/// What Enter in the quick-code box does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuickCode {
    Apply(CodeId),
    Create(String),
    Nothing,
}

/// Decides what the quick-code box does with `query`: apply the code of
/// that exact name, else the first code whose name contains it, else (or
/// with `create`) make a new code of that name.
pub fn quick_code(book: &Codebook, query: &str, create: bool) -> QuickCode {
    let q = query.trim();
    if q.is_empty() {
        return QuickCode::Nothing;
    }
    if let Some(c) = book.codes().iter().find(|c| c.name.eq_ignore_ascii_case(q)) {
        return QuickCode::Apply(c.id);
    }
    if create {
        return QuickCode::Create(q.to_string());
    }
    match filtered(book, q).first() {
        Some(c) => QuickCode::Apply(c.id),
        None => QuickCode::Create(q.to_string()),
    }
}

fn filtered<'a>(book: &'a Codebook, q: &str) -> Vec<&'a Code> {
    let q = q.to_lowercase();
    book.preorder()
        .into_iter()
        .map(|(_, c)| c)
        .filter(|c| c.name.to_lowercase().contains(&q))
        .collect()
}

/// The codebook panel's own state.
#[derive(Debug, Default)]
pub struct CodebookPanel {
    /// Text of the quick-code box.
    pub quick: String,
    /// Put the keyboard focus in the quick-code box next frame.
    pub focus_quick: bool,
    /// Codes selected for retrieval (Ctrl+click adds).
    pub selected: Vec<CodeId>,
    collapsed: HashSet<CodeId>,
}

impl CodebookPanel {
    /// Forgets selection and folding (another project was opened).
    pub fn reset(&mut self) {
        *self = CodebookPanel::default();
    }

    /// Unfolds the parents of a code so it can be seen.
    pub fn reveal(&mut self, code: CodeId) {
        let _ = code;
        self.collapsed.clear();
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        has_selection: bool,
        actions: &mut Vec<Action>,
    ) {
        self.selected.retain(|c| state.codebook.get(*c).is_some());
        ui.heading(strings::codebook());
        self.quick_ui(ui, state, actions);
        ui.add_space(4.0);
        let numbers = numbered(&state.codebook);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let q = self.quick.trim().to_string();
                if q.is_empty() {
                    let mut hidden_below: Option<usize> = None;
                    for (depth, code) in state.codebook.preorder() {
                        if let Some(d) = hidden_below {
                            if depth > d {
                                continue;
                            }
                            hidden_below = None;
                        }
                        if self.collapsed.contains(&code.id) {
                            hidden_below = Some(depth);
                        }
                        self.row_ui(ui, state, code, depth, &numbers, has_selection, actions);
                    }
                } else {
                    for code in filtered(&state.codebook, &q) {
                        self.row_ui(ui, state, code, 0, &numbers, has_selection, actions);
                    }
                }
                ui.add_space(6.0);
                let (_, dropped) = ui.dnd_drop_zone::<CodeId, _>(egui::Frame::new(), |ui| {
                    ui.set_min_width(ui.available_width());
                    if ui.button(strings::new_code()).clicked() {
                        actions.push(Action::Dialog(Box::new(Dialog::new_code(None))));
                    }
                    if egui::DragAndDrop::has_payload_of_type::<CodeId>(ui.ctx()) {
                        ui.weak(strings::top_level_drop());
                    }
                });
                if let Some(code) = dropped {
                    actions.push(Action::Run {
                        label: strings::act_move_code().into(),
                        command: Command::PlaceCode {
                            code: *code,
                            parent: None,
                            position: None,
                        },
                    });
                }
            });
    }

    fn quick_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        let r = ui.add(
            egui::TextEdit::singleline(&mut self.quick)
                .hint_text(strings::quick_code_hint())
                .desired_width(f32::INFINITY),
        );
        if self.focus_quick {
            r.request_focus();
            self.focus_quick = false;
        }
        let q = self.quick.trim().to_string();
        if !q.is_empty() {
            let hint = match quick_code(&state.codebook, &q, false) {
                QuickCode::Apply(c) => strings::quick_code_applies(
                    &state
                        .codebook
                        .get(c)
                        .map_or(String::new(), |c| c.name.clone()),
                ),
                QuickCode::Create(n) => strings::quick_code_creates(&n),
                QuickCode::Nothing => String::new(),
            };
            ui.weak(hint);
        }
        if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let shift = ui.input(|i| i.modifiers.shift);
            match quick_code(&state.codebook, &q, shift) {
                QuickCode::Apply(c) => actions.push(Action::ApplyCode(c)),
                QuickCode::Create(name) => actions.push(Action::CreateAndApply {
                    name,
                    label: strings::act_apply().into(),
                }),
                QuickCode::Nothing => {}
            }
            self.quick.clear();
        }
        if r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.quick.clear();
            r.surrender_focus();
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        code: &Code,
        depth: usize,
        numbers: &[CodeId],
        has_selection: bool,
        actions: &mut Vec<Action>,
    ) {
        let has_children = !state.codebook.children(Some(code.id)).is_empty();
        let row = ui.horizontal(|ui| {
            ui.add_space(depth as f32 * 14.0);
            if has_children {
                let open = !self.collapsed.contains(&code.id);
                let arrow = if open { "⏷" } else { "⏵" };
                if ui.small_button(arrow).on_hover_text(&code.name).clicked() {
                    if open {
                        self.collapsed.insert(code.id);
                    } else {
                        self.collapsed.remove(&code.id);
                    }
                }
            } else {
                ui.add_space(ui.spacing().interact_size.y * 0.9);
            }
            theme::swatch(ui, theme::code_color(code.color));
            let selected = self.selected.contains(&code.id);
            let name = if has_children {
                RichText::new(&code.name).strong()
            } else {
                RichText::new(&code.name)
            };
            // Room for the shortcut number and the count on the right; a
            // long name is cut short with "…" (the full name on hover).
            let room = (ui.available_width() - 64.0).max(40.0);
            // Dragging a code onto another makes it a sub-code.
            let r = ui
                .scope(|ui| {
                    ui.set_max_width(room);
                    ui.add(egui::Button::selectable(selected, name).truncate())
                })
                .inner
                .interact(egui::Sense::drag());
            if r.drag_started() {
                egui::DragAndDrop::set_payload(ui.ctx(), code.id);
            }
            if r.dragged()
                && let Some(pos) = ui.ctx().pointer_interact_pos()
            {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                let layer = egui::LayerId::new(egui::Order::Tooltip, r.id.with("drag"));
                ui.painter().clone().with_layer_id(layer).text(
                    pos + egui::vec2(12.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    &code.name,
                    egui::TextStyle::Body.resolve(ui.style()),
                    ui.visuals().strong_text_color(),
                );
            }
            if r.clicked() {
                let multi = ui.input(|i| i.modifiers.command);
                if multi {
                    if selected {
                        self.selected.retain(|c| *c != code.id);
                    } else {
                        self.selected.push(code.id);
                    }
                } else {
                    self.selected = vec![code.id];
                    if has_selection {
                        actions.push(Action::ApplyCode(code.id));
                    }
                }
            }
            if !code.description.is_empty() {
                r.clone().on_hover_text(&code.description);
            }
            self.context_menu(&r, state, code, actions);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let own = state.code_counts.get(&code.id).copied().unwrap_or(0);
                if has_children {
                    // Rolled up with the sub-codes, as the frequencies count.
                    let total = own
                        + state
                            .codebook
                            .descendants(code.id)
                            .iter()
                            .map(|d| state.code_counts.get(&d.id).copied().unwrap_or(0))
                            .sum::<usize>();
                    ui.label(
                        RichText::new(total.to_string())
                            .italics()
                            .color(ui.visuals().weak_text_color().gamma_multiply(0.7)),
                    )
                    .on_hover_text(strings::with_sub_codes());
                } else {
                    ui.label(RichText::new(own.to_string()).weak());
                }
                if let Some(n) = numbers.iter().position(|c| *c == code.id) {
                    ui.label(RichText::new(format!("{}", n + 1)).monospace().weak());
                }
            });
        });
        let rect = row.response.rect;
        let hover = egui::DragAndDrop::has_payload_of_type::<CodeId>(ui.ctx())
            && ui.rect_contains_pointer(rect);
        if hover {
            ui.painter().rect_stroke(
                rect,
                2.0,
                egui::Stroke::new(1.5, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Inside,
            );
            if ui.input(|i| i.pointer.any_released())
                && let Some(dragged) = egui::DragAndDrop::take_payload::<CodeId>(ui.ctx())
                && *dragged != code.id
            {
                actions.push(Action::Run {
                    label: strings::act_move_code().into(),
                    command: Command::PlaceCode {
                        code: *dragged,
                        parent: Some(code.id),
                        position: None,
                    },
                });
            }
        }
    }

    fn context_menu(
        &self,
        r: &egui::Response,
        state: &AppState,
        code: &Code,
        actions: &mut Vec<Action>,
    ) {
        r.context_menu(|ui| {
            let mut pick = |ui: &mut Ui, label: &str, action: Action| {
                if ui.button(label).clicked() {
                    actions.push(action);
                    ui.close();
                }
            };
            pick(
                ui,
                strings::new_subcode(),
                Action::Dialog(Box::new(Dialog::new_code(Some(code.id)))),
            );
            pick(
                ui,
                strings::rename(),
                Action::Dialog(Box::new(Dialog::Rename {
                    code: code.id,
                    name: code.name.clone(),
                })),
            );
            pick(
                ui,
                strings::recolor(),
                Action::Dialog(Box::new(Dialog::Recolor {
                    code: code.id,
                    rgb: [code.color.r, code.color.g, code.color.b],
                })),
            );
            pick(
                ui,
                strings::describe(),
                Action::Dialog(Box::new(Dialog::Describe {
                    code: code.id,
                    text: code.description.clone(),
                })),
            );
            if code.parent.is_some() {
                pick(
                    ui,
                    strings::move_to_top(),
                    Action::Run {
                        label: strings::act_move_code().into(),
                        command: Command::PlaceCode {
                            code: code.id,
                            parent: None,
                            position: None,
                        },
                    },
                );
            }
            pick(
                ui,
                strings::merge_into(),
                Action::Dialog(Box::new(Dialog::Merge {
                    from: code.id,
                    into: None,
                })),
            );
            pick(
                ui,
                strings::write_memo(),
                Action::NewMemo(MemoTarget::Code(code.id)),
            );
            ui.separator();
            pick(
                ui,
                strings::delete(),
                Action::Dialog(Box::new(Dialog::DeleteCode { code: code.id })),
            );
            let _ = state;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Color, Guid};

    fn code(id: i64, name: &str, parent: Option<i64>) -> Code {
        Code {
            id: CodeId(id),
            guid: Guid::new(),
            name: name.into(),
            parent: parent.map(CodeId),
            color: Color::palette(0),
            description: String::new(),
            sort_order: id,
        }
    }

    #[test]
    fn quick_code_prefers_exact_then_contains_then_creates() {
        let book = Codebook::new(vec![
            code(1, "Structure", None),
            code(2, "coordination", Some(1)),
            code(3, "bureaucracy", Some(1)),
        ]);
        assert_eq!(
            quick_code(&book, "COORDINATION", false),
            QuickCode::Apply(CodeId(2))
        );
        assert_eq!(
            quick_code(&book, "bureau", false),
            QuickCode::Apply(CodeId(3))
        );
        assert_eq!(
            quick_code(&book, "bureau", true),
            QuickCode::Create("bureau".into())
        );
        assert_eq!(
            quick_code(&book, "stigma", false),
            QuickCode::Create("stigma".into())
        );
        assert_eq!(quick_code(&book, "  ", false), QuickCode::Nothing);
        assert_eq!(numbered(&book), vec![CodeId(2), CodeId(3)]);
    }
}
