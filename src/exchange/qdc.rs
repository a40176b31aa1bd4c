//! The codebook alone, as a REFI-QDA `.qdc` file (root `CodeBook` in
//! namespace `urn:QDA-XML:codebook:1.0`).

use std::collections::HashMap;
use std::io::{Cursor, Write};
use std::path::Path;

use super::qdpx_read::Reader;
use super::qdpx_write::{Spellings, origin, write_code};
use super::{CODEBOOK_NS, ExchangeError, ExchangeProblem, LossReport};
use crate::command::Command;
use crate::container::xml::{self, XmlWriter, child, local};
use crate::model::Codebook;
use crate::store::{Bundle, Project, StoreError};

/// Writes the project's codebook as `.qdc` into `out`.
pub fn write_qdc(project: &Project, out: &mut dyn Write) -> Result<(), ExchangeProblem> {
    write_qdc_with(project, None, out)
}

/// [`write_qdc`], with every real name of the pseudonym table replaced in
/// the codes' names and descriptions when `ps` is given ("Budi's network").
pub fn write_qdc_with(
    project: &Project,
    ps: Option<&crate::model::pseudonyms::Pseudonymiser>,
    out: &mut dyn Write,
) -> Result<(), ExchangeProblem> {
    let mut codes = project.codes()?;
    if let Some(ps) = ps {
        for c in &mut codes {
            ps.apply_in_place(&mut c.name);
            ps.apply_in_place(&mut c.description);
        }
    }
    let book = Codebook::new(codes);
    super::check_levels(&book)?;
    let mut w = XmlWriter::new();
    w.open(
        "CodeBook",
        &[("xmlns", CODEBOOK_NS.to_string()), ("origin", origin())],
    );
    let spell = Spellings::load(project)?;
    w.open("Codes", &[]);
    for c in book.children(None) {
        write_code(&mut w, &book, c, &HashMap::new(), &spell);
    }
    w.close("Codes");
    w.close("CodeBook");
    out.write_all(w.finish().as_bytes())
        .map_err(|e| ExchangeProblem::Write(e.to_string()))
}

/// Writes the project's codebook to a `.qdc` file, atomically. A project
/// without codes is refused (the format needs at least one).
pub fn export_qdc(project: &Project, path: &Path) -> Result<(), ExchangeError> {
    export_qdc_with(project, None, path)
}

/// [`export_qdc`], pseudonymised when `ps` is given.
pub fn export_qdc_with(
    project: &Project,
    ps: Option<&crate::model::pseudonyms::Pseudonymiser>,
    path: &Path,
) -> Result<(), ExchangeError> {
    let fail = |problem| ExchangeError {
        path: path.to_path_buf(),
        problem,
    };
    if project.codes().map_err(|e| fail(e.into()))?.is_empty() {
        return Err(fail(ExchangeProblem::NotExchange(
            "the project has no codes to export".into(),
        )));
    }
    let mut bytes = Vec::new();
    write_qdc_with(project, ps, &mut bytes).map_err(fail)?;
    crate::export::write_file_atomically(path, |w| w.write_all(&bytes)).map_err(|e| {
        fail(match e {
            crate::export::ExportError::Refused(r) => ExchangeProblem::Refused(r),
            // The cause alone: the error names the file once, last.
            crate::export::ExportError::Write { source: e, .. }
            | crate::export::ExportError::Io(e) => ExchangeProblem::Write(e.to_string()),
        })
    })
}

/// Reads a `.qdc` file's codes (parents before children), with a report.
pub fn read_qdc(path: &Path) -> Result<(Bundle, LossReport), ExchangeError> {
    let fail = |problem| ExchangeError {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = crate::files::read_limited(path, crate::import::MAX_FILE_BYTES)
        .map_err(|e| fail(ExchangeProblem::Input(e)))?;
    let entry = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let xml_err = |problem| ExchangeProblem::Xml {
        entry: entry.clone(),
        problem,
    };
    let text = xml::decode(&bytes).map_err(|e| fail(xml_err(e)))?;
    let doc = xml::parse(&text).map_err(|e| fail(xml_err(e)))?;
    let root = doc.root_element();
    if local(&root) != "CodeBook" {
        return Err(fail(ExchangeProblem::NotExchange(format!(
            "not a REFI-QDA codebook (its root element is <{}>, not <CodeBook>)",
            local(&root)
        ))));
    }
    let mut r: Reader<'_, Cursor<Vec<u8>>> = Reader::new(None, root);
    r.report.conformance = super::conformance::check_codebook(root);
    r.report.origin = root.attribute("origin").unwrap_or("").trim().to_string();
    r.codebook(root);
    super::check_file_levels(&r.b).map_err(fail)?;
    if child(root, "Sets").is_some() {
        r.report.lose("Sets", "", crate::t!("loss-why-qdc-sets"));
    }
    let mut b = r.b;
    b.coders.clear();
    Ok((b, r.report))
}

/// Adds a `.qdc` codebook's codes to a project in one transaction. A code
/// whose GUID, or whose name under the same parent, is already there is
/// reused, not doubled.
pub fn import_qdc(project: &mut Project, path: &Path) -> Result<LossReport, ExchangeError> {
    import_qdc_undoable(project, path).map(|(report, _)| report)
}

/// [`import_qdc`], also returning the command that takes the codes back
/// (the workbench's Undo).
pub fn import_qdc_undoable(
    project: &mut Project,
    path: &Path,
) -> Result<(LossReport, Command), ExchangeError> {
    let (mut bundle, mut report) = read_qdc(path)?;
    // A code with the GUID of a source (or coder, coding, memo) here is
    // given a new one, as a GUID used twice in one file is.
    let regiven = project
        .regive_foreign_guids(&mut bundle)
        .map_err(|e| ExchangeError {
            path: path.to_path_buf(),
            problem: e.into(),
        })?;
    for r in regiven {
        report.lose(
            r.element,
            r.name,
            crate::t!(
                "loss-why-guid-other-kind",
                guid = r.guid.to_string(),
                owner = r.owner
            ),
        );
    }
    let (added, undo) = crate::command::add_bundle(project, bundle).map_err(|e| ExchangeError {
        path: path.to_path_buf(),
        problem: match e {
            e @ StoreError::TooDeep { .. } => ExchangeProblem::NotAdded(Box::new(e)),
            e => e.into(),
        },
    })?;
    let created = added.codes_created.iter().filter(|c| **c).count();
    report.imported.codes = created;
    let reused = added.codes.len() - created;
    if reused > 0 {
        report
            .assumptions
            .push(crate::t!("loss-assume-codes-kept", count = reused));
    }
    Ok((report, undo))
}
