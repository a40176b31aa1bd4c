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
                    "{}",
                    crate::t!(
                        "cli-pseudonyms-none",
                        project = a.project.display().to_string()
                    )
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
                writeln!(
                    err,
                    "{}",
                    crate::t!("cli-pseudonyms-added", count = found.len())
                )?;
            } else if found.is_empty() {
                writeln!(err, "{}", crate::t!("cli-pseudonyms-nothing"))?;
            }
        }
        PseudonymsAction::Add {
            real,
            pseudonym,
            kind,
        } => {
            if let Some(old) = p.pseudonym_of(&real)? {
                bail!(crate::t!(
                    "cli-pseudonym-exists",
                    real = real.trim(),
                    old = &old.real,
                    pseudonym = &old.pseudonym,
                    project = a.project.display().to_string()
                ));
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
                "{}",
                crate::t!(
                    "cli-pseudonym-set",
                    real = real.trim(),
                    pseudonym = pseudonym.trim(),
                    kind = kind.label()
                )
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
            writeln!(
                out,
                "{}",
                crate::t!("cli-pseudonym-removed", real = real.trim())
            )?;
        }
        PseudonymsAction::Check { files } => {
            let ps = p.pseudonymiser()?;
            if ps.is_empty() {
                bail!(crate::t!(
                    "cli-pseudonyms-check-empty",
                    project = a.project.display().to_string()
                ));
            }
            let mut found = 0usize;
            let mut failed = 0usize;
            for file in &files {
                match crate::export::scan_file_read_as(&ps, file) {
                    Ok((hits, read_as)) => {
                        if let Some(encoding) = read_as {
                            writeln!(
                                err,
                                "{}",
                                crate::t!(
                                    "cli-pseudonyms-read-as",
                                    file = file.display().to_string(),
                                    encoding = encoding
                                )
                            )?;
                        }
                        for h in &hits {
                            writeln!(
                                out,
                                "{}",
                                crate::t!(
                                    "cli-pseudonyms-hit",
                                    file = file.display().to_string(),
                                    place = &h.place,
                                    found = &h.found,
                                    real = &h.real,
                                    context = &h.context
                                )
                            )?;
                        }
                        found += hits.len();
                    }
                    Err(why) => {
                        failed += 1;
                        let message = crate::t!(
                            "cli-pseudonyms-cannot-check",
                            file = file.display().to_string(),
                            why = why
                        );
                        writeln!(err, "{}", crate::t!("cli-error", message = message))?;
                    }
                }
            }
            let checked = files.len() - failed;
            if found > 0 {
                let said = if failed > 0 {
                    crate::t!(
                        "cli-pseudonyms-found-failed",
                        found = found,
                        checked = checked,
                        failed = failed
                    )
                } else {
                    crate::t!("cli-pseudonyms-found", found = found, checked = checked)
                };
                writeln!(err, "{said}")?;
                return Ok(1);
            }
            if failed > 0 {
                writeln!(
                    err,
                    "{}",
                    crate::t!("cli-pseudonyms-failed", checked = checked, failed = failed)
                )?;
                return Ok(1);
            }
            writeln!(
                err,
                "{}",
                crate::t!(
                    "cli-pseudonyms-clean",
                    names = ps.entries().len(),
                    checked = checked
                )
            )?;
        }
    }
    Ok(0)
}
