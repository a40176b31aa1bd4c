//! Fonts for every script. egui and the PNG figures ship fonts for Latin
//! text only; Chinese, Japanese, Korean, Arabic, Devanagari and other
//! scripts would show as boxes. At start Jalin looks for well-known fonts
//! installed on the system (Noto, DejaVu, Droid Sans Fallback, …) in the
//! usual font folders and uses them as fallbacks after its own fonts: in
//! the workbench (document view, tables, every panel) and in PNG figures.
//! No fontconfig is needed: the folders and file names are known.
//!
//! Right-to-left scripts get their letters, not their layout: egui lays out
//! text left to right and does not join Arabic letters (a known egui
//! limit, see the README).

use std::path::{Path, PathBuf};

/// A font file found on this system that Jalin uses as a fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackFont {
    /// The file name, also the font's name in egui (`NotoSansArabic-Regular.ttf`).
    pub name: String,
    pub path: PathBuf,
}

/// The fonts looked for, by file name, in the order they are tried for a
/// character: script-specific fonts first, then broad ones. The Debian
/// package that installs each is named in the README.
pub const FALLBACK_FILES: &[&str] = &[
    // Chinese, Japanese, Korean (fonts-noto-cjk; the .otf names from other
    // distributions and Noto's own downloads).
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansCJKjp-Regular.otf",
    "NotoSansCJKkr-Regular.otf",
    "NotoSansCJKtc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "NotoSansSC-Regular.ttf",
    // Arabic, Devanagari and the other scripts of fonts-noto-core.
    "NotoSansArabic-Regular.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansBengali-Regular.ttf",
    "NotoSansGurmukhi-Regular.ttf",
    "NotoSansGujarati-Regular.ttf",
    "NotoSansTamil-Regular.ttf",
    "NotoSansTelugu-Regular.ttf",
    "NotoSansKannada-Regular.ttf",
    "NotoSansMalayalam-Regular.ttf",
    "NotoSansSinhala-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansLao-Regular.ttf",
    "NotoSansKhmer-Regular.ttf",
    "NotoSansMyanmar-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansArmenian-Regular.ttf",
    "NotoSansGeorgian-Regular.ttf",
    "NotoSansEthiopic-Regular.ttf",
    "NotoSansJavanese-Regular.ttf",
    "NotoSansBalinese-Regular.ttf",
    "NotoSansBuginese-Regular.ttf",
    "NotoSansSundanese-Regular.ttf",
    // Broad coverage: Greek, Cyrillic, Latin extended, symbols (fonts-dejavu-core,
    // fonts-noto-core).
    "NotoSans-Regular.ttf",
    "DejaVuSans.ttf",
    // Emoji and symbols egui's own emoji font lacks, such as 🙂, common in
    // chat-app interviews (fonts-symbola; Segoe UI Emoji and Symbol on
    // Windows). Drawn in one colour.
    "Symbola_hint.ttf",
    "Symbola.ttf",
    "seguiemj.ttf",
    "seguisym.ttf",
    // Chinese when Noto CJK is missing (fonts-droid-fallback, fonts-wqy-*).
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    // macOS and Windows.
    "Arial Unicode.ttf",
    "msyh.ttc",
    "Nirmala.ttf",
    "arial.ttf",
];

/// A font file larger than this is not read (a broken or hostile file
/// must not fill the memory); Noto Sans CJK, the largest above, is 20 MB.
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// How deep font folders are searched (also stops symlink loops).
const MAX_DEPTH: usize = 6;

/// The folders fonts are installed in: the system's and the user's.
pub fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = ["/usr/share/fonts", "/usr/local/share/fonts"]
        .iter()
        .map(PathBuf::from)
        .collect();
    if let Some(data) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        dirs.push(PathBuf::from(data).join("fonts"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    dirs.push("/Library/Fonts".into());
    dirs.push("/System/Library/Fonts".into());
    dirs.push("/System/Library/Fonts/Supplemental".into());
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(windir).join("Fonts"));
    }
    dirs
}

/// The fallback fonts installed on this system, in [`FALLBACK_FILES`]
/// order (each file name once: the first folder that has it wins).
pub fn system_fallbacks() -> Vec<FallbackFont> {
    find_fallbacks(&font_dirs())
}

/// The fallback fonts found in `dirs` and their subfolders.
pub fn find_fallbacks(dirs: &[PathBuf]) -> Vec<FallbackFont> {
    let mut found: Vec<Option<PathBuf>> = vec![None; FALLBACK_FILES.len()];
    for dir in dirs {
        walk(dir, 0, &mut found);
    }
    FALLBACK_FILES
        .iter()
        .zip(found)
        .filter_map(|(name, path)| {
            path.map(|path| FallbackFont {
                name: (*name).to_string(),
                path,
            })
        })
        .collect()
}

fn walk(dir: &Path, depth: usize, found: &mut [Option<PathBuf>]) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subdirs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        // Follows symlinks: fonts are often linked into these folders.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            subdirs.push(path);
        } else if meta.is_file() && meta.len() <= MAX_FONT_BYTES {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                continue;
            };
            if let Some(i) = FALLBACK_FILES.iter().position(|f| *f == name)
                && found[i].is_none()
            {
                found[i] = Some(path);
            }
        }
    }
    // Sorted, so the same system gives the same fonts on every start.
    subdirs.sort();
    for sub in subdirs {
        walk(&sub, depth + 1, found);
    }
}

/// Reads a fallback font; `None` if it cannot be read or is not a font
/// (a file that has a font's name but not its content is skipped: egui
/// stops the program on a font it cannot parse).
pub fn read(font: &FallbackFont) -> Option<Vec<u8>> {
    let bytes = std::fs::read(&font.path).ok()?;
    is_font(&bytes).then_some(bytes)
}

/// Whether `bytes` hold a TrueType or OpenType font (or a collection)
/// whose tables parse.
fn is_font(bytes: &[u8]) -> bool {
    // TrueType, OpenType (CFF), a collection.
    let known = [&[0x00, 0x01, 0x00, 0x00][..], b"OTTO", b"ttcf", b"true"];
    if !bytes.get(..4).is_some_and(|magic| known.contains(&magic)) {
        return false;
    }
    // fontdb (ttf-parser) keeps only the faces that parse. It reads the
    // tables in place; the copy costs one read of the file at start.
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(bytes.to_vec());
    !db.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallbacks_are_found_by_name_in_subfolders_in_a_fixed_order() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("truetype/noto");
        std::fs::create_dir_all(&deep).unwrap();
        let real = epaint_default_fonts::UBUNTU_LIGHT;
        std::fs::write(deep.join("NotoSansArabic-Regular.ttf"), real).unwrap();
        std::fs::write(dir.path().join("DejaVuSans.ttf"), real).unwrap();
        std::fs::write(dir.path().join("NotoSansCJK-Regular.ttc"), real).unwrap();
        std::fs::write(dir.path().join("Unrelated.ttf"), b"\0\x01\0\0").unwrap();
        // A folder named like a font, and a symlink loop: neither is read.
        std::fs::create_dir(dir.path().join("NotoSansThai-Regular.ttf")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), deep.join("loop")).unwrap();
        let found = find_fallbacks(&[dir.path().to_path_buf(), dir.path().join("missing")]);
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "NotoSansCJK-Regular.ttc",
                "NotoSansArabic-Regular.ttf",
                "DejaVuSans.ttf"
            ]
        );
        assert_eq!(found[1].path, deep.join("NotoSansArabic-Regular.ttf"));
        assert!(read(&found[0]).is_some());
    }

    #[test]
    fn a_file_that_is_not_a_font_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("DejaVuSans.ttf"), b"<html>not a font").unwrap();
        std::fs::write(dir.path().join("NotoSans-Regular.ttf"), b"").unwrap();
        // A font's first bytes, then garbage; a real font cut short.
        std::fs::write(
            dir.path().join("NotoSansThai-Regular.ttf"),
            b"\0\x01\0\0garbage",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("NotoSansHebrew-Regular.ttf"),
            &epaint_default_fonts::UBUNTU_LIGHT[..64],
        )
        .unwrap();
        let found = find_fallbacks(&[dir.path().to_path_buf()]);
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|f| read(f).is_none()));
    }
}
