//! Sources of a `.qdpx`: their texts, selections and the codings in them.

use super::*;

impl<R: Read + Seek> Reader<'_, R> {
    pub(super) fn source_element(&mut self, s: Node<'_, '_>) -> Result<(), ExchangeProblem> {
        let name = s.attribute("name").unwrap_or("").trim().to_string();
        match local(&s) {
            "TextSource" => {
                self.text_source(s, s, &name)?;
            }
            "PDFSource" => {
                let regions = children(s, "PDFSelection").count();
                if let Some(rep) = child(s, "Representation") {
                    self.text_source(rep, s, &name)?;
                    if regions > 0 {
                        let codings: usize = children(s, "PDFSelection")
                            .map(|p| children(p, "Coding").count())
                            .sum();
                        self.report.lose(
                            "PDFSelection",
                            crate::t!("loss-pdf-regions", count = regions, name = name.as_str()),
                            crate::t!("loss-why-pdf-regions", count = codings),
                        );
                    }
                } else {
                    self.report
                        .lose("PDFSource", &name, crate::t!("loss-why-pdf-no-text"));
                }
            }
            other @ ("PictureSource" | "AudioSource" | "VideoSource") => {
                let (sel, codings) = selections_and_codings(s);
                let transcripts = children(s, "Transcript").count();
                let reason = if transcripts > 0 {
                    crate::t!(
                        "loss-why-media-transcripts",
                        selections = sel,
                        codings = codings,
                        transcripts = transcripts
                    )
                } else {
                    crate::t!("loss-why-media", selections = sel, codings = codings)
                };
                self.report.lose(other, &name, reason);
            }
            other => self
                .report
                .lose(other, &name, crate::t!("loss-why-unknown-source")),
        }
        Ok(())
    }

    /// Reads a text's content: inline or from the archive. `Err` holds why
    /// it is missing; a damaged archive and archive attacks are fatal.
    pub(super) fn read_text(
        &mut self,
        s: Node<'_, '_>,
    ) -> Result<Result<SourceText, String>, ExchangeProblem> {
        if let Some(c) = child(s, "PlainTextContent") {
            return Ok(Ok(SourceText::from_raw(&text_of(c), false)));
        }
        let Some(path) = s.attribute("plainTextPath") else {
            return Ok(Err(
                "it has neither a plain-text file nor inline text".into()
            ));
        };
        let Some(rest) = path.strip_prefix("internal://") else {
            return Ok(Err(format!(
                "its text lies outside the archive ({path}); Jalin reads only what the .qdpx holds"
            )));
        };
        let rest = rest.trim_start_matches('/');
        let Some(archive) = self.archive.as_deref_mut() else {
            return Ok(Err("there is no archive to read its text from".into()));
        };
        let entry = [format!("sources/{rest}"), rest.to_string()]
            .into_iter()
            .find_map(|candidate| archive.find(&candidate).map(str::to_string));
        let Some(entry) = entry else {
            return Ok(Err(format!(
                "its text file sources/{rest} is missing from the archive"
            )));
        };
        // A damaged entry (bad checksum, broken compression, cut short)
        // refuses the whole file, like any other damage to the archive.
        let bytes = archive.read(&entry)?;
        Ok(SourceText::from_bytes(&bytes)
            .ok_or_else(|| format!("its text file {entry} is not UTF-8 text")))
    }

    /// A text source, or the text representation of a PDF (`meta` is the
    /// element carrying its GUID, name, variables and notes).
    pub(super) fn text_source(
        &mut self,
        s: Node<'_, '_>,
        meta: Node<'_, '_>,
        name: &str,
    ) -> Result<(), ExchangeProblem> {
        let element = local(&meta).to_string();
        let name = if name.is_empty() {
            format!("Source {}", self.b.sources.len() + 1)
        } else {
            name.to_string()
        };
        let guid = self.fresh_guid(meta.attribute("guid"), &element, &name);
        let text = match self.read_text(s)? {
            Ok(t) => Some(t),
            Err(why) => {
                let (sel, codings) = selections_and_codings(s);
                let reason = if sel > 0 {
                    crate::t!(
                        "loss-why-no-text-placed",
                        why = why.to_string(),
                        selections = sel,
                        codings = codings
                    )
                } else {
                    crate::t!("loss-why-no-text", why = why.to_string())
                };
                self.report.lose(&element, &name, reason);
                None
            }
        };
        let body = text.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        let at = self.b.sources.len();
        self.sources.insert(guid.to_string(), at);
        let mut attributes = Vec::new();
        for v in children(meta, "VariableValue") {
            if let Some(kind) = self.kind_value(v) {
                self.given_kinds.insert(at, kind);
            }
            self.variable_value(v, &name, &mut attributes);
        }
        let turns = speakers::detect(&body);
        self.b.sources.push(BundleSource {
            source: NewSource {
                name: name.clone(),
                kind: SourceKind::Document,
                text: body,
                original_name: Some(name.clone()),
                attributes,
                turns,
                guid: Some(guid),
            },
            imported_at: datetime(meta, "creationDateTime"),
            existing: false,
        });
        for n in children(meta, "NoteRef") {
            if let Some(g) = n.attribute("targetGUID").and_then(guid_key) {
                self.note_refs.push((g, BundleTarget::Source(at)));
            }
        }
        if let Some(d) = child(meta, "Description") {
            let text = text_of(d);
            if !text.trim().is_empty() {
                let coder = self.coder(meta.attribute("creatingUser"));
                self.b.memos.push(BundleMemo {
                    guid: None,
                    target: BundleTarget::Source(at),
                    title: "Description".into(),
                    text,
                    coder,
                    created_at: datetime(meta, "creationDateTime"),
                    modified_at: datetime(meta, "modifiedDateTime"),
                });
            }
        }
        let Some(text) = text else {
            return Ok(());
        };
        let selections: Vec<Node<'_, '_>> = children(s, "PlainTextSelection").collect();
        let ranges: Vec<(usize, usize)> = selections
            .iter()
            .filter_map(|n| Some((position(*n, "startPosition")?, position(*n, "endPosition")?)))
            .collect();
        let (counting, overruled) = text.choose_counting(self.counting, &ranges);
        if overruled {
            self.counting_overruled += 1;
            self.report.assumptions.push(format!(
                "positions in '{name}' read as {}",
                counting.describe()
            ));
        }
        for sel in selections {
            self.selection(sel, at, &name, &text, counting);
        }
        // Codings of the whole source.
        for c in children(s, "Coding") {
            if text.is_empty() {
                self.report.lose(
                    "Coding",
                    c.attribute("guid").unwrap_or(""),
                    crate::t!("loss-why-whole-no-text", name = name.as_str()),
                );
                continue;
            }
            self.coding(c, at, 0, text.len(), None, None);
        }
        Ok(())
    }

    pub(super) fn selection(
        &mut self,
        sel: Node<'_, '_>,
        source: usize,
        source_name: &str,
        text: &SourceText,
        counting: Counting,
    ) {
        let label = sel
            .attribute("name")
            .filter(|n| !n.trim().is_empty())
            .map(|n| n.chars().take(60).collect::<String>())
            .unwrap_or_else(|| sel.attribute("guid").unwrap_or("").to_string());
        let (Some(start), Some(end)) =
            (position(sel, "startPosition"), position(sel, "endPosition"))
        else {
            self.report.lose(
                "PlainTextSelection",
                &label,
                crate::t!("loss-why-positions-not-numbers", source = source_name),
            );
            return;
        };
        let mapped = text.map(counting, start).zip(text.map(counting, end));
        let Some((s, e)) = mapped.filter(|(s, e)| s < e) else {
            self.report.lose(
                "PlainTextSelection",
                &label,
                crate::t!(
                    "loss-why-positions-outside",
                    source = source_name,
                    start = start.to_string(),
                    end = end.to_string(),
                    count = text.len().to_string()
                ),
            );
            return;
        };
        let mut made = Vec::new();
        for c in children(sel, "Coding") {
            if let Some(i) = self.coding(
                c,
                source,
                s,
                e,
                sel.attribute("creatingUser"),
                datetime(sel, "creationDateTime"),
            ) {
                made.push(i);
            }
        }
        let target = made
            .first()
            .map_or(BundleTarget::Source(source), |&i| BundleTarget::Coding(i));
        let description = child(sel, "Description").map(text_of).unwrap_or_default();
        let has_notes = child(sel, "NoteRef").is_some();
        if !description.trim().is_empty() {
            let coder = self.coder(sel.attribute("creatingUser"));
            let title = match target {
                BundleTarget::Coding(_) => "Comment on the passage".to_string(),
                _ => format!("Comment on passage {s}..{e}"),
            };
            self.b.memos.push(BundleMemo {
                guid: None,
                target,
                title,
                text: description,
                coder,
                created_at: datetime(sel, "creationDateTime"),
                modified_at: datetime(sel, "modifiedDateTime"),
            });
        } else if made.is_empty() && !has_notes && child(sel, "Coding").is_none() {
            self.report.lose(
                "PlainTextSelection",
                &label,
                crate::t!("loss-why-selection-uncoded", source = source_name),
            );
        }
        for n in children(sel, "NoteRef") {
            if let Some(g) = n.attribute("targetGUID").and_then(guid_key) {
                self.note_refs.push((g, target));
            }
        }
        if let Some(g) = sel.attribute("guid").and_then(guid_key) {
            self.selections.insert(g, (source, made));
        }
    }

    pub(super) fn coding(
        &mut self,
        c: Node<'_, '_>,
        source: usize,
        start: usize,
        end: usize,
        fallback_user: Option<&str>,
        fallback_time: Option<String>,
    ) -> Option<usize> {
        let code_ref = child(c, "CodeRef").and_then(|r| r.attribute("targetGUID"));
        let Some(&code) = code_ref
            .and_then(|r| self.ref_key(r))
            .and_then(|g| self.codes.get(&g))
        else {
            self.report.lose(
                "Coding",
                c.attribute("guid").unwrap_or(""),
                crate::t!(
                    "loss-why-unknown-code",
                    code = code_ref.map_or_else(|| crate::t!("loss-none"), str::to_string)
                ),
            );
            return None;
        };
        let guid = self.fresh_guid(
            c.attribute("guid"),
            "Coding",
            c.attribute("guid").unwrap_or(""),
        );
        let coder = self.coder(c.attribute("creatingUser").or(fallback_user));
        let at = self.b.codings.len();
        self.b.codings.push(BundleCoding {
            guid: Some(guid),
            source,
            code,
            start,
            end,
            coder,
            created_at: datetime(c, "creationDateTime").or(fallback_time),
            existing: false,
        });
        for n in children(c, "NoteRef") {
            if let Some(g) = n.attribute("targetGUID").and_then(guid_key) {
                self.note_refs.push((g, BundleTarget::Coding(at)));
            }
        }
        Some(at)
    }
}

pub(super) fn position(n: Node<'_, '_>, attr: &str) -> Option<usize> {
    n.attribute(attr)?.trim().parse().ok()
}

/// Selections of any type under a source, and the codings in them.
pub(super) fn selections_and_codings(s: Node<'_, '_>) -> (usize, usize) {
    let sel = s
        .descendants()
        .filter(|n| n.is_element() && local(n).ends_with("Selection"))
        .count();
    let codings = s
        .descendants()
        .filter(|n| n.is_element() && local(n) == "Coding")
        .count();
    (sel, codings)
}
