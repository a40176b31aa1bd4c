//! `jalin agreement`: intercoder agreement between named coders, as a table
//! written like every report (`--format`, `--out`, never over a project).

use std::io::Write;

use anyhow::{Result, anyhow, bail};

use super::AgreementArgs;
use super::report::emit_report;
use crate::analysis::{self, AgreementOptions, AgreementUnit, Filter};
use crate::model::{Codebook, CoderId};
use crate::store::Project;

pub(super) fn agreement_cmd(
    a: AgreementArgs,
    current: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let p = super::open(&a.project)?;
    if p.blind()? {
        // Agreement compares coders: while they code blind it would show
        // each what the others did.
        bail!(crate::t!("cli-blind-no-compare", coder = current.trim()));
    }
    let coders = resolve_coders(&p, &a.coders)?;
    let codes = a
        .codes
        .iter()
        .map(|c| p.find_code(c).map(|c| c.id))
        .collect::<Result<Vec<_>, _>>()?;
    let filter = Filter {
        kinds: a.kinds.clone(),
        ..Filter::default()
    };
    let data = filter.keep(p.lean_data()?);
    // Characters need no text; the other units are found in it.
    let texts = if a.unit == AgreementUnit::Character {
        Default::default()
    } else {
        p.source_texts()?
    };
    let options = AgreementOptions {
        coders,
        codes: codes.clone(),
        unit: a.unit,
    };
    let table = analysis::agreement(&data, &texts, &options).map_err(|e| anyhow!(e))?;
    let mut report = table.to_report();
    let narrowed = Filter {
        kinds: a.kinds,
        codes,
        ..Filter::default()
    };
    if let Some(note) = narrowed.note(&data.coders, &Codebook::new(data.codes.clone())) {
        report.notes.push(note);
    }
    emit_report(&p, &report, &a.output, out, err)
}

/// The coders named on the command line, checked: each known (names
/// compared without case), none twice, at least two.
fn resolve_coders(p: &Project, names: &[String]) -> Result<Vec<CoderId>> {
    let all = p.coders()?;
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let mut ids = Vec::with_capacity(names.len());
    for name in &names {
        let Some(c) = all.iter().find(|c| c.name.eq_ignore_ascii_case(name)) else {
            let known: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
            bail!(if known.is_empty() {
                crate::t!("cli-no-coder-none", name = name.to_string())
            } else {
                crate::t!(
                    "cli-no-coder-known",
                    name = name.to_string(),
                    known = known.join(", ")
                )
            });
        };
        if ids.contains(&c.id) {
            bail!(crate::t!("cli-coder-twice", name = &c.name));
        }
        ids.push(c.id);
    }
    if ids.len() < 2 {
        bail!(crate::t!("cli-agreement-two-coders"));
    }
    Ok(ids)
}
