//! The code hierarchy as a tree, built from the flat list of codes.

use std::collections::HashMap;

use super::names::{name_key, same_name};
use super::{Code, CodeId, Guid};

/// Separator between levels in a code path, as typed and printed:
/// `Legal framework > restitution`. Code names may contain `/`, so `/` is not
/// used.
pub const PATH_SEPARATOR: &str = " > ";

/// The most levels a code tree may have (a top-level code is level 1).
/// Jalin refuses to build deeper trees so that every exchange file it
/// writes can be read back: a `.qdpx` nests each level one element deeper,
/// and import reads up to `container::xml::MAX_DEPTH` (256) elements deep.
pub const MAX_CODE_DEPTH: usize = 200;

/// Why a code could not be found from what the user typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindCodeError {
    #[error("no code called '{0}'")]
    Unknown(String),
    #[error("'{name}' could be any of {candidates}")]
    Ambiguous { name: String, candidates: String },
}

/// The codebook: codes with parent/child links, siblings in their order.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    codes: Vec<Code>,
    index: HashMap<CodeId, usize>,
}

impl Codebook {
    pub fn new(mut codes: Vec<Code>) -> Self {
        codes.sort_by_key(|c| (c.sort_order, c.id));
        let index = codes.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        Codebook { codes, index }
    }

    /// All codes, siblings in order (not tree order; see [`Codebook::preorder`]).
    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn get(&self, id: CodeId) -> Option<&Code> {
        self.index.get(&id).map(|&i| &self.codes[i])
    }

    /// The children of `parent` (top-level codes for `None`), in order.
    pub fn children(&self, parent: Option<CodeId>) -> Vec<&Code> {
        self.codes.iter().filter(|c| c.parent == parent).collect()
    }

    /// Every code below `id`, parents before children.
    pub fn descendants(&self, id: CodeId) -> Vec<&Code> {
        let mut out = Vec::new();
        let mut stack: Vec<&Code> = self.children(Some(id)).into_iter().rev().collect();
        while let Some(c) = stack.pop() {
            out.push(c);
            stack.extend(self.children(Some(c.id)).into_iter().rev());
        }
        out
    }

    /// Whether `code` lies somewhere below `ancestor`.
    pub fn is_descendant(&self, code: CodeId, ancestor: CodeId) -> bool {
        let mut cur = self.get(code).and_then(|c| c.parent);
        let mut steps = 0;
        while let Some(p) = cur {
            if p == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.codes.len() {
                return false;
            }
            cur = self.get(p).and_then(|c| c.parent);
        }
        false
    }

    /// Depth of a code: 0 for top-level codes.
    pub fn depth(&self, id: CodeId) -> usize {
        let mut depth = 0;
        let mut cur = self.get(id).and_then(|c| c.parent);
        while let Some(p) = cur {
            depth += 1;
            if depth > self.codes.len() {
                break;
            }
            cur = self.get(p).and_then(|c| c.parent);
        }
        depth
    }

    /// Levels of the tree: 0 when empty, 1 with top-level codes only.
    pub fn levels(&self) -> usize {
        self.codes
            .iter()
            .map(|c| self.depth(c.id) + 1)
            .max()
            .unwrap_or(0)
    }

    /// The code's names from the top: `Legal framework > restitution`.
    pub fn path(&self, id: CodeId) -> String {
        let mut names = Vec::new();
        let mut cur = self.get(id);
        while let Some(c) = cur {
            names.push(c.name.as_str());
            if names.len() > self.codes.len() {
                break;
            }
            cur = c.parent.and_then(|p| self.get(p));
        }
        names.reverse();
        names.join(PATH_SEPARATOR)
    }

    /// The [`name_key`]s of the code's path from the top.
    fn path_keys(&self, id: CodeId) -> Vec<String> {
        let mut keys = Vec::new();
        let mut cur = self.get(id);
        while let Some(c) = cur {
            keys.push(name_key(&c.name));
            if keys.len() > self.codes.len() {
                break;
            }
            cur = c.parent.and_then(|p| self.get(p));
        }
        keys.reverse();
        keys
    }

    /// All codes in tree order (each parent followed by its children), with
    /// their depth. Codes whose parent is missing count as top level.
    pub fn preorder(&self) -> Vec<(usize, &Code)> {
        let mut out = Vec::with_capacity(self.codes.len());
        let roots = self
            .codes
            .iter()
            .filter(|c| c.parent.is_none_or(|p| self.get(p).is_none()));
        for root in roots {
            out.push((0, root));
            for d in self.descendants(root.id) {
                out.push((self.depth(d.id), d));
            }
        }
        out
    }

    /// Finds a code from what a user typed: a GUID; a name (any case or
    /// Unicode normalisation, see [`super::names`]) that only one code has;
    /// or a path `parent > child` (levels split at ` > `, or at `>` when the
    /// spec has no ` > `).
    pub fn find(&self, spec: &str) -> Result<&Code, FindCodeError> {
        let spec = spec.trim();
        if let Some(g) = Guid::parse(spec)
            && let Some(c) = self.codes.iter().find(|c| c.guid == g)
        {
            return Ok(c);
        }
        let named: Vec<&Code> = self
            .codes
            .iter()
            .filter(|c| same_name(&c.name, spec))
            .collect();
        match named.len() {
            1 => return Ok(named[0]),
            0 => {}
            _ => {
                let mut paths: Vec<String> = named
                    .iter()
                    .map(|c| format!("'{}'", self.path(c.id)))
                    .collect();
                paths.sort();
                return Err(FindCodeError::Ambiguous {
                    name: spec.to_string(),
                    candidates: paths.join(", "),
                });
            }
        }
        let wanted: Vec<String> = if spec.contains(PATH_SEPARATOR) {
            spec.split(PATH_SEPARATOR).map(name_key).collect()
        } else {
            spec.split('>').map(name_key).collect()
        };
        if wanted.len() > 1 {
            for c in &self.codes {
                if self.path_keys(c.id) == wanted {
                    return Ok(c);
                }
            }
        }
        Err(FindCodeError::Unknown(spec.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Color;

    fn code(id: i64, name: &str, parent: Option<i64>, order: i64) -> Code {
        Code {
            id: CodeId(id),
            guid: Guid::new(),
            name: name.into(),
            parent: parent.map(CodeId),
            color: Color::palette(0),
            description: String::new(),
            sort_order: order,
        }
    }

    fn book() -> Codebook {
        Codebook::new(vec![
            code(1, "Structure", None, 0),
            code(2, "coordination", Some(1), 0),
            code(3, "Culture", None, 1),
            code(4, "other", Some(1), 1),
            code(5, "other", Some(3), 0),
            code(6, "sub", Some(2), 0),
        ])
    }

    #[test]
    fn tree_order_paths_and_lookup() {
        let b = book();
        let order: Vec<(usize, &str)> = b
            .preorder()
            .iter()
            .map(|(d, c)| (*d, c.name.as_str()))
            .collect();
        assert_eq!(
            order,
            vec![
                (0, "Structure"),
                (1, "coordination"),
                (2, "sub"),
                (1, "other"),
                (0, "Culture"),
                (1, "other")
            ]
        );
        assert_eq!(b.path(CodeId(6)), "Structure > coordination > sub");
        assert!(b.is_descendant(CodeId(6), CodeId(1)));
        assert!(!b.is_descendant(CodeId(1), CodeId(6)));
        assert_eq!(b.find("COORDINATION").unwrap().id, CodeId(2));
        assert_eq!(b.find("culture>other").unwrap().id, CodeId(5));
        assert!(matches!(
            b.find("other"),
            Err(FindCodeError::Ambiguous { .. })
        ));
        assert!(matches!(b.find("nothing"), Err(FindCodeError::Unknown(_))));
        let g = b.get(CodeId(4)).unwrap().guid.to_string().to_uppercase();
        assert_eq!(b.find(&g).unwrap().id, CodeId(4));
    }
}
