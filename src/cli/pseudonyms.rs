//! `jalin pseudonyms PROJECT list|suggest|add|remove|check`.

use std::io::Write;

use anyhow::{Result, bail};

use super::{Change, PseudonymsAction, PseudonymsArgs, change, open};

pub(super) fn pseudonyms_cmd(
    a: PseudonymsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let mut p = open(&a.project)?;
    match a.action {
        PseudonymsAction::List => {
            let table = p.pseudonyms()?;
            if table.is_empty() {
                writeln!(
                    err,
                    "no pseudonyms yet: `jalin pseudonyms {} suggest` lists names the project suggests",
                    a.project.display()
                )?;
            }
            for row in table {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    row.real,
                    row.pseudonym,
                    row.kind.as_str()
                )?;
            }
        }
        PseudonymsAction::Suggest { accept, min_count } => {
            let found = p.pseudonym_suggestions(min_count)?;
            for s in &found {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    s.real,
                    s.pseudonym,
                    s.kind.as_str(),
                    s.reason
                )?;
            }
            if accept && !found.is_empty() {
                let steps = found
                    .iter()
                    .map(|s| Change::SetPseudonym {
                        real: s.real.clone(),
                        pseudonym: Some((s.pseudonym.clone(), s.kind)),
                    })
                    .collect();
                change(&mut p, Change::Batch(steps))?;
                writeln!(err, "added {} pseudonyms", found.len())?;
            } else if found.is_empty() {
                writeln!(err, "nothing to suggest")?;
            }
        }
        PseudonymsAction::Add {
            real,
            pseudonym,
            kind,
        } => {
            if let Some(old) = p.pseudonym_of(&real)? {
                bail!(
                    "'{}' is already in the pseudonym table (as '{}' → '{}'); `jalin pseudonyms {} remove '{}'` first. Nothing was changed",
                    real.trim(),
                    old.real,
                    old.pseudonym,
                    a.project.display(),
                    old.real
                );
            }
            change(
                &mut p,
                Change::SetPseudonym {
                    real: real.clone(),
                    pseudonym: Some((pseudonym.clone(), kind)),
                },
            )?;
            writeln!(
                out,
                "'{}' → '{}' ({})",
                real.trim(),
                pseudonym.trim(),
                kind.as_str()
            )?;
        }
        PseudonymsAction::Remove { real } => {
            change(
                &mut p,
                Change::SetPseudonym {
                    real: real.clone(),
                    pseudonym: None,
                },
            )?;
            writeln!(out, "removed '{}'", real.trim())?;
        }
        PseudonymsAction::Check { files } => {
            let ps = p.pseudonymiser()?;
            if ps.is_empty() {
                bail!(
                    "the project has no pseudonyms, so there is no real name to look for; add them with `jalin pseudonyms {} add`",
                    a.project.display()
                );
            }
            let mut found = 0usize;
            let mut failed = 0usize;
            for file in &files {
                match crate::export::scan_file(&ps, file) {
                    Ok(hits) => {
                        for h in &hits {
                            writeln!(
                                out,
                                "{}: {}: '{}' (real name '{}'): {}",
                                file.display(),
                                h.place,
                                h.found,
                                h.real,
                                h.context
                            )?;
                        }
                        found += hits.len();
                    }
                    Err(why) => {
                        failed += 1;
                        writeln!(err, "error: cannot check {}: {why}", file.display())?;
                    }
                }
            }
            let checked = files.len() - failed;
            if found > 0 {
                writeln!(
                    err,
                    "{found} occurrence{} of real names in {checked} file{} checked{}",
                    if found == 1 { "" } else { "s" },
                    if checked == 1 { "" } else { "s" },
                    if failed > 0 {
                        format!("; {failed} could not be checked")
                    } else {
                        String::new()
                    }
                )?;
                return Ok(1);
            }
            if failed > 0 {
                writeln!(
                    err,
                    "no real name in the {checked} file{} checked, but {failed} could not be checked",
                    if checked == 1 { "" } else { "s" }
                )?;
                return Ok(1);
            }
            writeln!(
                err,
                "clean: no real name of the {} in the pseudonym table occurs in {checked} file{}",
                ps.entries().len(),
                if checked == 1 { "" } else { "s" }
            )?;
        }
    }
    Ok(0)
}
