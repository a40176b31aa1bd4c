//! Each workbench command against a real project file: apply changes the
//! database, its inverse puts it back exactly, and the inverse's inverse
//! (redo) makes the same change again.

use jalin::app::{AppState, Command};
use jalin::demo::load_demo;
use jalin::model::{Color, MemoTarget, SourceKind};
use jalin::store::Project;

/// Everything a command can change, as comparable text (memo modification
/// times left out: an undone edit is a new modification).
fn snapshot(p: &Project) -> String {
    let mut out = String::new();
    for s in p.sources().unwrap() {
        out += &format!("S {} {} {:?} {:?}\n", s.id, s.name, s.kind, s.attributes);
    }
    for c in p.codes().unwrap() {
        out += &format!("C {c:?}\n");
    }
    for c in p.codings().unwrap() {
        out += &format!("K {c:?}\n");
    }
    for m in p.memos().unwrap() {
        out += &format!(
            "M {} {} {:?} {:?} {:?} {}\n",
            m.id, m.guid, m.target, m.title, m.text, m.coder
        );
    }
    let mut exemplars: Vec<_> = p.exemplars().unwrap().into_iter().collect();
    exemplars.sort_by_key(|c| c.0);
    out += &format!("E {exemplars:?}\n");
    for session in p.review_sessions().unwrap() {
        for i in p.review_items(&session).unwrap() {
            out += &format!(
                "R {} {} {:?} {:?} {}\n",
                i.session, i.code, i.status, i.note, i.position
            );
        }
    }
    out
}

#[test]
fn exemplar_and_review_commands_undo_and_redo_exactly() {
    use jalin::model::ReviewStatus;
    let (_dir, mut p) = demo();
    let coding = p.codings().unwrap()[0].id;
    let code = p.find_code("coordination").unwrap().id;
    let other = p.find_code("bureaucracy").unwrap().id;
    let was = p.exemplars().unwrap().contains(&coding);
    round_trip(
        &mut p,
        Command::SetExemplar {
            coding,
            exemplar: !was,
        },
    );
    let set = |code, status, note: &str| Command::SetReview {
        session: "FGD review".into(),
        code,
        status,
        note: note.into(),
    };
    // New on the board, then changed, then removed.
    round_trip(&mut p, set(code, ReviewStatus::Confirmed, "yes"));
    set(code, ReviewStatus::Pending, "").apply(&mut p).unwrap();
    set(other, ReviewStatus::Pending, "").apply(&mut p).unwrap();
    round_trip(&mut p, set(code, ReviewStatus::Disputed, "not in Palu"));
    round_trip(
        &mut p,
        Command::RemoveReview {
            session: "FGD review".into(),
            code: other,
        },
    );
    round_trip(
        &mut p,
        Command::Batch(vec![
            set(code, ReviewStatus::Revised, "split"),
            set(other, ReviewStatus::Confirmed, ""),
        ]),
    );
}

fn demo() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("t.jalin")).unwrap();
    load_demo(&mut p).unwrap();
    (dir, p)
}

/// Applies `cmd`, checks that it changed something, undoes it, checks that
/// the database is as before, redoes it and checks it is as after, then
/// undoes it again, so the next check starts from the same project.
fn round_trip(p: &mut Project, cmd: Command) -> Command {
    let before = snapshot(p);
    let inverse = cmd.apply(p).expect("apply");
    let after = snapshot(p);
    assert_ne!(before, after, "{cmd:?} changed nothing");
    let redo = inverse.apply(p).expect("undo");
    assert_eq!(snapshot(p), before, "undo of {cmd:?}");
    let again = redo.apply(p).expect("redo");
    assert_eq!(snapshot(p), after, "redo of {cmd:?}");
    let redo_again = again.apply(p).expect("undo again");
    assert_eq!(snapshot(p), before, "second undo of {cmd:?}");
    redo_again
}

#[test]
fn every_command_undoes_and_redoes_exactly() {
    let (_dir, mut p) = demo();
    let coder = p.coder("T1").unwrap().id;
    let src = p.find_source("Palu_Prosecutor_02").unwrap().id;
    let coord = p.find_code("coordination").unwrap().id;
    let bureau = p.find_code("bureaucracy").unwrap().id;
    let structure = p.codebook().unwrap().get(coord).unwrap().parent;
    let culture = p
        .codes()
        .unwrap()
        .into_iter()
        .find(|c| c.parent.is_none() && Some(c.id) != structure)
        .unwrap()
        .id;
    let a_coding = p.codings().unwrap()[0].id;
    let a_memo = p.memos().unwrap()[0].clone();

    round_trip(
        &mut p,
        Command::AddCoding {
            source: src,
            code: coord,
            start: 3,
            end: 40,
            coder,
        },
    );
    round_trip(&mut p, Command::RemoveCoding(a_coding));
    round_trip(
        &mut p,
        Command::AddCode {
            name: "new code".into(),
            parent: structure,
            color: None,
            description: "d".into(),
        },
    );
    round_trip(
        &mut p,
        Command::AddCodeAndApply {
            name: "in vivo words".into(),
            parent: None,
            source: src,
            start: 5,
            end: 12,
            coder,
        },
    );
    round_trip(&mut p, Command::DeleteCode(coord));
    round_trip(&mut p, Command::DeleteCode(structure.unwrap()));
    round_trip(
        &mut p,
        Command::RenameCode {
            code: coord,
            name: "co-ordination".into(),
        },
    );
    round_trip(
        &mut p,
        Command::SetCodeColor {
            code: coord,
            color: Color::rgb(1, 2, 3),
        },
    );
    round_trip(
        &mut p,
        Command::SetCodeDescription {
            code: coord,
            description: "how agencies work together".into(),
        },
    );
    round_trip(
        &mut p,
        Command::PlaceCode {
            code: coord,
            parent: Some(culture),
            position: None,
        },
    );
    round_trip(
        &mut p,
        Command::PlaceCode {
            code: coord,
            parent: None,
            position: None,
        },
    );
    round_trip(
        &mut p,
        Command::MergeCodes {
            from: coord,
            into: bureau,
        },
    );
    round_trip(
        &mut p,
        Command::SetAttribute {
            source: src,
            key: "city".into(),
            value: Some("Poso".into()),
        },
    );
    round_trip(
        &mut p,
        Command::SetAttribute {
            source: src,
            key: "city".into(),
            value: None,
        },
    );
    round_trip(
        &mut p,
        Command::SetSourceKind {
            source: src,
            kind: SourceKind::Document,
        },
    );
    round_trip(
        &mut p,
        Command::AddMemo {
            target: MemoTarget::Code(coord),
            title: "t".into(),
            text: "x".into(),
            coder,
        },
    );
    round_trip(
        &mut p,
        Command::UpdateMemo {
            memo: a_memo.id,
            title: "new title".into(),
            text: "new text".into(),
        },
    );
    round_trip(&mut p, Command::DeleteMemo(a_memo.id));
    round_trip(
        &mut p,
        Command::Batch(vec![
            Command::SetSourceKind {
                source: src,
                kind: SourceKind::Observation,
            },
            Command::SetAttribute {
                source: src,
                key: "site".into(),
                value: Some("court".into()),
            },
        ]),
    );
    p.check_integrity().unwrap();
}

#[test]
fn merge_with_duplicates_and_their_memos_is_undone_exactly() {
    let (_dir, mut p) = demo();
    let coder = p.coder("T1").unwrap().id;
    let src = p.find_source("Palu_Prosecutor_02").unwrap().id;
    let a = p.find_code("coordination").unwrap().id;
    let b = p.find_code("bureaucracy").unwrap().id;
    // The same passage coded with both: merging drops one as a duplicate.
    let dup = p.add_coding(src, a, 10, 20, coder).unwrap();
    p.add_coding(src, b, 10, 20, coder).unwrap();
    p.add_memo(MemoTarget::Coding(dup.id), "", "on the duplicate", coder)
        .unwrap();
    let redo = round_trip(&mut p, Command::MergeCodes { from: a, into: b });
    assert!(matches!(redo.unchecked(), Command::MergeCodes { .. }));
    p.check_integrity().unwrap();
}

#[test]
fn a_failed_step_rolls_a_batch_back() {
    let (_dir, mut p) = demo();
    let src = p.find_source("Palu_Prosecutor_02").unwrap().id;
    let before = snapshot(&p);
    let bad = Command::Batch(vec![
        Command::SetSourceKind {
            source: src,
            kind: SourceKind::Document,
        },
        Command::RenameCode {
            code: p.find_code("coordination").unwrap().id,
            name: "   ".into(),
        },
    ]);
    assert!(bad.apply(&mut p).is_err());
    assert_eq!(snapshot(&p), before);
}

#[test]
fn app_state_undo_redo_and_memo_edits_coalesce() {
    let (dir, p) = demo();
    let path = p.path().to_path_buf();
    drop(p);
    let mut state = AppState::new("T1".into());
    state.open(&path).unwrap();
    let memo = state.memos[0].clone();
    for text in ["a", "ab", "abc"] {
        state.run(
            "edit memo",
            Command::UpdateMemo {
                memo: memo.id,
                title: memo.title.clone(),
                text: text.into(),
            },
        );
    }
    assert_eq!(state.memos[0].text, "abc");
    // Typing is undone as one step.
    state.undo();
    assert_eq!(state.memos[0].text, memo.text);
    assert!(!state.undo.can_undo());
    state.redo();
    assert_eq!(state.memos[0].text, "abc");
    // A new change clears redo.
    state.undo();
    assert!(state.undo.can_redo());
    let coder = state.coder_id().unwrap();
    state.run(
        "memo",
        Command::AddMemo {
            target: MemoTarget::Project,
            title: String::new(),
            text: "n".into(),
            coder,
        },
    );
    assert!(!state.undo.can_redo());
    drop(dir);
}

#[test]
fn a_locked_project_says_plainly_that_the_change_was_not_saved() {
    let (dir, p) = demo();
    let path = p.path().to_path_buf();
    drop(p);
    let mut state = AppState::new("T1".into());
    state.open(&path).unwrap();
    let coder = state.coder_id().unwrap();
    let src = state.sources[0].id;
    let code = state.codebook.codes()[0].id;
    let before = state.codings.len();
    // Another program holds the write lock.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let result = state.run(
        "apply code",
        Command::AddCoding {
            source: src,
            code,
            start: 0,
            end: 5,
            coder,
        },
    );
    assert!(result.is_none());
    match &state.status {
        jalin::app::SaveStatus::NotSaved { action, reason } => {
            assert_eq!(action, "apply code");
            assert!(reason.contains("locked"), "{reason}");
        }
        other => panic!("expected not saved, got {other:?}"),
    }
    assert!(state.error.is_some());
    // The only step to undo is the coder's addition (their first coding
    // adds them, as a step of its own), not the change that failed.
    assert_eq!(
        state.undo.undo_label(),
        Some(jalin::app::strings::act_add_coder("T1").as_str())
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    state.refresh().unwrap();
    assert_eq!(state.codings.len(), before);
    drop(dir);
}

// ---------------------------------------------------------------------------
// Undo gives back everything a command took (issue 17), proved on the whole
// database: every table, every column, GUIDs and times included.

use jalin::model::{Attribute, CodeId, CodingId, MemoId, ReviewStatus, SourceId, SpeakerTurn};
use jalin::store::{Durability, NewCode, NewSource, StoreError};

/// Every table of the project file (found in `sqlite_schema`, so a table
/// added by a later schema step is covered without touching this test),
/// every column, rows ordered by primary key. `sqlite_*` tables are left
/// out, and so is `id_high_water` (schema 8): both hold high-water marks of
/// ids, which only ever grow (ids are never reused, so undo does not lower
/// them).
fn dump(p: &Project) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(p.path(), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> 'id_high_water' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 10, "{tables:?}");
    let mut out = String::new();
    for t in tables {
        let pk: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")
            .unwrap()
            .query_map([&t], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let order = if pk.is_empty() {
            "rowid".to_string()
        } else {
            pk.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY {order}"))
            .unwrap();
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        out += &format!("== {t} ({})\n", columns.join(", "));
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns.len())
                .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            out += &values.join(" | ");
            out += "\n";
        }
    }
    out
}

/// A small fictional project with something in every table: three coders,
/// nested codes, sources with attributes and speaker turns, codings by
/// several coders, memos on the project, a source, a code and a coding,
/// exemplars, and review items in two sessions.
fn rich() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("rich.jalin")).unwrap();
    p.set_durability(Durability::Normal).unwrap();
    let texts = [
        (
            "Village_Head_01",
            SourceKind::Interview,
            "I: How is the harvest?\nR: The rice came in late, but the cooperative shared seed.\n",
        ),
        (
            "Market_FGD",
            SourceKind::FocusGroup,
            "M: Who sets the prices?\nP1: The traders.\nP2: Sometimes the cooperative, when it can.\n",
        ),
        (
            "Field_Notes",
            SourceKind::Observation,
            "The cooperative office opens at eight; farmers wait outside with their ledgers.\n",
        ),
    ];
    let mut sources = Vec::new();
    for (i, (name, kind, text)) in texts.iter().enumerate() {
        let turns = if i < 2 {
            vec![
                SpeakerTurn {
                    start: 0,
                    end: 20,
                    label_end: 2,
                    speaker: "I".into(),
                },
                SpeakerTurn {
                    start: 20,
                    end: 40,
                    label_end: 23,
                    speaker: "R".into(),
                },
            ]
        } else {
            Vec::new()
        };
        let s = p
            .add_source(
                NewSource {
                    name: (*name).into(),
                    kind: *kind,
                    text: (*text).into(),
                    original_name: Some(format!("{name}.txt")),
                    attributes: vec![
                        Attribute::new("village", ["Sukamaju", "Tanjung", "Sukamaju"][i]),
                        Attribute::new("year", "2024"),
                    ],
                    turns,
                    guid: None,
                },
                false,
            )
            .unwrap();
        match s {
            jalin::store::AddedSource::Added(s) => sources.push(s.id),
            other => panic!("{other:?}"),
        }
    }
    let coders: Vec<_> = ["Ana", "Budi", "Citra"]
        .iter()
        .map(|n| p.coder(n).unwrap().id)
        .collect();
    let code = |p: &mut Project, name: &str, parent: Option<CodeId>| {
        p.add_code(NewCode {
            name: name.into(),
            parent,
            description: format!("about {name}"),
            ..NewCode::default()
        })
        .unwrap()
        .id
    };
    let economy = code(&mut p, "economy", None);
    let prices = code(&mut p, "prices", Some(economy));
    let seed = code(&mut p, "seed", Some(economy));
    let traders = code(&mut p, "traders", Some(prices));
    let trust = code(&mut p, "trust", None);
    let waiting = code(&mut p, "waiting", Some(trust));
    let codes = [economy, prices, seed, traders, trust, waiting];
    let mut codings = Vec::new();
    for (i, &(s, c, start, end, k)) in [
        (0, 2, 27, 40, 0),
        (0, 2, 27, 40, 1),
        (0, 4, 45, 60, 0),
        (1, 3, 25, 37, 1),
        (1, 1, 0, 24, 2),
        (1, 4, 38, 60, 0),
        (2, 5, 40, 60, 2),
        (2, 0, 0, 30, 1),
        (2, 4, 4, 26, 0),
    ]
    .iter()
    .enumerate()
    {
        let c = p
            .add_coding(sources[s], codes[c], start, end, coders[k])
            .unwrap();
        if i % 3 == 0 {
            p.set_exemplar(c.id, true).unwrap();
        }
        codings.push(c.id);
    }
    for (target, text) in [
        (MemoTarget::Project, "Fieldwork plan"),
        (MemoTarget::Source(sources[1]), "Loud room"),
        (MemoTarget::Code(prices), "Prices vary by season"),
        (MemoTarget::Code(traders), "Middlemen"),
        (MemoTarget::Coding(codings[0]), "Key quote"),
        (MemoTarget::Coding(codings[3]), "Compare with notes"),
    ] {
        p.add_memo(target, "memo", text, coders[0]).unwrap();
    }
    for (session, code, status, note) in [
        ("FGD one", prices, ReviewStatus::Confirmed, "agreed"),
        ("FGD one", traders, ReviewStatus::Disputed, "not here"),
        ("FGD one", trust, ReviewStatus::Pending, ""),
        ("FGD two", traders, ReviewStatus::Revised, "split it"),
        ("FGD two", waiting, ReviewStatus::Confirmed, ""),
    ] {
        p.set_review(session, code, status, note).unwrap();
    }
    (dir, p)
}

/// A command drawn at random, with indexes into what the project holds
/// when it runs (so it refers to real rows, or fails when there are none).
#[derive(Debug, Clone)]
enum Op {
    AddCoding(usize, usize, usize, usize, usize),
    RemoveCoding(usize),
    AddCode(Option<usize>, usize),
    AddCodeAndApply(Option<usize>, usize, usize, usize, usize),
    DeleteCode(usize),
    RenameCode(usize, usize),
    SetColor(usize, u8),
    SetDescription(usize, usize),
    PlaceCode(usize, Option<usize>, Option<i64>),
    Merge(usize, usize),
    AddMemo(usize, usize, usize),
    UpdateMemo(usize, usize),
    DeleteMemo(usize),
    SetExemplar(usize, bool),
    SetReview(bool, usize, usize, usize),
    RemoveReview(bool, usize),
    SetAttribute(usize, usize, Option<usize>),
    SetKind(usize, usize),
    /// Replace `len` characters from `start` of a source with a word.
    EditText(usize, usize, usize, usize),
    RenameSource(usize, usize),
    RemoveSource(usize),
    Batch(Vec<Op>),
}

const NAMES: [&str; 5] = ["prices", "Trust", "harvest", "new theme", "  "];
const WORDS: [&str; 4] = ["", "late rice", "shared seed", "   padded   "];

fn pick<T: Copy>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()])
}

/// The command an [`Op`] stands for in the project as it is now.
fn resolve(op: &Op, p: &Project) -> Command {
    let sources: Vec<SourceId> = p.sources().unwrap().iter().map(|s| s.id).collect();
    let codes: Vec<CodeId> = p.codes().unwrap().iter().map(|c| c.id).collect();
    let codings: Vec<CodingId> = p.codings().unwrap().iter().map(|c| c.id).collect();
    let memos: Vec<MemoId> = p.memos().unwrap().iter().map(|m| m.id).collect();
    let coders: Vec<_> = p.coders().unwrap().iter().map(|c| c.id).collect();
    let missing_code = CodeId(999_999);
    let code = |i| pick(&codes, i).unwrap_or(missing_code);
    // Every source may have been removed: then commands on one fail.
    let source = |i| pick(&sources, i).unwrap_or(SourceId(999_999));
    let coder = |i| pick(&coders, i).unwrap();
    let session = |b: bool| if b { "FGD one" } else { "FGD two" }.to_string();
    match op {
        &Op::AddCoding(s, c, start, len, k) => Command::AddCoding {
            source: source(s),
            code: code(c),
            start,
            end: start + len,
            coder: coder(k),
        },
        &Op::RemoveCoding(i) => {
            Command::RemoveCoding(pick(&codings, i).unwrap_or(CodingId(999_999)))
        }
        &Op::AddCode(parent, n) => Command::AddCode {
            name: NAMES[n % NAMES.len()].into(),
            parent: parent.map(code),
            color: None,
            description: WORDS[n % WORDS.len()].into(),
        },
        &Op::AddCodeAndApply(parent, n, s, start, k) => Command::AddCodeAndApply {
            name: NAMES[n % NAMES.len()].into(),
            parent: parent.map(code),
            source: source(s),
            start,
            end: start + 5,
            coder: coder(k),
        },
        &Op::DeleteCode(i) => Command::DeleteCode(code(i)),
        &Op::RenameCode(i, n) => Command::RenameCode {
            code: code(i),
            name: NAMES[n % NAMES.len()].into(),
        },
        &Op::SetColor(i, v) => Command::SetCodeColor {
            code: code(i),
            color: Color::rgb(v, 255 - v, v / 2),
        },
        &Op::SetDescription(i, n) => Command::SetCodeDescription {
            code: code(i),
            description: WORDS[n % WORDS.len()].into(),
        },
        &Op::PlaceCode(i, parent, position) => Command::PlaceCode {
            code: code(i),
            parent: parent.map(code),
            position,
        },
        &Op::Merge(a, b) => Command::MergeCodes {
            from: code(a),
            into: code(b),
        },
        &Op::AddMemo(kind, i, k) => Command::AddMemo {
            target: match kind % 4 {
                0 => MemoTarget::Project,
                1 => MemoTarget::Source(source(i)),
                2 => MemoTarget::Code(code(i)),
                _ => pick(&codings, i).map_or(MemoTarget::Project, MemoTarget::Coding),
            },
            title: "t".into(),
            text: WORDS[i % WORDS.len()].into(),
            coder: coder(k),
        },
        &Op::UpdateMemo(i, n) => Command::UpdateMemo {
            memo: pick(&memos, i).unwrap_or(MemoId(999_999)),
            title: NAMES[n % NAMES.len()].into(),
            text: WORDS[n % WORDS.len()].into(),
        },
        &Op::DeleteMemo(i) => Command::DeleteMemo(pick(&memos, i).unwrap_or(MemoId(999_999))),
        &Op::SetExemplar(i, on) => Command::SetExemplar {
            coding: pick(&codings, i).unwrap_or(CodingId(999_999)),
            exemplar: on,
        },
        &Op::SetReview(s, i, st, n) => Command::SetReview {
            session: session(s),
            code: code(i),
            status: ReviewStatus::ALL[st % 4],
            note: WORDS[n % WORDS.len()].into(),
        },
        &Op::RemoveReview(s, i) => Command::RemoveReview {
            session: session(s),
            code: code(i),
        },
        &Op::SetAttribute(s, k, v) => Command::SetAttribute {
            source: source(s),
            key: ["village", "year", "district", " "][k % 4].into(),
            value: v.map(|v| WORDS[v % WORDS.len()].to_string()),
        },
        &Op::SetKind(s, k) => Command::SetSourceKind {
            source: source(s),
            kind: [
                SourceKind::Interview,
                SourceKind::FocusGroup,
                SourceKind::Document,
                SourceKind::Observation,
            ][k % 4],
        },
        &Op::EditText(s, start, len, w) => {
            let source = source(s);
            let n = p.source(source).map_or(0, |s| s.char_len);
            let start = start % (n + 1);
            Command::EditText {
                source,
                start,
                end: (start + len).min(n),
                text: ["", "late rice", "é😀 seed", " ", "\n"][w % 5].into(),
            }
        }
        &Op::RenameSource(s, n) => Command::RenameSource {
            source: source(s),
            name: ["Village_Head_02", "market_fgd", "  ", "Notes"][n % 4].into(),
        },
        &Op::RemoveSource(s) => Command::RemoveSource {
            source: source(s),
            expect: None,
        },
        Op::Batch(steps) => Command::Batch(steps.iter().map(|s| resolve(s, p)).collect()),
    }
}

mod undo_property {
    use super::*;
    use proptest::prelude::*;

    fn leaf() -> impl Strategy<Value = Op> {
        let i = || 0usize..12;
        prop_oneof![
            3 => (i(), i(), 0usize..70, 1usize..15, i()).prop_map(|(a, b, c, d, e)| Op::AddCoding(a, b, c, d, e)),
            2 => i().prop_map(Op::RemoveCoding),
            2 => (proptest::option::of(i()), i()).prop_map(|(a, b)| Op::AddCode(a, b)),
            1 => (proptest::option::of(i()), i(), i(), 0usize..70, i()).prop_map(|(a, b, c, d, e)| Op::AddCodeAndApply(a, b, c, d, e)),
            2 => i().prop_map(Op::DeleteCode),
            1 => (i(), i()).prop_map(|(a, b)| Op::RenameCode(a, b)),
            1 => (i(), any::<u8>()).prop_map(|(a, b)| Op::SetColor(a, b)),
            1 => (i(), i()).prop_map(|(a, b)| Op::SetDescription(a, b)),
            1 => (i(), proptest::option::of(i()), proptest::option::of(0i64..4)).prop_map(|(a, b, c)| Op::PlaceCode(a, b, c)),
            2 => (i(), i()).prop_map(|(a, b)| Op::Merge(a, b)),
            1 => (i(), i(), i()).prop_map(|(a, b, c)| Op::AddMemo(a, b, c)),
            1 => (i(), i()).prop_map(|(a, b)| Op::UpdateMemo(a, b)),
            1 => i().prop_map(Op::DeleteMemo),
            1 => (i(), any::<bool>()).prop_map(|(a, b)| Op::SetExemplar(a, b)),
            1 => (any::<bool>(), i(), i(), i()).prop_map(|(a, b, c, d)| Op::SetReview(a, b, c, d)),
            1 => (any::<bool>(), i()).prop_map(|(a, b)| Op::RemoveReview(a, b)),
            1 => (i(), i(), proptest::option::of(i())).prop_map(|(a, b, c)| Op::SetAttribute(a, b, c)),
            1 => (i(), i()).prop_map(|(a, b)| Op::SetKind(a, b)),
            3 => (i(), 0usize..90, 0usize..12, i()).prop_map(|(a, b, c, d)| Op::EditText(a, b, c, d)),
            1 => (i(), i()).prop_map(|(a, b)| Op::RenameSource(a, b)),
            1 => i().prop_map(Op::RemoveSource),
        ]
    }

    pub(super) fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => leaf(),
            1 => proptest::collection::vec(leaf(), 1..4).prop_map(Op::Batch),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Random commands, then undoing all of them, give back the
        /// project's exact dump; redoing all gives the dump after them. A
        /// command that fails changes nothing.
        #[test]
        fn undo_all_gives_back_the_whole_database(ops in proptest::collection::vec(op(), 1..14)) {
            let (_dir, mut p) = rich();
            let before = dump(&p);
            let mut inverses = Vec::new();
            let mut applied = 0;
            for op in &ops {
                let cmd = resolve(op, &p);
                let pre = dump(&p);
                match cmd.apply(&mut p) {
                    Ok(inverse) => {
                        applied += 1;
                        inverses.push((cmd, inverse));
                    }
                    Err(e) => {
                        prop_assert!(!matches!(e, StoreError::Sqlite(_)), "raw SQLite error from {cmd:?}: {e}");
                        prop_assert_eq!(&dump(&p), &pre, "failed {:?} ({}) changed the project", cmd, e);
                    }
                }
            }
            let after = dump(&p);
            let mut redos = Vec::new();
            for (cmd, inverse) in inverses.iter().rev() {
                let redo = inverse.apply(&mut p).map_err(|e| TestCaseError::fail(format!("undo of {cmd:?}: {e}")))?;
                redos.push((cmd, redo));
            }
            prop_assert_eq!(&dump(&p), &before, "undoing all {} commands", applied);
            for (cmd, redo) in redos.iter().rev() {
                redo.apply(&mut p).map_err(|e| TestCaseError::fail(format!("redo of {cmd:?}: {e}")))?;
            }
            prop_assert_eq!(&dump(&p), &after, "redoing all {} commands", applied);
            p.check_integrity().unwrap();
        }
    }
}

/// The exemplar marks of `codings` and every review item, for the tests
/// below.
fn marks_and_board(p: &Project) -> (Vec<CodingId>, Vec<jalin::model::ReviewItem>) {
    let mut ex: Vec<CodingId> = p.exemplars().unwrap().into_iter().collect();
    ex.sort();
    let mut items = Vec::new();
    for s in p.review_sessions().unwrap() {
        items.extend(p.review_items(&s).unwrap());
    }
    (ex, items)
}

#[test]
fn undoing_remove_coding_gives_back_its_exemplar_mark_and_memos() {
    let (_dir, mut p) = rich();
    let before = dump(&p);
    // The first coding is an exemplar with a memo.
    let coding = p.codings().unwrap()[0].id;
    let coding = p
        .codings()
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .find(|c| {
            p.exemplars().unwrap().contains(c)
                && !p.memos_for(MemoTarget::Coding(*c)).unwrap().is_empty()
        })
        .unwrap_or(coding);
    assert!(p.exemplars().unwrap().contains(&coding));
    let undo = Command::RemoveCoding(coding).apply(&mut p).unwrap();
    assert!(!p.exemplars().unwrap().contains(&coding));
    undo.apply(&mut p).unwrap();
    assert!(p.exemplars().unwrap().contains(&coding));
    assert_eq!(p.memos_for(MemoTarget::Coding(coding)).unwrap().len(), 1);
    assert_eq!(dump(&p), before);
}

/// `rich()` with a speaker role and a participant attribute on the
/// interview, so every table that hangs on a source has a row of it.
fn rich_with_speakers() -> (tempfile::TempDir, Project, SourceId) {
    let (dir, mut p) = rich();
    let s = p.find_source("Village_Head_01").unwrap().id;
    p.set_speaker_role(s, "R", Some(jalin::model::roles::Role::Respondent))
        .unwrap();
    p.set_speaker_attribute(s, "R", "age", Some("40s")).unwrap();
    (dir, p, s)
}

/// Rows of `table` in the dump.
fn dump_rows<'a>(dump: &'a str, table: &str) -> Vec<&'a str> {
    dump.split("== ")
        .find(|part| part.starts_with(&format!("{table} (")))
        .map(|part| part.lines().skip(1).collect())
        .unwrap_or_default()
}

#[test]
fn removing_a_source_and_undoing_gives_back_the_identical_database() {
    let (_dir, mut p, s) = rich_with_speakers();
    let before = dump(&p);
    let undo = Command::RemoveSource {
        source: s,
        expect: None,
    }
    .apply(&mut p)
    .unwrap();
    let gone = dump(&p);
    // Text, turns, attributes, speakers, codings (exemplar marks) and memos
    // went with it; the other sources stayed.
    assert!(!gone.contains("The rice came in late"), "{gone}");
    assert!(!gone.contains("Village_Head_01"));
    assert!(!gone.contains("Key quote"));
    assert!(!gone.contains("\"40s\""));
    assert_eq!(dump_rows(&gone, "speakers").len(), 0);
    assert_eq!(dump_rows(&gone, "sources").len(), 2);
    assert_eq!(dump_rows(&gone, "codings").len(), 6);
    assert!(gone.contains("Loud room"), "the other source's memo stays");
    let Command::RestoreSource(removed) = undo.unchecked() else {
        panic!("{undo:?}");
    };
    assert_eq!((removed.codings, removed.memos), (3, 1));
    p.check_integrity().unwrap();
    let redo = undo.apply(&mut p).unwrap();
    assert_eq!(dump(&p), before, "undo gives back every row, same ids");
    redo.apply(&mut p).unwrap();
    assert_eq!(dump(&p), gone, "redo removes the same rows");
}

#[test]
fn removing_a_source_coded_meanwhile_elsewhere_is_refused_unchanged() {
    let (dir, mut p, s) = rich_with_speakers();
    let preview = p.source_removal_preview(s).unwrap();
    let shown = (preview.codings, preview.memos);
    // Another window codes the source after the question was shown.
    let mut other = Project::open(dir.path().join("rich.jalin")).unwrap();
    let code = other.find_code("trust").unwrap().id;
    let coder = other.coder("Budi").unwrap().id;
    other.add_coding(s, code, 0, 10, coder).unwrap();
    drop(other);
    let before = dump(&p);
    let e = Command::RemoveSource {
        source: s,
        expect: Some(shown),
    }
    .apply(&mut p)
    .unwrap_err();
    assert!(matches!(e, StoreError::ChangedElsewhere(_)), "{e:?}");
    assert!(e.to_string().contains("now has 4 codings"), "{e}");
    assert_eq!(dump(&p), before);
    // A source removed by another window is refused plainly too.
    let mut other = Project::open(dir.path().join("rich.jalin")).unwrap();
    Command::RemoveSource {
        source: s,
        expect: None,
    }
    .apply(&mut other)
    .unwrap();
    let before = dump(&p);
    let e = Command::RemoveSource {
        source: s,
        expect: Some((4, 1)),
    }
    .apply(&mut p)
    .unwrap_err();
    assert!(matches!(e, StoreError::SourceGone(_)), "{e:?}");
    assert_eq!(dump(&p), before);
}

#[test]
fn undoing_a_source_removal_after_changes_elsewhere_says_so_and_changes_nothing() {
    let (dir, mut p, s) = rich_with_speakers();
    let undo = Command::RemoveSource {
        source: s,
        expect: None,
    }
    .apply(&mut p)
    .unwrap();
    // Another window imports a source of the same name: undo cannot put
    // the removed one back under it.
    let mut other = Project::open(dir.path().join("rich.jalin")).unwrap();
    other
        .add_source(
            NewSource {
                name: "Village_Head_01".into(),
                kind: SourceKind::Interview,
                text: "I: New text.\nR: Fine.\n".into(),
                original_name: None,
                attributes: vec![],
                turns: vec![SpeakerTurn {
                    start: 0,
                    end: 13,
                    label_end: 2,
                    speaker: "I".into(),
                }],
                guid: None,
            },
            false,
        )
        .unwrap();
    let before = dump(&p);
    let e = undo.apply(&mut p).unwrap_err();
    assert!(matches!(e, StoreError::DuplicateSource(_)), "{e:?}");
    assert_eq!(dump(&p), before);
    // Renamed away, the undo goes through.
    let newer = other.find_source("Village_Head_01").unwrap().id;
    other.rename_source(newer, "Village_Head_01b").unwrap();
    undo.apply(&mut p).unwrap();
    assert_eq!(
        p.source_text(s).unwrap(),
        "I: How is the harvest?\nR: The rice came in late, but the cooperative shared seed.\n"
    );
    assert_eq!(p.turns(s).unwrap().len(), 2);
    p.check_integrity().unwrap();
    // A code its codings used, deleted elsewhere: undo refused.
    let undo = Command::RemoveSource {
        source: s,
        expect: None,
    }
    .apply(&mut p)
    .unwrap();
    let seed = other.find_code("seed").unwrap().id;
    other.delete_code(seed).unwrap();
    let before = dump(&p);
    let e = undo.apply(&mut p).unwrap_err();
    assert!(matches!(e, StoreError::ChangedElsewhere(_)), "{e:?}");
    assert_eq!(dump(&p), before);
}

#[test]
fn undoing_a_source_removal_gives_turn_ids_taken_meanwhile_new_ones() {
    let (dir, mut p) = rich();
    // Market_FGD holds the last speaker turns: once removed, SQLite hands
    // their ids to the next turns written.
    let s = p.find_source("Market_FGD").unwrap().id;
    let turns = p.turns(s).unwrap();
    let undo = Command::RemoveSource {
        source: s,
        expect: None,
    }
    .apply(&mut p)
    .unwrap();
    let mut other = Project::open(dir.path().join("rich.jalin")).unwrap();
    other
        .add_source(
            NewSource {
                name: "Later_Interview".into(),
                kind: SourceKind::Interview,
                text: "I: Anything else?\nR: No, thank you, that is all.\n".into(),
                original_name: None,
                attributes: vec![],
                turns: turns.clone(),
                guid: None,
            },
            false,
        )
        .unwrap();
    drop(other);
    let later = p.find_source("Later_Interview").unwrap().id;
    undo.apply(&mut p).unwrap();
    assert_eq!(p.turns(s).unwrap(), turns, "the removed turns are back");
    assert_eq!(
        p.turns(later).unwrap(),
        turns,
        "the new source keeps its own"
    );
    p.check_integrity().unwrap();
}

#[test]
fn undoing_delete_code_gives_back_exemplars_review_items_and_memos() {
    let (_dir, mut p) = rich();
    let before = dump(&p);
    let (marks, board) = marks_and_board(&p);
    // "economy" holds prices > traders (on both boards), seed, and
    // exemplar codings with memos.
    let economy = p.find_code("economy").unwrap().id;
    let undo = Command::DeleteCode(economy).apply(&mut p).unwrap();
    let (marks_gone, board_gone) = marks_and_board(&p);
    assert!(marks_gone.len() < marks.len());
    assert_eq!(
        board_gone.len(),
        2,
        "only trust and waiting stay on the boards"
    );
    undo.apply(&mut p).unwrap();
    assert_eq!(marks_and_board(&p), (marks, board));
    assert_eq!(dump(&p), before);
}

#[test]
fn undoing_merge_codes_gives_back_exemplars_review_items_and_memos() {
    let (_dir, mut p) = rich();
    let coder = p.coder("Ana").unwrap().id;
    let seed = p.find_code("seed").unwrap().id;
    let traders = p.find_code("traders").unwrap().id;
    // A duplicate of an exemplar seed coding under "traders", so merging
    // seed into traders drops the exemplar coding with its memo.
    let dup = p
        .codings()
        .unwrap()
        .into_iter()
        .find(|c| c.code == seed && p.exemplars().unwrap().contains(&c.id))
        .unwrap();
    p.add_coding(dup.source, traders, dup.start, dup.end, dup.coder)
        .unwrap();
    p.add_memo(MemoTarget::Coding(dup.id), "", "on the dropped one", coder)
        .unwrap();
    p.set_review("FGD one", seed, ReviewStatus::Revised, "merge?")
        .unwrap();
    let before = dump(&p);
    let (marks, board) = marks_and_board(&p);
    let undo = Command::MergeCodes {
        from: seed,
        into: traders,
    }
    .apply(&mut p)
    .unwrap();
    let (marks_gone, board_gone) = marks_and_board(&p);
    assert!(!marks_gone.contains(&dup.id));
    assert!(board_gone.iter().all(|i| i.code != seed));
    undo.apply(&mut p).unwrap();
    assert_eq!(marks_and_board(&p), (marks, board));
    assert_eq!(dump(&p), before);
}

#[test]
fn a_command_runs_in_one_transaction_and_a_failure_saves_nothing() {
    let (_dir, mut p) = rich();
    let before = dump(&p);
    let src = p.sources().unwrap()[0].id;
    let coder = p.coder("Ana").unwrap().id;
    // The code is made, then the coding fails: the code must not stay.
    let bad = Command::AddCodeAndApply {
        name: "brand new".into(),
        parent: None,
        source: src,
        start: 0,
        end: 100_000,
        coder,
    };
    assert!(matches!(
        bad.apply(&mut p),
        Err(StoreError::RangeOutOfBounds { .. })
    ));
    assert_eq!(dump(&p), before);
    assert!(!p.in_transaction());
    // A batch whose third step fails leaves the first two unsaved.
    let economy = p.find_code("economy").unwrap().id;
    let bad = Command::Batch(vec![
        Command::DeleteCode(economy),
        Command::SetSourceKind {
            source: src,
            kind: SourceKind::Document,
        },
        Command::DeleteCode(economy),
    ]);
    assert!(matches!(bad.apply(&mut p), Err(StoreError::CodeGone(_))));
    assert_eq!(dump(&p), before);
    // transact nests: an inner failure handled inside keeps the rest.
    p.transact(|p| {
        p.set_source_kind(src, SourceKind::Document)?;
        let inner = p.transact(|p| {
            p.rename_code(economy, "economics")?;
            p.rename_code(economy, "  ")
        });
        assert!(inner.is_err());
        Ok(())
    })
    .unwrap();
    assert_eq!(p.source(src).unwrap().kind, SourceKind::Document);
    assert_eq!(p.code(economy).unwrap().name, "economy");
}

#[test]
fn undo_after_another_program_removed_the_coding_says_so_plainly() {
    let (_dir, mut p) = rich();
    let src = p.sources().unwrap()[0].id;
    let code = p.find_code("trust").unwrap().id;
    let coder = p.coder("Ana").unwrap().id;
    let add = Command::AddCoding {
        source: src,
        code,
        start: 1,
        end: 9,
        coder,
    };
    let undo = add.apply(&mut p).unwrap();
    let made = Command::created_coding(&undo).unwrap();
    // Another program uncodes it and codes something else.
    let other = rusqlite::Connection::open(p.path()).unwrap();
    other
        .execute("DELETE FROM codings WHERE id = ?1", [made.0])
        .unwrap();
    drop(other);
    let other_coding = p.add_coding(src, code, 2, 8, coder).unwrap();
    let before = dump(&p);
    let e = undo.apply(&mut p).unwrap_err();
    assert!(matches!(e, StoreError::ChangedElsewhere(_)), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("this coding was changed or removed outside this window"),
        "{msg}"
    );
    assert!(!msg.contains("constraint"), "{msg}");
    assert_eq!(dump(&p), before);
    assert!(p.codings().unwrap().contains(&other_coding));
}

/// An undo step that puts a coding back at its range refuses once another
/// program corrected the source's text (the range would now cover other
/// words); the window's own corrections, undone in order, are no obstacle.
#[test]
fn undo_of_a_removed_coding_after_a_correction_elsewhere_is_refused() {
    let (_dir, mut p) = rich();
    let src = p.find_source("Field_Notes").unwrap().id;
    let coding = p.codings_of_source(src).unwrap().pop().unwrap();
    let undo = Command::RemoveCoding(coding.id).apply(&mut p).unwrap();
    // The same window: correct, undo the correction, undo the removal.
    let fix = Command::EditText {
        source: src,
        start: 0,
        end: 3,
        text: "Our".into(),
    };
    let unfix = fix.apply(&mut p).unwrap();
    let redo_fix = unfix.apply(&mut p).unwrap();
    let again = undo.apply(&mut p).unwrap();
    assert_eq!(p.coding(coding.id).unwrap(), coding);
    // Remove it again; this time another program corrects the text.
    let undo = again.apply(&mut p).unwrap();
    let mut other = Project::open(p.path()).unwrap();
    other.replace_text(src, 0, 3, "Our").unwrap();
    drop(other);
    let before = dump(&p);
    let e = undo.apply(&mut p).unwrap_err();
    assert!(matches!(e, StoreError::ChangedElsewhere(_)), "{e:?}");
    assert!(e.to_string().contains("the text of 'Field_Notes'"), "{e}");
    assert_eq!(dump(&p), before);
    // The window's own redo of its correction refuses too (the text is not
    // the one it left).
    assert!(redo_fix.apply(&mut p).is_err());
    assert_eq!(dump(&p), before);
}

#[test]
fn redo_of_a_coding_made_again_elsewhere_says_so_plainly() {
    let (_dir, mut p) = rich();
    let src = p.sources().unwrap()[0].id;
    let code = p.find_code("trust").unwrap().id;
    let coder = p.coder("Ana").unwrap().id;
    let undo = Command::AddCoding {
        source: src,
        code,
        start: 1,
        end: 9,
        coder,
    }
    .apply(&mut p)
    .unwrap();
    let redo = undo.apply(&mut p).unwrap();
    // Another window makes the very same coding.
    p.add_coding(src, code, 1, 9, coder).unwrap();
    let before = dump(&p);
    let e = redo.apply(&mut p).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, StoreError::AlreadyCoded { .. }), "{e:?}");
    assert!(msg.contains("already applied to 1..9"), "{msg}");
    assert!(!msg.contains("UNIQUE"), "{msg}");
    assert_eq!(dump(&p), before);
}

#[test]
fn undo_of_a_rename_after_the_code_was_replaced_elsewhere_touches_nothing() {
    let (_dir, mut p) = rich();
    let waiting = p.find_code("waiting").unwrap().id;
    let undo = Command::RenameCode {
        code: waiting,
        name: "queueing".into(),
    }
    .apply(&mut p)
    .unwrap();
    // Another program gives the row another identity (as a reused id
    // would look).
    let other = rusqlite::Connection::open(p.path()).unwrap();
    other
        .execute(
            "UPDATE codes SET guid = '00000000-0000-4000-8000-000000000001' WHERE id = ?1",
            [waiting.0],
        )
        .unwrap();
    drop(other);
    let before = dump(&p);
    let e = undo.apply(&mut p).unwrap_err();
    assert_eq!(
        e.to_string(),
        "this code was changed or removed outside this window (by another Jalin window or command); nothing was changed"
    );
    assert_eq!(dump(&p), before);
}

#[test]
fn a_write_the_file_swallows_is_not_reported_saved() {
    let (_dir, mut p) = rich();
    let src = p.sources().unwrap()[0].id;
    let code = p.find_code("trust").unwrap().id;
    let coder = p.coder("Ana").unwrap().id;
    let memo = p.memos().unwrap()[0].id;
    // Triggers that silently drop writes, added behind Jalin's back.
    let other = rusqlite::Connection::open(p.path()).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER eat_codings BEFORE INSERT ON codings BEGIN SELECT RAISE(IGNORE); END;
             CREATE TRIGGER keep_memos BEFORE UPDATE ON memos BEGIN SELECT RAISE(IGNORE); END;",
        )
        .unwrap();
    drop(other);
    let before = dump(&p);
    let e = Command::AddCoding {
        source: src,
        code,
        start: 1,
        end: 9,
        coder,
    }
    .apply(&mut p)
    .unwrap_err();
    assert!(matches!(e, StoreError::NotWritten { .. }), "{e:?}");
    assert!(e.to_string().contains("nothing was saved"), "{e}");
    let e = p.update_memo(memo, "t", "changed").unwrap_err();
    assert!(matches!(e, StoreError::NotWritten { .. }), "{e:?}");
    assert_eq!(dump(&p), before);
}

/// Imports go through the command layer too: an imported transcript with
/// the codes its rows were tagged with is undone and redone exactly.
mod imports {
    use super::{dump, rich};
    use jalin::app::Command;
    use jalin::exchange::{export_qdc, import_qdc_undoable};
    use jalin::import::{ImportOptions, ImportOutcome, import_file};
    use jalin::store::{Project, StoreError};

    /// A fictional focus-group transcript whose rows carry tags.
    fn tagged_csv(dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join("Palu_FGD_Tags.csv");
        std::fs::write(
            &path,
            "speaker,text,tags\n\
             Moderator,What helps families report?,\n\
             Expert 1,A trusted village office helps.,access > trust;reporting\n\
             Expert 2,Long travel to the city stops them.,access > distance\n",
        )
        .unwrap();
        path
    }

    fn import(p: &mut Project, file: &std::path::Path) -> Command {
        let options = ImportOptions {
            coder: Some("Importer".into()),
            ..ImportOptions::default()
        };
        match import_file(p, file, &options).unwrap() {
            ImportOutcome::Added { undo, .. } => *undo,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_import_with_tags_is_undone_and_redone_as_the_same_rows() {
        let (dir, mut p) = rich();
        let file = tagged_csv(dir.path());
        let before = dump(&p);
        let undo = import(&mut p, &file);
        let after = dump(&p);
        assert_ne!(before, after);
        let source = p.find_source("Palu_FGD_Tags").unwrap();
        assert_eq!(p.find_code("access > trust").unwrap().name, "trust");
        assert_eq!(
            p.codings()
                .unwrap()
                .iter()
                .filter(|c| c.source == source.id)
                .count(),
            3
        );
        // Undo takes away the source, its text and turns, the three
        // codings, the new codes and the new coder: the file is as before.
        let redo = undo.apply(&mut p).unwrap();
        assert_eq!(dump(&p), before);
        assert!(p.find_source("Palu_FGD_Tags").is_err());
        // Redo puts back the very same rows: ids, GUIDs and times.
        let undo = redo.apply(&mut p).unwrap();
        assert_eq!(dump(&p), after);
        // A coding made on the source after the redo is undone first; then
        // the import can be undone again.
        let code = p.find_code("reporting").unwrap().id;
        let coder = p.coder("Ana").unwrap().id;
        let coding = Command::AddCoding {
            source: source.id,
            code,
            start: 0,
            end: 5,
            coder,
        };
        let uncode = coding.apply(&mut p).unwrap();
        uncode.apply(&mut p).unwrap();
        undo.apply(&mut p).unwrap();
        assert_eq!(dump(&p), before);
    }

    #[test]
    fn undoing_an_import_that_someone_coded_since_changes_nothing() {
        let (dir, mut p) = rich();
        let file = tagged_csv(dir.path());
        let undo = import(&mut p, &file);
        // Another program codes the imported source.
        let mut other = Project::open(p.path()).unwrap();
        let source = other.find_source("Palu_FGD_Tags").unwrap();
        let code = other.find_code("reporting").unwrap();
        let k = other.coder("outside").unwrap();
        other.add_coding(source.id, code.id, 0, 9, k.id).unwrap();
        drop(other);
        let before = dump(&p);
        let e = undo.apply(&mut p).unwrap_err();
        assert!(matches!(e, StoreError::ChangedElsewhere(_)), "{e:?}");
        assert!(
            e.to_string()
                .contains("what this import added was changed or removed outside this window"),
            "{e}"
        );
        assert_eq!(dump(&p), before, "nothing removed");
    }

    #[test]
    fn a_codebook_import_is_undone_and_redone_exactly() {
        let (dir, p) = rich();
        let qdc = dir.path().join("book.qdc");
        export_qdc(&p, &qdc).unwrap();
        let mut fresh = Project::create(dir.path().join("fresh.jalin")).unwrap();
        let before = dump(&fresh);
        let (report, undo) = import_qdc_undoable(&mut fresh, &qdc).unwrap();
        assert_eq!(report.imported.codes, p.codes().unwrap().len());
        let after = dump(&fresh);
        let redo = undo.apply(&mut fresh).unwrap();
        assert_eq!(dump(&fresh), before);
        redo.apply(&mut fresh).unwrap();
        assert_eq!(dump(&fresh), after);
    }
}

/// The workbench's state follows each of its changes from what the command
/// reports changed, instead of reading the project again: after every step
/// of a random run of commands, undos and redos it must equal a state read
/// afresh from the file.
mod incremental_state {
    use super::*;
    use proptest::prelude::*;

    /// Everything [`AppState`] caches of the project, comparable.
    fn cached(s: &AppState) -> String {
        // Each text with its turns: a correction changes both.
        let mut texts: Vec<_> = s
            .texts
            .iter()
            .map(|(id, t)| (*id, &t.texts.text, &t.texts.turns))
            .collect();
        texts.sort_by_key(|t| t.0);
        let mut exemplars: Vec<_> = s.exemplars.iter().copied().collect();
        exemplars.sort();
        let mut code_counts: Vec<_> = s.code_counts.iter().collect();
        code_counts.sort();
        let mut source_counts: Vec<_> = s.source_counts.iter().collect();
        source_counts.sort();
        let codings: Vec<_> = s.codings.iter().collect();
        let mut by_code: Vec<_> = s
            .codebook
            .codes()
            .iter()
            .map(|c| {
                let ids: Vec<_> = s.codings.of_code(c.id).map(|k| k.id).collect();
                (c.id, s.codings.count_of_code(c.id), ids)
            })
            .collect();
        by_code.sort();
        let by_source: Vec<_> = s
            .sources
            .iter()
            .map(|src| {
                let ids: Vec<_> = s.codings.of_source(src.id).map(|k| k.id).collect();
                (src.id, ids)
            })
            .collect();
        format!(
            "sources {:?}\ncodes {:?}\ncodings {codings:?}\nmemos {:?}\ncoders {:?}\n\
             exemplars {exemplars:?}\ncode counts {code_counts:?}\nsource counts {source_counts:?}\n\
             by code {by_code:?}\nby source {by_source:?}\ntexts {texts:?}",
            s.sources,
            s.codebook.codes(),
            s.memos,
            s.coders,
        )
    }

    fn fresh(path: &std::path::Path) -> String {
        let mut s = AppState::new("tester".into());
        s.open(path).unwrap();
        cached(&s)
    }

    /// A step of the run: a command, or Undo / Redo.
    #[derive(Debug, Clone)]
    enum Step {
        Run(Op),
        Undo,
        Redo,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            5 => super::undo_property::op().prop_map(Step::Run),
            2 => Just(Step::Undo),
            1 => Just(Step::Redo),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn incremental_state_equals_a_full_refresh(steps in proptest::collection::vec(step(), 1..24)) {
            let (_dir, p) = rich();
            let path = p.path().to_path_buf();
            drop(p);
            let mut state = AppState::new("tester".into());
            state.open(&path).unwrap();
            // The coder of this session, as applying a code makes it.
            state.coder_id().unwrap();
            prop_assert_eq!(cached(&state), fresh(&path));
            for (i, s) in steps.iter().enumerate() {
                let before = state.revision;
                match s {
                    Step::Run(op) => {
                        let cmd = resolve(op, state.project().unwrap());
                        state.run("step", cmd);
                    }
                    Step::Undo => state.undo(),
                    Step::Redo => state.redo(),
                }
                state.error = None;
                prop_assert!(state.revision >= before);
                prop_assert_eq!(cached(&state), fresh(&path), "after step {} ({:?})", i, s);
            }
        }
    }
}

// ---- Merging projects (R13b) ----

/// The demo at `a.jalin` and a copy of it at `b.jalin` (the same GUIDs: two
/// coders' copies of one study).
fn two_copies() -> (tempfile::TempDir, Project, Project) {
    let (dir, a) = demo();
    let b_path = dir.path().join("b.jalin");
    a.save_copy(&b_path).unwrap();
    let a_path = dir.path().join("a.jalin");
    drop(a);
    std::fs::rename(dir.path().join("t.jalin"), &a_path).unwrap();
    let a = Project::open(&a_path).unwrap();
    let b = Project::open(&b_path).unwrap();
    (dir, a, b)
}

fn merge_files(
    a: &mut Project,
    others: &[&std::path::Path],
    dry_run: bool,
) -> (jalin::merge::MergeReport, Option<Command>) {
    let target = a.path().to_path_buf();
    let read: Vec<_> = others
        .iter()
        .map(|o| jalin::merge::read_other(&target, o).unwrap())
        .collect();
    jalin::merge::merge(a, &read, dry_run).unwrap()
}

#[test]
fn merging_a_second_coders_copy_reports_conflicts_and_is_idempotent_and_undoable() {
    use jalin::merge::Counts;
    let (_dir, mut a, mut b) = two_copies();
    let source = a.find_source("Palu_Prosecutor_02").unwrap();
    let coordination = a.find_code("coordination").unwrap().id;
    let bureaucracy = a.find_code("bureaucracy").unwrap().id;
    let hr = a.find_code("human resources").unwrap().id;
    // Coder B's work on the copy.
    let bea = b.coder("Bea").unwrap().id;
    b.add_coding(source.id, coordination, 10, 60, bea).unwrap();
    b.add_coding(source.id, bureaucracy, 100, 140, bea).unwrap();
    let delay = b
        .add_code(jalin::store::NewCode {
            name: "delay".into(),
            parent: Some(bureaucracy),
            ..Default::default()
        })
        .unwrap();
    let made = b.add_coding(source.id, delay.id, 200, 230, bea).unwrap();
    b.add_memo(
        MemoTarget::Coding(made.id),
        "Why delay",
        "Files wait for letters.",
        bea,
    )
    .unwrap();
    b.rename_code(coordination, "coordination (B)").unwrap();
    b.set_code_color(bureaucracy, Color::rgb(1, 2, 3)).unwrap();
    b.move_code(hr, Some(bureaucracy)).unwrap();
    b.set_attribute(source.id, "region", Some("Sulawesi"))
        .unwrap();
    b.set_attribute(source.id, "city", Some("Donggala"))
        .unwrap();
    let b_path = b.path().to_path_buf();
    drop(b);
    // Coder A renamed the same code otherwise.
    a.rename_code(coordination, "coordination gaps").unwrap();
    let before = snapshot(&a);

    // A dry run reports exactly what the merge does, and writes nothing.
    let (dry, undo) = merge_files(&mut a, &[&b_path], true);
    assert!(dry.dry_run && undo.is_none());
    assert_eq!(snapshot(&a), before);

    let (report, undo) = merge_files(&mut a, &[&b_path], false);
    let f = &report.files[0];
    assert_eq!(
        f.added,
        Counts {
            sources: 0,
            codes: 1,
            codings: 3,
            memos: 1,
            coders: 1,
            attributes: 1,
            pseudonyms: 0,
            marks: 0
        }
    );
    assert_eq!(dry.files, report.files);
    assert_eq!(f.matched.sources_by_guid, 20);
    assert_eq!(f.matched.codes_by_guid, a.codes().unwrap().len() - 1);
    let conflicts: Vec<String> = f
        .conflicts
        .iter()
        .map(|c| format!("{}: {}; {}", c.item, c.problem, c.resolution))
        .collect();
    let has = |needle: &str| conflicts.iter().any(|c| c.contains(needle));
    assert!(
        has(
            "code 'coordination gaps': is called 'coordination (B)' in b.jalin; the target's name is kept"
        ),
        "{conflicts:#?}"
    );
    assert!(has("code 'bureaucracy': has the colour"), "{conflicts:#?}");
    assert!(
        has("code 'human resources': has another parent in b.jalin; the target's place"),
        "{conflicts:#?}"
    );
    assert!(
        has("attribute 'city' of source 'Palu_Prosecutor_02': is 'Palu' here and 'Donggala'"),
        "{conflicts:#?}"
    );
    assert_eq!(conflicts.len(), 4, "{conflicts:#?}");
    // The target's names, colours and places won; B's codings came in.
    assert_eq!(a.code(coordination).unwrap().name, "coordination gaps");
    assert_ne!(a.code(bureaucracy).unwrap().color, Color::rgb(1, 2, 3));
    assert_ne!(a.code(hr).unwrap().parent, Some(bureaucracy));
    let bea_a = a.find_coder("Bea").unwrap().unwrap().id;
    let mut bea_codings: Vec<_> = a
        .codings()
        .unwrap()
        .into_iter()
        .filter(|c| c.coder == bea_a)
        .map(|c| (a.code(c.code).unwrap().name, c.start, c.end))
        .collect();
    bea_codings.sort();
    assert_eq!(
        bea_codings,
        [
            ("bureaucracy".to_string(), 100, 140),
            ("coordination gaps".to_string(), 10, 60),
            ("delay".to_string(), 200, 230)
        ]
    );
    let attrs = a.attributes(source.id).unwrap();
    assert!(
        attrs
            .iter()
            .any(|x| x.key == "region" && x.value == "Sulawesi")
    );
    assert!(attrs.iter().any(|x| x.key == "city" && x.value == "Palu"));
    let after = snapshot(&a);
    assert!(after.contains("\"Why delay\""));

    // Merging the same file again adds nothing and makes no undo step.
    let (again, none) = merge_files(&mut a, &[&b_path], false);
    assert_eq!(again.files[0].added, Counts::default(), "{again}");
    assert!(!again.added_anything());
    assert!(none.is_none());
    assert_eq!(again.files[0].matched.codings, a.codings().unwrap().len());
    assert_eq!(snapshot(&a), after);

    // Undo takes back exactly what the merge added; redo puts it back.
    let redo = undo.unwrap().apply(&mut a).unwrap();
    assert_eq!(snapshot(&a), before);
    assert!(a.find_coder("Bea").unwrap().is_none());
    redo.apply(&mut a).unwrap();
    assert_eq!(snapshot(&a), after);
}

/// PSE: a merge brings the other project's pseudonyms: rows the target
/// lacks are added; a real name the target has (any case) with another
/// pseudonym keeps the target's, and a row the target's table would refuse
/// is left out, both reported as conflicts; a second merge adds nothing;
/// undo takes the added rows back.
#[test]
fn merging_brings_pseudonyms_and_the_target_wins_on_a_conflicting_name() {
    use jalin::model::pseudonyms::PseudonymKind::{Person, Place};
    let (_dir, mut a, mut b) = two_copies();
    a.set_pseudonym("Palu", Some(("Kota A", Place))).unwrap();
    a.set_pseudonym("Ratna", Some(("Ayu", Person))).unwrap();
    // B: the same row, another pseudonym for Palu (other case), two new
    // rows, and one whose real name is the target's pseudonym "Kota A".
    b.set_pseudonym("Ratna", Some(("Ayu", Person))).unwrap();
    b.set_pseudonym("PALU", Some(("Kota Z", Place))).unwrap();
    b.set_pseudonym("Sigi", Some(("Kota B", Place))).unwrap();
    b.set_pseudonym("Ibu Sari", Some(("Ibu Rina", Person)))
        .unwrap();
    b.set_pseudonym("Kota A", Some(("Desa C", Place))).unwrap();
    let b_path = b.path().to_path_buf();
    drop(b);
    let table = |p: &Project| -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = p
            .pseudonyms()
            .unwrap()
            .into_iter()
            .map(|r| (r.real, r.pseudonym))
            .collect();
        rows.sort();
        rows
    };
    let before = table(&a);
    let (dry, _) = merge_files(&mut a, &[&b_path], true);
    assert_eq!(table(&a), before, "a dry run writes nothing");
    let (report, undo) = merge_files(&mut a, &[&b_path], false);
    assert_eq!(dry.files, report.files);
    let f = &report.files[0];
    assert_eq!(f.added.pseudonyms, 2, "{report}");
    assert_eq!(f.matched.pseudonyms, 1, "{report}");
    let pair = |r: &str, p: &str| (r.to_string(), p.to_string());
    assert_eq!(
        table(&a),
        [
            pair("Ibu Sari", "Ibu Rina"),
            pair("Palu", "Kota A"),
            pair("Ratna", "Ayu"),
            pair("Sigi", "Kota B"),
        ]
    );
    let conflicts: Vec<String> = f
        .conflicts
        .iter()
        .map(|c| format!("{}: {}; {}", c.item, c.problem, c.resolution))
        .collect();
    let wanted = [
        "pseudonym of 'Palu': is 'Kota A' (place) here and 'Kota Z' (place) in b.jalin; the target's pseudonym is kept",
        "pseudonym of 'Kota A': 'Desa C' in b.jalin: 'Kota A' is already the pseudonym of 'Palu'; an output could not tell the two apart; the target's table is kept; this row is not merged",
    ];
    for w in wanted {
        assert!(conflicts.iter().any(|c| c == w), "{w}\n{conflicts:#?}");
    }
    assert!(report.to_string().contains(", 2 pseudonyms\n"), "{report}");
    let after = table(&a);

    // Again: nothing added, the same conflicts, no undo step.
    let (again, none) = merge_files(&mut a, &[&b_path], false);
    assert_eq!(again.files[0].added.pseudonyms, 0);
    assert_eq!(again.files[0].matched.pseudonyms, 3);
    assert!(!again.added_anything() && none.is_none(), "{again}");
    assert_eq!(table(&a), after);

    // Undo takes the two rows back; redo puts them back.
    let redo = undo.unwrap().apply(&mut a).unwrap();
    assert_eq!(table(&a), before);
    redo.apply(&mut a).unwrap();
    assert_eq!(table(&a), after);
}

/// A project with one source of `text` (GUID fixed), the code "topic" and
/// codings of `spans` by coder "C".
fn with_text(
    dir: &std::path::Path,
    name: &str,
    text: &str,
    spans: &[(usize, usize)],
) -> std::path::PathBuf {
    use jalin::store::{Bundle, BundleCode, BundleCoder, BundleCoding, BundleSource, NewSource};
    let path = dir.join(name);
    let mut p = Project::create(&path).unwrap();
    let guid = |s: &str| jalin::model::Guid::parse(s).unwrap();
    let bundle = Bundle {
        coders: vec![BundleCoder {
            guid: Some(guid("00000000-0000-4000-8000-0000000000c1")),
            name: "C".into(),
        }],
        codes: vec![BundleCode {
            guid: Some(guid("00000000-0000-4000-8000-0000000000d1")),
            name: "topic".into(),
            parent: None,
            color: None,
            description: String::new(),
        }],
        sources: vec![BundleSource {
            source: NewSource {
                name: "Notes".into(),
                kind: SourceKind::Document,
                text: text.into(),
                original_name: None,
                attributes: Vec::new(),
                turns: Vec::new(),
                guid: Some(guid("00000000-0000-4000-8000-0000000000a1")),
            },
            imported_at: None,
            existing: false,
        }],
        codings: spans
            .iter()
            .map(|&(start, end)| BundleCoding {
                guid: None,
                source: 0,
                code: 0,
                start,
                end,
                coder: 0,
                created_at: None,
                existing: false,
            })
            .collect(),
        ..Bundle::default()
    };
    jalin::command::add_bundle(&mut p, bundle).unwrap();
    path
}

#[test]
fn codings_on_a_changed_text_are_placed_where_their_words_are_or_listed() {
    let dir = tempfile::tempdir().unwrap();
    let target = with_text(
        dir.path(),
        "a.jalin",
        "Alpha beta gamma. Delta epsilon.",
        &[],
    );
    // The other side's text: a line added in front, a word added at the end.
    let other_text = "Intro line. Alpha beta gamma. Delta epsilon zeta.";
    let find = |w: &str| {
        let at = other_text.find(w).unwrap();
        (at, at + w.len())
    };
    let other = with_text(
        dir.path(),
        "b.jalin",
        other_text,
        &[find("beta gamma"), find("zeta"), (0, 5)],
    );
    let mut a = Project::open(&target).unwrap();
    let (report, _) = merge_files(&mut a, &[&other], false);
    let f = &report.files[0];
    assert_eq!(f.added.codings, 1, "{report}");
    assert_eq!(f.not_merged.len(), 2, "{report}");
    assert!(
        f.not_merged
            .iter()
            .any(|n| n.contains("at 44..48 (\"zeta\"): its words are not at or near")),
        "{report}"
    );
    assert!(
        f.not_merged.iter().any(|n| n.contains("(\"Intro\")")),
        "{report}"
    );
    assert!(
        f.conflicts
            .iter()
            .any(|c| c.item == "source 'Notes'"
                && c.resolution.starts_with("the target's text is kept")),
        "{report}"
    );
    assert!(
        f.conflicts
            .iter()
            .any(|c| c.resolution == "placed at 6..16, where its words are in the target"),
        "{report}"
    );
    let codings = a.codings().unwrap();
    assert_eq!(codings.len(), 1);
    assert_eq!((codings[0].start, codings[0].end), (6, 16));
    // The target's text is kept.
    let s = a.find_source("Notes").unwrap();
    assert_eq!(
        a.source_text(s.id).unwrap(),
        "Alpha beta gamma. Delta epsilon."
    );
    // Again: nothing more.
    let (again, undo) = merge_files(&mut a, &[&other], false);
    assert_eq!(again.files[0].added, jalin::merge::Counts::default());
    assert!(undo.is_none());
}

#[test]
fn a_source_with_the_same_text_is_matched_and_a_new_one_added_with_its_codings() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("a.jalin");
    Project::create(&target).unwrap();
    let other = with_text(dir.path(), "b.jalin", "Some words here.", &[(5, 10)]);
    let mut a = Project::open(&target).unwrap();
    let (report, undo) = merge_files(&mut a, &[&other, &other], false);
    // One transaction: the second file sees what the first added.
    assert_eq!(report.files[0].added.sources, 1);
    assert_eq!(report.files[0].added.codings, 1);
    assert_eq!(report.files[1].added, jalin::merge::Counts::default());
    assert_eq!(report.files[1].matched.sources_by_guid, 1);
    assert_eq!(a.sources().unwrap().len(), 1);
    undo.unwrap().apply(&mut a).unwrap();
    assert!(a.sources().unwrap().is_empty());
    assert!(a.codes().unwrap().is_empty());
}

#[test]
fn merging_speakers_memos_and_a_taken_source_name_follows_the_stated_rules() {
    use jalin::model::roles::Role;
    use jalin::store::NewSource;
    let (_dir, mut a, mut b) = two_copies();
    let fgd = a.find_source("FGD_Experts_Jakarta").unwrap().id;
    let memo = a.memos().unwrap()[0].clone();
    // B: a role and two participant attributes; a memo rewritten; a new
    // source whose name A also used for another text.
    b.set_speaker_role(fgd, "Made", Some(Role::Other)).unwrap();
    b.set_speaker_attribute(fgd, "Ratna", "field", Some("law"))
        .unwrap();
    b.set_speaker_attribute(fgd, "Hendra", "rank", Some("AKP"))
        .unwrap();
    b.update_memo(memo.id, &memo.title, "Rewritten by B.")
        .unwrap();
    let new = |text: &str| NewSource {
        name: "Field notes".into(),
        kind: SourceKind::Observation,
        text: text.into(),
        original_name: None,
        attributes: Vec::new(),
        turns: Vec::new(),
        guid: None,
    };
    b.add_source(new("Seen at the office."), false).unwrap();
    let b_path = b.path().to_path_buf();
    drop(b);
    a.set_speaker_attribute(fgd, "Ratna", "field", Some("academia"))
        .unwrap();
    a.add_source(new("Seen in the village."), false).unwrap();

    let (report, undo) = merge_files(&mut a, &[&b_path], false);
    let f = &report.files[0];
    assert_eq!(f.added.sources, 1, "{report}");
    assert_eq!(f.added.memos, 1, "{report}");
    assert_eq!(f.added.attributes, 2, "{report}");
    let conflicts: Vec<String> = f
        .conflicts
        .iter()
        .map(|c| format!("{}: {}; {}", c.item, c.problem, c.resolution))
        .collect();
    assert_eq!(
        conflicts,
        [
            "source 'Field notes': the target has another source of this name, with another text; added as 'Field notes (2)'".to_string(),
            "speaker 'Ratna' of source 'FGD_Experts_Jakarta': participant attribute 'field' is 'academia' here and 'law' in b.jalin; the target's value is kept".to_string(),
            format!("memo '{}': its text differs in b.jalin; both are kept: the other file's is added as a new memo, its title marked '(from FILE)'", memo.title),
        ]
    );
    let speakers = a.speakers().unwrap();
    let made = speakers
        .iter()
        .find(|s| s.source == fgd && s.name == "Made")
        .unwrap();
    assert_eq!(made.role, Some(Role::Other));
    let hendra = speakers
        .iter()
        .find(|s| s.source == fgd && s.name == "Hendra")
        .unwrap();
    assert_eq!(hendra.attribute("rank"), Some("AKP"));
    let ratna = speakers
        .iter()
        .find(|s| s.source == fgd && s.name == "Ratna")
        .unwrap();
    assert_eq!(ratna.attribute("field"), Some("academia"));
    let memos = a.memos().unwrap();
    assert!(memos.iter().any(|m| m.id == memo.id && m.text == memo.text));
    assert!(
        memos
            .iter()
            .any(|m| m.title == format!("{} (from b.jalin)", memo.title)
                && m.text == "Rewritten by B."
                && m.target == memo.target)
    );
    assert!(a.find_source("Field notes (2)").is_ok());
    // Again: nothing new (the memo copy and the numbered source are found).
    let (again, none) = merge_files(&mut a, &[&b_path], false);
    assert_eq!(
        again.files[0].added,
        jalin::merge::Counts::default(),
        "{again}"
    );
    assert!(none.is_none());
    // Undo takes the role and attributes back too.
    undo.unwrap().apply(&mut a).unwrap();
    let speakers = a.speakers().unwrap();
    assert!(
        !speakers
            .iter()
            .any(|s| s.source == fgd && s.name == "Hendra" && s.attribute("rank").is_some())
    );
    assert!(
        !speakers
            .iter()
            .any(|s| s.source == fgd && s.name == "Made" && s.role.is_some())
    );
    assert!(a.find_source("Field notes (2)").is_err());
}
