//! Editing a source: its kind and attributes.

use super::*;

pub(super) fn body_ui(dialog: &mut Dialog, ui: &mut Ui, state: &AppState) -> Outcome {
    match dialog {
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
                        ui.selectable_value(kind, k, crate::analysis::kind_label(k));
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
        _ => Outcome::Open,
    }
}
