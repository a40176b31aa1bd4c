//! Reading untrusted zip archives (`.qdpx`, `.docx`, `.odt`) safely: entry
//! paths must stay inside the archive, the number of entries and the bytes
//! unpacked are capped (zip bombs), and every entry is looked up by name
//! without regard to case (`Sources/` and `sources/` are the same folder).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};

/// Caps on what an archive may hold and what Jalin will unpack from it.
///
/// A zip bomb is told by its compression ratio, checked while unpacking:
/// an entry may unpack to `max_ratio` times its packed size (or
/// `ratio_floor` bytes, whichever is more), so a large but ordinary entry —
/// the 500 MB `project.qde` of a million codings packs about 7:1 — is
/// read, while a few kilobytes that unpack to gigabytes are stopped after
/// the limit. The absolute caps sit far above the scale Jalin promises
/// (README "Scale": a million codings) and only bound memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries an archive may have.
    pub max_entries: usize,
    /// Most bytes all entries may claim to unpack to, media included.
    pub max_declared_bytes: u64,
    /// Most bytes Jalin unpacks from one entry it reads, whatever its ratio.
    pub max_entry_bytes: u64,
    /// Most bytes Jalin unpacks in all, over every entry it reads.
    pub max_read_bytes: u64,
    /// Most bytes unpacked per packed byte.
    pub max_ratio: u64,
    /// What any entry may unpack to, whatever its ratio (a small, very
    /// repetitive file is no bomb).
    pub ratio_floor: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 100_000,
            max_declared_bytes: 64 * 1024 * 1024 * 1024,
            max_entry_bytes: 4 * 1024 * 1024 * 1024,
            max_read_bytes: 8 * 1024 * 1024 * 1024,
            max_ratio: 50,
            ratio_floor: 64 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// What an entry of `packed` bytes may unpack to.
    pub fn entry_cap(&self, packed: u64) -> u64 {
        packed
            .saturating_mul(self.max_ratio)
            .max(self.ratio_floor)
            .min(self.max_entry_bytes)
    }
}

/// Why an archive was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveProblem {
    #[error("it is not a zip archive ({0})")]
    NotZip(String),
    #[error("it has an entry whose path leaves the archive ('{0}'); refused as unsafe")]
    UnsafePath(String),
    #[error("it has {count} entries, more than the {limit} Jalin accepts (a zip bomb?)")]
    TooManyEntries { count: usize, limit: usize },
    #[error(
        "it claims to unpack to {total} bytes, more than the {limit} Jalin accepts (a zip bomb?)"
    )]
    TooLarge { total: u64, limit: u64 },
    #[error("entry '{name}' unpacks to more than {limit} bytes (a zip bomb?)")]
    EntryTooLarge { name: String, limit: u64 },
    #[error(
        "entry '{name}' unpacks to more than {limit} bytes from {packed} packed, \
         more than {ratio} times its size (a zip bomb?)"
    )]
    TooCompressed {
        name: String,
        packed: u64,
        limit: u64,
        ratio: u64,
    },
    #[error("unpacking would exceed {limit} bytes in all (a zip bomb?)")]
    ReadTooMuch { limit: u64 },
    #[error("it has no entry '{0}'")]
    Missing(String),
    #[error("cannot read entry '{name}' ({reason})")]
    Entry { name: String, reason: String },
    #[error(
        "it holds entry '{0}' twice (names equal but for case or slashes); \
         other programs may read either copy, so Jalin reads neither"
    )]
    Duplicate(String),
    #[error("entry '{name}' is a {kind}, not a file; refused as unsafe")]
    NotAFile { name: String, kind: &'static str },
}

/// An open archive whose entry names have all been checked.
pub struct Archive<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    /// Lower-cased name → (entry index, name as stored).
    names: HashMap<String, (usize, String)>,
    limits: Limits,
    read_so_far: u64,
}

/// Whether an entry name stays inside the archive: relative, no `..`, no
/// drive letter, no NUL.
pub fn is_safe_entry_name(name: &str) -> bool {
    let n = name.replace('\\', "/");
    if n.starts_with('/') || n.contains('\0') {
        return false;
    }
    if n.len() >= 2 && n.as_bytes()[1] == b':' {
        return false;
    }
    !n.split('/').any(|part| part == "..")
}

impl<R: Read + Seek> Archive<R> {
    /// Opens an archive and checks every entry's path and the declared sizes.
    pub fn new(reader: R, limits: Limits) -> Result<Self, ArchiveProblem> {
        let mut zip =
            zip::ZipArchive::new(reader).map_err(|e| ArchiveProblem::NotZip(e.to_string()))?;
        if zip.len() > limits.max_entries {
            return Err(ArchiveProblem::TooManyEntries {
                count: zip.len(),
                limit: limits.max_entries,
            });
        }
        let mut names = HashMap::new();
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let entry = zip
                .by_index_raw(i)
                .map_err(|e| ArchiveProblem::NotZip(e.to_string()))?;
            let name = entry
                .name()
                .map_err(|e| ArchiveProblem::NotZip(e.to_string()))?
                .into_owned();
            if !is_safe_entry_name(&name) {
                return Err(ArchiveProblem::UnsafePath(name));
            }
            if let Some(kind) = entry.unix_mode().and_then(special_kind) {
                return Err(ArchiveProblem::NotAFile { name, kind });
            }
            total = total.saturating_add(entry.size());
            if total > limits.max_declared_bytes {
                return Err(ArchiveProblem::TooLarge {
                    total,
                    limit: limits.max_declared_bytes,
                });
            }
            match names.entry(normalise(&name)) {
                Entry::Occupied(_) => return Err(ArchiveProblem::Duplicate(name)),
                Entry::Vacant(v) => {
                    v.insert((i, name));
                }
            }
        }
        if zip.has_duplicate_names() {
            // The zip reader kept one entry per exact name; say which.
            let name = first_repeated_name(zip.central_directory_start(), zip.into_inner());
            return Err(ArchiveProblem::Duplicate(
                name.unwrap_or_else(|| "?".to_string()),
            ));
        }
        Ok(Archive {
            zip,
            names,
            limits,
            read_so_far: 0,
        })
    }

    /// Entry names as stored, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.names.values().map(|(_, n)| n.clone()).collect();
        v.sort();
        v
    }

    /// The stored name of an entry, looked up without regard to case or
    /// slash direction.
    pub fn find(&self, name: &str) -> Option<&str> {
        self.names.get(&normalise(name)).map(|(_, n)| n.as_str())
    }

    /// Reads one entry whole, within the limits.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, ArchiveProblem> {
        let (index, stored) = self
            .names
            .get(&normalise(name))
            .cloned()
            .ok_or_else(|| ArchiveProblem::Missing(name.to_string()))?;
        let entry_err = |reason: String| ArchiveProblem::Entry {
            name: stored.clone(),
            reason,
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| entry_err(e.to_string()))?;
        let packed = entry.compressed_size();
        let entry_cap = self.limits.entry_cap(packed);
        let left = self.limits.max_read_bytes.saturating_sub(self.read_so_far);
        let cap = entry_cap.min(left);
        let mut out = Vec::new();
        entry
            .take(cap.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| entry_err(e.to_string()))?;
        if out.len() as u64 > cap {
            return Err(if cap < entry_cap {
                ArchiveProblem::ReadTooMuch {
                    limit: self.limits.max_read_bytes,
                }
            } else if entry_cap < self.limits.max_entry_bytes {
                ArchiveProblem::TooCompressed {
                    name: stored,
                    packed,
                    limit: entry_cap,
                    ratio: self.limits.max_ratio,
                }
            } else {
                ArchiveProblem::EntryTooLarge {
                    name: stored,
                    limit: self.limits.max_entry_bytes,
                }
            });
        }
        self.read_so_far += out.len() as u64;
        Ok(out)
    }
}

/// What a Unix file type other than a file or a folder is called, from an
/// entry's mode bits: a symbolic link's "content" is the path it points to,
/// which a reader must never take for the text.
fn special_kind(mode: u32) -> Option<&'static str> {
    match mode & 0o170000 {
        0 | 0o100000 | 0o040000 => None,
        0o120000 => Some("symbolic link"),
        0o010000 => Some("FIFO"),
        0o020000 => Some("character device"),
        0o060000 => Some("block device"),
        0o140000 => Some("socket"),
        _ => Some("special file"),
    }
}

/// The first name the central directory holds twice (as [`normalise`]
/// compares), read from its headers; `None` if they cannot be read.
fn first_repeated_name<R: Read + Seek>(dir_start: u64, mut reader: R) -> Option<String> {
    reader.seek(SeekFrom::Start(dir_start)).ok()?;
    let mut seen = HashSet::new();
    // Bounded: the archive was opened, so its directory has at most
    // `max_entries` unique names and the repeated one comes soon after.
    loop {
        let mut header = [0u8; 46];
        reader.read_exact(&mut header).ok()?;
        if header[..4] != [0x50, 0x4b, 0x01, 0x02] {
            return None;
        }
        let field = |at: usize| u64::from(u16::from_le_bytes([header[at], header[at + 1]]));
        let mut name = vec![0u8; field(28) as usize];
        reader.read_exact(&mut name).ok()?;
        reader
            .seek(SeekFrom::Current((field(30) + field(32)) as i64))
            .ok()?;
        let name = String::from_utf8_lossy(&name).into_owned();
        if !seen.insert(normalise(&name)) {
            return Some(name);
        }
    }
}

fn normalise(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches("./")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names_are_spotted() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:\\x",
            "a\\..\\..\\b",
            "a\0b",
        ] {
            assert!(!is_safe_entry_name(bad), "{bad}");
        }
        for good in ["project.qde", "Sources/abc.txt", "a/b/c..d"] {
            assert!(is_safe_entry_name(good), "{good}");
        }
    }
}
