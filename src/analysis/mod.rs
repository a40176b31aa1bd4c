//! Tables computed from a project's data: pure functions, no SQL, no GUI.
//! Each result converts to a [`Table`] that the exporters write.

mod frequencies;
mod segments;
mod table;
mod triangulation;

pub use crate::model::SourceTexts;
pub use frequencies::{FrequencyRow, FrequencyTable, GroupCounts, Grouping, frequencies};
pub use segments::{Segment, segments, segments_table, speaker_at};
pub use table::{Cell, Table};
pub use triangulation::{Status, TriangulationRow, TriangulationTable, triangulation};

/// Percentage with one decimal, as papers print it (0 when there is no
/// denominator).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}
