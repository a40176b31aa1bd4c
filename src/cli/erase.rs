//! `jalin remove-source` and `jalin vacuum`: deleting a source for good and
//! giving the file's free space back.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};

use super::{Change, change, open};
use crate::store::{Project, RemovedSource, Space};

/// The one source `key` names (by name or GUID), refusing a key that names
/// none or several.
fn one_source(p: &Project, key: &str, project: &Path) -> Result<crate::model::SourceMeta> {
    let mut found = p.sources_matching(key)?;
    match found.len() {
        0 => bail!(
            "no source called '{}' (nor with that GUID) in this project; nothing was removed \
             (`jalin list sources` shows names and GUIDs): {}",
            key.trim(),
            project.display()
        ),
        1 => Ok(found.remove(0)),
        n => bail!(
            "'{}' could be any of {n} sources: {}; give the exact name or the GUID of \
             the one to remove; nothing was removed: {}",
            key.trim(),
            found
                .iter()
                .map(|s| format!("'{}' (GUID {})", s.name, s.guid))
                .collect::<Vec<_>>()
                .join(", "),
            project.display()
        ),
    }
}

/// What a removal takes, in words.
fn what_goes(gone: &RemovedSource) -> String {
    format!(
        "its text ({} characters), {} codings and {} memos",
        gone.source.char_len, gone.codings, gone.memos
    )
}

pub(super) fn remove_source_cmd(
    project: &Path,
    key: &str,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut p = open(project)?;
    let s = one_source(&p, key, project)?;
    if dry_run {
        let gone = p.source_removal_preview(s.id)?;
        writeln!(
            out,
            "would remove source '{}' with {}",
            s.name,
            what_goes(&gone)
        )?;
        return Ok(());
    }
    let inverse = change(
        &mut p,
        Change::RemoveSource {
            source: s.id,
            expect: None,
        },
    )?;
    let Change::RestoreSource(gone) = inverse.unchecked() else {
        bail!("the source was not removed");
    };
    writeln!(out, "removed source '{}' with {}", s.name, what_goes(gone))?;
    // The removed rows were overwritten in the log; copying it into the
    // file now overwrites them there too.
    if !p.checkpoint()? {
        writeln!(out, "{}", log_kept(project))?;
    }
    Ok(())
}

/// Said when another connection keeps the log from being emptied.
fn log_kept(project: &Path) -> String {
    format!(
        "note: another Jalin window or command is reading the project, so its log could not be \
         copied into the file yet; the removed text is erased from the file when the last of \
         them closes (or run `jalin vacuum` then): {}",
        project.display()
    )
}

fn size(s: &Space) -> String {
    let kb = s.bytes().div_ceil(1024);
    if kb >= 10 * 1024 {
        format!("{:.1} MB", kb as f64 / 1024.0)
    } else {
        format!("{kb} KB")
    }
}

pub(super) fn vacuum_cmd(project: &Path, out: &mut dyn Write) -> Result<()> {
    let mut p = open(project)?;
    let v = p.vacuum()?;
    writeln!(
        out,
        "vacuumed {}: {} -> {} ({} free pages given back)",
        project.display(),
        size(&v.before),
        size(&v.after),
        v.before.free_pages
    )?;
    if !v.log_emptied {
        writeln!(out, "{}", log_kept(project))?;
    }
    Ok(())
}
