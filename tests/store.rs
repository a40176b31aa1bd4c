//! The project file through the library: every entity saved and read back
//! after reopening, migrations, refusals, and undo data.

use jalin::model::{Attribute, Color, MemoTarget, SourceKind, SpeakerTurn};
use jalin::store::{
    AddedSource, Durability, LATEST_VERSION, NewCode, NewSource, Project, StoreError,
};

fn new_source(name: &str, text: &str) -> NewSource {
    NewSource {
        name: name.into(),
        kind: SourceKind::Interview,
        text: text.into(),
        original_name: Some(format!("{name}.txt")),
        attributes: vec![
            Attribute::new("city", "Palu"),
            Attribute::new("role", "judge"),
        ],
        turns: vec![],
        guid: None,
    }
}

fn added(a: AddedSource) -> jalin::model::SourceMeta {
    match a {
        AddedSource::Added(s) => s,
        other => panic!("not added: {other:?}"),
    }
}

#[test]
fn every_entity_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let text = "I: Apa kabar?\nR: Baik — “terima kasih” 😀\n";
    let (source, parent, child, coding, coder, memos) = {
        let mut p = Project::create(&path).unwrap();
        let mut ns = new_source("Palu_Judge", text);
        ns.turns = vec![
            SpeakerTurn {
                start: 0,
                end: 13,
                label_end: 3,
                speaker: "I".into(),
            },
            SpeakerTurn {
                start: 14,
                end: 39,
                label_end: 17,
                speaker: "R".into(),
            },
        ];
        let source = added(p.add_source(ns, false).unwrap());
        let parent = p.add_code(NewCode::named("Structure")).unwrap();
        let child = p
            .add_code(NewCode {
                name: "coordination".into(),
                parent: Some(parent.id),
                color: Some("#123456".parse().unwrap()),
                description: "Between agencies".into(),
                guid: None,
            })
            .unwrap();
        let coder = p.coder("Ayu").unwrap();
        let coding = p.add_coding(source.id, child.id, 17, 39, coder.id).unwrap();
        let memos = [
            p.add_memo(MemoTarget::Project, "Aim", "Study aims", coder.id)
                .unwrap(),
            p.add_memo(MemoTarget::Source(source.id), "", "Long pauses", coder.id)
                .unwrap(),
            p.add_memo(MemoTarget::Code(child.id), "", "Define tightly", coder.id)
                .unwrap(),
            p.add_memo(MemoTarget::Coding(coding.id), "", "Key quote", coder.id)
                .unwrap(),
        ];
        (source, parent, child, coding, coder, memos)
    };

    let p = Project::open(&path).unwrap();
    p.check_integrity().unwrap();
    assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
    let s = p.source(source.id).unwrap();
    assert_eq!(s, source);
    assert_eq!(s.kind, SourceKind::Interview);
    assert_eq!(s.char_len, text.chars().count());
    assert_eq!(s.original_name.as_deref(), Some("Palu_Judge.txt"));
    assert_eq!(s.attribute("city"), Some("Palu"));
    assert_eq!(p.source_text(s.id).unwrap(), text);
    assert_eq!(p.turns(s.id).unwrap().len(), 2);
    assert_eq!(p.turns(s.id).unwrap()[1].speaker.as_ref(), "R");
    assert_eq!(p.codes().unwrap(), vec![parent.clone(), child.clone()]);
    let c = p.code(child.id).unwrap();
    assert_eq!(
        (c.parent, c.color, c.description.as_str()),
        (
            Some(parent.id),
            Color::rgb(0x12, 0x34, 0x56),
            "Between agencies"
        )
    );
    assert_eq!(p.codings().unwrap(), vec![coding.clone()]);
    assert_eq!(p.coders().unwrap(), vec![coder.clone()]);
    assert_eq!(p.memos().unwrap(), memos.to_vec());
    assert_eq!(
        p.find_coding(&coding.guid.to_string().to_uppercase())
            .unwrap(),
        coding
    );
    assert_eq!(
        p.find_source(&source.guid.to_string()).unwrap().id,
        source.id
    );
    assert_eq!(p.find_source("palu_judge").unwrap().id, source.id);
}

#[test]
fn a_new_file_is_migrated_from_version_zero() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    drop(Project::create(&path).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let app: i32 = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let mode: String = c
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(
        (version, app, mode.as_str()),
        (LATEST_VERSION, jalin::store::APPLICATION_ID, "wal")
    );
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        tables,
        [
            "coders",
            "codes",
            "codings",
            "exemplars",
            "memos",
            "meta",
            "review_items",
            "source_attributes",
            "source_texts",
            "sources",
            "speaker_turns"
        ]
    );
    // A Jalin file still at version 0 (marked but empty) upgrades on open.
    let zero = dir.path().join("zero.jalin");
    {
        let c = rusqlite::Connection::open(&zero).unwrap();
        c.pragma_update(None, "application_id", jalin::store::APPLICATION_ID)
            .unwrap();
    }
    let p = Project::open(&zero).unwrap();
    assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn a_version_1_file_with_data_upgrades_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.jalin");
    let coding = {
        let mut p = Project::create(&path).unwrap();
        let s = added(p.add_source(new_source("a", "some text"), false).unwrap());
        let c = p.add_code(NewCode::named("x")).unwrap();
        let k = p.coder("me").unwrap();
        p.add_coding(s.id, c.id, 0, 4, k.id).unwrap()
    };
    // Turn it into what Jalin's first schema wrote.
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "ALTER TABLE sources ADD COLUMN text TEXT NOT NULL DEFAULT '';
             UPDATE sources SET text = (SELECT text FROM source_texts WHERE source_id = sources.id);
             DROP TABLE source_texts;
             CREATE INDEX codings_by_source ON codings (source_id, start);
             DROP TABLE exemplars; DROP TABLE review_items; PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let mut p = Project::open(&path).unwrap();
    assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
    p.check_integrity().unwrap();
    assert_eq!(p.source_text(coding.source).unwrap(), "some text");
    assert_eq!(p.source(coding.source).unwrap().char_len, 9);
    assert_eq!(p.codings().unwrap(), vec![coding.clone()]);
    assert!(!p.set_exemplar(coding.id, true).unwrap());
    assert!(p.exemplars().unwrap().contains(&coding.id));
}

#[test]
fn newer_and_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    drop(Project::create(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Project::open(&path) {
        Err(StoreError::NewerVersion {
            found, supported, ..
        }) => assert_eq!((found, supported), (LATEST_VERSION + 1, LATEST_VERSION)),
        other => panic!("expected NewerVersion, got {:?}", other.err()),
    }
    assert!(std::fs::read(&path).unwrap() == before, "file changed");
    assert!(matches!(
        Project::open(dir.path()),
        Err(StoreError::NotAProject { .. })
    ));
    assert!(matches!(
        Project::open(dir.path().join("nope.jalin")),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        Project::create(&path),
        Err(StoreError::AlreadyExists(_))
    ));
}

#[test]
fn codings_are_validated() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
    let s = added(p.add_source(new_source("a", "😀😀😀"), false).unwrap());
    let c = p.add_code(NewCode::named("x")).unwrap();
    let k = p.coder("me").unwrap();
    assert!(matches!(
        p.add_coding(s.id, c.id, 2, 2, k.id),
        Err(StoreError::EmptyRange { .. })
    ));
    assert!(matches!(
        p.add_coding(s.id, c.id, 2, 4, k.id),
        Err(StoreError::RangeOutOfBounds { len: 3, .. })
    ));
    let one = p.add_coding(s.id, c.id, 0, 3, k.id).unwrap();
    // Overlaps are fine; the very same coding twice is not.
    p.add_coding(s.id, c.id, 1, 2, k.id).unwrap();
    assert!(matches!(
        p.add_coding(s.id, c.id, 0, 3, k.id),
        Err(StoreError::AlreadyCoded { .. })
    ));
    // A batch with one bad coding saves none of them.
    let batch = [
        jalin::store::NewCoding {
            source: s.id,
            code: c.id,
            start: 0,
            end: 1,
            coder: k.id,
            guid: None,
        },
        jalin::store::NewCoding {
            source: s.id,
            code: c.id,
            start: 0,
            end: 9,
            coder: k.id,
            guid: None,
        },
    ];
    assert!(p.add_codings(&batch).is_err());
    assert_eq!(p.codings().unwrap().len(), 2);
    // Remove and restore give back the same coding.
    let (gone, memos) = p.remove_coding(one.id).unwrap();
    assert_eq!(p.codings().unwrap().len(), 1);
    p.restore_coding(&gone, &memos).unwrap();
    assert!(p.codings().unwrap().contains(&one));
}

#[test]
fn code_edits_return_what_undo_needs() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
    let s = added(
        p.add_source(new_source("a", "one two three four"), false)
            .unwrap(),
    );
    let k = p.coder("me").unwrap();
    let top = p.add_code(NewCode::named("Top")).unwrap();
    let a = p
        .add_code(NewCode {
            parent: Some(top.id),
            ..NewCode::named("a")
        })
        .unwrap();
    let b = p
        .add_code(NewCode {
            parent: Some(a.id),
            ..NewCode::named("b")
        })
        .unwrap();
    let other = p.add_code(NewCode::named("other")).unwrap();
    // New codes take palette colours in turn.
    assert_eq!(top.color, Color::palette(0));
    assert_eq!(other.color, Color::palette(3));

    assert_eq!(p.rename_code(a.id, "A").unwrap(), "a");
    assert!(matches!(
        p.rename_code(other.id, "top"),
        Err(StoreError::DuplicateCode(_))
    ));
    assert_eq!(
        p.set_code_color(a.id, Color::rgb(1, 2, 3)).unwrap(),
        a.color
    );
    assert_eq!(p.set_code_description(a.id, "d").unwrap(), "");
    assert!(matches!(
        p.move_code(top.id, Some(b.id)),
        Err(StoreError::HierarchyCycle(_))
    ));
    assert_eq!(p.move_code(b.id, None).unwrap(), Some(a.id));
    assert_eq!(p.codebook().unwrap().path(b.id), "b");
    p.move_code(b.id, Some(a.id)).unwrap();

    let c1 = p.add_coding(s.id, b.id, 0, 3, k.id).unwrap();
    let c2 = p.add_coding(s.id, a.id, 4, 7, k.id).unwrap();
    let m = p
        .add_memo(MemoTarget::Coding(c1.id), "", "note", k.id)
        .unwrap();
    let before = (p.codes().unwrap(), p.codings().unwrap(), p.memos().unwrap());
    let gone = p.delete_code(a.id).unwrap();
    assert_eq!(
        gone.codes
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["A", "b"]
    );
    assert_eq!(gone.codings.len(), 2);
    assert_eq!(gone.memos, vec![m]);
    assert_eq!(p.codings().unwrap().len(), 0);
    assert_eq!(p.memos().unwrap().len(), 0);
    p.restore_code_deletion(&gone).unwrap();
    assert_eq!(
        (p.codes().unwrap(), p.codings().unwrap(), p.memos().unwrap()),
        before
    );

    // Merge: codings, sub-codes and memos move; duplicates drop.
    p.add_coding(s.id, other.id, 4, 7, k.id).unwrap();
    p.add_memo(MemoTarget::Code(a.id), "", "about A", k.id)
        .unwrap();
    let r = p.merge_codes(a.id, other.id).unwrap();
    assert_eq!(r.moved.len(), 0);
    assert_eq!(r.dropped, vec![c2]);
    assert_eq!(r.children, vec![b.id]);
    assert_eq!(r.memos.len(), 1);
    assert_eq!(p.code(b.id).unwrap().parent, Some(other.id));
    assert!(matches!(p.code(a.id), Err(StoreError::UnknownCode(_))));
    assert!(matches!(
        p.merge_codes(other.id, other.id),
        Err(StoreError::MergeIntoSelf(_))
    ));
}

#[test]
fn sources_attributes_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
    let s = added(p.add_source(new_source("a", "text"), false).unwrap());
    assert_eq!(
        p.add_source(new_source("b", "text"), false).unwrap(),
        AddedSource::Duplicate {
            existing: "a".into()
        }
    );
    let forced = added(p.add_source(new_source("a", "text"), true).unwrap());
    assert_eq!(forced.name, "a (2)");
    assert_eq!(
        p.set_attribute(s.id, "city", Some("Sigi"))
            .unwrap()
            .as_deref(),
        Some("Palu")
    );
    assert_eq!(
        p.set_attribute(s.id, "role", None).unwrap().as_deref(),
        Some("judge")
    );
    assert_eq!(
        p.attributes(s.id).unwrap(),
        vec![Attribute::new("city", "Sigi")]
    );
    assert_eq!(
        p.set_source_kind(s.id, SourceKind::Document).unwrap(),
        SourceKind::Interview
    );
    assert!(matches!(
        p.rename_source(s.id, "A (2)"),
        Err(StoreError::DuplicateSource(_))
    ));
    assert_eq!(p.rename_source(s.id, "first").unwrap(), "a");
    let c = p.add_code(NewCode::named("x")).unwrap();
    let k = p.coder("me").unwrap();
    p.add_coding(forced.id, c.id, 0, 2, k.id).unwrap();
    assert_eq!(p.delete_source(forced.id).unwrap(), 1);
    assert!(p.codings().unwrap().is_empty());
    // A turn outside the text is refused before anything is written.
    let mut bad = new_source("c", "short");
    bad.turns = vec![SpeakerTurn {
        start: 0,
        end: 50,
        label_end: 2,
        speaker: "R".into(),
    }];
    assert!(matches!(
        p.add_source(bad, false),
        Err(StoreError::BadTurn { .. })
    ));
    assert_eq!(p.sources().unwrap().len(), 1);
}

mod quotes {
    use super::*;
    use proptest::prelude::*;

    fn text_strategy() -> impl Strategy<Value = String> {
        // ASCII, accented Latin, Indonesian, CJK, emoji (non-BMP), combining marks, newlines.
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("Z"),
                Just(" "),
                Just("\n"),
                Just("é"),
                Just("ñ"),
                Just("“"),
                Just("”"),
                Just("—"),
                Just("中"),
                Just("😀"),
                Just("🙏🏽"),
                Just("e\u{301}"),
                Just("𝄞"),
                Just("\t"),
            ],
            1..200,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn a_quote_after_reopening_is_the_chars_in_its_range(
            text in text_strategy(),
            ranges in proptest::collection::vec((0usize..1000, 0usize..1000), 1..8),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.jalin");
            let chars: Vec<char> = text.chars().collect();
            let len = chars.len();
            let mut expected = Vec::new();
            {
                let mut p = Project::create(&path).unwrap();
                let s = added(p.add_source(new_source("s", &text), false).unwrap());
                let c = p.add_code(NewCode::named("c")).unwrap();
                let k = p.coder("k").unwrap();
                for (a, b) in ranges {
                    let (start, end) = (a % len, b % (len + 1));
                    if start >= end { continue; }
                    if p.add_coding(s.id, c.id, start, end, k.id).is_ok() {
                        expected.push(chars[start..end].iter().collect::<String>());
                    }
                }
            }
            let p = Project::open(&path).unwrap();
            let data = p.data().unwrap();
            let segments = jalin::analysis::segments(&data, &p.source_texts().unwrap());
            let mut got: Vec<String> = segments.into_iter().map(|s| s.quote.to_string()).collect();
            got.sort();
            expected.sort();
            prop_assert_eq!(got, expected);
        }
    }
}

#[test]
fn changes_are_flushed_by_the_background_flusher_and_full_waits_in_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let mut p = Project::create(&path).unwrap();
    assert_eq!(p.durability().unwrap(), Durability::Prompt);
    let s = added(
        p.add_source(new_source("a", "some text here"), false)
            .unwrap(),
    );
    let c = p.add_code(NewCode::named("x")).unwrap();
    let k = p.coder("me").unwrap();
    for i in 0..10 {
        p.add_coding(s.id, c.id, i, i + 2, k.id).unwrap();
    }
    p.sync().unwrap();
    let flushes = p.background_flushes();
    // At least one flush ran, and never more than one per commit (source,
    // code, coder, ten codings).
    assert!((1..=13).contains(&flushes), "{flushes} flushes");
    p.set_durability(Durability::Full).unwrap();
    assert_eq!(p.durability().unwrap(), Durability::Full);
    p.add_coding(s.id, c.id, 0, 5, k.id).unwrap();
    assert_eq!(p.background_flushes(), 0, "Full has no flusher");
    drop(p);
    // Reopened, the project is back to Jalin's default, with every coding.
    let p = Project::open(&path).unwrap();
    assert_eq!(p.durability().unwrap(), Durability::Prompt);
    assert_eq!(p.codings().unwrap().len(), 11);
}

/// A background flush that fails (here: the log's path made a folder, so it
/// cannot be opened) is reported, naming the project, not lost.
#[cfg(unix)]
#[test]
fn a_failed_background_flush_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let mut p = Project::create(&path).unwrap();
    p.add_code(NewCode::named("first")).unwrap();
    p.sync().unwrap();
    let wal = dir.path().join("p.jalin-wal");
    std::fs::remove_file(&wal).unwrap();
    std::fs::create_dir(&wal).unwrap();
    p.add_code(NewCode::named("second")).unwrap();
    match p.sync() {
        Err(e @ StoreError::Flush { .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("could not flush") && msg.contains(&path.display().to_string()),
                "{msg}"
            );
        }
        other => panic!("expected a flush error, got {other:?}"),
    }
    // Reported once; the project goes on.
    p.sync().unwrap();
    std::fs::remove_dir(&wal).unwrap();
}

#[test]
fn sqlite_errors_are_described_in_plain_words() {
    use jalin::store::describe_sqlite;
    use rusqlite::ffi;
    // 2067 is SQLITE_CONSTRAINT_UNIQUE, as a redo after an outside change
    // met; with and without SQLite's own message, and other codes.
    let failures = [
        (2067, None),
        (
            2067,
            Some("UNIQUE constraint failed: codes.guid".to_string()),
        ),
        (787, Some("FOREIGN KEY constraint failed".to_string())),
        (18, None),
        (1, Some("no such table: codings".to_string())),
        (21, None),
        (14, Some("unable to open database file".to_string())),
    ];
    for (code, msg) in failures {
        let e = rusqlite::Error::SqliteFailure(ffi::Error::new(code), msg.clone());
        let text = describe_sqlite(&e);
        assert!(!text.is_empty());
        for raw in [
            "Error code",
            &code.to_string(),
            "constraint failed",
            "no such table",
            "unable to open",
        ] {
            assert!(!text.contains(raw), "{code}: {text}");
        }
        assert!(
            text.contains("nothing was changed") || text.contains("not saved"),
            "{code}: {text}"
        );
    }
    for e in [
        rusqlite::Error::QueryReturnedNoRows,
        rusqlite::Error::InvalidColumnType(0, "id".into(), rusqlite::types::Type::Text),
    ] {
        let text = describe_sqlite(&e);
        assert!(
            !text.contains("Query returned") && !text.contains("Invalid column"),
            "{text}"
        );
    }
}
