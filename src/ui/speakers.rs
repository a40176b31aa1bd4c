//! The speaker menu of the document view: right-click a speaker label to
//! set that speaker's role in this source (moderator, interviewer,
//! respondent, other, or back to the role found from the label) and the
//! participant's own attributes (an expert's role and region). Every change
//! is an undoable command; every widget is labelled.

use egui::{PopupCloseBehavior, Response, Ui};

use super::{Action, strings};
use crate::app::{AppState, Command};
use crate::model::roles::{Role, speaker_key};
use crate::model::{SourceId, SpeakerTurn};

/// The open menu: which speaker of which source, and the attribute being
/// typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerMenu {
    pub source: SourceId,
    pub speaker: String,
    key: String,
    value: String,
}

impl SpeakerMenu {
    pub fn new(source: SourceId, speaker: impl Into<String>) -> SpeakerMenu {
        SpeakerMenu {
            source,
            speaker: speaker.into(),
            key: String::new(),
            value: String::new(),
        }
    }
}

/// The speaker whose label covers code point `at` (`turns` in text order).
pub fn label_at(turns: &[SpeakerTurn], at: usize) -> Option<&str> {
    let i = turns.partition_point(|t| t.start <= at);
    let t = turns.get(i.checked_sub(1)?)?;
    (at < t.label_end).then_some(&*t.speaker)
}

/// Draws the menu while it is open, under the pointer where the label was
/// right-clicked; returns whether it is still open.
pub fn menu_ui(
    response: &Response,
    menu: &mut SpeakerMenu,
    state: &AppState,
    actions: &mut Vec<Action>,
) -> bool {
    egui::Popup::context_menu(response)
        .id(response.id.with("speaker-menu"))
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| body_ui(ui, menu, state, actions))
        .is_some()
}

fn body_ui(ui: &mut Ui, menu: &mut SpeakerMenu, state: &AppState, actions: &mut Vec<Action>) {
    let source = menu.source;
    let stored = state
        .speakers
        .iter()
        .find(|s| s.source == source && speaker_key(&s.name) == speaker_key(&menu.speaker));
    let set = stored.and_then(|s| s.role);
    let shown = state.roles(source).role(&menu.speaker);
    ui.strong(strings::speaker_menu_title(&menu.speaker));
    let mut choose = |role: Option<Role>| {
        actions.push(Action::Run {
            label: strings::act_speaker_role().into(),
            command: Command::SetSpeakerRole {
                source,
                speaker: menu.speaker.clone(),
                role,
            },
        });
    };
    for r in Role::ALL {
        if ui
            .selectable_label(shown == r, strings::role_label(r))
            .clicked()
        {
            choose(Some(r));
            ui.close();
        }
    }
    if ui
        .selectable_label(set.is_none(), strings::role_auto())
        .clicked()
    {
        choose(None);
        ui.close();
    }
    ui.separator();
    for a in stored.map(|s| s.attributes.as_slice()).unwrap_or(&[]) {
        if ui
            .small_button(strings::remove_participant_attribute(&a.key, &a.value))
            .clicked()
        {
            actions.push(Action::Run {
                label: strings::act_speaker_attribute().into(),
                command: Command::SetSpeakerAttribute {
                    source,
                    speaker: menu.speaker.clone(),
                    key: a.key.clone(),
                    value: None,
                },
            });
        }
    }
    ui.horizontal(|ui| {
        let label = ui.label(strings::participant_attribute());
        ui.add(egui::TextEdit::singleline(&mut menu.key).desired_width(90.0))
            .labelled_by(label.id);
        let label = ui.label(strings::participant_value());
        ui.add(egui::TextEdit::singleline(&mut menu.value).desired_width(110.0))
            .labelled_by(label.id);
    });
    let ready = !menu.key.trim().is_empty() && !menu.value.trim().is_empty();
    if ui
        .add_enabled(
            ready,
            egui::Button::new(strings::set_participant_attribute()),
        )
        .clicked()
    {
        actions.push(Action::Run {
            label: strings::act_speaker_attribute().into(),
            command: Command::SetSpeakerAttribute {
                source,
                speaker: menu.speaker.clone(),
                key: menu.key.trim().to_lowercase(),
                value: Some(menu.value.trim().to_string()),
            },
        });
        menu.key.clear();
        menu.value.clear();
    }
}
