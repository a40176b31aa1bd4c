//! Tables computed from a project's data: pure functions, no SQL, no GUI.
//! Each result converts to a [`Report`]: a wide table for reading and a
//! long (tidy) table for R and pandas, which the exporters write.

mod agreement;
mod cooccurrence;
pub mod disagreements;
mod filter;
mod frequencies;
mod grouping;
mod matrix;
mod quotes;
mod respondents;
mod review;
mod segments;
mod table;
mod tally;
mod triangulation;

pub use crate::model::SourceTexts;
pub use agreement::{
    AgreementOptions, AgreementRow, AgreementTable, AgreementUnit, Coincidences, Section,
    UnitizeError, Unitized, agreement, cohen_kappa, fleiss_kappa, paragraph_units,
    percent_agreement, sentence_units, value_counts,
};
pub use cooccurrence::{CoMode, CooccurrenceTable, cooccurrence};
pub use filter::{Filter, NOBODY};
pub use frequencies::{FrequencyRow, FrequencyTable, GroupCounts, GroupSize, frequencies};
pub use grouping::{Grouping, NOT_SET, PAIR_SEPARATOR, kind_label, kind_words};
pub use matrix::{CodeSourceMatrix, code_source_matrix};
pub use quotes::{QuoteOptions, QuoteRow, quotes, quotes_report};
pub use respondents::{Respondent, respondent_attributes, respondent_of, respondents};
pub use review::{ReviewBoard, ReviewTheme, review_board};
pub use segments::{Segment, segments, segments_table, speaker_at, speaker_of, turn_of};
pub use table::{Cell, CellStyle, Report, SortOrder, Table, round_half_up};
pub use triangulation::{Status, TriangulationRow, TriangulationTable, triangulation};

/// Percentage with one decimal, as papers print it (0 when there is no
/// denominator).
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round_half_up(part as f64 * 100.0 / whole as f64, 1)
            .parse()
            .unwrap_or(0.0)
    }
}
