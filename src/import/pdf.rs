//! PDF files with a text layer. A scanned PDF (pictures of pages, no text)
//! is refused with "no text layer" rather than imported empty.
//!
//! The text comes from the `pdf-extract` crate, which panics on much that
//! it cannot handle and inflates every stream it meets without a limit. So
//! the document is loaded here first (with `lopdf`, which `pdf-extract`
//! re-exports): pictures are emptied (the extractor would inflate them and
//! read them as page content), every other stream is measured while
//! inflating, up to [`MAX_UNPACKED`] in all (a compression bomb is refused
//! before any of it is read), and the text written is capped at the same
//! size. The extractor runs on its own thread with a large stack and its
//! panics are caught and kept quiet ([`quietly`]); a page it fails on is
//! skipped with a warning when other pages read.

use std::cell::RefCell;
use std::io::Read;
use std::sync::OnceLock;

use pdf_extract::{Document, Object, OutputError, PlainTextOutput};

use super::{ImportProblem, Importer, Parsed, parsed_from_text};

/// Reads `.pdf` files.
pub struct PdfImporter;

/// How many bytes a PDF's streams (other than pictures) may unpack to in
/// all, and how much text it may give: the limit on any imported file.
pub const MAX_UNPACKED: u64 = super::MAX_FILE_BYTES;

/// The extractor's stack: it recurses over page content and drawings.
const STACK_BYTES: usize = 256 * 1024 * 1024;

impl Importer for PdfImporter {
    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn parse(&self, file_name: &str, bytes: &[u8]) -> Result<Parsed, ImportProblem> {
        let (text, warnings) = pdf_text(bytes, MAX_UNPACKED)?;
        let mut parsed = parsed_from_text(file_name, text, Vec::new())?;
        parsed.warnings = warnings;
        Ok(parsed)
    }
}

fn cannot(what: impl std::fmt::Display) -> ImportProblem {
    ImportProblem::Format(format!("the PDF cannot be read ({what})"))
}

/// The text of a PDF and warnings (pages skipped), with streams and text
/// capped at `limit` bytes.
fn pdf_text(bytes: &[u8], limit: u64) -> Result<(String, Vec<String>), ImportProblem> {
    if !bytes.starts_with(b"%PDF") {
        return Err(ImportProblem::Format("it is not a PDF file".into()));
    }
    match quietly(|| read_document(bytes, limit)) {
        Ok(result) => result,
        Err(panic) => Err(explain_panic(&panic)),
    }
}

/// Loads, checks and extracts; runs inside [`quietly`].
fn read_document(bytes: &[u8], limit: u64) -> Result<(String, Vec<String>), ImportProblem> {
    let mut doc = Document::load_mem(bytes).map_err(cannot)?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ImportProblem::Format(
            "the PDF is encrypted; save an unprotected copy first".into(),
        ));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ImportProblem::Format(
            "Jalin's PDF reader finds no pages in it: its page tree is damaged, \
             refers to itself or is nested too deeply"
                .into(),
        ));
    }
    bound_streams(&mut doc, limit)?;
    refuse_drawing_loops(&doc)?;

    // The whole document at once, as the extractor means it to be read.
    let whole = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut out = Capped::new(limit);
        let r = {
            let sink: &mut dyn std::io::Write = &mut out;
            let mut output = PlainTextOutput::new(sink);
            pdf_extract::output_doc(&doc, &mut output)
        };
        (r, out)
    }));
    let first_panic = match whole {
        Ok((Ok(()), out)) => return finish(out.text(), Vec::new()),
        Ok((Err(e), out)) => return Err(explain_error(&e, out.over)),
        Err(_) => take_panic(),
    };

    // A page the extractor fails on: the others, page by page.
    let mut text = String::new();
    let mut skipped: Vec<u32> = Vec::new();
    let mut reason = first_panic;
    for &number in pages.keys() {
        let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut out = Capped::new(limit.saturating_sub(text.len() as u64));
            let r = {
                let sink: &mut dyn std::io::Write = &mut out;
                let mut output = PlainTextOutput::new(sink);
                pdf_extract::output_doc_page(&doc, &mut output, number)
            };
            (r, out)
        }));
        match page {
            Ok((Ok(()), out)) => {
                text.push_str(&out.text());
                text.push('\u{c}');
            }
            Ok((Err(e), out)) if out.over => return Err(explain_error(&e, true)),
            Ok((Err(_), _)) => skipped.push(number),
            Err(_) => {
                let p = take_panic();
                if reason.is_none() {
                    reason = p;
                }
                skipped.push(number);
            }
        }
    }
    if skipped.len() == pages.len() {
        let reason = reason.unwrap_or_default();
        return Err(explain_panic(&reason));
    }
    let warning = format!(
        "{} {} of {} left out: Jalin's PDF reader cannot read {} ({})",
        if skipped.len() == 1 { "page" } else { "pages" },
        page_list(&skipped),
        pages.len(),
        if skipped.len() == 1 { "it" } else { "them" },
        short_reason(&reason.unwrap_or_default()),
    );
    finish(text, vec![warning])
}

fn finish(raw: String, warnings: Vec<String>) -> Result<(String, Vec<String>), ImportProblem> {
    let text = tidy(&raw);
    if text.trim().is_empty() {
        return Err(ImportProblem::NoText(
            "the PDF has no text layer (a scan?); run OCR on it first and import the result".into(),
        ));
    }
    Ok((text, warnings))
}

/// "3", "3 and 7", "3, 5 and 7", runs as "3–6".
fn page_list(pages: &[u32]) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        runs.push(if j > i {
            format!("{}–{}", pages[i], pages[j])
        } else {
            pages[i].to_string()
        });
        i = j + 1;
    }
    match runs.len() {
        0 => String::new(),
        1 => runs.remove(0),
        _ => {
            let last = runs.pop().unwrap_or_default();
            format!("{} and {last}", runs.join(", "))
        }
    }
}

/// Refuses a PDF whose drawings (Form XObjects) draw themselves, directly
/// or through others, or nest deeper than [`MAX_DRAWING_DEPTH`]: the
/// extractor follows them without end until its stack overflows, which
/// ends the process (no thread or hook can catch it). The PDF standard
/// forbids such loops; only a damaged or crafted file has one.
fn refuse_drawing_loops(doc: &Document) -> Result<(), ImportProblem> {
    use std::collections::BTreeMap;
    type Id = (u32, u16);
    let is_form = |o: &Object| {
        matches!(o, Object::Stream(s) if s
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Form"))
    };
    let deref =
        |o: &'_ Object| -> Option<Object> { doc.dereference(o).ok().map(|(_, o)| o.clone()) };
    // The drawings each drawing names in its own resources.
    let mut draws: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
    for (id, o) in &doc.objects {
        let Object::Stream(stream) = o else { continue };
        if !is_form(o) {
            continue;
        }
        let named = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(deref)
            .and_then(|r| {
                r.as_dict()
                    .ok()
                    .and_then(|d| d.get(b"XObject").ok().cloned())
            })
            .and_then(|x| deref(&x))
            .and_then(|x| x.as_dict().ok().cloned())
            .map(|x| {
                x.iter()
                    .filter_map(|(_, v)| v.as_reference().ok())
                    .filter(|t| doc.objects.get(t).is_some_and(is_form))
                    .collect()
            })
            .unwrap_or_default();
        draws.insert(*id, named);
    }
    // Depth-first, without recursion: a drawing met again while it is
    // being drawn is a loop.
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Open,
        Done,
    }
    let mut seen: BTreeMap<Id, Seen> = BTreeMap::new();
    let looped = || {
        ImportProblem::Format(
            "a drawing in the PDF draws itself (directly or through others), so Jalin's PDF reader would never finish; the file is damaged or crafted"
                .into(),
        )
    };
    for &start in draws.keys() {
        if seen.contains_key(&start) {
            continue;
        }
        let mut stack: Vec<(Id, usize)> = vec![(start, 0)];
        seen.insert(start, Seen::Open);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let children = &draws[&node];
            if *next < children.len() {
                let child = children[*next];
                *next += 1;
                match seen.get(&child) {
                    Some(Seen::Open) => return Err(looped()),
                    Some(Seen::Done) => {}
                    None => {
                        if stack.len() >= MAX_DRAWING_DEPTH {
                            return Err(looped());
                        }
                        seen.insert(child, Seen::Open);
                        stack.push((child, 0));
                    }
                }
            } else {
                seen.insert(node, Seen::Done);
                stack.pop();
            }
        }
    }
    Ok(())
}

/// How deep drawings may nest inside drawings.
const MAX_DRAWING_DEPTH: usize = 64;

/// Empties pictures and measures every other stream while inflating it:
/// more than `limit` bytes in all is a compression bomb. Streams are left
/// packed (the extractor inflates what it reads); only their sizes are
/// found here, and a stream stops being inflated once the limit is passed.
fn bound_streams(doc: &mut Document, limit: u64) -> Result<(), ImportProblem> {
    let mut total: u64 = 0;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let is_picture = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image");
        if is_picture {
            // Never text; the extractor would inflate it and read the pixels
            // as drawing commands.
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(Vec::new());
            continue;
        }
        let remaining = limit.saturating_sub(total);
        total = total.saturating_add(unpacked_size(stream, remaining));
        if total > limit {
            return Err(ImportProblem::Format(format!(
                "the PDF unpacks to more than {} MiB (a compression bomb?); Jalin reads at most that",
                limit / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

/// The size a stream unpacks to, counted up to `cap` + 1 bytes.
fn unpacked_size(stream: &pdf_extract::Stream, cap: u64) -> u64 {
    let Ok(filters) = stream.filters() else {
        return stream.content.len() as u64;
    };
    let mut data: Vec<u8> = stream.content.clone();
    for (i, filter) in filters.iter().enumerate() {
        let last = i + 1 == filters.len();
        // The last filter is only counted; earlier ones are kept (bounded)
        // for the next.
        let keep = !last;
        let (size, out) = match *filter {
            b"FlateDecode" => inflate_bounded(&data, cap, keep),
            b"LZWDecode" => lzw_bounded(&data, cap, keep),
            // ASCII85 and anything else shrink or are not decoded by the
            // extractor's reader.
            _ => (data.len() as u64, std::mem::take(&mut data)),
        };
        if last || size > cap {
            return size;
        }
        data = out;
    }
    data.len() as u64
}

fn inflate_bounded(input: &[u8], cap: u64, keep: bool) -> (u64, Vec<u8>) {
    let (size, kept, failed) = read_bounded(flate2::read::ZlibDecoder::new(input), cap, keep);
    // As `lopdf` does: a stream that fails at once is tried as raw deflate
    // without the two-byte header.
    if size == 0 && failed && input.len() > 2 {
        let (size, kept, _) =
            read_bounded(flate2::read::DeflateDecoder::new(&input[2..]), cap, keep);
        return (size, kept);
    }
    (size, kept)
}

/// Reads up to `cap` + 1 bytes; whether reading stopped on an error.
fn read_bounded(reader: impl Read, cap: u64, keep: bool) -> (u64, Vec<u8>, bool) {
    let mut reader = reader.take(cap.saturating_add(1));
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    let mut kept = Vec::new();
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return (size, kept, false),
            Err(_) => return (size, kept, true),
            Ok(n) => {
                size += n as u64;
                if keep {
                    kept.extend_from_slice(&buf[..n]);
                }
            }
        }
    }
}

fn lzw_bounded(input: &[u8], cap: u64, keep: bool) -> (u64, Vec<u8>) {
    let mut decoder = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut buf = vec![0u8; 64 * 1024];
    let mut rest = input;
    let mut size = 0u64;
    let mut kept = Vec::new();
    while size <= cap {
        let r = decoder.decode_bytes(rest, &mut buf);
        size += r.consumed_out as u64;
        if keep {
            kept.extend_from_slice(&buf[..r.consumed_out]);
        }
        rest = &rest[r.consumed_in..];
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in + r.consumed_out > 0 => {}
            _ => break,
        }
    }
    (size, kept)
}

/// Text written by the extractor, refused once it passes the limit (the
/// extractor then stops with a write error).
struct Capped {
    bytes: Vec<u8>,
    limit: u64,
    over: bool,
}

impl Capped {
    fn new(limit: u64) -> Capped {
        Capped {
            bytes: Vec::new(),
            limit,
            over: false,
        }
    }

    fn text(self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if (self.bytes.len() + buf.len()) as u64 > self.limit {
            self.over = true;
            return Err(std::io::Error::other("text limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn explain_error(e: &OutputError, over_limit: bool) -> ImportProblem {
    if over_limit {
        return ImportProblem::Format(format!(
            "the PDF's text is more than {} MiB; Jalin reads at most that",
            MAX_UNPACKED / (1024 * 1024)
        ));
    }
    let msg = e.to_string();
    if msg.to_lowercase().contains("encrypt") {
        return ImportProblem::Format(
            "the PDF is encrypted; save an unprotected copy first".into(),
        );
    }
    cannot(msg)
}

const FONT_REASON: &str = "a font or font encoding it cannot decode";

/// What a panic of the extractor means, in words.
fn short_reason(panic: &Panic) -> &'static str {
    let m = panic.message.as_str();
    let in_extractor = panic.file.contains("pdf-extract");
    if m.contains("InvalidContentStream") || m.contains("operands") || m.contains("not a number") {
        "its page content is damaged or nested too deeply"
    } else if in_extractor && (300..1130).contains(&panic.line)
        || m.contains("encoding")
        || m.contains("cmap")
        || m.contains("width")
        || m.contains("font")
    {
        FONT_REASON
    } else if in_extractor && (1130..1330).contains(&panic.line) {
        "a colour function it cannot handle"
    } else {
        "its structure is damaged"
    }
}

fn explain_panic(panic: &Panic) -> ImportProblem {
    let what = match short_reason(panic) {
        FONT_REASON => "the PDF uses a font or font encoding Jalin's PDF reader cannot decode",
        "its page content is damaged or nested too deeply" => {
            "the PDF's page content is damaged or nested too deeply for Jalin's PDF reader"
        }
        "a colour function it cannot handle" => {
            "the PDF uses a colour function Jalin's PDF reader cannot handle"
        }
        _ => "the PDF cannot be read (its structure is damaged)",
    };
    ImportProblem::Format(what.into())
}

// ---- Panics kept quiet -------------------------------------------------

/// A caught panic: its message and where it was raised.
#[derive(Debug, Clone, Default)]
struct Panic {
    message: String,
    file: String,
    line: u32,
}

thread_local! {
    /// Set on a thread running [`quietly`]: its panics are recorded here
    /// instead of printed.
    static QUIET: RefCell<Option<Option<Panic>>> = const { RefCell::new(None) };
}

/// Installs, once per process, a panic hook that keeps the panics of
/// threads inside [`quietly`] off stderr and hands every other panic to the
/// hook that was there before. The hook is never swapped back and forth, so
/// threads starting and ending quiet sections at once cannot lose another
/// thread's hook or message.
fn install_hook() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let handled = QUIET.with(|q| {
                let mut q = q.borrow_mut();
                let Some(slot) = q.as_mut() else {
                    return false;
                };
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let (file, line) = info
                    .location()
                    .map(|l| (l.file().to_string(), l.line()))
                    .unwrap_or_default();
                *slot = Some(Panic {
                    message,
                    file,
                    line,
                });
                true
            });
            if !handled {
                previous(info);
            }
        }));
    });
}

/// The panic recorded on this quiet thread since the last call.
fn take_panic() -> Option<Panic> {
    QUIET.with(|q| q.borrow_mut().as_mut().and_then(Option::take))
}

/// Runs `f` on a thread of its own with a large stack, its panics caught
/// and not printed. `Err` holds the panic that ended it.
fn quietly<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, Panic> {
    install_hook();
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("jalin-pdf".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || {
                QUIET.with(|q| *q.borrow_mut() = Some(None));
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
                let panic = take_panic();
                QUIET.with(|q| *q.borrow_mut() = None);
                r.map_err(|_| panic.unwrap_or_default())
            });
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|_| Err(Panic::default())),
            Err(e) => Err(Panic {
                message: format!("cannot start the PDF reader: {e}"),
                ..Panic::default()
            }),
        }
    })
}

/// Pages become paragraphs; runs of blank lines become one, trailing spaces
/// go.
fn tidy(raw: &str) -> String {
    super::html::tidy_lines(&raw.replace('\u{c}', "\n\n"))
}
