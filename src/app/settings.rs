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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            theme: ThemeChoice::System,
            text_size: 15.0,
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
        s.save(&dirs).unwrap();
        let back = Settings::load(&dirs);
        assert_eq!(
            back.recent,
            vec![PathBuf::from("/a.jalin"), "/b.jalin".into()]
        );
        assert_eq!(back.theme, ThemeChoice::Dark);
    }
}
