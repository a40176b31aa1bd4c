//! `jalin list` and `jalin show`: what a project holds, as tables.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::report::emit;
use super::{ListCommand, open};
use crate::analysis::{self, Cell, Table};
use crate::model::{Attribute, Codebook, MemoTarget};

pub(super) fn show_cmd(project: &Path, source: &str, out: &mut dyn Write) -> Result<()> {
    let p = open(project)?;
    let s = p.find_source(source)?;
    out.write_all(p.source_text(s.id)?.as_bytes())?;
    Ok(())
}

pub(super) fn attributes_text(attrs: &[Attribute]) -> String {
    attrs
        .iter()
        .map(|a| format!("{}={}", a.key, a.value))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The codebook with counts, in tree order: a code's own codings and the
/// sources they are in.
pub fn codes_table(data: &crate::store::ProjectData) -> Table {
    let book = Codebook::new(data.codes.clone());
    let mut own: HashMap<_, (usize, std::collections::HashSet<_>)> = HashMap::new();
    for c in &data.codings {
        let e = own.entry(c.code).or_default();
        e.0 += 1;
        e.1.insert(c.source);
    }
    let mut t = Table::new(
        "Codebook",
        ["code", "codings", "sources", "color", "description", "guid"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    for (_, code) in book.preorder() {
        let (n, sources) = own.get(&code.id).map_or((0, 0), |(n, s)| (*n, s.len()));
        t.rows.push(vec![
            Cell::text(book.path(code.id)),
            n.into(),
            sources.into(),
            Cell::text(code.color.to_hex()),
            Cell::text(code.description.clone()),
            Cell::text(code.guid.to_string()),
        ]);
    }
    t
}

/// While the project is blind, lists keep only the current coder's codings
/// (and memos, below), as reports do.
fn blind_scope(
    p: &crate::store::Project,
    data: &mut crate::store::ProjectData,
    current: &str,
) -> Result<()> {
    if p.blind()? {
        let me = p
            .find_coder(current)?
            .map_or(crate::analysis::NOBODY, |c| c.id);
        data.codings.retain(|c| c.coder == me);
    }
    Ok(())
}

pub(super) fn list_cmd(
    l: ListCommand,
    current: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    match l {
        ListCommand::Sources { project, output } => {
            let p = open(&project)?;
            let mut data = p.data()?;
            blind_scope(&p, &mut data, current)?;
            let mut counts: HashMap<_, usize> = HashMap::new();
            for c in &data.codings {
                *counts.entry(c.source).or_default() += 1;
            }
            let mut t = Table::new(
                "Sources",
                [
                    "source",
                    "kind",
                    "characters",
                    "turns",
                    "codings",
                    "attributes",
                    "file",
                    "imported",
                    "guid",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            );
            for s in &data.sources {
                t.rows.push(vec![
                    Cell::text(s.name.clone()),
                    s.kind.as_str().into(),
                    s.char_len.into(),
                    data.turns.get(&s.id).map_or(0, Vec::len).into(),
                    counts.get(&s.id).copied().unwrap_or(0).into(),
                    Cell::text(attributes_text(&s.attributes)),
                    Cell::text(s.original_name.clone().unwrap_or_default()),
                    Cell::text(s.imported_at.clone()),
                    Cell::text(s.guid.to_string()),
                ]);
            }
            emit(&p, &t, &output, out, err)?;
        }
        ListCommand::Codes { project, output } => {
            let p = open(&project)?;
            let mut data = p.data()?;
            blind_scope(&p, &mut data, current)?;
            emit(&p, &codes_table(&data), &output, out, err)?;
        }
        ListCommand::Codings {
            project,
            code,
            source,
            output,
        } => {
            let p = open(&project)?;
            let mut data = p.data()?;
            blind_scope(&p, &mut data, current)?;
            if let Some(c) = code {
                let id = p.find_code(&c)?.id;
                data.codings.retain(|k| k.code == id);
            }
            if let Some(s) = source {
                let id = p.find_source(&s)?.id;
                data.codings.retain(|k| k.source == id);
            }
            let segs = analysis::segments(&data, &p.source_texts()?);
            emit(&p, &analysis::segments_table(&segs), &output, out, err)?;
        }
        ListCommand::Memos { project, output } => {
            let p = open(&project)?;
            let mut data = p.data()?;
            blind_scope(&p, &mut data, current)?;
            let book = Codebook::new(data.codes.clone());
            let sources: HashMap<_, _> = data
                .sources
                .iter()
                .map(|s| (s.id, s.name.clone()))
                .collect();
            let coders: HashMap<_, _> =
                data.coders.iter().map(|c| (c.id, c.name.clone())).collect();
            let mut t = Table::new(
                "Memos",
                [
                    "about", "target", "title", "text", "coder", "modified", "guid",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            );
            let me = match p.blind()? {
                true => Some(
                    p.find_coder(current)?
                        .map_or(crate::analysis::NOBODY, |c| c.id),
                ),
                false => None,
            };
            for m in p
                .memos()?
                .into_iter()
                .filter(|m| me.is_none_or(|me| m.coder == me))
            {
                let (about, target) = match m.target {
                    MemoTarget::Project => ("project", String::new()),
                    MemoTarget::Source(s) => {
                        ("source", sources.get(&s).cloned().unwrap_or_default())
                    }
                    MemoTarget::Code(c) => ("code", book.path(c)),
                    MemoTarget::Coding(c) => (
                        "coding",
                        p.coding(c).map(|c| c.guid.to_string()).unwrap_or_default(),
                    ),
                };
                t.rows.push(vec![
                    about.into(),
                    Cell::text(target),
                    Cell::text(m.title.clone()),
                    Cell::text(m.text.clone()),
                    Cell::text(coders.get(&m.coder).cloned().unwrap_or_default()),
                    Cell::text(m.modified_at.clone()),
                    Cell::text(m.guid.to_string()),
                ]);
            }
            emit(&p, &t, &output, out, err)?;
        }
    }
    Ok(())
}
