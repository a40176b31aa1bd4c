//! The workbench's copy of a project's codings, indexed the ways the panels
//! look at them: by id, by source (in text order) and by code. Adding or
//! removing one coding costs a few tree operations, whatever the number of
//! codings, so the workbench can follow each change without re-reading the
//! table.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{CodeId, Coding, CodingId, SourceId};

/// All codings of a project, by id, by source and by code.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Codings {
    by_id: HashMap<CodingId, Coding>,
    /// Per source, `(start, end, id)` in text order.
    by_source: BTreeMap<SourceId, BTreeSet<(usize, usize, CodingId)>>,
    /// Per code, `(source, start, end, id)`: by source and position.
    by_code: HashMap<CodeId, BTreeSet<(SourceId, usize, usize, CodingId)>>,
}

impl Codings {
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// A coding by id.
    pub fn get(&self, id: CodingId) -> Option<&Coding> {
        self.by_id.get(&id)
    }

    /// Every coding, by source and position.
    pub fn iter(&self) -> impl Iterator<Item = &Coding> {
        self.by_source
            .values()
            .flat_map(|set| set.iter().map(|k| &self.by_id[&k.2]))
    }

    /// The codings of one source, in text order.
    pub fn of_source(&self, source: SourceId) -> impl Iterator<Item = &Coding> {
        self.by_source
            .get(&source)
            .into_iter()
            .flat_map(|set| set.iter().map(|k| &self.by_id[&k.2]))
    }

    /// The codings of one code (not its sub-codes'), by source and position.
    pub fn of_code(&self, code: CodeId) -> impl Iterator<Item = &Coding> {
        self.by_code
            .get(&code)
            .into_iter()
            .flat_map(|set| set.iter().map(|k| &self.by_id[&k.3]))
    }

    /// Number of codings on a source.
    pub fn count_of_source(&self, source: SourceId) -> usize {
        self.by_source.get(&source).map_or(0, BTreeSet::len)
    }

    /// Number of codings of a code (not its sub-codes').
    pub fn count_of_code(&self, code: CodeId) -> usize {
        self.by_code.get(&code).map_or(0, BTreeSet::len)
    }

    /// Adds a coding, or replaces the one with its id.
    pub fn insert(&mut self, c: Coding) {
        self.remove(c.id);
        self.by_source
            .entry(c.source)
            .or_default()
            .insert((c.start, c.end, c.id));
        self.by_code
            .entry(c.code)
            .or_default()
            .insert((c.source, c.start, c.end, c.id));
        self.by_id.insert(c.id, c);
    }

    /// Removes a coding; returns it if it was there.
    pub fn remove(&mut self, id: CodingId) -> Option<Coding> {
        let c = self.by_id.remove(&id)?;
        if let Some(set) = self.by_source.get_mut(&c.source) {
            set.remove(&(c.start, c.end, c.id));
            if set.is_empty() {
                self.by_source.remove(&c.source);
            }
        }
        if let Some(set) = self.by_code.get_mut(&c.code) {
            set.remove(&(c.source, c.start, c.end, c.id));
            if set.is_empty() {
                self.by_code.remove(&c.code);
            }
        }
        Some(c)
    }
}

impl FromIterator<Coding> for Codings {
    fn from_iter<I: IntoIterator<Item = Coding>>(iter: I) -> Self {
        let mut all = Codings::default();
        for c in iter {
            all.insert(c);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CoderId, Guid};

    fn coding(id: i64, source: i64, code: i64, start: usize) -> Coding {
        Coding {
            id: CodingId(id),
            guid: Guid::new(),
            source: SourceId(source),
            code: CodeId(code),
            start,
            end: start + 5,
            coder: CoderId(1),
            created_at: String::new(),
        }
    }

    #[test]
    fn indexes_follow_inserts_and_removals() {
        let mut all: Codings = [coding(1, 2, 1, 50), coding(2, 1, 1, 10), coding(3, 2, 2, 5)]
            .into_iter()
            .collect();
        let ids = |it: Vec<&Coding>| it.iter().map(|c| c.id.0).collect::<Vec<_>>();
        assert_eq!(ids(all.iter().collect()), [2, 3, 1]);
        assert_eq!(ids(all.of_source(SourceId(2)).collect()), [3, 1]);
        assert_eq!(ids(all.of_code(CodeId(1)).collect()), [2, 1]);
        assert_eq!(all.count_of_code(CodeId(2)), 1);
        // Replacing a coding (moved to another code) moves it in the indexes.
        let mut moved = all.get(CodingId(3)).unwrap().clone();
        moved.code = CodeId(1);
        all.insert(moved);
        assert_eq!(all.count_of_code(CodeId(2)), 0);
        assert_eq!(ids(all.of_code(CodeId(1)).collect()), [2, 3, 1]);
        assert_eq!(all.remove(CodingId(2)).map(|c| c.id.0), Some(2));
        assert_eq!(all.remove(CodingId(2)), None);
        assert_eq!(all.len(), 2);
        assert_eq!(all.count_of_source(SourceId(1)), 0);
        let fresh: Codings = all.iter().cloned().collect();
        assert_eq!(fresh, all);
    }
}
