//! Passphrases of encrypted projects on the command line: from
//! `--passphrase-file FILE`, else `$JALIN_PASSPHRASE`, else a prompt on
//! the terminal that does not echo what is typed (the rpassword crate: it
//! reads from the terminal itself, so it works while stdin or stdout are
//! redirected, and turns echo off with termios on Unix and the console API
//! on Windows). A new passphrase (`new --encrypt`, `encrypt`, `rekey`) is
//! asked twice at a prompt. Nothing here writes a passphrase anywhere.

use std::cell::RefCell;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

use crate::store::Passphrase;

/// Where this command line's passphrases come from.
#[derive(Debug, Default, Clone)]
pub(super) struct Sources {
    /// `--passphrase-file`: the project's passphrase (the new one for
    /// `new --encrypt` and `encrypt`).
    pub file: Option<PathBuf>,
    /// `--new-passphrase-file` (`rekey`).
    pub new_file: Option<PathBuf>,
}

thread_local! {
    static SOURCES: RefCell<Sources> = RefCell::new(Sources::default());
    /// Whether the command opened an encrypted project (for the note on
    /// plaintext exports).
    static OPENED_ENCRYPTED: RefCell<bool> = const { RefCell::new(false) };
}

pub(super) fn set_sources(s: Sources) {
    SOURCES.with(|cell| *cell.borrow_mut() = s);
    OPENED_ENCRYPTED.with(|c| *c.borrow_mut() = false);
}

pub(super) fn note_opened_encrypted() {
    OPENED_ENCRYPTED.with(|c| *c.borrow_mut() = true);
}

pub(super) fn opened_encrypted() -> bool {
    OPENED_ENCRYPTED.with(|c| *c.borrow())
}

/// The most a passphrase file may hold.
const MAX_FILE: u64 = 64 * 1024;

/// Reads a passphrase file: its text without one final line break.
fn read_file(file: &Path) -> Result<Passphrase> {
    let path = file.display().to_string();
    let unreadable = |e: std::io::Error| {
        anyhow!(crate::t!(
            "cli-pass-file-unreadable",
            why = e.to_string(),
            path = &path
        ))
    };
    let meta = std::fs::metadata(file).map_err(unreadable)?;
    if !meta.is_file() {
        bail!(crate::t!("cli-pass-file-not-regular", path = &path));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE {
        bytes.fill(0);
        bail!(crate::t!("cli-pass-file-too-large", path = &path));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let mut b = e.into_bytes();
            b.fill(0);
            bail!(crate::t!("cli-pass-file-not-utf8", path = &path));
        }
    };
    // A byte-order mark is an editor's (PowerShell's `Out-File`, Notepad's
    // "UTF-8 with BOM"), not the passphrase's: the prompt could never type it.
    let unmarked = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let trimmed = unmarked
        .strip_suffix("\r\n")
        .or_else(|| unmarked.strip_suffix('\n'))
        .unwrap_or(unmarked);
    let key = Passphrase::new(trimmed).map_err(|e| anyhow!("{e}: {}", file.display()));
    let mut read = text.into_bytes();
    read.fill(0);
    std::hint::black_box(&read);
    key
}

fn from_env(var: &str) -> Result<Option<Passphrase>> {
    match std::env::var(var) {
        Ok(v) => Ok(Some(Passphrase::new(v).map_err(|e| {
            anyhow!(crate::t!(
                "cli-pass-env-bad",
                why = e.to_string(),
                var = var
            ))
        })?)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            bail!(crate::t!("cli-pass-env-not-unicode", var = var))
        }
    }
}

fn prompt(text: &str) -> Result<Passphrase> {
    let typed = rpassword::prompt_password(text)
        .map_err(|e| anyhow!(crate::t!("cli-pass-terminal-failed", why = e.to_string())))?;
    Ok(Passphrase::new(typed)?)
}

fn no_terminal(path: &Path, flag: &str, var: &str) -> anyhow::Error {
    anyhow!(crate::t!(
        "cli-pass-no-terminal",
        path = path.display().to_string(),
        flag = flag,
        var = var
    ))
}

/// The passphrase of the encrypted project at `path`.
pub(super) fn existing(path: &Path) -> Result<Passphrase> {
    let file = SOURCES.with(|s| s.borrow().file.clone());
    if let Some(file) = file {
        return read_file(&file);
    }
    if let Some(key) = from_env("JALIN_PASSPHRASE")? {
        return Ok(key);
    }
    if !std::io::stdin().is_terminal() {
        return Err(no_terminal(path, "--passphrase-file", "JALIN_PASSPHRASE"));
    }
    prompt(&format!(
        "{} ",
        crate::t!("cli-pass-prompt", path = path.display().to_string())
    ))
}

/// A new passphrase for `path`: for `rekey` (`rekey` true) from
/// `--new-passphrase-file` or `$JALIN_NEW_PASSPHRASE`, otherwise from
/// `--passphrase-file` or `$JALIN_PASSPHRASE`; else typed twice.
pub(super) fn new(path: &Path, rekey: bool) -> Result<Passphrase> {
    let (file, flag, var) = SOURCES.with(|s| {
        let s = s.borrow();
        if rekey {
            (
                s.new_file.clone(),
                "--new-passphrase-file",
                "JALIN_NEW_PASSPHRASE",
            )
        } else {
            (s.file.clone(), "--passphrase-file", "JALIN_PASSPHRASE")
        }
    });
    if let Some(file) = file {
        return read_file(&file);
    }
    if let Some(key) = from_env(var)? {
        return Ok(key);
    }
    if !std::io::stdin().is_terminal() {
        bail!(crate::t!(
            "cli-pass-new-no-terminal",
            path = path.display().to_string(),
            flag = flag,
            var = var
        ));
    }
    let first = prompt(&format!(
        "{} ",
        crate::t!("cli-pass-new-prompt", path = path.display().to_string())
    ))?;
    let again = prompt(&format!("{} ", crate::t!("cli-pass-again-prompt")))?;
    if !first.same_as(&again) {
        bail!(crate::t!(
            "cli-pass-differ",
            path = path.display().to_string()
        ));
    }
    Ok(first)
}
