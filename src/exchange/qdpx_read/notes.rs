//! Notes of a `.qdpx` (memos), and what the reader passes over.

use super::*;

impl<R: Read + Seek> Reader<'_, R> {
    pub(super) fn note(&mut self, n: Node<'_, '_>) -> Result<(), ExchangeProblem> {
        let title = n.attribute("name").unwrap_or("").trim().to_string();
        let guid_given = n.attribute("guid").and_then(guid_key);
        let label = if title.is_empty() {
            guid_given.clone().unwrap_or_default()
        } else {
            title.clone()
        };
        let mut text = match self.read_text(n)? {
            Ok(t) => t.text,
            Err(why) => {
                if child(n, "Description").is_none() {
                    self.report.lose("Note", &label, why);
                    return Ok(());
                }
                String::new()
            }
        };
        if let Some(d) = child(n, "Description") {
            let d = text_of(d);
            if !d.trim().is_empty() {
                text = if text.is_empty() {
                    d
                } else {
                    format!("{d}\n\n{text}")
                };
            }
        }
        if child(n, "PlainTextSelection").is_some() {
            self.report
                .lose("Note", &label, crate::t!("loss-why-note-codings"));
        }
        let targets: Vec<BundleTarget> = match &guid_given {
            Some(g) => self
                .note_refs
                .iter()
                .filter(|(k, _)| k == g)
                .map(|(_, t)| *t)
                .collect(),
            None => Vec::new(),
        };
        let target = targets.first().copied().unwrap_or(BundleTarget::Project);
        if targets.len() > 1 {
            self.report.lose(
                "NoteRef",
                &label,
                crate::t!("loss-why-note-targets", count = targets.len()),
            );
        }
        let guid = self.fresh_guid(n.attribute("guid"), "Note", &label);
        let coder = self.coder(n.attribute("creatingUser"));
        self.b.memos.push(BundleMemo {
            guid: Some(guid),
            target,
            title,
            text,
            coder,
            created_at: datetime(n, "creationDateTime"),
            modified_at: datetime(n, "modifiedDateTime"),
        });
        Ok(())
    }

    pub(super) fn unsupported(&mut self, root: Node<'_, '_>) {
        if let Some(sets) = child(root, "Sets") {
            for s in children(sets, "Set") {
                if self.set_as_attribute(s) {
                    continue;
                }
                let members = s
                    .children()
                    .filter(|n| n.is_element() && local(n).starts_with("Member"))
                    .count();
                self.report.lose(
                    "Set",
                    s.attribute("name").unwrap_or(""),
                    crate::t!("loss-why-set", count = members),
                );
            }
        }
        if let Some(links) = child(root, "Links") {
            for l in children(links, "Link") {
                self.report.lose(
                    "Link",
                    l.attribute("name").unwrap_or(""),
                    crate::t!("loss-why-link"),
                );
            }
        }
        if let Some(graphs) = child(root, "Graphs") {
            for g in children(graphs, "Graph") {
                self.report.lose(
                    "Graph",
                    g.attribute("name").unwrap_or(""),
                    crate::t!("loss-why-graph"),
                );
            }
        }
    }
}
