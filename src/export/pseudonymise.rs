//! `--pseudonymise`: every output passes what it is about to write through
//! the project's [`Pseudonymiser`] here, at the last step before a writer
//! turns it into CSV, Markdown, LaTeX, HTML, DOCX, XLSX, SVG or a review
//! sheet, so that no format has a path of its own around it.
//!
//! Tables and review sheets are replaced cell by cell after they are
//! built (every text cell, header, title and note). Charts are drawn from
//! project data whose names (sources, codes, attribute values, speakers,
//! coders) were replaced after filtering, so a `--where city=Palu` still
//! selects by the stored value. Positions a table cites (`start`, `end`)
//! stay those of the stored text, which is the one the author can look
//! up; a `.qdpx` carries the replaced texts, so its positions are moved
//! with them (`exchange::qdpx_write`).

use std::sync::Arc;

use crate::analysis::{Cell, Grouping, QuoteRow, Report, ReviewBoard, Segment, Table};
use crate::model::Attribute;
use crate::model::pseudonyms::Pseudonymiser;
use crate::store::ProjectData;

/// Something an output writes, with every name in it replaceable.
pub trait Pseudonymise {
    /// Replaces every real name in `self` with its pseudonym.
    fn pseudonymise(&mut self, p: &Pseudonymiser);
}

fn arc(p: &Pseudonymiser, s: &mut Arc<str>) {
    if let std::borrow::Cow::Owned(new) = p.apply(s) {
        *s = Arc::from(new);
    }
}

impl Pseudonymise for Table {
    fn pseudonymise(&mut self, p: &Pseudonymiser) {
        p.apply_in_place(&mut self.title);
        self.columns.iter_mut().for_each(|c| p.apply_in_place(c));
        for row in &mut self.rows {
            for cell in row {
                if let Cell::Text(s) = cell {
                    arc(p, s);
                }
            }
        }
    }
}

impl Pseudonymise for Report {
    fn pseudonymise(&mut self, p: &Pseudonymiser) {
        p.apply_in_place(&mut self.title);
        self.wide.pseudonymise(p);
        self.long.pseudonymise(p);
        self.notes.iter_mut().for_each(|n| p.apply_in_place(n));
    }
}

impl Pseudonymise for Segment {
    fn pseudonymise(&mut self, p: &Pseudonymiser) {
        arc(p, &mut self.source);
        arc(p, &mut self.code_path);
        arc(p, &mut self.coder);
        arc(p, &mut self.quote);
        if let Some(s) = &mut self.speaker {
            p.apply_in_place(s);
        }
        let mut attrs = self.attributes.to_vec();
        attributes(p, &mut attrs);
        self.attributes = Arc::from(attrs);
    }
}

/// Keys and values alike: a key can name someone too (`Budi_note`).
fn attributes(p: &Pseudonymiser, attrs: &mut [Attribute]) {
    for a in attrs {
        p.apply_in_place(&mut a.key);
        p.apply_in_place(&mut a.value);
    }
}

/// An attribute grouping names its keys: replaced the way the keys of
/// pseudonymised data are, so it still finds them (and a chart's label
/// shows the replaced key).
impl Pseudonymise for Grouping {
    fn pseudonymise(&mut self, p: &Pseudonymiser) {
        match self {
            Grouping::None | Grouping::Kind => {}
            Grouping::Attribute(k) => p.apply_in_place(k),
            Grouping::Pair(a, b) => {
                p.apply_in_place(a);
                p.apply_in_place(b);
            }
        }
    }
}

impl Pseudonymise for QuoteRow {
    fn pseudonymise(&mut self, p: &Pseudonymiser) {
        p.apply_in_place(&mut self.attribution);
        self.segment.pseudonymise(p);
    }
}

impl Pseudonymise for ReviewBoard {
    fn pseudonymise(&mut self, p: &Pseudonymiser) {
        p.apply_in_place(&mut self.session);
        for t in &mut self.themes {
            p.apply_in_place(&mut t.path);
            p.apply_in_place(&mut t.description);
            p.apply_in_place(&mut t.note);
            t.exemplars.iter_mut().for_each(|q| q.pseudonymise(p));
            t.segments.iter_mut().for_each(|q| q.pseudonymise(p));
        }
    }
}

/// The names in project data (not the texts: their offsets must stay):
/// sources and their attributes (keys and values), codes and descriptions, coders,
/// speaker labels in turns, stored speakers and their attributes. An
/// attribute grouping over such data must be pseudonymised too.
impl<C> Pseudonymise for ProjectData<C> {
    fn pseudonymise(&mut self, p: &Pseudonymiser) {
        for s in &mut self.sources {
            p.apply_in_place(&mut s.name);
            attributes(p, &mut s.attributes);
        }
        for c in &mut self.codes {
            p.apply_in_place(&mut c.name);
            p.apply_in_place(&mut c.description);
        }
        for c in &mut self.coders {
            p.apply_in_place(&mut c.name);
        }
        for turns in self.turns.values_mut() {
            for t in turns {
                arc(p, &mut t.speaker);
            }
        }
        for s in &mut self.speakers {
            p.apply_in_place(&mut s.name);
            attributes(p, &mut s.attributes);
        }
    }
}
