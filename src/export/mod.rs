//! Writers for tables, charts and review sheets, over any `io::Write`, so
//! tests write into a `Vec<u8>` and the CLI into a file or stdout.

mod chart;
mod csv_out;
mod docx;
mod entities;
mod html;
mod latex;
mod localize;
mod markdown;
mod png;
mod pseudonymise;
mod review;
mod scan;
mod xlsx;

use std::io::Write;
use std::path::Path;

use crate::analysis::{Report, Table};

pub use chart::{
    bar_chart_svg, bar_rows, charted_codes, concept_map_dot, concept_map_svg, heatmap_svg,
    kind_color,
};
pub use csv_out::{neutralise_formula, restore_formula, write_csv};
pub use localize::{column_in, localize_report, localize_table, value_in};
pub use markdown::write_markdown;
pub use png::svg_to_png;
pub use pseudonymise::Pseudonymise;
pub use review::{write_review_docx, write_review_markdown};
pub use scan::{Occurrence, scan_bytes, scan_bytes_read_as, scan_file, scan_file_read_as};

/// Table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TableFormat {
    /// Tidy long CSV: one observation per row.
    #[default]
    Csv,
    /// The wide table as CSV.
    #[value(alias = "csv_wide")]
    CsvWide,
    Xlsx,
    #[value(name = "md", alias = "markdown")]
    Markdown,
    #[value(alias = "tex")]
    Latex,
    #[value(alias = "htm")]
    Html,
    Docx,
}

impl TableFormat {
    pub const ALL: [TableFormat; 7] = [
        TableFormat::Csv,
        TableFormat::CsvWide,
        TableFormat::Xlsx,
        TableFormat::Markdown,
        TableFormat::Latex,
        TableFormat::Html,
        TableFormat::Docx,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::CsvWide => "csv-wide",
            TableFormat::Xlsx => "xlsx",
            TableFormat::Markdown => "md",
            TableFormat::Latex => "latex",
            TableFormat::Html => "html",
            TableFormat::Docx => "docx",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv | TableFormat::CsvWide => "csv",
            TableFormat::Latex => "tex",
            other => other.as_str(),
        }
    }

    /// Whether the output is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, TableFormat::Xlsx | TableFormat::Docx)
    }
}

impl std::str::FromStr for TableFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "csv" => Ok(TableFormat::Csv),
            "csv-wide" | "csv_wide" => Ok(TableFormat::CsvWide),
            "xlsx" => Ok(TableFormat::Xlsx),
            "md" | "markdown" => Ok(TableFormat::Markdown),
            "latex" | "tex" => Ok(TableFormat::Latex),
            "html" | "htm" => Ok(TableFormat::Html),
            "docx" => Ok(TableFormat::Docx),
            other => Err(format!(
                "'{other}' is not a table format: use csv, csv-wide, xlsx, md, latex, html or docx"
            )),
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
    /// The target is a Jalin project or part of one.
    #[error(transparent)]
    Refused(#[from] crate::files::TargetProblem),
}

pub use crate::files::refuse_project_target;

/// Writes a plain table (a listing) in `format`, without title or notes.
pub fn write_table(table: &Table, format: TableFormat, out: &mut dyn Write) -> std::io::Result<()> {
    write_table_with(table, format, &ExportOptions::default(), out)
}

/// [`write_table`] with layout options.
pub fn write_table_with(
    table: &Table,
    format: TableFormat,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        TableFormat::Csv | TableFormat::CsvWide => {
            if options.bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            write_csv(table, out)
        }
        TableFormat::Markdown => write_markdown(
            &localize::localize_table(table, crate::i18n::current()),
            out,
        ),
        other => {
            let report = Report {
                title: table.title.clone(),
                wide: table.clone(),
                long: table.clone(),
                notes: Vec::new(),
            };
            write_report_with(&report, other, options, out)
        }
    }
}

/// `s` without the characters XML 1.0 forbids (C0 controls other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF): a form feed or vertical
/// tab becomes a line break, the others are dropped. Carriage returns
/// become line feeds. Every XML export (DOCX, XLSX, HTML) passes its text
/// through here.
pub fn xml_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\r' | '\u{fffe}' | '\u{ffff}');
    if !s.contains(bad) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '\r' => out.push('\n'),
            '\n' if prev == '\r' => {}
            '\u{b}' | '\u{c}' => out.push('\n'),
            c if bad(c) => {}
            c => out.push(c),
        }
        prev = c;
    }
    out.into()
}

/// `report` with source kinds as people name them: a header
/// "focus_group: codings" reads "Focus group: codings", a cell of the
/// "found in" or "kind" column "interview, focus group". Attribute values
/// are left as entered.
pub fn human_labels(report: &Report) -> Report {
    use crate::model::SourceKind;
    let mut r = report.clone();
    for t in [&mut r.wide, &mut r.long] {
        let mut kind_cols = Vec::new();
        for (i, c) in t.columns.iter_mut().enumerate() {
            if c == "found in" || c == "kind" {
                kind_cols.push(i);
            }
            for k in SourceKind::ALL {
                if let Some(rest) = c.strip_prefix(&format!("{}: ", k.as_str())) {
                    *c = format!("{}: {rest}", crate::analysis::kind_label(k));
                }
            }
        }
        for row in &mut t.rows {
            for &i in &kind_cols {
                if let Some(crate::analysis::Cell::Text(s)) = row.get(i)
                    && s.contains('_')
                {
                    let words: Vec<String> = s
                        .split(", ")
                        .map(|w| match SourceKind::ALL.iter().find(|k| k.as_str() == w) {
                            Some(&k) => crate::analysis::kind_words(k),
                            None => w.to_string(),
                        })
                        .collect();
                    row[i] = crate::analysis::Cell::text(words.join(", "));
                }
            }
        }
    }
    r
}

/// How a table is laid out, beyond its format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// LaTeX: the table on landscape pages (needs `pdflscape`).
    pub landscape: bool,
    /// LaTeX: a complete document with its preamble, not a fragment.
    pub standalone: bool,
    /// CSV: starts with a UTF-8 byte order mark, so Excel on Windows reads
    /// accents right.
    pub bom: bool,
}

/// Writes a report in `format` with the default options.
pub fn write_report(
    report: &Report,
    format: TableFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_report_with(report, format, &ExportOptions::default(), out)
}

/// Writes a report in `format`. CSV is the long (tidy) table; `csv-wide` and
/// the formats people read show the wide table with title and notes; XLSX
/// has both, on sheets "table" and "data".
pub fn write_report_with(
    report: &Report,
    format: TableFormat,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if options.bom && matches!(format, TableFormat::Csv | TableFormat::CsvWide) {
        out.write_all("\u{feff}".as_bytes())?;
    }
    // The formats people read name kinds as people do ("Focus group");
    // CSV keeps the names scripts and earlier versions use.
    let human;
    let report = if matches!(format, TableFormat::Csv | TableFormat::CsvWide) {
        report
    } else {
        // … in the current language (English is left as it is).
        human = localize::localize_report(&human_labels(report), crate::i18n::current());
        &human
    };
    match format {
        TableFormat::Csv => write_csv(&report.long, out),
        TableFormat::CsvWide => write_csv(&report.wide, out),
        TableFormat::Markdown => {
            writeln!(out, "**{}**\n", markdown::escape(&report.title))?;
            write_markdown(&report.wide, out)?;
            for n in &report.notes {
                writeln!(
                    out,
                    "\n_{}_",
                    markdown::escape(&crate::t!("report-note", note = n.as_str()))
                )?;
            }
            Ok(())
        }
        TableFormat::Latex => latex::write_latex(report, options, out),
        TableFormat::Html => html::write_html(report, out),
        TableFormat::Xlsx => xlsx::write_xlsx(report, out),
        TableFormat::Docx => docx::write_docx(report, out),
    }
}

/// Writes a file all at once: into a temporary file beside it, then renamed
/// over the target, so a failed export never leaves a half-written file.
///
/// Every export (CLI, workbench, exchange files) goes through here, so
/// here is where a target that is a Jalin project or part of one is
/// refused ([`refuse_project_target`]), untouched. A symbolic link is
/// followed: the file it points to is replaced and the link stays. A
/// target that exists and is not a regular file (a FIFO, `/dev/stdout`)
/// is written directly, since it cannot be replaced.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    refuse_project_target(path)?;
    let fail = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let target = crate::files::output_path(path);
    if target.is_dir() {
        // Said plainly, not as whatever renaming over a folder gives
        // ("Device or resource busy" for `.`).
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    if std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(fail)?;
        let mut buf = std::io::BufWriter::new(file);
        return write(&mut buf).and_then(|()| buf.flush()).map_err(fail);
    }
    let path = target.as_path();
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
