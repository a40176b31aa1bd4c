//! Work that arrives between frames: imports on worker threads and
//! changes other processes made to the project.

use std::path::PathBuf;

use super::*;
use dialogs::Dialog;

impl JalinApp {
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.import else {
            return;
        };
        if job.take_news() {
            let _ = self.state.reload_texts();
            if let Err(e) = self.state.refresh() {
                self.state.error = Some(strings::store_error(&e));
            }
        }
        if job.is_finished() {
            // Each file can be undone on its own (it was its own transaction).
            for (label, inverse) in job.take_undo() {
                self.state.undo.record(label, inverse);
            }
            let report = job.report();
            self.import = None;
            self.dialog = Some(Dialog::ImportReport(report));
        } else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Every [`OUTSIDE_POLL`], even when the window is idle, notices changes
    /// other processes made to the project and shows them. Selections that
    /// still exist are kept; a shown source or selected code that was
    /// deleted is cleared.
    pub(super) fn poll_outside(&mut self, ctx: &egui::Context) {
        if !self.state.is_open() {
            return;
        }
        ctx.request_repaint_after(OUTSIDE_POLL);
        let now = ctx.input(|i| i.time);
        if self
            .outside_polled
            .is_some_and(|t| now >= t && now - t < OUTSIDE_POLL.as_secs_f64())
        {
            return;
        }
        self.outside_polled = Some(now);
        let shown = self.document.source();
        match self.state.sync_outside() {
            Ok(true) => {
                self.document.sync(&self.state);
                self.codebook
                    .selected
                    .retain(|c| self.state.codebook.get(*c).is_some());
                if shown.is_none()
                    && let Some(first) = self.state.sources.first().map(|s| s.id)
                {
                    self.document.open(&self.state, first);
                }
            }
            Ok(false) => {}
            // Shown once in the status bar, not a dialog every half second.
            Err(e) => self.hint = Some(strings::store_error(&e)),
        }
    }

    pub(super) fn poll_qdpx(&mut self) {
        let Some(result) = self.qdpx.as_ref().and_then(|j| j.take_result()) else {
            return;
        };
        let Some(job) = self.qdpx.take() else {
            return;
        };
        match result {
            Ok(report) => {
                self.open_path(&job.target);
                if self.state.error.is_none() {
                    self.dialog = Some(Dialog::LossReport(report));
                }
            }
            Err(e) => self.state.error = Some(e),
        }
    }

    /// Imports a REFI-QDA project into a new project file at `target` on a
    /// worker thread; when done, opens it and shows the loss report. (What
    /// File ▸ Import REFI-QDA project runs after its two file dialogs.)
    pub fn start_qdpx_import(&mut self, file: PathBuf, target: PathBuf, ctx: &egui::Context) {
        if self.qdpx.is_some() {
            return;
        }
        self.memos.flush(&mut self.state);
        self.qdpx = Some(import::QdpxJob::start(file, target, ctx.clone()));
    }

    /// Whether an import or exchange runs in the background.
    pub fn is_busy(&self) -> bool {
        self.qdpx.is_some() || self.import.is_some()
    }
}
