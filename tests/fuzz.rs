//! A stable, time-bounded fuzzing harness: every importer is given random
//! bytes and mutations of a valid file (bytes flipped, inserted, deleted,
//! repeated, cut off; for archives also the XML inside mutated before
//! packing) and must return a result or an error, never panic or hang.
//!
//! Each importer runs for `JALIN_FUZZ_SECS` seconds (default 1.5, so CI stays
//! quick) or for exactly `JALIN_FUZZ_EXECS` inputs; given both, it stops at
//! whichever comes first, and given only `JALIN_FUZZ_EXECS` it runs that many
//! however long it takes. Inputs come from the seed `JALIN_FUZZ_SEED`
//! (default: the time, printed), so a count and a seed name the same inputs
//! on every machine. A failing input is written to the temp folder and its
//! path printed; keep it as a regression case in `regressions()` below.
//! An input that aborts the process (a stack overflow) cannot be saved that
//! way: find its number by running fewer inputs (`JALIN_FUZZ_EXECS`), then
//! `JALIN_FUZZ_SAVE=<number>` writes input `<number>` out before running it.

mod common;

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use jalin::container::archive::Limits;
use jalin::exchange::read_qdpx_from;
use jalin::import::{self, Importer};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// When a fuzz run stops: after a time, after a number of inputs, or at
/// whichever comes first.
struct Budget {
    time: Option<Duration>,
    execs: Option<u64>,
}

fn budget() -> Budget {
    let var = |name| std::env::var(name).ok().filter(|s| !s.trim().is_empty());
    let time = var("JALIN_FUZZ_SECS")
        .map(|s| Duration::from_secs_f64(s.trim().parse().expect("JALIN_FUZZ_SECS: seconds")));
    let execs = var("JALIN_FUZZ_EXECS").map(|s| {
        s.trim()
            .replace('_', "")
            .parse()
            .expect("JALIN_FUZZ_EXECS: a whole number")
    });
    match (time, execs) {
        (None, None) => Budget {
            time: Some(Duration::from_secs_f64(1.5)),
            execs: None,
        },
        (time, execs) => Budget { time, execs },
    }
}

fn seed() -> u64 {
    common::seed_from_env("JALIN_FUZZ_SEED")
}

/// Bytes that often matter to parsers.
const INTERESTING: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"<!DOCTYPE x [<!ENTITY a \"b\">]>",
    b"\"",
    b":",
    b"\n",
    b"\r\n",
    b"---\n",
    b"-->",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\x00",
    b"\xC3",
    b"\xF0\x9F\x98",
    b"00:00:01.000 --> 00:00:02.000",
    b"<w:p>",
    b"</w:t>",
    b"<text:p>",
    b"PK\x03\x04",
    b"Interviewer:",
    b"[00:01]",
    b"9999999999",
    b"startPosition=\"-1\"",
    b"endPosition=\"99999999999999999999\"",
    b"<v Ana>",
    b",",
    b";",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(v.len() + 1);
        match rng.below(7) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at, rng.next() as u8),
            2 if !v.is_empty() => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            3 if !v.is_empty() => {
                let start = rng.below(v.len());
                let end = (start + rng.below(256)).min(v.len());
                let piece = v[start..end].to_vec();
                for _ in 0..1 + rng.below(4) {
                    v.splice(at.min(v.len())..at.min(v.len()), piece.iter().copied());
                }
            }
            4 => v.truncate(at),
            _ => {
                let s = INTERESTING[rng.below(INTERESTING.len())];
                v.splice(at..at, s.iter().copied());
            }
        }
    }
    v
}

/// One element of an XML document, by byte offsets: `start..open_end` is
/// its start tag, `close_start..end` its end tag (empty when self-closing).
#[derive(Clone, Copy)]
struct Element {
    start: usize,
    open_end: usize,
    close_start: usize,
    end: usize,
}

/// The elements of a simple well-formed document (no `>` inside attribute
/// values, no CDATA); `None` if it is not one.
fn elements(xml: &[u8]) -> Option<Vec<Element>> {
    let mut out = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(lt) = xml[i..].iter().position(|&b| b == b'<') {
        let start = i + lt;
        let gt = start + xml[start..].iter().position(|&b| b == b'>')?;
        match xml.get(start + 1) {
            Some(b'?' | b'!') => {}
            Some(b'/') => {
                let (s, open_end) = open.pop()?;
                out.push(Element {
                    start: s,
                    open_end,
                    close_start: start,
                    end: gt + 1,
                });
            }
            _ if xml[gt - 1] == b'/' => out.push(Element {
                start,
                open_end: gt + 1,
                close_start: gt + 1,
                end: gt + 1,
            }),
            _ => open.push((start, gt + 1)),
        }
        i = gt + 1;
    }
    open.is_empty().then_some(out)
}

/// Values worth putting into attributes and text.
const VALUES: &[&str] = &[
    "",
    "0",
    "-1",
    "1",
    "2",
    "65535",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999",
    "1e9",
    "NaN",
    " 3 ",
    "true",
    "false",
    "#FFF",
    "#GG0000",
    "preserve",
    "normal",
    "separator",
    "11111111-1111-1111-1111-111111111111",
    "22222222-2222-2222-2222-222222222222",
    "33333333-3333-3333-3333-333333333333",
    "55555555-5555-5555-5555-555555555555",
    "77777777-7777-7777-7777-777777777777",
    "88888888-8888-8888-8888-888888888888",
    "{11111111-1111-1111-1111-111111111111}",
    "internal://11111111-1111-1111-1111-111111111111.txt",
    "relative://../x.txt",
    "absolute:///etc/passwd",
    "a::b::c",
    "::",
    "2024-01-01T00:00:00Z",
    "&amp;&lt;&#0;&#xD800;&#1114112;",
    "😀",
    "\u{200B}",
];

/// Mutates a well-formed XML document keeping it well-formed: elements are
/// deleted, repeated, nested in copies of a tag up to thousands deep,
/// grafted into other elements, and attribute values and text replaced.
/// Falls back to byte mutations when the document is not simple XML.
fn mutate_xml(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(3) {
        let Some(els) = elements(&v) else {
            return mutate(rng, &v);
        };
        if els.len() < 2 || v.len() > 1 << 20 {
            break;
        }
        // Leave the root element alone (it is last: closed last).
        let e = els[rng.below(els.len() - 1)];
        let p = els[rng.below(els.len())];
        let many = 1 << rng.below(13);
        match rng.below(7) {
            0 => {
                v.drain(e.start..e.end);
            }
            1 => {
                let piece = v[e.start..e.end].repeat(many.min(256));
                v.splice(e.end..e.end, piece);
            }
            2 if p.open_end < p.close_start || p.close_start == p.end => {
                // Nest `e` inside `many` copies of `p`'s tag.
                let tag = &v[p.start + 1..p.open_end];
                let name_len = tag
                    .iter()
                    .position(|b| b" \t\r\n/>".contains(b))
                    .unwrap_or(tag.len());
                let name = tag[..name_len].to_vec();
                let mut open = b"<".to_vec();
                open.extend_from_slice(&name);
                open.push(b'>');
                let mut close = b"</".to_vec();
                close.extend_from_slice(&name);
                close.push(b'>');
                v.splice(e.end..e.end, close.repeat(many));
                v.splice(e.start..e.start, open.repeat(many));
            }
            3 if p.open_end < p.close_start => {
                let piece = v[e.start..e.end].to_vec();
                v.splice(p.open_end..p.open_end, piece);
            }
            4 | 5 => {
                // An attribute value of `e`'s start tag.
                let tag = &v[e.start..e.open_end];
                let quotes: Vec<usize> = (0..tag.len()).filter(|&i| tag[i] == b'"').collect();
                if quotes.len() >= 2 {
                    let k = rng.below(quotes.len() / 2) * 2;
                    let (a, b) = (e.start + quotes[k] + 1, e.start + quotes[k + 1]);
                    let value = VALUES[rng.below(VALUES.len())].repeat(if rng.below(8) == 0 {
                        many
                    } else {
                        1
                    });
                    v.splice(a..b, value.bytes());
                }
            }
            _ if p.open_end < p.close_start => {
                let value = VALUES[rng.below(VALUES.len())].repeat(if rng.below(8) == 0 {
                    many
                } else {
                    1
                });
                v.splice(p.open_end..p.open_end, value.bytes());
            }
            _ => {}
        }
    }
    if rng.below(8) == 0 {
        mutate(rng, &v)
    } else {
        v
    }
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    (0..rng.below(512)).map(|_| rng.next() as u8).collect()
}

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        if z.start_file(*name, o).is_ok() {
            let _ = z.write_all(bytes);
        }
    }
    z.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// Runs `parse` on inputs until the budget is spent; returns how many ran.
/// `parse` says whether the input imported, so the report can show how
/// many inputs got past the first checks.
fn fuzz(
    name: &str,
    make: &mut dyn FnMut(&mut Rng) -> Vec<u8>,
    parse: &dyn Fn(&[u8]) -> bool,
) -> u64 {
    let seed = seed();
    let budget = budget();
    let save: Option<u64> = std::env::var("JALIN_FUZZ_SAVE")
        .ok()
        .and_then(|s| s.parse().ok());
    let mut rng = Rng(seed);
    let t = Instant::now();
    let mut runs = 0u64;
    let mut imported = 0u64;
    let mut next_report = Duration::from_secs(60);
    loop {
        if budget.execs.is_some_and(|n| runs >= n) {
            break;
        }
        // Reading the clock every input would cost the fast targets a few
        // per cent; every 64th is often enough.
        if runs.is_multiple_of(64) {
            let elapsed = t.elapsed();
            if budget.time.is_some_and(|d| elapsed >= d) {
                break;
            }
            if elapsed >= next_report {
                eprintln!("{name}: {runs} inputs after {elapsed:.0?} (seed {seed})");
                next_report += Duration::from_secs(60);
            }
        }
        let input = make(&mut rng);
        if save == Some(runs) {
            let path = std::env::temp_dir().join(format!("jalin-fuzz-{name}-{seed}-{runs}.bin"));
            std::fs::write(&path, &input).expect("save the input");
            eprintln!("{name}: input {runs} saved to {}", path.display());
        }
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| parse(&input)));
        let took = start.elapsed();
        if result.as_ref().is_ok_and(|ok| *ok) {
            imported += 1;
        }
        if result.is_err() || took > Duration::from_secs(5) {
            let path = std::env::temp_dir().join(format!("jalin-fuzz-{name}-{seed}-{runs}.bin"));
            let _ = std::fs::write(&path, &input);
            panic!(
                "{name}: {} on input {runs} (seed {seed}), saved to {}",
                if result.is_err() { "panic" } else { "too slow" },
                path.display()
            );
        }
        runs += 1;
    }
    eprintln!(
        "{name}: {runs} inputs ({imported} imported) in {:.2?}, seed {seed}, no panic",
        t.elapsed()
    );
    runs
}

fn importer(ext: &str) -> Box<dyn Importer> {
    import::importers()
        .into_iter()
        .find(|i| i.extensions().contains(&ext))
        .expect("an importer")
}

/// The unmutated seed must import, or the mutations would mostly stop at
/// the first check and the run would look deeper than it is.
fn assert_seed_imports(imp: &dyn Importer, file: &str, bytes: &[u8]) {
    let parsed = imp.parse(file, bytes).expect("the fuzz seed imports");
    assert!(!parsed.source.text.is_empty(), "{file}: seed has no text");
}

/// Fuzzes the importer of `ext` from valid files `seeds` (one picked at
/// random for each input).
fn fuzz_importer(ext: &str, seeds: &[Vec<u8>]) {
    let imp = importer(ext);
    let file = format!("fuzz.{ext}");
    for seed in seeds {
        assert_seed_imports(&*imp, &file, seed);
    }
    let runs = fuzz(
        ext,
        &mut |rng| {
            if rng.below(8) == 0 {
                random_bytes(rng)
            } else {
                let seed = &seeds[rng.below(seeds.len())];
                mutate(rng, seed)
            }
        },
        &|bytes| imp.parse(&file, bytes).is_ok(),
    );
    assert!(runs > 0);
}

/// Fuzzes an archive format: the packed bytes mutated, or one entry's XML
/// mutated (bytes, or elements and values keeping it well-formed) before
/// packing. `entries` must import as they are.
fn fuzz_archive(ext: &str, entries: &[(&str, &str)]) {
    let imp = importer(ext);
    let file = format!("fuzz.{ext}");
    let pack = |i: usize, xml: &[u8]| {
        let mut all: Vec<(&str, &[u8])> = entries.iter().map(|(n, x)| (*n, x.as_bytes())).collect();
        all[i].1 = xml;
        zip(&all)
    };
    let packed = pack(0, entries[0].1.as_bytes());
    assert_seed_imports(&*imp, &file, &packed);
    fuzz(
        ext,
        &mut |rng| {
            let i = rng.below(entries.len());
            let xml = entries[i].1.as_bytes();
            match rng.below(8) {
                0 | 1 => mutate(rng, &packed),
                2..=4 => pack(i, &mutate(rng, xml)),
                _ => pack(i, &mutate_xml(rng, xml)),
            }
        },
        &|bytes| imp.parse(&file, bytes).is_ok(),
    );
}

const TRANSCRIPT: &str = "---\nkind: interview\ncity: Palu\n---\nInterviewer: How do files move?\n\n**R1:** Koordinasinya masih lemah — the file 😀 goes back.\n(0:02) Ana: yes\n[19.42] Budi: no\nMODERATOR:\nwords\n";

#[test]
fn fuzz_text_decoding_and_speakers() {
    // UTF-8; UTF-16LE with a byte-order mark and CRLF line ends; and
    // Windows-1252 (no emoji there), so each decoding path gets mutated input
    // that still decodes. (A seed mixing encodings would be refused as binary
    // at the first NUL byte, and most mutations of it too.)
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            TRANSCRIPT
                .replace('\n', "\r\n")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let cp1252 = encoding_rs::WINDOWS_1252
        .encode(&TRANSCRIPT.replace('😀', "café"))
        .0
        .into_owned();
    fuzz_importer("txt", &[TRANSCRIPT.as_bytes().to_vec(), utf16, cp1252]);
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

#[test]
fn fuzz_docx() {
    let document = format!(
        r#"<?xml version="1.0"?><w:document {W}><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Interviewer: hello </w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:tab/><w:t>x</w:t><w:br/><w:noBreakHyphen/><w:endnoteReference w:id="2"/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl><w:sdt><w:sdtContent><w:p><w:ins><w:r><w:t>added</w:t></w:r></w:ins></w:p></w:sdtContent></w:sdt><w:p><w:del><w:r><w:delText>gone</w:delText><w:t>gone too</w:t></w:r></w:del><w:r><w:t>R: words</w:t></w:r></w:p></w:body></w:document>"#
    );
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>a note</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let endnotes = format!(
        r#"<w:endnotes {W}><w:endnote w:id="2"><w:p><w:r><w:t>an end note</w:t></w:r></w:p><w:p><w:r><w:t>two</w:t></w:r></w:p></w:endnote></w:endnotes>"#
    );
    fuzz_archive(
        "docx",
        &[
            ("word/document.xml", &document),
            ("word/footnotes.xml", &footnotes),
            ("word/endnotes.xml", &endnotes),
        ],
    );
}

#[test]
fn fuzz_odt() {
    fuzz_archive(
        "odt",
        &[(
            "content.xml",
            r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text><text:h>Title</text:h><text:p>Interviewer:<text:s text:c="3"/>hello<text:tab/><text:line-break/><text:span>in <text:a>a link</text:a></text:span><text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>note<text:s/></text:p></text:note-body></text:note><text:bookmark/></text:p><text:list><text:list-item><text:p>item</text:p><text:list><text:list-header><text:p>sub</text:p></text:list-header></text:list></text:list-item></text:list><text:section><text:p>in a section</text:p></text:section><table:table><table:table-row><table:table-cell><text:p>c</text:p><text:h>d</text:h></table:table-cell></table:table-row></table:table></office:text></office:body></office:document-content>"#,
        )],
    );
}

#[test]
fn fuzz_html() {
    fuzz_importer(
        "html",
        &[b"<html><head><style>p{}</style><script>x<y</script></head><body><h1>T&amp;itle</h1><p>Interviewer: hi&nbsp;&#128512; &#xZZ;</p><!-- c --><ul><li>a</li></ul><table><tr><td>1</td><td>2</td></tr></table><p>R: yes</p></body></html>".to_vec()],
    );
}

#[test]
fn fuzz_rtf() {
    fuzz_importer(
        "rtf",
        &[
            br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}{\info{\title T}}{\*\generator G;}{\pict\bin3 abc}\pard Interviewer: caf\'e9 \u8212? {\b bold}{\field{\*\fldinst HYPERLINK x}{\fldrslt link}}\par\trowd\cellx1000 a\cell b\cell\row R: yes{\footnote note}\line two\par}".to_vec(),
            br"{\rtf1\ansi\ansicpg1251\uc2 \'cf\'f0\u-10179\'3f\'3f\u-8704\'3f\'3f\par{\*\unknown x}}".to_vec(),
        ],
    );
}

#[test]
fn fuzz_vtt() {
    fuzz_importer(
        "vtt",
        &[b"WEBVTT\n\nNOTE x\n\n1\n00:00:01.000 --> 00:00:02.500 align:start\n<v Ana>Hello <b>there</b></v>\n\n00:00:02.500 --> 00:00:04.000\nBudi: yes\n\n00:00:04.000 --> 00:00:05.000\n[Ana] again\n".to_vec()],
    );
}

#[test]
fn fuzz_srt() {
    fuzz_importer(
        "srt",
        &[b"1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Ana:</i> hello\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nBudi: yes\r\n".to_vec()],
    );
}

/// A two-page PDF: plain and deflated page content, a font with an
/// encoding and widths, a form drawn on the second page.
fn pdf_seed() -> Vec<u8> {
    use flate2::{Compression, write::ZlibEncoder};
    let page1 = b"BT /F1 12 Tf 72 720 Td (Interviewer: Apa kabar?) Tj 0 -20 Td [(R: Baik) -250 (sekali, caf\\351.)] TJ ET";
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(b"q BT /F1 11 Tf 72 700 Td (I: Lanjut ya.) Tj T* (R: Ya.) ' ET /Fm1 Do Q")
        .unwrap();
    let page2 = z.finish().unwrap();
    let form = b"BT /F1 10 Tf 72 600 Td (catatan) Tj ET";
    let stream = |dict: &str, data: &[u8]| {
        let mut s = format!("<< /Length {} {dict}>>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    };
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 /Resources << /Font << /F1 7 0 R >> /XObject << /Fm1 8 0 R >> >> >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        stream("", page1),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R >>".to_vec(),
        stream("/Filter /FlateDecode ", &page2),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [233 /eacute] >> /FirstChar 32 /LastChar 34 /Widths [278 278 355] >>".to_vec(),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] ", form),
    ];
    common::pdf(&objects)
}

/// The PDF reader (`pdf-extract`) panics on much; the importer must turn
/// every panic into an error, and never take over 5 s.
#[test]
fn fuzz_pdf() {
    fuzz_importer("pdf", &[pdf_seed()]);
}

#[test]
fn fuzz_csv_transcripts() {
    fuzz_importer(
        "csv",
        &[
            "Speaker,Text,Start,Tags\nAna,\"Hello, there\",00:00:01,coordination; trust\nBudi,yes 😀,00:00:02,parent > child\n"
                .as_bytes()
                .to_vec(),
            // Entities, double spaces, bracketed times, `DB:` speakers.
            "Time,Speaker,Text\n[00:00:01],DB:,\"a &#8212; b &amp; c  d &#133; &#x1F600; &amp\"\n00:00:02,Ana Ruiz:,ok &#0; &#129;\n"
                .as_bytes()
                .to_vec(),
        ],
    );
}

const QDE: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="NVivo"><Users><User guid="55555555-5555-5555-5555-555555555555" name="Ana"/></Users>
<CodeBook><Codes><Code guid="22222222-2222-2222-2222-222222222222" name="a::b" isCodable="true" color="#FF0000"><Code guid="66666666-6666-6666-6666-666666666666" name="c" isCodable="true"/></Code></Codes></CodeBook>
<Variables><Variable guid="77777777-7777-7777-7777-777777777777" name="city" typeOfVariable="Text"/></Variables>
<Sources><TextSource guid="11111111-1111-1111-1111-111111111111" name="s" plainTextPath="internal://11111111-1111-1111-1111-111111111111.txt">
<PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="0" endPosition="5" creatingUser="55555555-5555-5555-5555-555555555555"><Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding></PlainTextSelection>
<VariableValue><VariableRef targetGUID="77777777-7777-7777-7777-777777777777"/><TextValue>Palu</TextValue></VariableValue>
</TextSource></Sources><Notes><Note guid="88888888-8888-8888-8888-888888888888" name="n"><PlainTextContent>memo</PlainTextContent></Note></Notes></Project>"##;

/// More of the format than [`QDE`]: inline and PDF sources, cases, sets,
/// notes on codes, selections and the project, a description; and ATLAS.ti
/// as the origin, so `parent::child` names are split.
const QDE_ATLAS: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="y" origin="ATLAS.ti 23" creatingUserGUID="55555555-5555-5555-5555-555555555555" creationDateTime="2024-01-01T00:00:00Z"><Users><User guid="55555555-5555-5555-5555-555555555555" name="Ana"/><User guid="99999999-9999-9999-9999-999999999999" name="ana"/></Users>
<CodeBook><Codes><Code guid="22222222-2222-2222-2222-222222222222" name="a::b::c" isCodable="true" color="#F00"><Description>d</Description><NoteRef targetGUID="88888888-8888-8888-8888-888888888888"/></Code><Code guid="66666666-6666-6666-6666-666666666666" name="a" isCodable="false"/></Codes></CodeBook>
<Variables><Variable guid="77777777-7777-7777-7777-777777777777" name="city" typeOfVariable="Text"/></Variables>
<Sources><TextSource guid="11111111-1111-1111-1111-111111111111" name="s" creatingUser="99999999-9999-9999-9999-999999999999"><PlainTextContent>Interviewer: hello 😀
R: yes</PlainTextContent>
<PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="0" endPosition="5" creatingUser="55555555-5555-5555-5555-555555555555" creationDateTime="2024-01-01T00:00:00Z"><Coding guid="44444444-4444-4444-4444-444444444444" creatingUser="55555555-5555-5555-5555-555555555555"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding><Coding guid="44444444-4444-4444-4444-444444444445"><CodeRef targetGUID="66666666-6666-6666-6666-666666666666"/></Coding><NoteRef targetGUID="88888888-8888-8888-8888-888888888889"/></PlainTextSelection>
<VariableValue><VariableRef targetGUID="77777777-7777-7777-7777-777777777777"/><TextValue>Palu</TextValue></VariableValue>
</TextSource><PDFSource guid="12121212-1212-1212-1212-121212121212" name="p"><Representation guid="13131313-1313-1313-1313-131313131313" name="p" plainTextPath="internal://11111111-1111-1111-1111-111111111111.txt"><PlainTextSelection guid="14141414-1414-1414-1414-141414141414" startPosition="2" endPosition="9"><Coding guid="15151515-1515-1515-1515-151515151515"><CodeRef targetGUID="66666666-6666-6666-6666-666666666666"/></Coding></PlainTextSelection></Representation><PDFSelection guid="16161616-1616-1616-1616-161616161616" page="0" firstX="0" firstY="0" secondX="1" secondY="1"><Coding guid="17171717-1717-1717-1717-171717171717"><CodeRef targetGUID="66666666-6666-6666-6666-666666666666"/></Coding></PDFSelection></PDFSource><PictureSource guid="18181818-1818-1818-1818-181818181818" name="pic" path="internal://x.png"/></Sources>
<Notes><Note guid="88888888-8888-8888-8888-888888888888" name="n" creatingUser="55555555-5555-5555-5555-555555555555"><PlainTextContent>memo</PlainTextContent></Note><Note guid="88888888-8888-8888-8888-888888888889" name="m"><PlainTextContent>on a selection</PlainTextContent></Note><Note guid="88888888-8888-8888-8888-888888888890" name="p"><PlainTextContent>on the project</PlainTextContent></Note></Notes>
<Cases><Case guid="19191919-1919-1919-1919-191919191919" name="case 1"><VariableValue><VariableRef targetGUID="77777777-7777-7777-7777-777777777777"/><TextValue>Poso</TextValue></VariableValue><SourceRef targetGUID="11111111-1111-1111-1111-111111111111"/><SelectionRef targetGUID="33333333-3333-3333-3333-333333333333"/></Case></Cases>
<Sets><Set guid="20202020-2020-2020-2020-202020202020" name="group::x"><MemberSource targetGUID="11111111-1111-1111-1111-111111111111"/><MemberCode targetGUID="22222222-2222-2222-2222-222222222222"/></Set></Sets>
<Links><Link guid="21212121-2121-2121-2121-212121212121" name="l" originGUID="22222222-2222-2222-2222-222222222222" targetGUID="66666666-6666-6666-6666-666666666666"/></Links>
<NoteRef targetGUID="88888888-8888-8888-8888-888888888890"/><Description>about the project</Description></Project>"##;

#[test]
fn fuzz_qdpx() {
    let text = "Interviewer: hello 😀\r\nR: yes".as_bytes();
    let entry = "sources/11111111-1111-1111-1111-111111111111.txt";
    let pack = |qde: &[u8], text: &[u8]| zip(&[("project.qde", qde), (entry, text)]);
    let qdes = [QDE.as_bytes(), QDE_ATLAS.as_bytes()];
    let packed: Vec<Vec<u8>> = qdes.iter().map(|q| pack(q, text)).collect();
    for p in &packed {
        let seed = read_qdpx_from(std::io::Cursor::new(p), Limits::default())
            .expect("the fuzz seed reads");
        assert!(!seed.bundle.codings.is_empty(), "{:?}", seed.report);
    }
    // Projects go to memory where there is a RAM disk: a file system that
    // flushes on every rewrite would make them most of the cost.
    let ram = std::path::Path::new("/dev/shm");
    let projects = if ram.is_dir() {
        tempfile::tempdir_in(ram)
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    fuzz(
        "qdpx",
        &mut |rng| {
            let i = rng.below(qdes.len());
            match rng.below(8) {
                0 => mutate(rng, &packed[i]),
                1 => pack(qdes[i], &mutate(rng, text)),
                2 | 3 => pack(&mutate(rng, qdes[i]), text),
                _ => pack(&mutate_xml(rng, qdes[i]), text),
            }
        },
        &|bytes| {
            let Ok(read) = read_qdpx_from(std::io::Cursor::new(bytes), Limits::default()) else {
                return false;
            };
            // One read in 16 (chosen by the input's hash, so a saved input
            // replays the same way) is also added to a new project, as
            // `jalin qdpx import` does: whatever the reader makes of a file,
            // the store must take it.
            if hash(bytes).is_multiple_of(16) {
                let path = projects.path().join("fuzz.jalin");
                let mut project = jalin::store::Project::create(&path).expect("a new project");
                let added = project.add_bundle(&read.bundle);
                drop(project);
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                added.expect("the store takes what the reader read");
            }
            true
        },
    );
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// What a kept input must do (tests/README.md's catalogue, items 16 and 23).
enum Expect {
    /// Refused, with a message containing this.
    Refused(&'static str),
    /// Read: the text (or, for a .qdpx, the code names joined) contains this.
    Reads(&'static str),
    /// Read (a .qdpx): one code's name is kept whole, at least this long.
    ReadsCodeNameOf(usize),
}

/// Inputs that once broke an importer, kept so they never do again. Each
/// must come back within a few seconds, even in a debug build, on a test
/// thread's 2 MiB stack, with the result the catalogue gives.
#[test]
fn regressions() {
    for (i, (ext, bytes, expect)) in REGRESSIONS.iter().enumerate() {
        let t = Instant::now();
        let got: Result<String, String> = if *ext == "qdpx" {
            read_qdpx_from(std::io::Cursor::new(bytes), Limits::default())
                .map(|q| {
                    q.bundle
                        .codes
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .map_err(|e| e.to_string())
        } else {
            importer(ext)
                .parse(&format!("regression.{ext}"), bytes)
                .map(|p| p.source.text)
                .map_err(|e| e.to_string())
        };
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "{ext} #{i}: too slow"
        );
        let short = |r: &Result<String, String>| format!("{:.300}", format!("{r:?}"));
        match expect {
            Expect::Refused(why) => match &got {
                Err(e) => assert!(
                    e.contains(why),
                    "{ext} #{i}: refused, but not for '{why}': {e}"
                ),
                Ok(_) => panic!("{ext} #{i}: read, should be refused: {}", short(&got)),
            },
            Expect::Reads(what) => match &got {
                Ok(text) => assert!(
                    text.contains(what),
                    "{ext} #{i}: read without '{what}': {}",
                    short(&got)
                ),
                Err(e) => panic!("{ext} #{i}: refused, should be read: {e}"),
            },
            Expect::ReadsCodeNameOf(n) => match &got {
                Ok(names) => assert!(
                    names.split('\n').any(|name| name.len() >= *n),
                    "{ext} #{i}: no code name of {n} bytes or more: {}",
                    short(&got)
                ),
                Err(e) => panic!("{ext} #{i}: refused, should be read: {e}"),
            },
        }
    }
}

const DEEP: &str = "nests elements more than 256 deep";

const REGRESSIONS: &[(&str, &[u8], Expect)] = &[
    // A cue time of seventeen digits overflowed the seconds (found by
    // fuzz_srt; the time is now saturated and the cue read).
    (
        "srt",
        include_bytes!("fuzz_regressions/srt_time_overflow.bin"),
        // The cue's hours saturate at u64::MAX milliseconds.
        Expect::Reads("[5124095576030431:00:15] 0:02,000 Ana: hello"),
    ),
    (
        "srt",
        b"1\n99999999999999900:00:01.000 --> 00:00:02.000\nAna: yes\n",
        Expect::Reads("Ana: yes"),
    ),
    (
        "vtt",
        b"WEBVTT\n\n99999999999999900:00:01.000 --> 00:00:02.000\nAna: yes\n",
        Expect::Reads("Ana: yes"),
    ),
    // Elements nested 100,000 deep overflowed the stack of the recursive
    // readers and aborted the program (found by fuzz_odt and fuzz_qdpx once
    // they nested elements; XML deeper than 256 levels is now refused).
    // Deflated, so the files stay small.
    (
        "odt",
        include_bytes!("fuzz_regressions/odt_deep_nesting.odt"),
        Expect::Refused(DEEP),
    ),
    (
        "docx",
        include_bytes!("fuzz_regressions/docx_deep_nesting.docx"),
        Expect::Refused(DEEP),
    ),
    (
        "qdpx",
        include_bytes!("fuzz_regressions/qdpx_deep_codes.qdpx"),
        Expect::Refused(DEEP),
    ),
    // An ATLAS.ti code name of 200,000 `a::` levels: every level was looked
    // up by its whole path, quadratic in time and memory (hours, tens of
    // GB; names of more than 64 levels are now kept whole).
    (
        "qdpx",
        include_bytes!("fuzz_regressions/qdpx_atlas_long_name.qdpx"),
        Expect::ReadsCodeNameOf(200_000),
    ),
];
