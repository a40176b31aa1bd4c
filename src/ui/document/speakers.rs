//! Speaker labels ("Interviewer:", "R:") at the start of a turn: how they
//! are drawn. Which lines have a label and whose turn a line belongs to is
//! worked out with the paragraphs (`layout::split_paras`, from the source's
//! speaker turns); everything about drawing a label is here.

use egui::text::{LayoutJob, TextFormat};
use egui::{FontFamily, FontId, Visuals};

use super::{BOLD_FAMILY, DocumentView, theme};

impl DocumentView {
    /// Appends a speaker label to a paragraph's layout: bold (when a bold
    /// font is registered), in the colour of the interviewer's or the
    /// respondent's labels.
    pub(super) fn append_speaker_label(
        &self,
        job: &mut LayoutJob,
        visuals: &Visuals,
        label: &str,
        interviewer: bool,
    ) {
        let font = if self.bold_font {
            FontId::new(self.text_size, FontFamily::Name(BOLD_FAMILY.into()))
        } else {
            self.font()
        };
        job.append(
            label,
            0.0,
            TextFormat::simple(font, theme::label_text(visuals, interviewer)),
        );
    }
}
