//! `jalin coders` (list, add, rename, colour) and `jalin blind` (blind
//! coding on, off, status). Every change goes through the command layer.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{BlindAction, Change, CodersAction, CodersArgs, change, open};
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
            writeln!(out, "added coder '{}'", name.trim())?;
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
            writeln!(out, "renamed coder '{}' to '{}'", coder.name, new.trim())?;
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
            writeln!(out, "coder '{}' is now {color}", coder.name)?;
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
        writeln!(
            out,
            "blind coding is on: reports show each coder only their own codings (you are coder '{}')",
            current.trim()
        )?;
    } else {
        writeln!(out, "blind coding is off: everyone's codings are shown")?;
    }
    Ok(())
}
