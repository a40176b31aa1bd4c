//! The speakers of one source and their roles, opened from the import
//! report so a wrong guess is fixed at once: each speaker with its turns
//! and a role box (the role found from the label, or one set by hand, as
//! the speaker menu of the document view sets it), the source's kind with
//! its editor, and a way back to the report. Every change is an undoable
//! command.

use super::*;
use crate::model::roles::{Role, speaker_key};

pub(super) fn body_ui(dialog: &mut Dialog, ui: &mut Ui, state: &AppState) -> Outcome {
    let Dialog::Speakers { source, back } = dialog else {
        return Outcome::Open;
    };
    let source = *source;
    let Some(meta) = state.source(source) else {
        return Outcome::Close;
    };
    let turns = state
        .texts
        .get(&source)
        .map(|t| t.texts.turns.as_slice())
        .unwrap_or(&[]);
    let found = crate::import::speakers_found(turns);
    let mut outcome = Outcome::Open;
    ui.heading(strings::speakers_title(&meta.name));
    ui.horizontal(|ui| {
        ui.label(strings::source_kind_is(strings::kind_label(meta.kind)));
        if ui.button(strings::edit_source()).clicked()
            && let Some(d) = Dialog::edit_source(state, source)
        {
            outcome = Outcome::Act(vec![Action::Dialog(Box::new(d))]);
        }
    });
    if found.is_empty() {
        ui.label(strings::no_speakers());
    } else {
        ui.weak(strings::speakers_hint());
    }
    egui::Grid::new("speakers-of-source")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for (speaker, default) in &found {
                let key = speaker_key(speaker);
                let set = state
                    .speakers
                    .iter()
                    .find(|s| s.source == source && speaker_key(&s.name) == key)
                    .and_then(|s| s.role);
                let n = turns
                    .iter()
                    .filter(|t| speaker_key(&t.speaker) == key)
                    .count();
                ui.strong(speaker.as_str());
                ui.label(strings::turn_count(n));
                let auto = strings::role_found(default.as_str());
                let shown = match set {
                    Some(r) => strings::role_label(r).to_string(),
                    None => auto.clone(),
                };
                let name = strings::role_of(speaker);
                let mut chosen: Option<Option<Role>> = None;
                egui::ComboBox::from_id_salt(("speaker-role", source, key.as_str()))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(set.is_none(), &auto).clicked() {
                            chosen = Some(None);
                        }
                        for r in Role::ALL {
                            if ui
                                .selectable_label(set == Some(r), strings::role_label(r))
                                .clicked()
                            {
                                chosen = Some(Some(r));
                            }
                        }
                    })
                    .response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
                if let Some(role) = chosen
                    && role != set
                {
                    // The change, then this dialog again.
                    outcome = Outcome::Act(vec![
                        Action::Run {
                            label: strings::act_speaker_role().into(),
                            command: Command::SetSpeakerRole {
                                source,
                                speaker: speaker.clone(),
                                role,
                            },
                        },
                        Action::Dialog(Box::new(Dialog::Speakers {
                            source,
                            back: back.clone(),
                        })),
                    ]);
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui.button(strings::open_source()).clicked() {
            outcome = Outcome::Act(vec![Action::OpenSource(source)]);
        }
        if let Some(report) = back
            && ui.button(strings::back_to_report()).clicked()
        {
            outcome = Outcome::Act(vec![Action::Dialog(Box::new(Dialog::ImportReport(
                (**report).clone(),
            )))]);
        }
        if ui.button(strings::close()).clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}
