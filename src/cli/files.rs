//! Commands that make or copy whole project files: `new`, `demo`,
//! `backup`, and REFI-QDA exchange (`qdpx`, `qdc`).

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{QdcCommand, QdpxCommand, open};
use crate::exchange;
use crate::store::Project;

pub(super) fn new_cmd(project: &Path, out: &mut dyn Write) -> Result<()> {
    Project::create(project)?;
    writeln!(
        out,
        "{}",
        crate::t!("cli-created", path = project.display().to_string())
    )?;
    Ok(())
}

pub(super) fn demo_cmd(project: &Path, out: &mut dyn Write) -> Result<()> {
    // Moved into place complete: nothing at the name on failure.
    let r = Project::create_whole(project, crate::demo::load_demo)?;
    writeln!(
        out,
        "{}",
        crate::t!(
            "cli-demo-created",
            path = project.display().to_string(),
            sources = r.sources,
            codes = r.codes,
            codings = r.codings,
            second = r.second_codings,
            memos = r.memos
        )
    )?;
    Ok(())
}

pub(super) fn backup_cmd(
    project: &Path,
    copy: &Path,
    repair: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let report = crate::store::backup(project, copy, repair)?;
    for what in &report.dropped {
        writeln!(out, "left out {what}")?;
    }
    for index in &report.rebuilt {
        writeln!(out, "rebuilt index '{index}'")?;
    }
    for code in &report.moved_to_top {
        writeln!(out, "moved code '{code}' to the top level to break a loop")?;
    }
    writeln!(
        out,
        "{}",
        crate::t!("cli-wrote", path = copy.display().to_string())
    )?;
    Ok(())
}

pub(super) fn qdpx_cmd(q: QdpxCommand, out: &mut dyn Write) -> Result<()> {
    match q {
        QdpxCommand::Import { project, file } => {
            let report = exchange::import_qdpx(&project, &file)?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-created-from",
                    path = project.display().to_string(),
                    file = file.display().to_string()
                )
            )?;
            write!(out, "{report}")?;
        }
        QdpxCommand::Export {
            project,
            file,
            group_selections,
        } => {
            let p = open(&project)?;
            exchange::export_qdpx_with(&p, &file, exchange::QdpxOptions { group_selections })?;
            let d = p.data()?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-qdpx-wrote",
                    path = file.display().to_string(),
                    sources = d.sources.len(),
                    codes = d.codes.len(),
                    codings = d.codings.len(),
                    memos = p.memos()?.len()
                )
            )?;
        }
    }
    Ok(())
}

pub(super) fn qdc_cmd(q: QdcCommand, out: &mut dyn Write) -> Result<()> {
    match q {
        QdcCommand::Import { project, file } => {
            let mut p = open(&project)?;
            let report = exchange::import_qdc(&mut p, &file)?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-qdc-imported",
                    count = report.imported.codes,
                    file = file.display().to_string()
                )
            )?;
            write!(out, "{}", report.details())?;
        }
        QdcCommand::Export { project, file } => {
            let p = open(&project)?;
            exchange::export_qdc(&p, &file)?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "cli-qdc-wrote",
                    path = file.display().to_string(),
                    count = p.codes()?.len()
                )
            )?;
        }
    }
    Ok(())
}

pub(super) fn merge_cmd(
    target: &Path,
    others: &[std::path::PathBuf],
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    // Every file is read and checked before the target is opened for
    // writing: one refused file merges none.
    let read = others
        .iter()
        .map(|o| crate::merge::read_other(target, o))
        .collect::<Result<Vec<_>, _>>()?;
    let mut p = open(target)?;
    let (report, _) = crate::merge::merge(&mut p, &read, dry_run)?;
    write!(out, "{report}")?;
    if !dry_run {
        if report.added_anything() {
            writeln!(
                out,
                "{}",
                crate::t!("cli-wrote", path = target.display().to_string())
            )?;
        } else {
            writeln!(
                out,
                "{}",
                crate::t!("cli-merge-nothing", path = target.display().to_string())
            )?;
        }
    }
    Ok(())
}
