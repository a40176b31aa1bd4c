//! Narrowing the data before counting: by coder, source kind, attribute
//! value or code. The same filter serves every table.

use std::collections::HashSet;

use crate::model::{AsSpan, CodeId, Codebook, Coder, CoderId, SourceKind};
use crate::store::ProjectData;

/// No coder has id 0 (SQLite row ids start at 1): a filter on it keeps
/// no coding (blind coding for a coder with no codings yet, "consensus
/// only" before a consensus coder exists).
pub const NOBODY: CoderId = CoderId(0);

/// What to keep. Empty lists keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only codings by these coders.
    pub coders: Vec<CoderId>,
    /// Only sources of these kinds.
    pub kinds: Vec<SourceKind>,
    /// Only sources with all of these attribute values (`key`, `value`).
    pub attributes: Vec<(String, String)>,
    /// Only these codes and their sub-codes.
    pub codes: Vec<CodeId>,
}

impl Filter {
    /// The filter in words, for a table's notes, so every export says what
    /// made it: "Filtered: coder Ana; kind interview; city = Palu; code
    /// Structure > coordination (with sub-codes)." `None` for no filter.
    pub fn note(&self, coders: &[Coder], book: &Codebook) -> Option<String> {
        let mut parts = Vec::new();
        if !self.coders.is_empty() {
            let names: Vec<String> = self
                .coders
                .iter()
                .map(|id| {
                    coders
                        .iter()
                        .find(|c| c.id == *id)
                        .map_or_else(|| crate::t!("filter-no-coder"), |c| c.name.clone())
                })
                .collect();
            parts.push(crate::t!("filter-coder", names = names.join(", ")));
        }
        if !self.kinds.is_empty() {
            let k: Vec<String> = self
                .kinds
                .iter()
                .map(|k| crate::export::value_in(&super::kind_words(*k), crate::i18n::current()))
                .collect();
            parts.push(crate::t!("filter-kind", kinds = k.join(", ")));
        }
        for (key, value) in &self.attributes {
            parts.push(format!("{key} = {value}"));
        }
        if !self.codes.is_empty() {
            let names: Vec<String> = self.codes.iter().map(|c| book.path(*c)).collect();
            parts.push(crate::t!("filter-code", names = names.join(", ")));
        }
        (!parts.is_empty()).then(|| crate::t!("note-filtered", parts = parts.join("; ")))
    }

    pub fn is_empty(&self) -> bool {
        self.coders.is_empty()
            && self.kinds.is_empty()
            && self.attributes.is_empty()
            && self.codes.is_empty()
    }

    /// `data` with only what the filter keeps; an empty filter hands it back
    /// as it is, without copying a million codings.
    pub fn keep<C: AsSpan + Clone>(&self, data: ProjectData<C>) -> ProjectData<C> {
        if self.is_empty() {
            data
        } else {
            self.apply(&data)
        }
    }

    /// A copy of `data` with only what the filter keeps. Codes outside the
    /// filter are dropped from the codebook too, so tables list only them.
    pub fn apply<C: AsSpan + Clone>(&self, data: &ProjectData<C>) -> ProjectData<C> {
        if self.is_empty() {
            return data.clone();
        }
        let mut out = data.clone();
        out.sources.retain(|s| {
            (self.kinds.is_empty() || self.kinds.contains(&s.kind))
                && self.attributes.iter().all(|(k, v)| {
                    s.attributes.iter().any(|a| {
                        crate::model::names::same_name(&a.key, k) && a.value.eq_ignore_ascii_case(v)
                    })
                })
        });
        let kept_sources: HashSet<_> = out.sources.iter().map(|s| s.id).collect();
        if !self.codes.is_empty() {
            let book = Codebook::new(data.codes.clone());
            let mut keep: HashSet<CodeId> = HashSet::new();
            for &c in &self.codes {
                keep.insert(c);
                keep.extend(book.descendants(c).iter().map(|d| d.id));
            }
            out.codes.retain(|c| keep.contains(&c.id));
            // Kept codes whose parent is gone become top-level, named by
            // their full path, so a table of one code labels it as the
            // full table does ("Structure > coordination").
            for c in &mut out.codes {
                if c.parent.is_some_and(|p| !keep.contains(&p)) {
                    c.parent = None;
                    c.name = book.path(c.id);
                }
            }
        }
        let kept_codes: HashSet<_> = out.codes.iter().map(|c| c.id).collect();
        out.codings.retain(|c| {
            let c = c.span();
            kept_sources.contains(&c.source)
                && kept_codes.contains(&c.code)
                && (self.coders.is_empty() || self.coders.contains(&c.coder))
        });
        out.turns.retain(|s, _| kept_sources.contains(s));
        out
    }
}
