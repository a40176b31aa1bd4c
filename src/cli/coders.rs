//! `jalin coders` (list, add, rename, colour) and `jalin blind` (blind
//! coding on, off, status). Every change goes through the command layer.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use super::{BlindAction, Change, CodersAction, CodersArgs, DisagreementArgs, change, open};
use crate::model::Color;

pub(super) fn coders_cmd(a: CodersArgs, current: &str, out: &mut dyn Write) -> Result<()> {
    let mut p = open(&a.project)?;
    match a.action {
        CodersAction::List => {
            let counts = p.coder_counts()?;
            writeln!(out, "coder\tcolour\tcodings\tmemos")?;
            for c in p.coders()? {
                let (codings, memos) = counts.get(&c.id).copied().unwrap_or_default();
                let mark = if c.name.eq_ignore_ascii_case(current.trim()) {
                    " (you)"
                } else {
                    ""
                };
                let color = c
                    .color
                    .map_or_else(|| format!("{} (default)", c.shown_color()), |c| c.to_hex());
                writeln!(out, "{}{mark}\t{color}\t{codings}\t{memos}", c.name)?;
            }
        }
        CodersAction::Add { name, color } => {
            let color = color.as_deref().map(parse_color).transpose()?;
            change(
                &mut p,
                Change::AddCoder {
                    name: name.clone(),
                    color,
                },
            )?;
            writeln!(out, "{}", crate::t!("cli-coder-added", name = name.trim()))?;
        }
        CodersAction::Rename { old, new } => {
            let coder = p.named_coder(&old)?;
            change(
                &mut p,
                Change::RenameCoder {
                    coder: coder.id,
                    name: new.clone(),
                },
            )?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-coder-renamed",
                    old = coder.name.as_str(),
                    new = new.trim()
                )
            )?;
        }
        CodersAction::Color { name, color } => {
            let color = parse_color(&color)?;
            let coder = p.named_coder(&name)?;
            change(
                &mut p,
                Change::SetCoderColor {
                    coder: coder.id,
                    color: Some(color),
                },
            )?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-coder-color",
                    name = coder.name.as_str(),
                    color = color.to_string()
                )
            )?;
        }
    }
    Ok(())
}

fn parse_color(s: &str) -> Result<Color> {
    Ok(s.trim().parse::<Color>()?)
}

pub(super) fn blind_cmd(
    project: &Path,
    action: BlindAction,
    current: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let mut p = open(project)?;
    match action {
        BlindAction::On => {
            change(&mut p, Change::SetBlind(true))?;
        }
        BlindAction::Off => {
            change(&mut p, Change::SetBlind(false))?;
        }
        BlindAction::Status => {}
    }
    if p.blind()? {
        writeln!(out, "{}", crate::t!("cli-blind-on", name = current.trim()))?;
    } else {
        writeln!(out, "{}", crate::t!("cli-blind-off"))?;
    }
    Ok(())
}

pub(super) fn disagreements_cmd(
    a: DisagreementArgs,
    current: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    use crate::analysis::disagreements::{Names, compare, consensus_ranges, disagreements_report};
    let [name_a, name_b] = a.coders.as_slice() else {
        bail!(crate::t!("cli-disagreements-two-coders"));
    };
    if !(a.min_overlap > 0.0 && a.min_overlap <= 100.0) {
        bail!(crate::t!(
            "cli-bad-min-overlap",
            value = a.min_overlap.to_string()
        ));
    }
    let p = open(&a.project)?;
    if p.blind()? {
        bail!(crate::t!("cli-blind-no-compare", coder = current.trim()));
    }
    let coder_a = p.named_coder(name_a)?;
    let coder_b = p.named_coder(name_b)?;
    if coder_a.id == coder_b.id {
        bail!(crate::t!("cli-coders-same-twice", name = &coder_a.name));
    }
    let filter = super::report::build_filter(&p, &[], &[], &[], &a.codes)?;
    let data = filter.keep(p.lean_data()?);
    let share = a.min_overlap / 100.0;
    let cmp = compare(&data.codings, coder_a.id, coder_b.id, share);
    let consensus = p.find_coder(crate::model::CONSENSUS_CODER)?.map(|c| c.id);
    let decided = consensus_ranges(&data.codings, consensus);
    let book = crate::model::Codebook::new(p.codes()?);
    let sources = p.sources()?.into_iter().map(|s| (s.id, s.name)).collect();
    let names = Names {
        book: &book,
        sources: &sources,
        coder_a: &coder_a.name,
        coder_b: &coder_b.name,
    };
    let mut report = disagreements_report(&cmp, &decided, &p.source_texts()?, &names, share);
    if let Some(note) = filter.note(&data.coders, &book) {
        report.notes.push(note);
    }
    super::report::emit_report(&p, &report, &a.output, out, err)
}
