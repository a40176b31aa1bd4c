//! Standard output and error as the command line writes them. A reader that
//! stops early (`jalin … | head`) ends a command that only shows something
//! quietly, with status 0; it never stops a command that changes the
//! project half-way: that command finishes its work, then says on stderr
//! what the lost output ended with and exits with [`OUTPUT_LOST`].

use std::io::{ErrorKind, Write};

use super::{CodesCommand, Command, QdcCommand, QdpxCommand};

/// Exit status of a command that did all its work but could not print all
/// of its output (standard output was closed or failed).
pub const OUTPUT_LOST: i32 = 3;

/// Whether `command` may change a project (or make one). Such a command
/// keeps going when its output cannot be written; the others stop.
pub(super) fn changes_project(command: &Command) -> bool {
    match command {
        Command::List(_)
        | Command::Show { .. }
        | Command::Report(_)
        | Command::Agreement(_)
        | Command::Chart(_)
        | Command::Disagreements(_)
        | Command::Bench(_)
        | Command::Open { .. }
        | Command::Qdpx(QdpxCommand::Export { .. })
        | Command::Qdc(QdcCommand::Export { .. })
        | Command::Codes(CodesCommand::List { .. })
        | Command::Codes(CodesCommand::Delete { dry_run: true, .. })
        | Command::RemoveSource { dry_run: true, .. } => false,
        Command::Review(a) => a.set.is_some(),
        Command::Coders(a) => !matches!(a.action, super::CodersAction::List),
        Command::Blind { action, .. } => *action != super::BlindAction::Status,
        Command::Speakers(a) => !(a.roles.is_empty() && a.attrs.is_empty() && a.unset.is_empty()),
        Command::Pseudonyms(a) => match &a.action {
            super::PseudonymsAction::List | super::PseudonymsAction::Check { .. } => false,
            super::PseudonymsAction::Suggest { accept, .. } => *accept,
            _ => true,
        },
        _ => true,
    }
}

/// Whether the command writes what the project holds to a file or the
/// screen (a report, chart, review sheet, exchange file): from an encrypted
/// project, that output is plaintext, and the command says so.
pub(super) fn exports(command: &Command) -> bool {
    match command {
        Command::Report(_)
        | Command::Chart(_)
        | Command::Agreement(_)
        | Command::Disagreements(_)
        | Command::Show { .. }
        | Command::Qdpx(QdpxCommand::Export { .. })
        | Command::Qdc(QdcCommand::Export { .. }) => true,
        Command::Review(a) => a.set.is_none(),
        _ => false,
    }
}

/// A writer that remembers its first failure. With `keep_going` it then
/// accepts (and drops) everything written after, so the command carries
/// on; it keeps the last line dropped, to be shown on stderr.
pub(super) struct Guarded<'a> {
    inner: &'a mut dyn Write,
    keep_going: bool,
    failed: Option<std::io::Error>,
    lost_lines: usize,
    partial: Vec<u8>,
    last_line: Option<String>,
    /// What the inner writer took since the last line break: a buffering
    /// writer (stdout) may take a line's first part and fail only at its
    /// end, when the whole line is lost.
    unsent: Vec<u8>,
}

/// Longest part of a lost line kept.
const KEEP: usize = 4096;

impl<'a> Guarded<'a> {
    pub(super) fn new(inner: &'a mut dyn Write, keep_going: bool) -> Guarded<'a> {
        Guarded {
            inner,
            keep_going,
            failed: None,
            lost_lines: 0,
            partial: Vec::new(),
            last_line: None,
            unsent: Vec::new(),
        }
    }

    /// The first write error, if any.
    pub(super) fn failure(&self) -> Option<&std::io::Error> {
        self.failed.as_ref()
    }

    /// Lines that were not written, and the last of them.
    pub(super) fn lost(&self) -> (usize, Option<String>) {
        let partial =
            (!self.partial.is_empty()).then(|| String::from_utf8_lossy(&self.partial).into_owned());
        (
            self.lost_lines + usize::from(partial.is_some()),
            partial.or_else(|| self.last_line.clone()),
        )
    }

    fn note_lost(&mut self, buf: &[u8]) {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.partial.extend_from_slice(&rest[..i.min(KEEP)]);
            self.partial.truncate(KEEP);
            self.last_line = Some(String::from_utf8_lossy(&self.partial).into_owned());
            self.partial.clear();
            self.lost_lines += 1;
            rest = &rest[i + 1..];
        }
        self.partial
            .extend_from_slice(&rest[..rest.len().min(KEEP)]);
        self.partial.truncate(KEEP);
    }

    fn fail(&mut self, e: std::io::Error, lost: &[u8]) -> std::io::Result<usize> {
        let kind = e.kind();
        self.failed = Some(e);
        let unsent = std::mem::take(&mut self.unsent);
        self.note_lost(&unsent);
        self.note_lost(lost);
        if self.keep_going {
            Ok(lost.len())
        } else {
            Err(kind.into())
        }
    }
}

impl Write for Guarded<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(e) = &self.failed {
            let kind = e.kind();
            self.note_lost(buf);
            return if self.keep_going {
                Ok(buf.len())
            } else {
                Err(kind.into())
            };
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == ErrorKind::Interrupted => Err(e),
            Err(e) => self.fail(e, buf),
            Ok(n) => {
                let taken = &buf[..n];
                match taken.iter().rposition(|&b| b == b'\n') {
                    Some(i) => {
                        self.unsent.clear();
                        self.unsent.extend_from_slice(&taken[i + 1..]);
                    }
                    None => self.unsent.extend_from_slice(taken),
                }
                self.unsent.truncate(KEEP);
                Ok(n)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(e) = &self.failed {
            return if self.keep_going {
                Ok(())
            } else {
                Err(e.kind().into())
            };
        }
        match self.inner.flush() {
            Err(e) => self.fail(e, &[]).map(|_| ()),
            ok => ok,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` bytes, then fails as a closed pipe does.
    struct Closing {
        room: usize,
        got: Vec<u8>,
    }

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Buffers a line and fails when its end is written, as stdout's line
    /// buffer on a full disk does.
    struct FullAtLineEnd;

    impl Write for FullAtLineEnd {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if buf.contains(&b'\n') {
                return Err(std::io::Error::from_raw_os_error(28));
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_line_taken_in_parts_then_lost_is_the_last_line_shown() {
        let mut inner = FullAtLineEnd;
        let mut g = Guarded::new(&mut inner, true);
        writeln!(g, "coded {} passages", 1828).unwrap();
        assert_eq!(g.lost(), (1, Some("coded 1828 passages".to_string())));
    }

    #[test]
    fn keep_going_drops_the_rest_and_keeps_the_last_line() {
        let mut inner = Closing {
            room: 8,
            got: Vec::new(),
        };
        let mut g = Guarded::new(&mut inner, true);
        for i in 0..100 {
            writeln!(g, "row {i}: ok").unwrap();
        }
        write!(g, "coded 100 passages").unwrap();
        assert_eq!(g.failure().map(|e| e.kind()), Some(ErrorKind::BrokenPipe));
        let (lines, last) = g.lost();
        // The cut first line, 99 more, and the unfinished last one.
        assert_eq!(lines, 101);
        assert_eq!(last.as_deref(), Some("coded 100 passages"));
        assert_eq!(inner.got, b"row 0: o");
    }

    #[test]
    fn stopping_returns_the_error() {
        let mut inner = Closing {
            room: 3,
            got: Vec::new(),
        };
        let mut g = Guarded::new(&mut inner, false);
        assert!(writeln!(g, "a long line").is_err());
        assert!(writeln!(g, "more").is_err());
    }
}
