//! Writers for tables, over any `io::Write`, so tests write into a `Vec<u8>`
//! and the CLI into a file or stdout.

mod csv_out;
mod markdown;

use std::io::Write;
use std::path::Path;

use crate::analysis::Table;

pub use csv_out::{neutralise_formula, write_csv};
pub use markdown::write_markdown;

/// Table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableFormat {
    #[default]
    Csv,
    Markdown,
}

impl std::str::FromStr for TableFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "csv" => Ok(TableFormat::Csv),
            "md" | "markdown" => Ok(TableFormat::Markdown),
            other => Err(format!("'{other}' is not a table format: use csv or md")),
        }
    }
}

/// Errors while writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export ({source}): {}", path.display())]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes `table` in `format`.
pub fn write_table(table: &Table, format: TableFormat, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        TableFormat::Csv => write_csv(table, out),
        TableFormat::Markdown => write_markdown(table, out),
    }
}

/// Writes a file all at once: into a temporary file beside it, then renamed
/// over the target, so a failed export never leaves a half-written file.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let fail = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile_in(&dir, path).map_err(fail)?;
    let result = (|| {
        let mut buf = std::io::BufWriter::new(&mut tmp.1);
        write(&mut buf)?;
        buf.flush()?;
        drop(buf);
        tmp.1.sync_all()
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp.0);
        return Err(fail(e));
    }
    std::fs::rename(&tmp.0, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp.0);
        fail(e)
    })
}

fn tempfile_in(dir: &Path, target: &Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    let stem = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    for n in 0..100 {
        let candidate = dir.join(format!(".{stem}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("cannot create a temporary file"))
}
