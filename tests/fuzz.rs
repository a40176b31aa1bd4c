//! A stable, time-bounded fuzzing harness: every importer is given random
//! bytes and mutations of a valid file (bytes flipped, inserted, deleted,
//! repeated, cut off; for archives also the XML inside mutated before
//! packing) and must return a result or an error, never panic or hang.
//!
//! Each importer runs for `JALIN_FUZZ_SECS` seconds (default 1.5, so CI stays
//! quick) from the seed `JALIN_FUZZ_SEED` (default: the time, printed). A
//! failing input is written to the temp folder and its path printed; keep it
//! as a regression case in `regressions()` below.

mod common;

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

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

fn budget() -> Duration {
    let secs = std::env::var("JALIN_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(1.5);
    Duration::from_secs_f64(secs)
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

/// Runs `parse` on inputs for the time budget; returns how many ran.
fn fuzz(name: &str, make: &mut dyn FnMut(&mut Rng) -> Vec<u8>, parse: &dyn Fn(&[u8])) -> u64 {
    let seed = seed();
    let mut rng = Rng(seed);
    let t = Instant::now();
    let mut runs = 0u64;
    while t.elapsed() < budget() {
        let input = make(&mut rng);
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| parse(&input)));
        let took = start.elapsed();
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
        "{name}: {runs} inputs in {:?}, seed {seed}, no panic",
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

/// Fuzzes the importer of `ext` from a valid file `seed_bytes`.
fn fuzz_importer(ext: &str, seed_bytes: Vec<u8>) {
    let imp = importer(ext);
    let file = format!("fuzz.{ext}");
    let runs = fuzz(
        ext,
        &mut |rng| {
            if rng.below(8) == 0 {
                random_bytes(rng)
            } else {
                mutate(rng, &seed_bytes)
            }
        },
        &|bytes| {
            let _ = imp.parse(&file, bytes);
        },
    );
    assert!(runs > 0);
}

/// Fuzzes an archive format by mutating the XML inside before packing it
/// (and sometimes the packed bytes).
fn fuzz_archive(ext: &str, entry: &str, xml: &str) {
    let imp = importer(ext);
    let file = format!("fuzz.{ext}");
    let packed = zip(&[(entry, xml.as_bytes())]);
    fuzz(
        ext,
        &mut |rng| match rng.below(4) {
            0 => mutate(rng, &packed),
            _ => zip(&[(entry, &mutate(rng, xml.as_bytes()))]),
        },
        &|bytes| {
            let _ = imp.parse(&file, bytes);
        },
    );
}

const TRANSCRIPT: &str = "---\nkind: interview\ncity: Palu\n---\nInterviewer: How do files move?\n\n**R1:** Koordinasinya masih lemah — the file 😀 goes back.\n(0:02) Ana: yes\n[19.42] Budi: no\nMODERATOR:\nwords\n";

#[test]
fn fuzz_text_decoding_and_speakers() {
    let mut seed = TRANSCRIPT.as_bytes().to_vec();
    seed.extend("café".encode_utf16().flat_map(|u| u.to_le_bytes()));
    fuzz_importer("txt", seed);
}

#[test]
fn fuzz_docx() {
    fuzz_archive(
        "docx",
        "word/document.xml",
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Interviewer: hello </w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:t>R: words</w:t></w:r></w:p></w:body></w:document>"#,
    );
}

#[test]
fn fuzz_odt() {
    fuzz_archive(
        "odt",
        "content.xml",
        r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text><text:h>Title</text:h><text:p>Interviewer:<text:s text:c="3"/>hello<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>note</text:p></text:note-body></text:note></text:p><text:list><text:list-item><text:p>item</text:p></text:list-item></text:list><table:table><table:table-row><table:table-cell><text:p>c</text:p></table:table-cell></table:table-row></table:table></office:text></office:body></office:document-content>"#,
    );
}

#[test]
fn fuzz_html() {
    fuzz_importer(
        "html",
        b"<html><head><style>p{}</style><script>x<y</script></head><body><h1>T&amp;itle</h1><p>Interviewer: hi&nbsp;&#128512; &#xZZ;</p><!-- c --><ul><li>a</li></ul><table><tr><td>1</td><td>2</td></tr></table><p>R: yes</p></body></html>".to_vec(),
    );
}

#[test]
fn fuzz_vtt() {
    fuzz_importer(
        "vtt",
        b"WEBVTT\n\nNOTE x\n\n1\n00:00:01.000 --> 00:00:02.500 align:start\n<v Ana>Hello <b>there</b></v>\n\n00:00:02.500 --> 00:00:04.000\nBudi: yes\n\n00:00:04.000 --> 00:00:05.000\n[Ana] again\n".to_vec(),
    );
}

#[test]
fn fuzz_srt() {
    fuzz_importer(
        "srt",
        b"1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Ana:</i> hello\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nBudi: yes\r\n".to_vec(),
    );
}

#[test]
fn fuzz_csv_transcripts() {
    fuzz_importer(
        "csv",
        "Speaker,Text,Start,Tags\nAna,\"Hello, there\",00:00:01,coordination; trust\nBudi,yes 😀,00:00:02,parent > child\n"
            .as_bytes()
            .to_vec(),
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

#[test]
fn fuzz_qdpx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzz.qdpx");
    let text = "Interviewer: hello 😀\r\nR: yes".as_bytes();
    let entry = "sources/11111111-1111-1111-1111-111111111111.txt";
    let packed = zip(&[("project.qde", QDE.as_bytes()), (entry, text)]);
    fuzz(
        "qdpx",
        &mut |rng| match rng.below(4) {
            0 => mutate(rng, &packed),
            1 => zip(&[("project.qde", QDE.as_bytes()), (entry, &mutate(rng, text))]),
            _ => zip(&[("project.qde", &mutate(rng, QDE.as_bytes())), (entry, text)]),
        },
        &|bytes| {
            std::fs::write(&path, bytes).unwrap();
            let _ = jalin::exchange::read_qdpx(&path);
        },
    );
}

/// Inputs that once broke an importer, kept so they never do again.
#[test]
fn regressions() {
    for (ext, bytes) in REGRESSIONS {
        let _ = importer(ext).parse(&format!("regression.{ext}"), bytes);
    }
}

const REGRESSIONS: &[(&str, &[u8])] = &[
    // A cue time of seventeen digits overflowed the seconds (found by
    // fuzz_srt; the time is now saturated).
    (
        "srt",
        include_bytes!("fuzz_regressions/srt_time_overflow.bin"),
    ),
    (
        "srt",
        b"1\n99999999999999900:00:01.000 --> 00:00:02.000\nAna: yes\n",
    ),
    (
        "vtt",
        b"WEBVTT\n\n99999999999999900:00:01.000 --> 00:00:02.000\nAna: yes\n",
    ),
];
