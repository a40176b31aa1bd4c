//! The pseudonym table: real names of people and places and what outputs
//! made with `--pseudonymise` show instead (see `model::pseudonyms`).

use rusqlite::params;

use super::{Project, Result, StoreError, write_rows};
use crate::model::names::name_key;
use crate::model::pseudonyms::{
    Pseudonym, PseudonymKind, Pseudonymiser, Suggestion, refusal, suggest,
};

fn row(r: &super::db::Row<'_>) -> rusqlite::Result<Pseudonym> {
    let kind: String = r.get(2)?;
    Ok(Pseudonym {
        real: r.get(0)?,
        pseudonym: r.get(1)?,
        kind: PseudonymKind::parse(&kind).unwrap_or(PseudonymKind::Person),
    })
}

impl Project {
    /// The pseudonym table, by kind, then real name (ignoring case).
    pub fn pseudonyms(&self) -> Result<Vec<Pseudonym>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT real, pseudonym, kind FROM pseudonyms")?;
        let mut rows: Vec<Pseudonym> = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
        rows.sort_by_cached_key(|p| (p.kind, name_key(&p.real), p.real.clone()));
        Ok(rows)
    }

    /// The matcher built from the table.
    pub fn pseudonymiser(&self) -> Result<Pseudonymiser> {
        Ok(Pseudonymiser::new(&self.pseudonyms()?))
    }

    /// The row of a real name (any case), if there is one.
    pub fn pseudonym_of(&self, real: &str) -> Result<Option<Pseudonym>> {
        let key = name_key(real.trim());
        Ok(self
            .pseudonyms()?
            .into_iter()
            .find(|p| name_key(p.real.trim()) == key))
    }

    /// Sets the pseudonym (and kind) of `real`, adding the row when the
    /// table has none; `None` removes the row. Returns what the row was
    /// before (`None`: there was none), for undoing. Refuses an empty
    /// name, a pseudonym that is another row's real name or contains one,
    /// and a real name that is another row's pseudonym; removing a name
    /// not in the table is refused too.
    pub fn set_pseudonym(
        &mut self,
        real: &str,
        new: Option<(&str, PseudonymKind)>,
    ) -> Result<Option<Pseudonym>> {
        let real = real.trim();
        let table = self.pseudonyms()?;
        let key = name_key(real);
        let old = table
            .iter()
            .find(|p| name_key(p.real.trim()) == key)
            .cloned();
        let tx = self.write()?;
        match (new, &old) {
            (None, None) => return Err(StoreError::UnknownPseudonym(real.to_string())),
            (None, Some(o)) => write_rows(
                &tx,
                "remove a pseudonym",
                1,
                "DELETE FROM pseudonyms WHERE real = ?1",
                [&o.real],
            )?,
            (Some((pseudonym, kind)), old) => {
                let others: Vec<Pseudonym> = table
                    .iter()
                    .filter(|p| name_key(p.real.trim()) != key)
                    .cloned()
                    .collect();
                if let Some(why) = refusal(&others, real, pseudonym) {
                    return Err(StoreError::BadPseudonym(why));
                }
                let stored: Option<String> = old.as_ref().map(|o| o.real.clone());
                match stored {
                    Some(r) => write_rows(
                        &tx,
                        "change a pseudonym",
                        1,
                        "UPDATE pseudonyms SET real = ?2, pseudonym = ?3, kind = ?4 WHERE real = ?1",
                        params![r, real, pseudonym.trim(), kind.as_str()],
                    )?,
                    None => write_rows(
                        &tx,
                        "add a pseudonym",
                        1,
                        "INSERT INTO pseudonyms (real, pseudonym, kind) VALUES (?1, ?2, ?3)",
                        params![real, pseudonym.trim(), kind.as_str()],
                    )?,
                }
            }
        }
        tx.commit()?;
        Ok(old)
    }

    /// Names the project's data suggests for the table (speaker labels,
    /// participant and source attributes, words capitalised mid-sentence at
    /// least `min_count` times), each with a free pseudonym.
    pub fn pseudonym_suggestions(&self, min_count: usize) -> Result<Vec<Suggestion>> {
        let data = self.lean_data()?;
        let texts = self.source_texts()?;
        let table = self.pseudonyms()?;
        let mut labels: Vec<&str> = data
            .turns
            .values()
            .flat_map(|ts| ts.iter().map(|t| &*t.speaker))
            .chain(data.speakers.iter().map(|s| s.name.as_str()))
            .collect();
        labels.sort_unstable();
        labels.dedup();
        let attributes = data
            .speakers
            .iter()
            .flat_map(|s| s.attributes.iter())
            .chain(data.sources.iter().flat_map(|s| s.attributes.iter()))
            .map(|a| (a.key.as_str(), a.value.as_str()));
        let mut ids: Vec<_> = texts.keys().copied().collect();
        ids.sort_unstable();
        Ok(suggest(
            &table,
            labels,
            attributes,
            ids.iter().map(|id| texts[id].text.as_str()),
            min_count,
        ))
    }
}
