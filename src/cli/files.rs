//! Commands that make or copy whole project files: `new`, `demo`,
//! `backup`, and REFI-QDA exchange (`qdpx`, `qdc`).

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{QdcCommand, QdpxCommand, open, passphrase};
use crate::exchange;
use crate::store::Project;

pub(super) fn new_cmd(project: &Path, encrypt: bool, out: &mut dyn Write) -> Result<()> {
    let location = project.to_string_lossy();
    if crate::store::is_server_location(&location) {
        if encrypt {
            anyhow::bail!(crate::t!(
                "cli-new-encrypt-team",
                location = crate::store::location_without_password(&location)
            ));
        }
        let made = Project::create_location(&location)?;
        if let Some(location) = made.server() {
            writeln!(
                out,
                "{}",
                crate::t!("cli-created-team", location = location)
            )?;
        }
        return Ok(());
    }
    // A name that is taken is refused before a passphrase is asked for.
    if encrypt && std::fs::symlink_metadata(project).is_ok() {
        return Err(crate::store::StoreError::AlreadyExists(project.to_path_buf()).into());
    }
    let key = if encrypt {
        Some(passphrase::new(project, false)?)
    } else {
        None
    };
    Project::create_with(project, key.as_ref())?;
    let path = project.display().to_string();
    let said = if encrypt {
        crate::t!("cli-created-encrypted", path = path)
    } else {
        crate::t!("cli-created", path = path)
    };
    writeln!(out, "{said}")?;
    Ok(())
}

pub(super) fn encrypt_cmd(project: &Path, out: &mut dyn Write) -> Result<()> {
    if crate::store::looks_encrypted(project) {
        anyhow::bail!(crate::t!(
            "cli-already-encrypted",
            path = project.display().to_string()
        ));
    }
    // Opened first, so a file that is no project is refused before a
    // passphrase is asked for.
    drop(open(project)?);
    let key = passphrase::new(project, false)?;
    crate::store::change_encryption(project, None, Some(&key))?;
    writeln!(
        out,
        "{}",
        crate::t!("cli-encrypted", path = project.display().to_string())
    )?;
    Ok(())
}

pub(super) fn decrypt_cmd(project: &Path, out: &mut dyn Write) -> Result<()> {
    let Some(key) = super::passphrase_for(project)? else {
        anyhow::bail!(crate::t!(
            "cli-not-encrypted",
            path = project.display().to_string()
        ));
    };
    crate::store::change_encryption(project, Some(&key), None)?;
    writeln!(
        out,
        "{}",
        crate::t!("cli-decrypted", path = project.display().to_string())
    )?;
    Ok(())
}

pub(super) fn rekey_cmd(project: &Path, out: &mut dyn Write) -> Result<()> {
    let Some(old) = super::passphrase_for(project)? else {
        anyhow::bail!(crate::t!(
            "cli-rekey-not-encrypted",
            path = project.display().to_string()
        ));
    };
    // The old passphrase is checked before a new one is asked for.
    drop(Project::open_with(project, Some(&old))?);
    let new = passphrase::new(project, true)?;
    crate::store::change_encryption(project, Some(&old), Some(&new))?;
    writeln!(
        out,
        "{}",
        crate::t!("cli-rekeyed", path = project.display().to_string())
    )?;
    Ok(())
}

pub(super) fn copy_cmd(project: &Path, dest: &Path, out: &mut dyn Write) -> Result<()> {
    let from = project.to_string_lossy();
    let to = dest.to_string_lossy();
    // Opened as every command opens a project: an encrypted file asks for
    // its passphrase.
    let source = open(project)?;
    let n = crate::store::copy_project_from(&source, &to)?;
    let shown = |s: &str| crate::store::location_without_password(s);
    writeln!(
        out,
        "{}",
        crate::t!(
            "cli-copied",
            from = shown(&from),
            to = shown(&to),
            sources = n.sources,
            codes = n.codes,
            codings = n.codings,
            memos = n.memos,
            coders = n.coders
        )
    )?;
    blind_note(&source, out)?;
    Ok(())
}

/// Notes, under what a copy or export counted, that blind coding hid
/// other coders' codings, memos and exemplar marks from this login, so
/// they are not in it (a report says the same).
fn blind_note(p: &Project, out: &mut dyn Write) -> Result<()> {
    if p.hidden_by_blind()? {
        let me = p.login_coder_name()?.unwrap_or_default();
        writeln!(out, "{}", crate::t!("cli-blind-left-out", coder = me))?;
    }
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
    if crate::store::is_server_location(&project.to_string_lossy()) {
        anyhow::bail!(crate::t!(
            "cli-backup-on-server",
            location = crate::store::location_without_password(&project.to_string_lossy())
        ));
    }
    let key = super::passphrase_for(project)?;
    let report = crate::store::backup_with(project, copy, repair, key.as_ref())?;
    for what in &report.dropped {
        writeln!(out, "{}", crate::t!("cli-backup-left-out", what = what))?;
    }
    for index in &report.rebuilt {
        writeln!(out, "{}", crate::t!("cli-backup-rebuilt", index = index))?;
    }
    for code in &report.moved_to_top {
        writeln!(out, "{}", crate::t!("cli-backup-moved-top", code = code))?;
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
            pseudonymise,
        } => {
            let p = open(&project)?;
            super::report::pseudonymiser(&p, pseudonymise)?;
            exchange::export_qdpx_with(
                &p,
                &file,
                exchange::QdpxOptions {
                    group_selections,
                    pseudonymise,
                },
            )?;
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
            blind_note(&p, out)?;
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
        QdcCommand::Export {
            project,
            file,
            pseudonymise,
        } => {
            let p = open(&project)?;
            let ps = super::report::pseudonymiser(&p, pseudonymise)?;
            exchange::export_qdc_with(&p, ps.as_ref(), &file)?;
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
    let mut read = Vec::new();
    for o in others {
        let key = super::passphrase_for(o).map_err(|e| {
            anyhow::anyhow!(crate::t!(
                "cli-merge-cannot",
                path = o.display().to_string(),
                why = e.to_string()
            ))
        })?;
        read.push(crate::merge::read_other_with(target, o, key.as_ref())?);
    }
    let (mut p, _copy) = if dry_run {
        super::open_unchanged(target)?
    } else {
        (open(target)?, None)
    };
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
