//! clap's parse errors ("unexpected argument …", "invalid value …") in the
//! language of the command line. clap has no translations of its own, but
//! it lets an error be drawn by another [`ErrorFormatter`]: this one writes
//! each [`ErrorKind`] from cli.ftl with clap's context (the argument, the
//! value, the valid values, the suggestion, the usage), so the argument
//! names stay exactly what was typed. A kind without a message here falls
//! back to clap's English text for it.

use std::fmt::Write as _;

use clap::builder::{StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};

use crate::i18n::{Lang, tr_in};

/// A parse error of the command line, in the language it asked for.
#[derive(Debug)]
pub enum ParseError {
    /// English (and help and version, which are already localized).
    En(clap::Error),
    /// Bahasa Indonesia.
    Id(clap::error::Error<Indonesian>),
    /// Help shown in Bahasa Indonesia: already localized but for the line
    /// of clap's generated `help` subcommand, which is put into words here.
    IdHelp(clap::Error),
}

/// The one-line description clap gives its generated `help` subcommand.
const CLAP_HELP_SUBCOMMAND: &str = "Print this message or the help of the given subcommand(s)";

impl ParseError {
    /// The error in `lang` (help and version output stay as they are).
    pub fn new(e: clap::Error, lang: Lang) -> ParseError {
        let shown_as_is = matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        match lang {
            Lang::Id if !shown_as_is => ParseError::Id(e.apply()),
            Lang::Id if e.kind() == ErrorKind::DisplayHelp => ParseError::IdHelp(e),
            _ => ParseError::En(e),
        }
    }

    /// Prints the error (or the help) and ends the process as clap does.
    pub fn exit(&self) -> ! {
        match self {
            ParseError::En(e) => e.exit(),
            ParseError::Id(e) => e.exit(),
            ParseError::IdHelp(_) => {
                use std::io::Write as _;
                let mut out = std::io::stdout().lock();
                // A closed pipe (`jalin --help | head`) ends quietly.
                let _ = write!(out, "{}", self.render()).and_then(|()| out.flush());
                std::process::exit(0)
            }
        }
    }

    /// The text clap prints.
    pub fn render(&self) -> StyledStr {
        match self {
            ParseError::En(e) => e.render(),
            ParseError::Id(e) => e.render(),
            ParseError::IdHelp(e) => StyledStr::from(e.render().to_string().replace(
                CLAP_HELP_SUBCOMMAND,
                &tr_in(Lang::Id, "cli-help-subcommand", &[]),
            )),
        }
    }

    /// Whether it goes to stderr (errors) rather than stdout (help).
    pub fn use_stderr(&self) -> bool {
        match self {
            ParseError::En(e) | ParseError::IdHelp(e) => e.use_stderr(),
            ParseError::Id(e) => e.use_stderr(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            ParseError::En(e) | ParseError::IdHelp(e) => e.kind(),
            ParseError::Id(e) => e.kind(),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.render())
    }
}

impl From<clap::Error> for ParseError {
    fn from(e: clap::Error) -> ParseError {
        ParseError::En(e)
    }
}

/// Draws clap's errors in Bahasa Indonesia.
#[derive(Debug)]
pub struct Indonesian;

fn say(key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, crate::i18n::Arg)> = args
        .iter()
        .map(|(k, v)| (*k, crate::i18n::Arg::from(v.as_str())))
        .collect();
    tr_in(Lang::Id, key, &args)
}

fn text(v: Option<&ContextValue>) -> Option<String> {
    match v? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(s) => Some(s.join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(s) => Some(
            s.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// What the error says, without "galat:", or `None` to use clap's text.
fn message(e: &clap::error::Error<Indonesian>) -> Option<String> {
    let get = |k: ContextKind| text(e.get(k));
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let list = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(s)) => s.clone(),
        _ => Vec::new(),
    };
    let with_values = |mut s: String, key: &str, values: Vec<String>| {
        if !values.is_empty() {
            s.push_str(&format!(
                "\n  [{}]",
                say(key, &[("values", values.join(", "))])
            ));
        }
        s
    };
    Some(match e.kind() {
        ErrorKind::UnknownArgument => say("cli-parse-unknown-argument", &[("arg", arg?)]),
        ErrorKind::InvalidSubcommand => say(
            "cli-parse-unknown-subcommand",
            &[("name", get(ContextKind::InvalidSubcommand)?)],
        ),
        ErrorKind::MissingRequiredArgument => {
            let mut s = say("cli-parse-missing-arguments", &[]);
            for a in list(ContextKind::InvalidArg) {
                s.push_str(&format!("\n  {a}"));
            }
            s
        }
        ErrorKind::MissingSubcommand => with_values(
            say(
                "cli-parse-missing-subcommand",
                &[("name", get(ContextKind::InvalidSubcommand)?)],
            ),
            "cli-parse-subcommands",
            list(ContextKind::ValidSubcommand),
        ),
        ErrorKind::InvalidValue => {
            let (arg, value) = (arg?, value?);
            let s = if value.is_empty() {
                say("cli-parse-value-missing", &[("arg", arg)])
            } else {
                say("cli-parse-invalid-value", &[("arg", arg), ("value", value)])
            };
            with_values(
                s,
                "cli-parse-possible-values",
                list(ContextKind::ValidValue),
            )
        }
        ErrorKind::ValueValidation => {
            let mut s = say(
                "cli-parse-invalid-value",
                &[("arg", arg?), ("value", value?)],
            );
            if let Some(source) = std::error::Error::source(e) {
                s.push_str(&format!(": {source}"));
            }
            s
        }
        ErrorKind::TooManyValues => say(
            "cli-parse-too-many-values",
            &[("arg", arg?), ("value", value?)],
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => say(
            "cli-parse-wrong-number",
            &[
                ("arg", arg?),
                (
                    "expected",
                    get(ContextKind::MinValues).or(get(ContextKind::ExpectedNumValues))?,
                ),
                ("actual", get(ContextKind::ActualNumValues)?),
            ],
        ),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            let arg = arg.or(get(ContextKind::InvalidSubcommand))?;
            match prior {
                Some(p) if p != arg => say(
                    "cli-parse-conflict",
                    &[("arg", arg), ("other", p.replace(", ", "', '"))],
                ),
                _ => say("cli-parse-repeated", &[("arg", arg)]),
            }
        }
        ErrorKind::NoEquals => say("cli-parse-no-equals", &[("arg", arg?)]),
        _ => return None,
    })
}

/// clap's own tips, where their wording is known.
fn tip(s: &str) -> String {
    // "to pass 'X' as a value, use '-- X'"
    if let Some(rest) = s.strip_prefix("to pass '")
        && let Some((x, _)) = rest.split_once("' as a value")
    {
        return say("cli-parse-tip-value", &[("arg", x.to_string())]);
    }
    s.to_string()
}

impl ErrorFormatter for Indonesian {
    fn format_error(e: &clap::error::Error<Self>) -> StyledStr {
        let styles = Styles::default();
        let (error, valid) = (styles.get_error(), styles.get_valid());
        let mut out = StyledStr::new();
        let _ = write!(out, "{error}{}{error:#} ", say("cli-parse-error", &[]));
        match message(e) {
            Some(m) => out.push_str(&m),
            None => {
                let english =
                    clap::error::Error::<clap::error::KindFormatter>::new(e.kind()).render();
                out.push_str(english.to_string().trim_start_matches("error: ").trim_end());
            }
        }
        let mut tips = Vec::new();
        for (kind, key) in [
            (
                ContextKind::SuggestedSubcommand,
                "cli-parse-similar-subcommand",
            ),
            (ContextKind::SuggestedArg, "cli-parse-similar-argument"),
            (ContextKind::SuggestedValue, "cli-parse-similar-value"),
        ] {
            if let Some(s) = text(e.get(kind)) {
                tips.push(say(key, &[("name", s.replace(", ", "', '"))]));
            }
        }
        if let Some(ContextValue::StyledStrs(suggested)) = e.get(ContextKind::Suggested) {
            tips.extend(suggested.iter().map(|s| tip(&s.to_string())));
        }
        if !tips.is_empty() {
            out.push_str("\n");
        }
        for t in tips {
            let _ = write!(out, "\n  {valid}{}{valid:#} {t}", say("cli-parse-tip", &[]));
        }
        if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = match usage.strip_prefix("Usage:") {
                Some(rest) => format!("{}{rest}", say("cli-heading-usage", &[])),
                None => usage,
            };
            out.push_str("\n\n");
            out.push_str(&usage);
        }
        out.push_str("\n\n");
        out.push_str(&say("cli-parse-try-help", &[]));
        out.push_str("\n");
        out
    }
}
