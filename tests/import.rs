//! Importing text transcripts: encodings, line ends, front matter, speaker
//! styles, and real files from other tools.

mod common;

use jalin::import::{ImportOptions, ImportOutcome, import_file, read_file};
use jalin::model::text::char_slice;
use jalin::model::{Attribute, SourceKind};
use jalin::store::Project;

const TEXT: &str = "Interviewer: Bagaimana koordinasinya?\nR1: Masih lemah — “berkas” bolak-balik, Señor José. 😀\nInterviewer: Terima kasih.\n";

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// (speaker, full turn text, words after the label) of an imported file.
fn turns_of(path: &std::path::Path) -> (String, Vec<(String, String, String)>, SourceKind) {
    let parsed = read_file(path, &ImportOptions::default()).unwrap();
    let t = &parsed.source.text;
    let turns = parsed
        .source
        .turns
        .iter()
        .map(|turn| {
            (
                turn.speaker.to_string(),
                char_slice(t, turn.start, turn.end).unwrap().to_string(),
                char_slice(t, turn.label_end, turn.end).unwrap().to_string(),
            )
        })
        .collect();
    (t.clone(), turns, parsed.source.kind)
}

#[test]
fn every_encoding_gives_the_same_text_and_turns() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = TEXT.replace('\n', "\r\n");
    let mut bom8 = b"\xEF\xBB\xBF".to_vec();
    bom8.extend(crlf.as_bytes());
    let files = [
        write(dir.path(), "utf8.txt", TEXT.as_bytes()),
        write(dir.path(), "utf8_bom_crlf.txt", &bom8),
        write(dir.path(), "utf16le.txt", &utf16(&crlf, false)),
        write(dir.path(), "utf16be.txt", &utf16(TEXT, true)),
        write(
            dir.path(),
            "old_mac_cr.txt",
            TEXT.replace('\n', "\r").as_bytes(),
        ),
    ];
    let (expected_text, expected_turns, kind) = turns_of(&files[0]);
    assert_eq!(expected_text, TEXT);
    assert_eq!(kind, SourceKind::Interview);
    assert_eq!(
        expected_turns,
        vec![
            (
                "Interviewer".into(),
                "Interviewer: Bagaimana koordinasinya?".into(),
                "Bagaimana koordinasinya?".into()
            ),
            (
                "R1".into(),
                "R1: Masih lemah — “berkas” bolak-balik, Señor José. 😀".into(),
                "Masih lemah — “berkas” bolak-balik, Señor José. 😀".into()
            ),
            (
                "Interviewer".into(),
                "Interviewer: Terima kasih.".into(),
                "Terima kasih.".into()
            ),
        ]
    );
    for f in &files[1..] {
        let (text, turns, _) = turns_of(f);
        assert_eq!(text, expected_text, "{}", f.display());
        assert_eq!(turns, expected_turns, "{}", f.display());
    }
}

#[test]
fn legacy_windows_1252_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // “Señor José” – in Windows-1252, with CRLF.
    let bytes = b"Interviewer: Siapa?\r\nR: \x93Se\xf1or Jos\xe9\x94 \x96 the prosecutor from the district office.\r\n";
    let path = write(dir.path(), "legacy.txt", bytes);
    let parsed = read_file(&path, &ImportOptions::default()).unwrap();
    assert_eq!(
        parsed.source.text,
        "Interviewer: Siapa?\nR: “Señor José” – the prosecutor from the district office.\n"
    );
    assert_eq!(
        parsed.warnings,
        vec!["read as windows-1252 (not UTF-8); check accented letters".to_string()]
    );
}

#[test]
fn each_speaker_style() {
    let dir = tempfile::tempdir().unwrap();
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: [Case; 7] = [
        (
            "name.txt",
            "Budi Santoso: Kami kirim berkas.\n\nAyu: Lalu?\n\nBudi Santoso: Kembali lagi.\n",
            &[
                ("Budi Santoso", "Kami kirim berkas."),
                ("Ayu", "Lalu?"),
                ("Budi Santoso", "Kembali lagi."),
            ],
        ),
        (
            "bold.md",
            "# Interview\n\n**Interviewer:** Why?\n\n**Chloé:** Because.\n",
            &[("Interviewer", "Why?"), ("Chloé", "Because.")],
        ),
        (
            "caps.txt",
            "INTERVIEWER:\nWhat next?\n\nRESPONDENT:\nThe file goes back.\n",
            &[
                ("INTERVIEWER", "What next?"),
                ("RESPONDENT", "The file goes back."),
            ],
        ),
        (
            "bracket.txt",
            "[id1] I like the course.\n\n[id2] I am struggling.\n",
            &[("id1", "I like the course."), ("id2", "I am struggling.")],
        ),
        (
            "short.txt",
            "I: Berapa jaksa?\nR1: Sebelas.\n",
            &[("I", "Berapa jaksa?"), ("R1", "Sebelas.")],
        ),
        (
            "timed.txt",
            "(0:02) Interviewer: Mulai.\n\n(1:45) Ibu Wulan: Baik.\n",
            &[("Interviewer", "Mulai."), ("Ibu Wulan", "Baik.")],
        ),
        (
            "interviewer.txt",
            "Interviewer: One.\nRespondent: Two.\n",
            &[("Interviewer", "One."), ("Respondent", "Two.")],
        ),
    ];
    for (name, text, expected) in cases {
        let path = write(dir.path(), name, text.as_bytes());
        let (_, turns, _) = turns_of(&path);
        let got: Vec<(&str, &str)> = turns
            .iter()
            .map(|(s, _, w)| (s.as_str(), w.trim()))
            .collect();
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn front_matter_and_options_set_kind_and_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fgd.txt", b"---\nkind: focus group\nname: Expert FGD\ncity: Jakarta\n---\n\nModerator: Welcome.\nRatna: Thanks.\n");
    let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
    let opts = ImportOptions {
        kind: None,
        attributes: vec![Attribute::new("city", "Bali"), Attribute::new("wave", "2")],
        force: false,
        ..ImportOptions::default()
    };
    let ImportOutcome::Added { source, .. } = import_file(&mut p, &path, &opts).unwrap() else {
        panic!()
    };
    assert_eq!(source.name, "Expert FGD");
    assert_eq!(source.kind, SourceKind::FocusGroup);
    assert_eq!(
        source.attributes,
        vec![Attribute::new("city", "Bali"), Attribute::new("wave", "2")]
    );
    assert_eq!(
        p.source_text(source.id).unwrap(),
        "Moderator: Welcome.\nRatna: Thanks.\n"
    );
    // --kind wins over the file.
    let opts = ImportOptions {
        kind: Some(SourceKind::Document),
        force: true,
        ..Default::default()
    };
    let ImportOutcome::Added { source, .. } = import_file(&mut p, &path, &opts).unwrap() else {
        panic!()
    };
    assert_eq!(source.kind, SourceKind::Document);
}

#[test]
fn kinds_are_guessed_from_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let guess = |name: &str, text: &str| {
        let path = write(dir.path(), name, text.as_bytes());
        read_file(&path, &ImportOptions::default())
            .unwrap()
            .source
            .kind
    };
    assert_eq!(
        guess("a.txt", "Interviewer: a\nR: b\n"),
        SourceKind::Interview
    );
    assert_eq!(
        guess(
            "b.txt",
            "Moderator: a\nA: b\nB: c\nC: d\nA: e\nB: f\nC: g\n"
        ),
        SourceKind::FocusGroup
    );
    assert_eq!(
        guess("c.txt", "Plain report text.\nNo speakers here.\n"),
        SourceKind::Document
    );
}

#[test]
fn qualcoder_example_texts_import() {
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let dir = corpus.join("transcripts/qualcoder");

    // A small focus group with [id1] labels.
    let (text, turns, kind) = turns_of(&dir.join("transcript.txt"));
    assert!(text.starts_with("[id1] hello, I like the course."));
    assert_eq!(kind, SourceKind::FocusGroup);
    let speakers: Vec<&str> = turns.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(speakers, ["id1", "id2", "id3", "id1", "id3", "id1", "id2"]);
    assert_eq!(
        turns[1].2,
        "I am struggling with the lecture slides. I felt that they were too busy and I switched off."
    );

    // CRLF code list: line ends normalised, no turns.
    let (text, turns, kind) = turns_of(&dir.join("plain_codes_categories_for_import.txt"));
    assert!(!text.contains('\r'));
    assert!(text.starts_with("code1\tA memo for code 1\ncat1>>code2\n"));
    assert!(turns.is_empty());
    assert_eq!(kind, SourceKind::Document);

    // A memo with **bold:** headings is not a transcript.
    let (text, turns, _) = turns_of(&dir.join("project_memo.txt"));
    assert!(text.starts_with("**Research topic, questions, and objectives:**"));
    assert!(turns.is_empty(), "{turns:?}");

    let (_, turns, kind) = turns_of(&dir.join("NOTES.txt"));
    assert!(turns.is_empty());
    assert_eq!(kind, SourceKind::Document);

    // All of them into one project, each in its own transaction.
    let tmp = tempfile::tempdir().unwrap();
    let mut p = Project::create(tmp.path().join("p.jalin")).unwrap();
    let paths: Vec<_> = [
        "transcript.txt",
        "NOTES.txt",
        "project_memo.txt",
        "plain_codes_categories_for_import.txt",
    ]
    .iter()
    .map(|n| dir.join(n))
    .collect();
    let results = jalin::import::import_files(&mut p, &paths, &ImportOptions::default());
    assert!(
        results
            .iter()
            .all(|(_, r)| matches!(r, Ok(ImportOutcome::Added { .. })))
    );
    assert_eq!(p.sources().unwrap().len(), 4);
}
