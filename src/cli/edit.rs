//! `jalin source`, `jalin memo` and `jalin exemplar`: changes to a source's
//! name, kind and attributes, memos, exemplar marks.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::list::attributes_text;
use super::{Change, MemoArgs, SourceArgs, change, open, parse_attr};
use crate::model::MemoTarget;

pub(super) fn source_cmd(a: SourceArgs, out: &mut dyn Write) -> Result<()> {
    let SourceArgs {
        project,
        source,
        rename,
        kind,
        attrs,
        unset,
    } = a;
    let mut p = open(&project)?;
    let s = p.find_source(&source)?;
    let attrs = attrs
        .iter()
        .map(|a| parse_attr(a))
        .collect::<Result<Vec<_>>>()?;
    // Kind, attributes and name change together or not at all.
    let mut steps = Vec::new();
    if let Some(kind) = kind {
        steps.push(Change::SetSourceKind { source: s.id, kind });
    }
    for a in attrs {
        steps.push(Change::SetAttribute {
            source: s.id,
            key: a.key,
            value: Some(a.value),
        });
    }
    for key in unset {
        steps.push(Change::SetAttribute {
            source: s.id,
            key,
            value: None,
        });
    }
    if let Some(name) = rename {
        steps.push(Change::RenameSource { source: s.id, name });
    }
    change(&mut p, Change::Batch(steps))?;
    let s = p.source(s.id)?;
    writeln!(
        out,
        "{} · {} · {}",
        s.name,
        s.kind,
        attributes_text(&s.attributes)
    )?;
    Ok(())
}

pub(super) fn memo_cmd(a: MemoArgs, coder: &str, out: &mut dyn Write) -> Result<()> {
    let MemoArgs {
        project,
        text,
        source,
        code,
        coding,
        title,
    } = a;
    let mut p = open(&project)?;
    let target = if let Some(s) = source {
        MemoTarget::Source(p.find_source(&s)?.id)
    } else if let Some(c) = code {
        MemoTarget::Code(p.find_code(&c)?.id)
    } else if let Some(c) = coding {
        MemoTarget::Coding(p.find_coding(&c)?.id)
    } else {
        MemoTarget::Project
    };
    let coder = super::coder_id(&mut p, coder)?;
    let inverse = change(
        &mut p,
        Change::AddMemo {
            target,
            title,
            text,
            coder,
        },
    )?;
    let id = Change::created_memo(&inverse).context("the memo was not saved")?;
    writeln!(out, "{}", p.memo(id)?.guid)?;
    Ok(())
}

pub(super) fn exemplar_cmd(
    project: &Path,
    coding: &str,
    unset: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut p = open(project)?;
    let c = p.find_coding(coding)?;
    change(
        &mut p,
        Change::SetExemplar {
            coding: c.id,
            exemplar: !unset,
        },
    )?;
    writeln!(
        out,
        "{} {} an exemplar",
        c.guid,
        if unset { "is no longer" } else { "is" }
    )?;
    Ok(())
}
