//! Variables, cases and sets of a `.qdpx`: attributes of sources and
//! participants, and the sources' kinds.

use super::*;

impl<R: Read + Seek> Reader<'_, R> {
    pub(super) fn variable_value(
        &mut self,
        v: Node<'_, '_>,
        owner: &str,
        into: &mut Vec<Attribute>,
    ) {
        let var = child(v, "VariableRef").and_then(|r| r.attribute("targetGUID"));
        if var.and_then(guid_key).is_some() && var.and_then(guid_key) == self.kind_variable {
            // The source kind, read by `kind_value`.
            return;
        }
        let Some(name) = var
            .and_then(guid_key)
            .and_then(|g| self.variables.get(&g))
            .cloned()
        else {
            self.report.lose(
                "VariableValue",
                owner,
                crate::t!(
                    "loss-why-undeclared-variable",
                    name = var.map_or_else(|| crate::t!("loss-none"), str::to_string)
                ),
            );
            return;
        };
        let value = v
            .children()
            .filter(|n| n.is_element() && local(n) != "VariableRef")
            .map(text_of)
            .next()
            .unwrap_or_default();
        let value = value.trim();
        if value.is_empty() || name.is_empty() {
            return;
        }
        if !into
            .iter()
            .any(|a: &Attribute| a.key.eq_ignore_ascii_case(&name))
        {
            into.push(Attribute::new(name, value));
        }
    }

    // ----- cases, notes and the rest -----

    pub(super) fn case(&mut self, c: Node<'_, '_>) {
        let name = c.attribute("name").unwrap_or("").trim().to_string();
        let mut values = Vec::new();
        for v in children(c, "VariableValue") {
            self.variable_value(v, &name, &mut values);
        }
        if self.participant_case(c, &name, &values) {
            return;
        }
        let mut targets: Vec<usize> = children(c, "SourceRef")
            .filter_map(|r| r.attribute("targetGUID").and_then(|g| self.ref_key(g)))
            .filter_map(|g| self.sources.get(&g).copied())
            .collect();
        targets.extend(
            children(c, "SelectionRef")
                .filter_map(|r| r.attribute("targetGUID").and_then(guid_key))
                .filter_map(|g| self.selections.get(&g).map(|s| s.0)),
        );
        targets.sort_unstable();
        targets.dedup();
        if targets.is_empty() {
            self.report
                .lose("Case", &name, crate::t!("loss-why-case-no-source"));
            return;
        }
        if child(c, "SelectionRef").is_some() {
            self.report
                .assumptions
                .push(crate::t!("loss-assume-case-passages", name = name.as_str()));
        }
        if child(c, "CodeRef").is_some() {
            self.report
                .lose("Case", &name, crate::t!("loss-why-case-codes"));
        }
        for t in targets {
            let attrs = &mut self.b.sources[t].source.attributes;
            for v in &values {
                if !attrs.iter().any(|a| a.key.eq_ignore_ascii_case(&v.key)) {
                    attrs.push(v.clone());
                }
            }
            let source_name = &self.b.sources[t].source.name;
            if !name.is_empty() && !name.eq_ignore_ascii_case(source_name) {
                let attrs = &mut self.b.sources[t].source.attributes;
                match attrs.iter_mut().find(|a| a.key == "case") {
                    Some(a) => {
                        if !a.value.split("; ").any(|v| v == name) {
                            a.value = format!("{}; {name}", a.value);
                        }
                    }
                    None => attrs.push(Attribute::new("case", name.clone())),
                }
            }
        }
    }

    /// A case for one speaker of one source, as Jalin writes them (the
    /// variables `speaker` and `speaker role`, one source): the speaker's
    /// role (kept as set when the description says so or it differs from
    /// the one found from the label) and the participant's own attributes.
    /// Returns whether the case was one.
    pub(super) fn participant_case(
        &mut self,
        c: Node<'_, '_>,
        name: &str,
        values: &[Attribute],
    ) -> bool {
        use super::super::qdpx_write::{ROLE_SET, ROLE_VARIABLE, SPEAKER_VARIABLE};
        use crate::model::roles::{Role, SourceRoles, speaker_key};
        let get = |k: &str| {
            values
                .iter()
                .find(|a| a.key.eq_ignore_ascii_case(k))
                .map(|a| a.value.clone())
        };
        let (Some(label), Some(role)) = (
            get(SPEAKER_VARIABLE),
            get(ROLE_VARIABLE).and_then(|r| Role::parse(&r)),
        ) else {
            return false;
        };
        let sources: Vec<usize> = children(c, "SourceRef")
            .filter_map(|r| r.attribute("targetGUID").and_then(|g| self.ref_key(g)))
            .filter_map(|g| self.sources.get(&g).copied())
            .collect();
        let [source] = sources.as_slice() else {
            return false;
        };
        let source = *source;
        let turns = &self.b.sources[source].source.turns;
        let Some(turn) = turns
            .iter()
            .find(|t| speaker_key(&t.speaker) == speaker_key(&label))
        else {
            let source_name = self.b.sources[source].source.name.clone();
            self.report.lose(
                "Case",
                name,
                crate::t!(
                    "loss-why-case-speaker",
                    label = label.as_str(),
                    source = source_name.as_str()
                ),
            );
            return true;
        };
        let label = turn.speaker.to_string();
        let found = SourceRoles::new(crate::model::SourceId(0), turns, &[]).role(&label);
        let set = child(c, "Description").is_some_and(|d| text_of(d).contains(ROLE_SET));
        let role = (set || role != found).then_some(role);
        let attributes: Vec<Attribute> = values
            .iter()
            .filter(|a| {
                !a.key.eq_ignore_ascii_case(SPEAKER_VARIABLE)
                    && !a.key.eq_ignore_ascii_case(ROLE_VARIABLE)
            })
            .cloned()
            .collect();
        let twice = self
            .b
            .speakers
            .iter()
            .any(|s| s.source == source && speaker_key(&s.name) == speaker_key(&label));
        if (role.is_none() && attributes.is_empty()) || twice {
            return true;
        }
        let guid = self.fresh_guid(c.attribute("guid"), "Case", name);
        self.b.speakers.push(crate::store::BundleSpeaker {
            guid: Some(guid),
            source,
            name: label,
            role,
            attributes,
        });
        true
    }

    /// A set of sources named `key: value` or `key::value` (how ATLAS.ti
    /// writes document variables as groups) becomes that attribute of its
    /// member sources. Returns whether it did.
    pub(super) fn set_as_attribute(&mut self, set: Node<'_, '_>) -> bool {
        let name = set.attribute("name").unwrap_or("");
        let Some((key, value)) = name.split_once("::").or_else(|| name.split_once(':')) else {
            return false;
        };
        let (key, value) = (key.trim(), value.trim());
        let members: Vec<Node<'_, '_>> = set
            .children()
            .filter(|n| n.is_element() && local(n).starts_with("Member"))
            .collect();
        let targets: Option<Vec<usize>> = members
            .iter()
            .map(|m| {
                (local(m) == "MemberSource")
                    .then(|| m.attribute("targetGUID").and_then(guid_key))
                    .flatten()
                    .and_then(|g| self.sources.get(&g).copied())
            })
            .collect();
        let Some(targets) = targets.filter(|t| !t.is_empty()) else {
            return false;
        };
        if key.is_empty()
            || value.is_empty()
            || key.contains(char::is_whitespace) && key.split_whitespace().count() > 3
        {
            return false;
        }
        for t in targets {
            let attrs = &mut self.b.sources[t].source.attributes;
            if !attrs.iter().any(|a| a.key.eq_ignore_ascii_case(key)) {
                attrs.push(Attribute::new(key, value));
            }
        }
        self.report.assumptions.push(crate::t!(
            "loss-assume-set-attribute",
            name = name.to_string(),
            key = key.to_string(),
            value = value.to_string()
        ));
        true
    }

    /// The source kind a value of Jalin's kind variable gives.
    pub(super) fn kind_value(&self, v: Node<'_, '_>) -> Option<SourceKind> {
        let var = child(v, "VariableRef")
            .and_then(|r| r.attribute("targetGUID"))
            .and_then(guid_key)?;
        if Some(var) != self.kind_variable {
            return None;
        }
        v.children()
            .filter(|n| n.is_element() && local(n) != "VariableRef")
            .map(text_of)
            .next()?
            .trim()
            .parse()
            .ok()
    }

    /// The kind Jalin's kind variable gave. A file without that variable
    /// (another tool's, or an older Jalin's) may carry the kind as a
    /// variable `kind` holding a Jalin kind; otherwise the kind is guessed
    /// from the speakers, as for text imports.
    pub(super) fn settle_kinds(&mut self) {
        let mut given = 0;
        let mut from_attribute = 0;
        let marked = self.kind_variable.is_some();
        for (i, s) in self.b.sources.iter_mut().enumerate() {
            let src = &mut s.source;
            let pos = src.attributes.iter().position(|a| {
                !marked
                    && a.key.eq_ignore_ascii_case("kind")
                    && a.value.parse::<SourceKind>().is_ok()
            });
            if let Some(&kind) = self.given_kinds.get(&i) {
                src.kind = kind;
                given += 1;
            } else if let Some(i) = pos {
                let a = src.attributes.remove(i);
                src.kind = a.value.parse().unwrap_or(SourceKind::Document);
                given += 1;
                from_attribute += 1;
            } else {
                src.kind = guess_kind(src);
            }
            src.attributes.sort();
        }
        if from_attribute > 0 {
            self.report.assumptions.push(crate::t!(
                "loss-assume-kind-variable",
                count = from_attribute
            ));
        }
        if given < self.b.sources.len() {
            self.report
                .assumptions
                .push(crate::t!("loss-assume-kind-from-turns"));
        }
    }
}
