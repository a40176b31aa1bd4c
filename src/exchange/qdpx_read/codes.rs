//! The codebook of a `.qdpx`, with ATLAS.ti's `parent::child` names made a
//! hierarchy.

use super::*;

impl<R: Read + Seek> Reader<'_, R> {
    pub(crate) fn codebook(&mut self, book: Node<'_, '_>) {
        let mut raw = Vec::new();
        if let Some(codes) = child(book, "Codes") {
            for c in children(codes, "Code") {
                self.collect_code(c, None, &mut raw);
            }
        }
        if self.origin.to_lowercase().contains("atlas") {
            split_atlas_paths(&mut raw, &mut self.report);
        }
        // Parents before children, siblings in the file's order.
        let mut kids: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (i, c) in raw.iter().enumerate() {
            kids.entry(c.parent).or_default().push(i);
        }
        let mut order = Vec::new();
        let mut stack: Vec<usize> = kids.get(&None).cloned().unwrap_or_default();
        stack.reverse();
        while let Some(i) = stack.pop() {
            order.push(i);
            if let Some(k) = kids.get(&Some(i)) {
                stack.extend(k.iter().rev());
            }
        }
        let mut index: HashMap<usize, usize> = HashMap::new();
        let mut sibling_names: HashSet<(Option<usize>, String)> = HashSet::new();
        let mut uncoloured: Vec<String> = Vec::new();
        for i in order {
            let c = &raw[i];
            let parent = c.parent.and_then(|p| index.get(&p).copied());
            // ` > ` separates path levels in Jalin, so it cannot be in a name.
            let given = c.name.replace(crate::model::PATH_SEPARATOR, " › ");
            let mut name = given.clone();
            let mut n = 1;
            while !sibling_names.insert((parent, crate::model::names::name_key(&name))) {
                n += 1;
                name = format!("{given} ({n})");
            }
            if name != given {
                self.report.lose(
                    "Code",
                    &c.name,
                    crate::t!("loss-why-code-same-name", name = name.as_str()),
                );
            } else if name != c.name {
                self.report.lose(
                    "Code",
                    &c.name,
                    crate::t!("loss-why-code-separator", name = name.as_str()),
                );
            }
            let at = self.b.codes.len();
            index.insert(i, at);
            if let Some(g) = &c.guid {
                self.codes.insert(g.to_string(), at);
            }
            for n in &c.note_refs {
                self.note_refs.push((n.clone(), BundleTarget::Code(at)));
            }
            if c.color.is_none() {
                uncoloured.push(format!("'{name}'"));
            }
            self.b.codes.push(BundleCode {
                guid: c.guid.clone(),
                name,
                parent,
                color: c.color,
                description: c.description.clone(),
            });
        }
        if !uncoloured.is_empty() {
            const SHOWN: usize = 20;
            let more = uncoloured.len().saturating_sub(SHOWN);
            let mut names = uncoloured[..uncoloured.len().min(SHOWN)].join(", ");
            if more > 0 {
                names.push_str(&format!(" and {more} more"));
            }
            self.report.assumptions.push(format!(
                "{} codes had no colour Jalin could read and were given one from its palette (a code already in the project keeps its own): {names}",
                uncoloured.len()
            ));
        }
    }

    pub(super) fn collect_code(
        &mut self,
        node: Node<'_, '_>,
        parent: Option<usize>,
        raw: &mut Vec<RawCode>,
    ) {
        let given = node.attribute("name").unwrap_or("").trim();
        let name = if given.is_empty() {
            "(unnamed code)".to_string()
        } else {
            given.to_string()
        };
        let guid = self.fresh_guid(node.attribute("guid"), "Code", &name);
        if node.attribute("isCodable") == Some("false") {
            self.report.assumptions.push(crate::t!(
                "loss-assume-not-codable",
                name = name.to_string()
            ));
        }
        let color = node.attribute("color").and_then(parse_color);
        let description = child(node, "Description").map(text_of).unwrap_or_default();
        let note_refs = children(node, "NoteRef")
            .filter_map(|n| n.attribute("targetGUID").and_then(guid_key))
            .collect();
        raw.push(RawCode {
            guid: Some(guid),
            name,
            parent,
            color,
            description,
            note_refs,
        });
        let me = raw.len() - 1;
        for c in children(node, "Code") {
            self.collect_code(c, Some(me), raw);
        }
    }

    // ----- sources -----
}

/// The most levels a `parent::child` code name is split into.
const MAX_SPLIT_DEPTH: usize = 64;

/// ATLAS.ti writes a code's place in the hierarchy into its name:
/// `Coke::diet Coke` is `diet Coke` under `Coke`.
pub(super) fn split_atlas_paths(raw: &mut Vec<RawCode>, report: &mut LossReport) {
    let mut by_full: HashMap<String, usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent.is_none())
        .map(|(i, c)| (c.name.to_lowercase(), i))
        .collect();
    let mut split_any = false;
    for i in 0..raw.len() {
        if raw[i].parent.is_some() || !raw[i].name.contains("::") {
            continue;
        }
        let parts: Vec<String> = raw[i]
            .name
            .split("::")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        if parts.len() > MAX_SPLIT_DEPTH {
            // Each level is looked up by its full path, so a name of
            // thousands of parts would take quadratic time and memory.
            report.assumptions.push(format!(
                "a code name with {} '::' levels was kept whole (more than {MAX_SPLIT_DEPTH} levels is not a hierarchy)",
                parts.len()
            ));
            continue;
        }
        split_any = true;
        let mut parent: Option<usize> = None;
        for depth in 1..parts.len() {
            let full = parts[..depth].join("::").to_lowercase();
            let found = match by_full.get(&full) {
                Some(&p) => p,
                None => {
                    raw.push(RawCode {
                        guid: None,
                        name: parts[depth - 1].clone(),
                        parent,
                        color: None,
                        description: String::new(),
                        note_refs: Vec::new(),
                    });
                    by_full.insert(full, raw.len() - 1);
                    raw.len() - 1
                }
            };
            parent = Some(found);
        }
        raw[i].parent = parent;
        raw[i].name = parts[parts.len() - 1].clone();
    }
    if split_any {
        report.assumptions.push(
            "code names written 'parent::child' (ATLAS.ti's way of showing a hierarchy) were made a code under its parent".into(),
        );
    }
}
