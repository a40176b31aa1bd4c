//! The Pseudonyms tab: the project's table of real names and the
//! pseudonyms every pseudonymised output shows instead. Add, edit and
//! remove rows, and accept what the project suggests (speaker labels,
//! attributes, recurring capitalised words). Every change is one undoable
//! command; every widget is labelled.

use egui::Ui;

use super::{Action, strings};
use crate::app::{AppState, Command};
use crate::model::names::name_key;
use crate::model::pseudonyms::{Pseudonym, PseudonymKind, Suggestion, refusal};

/// The panel's own state: the form and the suggestions shown.
#[derive(Debug)]
pub struct PseudonymsPanel {
    pub real: String,
    pub pseudonym: String,
    pub kind: PseudonymKind,
    /// The real name of the row being edited (the form then saves it).
    pub editing: Option<String>,
    /// Suggestions asked for, minus those accepted since.
    pub suggestions: Option<Vec<Suggestion>>,
    /// Why the form was refused, shown under it.
    pub problem: Option<String>,
}

impl Default for PseudonymsPanel {
    fn default() -> Self {
        PseudonymsPanel {
            real: String::new(),
            pseudonym: String::new(),
            kind: PseudonymKind::Person,
            editing: None,
            suggestions: None,
            problem: None,
        }
    }
}

fn set(real: &str, new: Option<(&str, PseudonymKind)>) -> Command {
    Command::SetPseudonym {
        real: real.trim().to_string(),
        pseudonym: new.map(|(p, k)| (p.trim().to_string(), k)),
    }
}

impl PseudonymsPanel {
    /// Draws the panel.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        let table = state.pseudonymiser.entries();
        self.form_ui(ui, table, actions);
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("pseudonyms-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.table_ui(ui, table, actions);
                ui.separator();
                self.suggestions_ui(ui, state, actions);
            });
    }

    fn form_ui(&mut self, ui: &mut Ui, table: &[Pseudonym], actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let l = ui.label(strings::pseudonym_real());
            ui.add(egui::TextEdit::singleline(&mut self.real).desired_width(150.0))
                .labelled_by(l.id);
            let l = ui.label(strings::pseudonym_name());
            ui.add(egui::TextEdit::singleline(&mut self.pseudonym).desired_width(150.0))
                .labelled_by(l.id);
            ui.label(strings::pseudonym_kind());
            for k in [PseudonymKind::Person, PseudonymKind::Place] {
                ui.radio_value(&mut self.kind, k, k.label());
            }
            let ready = !self.real.trim().is_empty() && !self.pseudonym.trim().is_empty();
            let label = if self.editing.is_some() {
                strings::pseudonym_save()
            } else {
                strings::pseudonym_add()
            };
            if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                self.submit(table, actions);
            }
            if self.editing.is_some() && ui.button(strings::pseudonym_cancel()).clicked() {
                self.clear();
            }
        });
        if let Some(p) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
    }

    fn clear(&mut self) {
        self.real.clear();
        self.pseudonym.clear();
        self.kind = PseudonymKind::Person;
        self.editing = None;
        self.problem = None;
    }

    /// Checks the form against the table and pushes the change: an added
    /// row, or the edited row replaced (one undoable step).
    fn submit(&mut self, table: &[Pseudonym], actions: &mut Vec<Action>) {
        let editing = self.editing.as_deref().map(name_key);
        let new_key = name_key(self.real.trim());
        let others: Vec<Pseudonym> = table
            .iter()
            .filter(|p| Some(name_key(&p.real)) != editing)
            .cloned()
            .collect();
        if let Some(why) = refusal(&others, &self.real, &self.pseudonym) {
            self.problem = Some(why);
            return;
        }
        let new = set(&self.real, Some((&self.pseudonym, self.kind)));
        let command = match &self.editing {
            // The real name itself changed: the old row goes, the new comes.
            Some(old) if name_key(old) != new_key => Command::Batch(vec![set(old, None), new]),
            _ => new,
        };
        actions.push(Action::Run {
            label: strings::act_pseudonym().into(),
            command,
        });
        if let Some(s) = &mut self.suggestions {
            s.retain(|s| name_key(&s.real) != new_key);
        }
        self.clear();
    }

    fn table_ui(&mut self, ui: &mut Ui, table: &[Pseudonym], actions: &mut Vec<Action>) {
        if table.is_empty() {
            ui.weak(strings::pseudonym_none());
            return;
        }
        egui::Grid::new("pseudonyms-table")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                ui.strong(strings::pseudonym_real());
                ui.strong(strings::pseudonym_name());
                ui.strong(strings::pseudonym_kind());
                ui.label("");
                ui.end_row();
                for row in table {
                    ui.label(&row.real);
                    ui.label(&row.pseudonym);
                    ui.label(row.kind.label());
                    ui.horizontal(|ui| {
                        if ui
                            .small_button(strings::edit_pseudonym(&row.real))
                            .clicked()
                        {
                            self.real = row.real.clone();
                            self.pseudonym = row.pseudonym.clone();
                            self.kind = row.kind;
                            self.editing = Some(row.real.clone());
                            self.problem = None;
                        }
                        if ui
                            .small_button(strings::remove_pseudonym(&row.real))
                            .clicked()
                        {
                            actions.push(Action::Run {
                                label: strings::act_pseudonym().into(),
                                command: set(&row.real, None),
                            });
                        }
                    });
                    ui.end_row();
                }
            });
    }

    fn suggestions_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        if ui.button(strings::pseudonym_suggest()).clicked() {
            self.suggestions = match state.project().map(|p| p.pseudonym_suggestions(2)) {
                Some(Ok(s)) => Some(s),
                Some(Err(e)) => {
                    self.problem = Some(strings::store_error(&e));
                    None
                }
                None => None,
            };
        }
        let Some(list) = &mut self.suggestions else {
            return;
        };
        if list.is_empty() {
            ui.weak(strings::pseudonym_no_suggestions());
            return;
        }
        if ui.button(strings::pseudonym_accept_all()).clicked() {
            let steps = list
                .iter()
                .map(|s| set(&s.real, Some((&s.pseudonym, s.kind))))
                .collect();
            actions.push(Action::Run {
                label: strings::act_pseudonyms().into(),
                command: Command::Batch(steps),
            });
            list.clear();
            return;
        }
        let mut accepted = None;
        egui::Grid::new("pseudonym-suggestions")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for (i, s) in list.iter().enumerate() {
                    ui.label(&s.real);
                    ui.label(&s.pseudonym);
                    ui.label(format!("{} · {}", s.kind.label(), s.reason));
                    if ui
                        .small_button(strings::accept_suggestion(&s.real))
                        .clicked()
                    {
                        accepted = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = accepted {
            let s = list.remove(i);
            actions.push(Action::Run {
                label: strings::act_pseudonym().into(),
                command: set(&s.real, Some((&s.pseudonym, s.kind))),
            });
        }
    }
}
