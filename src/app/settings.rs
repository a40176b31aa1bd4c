//! Preferences kept between runs (recent projects, theme, text size) and
//! where Jalin keeps its files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Environment variable that moves Jalin's data and config folders (for
/// tests, screenshots and portable use): data in `$JALIN_DATA_DIR`, config
/// in `$JALIN_DATA_DIR/config`.
pub const DATA_DIR_ENV: &str = "JALIN_DATA_DIR";

/// How many recent projects the File menu lists.
const MAX_RECENT: usize = 10;

/// Where Jalin keeps the demo copy, window state and settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    pub data: PathBuf,
    pub config: PathBuf,
}

impl Dirs {
    /// `$JALIN_DATA_DIR` if set, else the platform's folders
    /// (`~/.local/share/jalin` and `~/.config/jalin` on Linux).
    pub fn from_env() -> Dirs {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return Dirs::under(Path::new(&dir));
        }
        match directories::ProjectDirs::from("org", "Jalin", "jalin") {
            Some(p) => Dirs {
                data: p.data_dir().to_path_buf(),
                config: p.config_dir().to_path_buf(),
            },
            None => Dirs::under(&std::env::temp_dir().join("jalin")),
        }
    }

    /// Data in `dir`, config in `dir/config`.
    pub fn under(dir: &Path) -> Dirs {
        Dirs {
            data: dir.to_path_buf(),
            config: dir.join("config"),
        }
    }

    /// Where the first run puts its copy of the demo study.
    pub fn demo_project(&self) -> PathBuf {
        self.data.join("demo.jalin")
    }

    fn settings_file(&self) -> PathBuf {
        self.config.join("settings.json")
    }
}

/// Light, dark, or whatever the system uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// The user's preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    /// Size of the transcript text, in points.
    pub text_size: f32,
    /// A project being opened: saved before it opens and cleared once its
    /// first frames are drawn. Still set at the next start means Jalin
    /// stopped (crashed, ran out of memory, was killed) while opening or
    /// first showing it, so it is not opened again automatically.
    pub opening: Option<PathBuf>,
    /// The language chosen in View ▸ Language (`en`, `id`); `None` until
    /// one is chosen (then the system locale decides). `--lang` and
    /// `JALIN_LANG` still come first.
    pub language: Option<String>,
}

/// What the workbench opens when it starts without a project named on the
/// command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartWith {
    /// The last project used.
    Last(PathBuf),
    /// Nothing: this project did not finish opening last time.
    NotReopened(PathBuf),
    /// The demo study (first run, or no recent project exists any more).
    Demo,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            theme: ThemeChoice::System,
            text_size: 15.0,
            opening: None,
            language: None,
        }
    }
}

impl Settings {
    /// Reads the settings file; a missing or unreadable one gives defaults.
    pub fn load(dirs: &Dirs) -> Settings {
        std::fs::read_to_string(dirs.settings_file())
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Writes the settings file (through a temporary file, so a crash never
    /// leaves half a file).
    pub fn save(&self, dirs: &Dirs) -> std::io::Result<()> {
        std::fs::create_dir_all(&dirs.config)?;
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let tmp = dirs.config.join("settings.json.tmp");
        std::fs::write(&tmp, json)?;
        std::fs::rename(tmp, dirs.settings_file())
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// What to open at start when no project was named: not the project
    /// that was still [`Settings::opening`] when Jalin last stopped; else
    /// the most recent one that exists; else the demo.
    pub fn start_with(&self) -> StartWith {
        if let Some(p) = &self.opening {
            return StartWith::NotReopened(p.clone());
        }
        match self.recent.iter().find(|p| p.exists()) {
            Some(p) => StartWith::Last(p.clone()),
            None => StartWith::Demo,
        }
    }

    /// Notes that `path` is about to be opened (save the settings before
    /// opening it).
    pub fn begin_opening(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.opening = Some(path);
    }

    /// The project opened and was shown (or failed to open with an error,
    /// which was shown): nothing is pending. Returns whether anything
    /// changed.
    pub fn finish_opening(&mut self) -> bool {
        self.opening.take().is_some()
    }

    /// The language chosen in View ▸ Language, if any (an unknown tag in a
    /// hand-edited file counts as none).
    pub fn language(&self) -> Option<crate::i18n::Lang> {
        self.language.as_deref().and_then(crate::i18n::Lang::parse)
    }

    /// Remembers the language chosen in View ▸ Language.
    pub fn set_language(&mut self, lang: crate::i18n::Lang) {
        self.language = Some(lang.tag().to_string());
    }

    /// Text size within the range the View menu offers.
    pub fn clamped_text_size(&self) -> f32 {
        self.text_size.clamp(10.0, 28.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_recent_order() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs::under(dir.path());
        let mut s = Settings::load(&dirs);
        assert_eq!(s, Settings::default());
        s.remember(Path::new("/a.jalin"));
        s.remember(Path::new("/b.jalin"));
        s.remember(Path::new("/a.jalin"));
        s.theme = ThemeChoice::Dark;
        s.set_language(crate::i18n::Lang::Id);
        s.save(&dirs).unwrap();
        let back = Settings::load(&dirs);
        assert_eq!(
            back.recent,
            vec![PathBuf::from("/a.jalin"), "/b.jalin".into()]
        );
        assert_eq!(back.theme, ThemeChoice::Dark);
        assert_eq!(back.language(), Some(crate::i18n::Lang::Id));
    }

    #[test]
    fn a_project_that_did_not_finish_opening_is_not_reopened() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs::under(dir.path());
        let (a, b) = (dir.path().join("a.jalin"), dir.path().join("b.jalin"));
        std::fs::write(&a, b"x").unwrap();
        std::fs::write(&b, b"x").unwrap();
        let mut s = Settings::default();
        assert_eq!(s.start_with(), StartWith::Demo);
        s.remember(&a);
        let a = std::fs::canonicalize(&a).unwrap();
        assert_eq!(s.start_with(), StartWith::Last(a.clone()));

        // Opening b: noted and saved before it opens; the run dies there.
        s.begin_opening(&b);
        s.save(&dirs).unwrap();
        let next = Settings::load(&dirs);
        let b = std::fs::canonicalize(&b).unwrap();
        assert_eq!(next.start_with(), StartWith::NotReopened(b.clone()));
        // Still not reopened at the start after that, until a project opens.
        next.save(&dirs).unwrap();
        let mut again = Settings::load(&dirs);
        assert_eq!(again.start_with(), StartWith::NotReopened(b.clone()));

        // A project opened and shown clears the note.
        again.begin_opening(&a);
        assert!(again.finish_opening());
        again.remember(&a);
        again.save(&dirs).unwrap();
        assert_eq!(Settings::load(&dirs).start_with(), StartWith::Last(a));
        assert!(!Settings::load(&dirs).clone().finish_opening());

        // Settings written by an older Jalin (no such field) load.
        std::fs::write(
            dirs.config.join("settings.json"),
            r#"{"recent": [], "theme": "Dark", "text_size": 15.0}"#,
        )
        .unwrap();
        assert_eq!(Settings::load(&dirs).opening, None);
        assert_eq!(Settings::load(&dirs).language(), None);
        // A language Jalin does not speak counts as none.
        std::fs::write(dirs.config.join("settings.json"), r#"{"language": "xx"}"#).unwrap();
        assert_eq!(Settings::load(&dirs).language(), None);
    }
}
