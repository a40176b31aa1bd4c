//! Golden tests per transcript format (text and speakers), the real corpus
//! transcripts, folder import, CSV tags as codes, and hostile files.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{jalin, ok, shared_corpus, snapshot};
use jalin::import::{ImportOptions, import_paths, read_file};
use jalin::model::SourceKind;
use jalin::model::text::char_slice;
use jalin::store::Project;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn zip_bytes(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, text) in entries {
        z.start_file(*name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// (text, [(speaker, words after the label)], kind) of a file.
fn read(path: &Path) -> (String, Vec<(String, String)>, SourceKind) {
    let parsed = read_file(path, &ImportOptions::default()).unwrap();
    let t = &parsed.source.text;
    let turns = parsed
        .source
        .turns
        .iter()
        .map(|turn| {
            (
                turn.speaker.to_string(),
                char_slice(t, turn.label_end, turn.end).unwrap().to_string(),
            )
        })
        .collect();
    (t.clone(), turns, parsed.source.kind)
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

#[test]
fn docx_paragraphs_headings_lists_tables_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Interview 3</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Interviewer: How is </w:t></w:r><w:r><w:t>coordination?</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">R1: Weak</w:t></w:r><w:del><w:r><w:delText>DELETED</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> — “berkas” 😀</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:tab/><w:t>€200.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>first item</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>second item</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>city</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>cases</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Palu</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Interviewer: Thanks.</w:t></w:r><w:r><w:br/><w:t>R1: Bye.</w:t></w:r></w:p>
</w:body></w:document>"#
    );
    let notes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Said with irony.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let p = write(
        dir.path(),
        "Palu 3.docx",
        &zip_bytes(&[("word/document.xml", &doc), ("word/footnotes.xml", &notes)]),
    );
    let (text, turns, kind) = read(&p);
    assert_eq!(
        text,
        "Interview 3\n\nInterviewer: How is coordination?\n\nR1: Weak — “berkas” 😀[1]\t€200.\n\n- first item\n- second item\n\ncity\tcases\nPalu\t12\n\nInterviewer: Thanks.\nR1: Bye.\n\nNotes\n\n[1] Said with irony.\n"
    );
    assert_eq!(
        turns,
        pairs(&[
            ("Interviewer", "How is coordination?"),
            (
                "R1",
                "Weak — “berkas” 😀[1]\t€200.\n\n- first item\n- second item\n\ncity\tcases\nPalu\t12"
            ),
            ("Interviewer", "Thanks."),
            ("R1", "Bye.\n\nNotes\n\n[1] Said with irony."),
        ])
    );
    assert_eq!(kind, SourceKind::Interview);
}

#[test]
fn odt_paragraphs_lists_tables_spaces_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:body><office:text>
<text:h text:outline-level="1">Focus group</text:h>
<text:p>Moderator: <text:span>Welcome</text:span> all.<text:s text:c="2"/>Begin.</text:p>
<text:p>Ani: I agree<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Nodding.</text:p></text:note-body></text:note>.<text:tab/>Yes.</text:p>
<text:list><text:list-item><text:p>one</text:p></text:list-item><text:list-item><text:p>two</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table>
<text:p>Budi: Me too.<text:line-break/>Moderator: Thanks.</text:p>
<text:p>Citra: Fine.</text:p>
</office:text></office:body></office:document-content>"#;
    let p = write(
        dir.path(),
        "fg.odt",
        &zip_bytes(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", content),
        ]),
    );
    let (text, turns, kind) = read(&p);
    assert_eq!(
        text,
        "Focus group\n\nModerator: Welcome all.  Begin.\n\nAni: I agree[1].\tYes.\n\n- one\n- two\n\na\tb\n\nBudi: Me too.\nModerator: Thanks.\n\nCitra: Fine.\n\nNotes\n\n[1] Nodding.\n"
    );
    let speakers: Vec<&str> = turns.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(speakers, ["Moderator", "Ani", "Budi", "Moderator", "Citra"]);
    assert_eq!(kind, SourceKind::FocusGroup);
}

#[test]
fn html_tags_entities_and_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<!DOCTYPE html><html><head><title>t</title><script>var x='<p>no</p>';</script></head>\
        <body><h2>Wawancara</h2><p>Interviewer: Bagaimana&nbsp;koordinasinya?</p>\
        <p>Narasumber: Masih <em>lemah</em> &mdash; &ldquo;berkas&rdquo; &amp; surat &#128512;</p>\
        <ul><li>satu</li><li>dua</li></ul><table><tr><th>kota</th><th>kasus</th></tr><tr><td>Palu</td><td>12</td></tr></table>\
        <p>Interviewer: Terima kasih.</p></body></html>";
    let p = write(dir.path(), "w.html", html.as_bytes());
    let (text, turns, _) = read(&p);
    assert_eq!(
        text,
        "Wawancara\n\nInterviewer: Bagaimana\u{a0}koordinasinya?\n\nNarasumber: Masih lemah — “berkas” & surat 😀\n\n- satu\n- dua\n\nkota\tkasus\nPalu\t12\n\nInterviewer: Terima kasih.\n"
    );
    let speakers: Vec<&str> = turns.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(speakers, ["Interviewer", "Narasumber", "Interviewer"]);
}

#[test]
fn vtt_teams_zoom_youtube_styles() {
    let dir = tempfile::tempdir().unwrap();
    let teams = "WEBVTT\n\nNOTE a note\nspanning lines --\n\nSTYLE\n::cue { color: red }\n\n\
        a1b2/12-0\n0:0:1.0 --> 0:0:2.5\n<v Sari Dewi>Halo <i>semua</i>.</v>\n\n\
        0:0:2.5 --> 0:0:4 align:start position:10%\n<v Sari Dewi>Kita mulai.</v>\n\n\
        0:1:5.25 --> 0:1:9\n<v.loud Budi>Siap &amp; setuju.</v>\n";
    let p = write(dir.path(), "teams.vtt", teams.as_bytes());
    let (text, turns, kind) = read(&p);
    assert_eq!(
        text,
        "[00:00:01] Sari Dewi: Halo semua. Kita mulai.\n[00:01:05] Budi: Siap & setuju.\n"
    );
    assert_eq!(
        turns,
        pairs(&[
            ("Sari Dewi", "Halo semua. Kita mulai."),
            ("Budi", "Siap & setuju.")
        ])
    );
    assert_eq!(kind, SourceKind::Interview);

    let zoom = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAni Putri: Selamat pagi.\n\n2\n00:00:03.500 --> 00:00:05.000\nBudi: Pagi.\n\n3\n00:00:06.000 --> 00:00:07.000\nAni Putri: Mulai ya.\n\n4\n00:00:08.000 --> 00:00:09.000\nBudi: Ya.\n";
    let p = write(dir.path(), "zoom.vtt", zoom.as_bytes());
    let (_, turns, _) = read(&p);
    assert_eq!(
        turns,
        pairs(&[
            ("Ani Putri", "Selamat pagi."),
            ("Budi", "Pagi."),
            ("Ani Putri", "Mulai ya."),
            ("Budi", "Ya.")
        ])
    );

    let youtube = "WEBVTT\nKind: captions\nLanguage: en\n\n00:00:01.000 --> 00:00:02.000 align:start position:0%\nhello\n\n00:00:02.000 --> 00:00:03.000 align:start position:0%\nhello\nworld<00:00:02.500><c> again</c>\n00:00:03.000 --> 00:00:04.000\nworld again\n";
    let p = write(dir.path(), "yt.vtt", youtube.as_bytes());
    let (text, turns, kind) = read(&p);
    assert_eq!(text, "[00:00:01] hello\n[00:00:02] world again\n");
    assert!(turns.is_empty());
    assert_eq!(kind, SourceKind::Document);
}

#[test]
fn srt_with_markup_and_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let srt = "\u{feff}1\r\n00:00:01,000 --> 00:00:02,000\r\n<font color=\"#ff0\">INT: Apa kabar?</font>\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\n{\\an8}RESP: <i>Baik</i>, 2 < 3.\r\n\r\n3\r\n00:00:05,000 --> 00:00:06,000\r\nINT: Bagus.\r\n\r\n4\r\n00:00:06,000 --> 00:00:07,000\r\nRESP: Ya.\r\n";
    let p = write(dir.path(), "s.srt", srt.as_bytes());
    let (text, turns, kind) = read(&p);
    assert_eq!(
        text,
        "[00:00:01] INT: Apa kabar?\n[00:00:02] RESP: Baik, 2 < 3.\n[00:00:05] INT: Bagus.\n[00:00:06] RESP: Ya.\n"
    );
    assert_eq!(turns.len(), 4);
    assert_eq!(turns[1], ("RESP".to_string(), "Baik, 2 < 3.".to_string()));
    assert_eq!(kind, SourceKind::Interview);
}

#[test]
fn csv_rows_become_turns_and_tags_become_codings() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Start;Who;Utterance;Themes\n00:00:01;Interviewer;Bagaimana koordinasinya?;\n00:00:05;Jaksa;\"Masih lemah; berkas bolak-balik.\";coordination, delay\n00:00:09;Jaksa;Polisi sering terlambat.;coordination\n";
    let p = write(dir.path(), "palu.csv", csv.as_bytes());
    let project = dir.path().join("p.jalin");
    ok(["new", project.to_str().unwrap()]);
    // The tags column must be named: "Themes" is one of the guessed names,
    // but the columns are given explicitly here, as a user would.
    let out = ok([
        "import",
        project.to_str().unwrap(),
        p.to_str().unwrap(),
        "--speaker-column",
        "Who",
        "--text-column",
        "Utterance",
        "--time-column",
        "Start",
        "--tags-column",
        "Themes",
    ]);
    assert!(out.contains("3 speaker turns"), "{out}");
    let proj = Project::open(&project).unwrap();
    let s = proj.find_source("palu").unwrap();
    let text = proj.source_text(s.id).unwrap();
    assert_eq!(
        text,
        "[00:00:01] Interviewer: Bagaimana koordinasinya?\n[00:00:05] Jaksa: Masih lemah; berkas bolak-balik.\n[00:00:09] Jaksa: Polisi sering terlambat.\n"
    );
    let d = proj.data().unwrap();
    let names: Vec<&str> = d.codes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["coordination", "delay"]);
    let quotes: Vec<(String, &str)> = d
        .codings
        .iter()
        .map(|c| {
            let code = d.codes.iter().find(|k| k.id == c.code).unwrap();
            (
                char_slice(&text, c.start, c.end).unwrap().to_string(),
                code.name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        quotes,
        [
            (
                "Masih lemah; berkas bolak-balik.".to_string(),
                "coordination"
            ),
            ("Masih lemah; berkas bolak-balik.".to_string(), "delay"),
            ("Polisi sering terlambat.".to_string(), "coordination"),
        ]
    );
    assert_eq!(d.coders[0].name, "tester");
    // A missing column is a clear error naming the file; nothing changes.
    let before = snapshot(&project);
    let r = jalin([
        "import",
        project.to_str().unwrap(),
        p.to_str().unwrap(),
        "--text-column",
        "Words",
        "--force",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no column 'Words'") && r.stderr.contains("palu.csv"),
        "{}",
        r.stderr
    );
    assert_eq!(before, snapshot(&project));
}

/// A one-page PDF whose page shows `words` (or nothing, like a scan).
fn pdf(words: Option<&str>) -> Vec<u8> {
    let content = match words {
        Some(w) => format!("BT /F1 12 Tf 72 720 Td ({w}) Tj ET"),
        None => "0 0 1 rg 0 0 100 100 re f".to_string(),
    };
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn pdf_text_layer_and_scans() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "law.pdf",
        &pdf(Some("Pasal 76D melarang kekerasan.")),
    );
    let (text, _, kind) = read(&p);
    assert_eq!(text.trim(), "Pasal 76D melarang kekerasan.");
    assert_eq!(kind, SourceKind::Document);
    let scan = write(dir.path(), "scan.pdf", &pdf(None));
    let e = read_file(&scan, &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().contains("no text layer"), "{e}");
    assert!(e.to_string().contains("scan.pdf"), "{e}");
    let junk = write(dir.path(), "junk.pdf", b"%PDF-1.4\nnot really");
    let e = read_file(&junk, &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().contains("junk.pdf"), "{e}");
}

#[test]
fn hostile_documents_are_refused_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let lol = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let p = write(
        dir.path(),
        "lol.docx",
        &zip_bytes(&[("word/document.xml", &lol)]),
    );
    let e = read_file(&p, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("entities") && e.contains("lol.docx"), "{e}");
    let p = write(
        dir.path(),
        "evil.docx",
        &zip_bytes(&[("word/document.xml", "<x/>"), ("../../evil", "x")]),
    );
    let e = read_file(&p, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("leaves the archive") && e.contains("evil.docx"),
        "{e}"
    );
    let p = write(dir.path(), "notzip.docx", b"plain text");
    let e = read_file(&p, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a zip archive"), "{e}");
    let p = write(dir.path(), "other.qdpx", b"x");
    let e = read_file(&p, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("jalin qdpx import"), "{e}");
}

#[test]
fn folder_import_reports_each_file_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("study");
    std::fs::create_dir_all(folder.join("sub/.hidden")).unwrap();
    write(&folder, "b.txt", b"Interviewer: hi\nR1: hello\n");
    write(&folder.join("sub"), "a.html", b"<p>A document.</p>");
    write(&folder.join("sub"), "bad.docx", b"not a zip");
    write(&folder.join("sub"), "image.png", b"\x89PNG");
    write(&folder.join("sub/.hidden"), "x.txt", b"hidden");
    let project = dir.path().join("p.jalin");
    ok(["new", project.to_str().unwrap()]);
    let r = jalin([
        "import",
        project.to_str().unwrap(),
        folder.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("[1/3]") && r.stderr.contains("[3/3]"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bad.docx"), "{}", r.stderr);
    assert!(
        r.stderr.contains("skipped (not a format Jalin reads)") && r.stderr.contains("image.png"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("2 imported, 0 skipped as duplicates, 1 failed, 1 skipped (listed above)"),
        "{}",
        r.stderr
    );
    let names: Vec<String> = Project::open(&project)
        .unwrap()
        .sources()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["a", "b"]);

    // The library reports progress and can be cancelled.
    let mut p = Project::open(&project).unwrap();
    let mut seen = Vec::new();
    let results = import_paths(
        &mut p,
        std::slice::from_ref(&folder),
        &ImportOptions {
            force: true,
            ..ImportOptions::default()
        },
        &mut |pr| {
            seen.push((pr.done, pr.total));
            pr.done < 1
        },
    );
    assert_eq!(seen, [(0, 3), (1, 3)]);
    assert_eq!(results.len(), 1);
}

#[test]
fn corpus_transcripts_import_with_sensible_speakers() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.jalin");
    ok(["new", project.to_str().unwrap()]);
    let r = jalin([
        "import",
        project.to_str().unwrap(),
        corpus.join("transcripts").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("12 imported"), "{}", r.stderr);
    let p = Project::open(&project).unwrap();
    let speakers = |name: &str| -> Vec<String> {
        let s = p.find_source(name).unwrap();
        let mut v: Vec<String> = p
            .turns(s.id)
            .unwrap()
            .into_iter()
            .map(|t| t.speaker.to_string())
            .collect();
        v.dedup();
        v
    };
    assert_eq!(
        speakers("teams_timeframe"),
        ["Yuri Bakulin", "Adrian Petrescu"]
    );
    let netflix = speakers("netflix_chicas_del_cable");
    assert_eq!(netflix[0], "Alba");
    assert!(netflix.iter().all(|s| !s.to_lowercase().contains("music")));
    assert!(speakers("sample").is_empty());
    assert!(speakers("youtube_dl").is_empty());
    assert!(speakers("ID1").is_empty());
    let id1 = p.source_text(p.find_source("ID1").unwrap().id).unwrap();
    assert!(id1.contains("I'm happy to pay €200."), "{id1}");
    let id2 = p.source_text(p.find_source("ID2").unwrap().id).unwrap();
    assert!(
        id2.starts_with("I have not studied much before, but my father Joe Bloggs"),
        "{id2}"
    );
    assert!(id2.contains("The course cost €200.00 and I do not want to waste my money."));
    let styles = p.source_text(p.find_source("styles2").unwrap().id).unwrap();
    assert!(
        styles.contains("Some italic and normal coloured text. By the way, 2 < 3 !"),
        "{styles}"
    );
    assert!(!styles.contains("<font"));
    let bom = p
        .source_text(p.find_source("captions_with_bom").unwrap().id)
        .unwrap();
    assert!(bom.starts_with("[00:00:00] Caption text #1\n"), "{bom}");
    let yt = p
        .source_text(p.find_source("youtube_dl").unwrap().id)
        .unwrap();
    assert!(!yt.contains("<c") && !yt.contains("::cue"), "{yt}");
    let fg = p.find_source("transcript").unwrap();
    assert_eq!(fg.kind, SourceKind::FocusGroup);
}

/// The speakers of a parsed file, one per turn.
fn speakers_of(
    path: &Path,
    options: &ImportOptions,
) -> (String, Vec<String>, SourceKind, Vec<String>) {
    let parsed = read_file(path, options).unwrap();
    let speakers = parsed
        .source
        .turns
        .iter()
        .map(|t| t.speaker.to_string())
        .collect();
    (
        parsed.source.text,
        speakers,
        parsed.source.kind,
        parsed.notes,
    )
}

#[test]
fn csv_cells_stay_verbatim_entities_decoded_colon_speakers_one() {
    let dir = tempfile::tempdir().unwrap();
    // An oral-history archive export: entities, double spaces, times in
    // brackets, speaker cells with and without a colon.
    let csv = "Time,Speaker,Text\n\
        [00:04:28],DB:,\"We met at the hall &#8212; all of us &amp; the clerks.  Then we left.\"\n\
        [00:04:40],Ana Ruiz:,\"Yes&#133; it was  long &amp so on.\"\n\
        00:05:02,DB,  Thank you.  \n";
    let p = write(dir.path(), "oral_history_03.csv", csv.as_bytes());
    let (text, speakers, kind, notes) = speakers_of(&p, &ImportOptions::default());
    assert_eq!(
        text,
        "[00:04:28] DB: We met at the hall — all of us & the clerks.  Then we left.\n\
         [00:04:40] Ana Ruiz: Yes… it was  long &amp so on.\n\
         [00:05:02] DB: Thank you.\n"
    );
    assert_eq!(speakers, ["DB", "Ana Ruiz", "DB"]);
    assert_eq!(kind, SourceKind::Interview);
    assert_eq!(
        notes,
        [
            "decoded 3 HTML entities such as &#8212; (as —); import with --keep-entities (workbench: Keep HTML entities) to store them as written"
        ]
    );
    // Kept as written when asked.
    let keep = ImportOptions {
        keep_entities: true,
        ..ImportOptions::default()
    };
    let (text, speakers, _, notes) = speakers_of(&p, &keep);
    assert!(
        text.starts_with(
            "[00:04:28] DB: We met at the hall &#8212; all of us &amp; the clerks.  Then we left.\n"
        ),
        "{text}"
    );
    assert_eq!(speakers, ["DB", "Ana Ruiz", "DB"]);
    assert_eq!(
        notes,
        ["HTML entities such as &#8212; kept as written, as asked"]
    );
    // A file without entities: nothing decoded, nothing said; a lone & stays.
    let p = write(
        dir.path(),
        "plain.csv",
        b"speaker,text\nI,Salt & pepper?\nR,Yes.\n",
    );
    let (text, _, _, notes) = speakers_of(&p, &ImportOptions::default());
    assert_eq!(text, "I: Salt & pepper?\nR: Yes.\n");
    assert!(notes.is_empty());
}

#[test]
fn cli_import_lists_speakers_and_prints_notes_as_notes() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Time,Speaker,Text,Tags\n\
        (00:00:01),Interviewer:,Where do you meet &amp; when?,\n\
        (00:00:09),DB:,At the library.,meeting places\n\
        (00:00:15),Interviewer,And later?,\n\
        (00:00:20),DB,At the café.,meeting places\n";
    let p = write(dir.path(), "library.csv", csv.as_bytes());
    let project = dir.path().join("p.jalin");
    ok(["new", project.to_str().unwrap()]);
    let r = jalin(["import", project.to_str().unwrap(), p.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "imported {} as 'library' (interview, 144 characters, 4 speaker turns)\n  speakers: Interviewer (interviewer), DB (respondent)\n",
            p.display()
        )
    );
    assert_eq!(
        r.stderr,
        format!(
            "note: decoded 1 HTML entity such as &amp; (as &); import with --keep-entities (workbench: Keep HTML entities) to store them as written: {0}\n\
             note: 2 passages coded from its tags (1 new code): {0}\n",
            p.display()
        )
    );
    assert!(!r.stderr.contains("warning"));
    let proj = Project::open(&project).unwrap();
    let s = proj.find_source("library").unwrap();
    assert_eq!(
        proj.source_text(s.id).unwrap(),
        "(00:00:01) Interviewer: Where do you meet & when?\n(00:00:09) DB: At the library.\n(00:00:15) Interviewer: And later?\n(00:00:20) DB: At the café.\n"
    );
    // --keep-entities stores them as written.
    let r = jalin([
        "import",
        project.to_str().unwrap(),
        p.to_str().unwrap(),
        "--keep-entities",
        "--force",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("note: HTML entities such as &amp; kept as written, as asked"),
        "{}",
        r.stderr
    );
    let texts: Vec<String> = proj
        .sources()
        .unwrap()
        .iter()
        .map(|s| proj.source_text(s.id).unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("meet &amp; when?")),
        "{texts:?}"
    );
    // A document lists no speakers.
    let doc = write(dir.path(), "memo.txt", b"Plain notes about the visit.\n");
    let r = jalin(["import", project.to_str().unwrap(), doc.to_str().unwrap()]);
    assert!(
        r.stdout.ends_with("  speakers: none found\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn one_off_header_lines_are_not_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# Entrevista 4\n\n**Participantes:** Laura (entrevistadora), Marta\n\n**Fecha:** marzo de 2021\n\n\
        **Laura:** ¿Cómo empezó el programa?\n\n**Marta:** Con  una reunión en la escuela.\n\n\
        **Laura:** ¿Y después?\n\n**Marta:** Seguimos cada semana.\n";
    let p = write(dir.path(), "entrevista_4.md", md.as_bytes());
    let (text, speakers, kind, _) = speakers_of(&p, &ImportOptions::default());
    assert_eq!(text, md);
    assert_eq!(speakers, ["Laura", "Marta", "Laura", "Marta"]);
    assert_eq!(kind, SourceKind::Interview);

    let txt = "Abstract: A conversation about a youth club.\n\n\
        Level 2 (schools): the second round of visits.\n\n\
        Interviewer: When did the club open?\n\
        Respondent: In the spring.\n\
        Level 3 (homes): it moved there later.\n\
        Interviewer: Who ran it?\n\
        Respondent: Volunteers.\n";
    let p = write(dir.path(), "youth_club.txt", txt.as_bytes());
    let (_, speakers, kind, _) = speakers_of(&p, &ImportOptions::default());
    assert_eq!(
        speakers,
        ["Interviewer", "Respondent", "Interviewer", "Respondent"]
    );
    assert_eq!(kind, SourceKind::Interview);
    let (_, turns, _) = read(&p);
    assert_eq!(
        turns[1].1,
        "In the spring.\nLevel 3 (homes): it moved there later."
    );

    // A focus-group participant who speaks once, inside the transcript,
    // still counts.
    let fg = "Moderator: Welcome, everyone.\nAna: Hello.\nModerator: Who starts?\nBudi: Me.\nAna: Then me.\nCitra Dewi: Just one thing.\nModerator: Thank you.\n";
    let p = write(dir.path(), "fg.txt", fg.as_bytes());
    let (_, speakers, kind, _) = speakers_of(&p, &ImportOptions::default());
    assert_eq!(
        speakers,
        [
            "Moderator",
            "Ana",
            "Moderator",
            "Budi",
            "Ana",
            "Citra Dewi",
            "Moderator"
        ]
    );
    assert_eq!(kind, SourceKind::FocusGroup);
}

#[test]
fn html_numbers_128_to_159_are_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<HTML><BODY BGCOLOR=\"#FFFFFF\"><P>Interviewer: Well&#133; when did it start?<P>Respondent: In &#147;May&#148; &#150; I think. It cost &#128;5&#153;.<P>Interviewer: Thank you&#133;</BODY></HTML>";
    let p = write(dir.path(), "oral_1997.htm", html.as_bytes());
    let (text, turns, kind) = read(&p);
    assert_eq!(
        text,
        "Interviewer: Well… when did it start?\n\nRespondent: In “May” – I think. It cost €5™.\n\nInterviewer: Thank you…\n"
    );
    assert_eq!(turns.len(), 3);
    assert_eq!(kind, SourceKind::Interview);
}

#[test]
fn zoom_vtt_speaker_who_talks_once_keeps_the_turn() {
    let dir = tempfile::tempdir().unwrap();
    let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAni Putri: Good morning.\n\n\
        2\n00:00:03.500 --> 00:00:05.000\nBudi: Morning.\n\n\
        3\n00:00:05.500 --> 00:00:06.000\nCarla Mendes: Hello from me too.\n\n\
        4\n00:00:06.000 --> 00:00:07.000\nAni Putri: Shall we start?\n\n\
        5\n00:00:08.000 --> 00:00:09.000\nBudi: Yes.\n";
    let p = write(dir.path(), "zoom_once.vtt", vtt.as_bytes());
    let (text, turns, _) = read(&p);
    assert_eq!(
        text,
        "[00:00:01] Ani Putri: Good morning.\n[00:00:03] Budi: Morning.\n[00:00:05] Carla Mendes: Hello from me too.\n[00:00:06] Ani Putri: Shall we start?\n[00:00:08] Budi: Yes.\n"
    );
    assert_eq!(
        turns,
        pairs(&[
            ("Ani Putri", "Good morning."),
            ("Budi", "Morning."),
            ("Carla Mendes", "Hello from me too."),
            ("Ani Putri", "Shall we start?"),
            ("Budi", "Yes.")
        ])
    );
    // The same words as .txt give the same speakers.
    let txt = write(dir.path(), "zoom_once.txt", text.as_bytes());
    let (_, txt_turns, _) = read(&txt);
    assert_eq!(txt_turns, turns);
    // Captions that only once start with a name-like word keep it as words.
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nthe river rises\n\n00:00:02.000 --> 00:00:03.000\nNote: water is high\n";
    let p = write(dir.path(), "captions.vtt", vtt.as_bytes());
    let (text, turns, _) = read(&p);
    assert!(turns.is_empty());
    assert!(text.contains("Note: water is high"));
}

// ----- issue 12: .rtf, and .doc -----

/// An interview as WordPad or a transcription service saves it: font,
/// colour and style tables, document information, a generator, a picture
/// with raw binary data, a hyperlink field, code-page and Unicode escapes,
/// a table, a footnote and a line break inside a paragraph.
const RTF: &[u8] = br#"{\rtf1\ansi\ansicpg1252\deff0\nouicompat{\fonttbl{\f0\fnil\fcharset0 Calibri;}{\f1 Times New Roman;}}
{\colortbl ;\red0\green0\blue255;}
{\stylesheet{\s0 Normal;}{\s1 heading 1;}}
{\info{\title Interview 4}{\author Transcriber}}
{\*\generator Riched20 10.0.19041}\viewkind4\uc1
\pard\sa200\sl276\slmult1\f0\fs22\lang9 {\b Interview 4}\par
Interviewer: \u191?C\'f3mo empez\'f3 el d\'eda?\par
R1: Camin\'e9 a la escuela {\i con mi hermana}\emdash  y luego {\field{\*\fldinst { HYPERLINK "http://example.org" }}{\fldrslt {\ul el centro}}}.{\super\chftn}{\footnote\pard\plain {\super\chftn} Dicho en broma.}\line Fue un buen d\'eda.\par
{\pict\wmetafile8\picw10\pich10\bin6 a{b}c\}\par
\trowd\cellx2000\cellx4000 ciudad\cell casos\cell\row
\trowd\cellx2000\cellx4000 Palu\intbl\cell 12\cell\row
\pard Interviewer: Gracias.\par
}"#;

const RTF_TEXT: &str = "Interview 4\n\nInterviewer: ¿Cómo empezó el día?\n\nR1: Caminé a la escuela con mi hermana— y luego el centro.[1]\nFue un buen día.\n\nciudad\tcasos\nPalu\t12\n\nInterviewer: Gracias.\n\nNotes\n\n[1] Dicho en broma.\n";

#[test]
fn rtf_paragraphs_escapes_tables_and_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "Interview 4.rtf", RTF);
    let (text, turns, kind) = read(&p);
    assert_eq!(text, RTF_TEXT);
    assert_eq!(
        turns,
        pairs(&[
            ("Interviewer", "¿Cómo empezó el día?"),
            (
                "R1",
                "Caminé a la escuela con mi hermana— y luego el centro.[1]\nFue un buen día.\n\nciudad\tcasos\nPalu\t12"
            ),
            ("Interviewer", "Gracias.\n\nNotes\n\n[1] Dicho en broma."),
        ])
    );
    assert_eq!(kind, SourceKind::Interview);
    // Word and transcription services often save RTF under the name .doc.
    let doc = write(dir.path(), "Interview 4b.doc", RTF);
    assert_eq!(read(&doc).0, RTF_TEXT);
    // Through the command line, as a user imports it.
    let ws = common::Workspace::new();
    let f = ws.file("Interview 4.rtf", RTF);
    let out = ok(["import", ws.p(), f.to_str().unwrap()]);
    assert!(out.contains("Interview 4"), "{out}");
    let shown = ok(["show", ws.p(), "Interview 4"]);
    assert!(shown.contains("¿Cómo empezó el día?"), "{shown}");
}

#[test]
fn hostile_rtf_and_old_word_files_are_refused_with_the_file_named() {
    let ws = common::Workspace::new();
    let before = snapshot(&ws.project);
    let deep = format!("{{\\rtf1 {}x{}}}", "{".repeat(100_000), "}".repeat(100_000));
    let old_word = {
        // An OLE compound file, as Word 97–2003 writes it.
        let mut b = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        b.resize(4096, 0);
        b
    };
    for (name, bytes, expect) in [
        (
            "deep.rtf",
            deep.into_bytes(),
            "nests groups more than 256 deep",
        ),
        (
            "plain.rtf",
            b"Just words, no RTF.".to_vec(),
            "not an RTF document",
        ),
        (
            "empty.rtf",
            br"{\rtf1{\fonttbl{\f0 Arial;}}\par}".to_vec(),
            "no text",
        ),
        (
            "old.doc",
            old_word,
            "Word 97–2003 document, which Jalin cannot read; open it in Word or LibreOffice, save it as .docx",
        ),
        (
            "noise.doc",
            b"\x00\x01binary".to_vec(),
            "it is not a Word document",
        ),
    ] {
        let f = ws.file(name, &bytes);
        let r = jalin(["import", ws.p(), f.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{name}: {}", r.stdout);
        assert!(r.stderr.contains(expect), "{name}: {}", r.stderr);
        assert!(r.stderr.contains(name), "{name}: {}", r.stderr);
        assert_eq!(snapshot(&ws.project), before, "{name} changed the project");
    }
    // A \bin longer than the file, and a huge Unicode value: no panic, the
    // text before them kept.
    let f = ws.file(
        "bin.rtf",
        br"{\rtf1 Before.\par\u99999999?{\pict\bin999999999999 xx",
    );
    let parsed = read_file(&f, &ImportOptions::default()).unwrap();
    assert!(
        parsed.source.text.starts_with("Before.\n"),
        "{:?}",
        parsed.source.text
    );
}
