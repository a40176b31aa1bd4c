//! The focus-group review board: pick a session, put themes (codes) on it,
//! see each theme's count, sources, exemplar quotes and all segments, and
//! record what the group said: confirmed, disputed or revised, with a note.
//! Every change is an undoable command; the board exports as a review sheet.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Action, strings};
use crate::analysis::{QuoteRow, ReviewBoard, review_board};
use crate::app::{AppState, Command};
use crate::export::{self, Pseudonymise};
use crate::model::{CodeId, ReviewStatus};

/// The board's own state.
#[derive(Default)]
pub struct ReviewPanel {
    /// The session shown (empty: the default session).
    pub session: String,
    /// Where sheets go without asking (set by tests; `None` opens the save
    /// dialog).
    pub export_dir: Option<PathBuf>,
    /// Notes as typed, saved when the field loses focus.
    notes: HashMap<CodeId, String>,
    /// The board, the revision and session it was built for, and whether
    /// the session has stored items (else every coded theme is shown,
    /// pending).
    board: Option<(u64, String, ReviewBoard, bool)>,
    sessions: Vec<String>,
    message: Option<Result<String, String>>,
    /// A save dialog to open (the app opens it after the frame).
    pub ask_file: Option<crate::ui::file_dialog::FileRequest>,
    /// Export the sheet pseudonymised.
    pub pseudonymise: bool,
    /// The table the sheet is pseudonymised with (taken from the state
    /// while the box is ticked).
    pseudonymiser: Option<crate::model::pseudonyms::Pseudonymiser>,
}

impl ReviewPanel {
    pub fn reset(&mut self) {
        let export_dir = self.export_dir.take();
        *self = ReviewPanel {
            export_dir,
            ..ReviewPanel::default()
        };
    }

    /// The session shown.
    pub fn session(&self) -> &str {
        if self.session.trim().is_empty() {
            strings::DEFAULT_SESSION
        } else {
            self.session.trim()
        }
    }

    /// The board shown now.
    pub fn board(&self) -> Option<&ReviewBoard> {
        self.board.as_ref().map(|b| &b.2)
    }

    fn refresh(&mut self, state: &AppState) {
        let session = self.session().to_string();
        if self
            .board
            .as_ref()
            .is_some_and(|(rev, s, _, _)| *rev == state.revision && *s == session)
        {
            return;
        }
        let Some(p) = state.project() else {
            self.board = None;
            return;
        };
        let built = (|| {
            let items = p.review_items(&session)?;
            // Blind coding: only the current coder's codings.
            let only = crate::analysis::Filter {
                coders: state.visible_coder().into_iter().collect(),
                ..Default::default()
            };
            let board = review_board(&only.keep(p.data()?), &state.texts, &session, &items);
            self.sessions = p.review_sessions()?;
            Ok::<_, crate::store::StoreError>((board, !items.is_empty()))
        })();
        match built {
            Ok((board, stored)) => {
                // A note typed but not saved yet stays as typed.
                let old = self.board();
                let typed = |t: &crate::analysis::ReviewTheme| {
                    let was = old
                        .and_then(|b| b.themes.iter().find(|o| o.code == t.code))
                        .map_or(t.note.as_str(), |o| o.note.as_str());
                    self.notes
                        .get(&t.code)
                        .filter(|n| n.as_str() != was)
                        .cloned()
                };
                let notes = board
                    .themes
                    .iter()
                    .map(|t| (t.code, typed(t).unwrap_or_else(|| t.note.clone())))
                    .collect();
                self.notes = notes;
                self.board = Some((state.revision, session, board, stored));
            }
            Err(e) => {
                self.message = Some(Err(strings::store_error(&e)));
                self.board = None;
            }
        }
    }

    /// The command that records `status` and `note` for `code`. On a board
    /// not stored yet, every theme shown is stored with it (pending), so
    /// the board keeps its themes.
    fn set_command(&self, code: CodeId, status: ReviewStatus, note: String) -> Command {
        let mut notes = self.notes.clone();
        notes.insert(code, note);
        self.changes_command(&HashMap::from([(code, status)]), &notes)
    }

    /// One command for everything changed in a frame: the statuses clicked
    /// (`statuses`) and every note typed (`notes`) that differs from the
    /// stored one, each saved to its own theme. On a board not stored yet,
    /// every theme shown is stored with it, in the order shown.
    fn changes_command(
        &self,
        statuses: &HashMap<CodeId, ReviewStatus>,
        notes: &HashMap<CodeId, String>,
    ) -> Command {
        let session = self.session().to_string();
        let Some((_, _, board, stored)) = &self.board else {
            return Command::Batch(Vec::new());
        };
        let steps = board
            .themes
            .iter()
            .filter_map(|t| {
                let status = statuses.get(&t.code).copied();
                let note = notes.get(&t.code).filter(|n| **n != t.note);
                if *stored && status.is_none() && note.is_none() {
                    return None;
                }
                Some(Command::SetReview {
                    session: session.clone(),
                    code: t.code,
                    status: status.unwrap_or(t.status),
                    note: note.cloned().unwrap_or_else(|| t.note.clone()),
                })
            })
            .collect();
        Command::Batch(steps)
    }

    /// Draws the board.
    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        self.refresh(state);
        self.header_ui(ui, state, actions);
        ui.separator();
        let Some((_, _, board, stored)) = &self.board else {
            return;
        };
        if board.themes.is_empty() {
            ui.weak(strings::board_empty());
            return;
        }
        // The hint line is always there (its words change once the board
        // is stored), so storing it does not move the rows under the pointer.
        ui.add(
            egui::Label::new(
                RichText::new(if *stored {
                    strings::board_stored_hint()
                } else {
                    strings::board_default_hint()
                })
                .weak(),
            )
            .truncate(),
        );
        let mut pending: Vec<(CodeId, Option<ReviewStatus>, bool)> = Vec::new();
        egui::ScrollArea::vertical()
            .id_salt("review-board")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for theme in &board.themes {
                    let note = self.notes.entry(theme.code).or_default();
                    ui.push_id(("theme", theme.code), |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.strong(&theme.path);
                            ui.weak(strings::theme_counts(theme.codings, theme.sources));
                            ui.separator();
                            for st in [
                                ReviewStatus::Confirmed,
                                ReviewStatus::Disputed,
                                ReviewStatus::Revised,
                                ReviewStatus::Pending,
                            ] {
                                if ui
                                    .selectable_label(
                                        theme.status == st,
                                        strings::review_status(st),
                                    )
                                    .clicked()
                                    && theme.status != st
                                {
                                    pending.push((theme.code, Some(st), false));
                                }
                            }
                            // Shown (disabled) before the board is stored too,
                            // so the row keeps its layout.
                            if ui
                                .add_enabled(
                                    *stored,
                                    egui::Button::new(strings::remove_theme()).small(),
                                )
                                .clicked()
                            {
                                pending.push((theme.code, None, true));
                            }
                        });
                        ui.horizontal(|ui| {
                            let label = ui.label(strings::theme_note());
                            let r = ui
                                .add(
                                    egui::TextEdit::singleline(note)
                                        .hint_text(strings::theme_note_hint())
                                        .desired_width(f32::INFINITY),
                                )
                                .labelled_by(label.id);
                            if r.lost_focus() && *note != theme.note {
                                pending.push((theme.code, None, false));
                            }
                        });
                        if !theme.description.is_empty() {
                            ui.weak(&theme.description);
                        }
                        egui::CollapsingHeader::new(strings::theme_quotes_header(
                            theme.exemplars.len(),
                            theme.segments.len(),
                        ))
                        .id_salt(("quotes", theme.code))
                        .show(ui, |ui| {
                            // Shown pseudonymised with the view (for the
                            // screen the experts see); the board itself,
                            // and the notes typed on it, keep the names.
                            let ps = state.show_pseudonymised.then_some(&state.pseudonymiser);
                            for q in &theme.exemplars {
                                quote_ui(ui, q, true, ps);
                            }
                            for q in &theme.segments {
                                quote_ui(ui, q, false, ps);
                            }
                        });
                    });
                    ui.separator();
                }
            });
        // Statuses clicked and notes left in one frame are one change, each
        // note saved to the row it was typed in.
        let mut statuses: HashMap<CodeId, ReviewStatus> = HashMap::new();
        let mut any_note = false;
        for (code, status, remove) in pending {
            if remove {
                actions.push(Action::Run {
                    label: strings::act_remove_theme().into(),
                    command: Command::RemoveReview {
                        session: self.session().to_string(),
                        code,
                    },
                });
                continue;
            }
            match status {
                Some(st) => {
                    statuses.insert(code, st);
                }
                None => any_note = true,
            }
        }
        if !statuses.is_empty() || any_note {
            actions.push(Action::Run {
                label: strings::act_review().into(),
                command: self.changes_command(&statuses, &self.notes),
            });
        }
    }

    fn header_ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(strings::session());
            let mut session = self.session().to_string();
            let r = ui
                .add(egui::TextEdit::singleline(&mut session).desired_width(140.0))
                .labelled_by(label.id);
            if r.changed() {
                self.session = session;
            }
            let mut sessions = self.sessions.clone();
            if !sessions.iter().any(|s| s == strings::DEFAULT_SESSION) {
                sessions.insert(0, strings::DEFAULT_SESSION.to_string());
            }
            if sessions.len() > 1 {
                egui::ComboBox::from_id_salt("review-sessions")
                    .selected_text("▾")
                    .width(24.0)
                    .show_ui(ui, |ui| {
                        for s in sessions {
                            if ui.selectable_label(s == self.session(), &s).clicked() {
                                self.session = s;
                            }
                        }
                    });
            }
            ui.separator();
            let on_board: Vec<CodeId> = self
                .board()
                .map(|b| b.themes.iter().map(|t| t.code).collect())
                .unwrap_or_default();
            let stored = self.board.as_ref().is_some_and(|b| b.3);
            ui.menu_button(strings::add_theme(), |ui| {
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for (depth, c) in state.codebook.preorder() {
                            let shown = stored && on_board.contains(&c.id);
                            ui.horizontal(|ui| {
                                ui.add_space(depth as f32 * 12.0);
                                if ui.add_enabled(!shown, egui::Button::new(&c.name)).clicked() {
                                    let command = if stored {
                                        Command::SetReview {
                                            session: self.session().to_string(),
                                            code: c.id,
                                            status: ReviewStatus::Pending,
                                            note: String::new(),
                                        }
                                    } else {
                                        // Store the shown board with it.
                                        let mut cmd = self.set_command(
                                            c.id,
                                            ReviewStatus::Pending,
                                            String::new(),
                                        );
                                        if let Command::Batch(steps) = &mut cmd
                                            && !on_board.contains(&c.id)
                                        {
                                            steps.push(Command::SetReview {
                                                session: self.session().to_string(),
                                                code: c.id,
                                                status: ReviewStatus::Pending,
                                                note: String::new(),
                                            });
                                        }
                                        cmd
                                    };
                                    actions.push(Action::Run {
                                        label: strings::act_add_theme().into(),
                                        command,
                                    });
                                    ui.close();
                                }
                            });
                        }
                    });
            });
            ui.checkbox(&mut self.pseudonymise, strings::pseudonymise())
                .on_hover_text(strings::pseudonymise_hint());
            if self.pseudonymise {
                self.pseudonymiser = Some(state.pseudonymiser.clone());
            }
            ui.menu_button(strings::export_sheet(), |ui| {
                if ui.button(strings::sheet_docx()).clicked() {
                    self.export_sheet("docx");
                    ui.close();
                }
                if ui.button(strings::sheet_md()).clicked() {
                    self.export_sheet("md");
                    ui.close();
                }
            });
            super::reports::outcome_ui(ui, self.message.as_ref());
        });
    }

    fn export_sheet(&mut self, ext: &str) {
        let name = format!("{}.{ext}", self.session().replace(' ', "-").to_lowercase());
        match &self.export_dir {
            Some(dir) => {
                let path = dir.join(&name);
                self.export_sheet_to(ext, &path);
            }
            None => {
                use crate::ui::file_dialog::{FileRequest, Pick, Purpose};
                self.ask_file = Some(
                    FileRequest::new(Pick::Save, &name, Purpose::ReviewSheet(ext.to_string()))
                        .filter(ext, &[ext])
                        .file_name(name.clone()),
                );
            }
        }
    }

    /// Writes the review sheet shown as `.md` or `.docx` to `path`.
    pub fn export_sheet_to(&mut self, ext: &str, path: &std::path::Path) {
        let Some((_, _, board, _)) = &self.board else {
            return;
        };
        let path = path.to_path_buf();
        let hidden;
        let board = match (self.pseudonymise, &self.pseudonymiser) {
            (false, _) => board,
            (true, Some(ps)) if !ps.is_empty() => {
                let mut copy = board.clone();
                copy.pseudonymise(ps);
                hidden = copy;
                &hidden
            }
            (true, _) => {
                self.message = Some(Err(strings::no_pseudonyms().into()));
                return;
            }
        };
        let result = export::write_file_atomically(&path, |w| {
            if ext == "md" {
                export::write_review_markdown(board, w)
            } else {
                export::write_review_docx(board, w)
            }
        });
        self.message = Some(
            result
                .map(|()| strings::wrote(&path))
                .map_err(|e| e.to_string()),
        );
    }
}

fn quote_ui(
    ui: &mut Ui,
    q: &QuoteRow,
    exemplar: bool,
    ps: Option<&crate::model::pseudonyms::Pseudonymiser>,
) {
    let hidden;
    let q = match ps {
        Some(ps) => {
            let mut copy = q.clone();
            copy.pseudonymise(ps);
            hidden = copy;
            &hidden
        }
        None => q,
    };
    ui.horizontal_wrapped(|ui| {
        if exemplar {
            ui.label(RichText::new("★").strong())
                .on_hover_text(strings::exemplar());
        }
        ui.label(RichText::new(format!("“{}”", q.segment.quote.trim())).italics());
        ui.weak(format!("— {}", q.attribution));
    });
}
