//! `jalin code` and `jalin uncode`: codings by range, by pattern, from a
//! CSV file (code_from.rs), and their removal.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::code_from::code_from_csv;
use super::{Change, CodeArgs, change, open, parse_range};
use crate::search;

pub(super) fn code_cmd(
    a: CodeArgs,
    coder: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let CodeArgs {
        project,
        code,
        source,
        range,
        pattern,
        unit,
        ignore_case,
        from,
        one_transaction,
    } = a;
    if let Some(file) = from {
        return code_from_csv(&project, &file, coder, one_transaction, out, err);
    }
    if one_transaction {
        bail!(crate::t!("cli-one-transaction-needs-from"));
    }
    let mut p = open(&project)?;
    let code = p.find_code(code.as_deref().unwrap_or_default())?;
    if let Some(range) = range {
        let (start, end) = parse_range(&range)?;
        let [name] = source.as_slice() else {
            bail!(crate::t!("cli-range-one-source"));
        };
        let source = p.find_source(name)?;
        // Check before the coder is made, so a refused coding writes nothing.
        let known = p.find_coder(coder)?.map(|c| c.id);
        p.check_coding(source.id, code.id, start, end, known)?;
        let coder = super::coder_id(&mut p, coder)?;
        let inverse = change(
            &mut p,
            Change::AddCoding {
                source: source.id,
                code: code.id,
                start,
                end,
                coder,
            },
        )?;
        let made = Change::created_coding(&inverse).context("the coding was not saved")?;
        writeln!(out, "{}", p.coding(made)?.guid)?;
    } else if let Some(pattern) = pattern {
        let re = search::pattern(&pattern, ignore_case)
            .with_context(|| format!("'{pattern}' is not a valid regular expression"))?;
        let scope: Vec<_> = if source.is_empty() {
            p.sources()?
        } else {
            source
                .iter()
                .map(|s| p.find_source(s))
                .collect::<Result<_, _>>()?
        };
        let known = p.find_coder(coder)?.map(|c| c.id);
        let existing: std::collections::HashSet<_> = p
            .codings()?
            .into_iter()
            .filter(|c| c.code == code.id && Some(c.coder) == known)
            .map(|c| (c.source, c.start, c.end))
            .collect();
        let texts = p.source_texts()?;
        let (mut hits, mut already, mut sources_hit) = (Vec::new(), 0, 0);
        for s in &scope {
            let t = &texts[&s.id];
            let ranges = search::coding_ranges(&t.text, &t.turns, &re, unit);
            sources_hit += usize::from(!ranges.is_empty());
            for (start, end) in ranges {
                if existing.contains(&(s.id, start, end)) {
                    already += 1;
                    continue;
                }
                hits.push((s.id, start, end));
            }
        }
        // The coder is made only when there is something to save.
        let made = if hits.is_empty() {
            0
        } else {
            let coder = super::coder_id(&mut p, coder)?;
            let all: Vec<Change> = hits
                .into_iter()
                .map(|(source, start, end)| Change::AddCoding {
                    source,
                    code: code.id,
                    start,
                    end,
                    coder,
                })
                .collect();
            // One transaction: every passage or none.
            match change(&mut p, Change::Batch(all))?.unchecked() {
                Change::Batch(inverses) => inverses.len(),
                _ => 1,
            }
        };
        writeln!(
            out,
            "{}",
            crate::t!(
                "cli-coded",
                made = made,
                sources = sources_hit,
                code = code.name.as_str(),
                already = already
            )
        )?;
    }
    Ok(0)
}

pub(super) fn uncode_cmd(project: &Path, codings: &[String], out: &mut dyn Write) -> Result<()> {
    let mut p = open(project)?;
    let found = codings
        .iter()
        .map(|g| p.find_coding(g))
        .collect::<Result<Vec<_>, _>>()?;
    // One transaction: all of them or none.
    change(
        &mut p,
        Change::Batch(found.iter().map(|c| Change::RemoveCoding(c.id)).collect()),
    )?;
    for c in found {
        writeln!(
            out,
            "{}",
            crate::t!("cli-removed", guid = c.guid.to_string())
        )?;
    }
    Ok(())
}
