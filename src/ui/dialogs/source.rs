//! Editing sources: one source's name, kind and attributes; the kind and
//! attributes of several at once; correcting a source's text.

use super::*;

pub(super) fn body_ui(dialog: &mut Dialog, ui: &mut Ui, state: &AppState) -> Outcome {
    match dialog {
        Dialog::RemoveSource {
            source,
            name,
            chars,
            codings,
            memos,
        } => {
            ui.heading(strings::remove_source_title());
            ui.label(strings::remove_source_question(
                name, *chars, *codings, *memos,
            ));
            let mut out = Outcome::Open;
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(strings::remove_source_button(*codings)).clicked() {
                    out = Outcome::Act(vec![Action::Run {
                        label: strings::act_remove_source().into(),
                        // What the user was told goes: a source coded by
                        // another window since is refused, not emptied.
                        command: Command::RemoveSource {
                            source: *source,
                            expect: Some((*codings, *memos)),
                        },
                    }]);
                }
                if ui.button(strings::cancel()).clicked() {
                    out = Outcome::Close;
                }
            });
            out
        }
        Dialog::EditSource {
            source,
            name,
            kind,
            attrs,
        } => {
            let source = *source;
            let Some(meta) = state.source(source) else {
                return Outcome::Close;
            };
            ui.heading(&meta.name);
            ui.horizontal(|ui| {
                let label = ui.label(strings::source_name());
                ui.add(
                    egui::TextEdit::singleline(name)
                        .hint_text(strings::source_name())
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
            });
            egui::ComboBox::from_label(strings::source_kind())
                .selected_text(strings::kind_label(*kind))
                .show_ui(ui, |ui| {
                    for k in SourceKind::ALL {
                        ui.selectable_value(kind, k, strings::kind_label(k));
                    }
                });
            let mut remove = None;
            egui::Grid::new("attrs").num_columns(3).show(ui, |ui| {
                for (i, (k, v)) in attrs.iter_mut().enumerate() {
                    ui.add(
                        egui::TextEdit::singleline(k)
                            .hint_text(strings::attribute_key())
                            .desired_width(120.0),
                    );
                    ui.add(
                        egui::TextEdit::singleline(v)
                            .hint_text(strings::attribute_value())
                            .desired_width(180.0),
                    );
                    if ui
                        .small_button("×")
                        .on_hover_text(strings::remove_attribute())
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
            if ui.button(strings::add_attribute()).clicked() {
                attrs.push((String::new(), String::new()));
            }
            let (kind, attrs, name) = (*kind, attrs.clone(), name.trim().to_string());
            ok_cancel(ui, !name.is_empty(), false, || {
                let mut steps = Vec::new();
                if name != meta.name {
                    steps.push(Command::RenameSource { source, name });
                }
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
                    label: strings::act_edit_source().into(),
                    command: Command::Batch(steps),
                }]
            })
        }
        Dialog::EditSources {
            sources,
            kind,
            attrs,
            unset,
        } => {
            let sources: Vec<SourceId> = sources
                .iter()
                .copied()
                .filter(|s| state.source(*s).is_some())
                .collect();
            if sources.is_empty() {
                return Outcome::Close;
            }
            ui.heading(strings::edit_sources(sources.len()));
            let names: Vec<&str> = sources
                .iter()
                .filter_map(|s| state.source(*s).map(|m| m.name.as_str()))
                .collect();
            ui.add(egui::Label::new(egui::RichText::new(names.join(", ")).weak()).wrap());
            egui::ComboBox::from_label(strings::source_kind())
                .selected_text(kind.map_or(strings::keep_kind(), strings::kind_label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(kind, None, strings::keep_kind());
                    for k in SourceKind::ALL {
                        ui.selectable_value(kind, Some(k), strings::kind_label(k));
                    }
                });
            ui.label(strings::set_attributes());
            attribute_rows(ui, attrs);
            let label = ui.label(strings::unset_attributes());
            ui.add(
                egui::TextEdit::singleline(unset)
                    .hint_text(strings::attributes_to_remove())
                    .desired_width(300.0),
            )
            .labelled_by(label.id);
            let (kind, attrs, unset) = (*kind, attrs.clone(), unset.clone());
            ok_cancel(ui, true, false, || {
                let set: Vec<(String, String)> = attrs
                    .iter()
                    .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
                    .filter(|(k, _)| !k.is_empty())
                    .collect();
                let unset: Vec<String> = unset
                    .split(',')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect();
                let mut steps = Vec::new();
                for &source in &sources {
                    let Some(meta) = state.source(source) else {
                        continue;
                    };
                    if let Some(k) = kind
                        && k != meta.kind
                    {
                        steps.push(Command::SetSourceKind { source, kind: k });
                    }
                    for key in &unset {
                        if meta.attribute(key).is_some() {
                            steps.push(Command::SetAttribute {
                                source,
                                key: key.clone(),
                                value: None,
                            });
                        }
                    }
                    for (k, v) in &set {
                        if meta.attribute(k) != Some(v.as_str()) {
                            steps.push(Command::SetAttribute {
                                source,
                                key: k.clone(),
                                value: Some(v.clone()),
                            });
                        }
                    }
                }
                if steps.is_empty() {
                    return Vec::new();
                }
                vec![Action::Run {
                    label: strings::act_edit_sources(sources.len()),
                    command: Command::Batch(steps),
                }]
            })
        }
        Dialog::CorrectText {
            source,
            start,
            end,
            before,
            text,
        } => {
            let (source, start, end) = (*source, *start, *end);
            let Some(meta) = state.source(source) else {
                return Outcome::Close;
            };
            ui.heading(strings::correct_text_heading(&meta.name));
            let touching = state
                .codings
                .of_source(source)
                .filter(|c| c.start < end && start < c.end)
                .count();
            ui.label(egui::RichText::new(strings::correction_effect(start, end, touching)).weak());
            ui.label(strings::text_before());
            let mut shown = before.as_str();
            egui::ScrollArea::vertical()
                .id_salt("correct-before")
                .max_height(120.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut shown)
                            .desired_width(420.0)
                            .desired_rows(2),
                    )
                });
            let label = ui.label(strings::text_after());
            let r = egui::ScrollArea::vertical()
                .id_salt("correct-after")
                .max_height(200.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(text)
                            .desired_width(420.0)
                            .desired_rows(3)
                            .hint_text(strings::text_after()),
                    )
                    .labelled_by(label.id)
                })
                .inner;
            if !r.has_focus() && !r.lost_focus() && ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
            let changed = *text != *before;
            let text = text.clone();
            ok_cancel(ui, changed, false, || {
                vec![Action::Run {
                    label: strings::act_correct_text().into(),
                    command: Command::EditText {
                        source,
                        start,
                        end,
                        text,
                    },
                }]
            })
        }
        _ => Outcome::Open,
    }
}

/// Rows of attribute name and value, each removable, and a button for one
/// more.
fn attribute_rows(ui: &mut Ui, attrs: &mut Vec<(String, String)>) {
    let mut remove = None;
    egui::Grid::new("bulk-attrs").num_columns(3).show(ui, |ui| {
        let key_label = ui.weak(strings::attribute_key()).id;
        let value_label = ui.weak(strings::attribute_value()).id;
        ui.end_row();
        for (i, (k, v)) in attrs.iter_mut().enumerate() {
            ui.add(
                egui::TextEdit::singleline(k)
                    .hint_text(strings::attribute_key())
                    .desired_width(120.0),
            )
            .labelled_by(key_label);
            ui.add(
                egui::TextEdit::singleline(v)
                    .hint_text(strings::attribute_value())
                    .desired_width(180.0),
            )
            .labelled_by(value_label);
            if ui
                .small_button("×")
                .on_hover_text(strings::remove_attribute())
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
    if ui.button(strings::add_attribute()).clicked() {
        attrs.push((String::new(), String::new()));
    }
}
