//! Importing files off the UI thread, with progress and Cancel. The worker
//! opens its own connection to the project file; each file is its own
//! transaction, so a cancelled import keeps the files already done.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::strings;
use crate::command::Command;
use crate::import::{ImportOptions, ImportOutcome, expand_paths, import_paths};
use crate::model::{SourceId, SourceKind};
use crate::store::Project;

/// What an import did, for the report dialog.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub summary: String,
    /// One line per file that failed or was skipped, and per warning or
    /// note.
    pub lines: Vec<String>,
    pub cancelled: bool,
    /// Each source added, with the speakers found in it.
    pub sources: Vec<ImportedSource>,
}

/// A source an import added, as the report lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedSource {
    pub id: SourceId,
    pub name: String,
    pub kind: SourceKind,
    /// "DB (interviewer), Ana (respondent)" or "none found".
    pub speakers: String,
}

#[derive(Debug, Default)]
struct Progress {
    done: usize,
    total: usize,
    added: usize,
    duplicates: usize,
    failed: usize,
    /// Entries below the folders passed over (each has a line).
    skipped: usize,
    lines: Vec<String>,
    sources: Vec<ImportedSource>,
    finished: bool,
    news: bool,
    /// Each imported file's undo step, for the workbench's history.
    undo: Vec<(String, Command)>,
}

/// A running import.
pub struct ImportJob {
    progress: Arc<Mutex<Progress>>,
    cancel: Arc<AtomicBool>,
}

impl ImportJob {
    /// Starts importing `paths` (files, and every supported file below
    /// folders) into the project at `project` (opened with `key` when it is
    /// encrypted).
    pub fn start(
        project: PathBuf,
        key: Option<crate::store::Passphrase>,
        paths: Vec<PathBuf>,
        options: ImportOptions,
        ctx: egui::Context,
    ) -> ImportJob {
        let (files, skipped) = expand_paths(&paths);
        let progress = Arc::new(Mutex::new(Progress {
            total: files.len(),
            skipped: skipped.len(),
            lines: skipped.iter().map(strings::import_skipped).collect(),
            ..Progress::default()
        }));
        let cancel = Arc::new(AtomicBool::new(false));
        let (p, c) = (progress.clone(), cancel.clone());
        std::thread::spawn(move || {
            let update = |f: &mut dyn FnMut(&mut Progress)| {
                if let Ok(mut g) = p.lock() {
                    f(&mut g);
                }
                ctx.request_repaint();
            };
            let mut project = match Project::open_with(&project, key.as_ref()) {
                Ok(pr) => pr,
                Err(e) => {
                    update(&mut |g| {
                        g.failed = g.total;
                        g.lines.push(strings::store_error(&e));
                        g.finished = true;
                    });
                    return;
                }
            };
            let mut progress = |pr: &crate::import::ImportProgress| {
                update(&mut |g| {
                    g.done = pr.done;
                    g.news = pr.done > 0;
                });
                !c.load(Ordering::Relaxed)
            };
            let results = import_paths(&mut project, &paths, &options, &mut progress);
            let speakers: Vec<String> = results
                .iter()
                .filter_map(|(_, r)| match r {
                    Ok(ImportOutcome::Added { source, .. }) => Some(
                        project
                            .turns(source.id)
                            .map(|t| crate::import::describe_speakers(&t))
                            .unwrap_or_else(|e| strings::store_error(&e)),
                    ),
                    _ => None,
                })
                .collect();
            let mut speakers = speakers.into_iter();
            update(&mut |g| {
                g.done = g.total;
                g.news = true;
                for (path, result) in &results {
                    match result {
                        Ok(ImportOutcome::Added {
                            source,
                            warnings,
                            notes,
                            undo,
                        }) => {
                            g.added += 1;
                            g.undo
                                .push((strings::import_action(&source.name), (**undo).clone()));
                            for w in warnings {
                                g.lines.push(format!("{}: {w}", source.name));
                            }
                            for n in notes {
                                g.lines.push(strings::import_note(&source.name, n));
                            }
                            g.sources.push(ImportedSource {
                                id: source.id,
                                name: source.name.clone(),
                                kind: source.kind,
                                speakers: speakers.next().unwrap_or_default(),
                            });
                        }
                        Ok(ImportOutcome::Duplicate { existing }) => {
                            g.duplicates += 1;
                            g.lines.push(format!(
                                "{}: {}",
                                path.display(),
                                strings::import_duplicate(existing)
                            ));
                        }
                        Err(e) => {
                            g.failed += 1;
                            g.lines.push(e.to_string());
                        }
                    }
                }
                g.finished = true;
            });
        });
        ImportJob { progress, cancel }
    }

    /// Whether files were added since the last call.
    pub fn take_news(&mut self) -> bool {
        self.progress
            .lock()
            .map(|mut g| std::mem::take(&mut g.news))
            .unwrap_or(false)
    }

    /// The undo steps of the files imported so far (each once).
    pub fn take_undo(&mut self) -> Vec<(String, Command)> {
        self.progress
            .lock()
            .map(|mut g| std::mem::take(&mut g.undo))
            .unwrap_or_default()
    }

    pub fn is_finished(&self) -> bool {
        self.progress.lock().map(|g| g.finished).unwrap_or(true)
    }

    /// The final report.
    pub fn report(&self) -> ImportReport {
        let Ok(g) = self.progress.lock() else {
            return ImportReport::default();
        };
        ImportReport {
            summary: strings::import_summary(g.added, g.duplicates, g.failed, g.skipped),
            lines: g.lines.clone(),
            cancelled: self.cancel.load(Ordering::Relaxed),
            sources: g.sources.clone(),
        }
    }

    /// The progress window with Cancel.
    pub fn ui(&self, ctx: &egui::Context) {
        let (done, total) = self
            .progress
            .lock()
            .map(|g| (g.done, g.total))
            .unwrap_or((0, 0));
        egui::Window::new(strings::importing())
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(strings::import_progress(done, total));
                ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).show_percentage());
                if ui.button(strings::cancel()).clicked() {
                    self.cancel.store(true, Ordering::Relaxed);
                }
            });
    }
}

/// A REFI-QDA project being imported into a new project file, on a worker
/// thread (the import is one transaction: all or nothing).
pub struct QdpxJob {
    /// The new project file.
    pub target: PathBuf,
    pub file: PathBuf,
    result: Arc<Mutex<Option<Result<String, String>>>>,
}

impl QdpxJob {
    /// Starts importing `file` into a new project at `target`.
    pub fn start(file: PathBuf, target: PathBuf, ctx: egui::Context) -> QdpxJob {
        let result = Arc::new(Mutex::new(None));
        let (r, f, t) = (result.clone(), file.clone(), target.clone());
        std::thread::spawn(move || {
            let outcome = crate::exchange::import_qdpx(&t, &f)
                .map(|report| format!("{}\n\n{report}", strings::qdpx_imported(&f, &t)))
                .map_err(|e| e.to_string());
            if let Ok(mut g) = r.lock() {
                *g = Some(outcome);
            }
            ctx.request_repaint();
        });
        QdpxJob {
            target,
            file,
            result,
        }
    }

    /// The loss report (`Ok`) or the error, once finished.
    pub fn take_result(&self) -> Option<Result<String, String>> {
        self.result.lock().ok().and_then(|mut g| g.take())
    }

    /// The "working" window.
    pub fn ui(&self, ctx: &egui::Context) {
        egui::Window::new(strings::qdpx_importing())
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(self.file.display().to_string());
                ui.spinner();
            });
    }
}
