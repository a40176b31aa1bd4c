//! `jalin speakers`: a source's speakers with their role (set in the
//! project, or found from the label), turns and words; sets roles and
//! participants' own attributes through the command layer, all in one
//! transaction.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Result, bail};

use super::list::attributes_text;
use super::report::emit;
use super::{Change, SpeakersArgs, change, open};
use crate::analysis::{Cell, Table};
use crate::model::roles::{Role, speaker_key};
use crate::model::text::CharIndex;

/// `NAME=ROLE` → the speaker and the role (`None` for `auto`).
fn parse_role(s: &str) -> Result<(String, Option<Role>)> {
    let choices = crate::t!("cli-role-choices");
    let Some((name, role)) = s.rsplit_once('=').filter(|(n, _)| !n.trim().is_empty()) else {
        bail!(crate::t!(
            "cli-bad-speaker-role",
            value = s,
            choices = &choices
        ));
    };
    let role = role.trim();
    if role.eq_ignore_ascii_case("auto") {
        return Ok((name.trim().to_string(), None));
    }
    match Role::parse(role) {
        Some(r) => Ok((name.trim().to_string(), Some(r))),
        None => bail!(crate::t!(
            "cli-bad-role",
            role = role,
            value = s,
            choices = &choices
        )),
    }
}

/// `NAME:KEY=VALUE` (or `NAME:KEY` with `value` false) → speaker, key,
/// value. The last `:` before the `=` splits the name from the key, so a
/// label may hold a colon; the value may hold anything.
fn parse_speaker_attr(s: &str, with_value: bool) -> Result<(String, String, String)> {
    let example = if with_value {
        crate::t!("cli-speaker-attr-example")
    } else {
        crate::t!("cli-speaker-unset-example")
    };
    let (left, value) = if with_value {
        match s.split_once('=') {
            Some((l, v)) => (l, v.trim()),
            None => bail!(crate::t!(
                "cli-bad-speaker-attr",
                value = s,
                example = &example
            )),
        }
    } else {
        (s, "")
    };
    match left.rsplit_once(':') {
        Some((name, key)) if !name.trim().is_empty() && !key.trim().is_empty() => Ok((
            name.trim().to_string(),
            key.trim().to_lowercase(),
            value.to_string(),
        )),
        _ => bail!(crate::t!(
            "cli-bad-speaker-attr",
            value = s,
            example = &example
        )),
    }
}

pub(super) fn speakers_cmd(
    a: SpeakersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let SpeakersArgs {
        project,
        source,
        roles,
        attrs,
        unset,
        output,
    } = a;
    let mut p = open(&project)?;
    let s = p.find_source(&source)?;
    // Every value is checked before anything is saved.
    let mut steps = Vec::new();
    for r in &roles {
        let (speaker, role) = parse_role(r)?;
        steps.push(Change::SetSpeakerRole {
            source: s.id,
            speaker,
            role,
        });
    }
    for a in &attrs {
        let (speaker, key, value) = parse_speaker_attr(a, true)?;
        steps.push(Change::SetSpeakerAttribute {
            source: s.id,
            speaker,
            key,
            value: Some(value),
        });
    }
    for a in &unset {
        let (speaker, key, _) = parse_speaker_attr(a, false)?;
        steps.push(Change::SetSpeakerAttribute {
            source: s.id,
            speaker,
            key,
            value: None,
        });
    }
    if !steps.is_empty() {
        change(&mut p, Change::Batch(steps))?;
    }
    emit(&p, &speakers_table(&p, s.id)?, &output, out, err)
}

/// A source's speakers in order of first turn: role, whether it was set
/// or found from the label, turns, words (without labels), attributes.
fn speakers_table(p: &crate::store::Project, source: crate::model::SourceId) -> Result<Table> {
    let meta = p.source(source)?;
    let turns = p.turns(source)?;
    let text = p.source_text(source)?;
    let index = CharIndex::new(&text);
    let stored = p.source_speakers(source)?;
    let roles = crate::model::roles::SourceRoles::new(source, &turns, &stored);
    let mut order: Vec<String> = Vec::new();
    let mut counts: HashMap<String, (String, usize, usize)> = HashMap::new();
    for t in &turns {
        let key = speaker_key(&t.speaker);
        let words = index
            .slice(&text, t.label_end, t.end)
            .map_or(0, |w| w.split_whitespace().count());
        let e = counts.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            (t.speaker.to_string(), 0, 0)
        });
        e.1 += 1;
        e.2 += words;
    }
    let mut t = Table::new(
        format!("Speakers of {}", meta.name),
        [
            "speaker",
            "role",
            "role set",
            "turns",
            "words",
            "attributes",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for key in order {
        let (label, n, words) = &counts[&key];
        let own = stored.iter().find(|s| speaker_key(&s.name) == key);
        t.rows.push(vec![
            Cell::text(label.clone()),
            Cell::text(roles.role(label).as_str()),
            Cell::text(if own.and_then(|s| s.role).is_some() {
                "set"
            } else {
                "auto"
            }),
            (*n).into(),
            (*words).into(),
            Cell::text(
                own.map(|s| attributes_text(&s.attributes))
                    .unwrap_or_default(),
            ),
        ]);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_and_attribute_arguments_parse() {
        assert_eq!(
            parse_role("Ibu Sari = Moderator").unwrap(),
            ("Ibu Sari".to_string(), Some(Role::Moderator))
        );
        assert_eq!(parse_role("M1=auto").unwrap(), ("M1".to_string(), None));
        let e = parse_role("Budi=chair").unwrap_err().to_string();
        assert!(e.contains("'chair'") && e.contains("moderator"), "{e}");
        assert!(parse_role("=moderator").is_err());
        assert!(parse_role("Budi").is_err());
        assert_eq!(
            parse_speaker_attr("Pak Hasan:Role=prosecutor, Palu", true).unwrap(),
            ("Pak Hasan".into(), "role".into(), "prosecutor, Palu".into())
        );
        // The last colon before '=' splits; the value may hold ':' and '='.
        assert_eq!(
            parse_speaker_attr("[00:01] Ana:region=a=b:c", true).unwrap(),
            ("[00:01] Ana".into(), "region".into(), "a=b:c".into())
        );
        assert!(parse_speaker_attr("Ana=x", true).is_err());
        assert!(parse_speaker_attr("Ana:=x", true).is_err());
        assert_eq!(
            parse_speaker_attr("Ana:region", false).unwrap(),
            ("Ana".into(), "region".into(), String::new())
        );
    }
}
