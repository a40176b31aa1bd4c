//! `jalin codes`: the codebook (add, rename, move, merge, delete, list).

use std::io::Write;

use anyhow::{Context, Result, anyhow, bail};

use super::list::codes_table;
use super::report::emit;
use super::{Change, CodesCommand, change, open};
use crate::model::Color;

pub(super) fn codes_cmd(c: CodesCommand, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    match c {
        CodesCommand::Add {
            project,
            name,
            parent,
            color,
            description,
        } => {
            let mut p = open(&project)?;
            let parent = parent.map(|s| p.find_code(&s)).transpose()?.map(|c| c.id);
            let color = color
                .map(|c| c.parse::<Color>())
                .transpose()
                .map_err(|e| anyhow!(e))?;
            let inverse = change(
                &mut p,
                Change::AddCode {
                    name,
                    parent,
                    color,
                    description,
                },
            )?;
            let made = Change::created_code(&inverse).context("the code was not saved")?;
            writeln!(out, "{}", p.code(made)?.guid)?;
        }
        CodesCommand::List { project, output } => {
            let p = open(&project)?;
            emit(&p, &codes_table(&p.data()?), &output, out, err)?;
        }
        CodesCommand::Rename {
            project,
            code,
            new_name,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            change(
                &mut p,
                Change::RenameCode {
                    code: c.id,
                    name: new_name.clone(),
                },
            )?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-code-renamed",
                    old = c.name.as_str(),
                    new = new_name.trim()
                )
            )?;
        }
        CodesCommand::Recolor {
            project,
            code,
            color,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            let color: Color = color
                .parse()
                .map_err(|e: crate::model::BadColor| anyhow!(e))?;
            change(&mut p, Change::SetCodeColor { code: c.id, color })?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-code-color",
                    name = c.name.as_str(),
                    color = color.to_string()
                )
            )?;
        }
        CodesCommand::Describe {
            project,
            code,
            description,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            change(
                &mut p,
                Change::SetCodeDescription {
                    code: c.id,
                    description,
                },
            )?;
        }
        CodesCommand::Move {
            project,
            code,
            parent,
            top: _,
        } => {
            let mut p = open(&project)?;
            let c = p.find_code(&code)?;
            let parent = parent.map(|s| p.find_code(&s)).transpose()?;
            change(
                &mut p,
                Change::PlaceCode {
                    code: c.id,
                    parent: parent.as_ref().map(|p| p.id),
                    position: None,
                },
            )?;
            let book = p.codebook()?;
            writeln!(
                out,
                "{}",
                crate::t!("cli-code-moved", path = book.path(c.id))
            )?;
        }
        CodesCommand::Merge {
            project,
            from,
            into,
        } => {
            let mut p = open(&project)?;
            let (f, i) = (p.find_code(&from)?, p.find_code(&into)?);
            let inverse = change(
                &mut p,
                Change::MergeCodes {
                    from: f.id,
                    into: i.id,
                },
            )?;
            let Change::Unmerge { report: r, .. } = inverse.unchecked() else {
                bail!("the merge was not saved");
            };
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-code-merged",
                    from = f.name.as_str(),
                    into = i.name.as_str(),
                    moved = r.moved.len(),
                    dropped = r.dropped.len(),
                    subs = r.children.len()
                )
            )?;
        }
        CodesCommand::Delete {
            project,
            code,
            dry_run,
        } => {
            let (mut p, _copy) = if dry_run {
                super::open_unchanged(&project)?
            } else {
                (open(&project)?, None)
            };
            let c = p.find_code(&code)?;
            let gone = if dry_run {
                p.code_deletion_preview(c.id)?
            } else {
                match change(&mut p, Change::DeleteCode(c.id))?.unchecked() {
                    Change::RestoreCode(gone) => gone.clone(),
                    _ => bail!("the code was not deleted"),
                }
            };
            let (subs, codings, memos) =
                (gone.codes.len() - 1, gone.codings.len(), gone.memos.len());
            let name = c.name.as_str();
            let said = if dry_run {
                crate::t!(
                    "cli-code-would-delete",
                    name = name,
                    subs = subs,
                    codings = codings,
                    memos = memos
                )
            } else {
                crate::t!(
                    "cli-code-deleted",
                    name = name,
                    subs = subs,
                    codings = codings,
                    memos = memos
                )
            };
            writeln!(out, "{said}")?;
        }
    }
    Ok(())
}
