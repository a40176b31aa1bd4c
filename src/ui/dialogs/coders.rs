//! Coders: add one (and code as them), rename one, set their colour.

use egui::Ui;

use super::{Dialog, Outcome, name_field, ok_cancel};
use crate::app::{AppState, Command};
use crate::model::Color;
use crate::ui::{Action, strings};

pub(super) fn body_ui(dialog: &mut Dialog, ui: &mut Ui, state: &AppState) -> Outcome {
    match dialog {
        Dialog::NewCoder { name } => {
            ui.heading(strings::add_coder());
            let enter = name_field(ui, name, strings::coder_name());
            let taken = state
                .coders
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(name.trim()));
            if taken {
                ui.weak(strings::coder_exists(name.trim()));
            }
            let name = name.trim().to_string();
            ok_cancel(ui, !name.is_empty(), enter, || {
                let mut acts = Vec::new();
                if !taken {
                    acts.push(Action::Run {
                        label: strings::act_add_coder(&name),
                        command: Command::AddCoder {
                            name: name.clone(),
                            color: None,
                        },
                    });
                }
                acts.push(Action::SwitchCoder(name));
                acts
            })
        }
        Dialog::EditCoders {
            coder,
            shown_for,
            name,
            rgb,
        } => {
            ui.heading(strings::coders_dialog());
            let picked = coder.and_then(|id| state.coders.iter().find(|c| c.id == id));
            egui::ComboBox::from_label(strings::menu_coder())
                .selected_text(picked.map_or("", |c| c.name.as_str()))
                .show_ui(ui, |ui| {
                    for c in &state.coders {
                        ui.selectable_value(coder, Some(c.id), c.name.as_str());
                    }
                });
            let picked = coder.and_then(|id| state.coders.iter().find(|c| c.id == id));
            if *shown_for != *coder {
                // Another coder picked: show theirs.
                *shown_for = *coder;
                if let Some(c) = picked {
                    name.clone_from(&c.name);
                    let col = c.shown_color();
                    *rgb = [col.r, col.g, col.b];
                }
            }
            let Some(picked) = picked.cloned() else {
                return super::close_button(ui);
            };
            ui.horizontal(|ui| {
                ui.label(strings::rename_coder());
                ui.add(
                    egui::TextEdit::singleline(name)
                        .hint_text(strings::coder_name())
                        .desired_width(220.0),
                );
            });
            ui.horizontal(|ui| {
                ui.label(strings::coder_color());
                ui.color_edit_button_srgb(rgb)
                    .on_hover_text(strings::coder_color());
            });
            let new_name = name.trim().to_string();
            let new_color = Color::rgb(rgb[0], rgb[1], rgb[2]);
            let mut steps = Vec::new();
            if new_name != picked.name {
                steps.push(Command::RenameCoder {
                    coder: picked.id,
                    name: new_name.clone(),
                });
            }
            if new_color != picked.shown_color() {
                steps.push(Command::SetCoderColor {
                    coder: picked.id,
                    color: Some(new_color),
                });
            }
            let ok = !new_name.is_empty() && !steps.is_empty();
            ok_cancel(ui, ok, false, || {
                vec![Action::Run {
                    label: strings::edit_coder(&picked.name),
                    command: Command::Batch(steps),
                }]
            })
        }
        _ => Outcome::Close,
    }
}
