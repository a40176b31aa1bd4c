//! The sources panel: sources grouped by kind, with coding counts,
//! attribute badges and a filter box. Ctrl+click (or a row's menu) selects
//! several sources, to change their kind and attributes together.

use egui::{RichText, Ui};

use super::dialogs::Dialog;
use super::{Action, strings, theme};
use crate::app::AppState;
use crate::model::{SourceId, SourceKind, SourceMeta};

/// The sources panel's own state.
#[derive(Debug, Default)]
pub struct SourcesPanel {
    pub filter: String,
    /// Each source row's height when last drawn: rows out of view are
    /// only space of that height (a project may hold thousands).
    heights: std::collections::HashMap<SourceId, f32>,
    /// Sources selected to be edited together.
    pub selected: std::collections::BTreeSet<SourceId>,
}

/// Height a source row is taken to have until it is drawn.
const ROW_ESTIMATE: f32 = 40.0;

fn kind_heading(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Interview => strings::kinds_interview(),
        SourceKind::FocusGroup => strings::kinds_focus_group(),
        SourceKind::Document => strings::kinds_document(),
        SourceKind::Observation => strings::kinds_observation(),
    }
}

fn matches(s: &SourceMeta, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let f = filter.to_lowercase();
    s.name.to_lowercase().contains(&f)
        || s.attributes
            .iter()
            .any(|a| a.value.to_lowercase().contains(&f) || a.key.to_lowercase() == f)
}

impl SourcesPanel {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        current: Option<SourceId>,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            ui.heading(strings::sources());
        });
        self.selected.retain(|id| state.source(*id).is_some());
        if !self.selected.is_empty() {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(strings::edit_sources(self.selected.len()))
                    .clicked()
                {
                    let d = Dialog::edit_sources(self.selected.iter().copied().collect());
                    actions.push(Action::Dialog(Box::new(d)));
                }
                if ui.small_button(strings::clear_selection()).clicked() {
                    self.selected.clear();
                }
            });
        }
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text(strings::filter_sources())
                .desired_width(f32::INFINITY),
        );
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for kind in SourceKind::ALL {
                    let list: Vec<&SourceMeta> = state
                        .sources
                        .iter()
                        .filter(|s| s.kind == kind && matches(s, self.filter.trim()))
                        .collect();
                    if list.is_empty() {
                        continue;
                    }
                    egui::CollapsingHeader::new(format!("{} ({})", kind_heading(kind), list.len()))
                        .id_salt(kind.as_str())
                        .default_open(true)
                        .show(ui, |ui| {
                            for s in list {
                                let h = self.heights.get(&s.id).copied().unwrap_or(ROW_ESTIMATE);
                                let top = ui.cursor().min;
                                let guess = egui::Rect::from_min_size(
                                    top,
                                    egui::vec2(ui.available_width(), h),
                                );
                                if !ui.is_rect_visible(guess) {
                                    ui.allocate_space(egui::vec2(
                                        1.0,
                                        h - ui.spacing().item_spacing.y,
                                    ));
                                    continue;
                                }
                                self.row_ui(ui, state, s, current, actions);
                                self.heights.insert(s.id, ui.cursor().min.y - top.y);
                            }
                        });
                }
            });
    }

    fn row_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        s: &SourceMeta,
        current: Option<SourceId>,
        actions: &mut Vec<Action>,
    ) {
        let count = state.source_counts.get(&s.id).copied().unwrap_or(0);
        let picked = self.selected.contains(&s.id);
        // View ▸ Show pseudonymised: the list, too, is safe to share.
        let name = if state.show_pseudonymised {
            state.pseudonymiser.apply(&s.name)
        } else {
            std::borrow::Cow::Borrowed(s.name.as_str())
        };
        ui.horizontal(|ui| {
            let r = ui
                .selectable_label(current == Some(s.id) || picked, name.as_ref())
                .on_hover_text(strings::multi_select_hint(&super::shortcuts::command_key(
                    ui.ctx(),
                )));
            if r.clicked() {
                if ui.input(|i| i.modifiers.command) {
                    if self.selected.is_empty()
                        && let Some(c) = current
                    {
                        self.selected.insert(c);
                    }
                    if !self.selected.remove(&s.id) {
                        self.selected.insert(s.id);
                    }
                } else {
                    self.selected.clear();
                    actions.push(Action::OpenSource(s.id));
                }
            }
            r.context_menu(|ui| {
                if picked && self.selected.len() > 1 {
                    if ui
                        .button(strings::edit_sources(self.selected.len()))
                        .clicked()
                    {
                        let d = Dialog::edit_sources(self.selected.iter().copied().collect());
                        actions.push(Action::Dialog(Box::new(d)));
                        ui.close();
                    }
                    ui.separator();
                }
                if ui
                    .add(egui::Button::selectable(
                        picked,
                        strings::toggle_source_selection(),
                    ))
                    .clicked()
                {
                    if !self.selected.remove(&s.id) {
                        self.selected.insert(s.id);
                    }
                    ui.close();
                }
                if ui.button(strings::edit_source()).clicked() {
                    if let Some(d) = Dialog::edit_source(state, s.id) {
                        actions.push(Action::Dialog(Box::new(d)));
                    }
                    ui.close();
                }
                if ui.button(strings::new_source_memo()).clicked() {
                    actions.push(Action::NewMemo(crate::model::MemoTarget::Source(s.id)));
                    ui.close();
                }
                ui.separator();
                if ui.button(strings::remove_source()).clicked() {
                    if let Some(d) = Dialog::remove_source(state, s.id) {
                        actions.push(Action::Dialog(Box::new(d)));
                    }
                    ui.close();
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(count.to_string()).weak());
            });
        });
        if !s.attributes.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(12.0);
                ui.spacing_mut().item_spacing.x = 3.0;
                for a in s.attributes.iter().filter(|a| is_badge_key(&a.key)) {
                    if state.show_pseudonymised {
                        theme::badge(ui, &state.pseudonymiser.apply(&a.value));
                    } else {
                        theme::badge(ui, &a.value);
                    }
                }
            });
        }
    }
}

/// Attributes worth a badge in the list (the rest show in the document
/// header): the ones that group sources.
fn is_badge_key(key: &str) -> bool {
    matches!(
        key,
        "city" | "role" | "setting" | "district" | "site" | "group"
    )
}
