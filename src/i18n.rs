//! Translations: every text a person reads, in English and Bahasa
//! Indonesia, as Fluent messages (`assets/i18n/LANG/*.ftl`, embedded in the
//! binary).
//!
//! Code asks for a message by its key with [`t!`]; plurals, numbers and
//! word order live in the `.ftl` files, never in string concatenation.
//! Numbers passed as arguments are written the way the language writes
//! them (`1,540` and `70.5` in English, `1.540` and `70,5` in Indonesian).
//! Machine-readable outputs (CSV, the tidy data, JSON) do not go through
//! here: their column names and dot decimals stay the same in every
//! language.
//!
//! The crate is `fluent-bundle`, Project Fluent's own reference
//! implementation: the messages are embedded with `include_str!`, so no
//! loader crate is needed, and its concurrent bundle can be shared by the
//! workbench's threads.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language Jalin speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Id];

    /// The BCP 47 tag: `en`, `id`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    /// The language's own name, for a menu: "English", "Bahasa Indonesia".
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Id => "Bahasa Indonesia",
        }
    }

    /// Reads `en`, `id` (any case), or a locale such as `id_ID.UTF-8`,
    /// `en-GB`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let head = s.split(['_', '-', '.', '@']).next().unwrap_or("");
        match head {
            "en" => Some(Lang::En),
            "id" | "in" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The decimal separator of human-facing numbers.
    pub fn decimal_separator(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Id => ',',
        }
    }

    /// The separator between groups of three digits.
    pub fn group_separator(self) -> char {
        match self {
            Lang::En => ',',
            Lang::Id => '.',
        }
    }
}

/// The environment variable that chooses the language (`en` or `id`).
pub const LANG_ENV: &str = "JALIN_LANG";

/// The `.ftl` files of each language, by name. Both languages have the same
/// files; `tests` checks that they hold the same messages with the same
/// placeholders.
macro_rules! ftl_files {
    ($($name:literal),* $(,)?) => {
        const FTL_EN: &[(&str, &str)] = &[$(
            ($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/i18n/en/", $name))),
        )*];
        const FTL_ID: &[(&str, &str)] = &[$(
            ($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/i18n/id/", $name))),
        )*];
    };
}

// common: words shared by every surface (kinds, roles, units);
// ui: the workbench; cli: command-line help and messages; reports: report
// titles, headers, notes, chart labels, review sheets, the loss report;
// errors: what goes wrong (store, import, files).
ftl_files!(
    "common.ftl",
    "ui.ftl",
    "cli.ftl",
    "reports.ftl",
    "errors.ftl"
);

/// The `.ftl` sources of a language: (file name, text).
pub fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => FTL_EN,
        Lang::Id => FTL_ID,
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of everything said from now on (every thread).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The current language (English until [`set`]).
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Id,
        _ => Lang::En,
    }
}

/// The language the environment asks for: `JALIN_LANG`, else the system
/// locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them).
/// `None` when neither names a language Jalin speaks.
pub fn from_env() -> Option<Lang> {
    if let Some(lang) = std::env::var(LANG_ENV)
        .ok()
        .as_deref()
        .and_then(Lang::parse)
    {
        return Some(lang);
    }
    system_locale()
}

/// The system locale's language, if it is one Jalin speaks.
pub fn system_locale() -> Option<Lang> {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            if value.is_empty() {
                continue;
            }
            // The first variable that is set decides, as in POSIX; "C" and
            // "POSIX" mean no preference.
            return Lang::parse(&value);
        }
    }
    None
}

/// Chooses the language at start: `--lang` first, then `JALIN_LANG`, then
/// the choice remembered from View ▸ Language, then the system locale,
/// else English. Returns what it chose (and sets it).
pub fn init(flag: Option<Lang>, remembered: Option<Lang>) -> Lang {
    let env = std::env::var(LANG_ENV)
        .ok()
        .as_deref()
        .and_then(Lang::parse);
    let lang = flag
        .or(env)
        .or(remembered)
        .or_else(system_locale)
        .unwrap_or(Lang::En);
    set(lang);
    lang
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| build_bundle(lang))
}

fn build_bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.tag().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeholders: they would end up in
    // reports, CSV cells and terminals.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => format_en,
        Lang::Id => format_id,
    }));
    for (name, text) in sources(lang) {
        let resource = FluentResource::try_new((*text).to_string())
            .unwrap_or_else(|(_, errors)| panic!("assets/i18n/{}/{name}: {errors:?}", lang.tag()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("assets/i18n/{}/{name}: {errors:?}", lang.tag()));
    }
    bundle
}

fn format_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, Lang::En)
}

fn format_id<M>(value: &FluentValue, _: &M) -> Option<String> {
    format_number(value, Lang::Id)
}

fn format_number(value: &FluentValue, lang: Lang) -> Option<String> {
    match value {
        FluentValue::Number(n) => {
            let places = n.options.minimum_fraction_digits.unwrap_or_else(|| {
                // No precision asked for: as many decimals as the value has.
                let plain = n.value.to_string();
                plain.split_once('.').map_or(0, |(_, f)| f.len())
            });
            Some(number(n.value, places, lang))
        }
        _ => None,
    }
}

/// A number as the language writes it in prose and tables: `places`
/// decimals (half away from zero), digits grouped by three from 10,000 up
/// (`1540` but `12,500` / `12.500`, as style guides in both languages do).
pub fn number(value: f64, places: usize, lang: Lang) -> String {
    let plain = format!("{:.*}", places, round_half_up(value, places));
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::from(sign);
    if int.len() > 4 {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(lang.group_separator());
            }
            out.push(c);
        }
    } else {
        out.push_str(int);
    }
    if let Some(frac) = frac {
        out.push(lang.decimal_separator());
        out.push_str(frac);
    }
    out
}

fn round_half_up(value: f64, places: usize) -> f64 {
    let scale = 10f64.powi(places as i32);
    (value * scale).round() / scale
}

/// A number in the current language (see [`number`]).
pub fn num(value: f64, places: usize) -> String {
    number(value, places, current())
}

/// An argument of a message.
pub enum Arg {
    Number(f64),
    Text(String),
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
arg_from_number!(usize, u64, u32, i64, i32, f64);

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

/// The message `key` in the current language.
pub fn tr(key: &str) -> String {
    tr_args(key, &[])
}

/// The message `key` in the current language with its arguments.
pub fn tr_args(key: &str, args: &[(&str, Arg)]) -> String {
    tr_in(current(), key, args)
}

/// The message `key` in `lang`; a key missing there falls back to English,
/// and a key missing everywhere is returned as it is (tests keep both from
/// happening: every key used in the code exists in both languages).
pub fn tr_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
        }
    }
    for lang in [lang, Lang::En] {
        let bundle = bundle(lang);
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return text.into_owned();
        }
    }
    key.to_string()
}

/// A message in the current language: `t!("key")`, or with arguments
/// `t!("key", count = n, name = code)` (numbers select plurals and are
/// written the language's way; text is put in as it is).
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::tr($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_args(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Every message of a language with the variables it uses.
    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for (name, text) in sources(lang) {
            let resource = fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, errors)| {
                panic!(
                    "assets/i18n/{}/{name} does not parse: {errors:?}",
                    lang.tag()
                )
            });
            for entry in resource.body {
                if let ast::Entry::Message(m) = entry {
                    let mut vars = BTreeSet::new();
                    if let Some(value) = &m.value {
                        pattern_vars(value, &mut vars);
                    }
                    let previous = out.insert(m.id.name.to_string(), vars);
                    assert!(
                        previous.is_none(),
                        "assets/i18n/{}/{name}: message {} defined twice",
                        lang.tag(),
                        m.id.name
                    );
                }
            }
        }
        out
    }

    fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(inline) => inline_vars(inline, vars),
        }
    }

    fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline_vars(a, vars);
                }
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }

    #[test]
    fn both_languages_have_the_same_messages_and_placeholders() {
        let en = messages(Lang::En);
        let id = messages(Lang::Id);
        let missing_in_id: Vec<_> = en.keys().filter(|k| !id.contains_key(*k)).collect();
        let missing_in_en: Vec<_> = id.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            missing_in_id.is_empty(),
            "missing in assets/i18n/id: {missing_in_id:?}"
        );
        assert!(
            missing_in_en.is_empty(),
            "missing in assets/i18n/en: {missing_in_en:?}"
        );
        for (key, vars) in &en {
            assert_eq!(
                vars, &id[key],
                "placeholders of {key} differ between en and id"
            );
        }
    }

    /// Every `t!("key")` in the source names a message that exists.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let en = messages(Lang::En);
        let mut missing = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let re = regex::Regex::new(r#"\bt!\(\s*"([A-Za-z0-9_-]+)""#).unwrap();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
                    for line in code {
                        for c in re.captures_iter(line) {
                            if !en.contains_key(&c[1]) {
                                missing.push(format!("{}: {}", path.display(), &c[1]));
                            }
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not defined: {missing:#?}"
        );
    }

    #[test]
    fn numbers_are_written_the_languages_way() {
        assert_eq!(number(70.0, 1, Lang::En), "70.0");
        assert_eq!(number(70.0, 1, Lang::Id), "70,0");
        assert_eq!(number(1540.0, 0, Lang::En), "1540");
        assert_eq!(number(12500.0, 0, Lang::En), "12,500");
        assert_eq!(number(12500.0, 0, Lang::Id), "12.500");
        assert_eq!(number(1234567.25, 1, Lang::Id), "1.234.567,3");
        assert_eq!(number(-0.05, 1, Lang::En), "-0.1");
    }

    #[test]
    fn plurals_and_numbers_go_through_fluent() {
        assert_eq!(
            tr_in(Lang::En, "n-codings", &[("count", Arg::from(1usize))]),
            "1 coding"
        );
        assert_eq!(
            tr_in(Lang::En, "n-codings", &[("count", Arg::from(12500usize))]),
            "12,500 codings"
        );
        assert_eq!(
            tr_in(Lang::Id, "n-codings", &[("count", Arg::from(12500usize))]),
            "12.500 pengodean"
        );
        assert_eq!(tr_in(Lang::Id, "no-such-key", &[]), "no-such-key");
    }

    #[test]
    fn languages_are_read_from_locales() {
        assert_eq!(Lang::parse("id_ID.UTF-8"), Some(Lang::Id));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("ID"), Some(Lang::Id));
        assert_eq!(Lang::parse("C"), None);
        assert_eq!(Lang::parse("de_DE"), None);
    }
}
