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
            "{}",
            crate::t!(
                "cli-remove-no-source",
                key = key.trim(),
                path = project.display().to_string()
            )
        ),
        1 => Ok(found.remove(0)),
        n => bail!(
            "{}",
            crate::t!(
                "cli-remove-ambiguous",
                key = key.trim(),
                count = n,
                sources = found
                    .iter()
                    .map(|s| format!("'{}' (GUID {})", s.name, s.guid))
                    .collect::<Vec<_>>()
                    .join(", "),
                path = project.display().to_string()
            )
        ),
    }
}

/// What a removal takes, in words.
fn what_goes(gone: &RemovedSource) -> String {
    crate::t!(
        "cli-remove-what",
        chars = gone.source.char_len.to_string(),
        codings = gone.codings,
        memos = gone.memos
    )
}

pub(super) fn remove_source_cmd(
    project: &Path,
    key: &str,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let (mut p, _copy) = if dry_run {
        super::open_unchanged(project)?
    } else {
        (open(project)?, None)
    };
    let s = one_source(&p, key, project)?;
    if dry_run {
        let gone = p.source_removal_preview(s.id)?;
        writeln!(
            out,
            "{}",
            crate::t!(
                "cli-remove-would",
                name = s.name.as_str(),
                what = what_goes(&gone)
            )
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
    writeln!(
        out,
        "{}",
        crate::t!(
            "cli-remove-done",
            name = s.name.as_str(),
            what = what_goes(gone)
        )
    )?;
    // The removed rows were overwritten in the log; copying it into the
    // file now overwrites them there too.
    if !p.checkpoint()? {
        writeln!(out, "{}", log_kept(project))?;
    }
    Ok(())
}

/// Said when another connection keeps the log from being emptied.
fn log_kept(project: &Path) -> String {
    crate::t!(
        "cli-note",
        message = crate::t!("cli-log-kept", path = project.display().to_string())
    )
}

fn size(s: &Space) -> String {
    let kb = s.bytes().div_ceil(1024);
    if kb >= 10 * 1024 {
        format!("{} MB", crate::i18n::num(kb as f64 / 1024.0, 1))
    } else {
        format!("{} KB", crate::i18n::num(kb as f64, 0))
    }
}

pub(super) fn vacuum_cmd(project: &Path, out: &mut dyn Write) -> Result<()> {
    let mut p = open(project)?;
    let v = p.vacuum()?;
    writeln!(
        out,
        "{}",
        crate::t!(
            "cli-vacuumed",
            path = project.display().to_string(),
            before = size(&v.before),
            after = size(&v.after),
            pages = v.before.free_pages
        )
    )?;
    if !v.log_emptied {
        writeln!(out, "{}", log_kept(project))?;
    }
    Ok(())
}
