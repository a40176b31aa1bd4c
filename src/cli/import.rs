//! `jalin import`: files and folders become sources.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{ImportArgs, open, parse_attr};
use crate::import::{self, ImportOptions, ImportOutcome};

pub(super) fn import_cmd(
    a: ImportArgs,
    coder: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let ImportArgs {
        project,
        files,
        speaker_column,
        text_column,
        time_column,
        tags_column,
        kind,
        attrs,
        force,
        keep_entities,
    } = a;
    let options = ImportOptions {
        kind,
        attributes: attrs.iter().map(|a| parse_attr(a)).collect::<Result<_>>()?,
        force,
        csv: import::CsvColumns {
            speaker: speaker_column,
            text: text_column,
            time: time_column,
            tags: tags_column,
        },
        coder: Some(coder.to_string()),
        keep_entities,
    };
    import_files(&project, &files, &options, out, err)
}

fn import_files(
    project: &Path,
    files: &[PathBuf],
    options: &ImportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let mut p = open(project)?;
    let (mut added, mut duplicates, mut failed) = (0, 0, 0);
    let (expanded, skipped) = import::expand_paths(files);
    let mut failed_folders = 0;
    for f in files.iter().filter(|f| f.is_dir()) {
        if !expanded.iter().any(|e| e.starts_with(f)) {
            failed_folders += 1;
            writeln!(
                err,
                "{}",
                crate::t!(
                    "cli-error",
                    message = crate::t!("cli-import-empty-folder", path = f.display().to_string())
                )
            )?;
        }
    }
    for f in &skipped {
        writeln!(err, "{f}")?;
    }
    let many = expanded.len() > 1 || files.iter().any(|f| f.is_dir());
    let total = expanded.len();
    let mut progress = |pr: &import::ImportProgress| {
        if many {
            let _ = writeln!(err, "[{}/{}] {}", pr.done + 1, total, pr.current.display());
        }
        true
    };
    let results = import::import_paths(&mut p, files, options, &mut progress);
    for (path, result) in results {
        match result {
            Ok(ImportOutcome::Added {
                source,
                warnings,
                notes,
                ..
            }) => {
                added += 1;
                let turns = p.turns(source.id)?;
                let lang = crate::i18n::current();
                writeln!(
                    out,
                    "{}",
                    crate::t!(
                        "cli-imported",
                        path = path.display().to_string(),
                        name = source.name.as_str(),
                        kind = crate::export::value_in(&source.kind.to_string(), lang),
                        chars = source.char_len,
                        turns = turns.len()
                    )
                )?;
                writeln!(
                    out,
                    "{}",
                    crate::t!(
                        "cli-import-speakers",
                        speakers = import::describe_speakers(&turns)
                    )
                )?;
                for w in warnings {
                    let message = format!("{w}: {}", path.display());
                    writeln!(err, "{}", crate::t!("cli-warning", message = message))?;
                }
                for n in notes {
                    let message = format!("{n}: {}", path.display());
                    writeln!(err, "{}", crate::t!("cli-note", message = message))?;
                }
            }
            Ok(ImportOutcome::Duplicate { existing }) => {
                duplicates += 1;
                writeln!(
                    err,
                    "{}",
                    crate::t!(
                        "cli-warning",
                        message = crate::t!(
                            "cli-import-duplicate",
                            existing = existing.as_str(),
                            path = path.display().to_string()
                        )
                    )
                )?;
            }
            Err(e) => {
                failed += 1;
                writeln!(err, "{}", crate::t!("cli-error", message = e.to_string()))?;
            }
        }
    }
    if many || !skipped.is_empty() {
        writeln!(
            err,
            "{}",
            crate::t!(
                "cli-import-summary",
                added = added,
                duplicates = duplicates,
                failed = failed,
                skipped = skipped.len()
            )
        )?;
    }
    Ok(if failed + failed_folders > 0 { 1 } else { 0 })
}
