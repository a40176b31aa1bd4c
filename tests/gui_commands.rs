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
    assert!(matches!(redo, Command::MergeCodes { .. }));
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
    assert!(!state.undo.can_undo());
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    state.refresh().unwrap();
    assert_eq!(state.codings.len(), before);
    drop(dir);
}
