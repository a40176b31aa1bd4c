//! `jalin source`, `jalin memo` and `jalin exemplar`: changes to a source's
//! name, kind, attributes and text, memos, exemplar marks.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::list::attributes_text;
use super::{Change, MemoArgs, SourceArgs, change, open, parse_attr, parse_range};
use crate::model::MemoTarget;

pub(super) fn source_cmd(a: SourceArgs, out: &mut dyn Write) -> Result<()> {
    let SourceArgs {
        project,
        sources,
        rename,
        kind,
        attrs,
        unset,
        find,
        at,
        replace,
    } = a;
    let mut p = open(&project)?;
    let mut found = Vec::with_capacity(sources.len());
    for name in &sources {
        let s = p.find_source(name)?;
        if found
            .iter()
            .any(|f: &crate::model::SourceMeta| f.id == s.id)
        {
            bail!(crate::t!("cli-source-twice", name = &s.name));
        }
        found.push(s);
    }
    if found.len() > 1 && (rename.is_some() || find.is_some() || at.is_some()) {
        bail!(crate::t!("cli-edit-one-source", count = found.len()));
    }
    if replace.is_some() && find.is_none() && at.is_none() {
        bail!(crate::t!("cli-replace-needs-find"));
    }
    let attrs = attrs
        .iter()
        .map(|a| parse_attr(a))
        .collect::<Result<Vec<_>>>()?;
    // Text, kind, attributes and name change together or not at all, for
    // every source named.
    let mut steps = Vec::new();
    if let Some(new) = &replace {
        let s = &found[0];
        let (start, end) = match (&find, &at) {
            (Some(old), _) => unique_match(&p.source_text(s.id)?, old, &s.name)?,
            (None, Some(range)) => parse_range(range)?,
            (None, None) => unreachable!("checked above"),
        };
        steps.push(Change::EditText {
            source: s.id,
            start,
            end,
            text: new.clone(),
        });
    }
    for s in &found {
        if let Some(kind) = kind {
            steps.push(Change::SetSourceKind { source: s.id, kind });
        }
        for a in &attrs {
            steps.push(Change::SetAttribute {
                source: s.id,
                key: a.key.clone(),
                value: Some(a.value.clone()),
            });
        }
        for key in &unset {
            steps.push(Change::SetAttribute {
                source: s.id,
                key: key.clone(),
                value: None,
            });
        }
    }
    if let Some(name) = rename {
        steps.push(Change::RenameSource {
            source: found[0].id,
            name,
        });
    }
    let inverse = change(&mut p, Change::Batch(steps))?;
    if let Change::Batch(undo) = &inverse
        && let Some(edit) = undo.iter().find_map(|c| match c.unchecked() {
            Change::RevertText(edit) => Some(edit),
            _ => None,
        })
    {
        writeln!(
            out,
            "{}",
            crate::t!(
                "cli-text-replaced",
                start = edit.start.to_string(),
                end = edit.end.to_string(),
                old = format!("{:?}", edit.old),
                new = format!("{:?}", edit.new),
                moved = edit.moved.len(),
                removed = edit.removed.len(),
                kept = edit.kept.len()
            )
        )?;
    }
    for s in &found {
        let s = p.source(s.id)?;
        writeln!(
            out,
            "{} · {} · {}",
            s.name,
            crate::export::value_in(&s.kind.to_string(), crate::i18n::current()),
            attributes_text(&s.attributes)
        )?;
    }
    Ok(())
}

/// The range of the one place `old` occurs in `text`, in code points.
fn unique_match(text: &str, old: &str, source: &str) -> Result<(usize, usize)> {
    if old.is_empty() {
        bail!(crate::t!("cli-find-empty"));
    }
    let mut at = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(old) {
        let b = from + i;
        at.push(b);
        from = b + text[b..].chars().next().map_or(1, char::len_utf8);
    }
    let span = |b: usize| {
        let s = text[..b].chars().count();
        (s, s + old.chars().count())
    };
    match at.as_slice() {
        [] => bail!(crate::t!(
            "cli-find-none",
            old = format!("{old:?}"),
            source = source
        )),
        [b] => Ok(span(*b)),
        many => {
            let places = many
                .iter()
                .take(5)
                .map(|&b| {
                    let (s, e) = span(b);
                    format!("{s}..{e}")
                })
                .collect::<Vec<_>>()
                .join(", ");
            let places = if many.len() > 5 {
                format!("{places}, …")
            } else {
                places
            };
            bail!(crate::t!(
                "cli-find-many",
                old = format!("{old:?}"),
                count = many.len(),
                source = source,
                places = places
            ))
        }
    }
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
    let guid = c.guid.to_string();
    let said = if unset {
        crate::t!("cli-exemplar-unset", guid = guid)
    } else {
        crate::t!("cli-exemplar-set", guid = guid)
    };
    writeln!(out, "{said}")?;
    Ok(())
}
