//! Users and coders of a `.qdpx`, and GUIDs made unique.

use super::*;

impl<R: Read + Seek> Reader<'_, R> {
    pub(super) fn unique_coder_name(&mut self, name: &str) -> String {
        let base = name.trim().to_string();
        let mut candidate = base.clone();
        let mut n = 1;
        while self.coder_names.contains(&candidate.to_lowercase()) {
            n += 1;
            candidate = format!("{base} ({n})");
        }
        self.coder_names.insert(candidate.to_lowercase());
        candidate
    }

    pub(super) fn user(&mut self, u: Node<'_, '_>) {
        let Some(guid) = u.attribute("guid").and_then(Guid::parse) else {
            self.report.lose(
                "User",
                u.attribute("name").unwrap_or(""),
                crate::t!("loss-why-user-guid"),
            );
            return;
        };
        let given = u.attribute("name").unwrap_or("").trim();
        if self.users.contains_key(guid.as_str()) {
            // Like any GUID used twice: kept under a new GUID, said so. The
            // codings that name the GUID stay the first user's.
            let name = self.unique_coder_name(if given.is_empty() {
                "unknown user"
            } else {
                given
            });
            self.report.lose(
                "User",
                &name,
                crate::t!("loss-why-guid-twice", guid = guid.to_string()),
            );
            self.b.coders.push(BundleCoder {
                guid: Some(Guid::new()),
                name,
            });
            return;
        }
        self.spelt(u.attribute("guid").unwrap_or(""), &guid);
        let given = if given.is_empty() {
            format!("user {}", &guid.as_str()[..8])
        } else {
            given.to_string()
        };
        let name = self.unique_coder_name(&given);
        if name != given {
            self.report.assumptions.push(format!(
                "two users are called '{given}'; the second is called '{name}' here"
            ));
        }
        self.users.insert(guid.to_string(), self.b.coders.len());
        self.b.coders.push(BundleCoder {
            guid: Some(guid),
            name,
        });
    }

    /// The coder for a `creatingUser` GUID, else the project's creator, else
    /// one "unknown user".
    pub(super) fn coder(&mut self, guid: Option<&str>) -> usize {
        let key = guid
            .and_then(guid_key)
            .or_else(|| self.project_user.clone());
        if let Some(key) = key {
            if let Some(&i) = self.users.get(&key) {
                return i;
            }
            let name = self.unique_coder_name(&format!("user {}", &key[..8]));
            self.users.insert(key.clone(), self.b.coders.len());
            let parsed = Guid::parse(&key);
            if let (Some(given), Some(g)) = (guid, &parsed) {
                self.spelt(given, g);
            }
            self.b.coders.push(BundleCoder { guid: parsed, name });
            return self.b.coders.len() - 1;
        }
        if let Some(i) = self.default_coder {
            return i;
        }
        let name = self.unique_coder_name("unknown user");
        self.b.coders.push(BundleCoder { guid: None, name });
        self.default_coder = Some(self.b.coders.len() - 1);
        self.b.coders.len() - 1
    }

    /// A GUID from the file, or a new one if it is missing, malformed or
    /// already used (noted in the report).
    pub(super) fn fresh_guid(&mut self, given: Option<&str>, element: &str, name: &str) -> Guid {
        match given.and_then(Guid::parse) {
            Some(g) if self.guids_seen.insert(g.to_string()) => {
                self.spelt(given.unwrap_or(""), &g);
                g
            }
            Some(g) => {
                self.report.lose(
                    element,
                    name,
                    crate::t!("loss-why-guid-twice", guid = g.to_string()),
                );
                Guid::new()
            }
            None => {
                let new = Guid::new();
                if let Some(given) = given {
                    self.report
                        .lose(element, name, crate::t!("loss-why-bad-guid"));
                    let key = given.trim();
                    if !key.is_empty() {
                        self.malformed
                            .entry(key.to_string())
                            .or_insert_with(|| new.clone());
                    }
                }
                new
            }
        }
    }

    /// Remembers how the file spelt a GUID, when not as Jalin does (upper
    /// case, braces), so that an export writes it back the same.
    /// Only spellings the standard allows are kept (others, such as
    /// `urn:uuid:…` or 32 digits without hyphens, are written Jalin's way).
    pub(super) fn spelt(&mut self, given: &str, g: &Guid) {
        let given = given.trim();
        let bare = given
            .strip_prefix('{')
            .and_then(|b| b.strip_suffix('}'))
            .unwrap_or(given);
        let standard = bare.len() == 36
            && bare.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_hexdigit(),
            });
        if standard && given != g.as_str() {
            self.b.guid_spellings.push((g.clone(), given.to_string()));
        }
    }

    // ----- codebook -----
}
