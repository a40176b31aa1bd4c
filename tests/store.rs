//! The project file through the library: every entity saved and read back
//! after reopening, migrations, refusals, and undo data.

mod common;

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
            // Schema 6: GUIDs as an exchange file spelt them.
            "guid_spellings",
            // Schema 8: the highest id of a deleted coding (ids are never
            // reused, without AUTOINCREMENT's page per coding).
            "id_high_water",
            "memos",
            "meta",
            // Schema 8: real names and their pseudonyms.
            "pseudonyms",
            "review_items",
            "source_attributes",
            "source_texts",
            "sources",
            // Schema 5: speakers' roles and participants' attributes.
            "speaker_attributes",
            "speaker_turns",
            "speakers",
            // AUTOINCREMENT's counters (schema 4: ids are never reused).
            "sqlite_sequence",
            // Schema 10: fixed figures for `codings_unique`, so that lookups
            // by code search it by skip-scan (`ANALYZE` also makes the
            // empty `sqlite_stat4` of SQLCipher's build).
            "sqlite_stat1",
            "sqlite_stat4"
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
    let current = dir.path().join("current.jalin");
    let coding = {
        let mut p = Project::create(&current).unwrap();
        let s = added(p.add_source(new_source("a", "some text"), false).unwrap());
        let c = p.add_code(NewCode::named("x")).unwrap();
        let k = p.coder("me").unwrap();
        p.add_coding(s.id, c.id, 0, 4, k.id).unwrap()
    };
    // The same data in exactly what Jalin's first schema wrote (Jalin
    // refuses a file whose schema differs from what its steps make).
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(jalin::store::migration_step(1).unwrap())
            .unwrap();
        c.execute("ATTACH ?1 AS cur", [current.to_str().unwrap()])
            .unwrap();
        c.execute_batch(
            "INSERT INTO meta SELECT * FROM cur.meta;
             INSERT INTO coders SELECT id, guid, name FROM cur.coders;
             INSERT INTO sources (id, guid, name, kind, text, char_len, content_hash, original_name, imported_at)
                 SELECT s.id, s.guid, s.name, s.kind, t.text, s.char_len, s.content_hash, s.original_name, s.imported_at
                 FROM cur.sources s JOIN cur.source_texts t ON t.source_id = s.id;
             INSERT INTO codes SELECT * FROM cur.codes;
             INSERT INTO codings SELECT * FROM cur.codings;
             DETACH cur;",
        )
        .unwrap();
        c.pragma_update(None, "application_id", jalin::store::APPLICATION_ID)
            .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
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

/// One coding (the hot path, a command inside its transaction) is checked
/// by its own insert; each refusal is still worded as the separate check
/// words it, and saves nothing.
#[test]
fn a_single_codings_refusals_are_worded_and_save_nothing() {
    use jalin::app::Command;
    use jalin::model::{CodeId, CoderId, SourceId};
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
    let s = added(p.add_source(new_source("a", "😀😀😀"), false).unwrap());
    let c = p.add_code(NewCode::named("x")).unwrap();
    let k = p.coder("me").unwrap();
    let add = |source: SourceId, code: CodeId, start: usize, end: usize, coder: CoderId| {
        Command::AddCoding {
            source,
            code,
            start,
            end,
            coder,
        }
    };
    let made = add(s.id, c.id, 0, 3, k.id).apply(&mut p).unwrap();
    let before = p.codings().unwrap();
    assert_eq!(before.len(), 1);
    let refused = [
        (add(s.id, c.id, 2, 2, k.id), "EmptyRange"),
        (add(s.id, c.id, 2, 4, k.id), "RangeOutOfBounds"),
        (add(s.id, c.id, 0, 3, k.id), "AlreadyCoded"),
        (add(SourceId(999), c.id, 0, 1, k.id), "SourceGone"),
        (add(s.id, CodeId(999), 0, 1, k.id), "CodeGone"),
    ];
    for (cmd, want) in refused {
        let e = cmd.apply(&mut p).unwrap_err();
        assert!(format!("{e:?}").starts_with(want), "{cmd:?}: {e:?}");
        assert!(!matches!(e, StoreError::NotWritten { .. }), "{e:?}");
        assert_eq!(p.codings().unwrap(), before, "{cmd:?} saved something");
    }
    // A coder that is not there: refused by the foreign key, as before.
    assert!(add(s.id, c.id, 0, 1, CoderId(999)).apply(&mut p).is_err());
    assert_eq!(p.codings().unwrap(), before);
    // Undo and redo of the one made still work.
    let redo = made.apply(&mut p).unwrap();
    assert!(p.codings().unwrap().is_empty());
    redo.apply(&mut p).unwrap();
    assert_eq!(p.codings().unwrap().len(), 1);
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
    let gone = p.remove_coding(one.id).unwrap();
    assert_eq!(p.codings().unwrap().len(), 1);
    p.restore_coding(&gone).unwrap();
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
    assert!(matches!(p.code(a.id), Err(StoreError::CodeGone(_))));
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
                let mut saved = std::collections::HashSet::new();
                for (a, b) in ranges {
                    let (start, end) = (a % len, b % (len + 1));
                    if start >= end { continue; }
                    // Every range here is inside the text and non-empty: the
                    // only refusal allowed is the same range coded twice.
                    match p.add_coding(s.id, c.id, start, end, k.id) {
                        Ok(_) => {
                            prop_assert!(saved.insert((start, end)), "{start}..{end} saved twice");
                            expected.push(chars[start..end].iter().collect::<String>());
                        }
                        Err(StoreError::AlreadyCoded { start: s0, end: e0, .. }) => {
                            prop_assert_eq!((s0, e0), (start, end));
                            prop_assert!(saved.contains(&(start, end)), "{start}..{end} refused as already coded");
                        }
                        Err(e) => prop_assert!(false, "{start}..{end} of {len} refused: {e}"),
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

/// A background flush that fails is reported by the next change, which
/// then writes nothing (the user is told before anything more is saved).
#[cfg(unix)]
#[test]
fn a_failed_background_flush_is_reported_by_the_next_change_which_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let mut p = Project::create(&path).unwrap();
    p.add_code(NewCode::named("first")).unwrap();
    p.sync().unwrap();
    // The log's path made a folder: the flusher cannot open it.
    let wal = dir.path().join("p.jalin-wal");
    std::fs::remove_file(&wal).unwrap();
    std::fs::create_dir(&wal).unwrap();
    let flushes = p.background_flushes();
    p.add_code(NewCode::named("second")).unwrap();
    // Wait for the flush of "second" to have run (and failed), without
    // asking for its result.
    let waited = std::time::Instant::now();
    while p.background_flushes() == flushes {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(10),
            "the flusher never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    match p.add_code(NewCode::named("third")) {
        Err(e @ StoreError::Flush { .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("could not flush") && msg.contains(&path.display().to_string()),
                "{msg}"
            );
        }
        other => panic!("expected the next change to report the flush error, got {other:?}"),
    }
    let names: Vec<String> = p.codes().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        ["first", "second"],
        "the change that reported it wrote nothing"
    );
    // Reported once; the change after it is saved.
    p.add_code(NewCode::named("third")).unwrap();
    assert_eq!(p.codes().unwrap().len(), 3);
    std::fs::remove_dir(&wal).unwrap();
}

// ---- Untrusted files and the write-ahead log (issue 10 §3, §7) ----

fn sibling(path: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}

/// A closed project with one source, two codes and `n` codings.
fn project_with_codings(path: &std::path::Path, n: usize) {
    let mut p = Project::create(path).unwrap();
    let text = "word ".repeat(n + 10);
    let s = added(
        p.add_source(new_source("Palu_Judge", &text), false)
            .unwrap(),
    );
    let c = p.add_code(NewCode::named("coordination")).unwrap();
    p.add_code(NewCode::named("trust")).unwrap();
    let k = p.coder("Ayu").unwrap();
    for i in 0..n {
        p.add_coding(s.id, c.id, i * 5, i * 5 + 4, k.id).unwrap();
    }
}

#[test]
fn closing_leaves_the_file_complete_without_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    project_with_codings(&path, 50);
    assert!(
        !sibling(&path, "-wal").exists(),
        "the log outlived the project"
    );
    assert!(!sibling(&path, "-shm").exists());
    // The .jalin alone, copied elsewhere, holds every coding.
    let other = tempfile::tempdir().unwrap();
    let copy = other.path().join("copy.jalin");
    std::fs::copy(&path, &copy).unwrap();
    assert_eq!(Project::open(&copy).unwrap().codings().unwrap().len(), 50);
}

#[test]
fn backup_while_others_write_has_all_committed_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    project_with_codings(&path, 30);
    // The workbench has the project open and keeps coding ...
    let mut p = Project::open(&path).unwrap();
    let s = p.sources().unwrap()[0].id;
    let c = p.find_code("trust").unwrap().id;
    let k = p.coder("Ayu").unwrap().id;
    for i in 0..20 {
        p.add_coding(s, c, i * 5, i * 5 + 2, k).unwrap();
    }
    // ... while another program holds uncommitted work.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('pending', 'x');")
        .unwrap();
    let out = dir.path().join("backup.jalin");
    let report = jalin::store::backup(&path, &out, false).unwrap();
    assert_eq!(report, Default::default());
    let copy = dir.path().join("copy.jalin");
    p.save_copy(&copy).unwrap();
    // A copy never replaces a file, the project least of all.
    for target in [&out, &path, &sibling(&path, "-wal")] {
        let e = p.save_copy(target).unwrap_err().to_string();
        assert!(e.contains("cannot write a copy there"), "{e}");
        let e = jalin::store::backup(&path, target, false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot write a copy there"), "{e}");
    }
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    for f in [&out, &copy] {
        assert!(!sibling(f, ".partial").exists());
        let b = Project::open(f).unwrap();
        b.check_integrity().unwrap();
        assert_eq!(b.codings().unwrap().len(), 50, "{}", f.display());
        assert_eq!(b.meta("pending").unwrap(), None);
    }
    // The original is untouched by the copies and goes on.
    p.add_coding(s, c, 190, 193, k).unwrap();
    drop(p);
    assert_eq!(Project::open(&path).unwrap().codings().unwrap().len(), 51);
}

#[test]
fn a_log_that_does_not_belong_to_the_file_is_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    project_with_codings(&path, 5);
    let old = std::fs::read(&path).unwrap();
    // More work, checkpointed into the file when it closes (a project
    // grows: a new source takes new pages).
    {
        let mut p = Project::open(&path).unwrap();
        p.add_code(NewCode::named("later")).unwrap();
        p.add_source(new_source("second", &"kata ".repeat(4000)), false)
            .unwrap();
    }
    // A crash with work in the log: copy the file and its log while open.
    let crashed = dir.path().join("crashed.jalin");
    let stale_wal;
    {
        let mut p = Project::open(&path).unwrap();
        let s = p.sources().unwrap()[0].id;
        let c = p.find_code("later").unwrap().id;
        let k = p.coder("Ayu").unwrap().id;
        for i in 0..70 {
            p.add_coding(s, c, i, i + 1, k).unwrap();
        }
        p.add_source(new_source("third", &"kata ".repeat(4000)), false)
            .unwrap();
        p.sync().unwrap();
        std::fs::copy(&path, &crashed).unwrap();
        std::fs::copy(sibling(&path, "-wal"), sibling(&crashed, "-wal")).unwrap();
        stale_wal = std::fs::read(sibling(&path, "-wal")).unwrap();
    }
    // The log of the crashed session belongs to its file: all work is there.
    assert_eq!(
        Project::open(&crashed).unwrap().codings().unwrap().len(),
        75
    );
    // A backup restored beside a newer log: refused, saying what to do.
    std::fs::write(&path, &old).unwrap();
    std::fs::write(sibling(&path, "-wal"), &stale_wal).unwrap();
    let e = Project::open(&path).err().expect("refused").to_string();
    assert!(
        e.contains("does not belong to this file")
            && e.contains("p.jalin-wal")
            && e.contains("move the -wal file out of the folder"),
        "{e}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), old, "the file was changed");
    assert_eq!(std::fs::read(sibling(&path, "-wal")).unwrap(), stale_wal);
    assert!(!sibling(&path, "-shm").exists());
    // Garbage where the log should be.
    std::fs::write(
        sibling(&path, "-wal"),
        b"not a log at all, just some bytes here",
    )
    .unwrap();
    let e = Project::open(&path).err().expect("refused").to_string();
    assert!(e.contains("not an SQLite write-ahead log"), "{e}");
    // Moved aside, the restored file opens as it was.
    std::fs::remove_file(sibling(&path, "-wal")).unwrap();
    assert_eq!(Project::open(&path).unwrap().codings().unwrap().len(), 5);
}

/// What a planted object does is never run: Jalin refuses the file first.
fn plant(path: &std::path::Path, sql: &str) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(sql).unwrap();
}

/// Schema step 10's figures for the planner are statistics, not code: a
/// file whose `sqlite_stat1` and `sqlite_stat4` were dropped by hand opens,
/// passes the integrity check, and deleting a code still takes its codings
/// (by a scan instead of a skip-scan).
#[test]
fn a_file_without_the_planner_figures_opens_and_deletes_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    project_with_codings(&path, 4);
    plant(&path, "DROP TABLE sqlite_stat1; DROP TABLE sqlite_stat4;");
    let mut p = Project::open(&path).unwrap();
    p.check_integrity().unwrap();
    let code = p.find_code("coordination").unwrap().id;
    p.delete_code(code).unwrap();
    assert!(p.codings().unwrap().is_empty());
    assert_eq!(p.codes().unwrap().len(), 1);
}

#[test]
fn schema_objects_jalin_did_not_make_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "CREATE TRIGGER wipe AFTER INSERT ON codings BEGIN DELETE FROM codings; DELETE FROM memos; DELETE FROM source_texts; END;",
            "a trigger 'wipe'",
        ),
        (
            "CREATE TRIGGER swallow BEFORE INSERT ON codings BEGIN SELECT RAISE(IGNORE); END;",
            "a trigger 'swallow'",
        ),
        (
            "CREATE VIEW everything AS SELECT * FROM codings;",
            "a view 'everything'",
        ),
        // PSE: the pseudonym table (schema step 8) is covered too: a
        // trigger that leaks or blanks pseudonyms is refused.
        (
            "CREATE TRIGGER unmask BEFORE INSERT ON pseudonyms BEGIN SELECT RAISE(IGNORE); END;",
            "a trigger 'unmask'",
        ),
        ("CREATE TABLE extra (x);", "a table 'extra'"),
        (
            "CREATE INDEX codings_by_time ON codings (created_at);",
            "an index 'codings_by_time'",
        ),
    ];
    for (i, (sql, named)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("p{i}.jalin"));
        project_with_codings(&path, 3);
        plant(&path, sql);
        let before = std::fs::read(&path).unwrap();
        let e = Project::open(&path).err().expect("refused").to_string();
        assert!(
            e.contains(named) && e.contains("that Jalin did not make") && e.contains("--repair"),
            "{e}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{named}: file changed"
        );
        assert!(!sibling(&path, "-wal").exists() && !sibling(&path, "-shm").exists());
        // A plain backup refuses it too; --repair leaves it out.
        let out = dir.path().join(format!("clean{i}.jalin"));
        assert!(jalin::store::backup(&path, &out, false).is_err());
        let report = jalin::store::backup(&path, &out, true).unwrap();
        assert_eq!(report.dropped, vec![named.to_string()]);
        let mut p = Project::open(&out).unwrap();
        p.check_integrity().unwrap();
        let s = p.sources().unwrap()[0].id;
        let c = p.find_code("trust").unwrap().id;
        let k = p.coder("Ayu").unwrap().id;
        p.add_coding(s, c, 0, 3, k).unwrap();
        assert_eq!(p.codings().unwrap().len(), 4, "{named}");
        assert_eq!(p.sources().unwrap().len(), 1);
    }
    // A changed Jalin table cannot be repaired, and says so.
    let path = dir.path().join("changed.jalin");
    project_with_codings(&path, 1);
    plant(&path, "DROP INDEX memos_by_code;");
    let e = Project::open(&path).err().expect("refused").to_string();
    assert!(e.contains("an index 'memos_by_code' missing"), "{e}");
    let out = dir.path().join("rebuilt.jalin");
    let report = jalin::store::backup(&path, &out, true).unwrap();
    assert_eq!(report.rebuilt, vec!["memos_by_code".to_string()]);
    Project::open(&out).unwrap().check_integrity().unwrap();
    // A changed table of Jalin's is refused and cannot be repaired.
    plant(&path, "ALTER TABLE codes ADD COLUMN secret TEXT;");
    let e = Project::open(&path).err().expect("refused").to_string();
    assert!(e.contains("a table 'codes' changed"), "{e}");
    let out = dir.path().join("not-made.jalin");
    let e = jalin::store::backup(&path, &out, true)
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot repair: a table 'codes'"), "{e}");
    assert!(!out.exists() && !dir.path().join("not-made.jalin.partial").exists());
}

#[test]
fn hardened_connections_refuse_schema_tricks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    project_with_codings(&path, 1);
    let p = Project::open(&path).unwrap();
    assert!(p.is_hardened().unwrap());
    drop(p);
    let p = Project::create(dir.path().join("new.jalin")).unwrap();
    assert!(p.is_hardened().unwrap());
}

#[test]
fn a_code_parent_loop_is_reported_and_repaired_in_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    {
        let mut p = Project::create(&path).unwrap();
        let a = p.add_code(NewCode::named("Structure")).unwrap();
        let b = p
            .add_code(NewCode {
                parent: Some(a.id),
                ..NewCode::named("coordination")
            })
            .unwrap();
        p.add_code(NewCode {
            parent: Some(b.id),
            ..NewCode::named("files")
        })
        .unwrap();
    }
    plant(
        &path,
        "UPDATE codes SET parent_id = (SELECT id FROM codes WHERE name = 'coordination') WHERE name = 'Structure';",
    );
    let before = std::fs::read(&path).unwrap();
    let e = Project::open(&path).err().expect("refused").to_string();
    assert!(
        e.contains("code tree loops") && e.contains("'Structure > coordination > Structure'"),
        "{e}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let out = dir.path().join("fixed.jalin");
    let report = jalin::store::backup(&path, &out, true).unwrap();
    assert_eq!(report.moved_to_top, vec!["Structure".to_string()]);
    let p = Project::open(&out).unwrap();
    let book = p.codebook().unwrap();
    assert_eq!(book.len(), 3);
    assert_eq!(book.preorder().len(), 3, "a code is still hidden");
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

/// Ids are never reused (schema step 4: AUTOINCREMENT), and the step keeps
/// every row, id, index and reference of an older file exactly.
mod identity {
    use super::added;
    use jalin::model::{MemoTarget, SourceKind};
    use jalin::store::{LATEST_VERSION, NewCode, NewSource, Project, create_at_version};
    use rusqlite::Connection;
    use rusqlite::types::Value;

    fn source(name: &str, text: &str) -> NewSource {
        NewSource {
            name: name.into(),
            kind: SourceKind::Interview,
            text: text.into(),
            original_name: None,
            attributes: vec![],
            turns: vec![],
            guid: None,
        }
    }

    /// Deleting the top row and adding another used to hand the new row the
    /// deleted one's id; now every new id is above every id ever used, in every
    /// table the workbench holds ids of, also after reopening.
    #[test]
    fn ids_are_never_reused_after_the_top_row_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jalin");
        let mut p = Project::create(&path).unwrap();
        let s = added(
            p.add_source(source("a", "one two three four"), false)
                .unwrap(),
        );
        let code = p.add_code(NewCode::named("x")).unwrap();
        let k = p.coder("me").unwrap();
        let codings: Vec<_> = (0..3)
            .map(|i| p.add_coding(s.id, code.id, i, i + 2, k.id).unwrap())
            .collect();
        let top = codings[2].id;
        p.remove_coding(top).unwrap();
        let next = p.add_coding(s.id, code.id, 5, 9, k.id).unwrap();
        assert!(next.id.0 > top.0, "coding {:?} reused {:?}", next.id, top);

        let top_code = p.add_code(NewCode::named("y")).unwrap();
        p.delete_code(top_code.id).unwrap();
        let next_code = p.add_code(NewCode::named("z")).unwrap();
        assert!(next_code.id.0 > top_code.id.0);

        let top_source = added(p.add_source(source("b", "five six"), false).unwrap());
        p.delete_source(top_source.id).unwrap();
        let next_source = added(p.add_source(source("c", "seven"), false).unwrap());
        assert!(next_source.id.0 > top_source.id.0);

        let memo = p.add_memo(MemoTarget::Project, "t", "m", k.id).unwrap();
        p.delete_memo(memo.id).unwrap();
        let next_memo = p.add_memo(MemoTarget::Project, "t", "n", k.id).unwrap();
        assert!(next_memo.id.0 > memo.id.0);

        // After reopening too (the counter is in the file).
        let gone = next.id;
        p.remove_coding(gone).unwrap();
        drop(p);
        let mut p = Project::open(&path).unwrap();
        let again = p.add_coding(s.id, code.id, 10, 12, k.id).unwrap();
        assert!(again.id.0 > gone.0);
        p.check_integrity().unwrap();
    }

    /// Coding ids are never reused however the top coding goes (schema step
    /// 8 keeps the highest deleted id in `id_high_water`, by a trigger,
    /// instead of AUTOINCREMENT's counter): removed, deleted with its code
    /// or its source, dropped as a duplicate by a merge, deleted by another
    /// program with plain SQL, and across reopening.
    #[test]
    fn coding_ids_are_never_reused_however_the_top_coding_goes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jalin");
        let mut p = Project::create(&path).unwrap();
        let s = added(
            p.add_source(source("a", "one two three four five six"), false)
                .unwrap(),
        );
        let keep = p.add_code(NewCode::named("keep")).unwrap();
        let k = p.coder("me").unwrap();
        let mut used = p.add_coding(s.id, keep.id, 0, 3, k.id).unwrap().id.0;
        let mut start = 4;
        // A new coding's id is above every id used so far.
        let mut next = |p: &mut Project, used: &mut i64, how: &str| {
            start += 1;
            let c = p.add_coding(s.id, keep.id, start, start + 2, k.id).unwrap();
            assert!(c.id.0 > *used, "{how}: coding {} after {}", c.id.0, used);
            *used = c.id.0;
        };

        next(&mut p, &mut used, "added");

        let gone = p.add_code(NewCode::named("gone")).unwrap();
        used = p.add_coding(s.id, gone.id, 0, 3, k.id).unwrap().id.0;
        p.delete_code(gone.id).unwrap();
        next(&mut p, &mut used, "code deleted");

        let b = added(p.add_source(source("b", "seven eight"), false).unwrap());
        used = p.add_coding(b.id, keep.id, 0, 5, k.id).unwrap().id.0;
        p.delete_source(b.id).unwrap();
        next(&mut p, &mut used, "source deleted");

        let twin = p.add_code(NewCode::named("twin")).unwrap();
        used = p.add_coding(s.id, twin.id, 0, 3, k.id).unwrap().id.0;
        let merged = p.merge_codes(twin.id, keep.id).unwrap();
        assert_eq!(merged.dropped.len(), 1, "the duplicate is dropped");
        next(&mut p, &mut used, "dropped by a merge");

        next(&mut p, &mut used, "added");
        let c = Connection::open(&path).unwrap();
        c.execute("DELETE FROM codings WHERE id = ?1", [used])
            .unwrap();
        drop(c);
        next(&mut p, &mut used, "deleted by another program");

        p.remove_coding(jalin::model::CodingId(used)).unwrap();
        drop(p);
        let mut p = Project::open(&path).unwrap();
        next(&mut p, &mut used, "removed, then the project reopened");
        p.check_integrity().unwrap();
    }

    /// A file of schema 7 (codings under AUTOINCREMENT) upgrades through
    /// step 9 keeping every coding's row, id, GUID and time, the memos and
    /// exemplar marks on them, and AUTOINCREMENT's counter as the
    /// high-water mark: the id of a coding deleted before the upgrade is
    /// not handed out after it.
    #[test]
    fn upgrading_a_version_7_file_keeps_every_coding_id_and_guid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.jalin");
        create_at_version(&path, 7).unwrap();
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = ON;
             INSERT INTO coders (id, guid, name, color)
               VALUES (1, '0a000000-0000-4000-8000-000000000001', 'Ana', NULL),
                      (3, '0a000000-0000-4000-8000-000000000003', 'Budi', '#112233');
             INSERT INTO sources (id, guid, name, kind, char_len, content_hash, original_name, imported_at)
               VALUES (2, '0b000000-0000-4000-8000-000000000002', 'Palu_01', 'interview', 21, 'h',
                       NULL, '2025-01-01T00:00:00Z');
             INSERT INTO source_texts (source_id, text) VALUES (2, 'I: Hello there. R: Hi');
             INSERT INTO codes (id, guid, name, parent_id, color)
               VALUES (4, '0c000000-0000-4000-8000-000000000004', 'Trust', NULL, '#aa3300');
             INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
               VALUES (1, 'f0000000-0000-4000-8000-000000000001', 2, 4, 0, 5, 1, '2025-01-02T00:00:00Z'),
                      (5, '10000000-0000-4000-8000-000000000005', 2, 4, 3, 9, 3, '2025-01-02T00:00:01Z'),
                      (9, 'a0000000-0000-4000-8000-000000000009', 2, 4, 6, 12, 1, '2025-01-02T00:00:02Z'),
                      (12, '20000000-0000-4000-8000-000000000012', 2, 4, 1, 4, 1, '2025-01-02T00:00:03Z');
             INSERT INTO memos (id, guid, coding_id, title, text, coder_id, created_at, modified_at)
               VALUES (1, '0d000000-0000-4000-8000-000000000001', 5, 't', 'on coding 5', 1, 'a', 'b');
             INSERT INTO exemplars (coding_id) VALUES (9);
             -- The top coding deleted before the upgrade: its id stays used.
             DELETE FROM codings WHERE id = 12;",
        )
        .unwrap();
        let codings = "SELECT * FROM codings ORDER BY id";
        let before = (
            all(&c, codings),
            all(&c, "SELECT * FROM memos"),
            all(&c, "SELECT * FROM exemplars"),
        );
        assert_eq!(before.0.len(), 3);
        drop(c);

        let mut p = Project::open(&path).unwrap();
        assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
        p.check_integrity().unwrap();
        let c = Connection::open(&path).unwrap();
        let after = (
            all(&c, codings),
            all(&c, "SELECT * FROM memos"),
            all(&c, "SELECT * FROM exemplars"),
        );
        assert_eq!(before, after, "rows, ids or GUIDs changed");
        assert_eq!(
            all(&c, "SELECT name, seq FROM id_high_water"),
            vec![vec![Value::Text("codings".into()), Value::Integer(12)]]
        );
        let fresh = dir.path().join("fresh.jalin");
        drop(Project::create(&fresh).unwrap());
        assert_eq!(schema_sql(&path), schema_sql(&fresh));

        let s = jalin::model::SourceId(2);
        let new = p
            .add_coding(s, jalin::model::CodeId(4), 10, 15, jalin::model::CoderId(1))
            .unwrap();
        assert_eq!(new.id.0, 13, "above the coding deleted before the upgrade");
        // The references still hold: the memo goes with its coding.
        p.remove_coding(jalin::model::CodingId(5)).unwrap();
        let memos: i64 = c
            .query_row("SELECT count(*) FROM memos", [], |r| r.get(0))
            .unwrap();
        assert_eq!(memos, 0);
        assert_eq!(
            p.coding(jalin::model::CodingId(9)).unwrap().guid.as_str(),
            "a0000000-0000-4000-8000-000000000009"
        );
    }

    /// A file written by the Jalin of schema 3, with data in every table.
    fn v3_file_with_data(path: &std::path::Path) {
        create_at_version(path, 3).unwrap();
        let c = Connection::open(path).unwrap();
        let g = |n: u32| format!("00000000-0000-4000-8000-{n:012}");
        c.execute_batch(&format!(
            "PRAGMA foreign_keys = ON;
             INSERT INTO coders (id, guid, name) VALUES (1, '{}', 'Ana'), (4, '{}', 'Budi');
             INSERT INTO sources (id, guid, name, kind, char_len, content_hash, original_name, imported_at)
               VALUES (2, '{}', 'Palu_01', 'interview', 21, 'h1', 'palu.txt', '2024-01-01T00:00:00Z'),
                      (7, '{}', 'Notes', 'observation', 10, 'h2', NULL, '2024-01-02T00:00:00Z');
             INSERT INTO source_texts (source_id, text)
               VALUES (2, 'I: Hello there. R: Hi'), (7, 'field note');
             INSERT INTO source_attributes (source_id, key, value) VALUES (2, 'city', 'Palu');
             INSERT INTO speaker_turns (id, source_id, start, end, label_end, speaker)
               VALUES (1, 2, 0, 16, 2, 'I'), (2, 2, 16, 21, 18, 'R');
             INSERT INTO codes (id, guid, name, parent_id, color, description, sort_order)
               VALUES (3, '{}', 'Trust', NULL, '#aa3300', 'about trust', 0),
                      (5, '{}', 'Courts', 3, '#0033aa', '', 1),
                      (9, '{}', 'Family', NULL, '#33aa00', '', 2);
             INSERT INTO codings (id, guid, source_id, code_id, start, end, coder_id, created_at)
               VALUES (1, '{}', 2, 3, 0, 5, 1, '2024-01-03T00:00:00Z'),
                      (6, '{}', 2, 5, 3, 9, 4, '2024-01-03T00:00:01Z'),
                      (8, '{}', 7, 9, 0, 5, 1, '2024-01-03T00:00:02Z'),
                      (11, '{}', 7, 3, 1, 4, 1, '2024-01-03T00:00:03Z');
             INSERT INTO memos (id, guid, source_id, code_id, coding_id, title, text, coder_id, created_at, modified_at)
               VALUES (1, '{}', NULL, NULL, NULL, 'project', 'p', 1, 'a', 'b'),
                      (2, '{}', 2, NULL, NULL, 'source', 's', 4, 'a', 'b'),
                      (5, '{}', NULL, 5, NULL, 'code', 'c', 1, 'a', 'b'),
                      (6, '{}', NULL, NULL, 6, 'coding', 'k', 1, 'a', 'b');
             INSERT INTO exemplars (coding_id) VALUES (6);
             INSERT INTO review_items (session, code_id, status, note, position, updated_at)
               VALUES ('FG1', 5, 'disputed', 'check', 0, 'now');
             -- The top coding deleted before the upgrade.
             DELETE FROM codings WHERE id = 11;",
            g(1),
            g(2),
            g(3),
            g(4),
            g(5),
            g(6),
            g(7),
            g(8),
            g(9),
            g(10),
            g(11),
            g(12),
            g(13),
            g(14),
            g(15),
        ))
        .unwrap();
    }

    /// Every object's rows (all columns, by rowid), columns and references.
    #[derive(Debug, PartialEq)]
    struct Snapshot {
        rows: Vec<(String, Vec<Vec<Value>>)>,
        columns: Vec<(String, Vec<Vec<Value>>)>,
        references: Vec<(String, Vec<Vec<Value>>)>,
        /// Index name, table and SQL (`None` for a constraint's own index).
        indexes: Vec<(String, String, Option<String>)>,
    }

    fn all(c: &Connection, sql: &str) -> Vec<Vec<Value>> {
        let mut stmt = c.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn snapshot(path: &std::path::Path) -> Snapshot {
        let c = Connection::open(path).unwrap();
        let tables: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let per_table = |sql: &dyn Fn(&str) -> String| {
            tables
                .iter()
                .map(|t| (t.clone(), all(&c, &sql(t))))
                .collect::<Vec<_>>()
        };
        Snapshot {
            rows: per_table(&|t| format!("SELECT * FROM \"{t}\" ORDER BY rowid")),
            columns: per_table(&|t| format!("SELECT * FROM pragma_table_xinfo('{t}')")),
            references: per_table(&|t| format!("SELECT * FROM pragma_foreign_key_list('{t}')")),
            indexes: c
                .prepare(
                    "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
                )
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap(),
        }
    }

    /// A snapshot without the tables later steps added (step 5: speakers),
    /// which must be empty after the upgrade, and without step 6's column.
    fn without_later_tables(mut s: Snapshot) -> Snapshot {
        const LATER: [&str; 4] = [
            "guid_spellings",
            "pseudonyms",
            "speaker_attributes",
            "speakers",
        ];
        // Step 9's high-water mark of coding ids: checked on its own.
        s.rows.retain(|(t, _)| t != "id_high_water");
        s.columns.retain(|(t, _)| t != "id_high_water");
        s.references.retain(|(t, _)| t != "id_high_water");
        s.indexes.retain(|(_, t, _)| t != "id_high_water");
        for (t, rows) in &s.rows {
            if LATER.contains(&t.as_str()) {
                assert!(rows.is_empty(), "{t} has rows after the upgrade");
            }
        }
        s.rows.retain(|(t, _)| !LATER.contains(&t.as_str()));
        // Step 6 added `coders.color`, the last column: NULL for every
        // coder an upgrade brings.
        for (t, rows) in &mut s.rows {
            if t == "coders" {
                for r in rows {
                    assert_eq!(r.pop(), Some(Value::Null), "an upgraded coder has a colour");
                }
            }
        }
        for (t, cols) in &mut s.columns {
            if t == "coders" {
                let n = cols.len();
                cols.retain(|c| c.get(1) != Some(&Value::Text("color".into())));
                assert_eq!(cols.len(), n - 1, "coders.color");
            }
        }
        s.columns.retain(|(t, _)| !LATER.contains(&t.as_str()));
        s.references.retain(|(t, _)| !LATER.contains(&t.as_str()));
        s.indexes.retain(|(_, t, _)| !LATER.contains(&t.as_str()));
        s
    }

    /// Every object's SQL as this Jalin leaves it, by type and name.
    fn schema_sql(path: &std::path::Path) -> Vec<(String, String, Option<String>)> {
        let c = Connection::open(path).unwrap();
        c.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn upgrading_a_version_3_file_keeps_every_row_id_index_and_reference() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.jalin");
        v3_file_with_data(&path);
        let before = snapshot(&path);
        assert_eq!(before.rows.iter().map(|(_, r)| r.len()).sum::<usize>(), 23);

        let mut p = Project::open(&path).unwrap();
        assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
        p.check_integrity().unwrap();
        let after = without_later_tables(snapshot(&path));
        assert_eq!(before.rows, after.rows, "rows changed");
        assert_eq!(before.columns, after.columns, "columns changed");
        assert_eq!(before.references, after.references, "references changed");
        // Step 10 dropped `codings_by_code` (lookups by code search
        // `codings_unique`); every other index is kept as it was.
        let mut kept = before.indexes.clone();
        let dropped = kept
            .iter()
            .position(|(name, _, _)| name == "codings_by_code");
        kept.remove(dropped.expect("a schema 3 file has codings_by_code"));
        assert_eq!(kept, after.indexes, "indexes changed");

        // The upgraded file has exactly the schema of a new one.
        let fresh = dir.path().join("fresh.jalin");
        drop(Project::create(&fresh).unwrap());
        assert_eq!(schema_sql(&path), schema_sql(&fresh));

        // The counters start at each table's largest id.
        let c = Connection::open(&path).unwrap();
        let seq = all(&c, "SELECT name, seq FROM sqlite_sequence ORDER BY name");
        let want: Vec<Vec<Value>> = [("coders", 4), ("codes", 9), ("memos", 6), ("sources", 7)]
            .iter()
            .map(|(n, s)| vec![Value::Text(n.to_string()), Value::Integer(*s)])
            .collect();
        assert_eq!(seq, want);
        // Codings keep theirs in `id_high_water` since step 9.
        let high = all(&c, "SELECT name, seq FROM id_high_water");
        assert_eq!(
            high,
            vec![vec![Value::Text("codings".into()), Value::Integer(8)]]
        );

        // References still cascade: deleting a code removes its codings and
        // memos, and the rest stays.
        let coding = p.coding(jalin::model::CodingId(8)).unwrap();
        p.delete_code(jalin::model::CodeId(9)).unwrap();
        assert!(p.coding(coding.id).is_err());
        assert_eq!(p.codings().unwrap().len(), 2);
        let new = p
            .add_coding(
                jalin::model::SourceId(7),
                jalin::model::CodeId(3),
                2,
                6,
                jalin::model::CoderId(1),
            )
            .unwrap();
        assert!(new.id.0 > 8, "{:?}", new.id);
        p.delete_source(jalin::model::SourceId(2)).unwrap();
        let c = Connection::open(&path).unwrap();
        for (table, n) in [
            ("speaker_turns", 0),
            ("source_attributes", 0),
            ("memos", 2),
            ("exemplars", 0),
            ("codings", 1),
        ] {
            let got: i64 = c
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(got, n, "{table}");
        }
    }

    /// Versions 1 and 2 upgrade through step 4 as well.
    #[test]
    fn empty_files_of_every_older_version_upgrade_to_the_new_schema() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.jalin");
        drop(Project::create(&fresh).unwrap());
        for v in 1..LATEST_VERSION {
            let path = dir.path().join(format!("v{v}.jalin"));
            create_at_version(&path, v).unwrap();
            let p = Project::open(&path).unwrap();
            assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
            p.check_integrity().unwrap();
            drop(p);
            assert_eq!(schema_sql(&path), schema_sql(&fresh), "from version {v}");
        }
    }
}

/// Project files written by every earlier schema version of Jalin (by the
/// old Jalin binaries themselves, see tests/fixtures/migration/README.md)
/// open with this Jalin, migrate to the latest schema, pass the integrity
/// check, and report the same tables the old version printed for them. A
/// migration that fails leaves the file byte-identical.
mod migration {

    use std::path::{Path, PathBuf};

    use crate::common::{jalin, ok, parse_csv};
    use jalin::store::{LATEST_VERSION, Project};

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migration")
    }

    /// The schema versions with a fixture: v1, v2, v3, ...
    fn versions() -> Vec<i64> {
        let found: Vec<i64> = (1..=LATEST_VERSION)
            .filter(|v| fixtures().join(format!("v{v}.jalin")).is_file())
            .collect();
        assert!(
            found.len() >= 3 && found[..3] == [1, 2, 3],
            "fixtures v1..v3 are committed: {found:?}"
        );
        found
    }

    /// A copy of fixture `vN` in a temporary folder.
    fn copy_of(v: i64) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let to = dir.path().join(format!("v{v}.jalin"));
        std::fs::copy(fixtures().join(format!("v{v}.jalin")), &to).unwrap();
        (dir, to)
    }

    fn raw_version(path: &Path) -> i64 {
        let c =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        c.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    /// Compares a table this Jalin prints with the one the old Jalin printed:
    /// the same rows, and the same value in every column both have (a later
    /// Jalin may add columns; none may change or vanish). Rows for which
    /// `compare` says no are only checked to be there (same first column).
    fn same_table(
        what: &str,
        old: &str,
        new: &str,
        compare: &dyn Fn(&[String], &[String]) -> bool,
    ) {
        let (oh, orows) = parse_csv(old);
        let (nh, nrows) = parse_csv(new);
        for c in &oh {
            assert!(
                nh.contains(c),
                "{what}: column '{c}' is gone (old {oh:?}, new {nh:?})"
            );
        }
        assert_eq!(
            orows.len(),
            nrows.len(),
            "{what}: rows\nold:\n{old}\nnew:\n{new}"
        );
        for (i, (o, n)) in orows.iter().zip(&nrows).enumerate() {
            assert_eq!(o[0], n[0], "{what}: row {i}");
            if !compare(&nh, n) {
                continue;
            }
            for (j, c) in oh.iter().enumerate() {
                let k = nh.iter().position(|x| x == c).unwrap();
                assert_eq!(
                    o[j], n[k],
                    "{what}: row {i}, column '{c}'\nold:\n{old}\nnew:\n{new}"
                );
            }
        }
    }

    #[test]
    fn every_old_version_opens_migrates_and_reports_the_same_tables() {
        for v in versions() {
            let (_dir, path) = copy_of(v);
            assert_eq!(
                raw_version(&path),
                v,
                "fixture v{v} is at schema version {v}"
            );
            {
                let p = Project::open(&path).unwrap_or_else(|e| panic!("v{v} does not open: {e}"));
                assert_eq!(p.schema_version().unwrap(), LATEST_VERSION, "v{v}");
                p.check_integrity().unwrap();
                // What every fixture holds.
                assert_eq!(p.sources().unwrap().len(), 3, "v{v}");
                let codes = p.codes().unwrap();
                assert!(
                    codes.iter().filter(|c| c.parent.is_some()).count() >= 3,
                    "v{v}: nested codes"
                );
                let data = p.data().unwrap();
                assert_eq!(data.coders.len(), 2, "v{v}: two coders");
                for k in &data.coders {
                    assert!(
                        data.codings.iter().any(|c| c.coder == k.id),
                        "v{v}: {} coded",
                        k.name
                    );
                }
                assert_eq!(p.memos().unwrap().len(), 5, "v{v}");
                let turns: usize = p
                    .sources()
                    .unwrap()
                    .iter()
                    .map(|s| p.turns(s.id).unwrap().len())
                    .sum();
                assert!(turns >= 10, "v{v}: {turns} speaker turns");
                if v >= 2 {
                    assert_eq!(p.exemplars().unwrap().len(), 2, "v{v}");
                    assert_eq!(p.review_sessions().unwrap().len(), 2, "v{v}");
                }
            }
            assert_eq!(
                raw_version(&path),
                LATEST_VERSION,
                "v{v}: migrated in the file"
            );
            let expected = fixtures().join(format!("v{v}.expected"));
            let mut compared = 0;
            let p = path.to_str().unwrap();
            for (file, args) in [
                ("sources.csv", vec!["list", "sources", p]),
                ("codes.csv", vec!["list", "codes", p]),
                ("codings.csv", vec!["list", "codings", p]),
                ("memos.csv", vec!["list", "memos", p]),
                ("frequencies.csv", vec!["report", "frequencies", p]),
                (
                    "frequencies_by_city.csv",
                    vec!["report", "frequencies", p, "--by", "attr:city"],
                ),
                ("triangulation.csv", vec!["report", "triangulation", p]),
                ("cooccurrence.csv", vec!["report", "cooccurrence", p]),
            ] {
                let Ok(old) = std::fs::read_to_string(expected.join(file)) else {
                    assert!(v == 1 && file == "cooccurrence.csv", "v{v}: {file} missing");
                    continue;
                };
                let mut args = args;
                let report = args[0] == "report";
                // Jalin 1 printed its reports wide (one row per code): compare
                // with today's wide form.
                args.extend([
                    "--format",
                    if v == 1 && report { "csv-wide" } else { "csv" },
                ]);
                let new = ok(&args);
                // Since schema 2, frequencies count a code's sub-codes' codings
                // too (the column `sub-codes` says how many it has); Jalin 1
                // counted the code's own. A code without sub-codes must agree;
                // the own counts of every code are compared in codes.csv.
                let leaf = |h: &[String], row: &[String]| {
                    h.iter()
                        .position(|c| c == "sub-codes")
                        .is_none_or(|k| row[k] == "0")
                };
                let all = |_: &[String], _: &[String]| true;
                // Since issue 11, triangulation counts a theme's subtree too
                // (a theme is corroborated when its sub-codes are): a code
                // without sub-codes must agree.
                let paths: Vec<String> = parse_csv(&new)
                    .1
                    .into_iter()
                    .map(|r| r[0].clone())
                    .collect();
                let no_sub_codes = |_: &[String], row: &[String]| {
                    let below = format!("{}{}", row[0], jalin::model::PATH_SEPARATOR);
                    !paths.iter().any(|p| p.starts_with(&below))
                };
                let compare: &dyn Fn(&[String], &[String]) -> bool =
                    if v == 1 && file.starts_with("frequencies") {
                        &leaf
                    } else if file.starts_with("triangulation") {
                        &no_sub_codes
                    } else {
                        &all
                    };
                same_table(&format!("v{v} {file}"), &old, &new, compare);
                compared += 1;
            }
            if v >= 2 {
                let old = std::fs::read_to_string(expected.join("review_expert_fgd.md")).unwrap();
                let new = ok(["review", p, "--session", "Expert FGD", "--format", "md"]);
                // Markdown now escapes every special character (`\_`); the
                // text a reader sees is what the old version printed.
                let mut shown = String::new();
                let mut chars = new.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
                        continue;
                    }
                    shown.push(c);
                }
                assert_eq!(old.trim(), shown.trim(), "v{v}: review sheet");
            }
            assert!(compared >= 7, "v{v}: {compared} tables compared");
        }
    }

    /// A file of schema 4 (before speaker roles) gains the speaker tables on
    /// opening, takes a role and a participant attribute, and keeps them
    /// after reopening; the respondent count follows.
    #[test]
    fn a_v4_file_gains_speaker_roles() {
        use jalin::analysis::{Grouping, frequencies};
        use jalin::model::roles::Role;
        let (_dir, path) = copy_of(4);
        let fgd = {
            let mut p = Project::open(&path).unwrap();
            assert!(p.speakers().unwrap().is_empty());
            let fgd = p.find_source("FGD_Coordinators_Ambon").unwrap().id;
            let before = frequencies(&p.lean_data().unwrap(), &Grouping::None);
            // Rina, Yusuf and Dewi: the moderator is not a respondent.
            assert_eq!(before.total_respondents, 4, "3 in the group + 1 interview");
            assert_eq!(
                p.set_speaker_role(fgd, "dewi", Some(Role::Other)).unwrap(),
                None
            );
            assert_eq!(
                p.set_speaker_attribute(fgd, "Rina", "region", Some("Maluku"))
                    .unwrap(),
                None
            );
            fgd
        };
        let p = Project::open(&path).unwrap();
        p.check_integrity().unwrap();
        let speakers = p.source_speakers(fgd).unwrap();
        let names: Vec<(&str, Option<Role>)> =
            speakers.iter().map(|s| (s.name.as_str(), s.role)).collect();
        assert_eq!(names, [("Dewi", Some(Role::Other)), ("Rina", None)]);
        assert_eq!(speakers[1].attribute("Region"), Some("Maluku"));
        let after = frequencies(&p.lean_data().unwrap(), &Grouping::None);
        assert_eq!(after.total_respondents, 3);
    }

    /// A migration that fails part-way (here step 3, whose `DROP COLUMN` a view
    /// on the old column blocks, after it has copied the texts) leaves the file
    /// byte-identical, with the error naming it.
    #[test]
    fn a_failed_migration_leaves_the_file_byte_identical() {
        for v in [1, 2] {
            let (_dir, path) = copy_of(v);
            {
                let c = rusqlite::Connection::open(&path).unwrap();
                c.execute_batch("CREATE VIEW texts AS SELECT name, text FROM sources;")
                    .unwrap();
            }
            let before = std::fs::read(&path).unwrap();
            let err = match Project::open(&path) {
                Ok(_) => panic!("v{v}: a file whose migration cannot run opened"),
                Err(e) => e.to_string(),
            };
            // Today the message is SQLite's ("error in view texts after drop
            // column: no such column: text"); a check of foreign schema objects
            // on open may refuse the file sooner, which is as good.
            assert!(!err.is_empty());
            let after = std::fs::read(&path).unwrap();
            assert!(
                crate::common::same_bytes(&before, &after),
                "v{v}: the file changed"
            );
            assert_eq!(raw_version(&path), v);
            // The command line says so and changes nothing either.
            let r = jalin(["list", "sources", path.to_str().unwrap()]);
            assert_eq!(r.code, 1, "{}", r.stdout);
            assert!(
                r.stderr.contains(&path.display().to_string()),
                "{}",
                r.stderr
            );
            assert!(crate::common::same_bytes(
                &before,
                &std::fs::read(&path).unwrap()
            ));
        }
    }

    /// A migration step that fails on what the file holds (a coding whose
    /// range is reversed, written past the CHECK rule by another program,
    /// which the rebuild of step 4 refuses to copy) says so once, in words,
    /// naming both schema versions and the file: no repeated description, no
    /// raw SQLite text after it. The file stays byte-identical.
    #[test]
    fn a_failed_migration_says_what_happened_once() {
        let (_dir, path) = copy_of(3);
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE codings SET start = end + 5 WHERE id = (SELECT min(id) FROM codings);",
            )
            .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let expected = format!(
            "cannot upgrade this project from file schema 3 to {LATEST_VERSION}: a row in it \
             breaks a rule this Jalin keeps (a value Jalin would not have written; the file may \
             have been changed by another program). Open it with the Jalin that wrote it, or \
             restore a backup. The file was not changed: {}",
            path.display()
        );
        let err = match Project::open(&path) {
            Ok(_) => panic!("a file whose migration cannot run opened"),
            Err(e) => e,
        };
        assert_eq!(err.to_string(), expected);
        assert!(std::error::Error::source(&err).is_none(), "{err:?}");
        let r = jalin(["list", "sources", path.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{}", r.stdout);
        assert_eq!(r.stderr, format!("error: {expected}\n"));
        assert!(crate::common::same_bytes(
            &before,
            &std::fs::read(&path).unwrap()
        ));
        assert_eq!(raw_version(&path), 3);
    }

    /// A migration that cannot write (the file read-only: chmod 444, or as root
    /// `chattr +i`) fails, naming the file, and leaves it byte-identical.
    #[test]
    fn a_migration_that_cannot_write_leaves_the_file_byte_identical() {
        let (_dir, path) = copy_of(1);
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let is_root = std::fs::OpenOptions::new().write(true).open(&path).is_ok();
        let immutable = is_root
            && std::process::Command::new("chattr")
                .arg("+i")
                .arg(&path)
                .status()
                .is_ok_and(|s| s.success());
        if is_root && !immutable {
            crate::common::privileged_skip("running as root and `chattr +i` is unavailable");
            return;
        }
        let before = std::fs::read(&path).unwrap();
        let r = jalin(["list", "sources", path.to_str().unwrap()]);
        let opened = Project::open(&path).is_ok();
        if immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&path)
                .status();
        }
        assert_eq!(r.code, 1, "{}", r.stdout);
        assert!(
            r.stderr.contains(&path.display().to_string()),
            "{}",
            r.stderr
        );
        assert!(
            !opened,
            "a read-only old file opened (and so was not migrated)"
        );
        assert!(crate::common::same_bytes(
            &before,
            &std::fs::read(&path).unwrap()
        ));
        assert_eq!(raw_version(&path), 1);
    }
}

/// Speaker roles and participant attributes through the command layer:
/// each change returns its inverse, undo restores exactly, and an undo
/// step refuses a source that was replaced meanwhile.
mod speakers {
    use super::{added, new_source};
    use jalin::app::Command;
    use jalin::model::SpeakerTurn;
    use jalin::model::roles::Role;
    use jalin::store::{Project, StoreError};

    fn turn(start: usize, end: usize, speaker: &str) -> SpeakerTurn {
        SpeakerTurn {
            start,
            end,
            label_end: start + speaker.len() + 2,
            speaker: speaker.into(),
        }
    }

    #[test]
    fn roles_and_attributes_are_commands_with_exact_inverses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jalin");
        let mut p = Project::create(&path).unwrap();
        let text = "Budi: Welcome.\n\nÉlise: Thanks.\n";
        let mut ns = new_source("FGD", text);
        ns.turns = vec![turn(0, 14, "Budi"), turn(16, 30, "Élise")];
        let s = added(p.add_source(ns, false).unwrap()).id;

        let set = Command::SetSpeakerRole {
            source: s,
            speaker: "BUDI".into(),
            role: Some(Role::Moderator),
        };
        let undo = set.apply(&mut p).unwrap();
        let stored = p.source_speakers(s).unwrap();
        // Stored under the label as spoken, matched ignoring case.
        assert_eq!(stored[0].name, "Budi");
        assert_eq!(stored[0].role, Some(Role::Moderator));
        let redo = undo.apply(&mut p).unwrap();
        assert_eq!(p.source_speakers(s).unwrap()[0].role, None);
        redo.apply(&mut p).unwrap();
        assert_eq!(p.source_speakers(s).unwrap()[0].role, Some(Role::Moderator));

        // Non-ASCII labels match in any case too.
        let attr = Command::SetSpeakerAttribute {
            source: s,
            speaker: "élise".into(),
            key: "region".into(),
            value: Some("Maluku".into()),
        };
        let undo_attr = attr.apply(&mut p).unwrap();
        let elise = p
            .source_speakers(s)
            .unwrap()
            .into_iter()
            .find(|x| x.name == "Élise")
            .unwrap();
        assert_eq!(elise.attribute("region"), Some("Maluku"));
        undo_attr.apply(&mut p).unwrap();
        let elise = p
            .source_speakers(s)
            .unwrap()
            .into_iter()
            .find(|x| x.name == "Élise")
            .unwrap();
        assert!(elise.attributes.is_empty());

        // A speaker who does not speak here is refused, naming who does.
        let err = p
            .set_speaker_role(s, "Dewi", Some(Role::Other))
            .unwrap_err();
        assert!(matches!(err, StoreError::UnknownSpeaker { .. }), "{err}");
        assert!(err.to_string().contains("Budi, Élise"), "{err}");

        // The undo step of the role refuses once the source is gone.
        p.delete_source(s).unwrap();
        assert!(p.speakers().unwrap().is_empty(), "cascade");
        let err = undo.apply(&mut p).unwrap_err();
        assert!(matches!(err, StoreError::ChangedElsewhere(_)), "{err}");
    }
}

/// Merging a code with sub-codes into a deep code moves the sub-codes down:
/// a merge that would take the tree past `MAX_CODE_DEPTH` levels is refused
/// naming both codes and the sub-code that would sit too deep, and changes
/// nothing; one level less is merged.
#[test]
fn a_merge_that_would_make_the_code_tree_too_deep_is_refused() {
    use jalin::model::MAX_CODE_DEPTH;
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("deep.jalin")).unwrap();
    // A chain of MAX_CODE_DEPTH - 2 levels: its last code sits at level 198.
    let mut parent = None;
    for level in 1..=MAX_CODE_DEPTH - 2 {
        parent = Some(
            p.add_code(NewCode {
                parent,
                ..NewCode::named(format!("level {level}"))
            })
            .unwrap()
            .id,
        );
    }
    let deep = parent.unwrap();
    // "Themes" > "Trust" > "Distrust": merged into level 198, "Distrust"
    // would sit at level 200 (allowed), under level 199 it would be 201.
    let themes = p.add_code(NewCode::named("Themes")).unwrap();
    let trust = p
        .add_code(NewCode {
            parent: Some(themes.id),
            ..NewCode::named("Trust")
        })
        .unwrap();
    p.add_code(NewCode {
        parent: Some(trust.id),
        ..NewCode::named("Distrust")
    })
    .unwrap();
    let deeper = p
        .add_code(NewCode {
            parent: Some(deep),
            ..NewCode::named("level 199")
        })
        .unwrap();
    let before = p.codebook().unwrap();
    let err = p.merge_codes(themes.id, deeper.id).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge code 'Themes' into 'level 199': its sub-code 'Distrust' would then sit \
         201 levels deep, and Jalin keeps code trees to 200 levels, so that every .qdpx it \
         writes can be read back. Move 'level 199' or the sub-codes of 'Themes' higher up \
         first; nothing was changed"
    );
    let after = p.codebook().unwrap();
    assert_eq!(before.codes(), after.codes(), "the codebook changed");
    assert_eq!(after.levels(), MAX_CODE_DEPTH - 1);
    // The same through the command layer, as the workbench and CLI run it.
    let e = jalin::app::Command::MergeCodes {
        from: themes.id,
        into: deeper.id,
    }
    .apply(&mut p)
    .unwrap_err();
    assert!(matches!(e, StoreError::MergeTooDeep { .. }), "{e}");
    // One level higher fits exactly.
    p.merge_codes(themes.id, deep).unwrap();
    let book = p.codebook().unwrap();
    assert_eq!(book.levels(), MAX_CODE_DEPTH);
    let distrust = book.codes().iter().find(|c| c.name == "Distrust").unwrap();
    assert_eq!(book.depth(distrust.id) + 1, MAX_CODE_DEPTH);
}

/// A new project is built under a hidden temporary name and moved to its
/// name only complete: a failure leaves nothing at the name and no
/// temporary file; success leaves the file alone (no log beside it) holding
/// everything; a file that appears at the name meanwhile is not replaced;
/// the leftover of a killed build (a process that is gone) is removed by
/// the next build of the same name.
#[test]
fn a_new_project_appears_at_its_name_only_complete() {
    let dir = tempfile::tempdir().unwrap();
    let listing = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let path = dir.path().join("study.jalin");
    // A failure inside: nothing at the name, nothing left beside it.
    let err = Project::create_whole(&path, |p| {
        p.add_code(NewCode::named("Trust"))?;
        assert!(
            !path.exists(),
            "the project is visible before it is complete"
        );
        Err::<(), _>(StoreError::EmptyName)
    })
    .unwrap_err();
    assert!(matches!(err, StoreError::EmptyName), "{err}");
    assert_eq!(listing(), Vec::<String>::new());
    // A leftover of a killed build (pid 0 is never a process of ours, and
    // no /proc/0 exists) is removed by the next build of the name.
    let stale = dir.path().join(".study.jalin-0.partial");
    std::fs::write(&stale, b"half a project").unwrap();
    std::fs::write(dir.path().join(".study.jalin-0.partial-wal"), b"log").unwrap();
    // Success: the file alone, complete.
    let n = Project::create_whole(&path, |p| {
        p.add_code(NewCode::named("Trust"))?;
        p.add_code(NewCode::named("Distrust"))?;
        Ok::<_, StoreError>(2)
    })
    .unwrap();
    assert_eq!(n, 2);
    assert_eq!(listing(), vec!["study.jalin".to_string()]);
    let bytes = std::fs::read(&path).unwrap();
    let copy = dir.path().join("copy.jalin");
    std::fs::write(&copy, bytes).unwrap();
    assert_eq!(Project::open(&copy).unwrap().codes().unwrap().len(), 2);
    // An existing name is refused before anything is built.
    let err = Project::create_whole(&path, |_| Ok::<_, StoreError>(())).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    // A file that appears at the name while the project is built is kept.
    let other = dir.path().join("other.jalin");
    let err = Project::create_whole(&other, |_| {
        std::fs::write(&other, b"someone else's file").unwrap();
        Ok::<_, StoreError>(())
    })
    .unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), b"someone else's file");
    assert_eq!(
        listing(),
        vec![
            "copy.jalin".to_string(),
            "other.jalin".to_string(),
            "study.jalin".to_string()
        ]
    );
}

/// Correcting a source's text: codings and turns move with their words,
/// and undoing puts back the exact rows.
mod text_edit {
    use super::{added, new_source};
    use jalin::model::{MemoTarget, SpeakerTurn};
    use jalin::store::{NewCode, Project, StoreError};
    use proptest::prelude::*;

    /// Text, turns and codings (with GUIDs), memos and exemplar marks of
    /// every source, as comparable text.
    fn state(p: &Project) -> String {
        let mut out = String::new();
        for s in p.sources().unwrap() {
            out += &format!(
                "S {} {} {} {:?}\nT {:?}\n",
                s.name,
                s.char_len,
                s.content_hash,
                p.source_text(s.id).unwrap(),
                p.turns(s.id).unwrap()
            );
        }
        let mut codings = p.codings().unwrap();
        codings.sort_by_key(|c| c.id);
        for c in codings {
            out += &format!("K {c:?}\n");
        }
        for m in p.memos().unwrap() {
            out += &format!("M {} {:?} {}\n", m.guid, m.target, m.text);
        }
        let mut ex: Vec<_> = p.exemplars().unwrap().into_iter().collect();
        ex.sort();
        out += &format!("E {ex:?}\n");
        out
    }

    fn quote(p: &Project, c: &jalin::model::Coding) -> String {
        p.source_text(c.source)
            .unwrap()
            .chars()
            .skip(c.start)
            .take(c.end - c.start)
            .collect()
    }

    const TEXT: &str = "I: Did the file recieve a stamp?\nR: Yes — the clerk stamped it twice, then it went back.\n";

    fn project() -> (tempfile::TempDir, Project, jalin::model::SourceId) {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
        let mut ns = new_source("Palu_Clerk", TEXT);
        ns.turns = vec![
            SpeakerTurn {
                start: 0,
                end: 33,
                label_end: 3,
                speaker: "I".into(),
            },
            SpeakerTurn {
                start: 33,
                end: 89,
                label_end: 36,
                speaker: "R".into(),
            },
        ];
        let s = added(p.add_source(ns, false).unwrap());
        (dir, p, s.id)
    }

    fn at(phrase: &str) -> (usize, usize) {
        let b = TEXT.find(phrase).unwrap();
        let s = TEXT[..b].chars().count();
        (s, s + phrase.chars().count())
    }

    #[test]
    fn codings_follow_their_words_and_undo_restores_them_exactly() {
        let (_dir, mut p, s) = project();
        let code = p.add_code(NewCode::named("stamps")).unwrap().id;
        let other = p.add_code(NewCode::named("movement")).unwrap().id;
        let k = p.coder("Ana").unwrap().id;
        let coding = |p: &mut Project, code, phrase: &str| {
            let (a, b) = at(phrase);
            p.add_coding(s, code, a, b, k).unwrap()
        };
        let after = coding(&mut p, other, "went back");
        let across = coding(&mut p, code, "file recieve a");
        let inside = coding(&mut p, other, "ciev");
        let before = coding(&mut p, code, "Did the");
        p.add_memo(MemoTarget::Coding(inside.id), "", "on the typo", k)
            .unwrap();
        p.set_exemplar(inside.id, true).unwrap();
        let start = state(&p);

        let (a, b) = at("recieve");
        let edit = p.replace_text(s, a, b, "receive").unwrap();
        let text = p.source_text(s).unwrap();
        assert!(text.contains("the file receive a stamp"), "{text}");
        let q = |p: &Project, id| quote(p, &p.coding(id).unwrap());
        assert_eq!(q(&p, after.id), "went back");
        assert_eq!(q(&p, before.id), "Did the");
        assert_eq!(q(&p, across.id), "file receive a");
        // Wholly inside the replaced word: now the whole replacement.
        assert_eq!(q(&p, inside.id), "receive");
        assert_eq!(edit.removed.len(), 0);
        // A fix of the same length moves nothing but the coding inside it.
        assert_eq!(edit.kept, vec![before.id, across.id, after.id]);
        assert_eq!(edit.moved.len(), 1);

        // Deleting the word removes the coding inside it, with its memo
        // and mark; the one across it keeps the rest of its words.
        let (a, _) = at("recieve");
        let edit2 = p.replace_text(s, a, a + 8, "").unwrap();
        assert_eq!(edit2.removed.len(), 1);
        assert_eq!(edit2.removed[0].coding.id, inside.id);
        assert_eq!(edit2.removed[0].memos.len(), 1);
        assert!(edit2.removed[0].exemplar);
        assert_eq!(q(&p, across.id), "file a");
        assert_eq!(q(&p, after.id), "went back");
        assert!(p.coding(inside.id).is_err());
        // The second turn moved with the text.
        let turns = p.turns(s).unwrap();
        assert_eq!(turns[1].start, 33 - 8);
        assert_eq!(
            p.source(s).unwrap().char_len,
            TEXT.chars().count() - 8,
            "length follows the text"
        );

        p.revert_text(&edit2).unwrap();
        p.revert_text(&edit).unwrap();
        assert_eq!(state(&p), start);
        assert_eq!(p.source_text(s).unwrap(), TEXT);
        p.check_integrity().unwrap();
    }

    #[test]
    fn an_insertion_at_a_codings_edge_stays_outside_it_and_inside_extends_it() {
        let (_dir, mut p, s) = project();
        let code = p.add_code(NewCode::named("clerk")).unwrap().id;
        let k = p.coder("Ana").unwrap().id;
        let (a, b) = at("clerk");
        let c = p.add_coding(s, code, a, b, k).unwrap();
        p.replace_text(s, a, a, "head ").unwrap();
        assert_eq!(quote(&p, &p.coding(c.id).unwrap()), "clerk");
        let end = p.coding(c.id).unwrap().end;
        p.replace_text(s, end, end, "s").unwrap();
        assert_eq!(quote(&p, &p.coding(c.id).unwrap()), "clerk");
        let start = p.coding(c.id).unwrap().start;
        p.replace_text(s, start + 2, start + 2, "—").unwrap();
        assert_eq!(quote(&p, &p.coding(c.id).unwrap()), "cl—erk");
    }

    #[test]
    fn two_codings_made_the_same_by_an_edit_become_one() {
        let (_dir, mut p, s) = project();
        let code = p.add_code(NewCode::named("stamp")).unwrap().id;
        let k = p.coder("Ana").unwrap().id;
        let (a, b) = at("stamped it twice");
        let one = p.add_coding(s, code, a, a + 7, k).unwrap();
        let two = p.add_coding(s, code, a + 1, a + 8, k).unwrap();
        let before = state(&p);
        let edit = p.replace_text(s, a, b, "stamped").unwrap();
        // Both wholly inside: both would be the replacement; the older stays.
        assert!(p.coding(one.id).is_ok());
        assert_eq!(edit.removed[0].coding.id, two.id);
        p.revert_text(&edit).unwrap();
        assert_eq!(state(&p), before);
    }

    #[test]
    fn bad_edits_are_refused_and_change_nothing() {
        let (dir, mut p, s) = project();
        let path = dir.path().join("p.jalin");
        p.set_durability(jalin::store::Durability::Full).unwrap();
        let snap = crate::common::snapshot(&path);
        let n = TEXT.chars().count();
        let label = p.replace_text(s, 1, 5, "x").unwrap_err();
        assert!(
            label.to_string().contains("speaker label of 'I'"),
            "{label}"
        );
        assert!(matches!(
            p.replace_text(s, 5, n + 1, "x"),
            Err(StoreError::RangeOutOfBounds { .. })
        ));
        assert!(matches!(
            p.replace_text(s, 9, 5, "x"),
            Err(StoreError::EmptyRange { .. })
        ));
        let all = p.replace_text(s, 0, n, "").unwrap_err();
        assert!(all.to_string().contains("without any text"), "{all}");
        let (a, b) = at("file");
        let same = p.replace_text(s, a, b, "file").unwrap_err();
        assert!(same.to_string().contains("nothing to change"), "{same}");
        assert_eq!(crate::common::snapshot(&path), snap);

        // An undo refuses once the text changed elsewhere since.
        let edit = p.replace_text(s, a, b, "folder").unwrap();
        let (c, d) = at("clerk");
        p.replace_text(s, c + 2, d + 2, "judge").unwrap();
        let e = p.revert_text(&edit).unwrap_err();
        assert!(matches!(e, StoreError::ChangedElsewhere(_)), "{e}");
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("a"),
            Just(" "),
            Just("\n"),
            Just("é"),
            Just("😀"),
            Just("e\u{301}"),
            Just("kata"),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Random codings, then random edits: a coding whose words the edit
        /// did not touch still quotes the same words, none is ever out of
        /// the text, and undoing every edit gives back the exact state.
        #[test]
        fn edits_keep_codings_on_their_words_and_undo_is_exact(
            words in proptest::collection::vec(piece(), 4..60),
            codings in proptest::collection::vec((0usize..200, 1usize..12, 0usize..3), 0..10),
            edits in proptest::collection::vec((0usize..200, 0usize..8, proptest::collection::vec(piece(), 0..4)), 1..8),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
            let text: String = words.concat();
            let s = added(p.add_source(new_source("s", &text), false).unwrap()).id;
            let codes: Vec<_> = ["a", "b", "c"].iter().map(|n| p.add_code(NewCode::named(*n)).unwrap().id).collect();
            let k = p.coder("k").unwrap().id;
            let len = text.chars().count();
            for (start, n, c) in codings {
                let start = start % len;
                let end = (start + n).min(len);
                let _ = p.add_coding(s, codes[c], start, end, k);
            }
            let before = state(&p);
            let mut undo = Vec::new();
            for (start, n, new) in edits {
                let len = p.source(s).unwrap().char_len;
                let start = start % (len + 1);
                let end = (start + n).min(len);
                let new = new.concat();
                let quotes: Vec<_> = p.codings().unwrap().into_iter().map(|c| (c.id, c.start, c.end, quote(&p, &c))).collect();
                let Ok(edit) = p.replace_text(s, start, end, &new) else { continue };
                let now_len = p.source(s).unwrap().char_len;
                prop_assert_eq!(now_len, p.source_text(s).unwrap().chars().count());
                for (id, a, b, q) in quotes {
                    let Ok(c) = p.coding(id) else {
                        prop_assert!(edit.removed.iter().any(|r| r.coding.id == id));
                        continue;
                    };
                    prop_assert!(c.start < c.end && c.end <= now_len);
                    // Untouched: it ends before the edit or starts after it
                    // (an insertion at its edge does not touch it).
                    if b <= start || a >= end {
                        prop_assert_eq!(quote(&p, &c), q, "coding {}..{} after editing {}..{}", a, b, start, end);
                    }
                }
                undo.push(edit);
            }
            for edit in undo.iter().rev() {
                p.revert_text(edit).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            prop_assert_eq!(state(&p), before);
        }
    }
}

/// Coders through the command layer: add, rename, colour, blind coding;
/// each undone exactly, and refusals that change nothing.
#[test]
fn coders_and_blind_coding_go_through_undoable_commands() {
    use jalin::app::Command;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let mut p = Project::create(&path).unwrap();
    let inverse = Command::AddCoder {
        name: " Ana ".into(),
        color: None,
    }
    .apply(&mut p)
    .unwrap();
    let ana = Command::created_coder(&inverse).unwrap();
    let c = p.coder_by_id(ana).unwrap();
    assert_eq!((c.name.as_str(), c.color), ("Ana", None));
    // Same name in another case: refused, nothing written.
    let err = Command::AddCoder {
        name: "ANA".into(),
        color: None,
    }
    .apply(&mut p)
    .unwrap_err();
    assert!(matches!(err, StoreError::DuplicateCoder(_)), "{err}");
    assert_eq!(p.coders().unwrap().len(), 1);

    let green = "#00AA00".parse::<Color>().unwrap();
    let undo_color = Command::SetCoderColor {
        coder: ana,
        color: Some(green),
    }
    .apply(&mut p)
    .unwrap();
    let undo_rename = Command::RenameCoder {
        coder: ana,
        name: "Ana R.".into(),
    }
    .apply(&mut p)
    .unwrap();
    drop(p);
    let mut p = Project::open(&path).unwrap();
    let c = p.coder_by_id(ana).unwrap();
    assert_eq!((c.name.as_str(), c.color), ("Ana R.", Some(green)));
    assert_eq!(c.shown_color(), green);
    undo_rename.apply(&mut p).unwrap();
    undo_color.apply(&mut p).unwrap();
    let c = p.coder_by_id(ana).unwrap();
    assert_eq!((c.name.as_str(), c.color), ("Ana", None));

    // Blind coding is a project setting, off by default, undoable.
    assert!(!p.blind().unwrap());
    let undo_blind = Command::SetBlind(true).apply(&mut p).unwrap();
    drop(p);
    let mut p = Project::open(&path).unwrap();
    assert!(p.blind().unwrap());
    undo_blind.apply(&mut p).unwrap();
    assert!(!p.blind().unwrap());

    // A coder with codings cannot be removed (undoing their creation
    // after they coded is refused), and nothing changes.
    let s = added(
        p.add_source(new_source("S", "one two three"), false)
            .unwrap(),
    );
    let code = p.add_code(NewCode::named("k")).unwrap();
    p.add_coding(s.id, code.id, 0, 3, ana).unwrap();
    let err = inverse.apply(&mut p).unwrap_err();
    assert!(
        err.to_string()
            .contains("coder 'Ana' cannot be removed: 1 coding and 0 memos are credited to them"),
        "{err}"
    );
    assert_eq!(p.coders().unwrap().len(), 1);

    // Undo of an addition removes the coder; its redo puts the same row back.
    let inverse = Command::AddCoder {
        name: "Budi".into(),
        color: Some(green),
    }
    .apply(&mut p)
    .unwrap();
    let budi = p.named_coder("budi").unwrap();
    let redo = inverse.apply(&mut p).unwrap();
    assert!(p.find_coder("Budi").unwrap().is_none());
    redo.apply(&mut p).unwrap();
    assert_eq!(p.named_coder("Budi").unwrap(), budi);

    // Renaming another process's deleted coder says so.
    let err = Command::RenameCoder {
        coder: jalin::model::CoderId(999),
        name: "x".into(),
    }
    .apply(&mut p)
    .unwrap_err();
    assert!(matches!(err, StoreError::CoderGone(_)), "{err}");
    let err = p.named_coder("Nobody").unwrap_err();
    assert_eq!(err.to_string(), "no coder called 'Nobody' in this project");
}

/// A version-5 file (before coder colours) opens with every coder
/// uncoloured and blind coding off.
#[test]
fn coders_of_a_version_5_file_have_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.jalin");
    jalin::store::create_at_version(&path, 5).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO coders (guid, name) VALUES ('7f3c9a1e-0b7d-4a4e-9c51-2d1f7e0b9a11', 'R1')",
            [],
        )
        .unwrap();
    }
    let p = Project::open(&path).unwrap();
    assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
    let coders = p.coders().unwrap();
    assert_eq!(coders.len(), 1);
    assert_eq!((coders[0].name.as_str(), coders[0].color), ("R1", None));
    assert!(!p.blind().unwrap());
}

/// A disagreement decided as the consensus coder: the first decision adds
/// the coder; deciding again replaces what is there; undo and redo restore
/// exactly (ids and GUIDs), the coder included.
#[test]
fn a_decision_replaces_the_consensus_codings_and_undoes_exactly() {
    use jalin::app::Command;
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("p.jalin")).unwrap();
    let s = added(
        p.add_source(new_source("S", &"word ".repeat(40)), false)
            .unwrap(),
    );
    let code = p.add_code(NewCode::named("k")).unwrap();
    let decide = |ranges: Vec<(usize, usize)>| Command::Decide {
        code: code.id,
        source: s.id,
        span: (10, 60),
        ranges,
    };
    let consensus = |p: &Project| -> Vec<(usize, usize)> {
        let Some(k) = p.find_coder("consensus").unwrap() else {
            return Vec::new();
        };
        p.codings()
            .unwrap()
            .into_iter()
            .filter(|c| c.coder == k.id)
            .map(|c| (c.start, c.end))
            .collect()
    };
    let undo_first = decide(vec![(10, 40)]).apply(&mut p).unwrap();
    assert_eq!(consensus(&p), [(10, 40)]);
    let before = p.codings().unwrap();
    let undo_second = decide(vec![(10, 30), (35, 60)]).apply(&mut p).unwrap();
    assert_eq!(consensus(&p), [(10, 30), (35, 60)]);
    // Neither: nothing left there.
    let undo_neither = decide(Vec::new()).apply(&mut p).unwrap();
    assert!(consensus(&p).is_empty());
    undo_neither.apply(&mut p).unwrap();
    let redo = undo_second.apply(&mut p).unwrap();
    assert_eq!(
        p.codings().unwrap(),
        before,
        "the first decision, same rows"
    );
    let undo_again = redo.apply(&mut p).unwrap();
    assert_eq!(consensus(&p), [(10, 30), (35, 60)]);
    // A range outside the text is refused and nothing changes.
    let err = decide(vec![(10, 9999)]).apply(&mut p).unwrap_err();
    assert!(matches!(err, StoreError::RangeOutOfBounds { .. }), "{err}");
    assert_eq!(consensus(&p), [(10, 30), (35, 60)]);
    // Undo everything: the consensus coder made by the first decision goes too.
    undo_again.apply(&mut p).unwrap();
    assert_eq!(consensus(&p), [(10, 40)]);
    undo_first.apply(&mut p).unwrap();
    assert!(p.find_coder("consensus").unwrap().is_none());
    assert!(p.codings().unwrap().is_empty());
}

/// PSE: adding, changing and removing a pseudonym are commands whose
/// inverses restore the table exactly; the file reopens (its schema is
/// what step 9 makes) with the rows kept.
#[test]
fn pseudonym_commands_undo_exactly_and_survive_reopening() {
    use jalin::app::Command;
    use jalin::model::pseudonyms::PseudonymKind;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let mut p = Project::create(&path).unwrap();
    let rows = |p: &Project| -> Vec<(String, String, &'static str)> {
        p.pseudonyms()
            .unwrap()
            .into_iter()
            .map(|r| (r.real, r.pseudonym, r.kind.as_str()))
            .collect()
    };
    let set = |real: &str, to: Option<(&str, PseudonymKind)>| Command::SetPseudonym {
        real: real.into(),
        pseudonym: to.map(|(n, k)| (n.into(), k)),
    };
    let undo_add = set("Sari", Some(("Rina", PseudonymKind::Person)))
        .apply(&mut p)
        .unwrap();
    assert_eq!(rows(&p), vec![("Sari".into(), "Rina".into(), "person")]);
    let undo_change = set("sari", Some(("Ayu", PseudonymKind::Place)))
        .apply(&mut p)
        .unwrap();
    assert_eq!(rows(&p), vec![("sari".into(), "Ayu".into(), "place")]);
    undo_change.apply(&mut p).unwrap();
    assert_eq!(rows(&p), vec![("Sari".into(), "Rina".into(), "person")]);
    let undo_remove = set("SARI", None).apply(&mut p).unwrap();
    assert_eq!(rows(&p), vec![]);
    undo_remove.apply(&mut p).unwrap();
    assert_eq!(rows(&p), vec![("Sari".into(), "Rina".into(), "person")]);
    // Refused: nothing written.
    let e = set("Budi", Some(("Sari", PseudonymKind::Person)))
        .apply(&mut p)
        .unwrap_err()
        .to_string();
    assert!(e.contains("contains the real name 'Sari'"), "{e}");
    assert!(set("Nobody", None).apply(&mut p).is_err());
    drop(p);
    let mut p = Project::open(&path).unwrap();
    assert_eq!(rows(&p), vec![("Sari".into(), "Rina".into(), "person")]);
    undo_add.apply(&mut p).unwrap();
    assert_eq!(rows(&p), vec![]);
}

// ---- Encrypted projects (SQLCipher) ----

use jalin::store::Passphrase;

const SECRET_SENTENCE: &str = "Ibu Wulan sold vegetables at the Tondo market every Tuesday";

fn key(text: &str) -> Passphrase {
    Passphrase::new(text).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A project (encrypted with `k`, or plain) holding one source with
/// [`SECRET_SENTENCE`].
fn project_with_sentence(path: &std::path::Path, k: Option<&Passphrase>) -> Project {
    let mut p = Project::create_with(path, k).unwrap();
    added(
        p.add_source(
            new_source("Palu_Trader_01", &format!("R: {SECRET_SENTENCE}.\n")),
            false,
        )
        .unwrap(),
    );
    p
}

/// Every file in `dir` whose bytes hold `needle`.
fn files_holding(dir: &std::path::Path, needle: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .filter(|e| contains(&std::fs::read(e.path()).unwrap(), needle))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// ENC-1: the sentence is in the plain project's log (then its file) and
/// nowhere in the encrypted project's file or log, open or closed.
#[test]
fn an_encrypted_project_and_its_log_do_not_hold_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let plain_dir = dir.path().join("plain");
    let enc_dir = dir.path().join("enc");
    std::fs::create_dir_all(&plain_dir).unwrap();
    std::fs::create_dir_all(&enc_dir).unwrap();
    let plain = plain_dir.join("p.jalin");
    let enc = enc_dir.join("e.jalin");
    let k = key("lilac tortoise 42");
    let p = project_with_sentence(&plain, None);
    let e = project_with_sentence(&enc, Some(&k));
    assert!(e.is_encrypted() && !p.is_encrypted());
    // Open: the change sits in the log.
    let wal_len = |path: &std::path::Path| {
        std::fs::metadata(sibling(path, "-wal"))
            .map(|m| m.len())
            .unwrap_or(0)
    };
    assert!(wal_len(&plain) > 0 && wal_len(&enc) > 0);
    assert!(
        contains(
            &std::fs::read(sibling(&plain, "-wal")).unwrap(),
            SECRET_SENTENCE
        ),
        "control: the plain project's log holds the sentence"
    );
    assert_eq!(
        files_holding(&enc_dir, SECRET_SENTENCE),
        Vec::<String>::new()
    );
    assert_eq!(
        files_holding(&enc_dir, "Palu_Trader_01"),
        Vec::<String>::new()
    );
    drop(p);
    drop(e);
    // Closed: checkpointed into the file.
    assert!(contains(&std::fs::read(&plain).unwrap(), SECRET_SENTENCE));
    let bytes = std::fs::read(&enc).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3\0"));
    assert!(!contains(&bytes, SECRET_SENTENCE));
    assert_eq!(
        files_holding(&enc_dir, SECRET_SENTENCE),
        Vec::<String>::new()
    );
    assert!(jalin::store::looks_encrypted(&enc));
    assert!(!jalin::store::looks_encrypted(&plain));
    // And it reads back with the passphrase.
    let e = Project::open_with(&enc, Some(&k)).unwrap();
    assert_eq!(e.sources().unwrap()[0].name, "Palu_Trader_01");
    e.check_integrity().unwrap();
}

/// ENC-11: Jalin derives the key once per passphrase and file and gives
/// SQLCipher the raw key; the files are SQLCipher's defaults all the same:
/// a project Jalin made (new, then encrypted, then rekeyed) opens on a bare
/// SQLCipher connection with `PRAGMA key = 'passphrase'` and nothing else,
/// and a file SQLCipher encrypted from the passphrase itself opens in
/// Jalin. Creating, reopening twice (once with a log beside the file, so
/// the passphrase is first tried on a read-only connection) derives one key.
#[test]
fn keys_are_derived_once_and_the_file_is_sqlciphers_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.jalin");
    let k = key("lilac tortoise 42");
    let sources_by_sqlcipher = |path: &std::path::Path, pass: &str| -> rusqlite::Result<i64> {
        let c = rusqlite::Connection::open(path)?;
        c.pragma_update(None, "cipher_log_level", "NONE")?;
        c.pragma_update(None, "key", pass)?;
        c.query_row("SELECT count(*) FROM sources", [], |r| r.get(0))
    };
    let open = project_with_sentence(&path, Some(&k));
    assert_eq!(k.derivations(), 1, "created: one key");
    // With the first still open (its log beside the file): probe + open.
    let again = Project::open_with(&path, Some(&k)).unwrap();
    drop(again);
    drop(open);
    let clone = k.clone();
    let third = Project::open_with(&path, Some(&clone)).unwrap();
    assert_eq!(third.sources().unwrap().len(), 1);
    drop(third);
    assert_eq!(k.derivations(), 1, "reopening derives nothing");
    assert_eq!(sources_by_sqlcipher(&path, "lilac tortoise 42").unwrap(), 1);
    assert!(sources_by_sqlcipher(&path, "lilac tortoise 43").is_err());

    // Encrypted by `jalin encrypt`, then rekeyed: the same.
    let plain = dir.path().join("p.jalin");
    drop(project_with_sentence(&plain, None));
    jalin::store::change_encryption(&plain, None, Some(&k)).unwrap();
    assert_eq!(
        sources_by_sqlcipher(&plain, "lilac tortoise 42").unwrap(),
        1
    );
    let k2 = key("violet harbour 19");
    jalin::store::change_encryption(&plain, Some(&k), Some(&k2)).unwrap();
    assert_eq!(
        sources_by_sqlcipher(&plain, "violet harbour 19").unwrap(),
        1
    );
    assert!(sources_by_sqlcipher(&plain, "lilac tortoise 42").is_err());

    // A file SQLCipher encrypted from the passphrase (its own derivation
    // and salt) opens in Jalin.
    let theirs = dir.path().join("theirs.jalin");
    jalin::store::change_encryption(&plain, Some(&k2), None).unwrap();
    {
        let c = rusqlite::Connection::open(&plain).unwrap();
        c.execute(
            "ATTACH DATABASE ?1 AS enc KEY 'amber lantern 7'",
            [theirs.to_str().unwrap()],
        )
        .unwrap();
        c.query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))
            .unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        let id: i64 = c
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        c.pragma_update(Some("enc"), "user_version", v).unwrap();
        c.pragma_update(Some("enc"), "application_id", id).unwrap();
        c.execute_batch("DETACH DATABASE enc").unwrap();
    }
    let k3 = key("amber lantern 7");
    let p = Project::open_with(&theirs, Some(&k3)).unwrap();
    assert_eq!(p.sources().unwrap()[0].name, "Palu_Trader_01");
    p.check_integrity().unwrap();
}

/// ENC-2: a wrong passphrase, or none, is refused with a clear message and
/// leaves the file byte for byte as it was, with no log or index made.
#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.jalin");
    drop(project_with_sentence(
        &path,
        Some(&key("lilac tortoise 42")),
    ));
    let before = std::fs::read(&path).unwrap();
    let names = || {
        let mut n: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let listed = names();
    let wrong = Project::open_with(&path, Some(&key("lilac tortoise 43")))
        .err()
        .expect("a wrong passphrase opened the project");
    assert!(matches!(wrong, StoreError::WrongPassphrase(_)), "{wrong:?}");
    let message = wrong.to_string();
    assert!(
        message.contains("wrong passphrase or not a Jalin project")
            && message.contains("e.jalin")
            && !message.contains("tortoise"),
        "{message}"
    );
    let none = Project::open(&path)
        .err()
        .expect("opened without a passphrase");
    assert!(matches!(none, StoreError::NeedsPassphrase(_)), "{none:?}");
    assert!(none.to_string().contains("passphrase"), "{none}");
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");
    assert_eq!(names(), listed, "files appeared beside the project");
    // A key given for a plain project is not used: it opens as it is.
    let plain = dir.path().join("p.jalin");
    drop(Project::create(&plain).unwrap());
    let p = Project::open_with(&plain, Some(&key("anything"))).unwrap();
    assert!(!p.is_encrypted());
}

/// ENC-3: encrypt, rekey, decrypt: the old passphrase no longer opens the
/// file, the new one does, and the project's content and GUID stay.
#[test]
fn encrypt_rekey_and_decrypt_keep_the_project_and_change_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let guid = {
        let p = project_with_sentence(&path, None);
        p.meta("guid").unwrap()
    };
    let old = key("first passphrase");
    let new = key("second passphrase");
    jalin::store::change_encryption(&path, None, Some(&old)).unwrap();
    assert!(jalin::store::looks_encrypted(&path));
    assert!(!contains(&std::fs::read(&path).unwrap(), SECRET_SENTENCE));
    assert_eq!(
        files_holding(dir.path(), SECRET_SENTENCE),
        Vec::<String>::new()
    );
    {
        let p = Project::open_with(&path, Some(&old)).unwrap();
        assert_eq!(p.meta("guid").unwrap(), guid);
        assert_eq!(p.schema_version().unwrap(), LATEST_VERSION);
    }
    jalin::store::change_encryption(&path, Some(&old), Some(&new)).unwrap();
    assert!(matches!(
        Project::open_with(&path, Some(&old)).err(),
        Some(StoreError::WrongPassphrase(_))
    ));
    {
        let p = Project::open_with(&path, Some(&new)).unwrap();
        assert_eq!(p.meta("guid").unwrap(), guid);
        assert_eq!(p.sources().unwrap().len(), 1);
        p.check_integrity().unwrap();
    }
    jalin::store::change_encryption(&path, Some(&new), None).unwrap();
    assert!(
        std::fs::read(&path)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    let p = Project::open(&path).unwrap();
    assert_eq!(p.meta("guid").unwrap(), guid);
    assert!(!p.is_encrypted());
    drop(p);
    // Decrypting a plain project is refused.
    let e = jalin::store::change_encryption(&path, None, None).unwrap_err();
    assert!(e.to_string().contains("not encrypted"), "{e}");
}

/// ENC-4: an encrypt or rekey that fails just before the new file replaces
/// the old leaves the original opening as before (plain, or with the old
/// passphrase) and no temporary file behind.
#[test]
fn a_failed_encrypt_or_rekey_leaves_the_original_readable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    drop(project_with_sentence(&path, None));
    let k = key("first passphrase");
    let injected = || StoreError::BadPassphrase("injected failure".into());
    let mut seen_tmp = None;
    let e = jalin::store::change_encryption_with(&path, None, Some(&k), |tmp| {
        // The file about to replace the original is already encrypted.
        let bytes = std::fs::read(tmp).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3\0"));
        assert!(!contains(&bytes, SECRET_SENTENCE));
        seen_tmp = Some(tmp.to_path_buf());
        Err(injected())
    })
    .unwrap_err();
    assert!(e.to_string().contains("injected failure"));
    assert!(!seen_tmp.unwrap().exists(), "the temporary file was left");
    {
        let p = Project::open(&path).unwrap();
        assert_eq!(p.sources().unwrap().len(), 1);
        p.check_integrity().unwrap();
    }
    jalin::store::change_encryption(&path, None, Some(&k)).unwrap();
    let e = jalin::store::change_encryption_with(&path, Some(&k), Some(&key("other")), |_| {
        Err(injected())
    })
    .unwrap_err();
    assert!(e.to_string().contains("injected failure"));
    let p = Project::open_with(&path, Some(&k)).unwrap();
    assert_eq!(p.sources().unwrap().len(), 1);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    left.sort();
    assert_eq!(left, Vec::<String>::new());
}

/// ENC-5: encrypting is refused while another connection has the project
/// open (it would keep writing to the replaced file); nothing changes.
#[test]
fn encrypting_a_project_open_elsewhere_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.jalin");
    let other = project_with_sentence(&path, None);
    let e = jalin::store::change_encryption(&path, None, Some(&key("x y z"))).unwrap_err();
    assert!(e.to_string().contains("has the project open"), "{e}");
    drop(other);
    assert!(!jalin::store::looks_encrypted(&path));
    assert_eq!(Project::open(&path).unwrap().sources().unwrap().len(), 1);
}

/// ENC-6: a copy of an encrypted project (File ▸ Save a copy, `jalin
/// backup`) is encrypted with the same passphrase.
#[test]
fn copies_of_an_encrypted_project_stay_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.jalin");
    let k = key("lilac tortoise 42");
    let p = project_with_sentence(&path, Some(&k));
    let copy = dir.path().join("copy.jalin");
    p.save_copy(&copy).unwrap();
    drop(p);
    let backup = dir.path().join("backup.jalin");
    jalin::store::backup_with(&path, &backup, false, Some(&k)).unwrap();
    for c in [&copy, &backup] {
        assert!(jalin::store::looks_encrypted(c), "{}", c.display());
        assert!(!contains(&std::fs::read(c).unwrap(), SECRET_SENTENCE));
        assert!(matches!(
            Project::open(c).err(),
            Some(StoreError::NeedsPassphrase(_))
        ));
        let q = Project::open_with(c, Some(&k)).unwrap();
        assert_eq!(q.sources().unwrap()[0].name, "Palu_Trader_01");
    }
}
