//! Dialogs on codes: new, rename, describe, recolour, merge, delete.

use super::*;

pub(super) fn body_ui(dialog: &mut Dialog, ui: &mut Ui, state: &AppState) -> Outcome {
    let code_name = |id: CodeId| {
        state
            .codebook
            .get(id)
            .map_or(String::new(), |c| c.name.clone())
    };
    match dialog {
        Dialog::NewCode { parent, name } => {
            ui.heading(strings::new_code());
            if let Some(p) = parent {
                ui.weak(state.codebook.path(*p));
            }
            let enter = name_field(ui, name, strings::code_name());
            let parent = *parent;
            ok_cancel(ui, !name.trim().is_empty(), enter, || {
                vec![Action::Run {
                    label: strings::act_new_code().into(),
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
            ui.heading(strings::rename());
            ui.weak(code_name(*code));
            let enter = name_field(ui, name, strings::code_name());
            let code = *code;
            ok_cancel(ui, !name.trim().is_empty(), enter, || {
                vec![Action::Run {
                    label: strings::act_rename_code().into(),
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
                    .hint_text(strings::code_description())
                    .desired_rows(5)
                    .desired_width(f32::INFINITY),
            );
            let _ = r;
            let code = *code;
            ok_cancel(ui, true, false, || {
                vec![Action::Run {
                    label: strings::act_describe().into(),
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
                    let col = crate::ui::theme::code_color(c);
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
                ui.label(strings::code_color());
                ui.color_edit_button_srgb(rgb)
                    .on_hover_text(strings::code_color());
            });
            let (code, rgb) = (*code, *rgb);
            ok_cancel(ui, true, false, || {
                vec![Action::Run {
                    label: strings::act_recolor().into(),
                    command: Command::SetCodeColor {
                        code,
                        color: Color::rgb(rgb[0], rgb[1], rgb[2]),
                    },
                }]
            })
        }
        Dialog::Merge { from, into } => {
            ui.heading(strings::merge_into());
            ui.label(strings::merge_question(&code_name(*from)));
            let from = *from;
            let shown = into.map(|c| state.codebook.path(c)).unwrap_or_default();
            egui::ComboBox::from_label(strings::merge_target())
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
                        label: strings::act_merge().into(),
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
            let codings: usize = ids.iter().map(|c| state.codings.count_of_code(*c)).sum();
            let memos = state
                .memos
                .iter()
                .filter(
                    |m| matches!(m.target, crate::model::MemoTarget::Code(c) if ids.contains(&c)),
                )
                .count();
            ui.heading(strings::delete());
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
                        label: strings::act_delete_code().into(),
                        command: Command::DeleteCode(code),
                    }]);
                }
                if ui.button(strings::cancel()).clicked() {
                    out = Outcome::Close;
                }
            });
            out
        }
        _ => Outcome::Open,
    }
}
