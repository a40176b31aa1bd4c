//! The workbench and another process on the same project: changes made
//! through a second `Project` handle (as a `jalin` command makes them) show
//! in the window within about a second, and stale ids in the window never
//! touch the other process's work.

use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jalin::app::Dirs;
use jalin::demo::{find_quote, load_demo};
use jalin::model::{Attribute, SourceId, SourceKind};
use jalin::store::{AddedSource, NewCode, NewSource, Project};
use jalin::ui::{Action, JalinApp, OUTSIDE_POLL, Startup};

const SOURCE: &str = "Palu_Prosecutor_02";
const CODER: &str = "T1";

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    data: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.jalin");
    let mut p = Project::create(&path).unwrap();
    load_demo(&mut p).unwrap();
    let data = dir.path().join("data");
    Fixture {
        path,
        data,
        _dir: dir,
    }
}

fn harness(f: &Fixture) -> Harness<'static, JalinApp> {
    let app = JalinApp::new(Startup {
        dirs: Dirs::under(&f.data),
        open: Some(f.path.clone()),
        coder: CODER.into(),
        first_frame_exit: None,
    });
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut JalinApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

/// Runs frames covering a bit more than one poll interval (kittest
/// advances its clock by a quarter second a frame).
fn past_poll(h: &mut Harness<'static, JalinApp>) {
    let frames = (OUTSIDE_POLL.as_secs_f64() / 0.25).ceil() as usize + 2;
    h.run_steps(frames);
}

fn click(h: &mut Harness<'static, JalinApp>, label: &str) {
    {
        let node = h
            .get_all_by_label(label)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap_or_else(|| panic!("no widget labelled {label:?}"));
        node.click();
    }
    h.run_steps(3);
}

fn listed(h: &Harness<'static, JalinApp>, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

/// Opens SOURCE and selects `phrase` by dragging the mouse across it.
fn select(
    h: &mut Harness<'static, JalinApp>,
    path: &std::path::Path,
    phrase: &str,
) -> (usize, usize) {
    let (start, end) = {
        let p = Project::open(path).unwrap();
        let text = p.source_text(p.find_source(SOURCE).unwrap().id).unwrap();
        find_quote(&text, phrase, 1).unwrap()
    };
    click(h, SOURCE);
    let from = h
        .state()
        .document
        .screen_pos_of(start)
        .expect("start drawn");
    let to = h.state().document.screen_pos_of(end).expect("end drawn");
    h.hover_at(from);
    h.drag_at(from);
    h.hover_at(Pos2::new(
        (from.x + to.x) / 2.0,
        (from.y + to.y) / 2.0 + 1.0,
    ));
    h.hover_at(to);
    h.drop_at(to);
    h.run_steps(3);
    assert_eq!(h.state().document.selection(), Some((start, end)));
    (start, end)
}

fn new_source(name: &str, text: &str) -> NewSource {
    NewSource {
        name: name.into(),
        kind: SourceKind::Interview,
        text: text.into(),
        original_name: Some(format!("{name}.txt")),
        attributes: vec![Attribute::new("city", "Palu")],
        turns: vec![],
        guid: None,
    }
}

#[test]
fn a_source_imported_elsewhere_is_listed_and_opens() {
    let f = fixture();
    let mut h = harness(&f);
    let before = h.state().state.sources.len();
    let mut other = Project::open(&f.path).unwrap();
    let added = match other
        .add_source(
            new_source("Outside_Interview", "I: Where were you?\nR: At the market."),
            false,
        )
        .unwrap()
    {
        AddedSource::Added(s) => s,
        a => panic!("{a:?}"),
    };
    past_poll(&mut h);
    assert_eq!(h.state().state.sources.len(), before + 1);
    assert!(listed(&h, "Outside_Interview"), "not in the sources list");
    click(&mut h, "Outside_Interview");
    assert_eq!(h.state().document.source(), Some(added.id));
    assert!(h.state().state.texts.contains_key(&added.id));
}

#[test]
fn codings_and_codes_changed_elsewhere_update_counts_and_keep_the_selection() {
    let f = fixture();
    let mut h = harness(&f);
    click(&mut h, SOURCE);
    click(&mut h, "coordination");
    let mut other = Project::open(&f.path).unwrap();
    let code = other.find_code("coordination").unwrap();
    let source = other.find_source(SOURCE).unwrap();
    let count = h
        .state()
        .state
        .code_counts
        .get(&code.id)
        .copied()
        .unwrap_or(0);
    let k = other.coder("outside").unwrap();
    other.add_coding(source.id, code.id, 0, 3, k.id).unwrap();
    other.add_code(NewCode::named("made outside")).unwrap();
    past_poll(&mut h);
    let app = h.state();
    assert_eq!(app.state.code_counts[&code.id], count + 1);
    assert_eq!(app.codebook.selected, vec![code.id], "selection kept");
    assert_eq!(app.document.source(), Some(source.id), "document kept");
    assert!(listed(&h, "made outside"));

    // The shown source and the selected code deleted elsewhere: both
    // cleared, and gone from the lists.
    other.delete_code(code.id).unwrap();
    other.delete_source(source.id).unwrap();
    past_poll(&mut h);
    let app = h.state();
    assert!(app.codebook.selected.is_empty());
    assert_eq!(app.document.source(), None);
    assert!(app.state.source(source.id).is_none());
    assert!(!listed(&h, "coordination"));
    assert!(!listed(&h, SOURCE));
}

/// The CLI deletes a code and adds another; the window still shows the old
/// entry (before its next poll) and the user applies it: nothing is coded,
/// and the message names the deleted code, not its internal id.
#[test]
fn a_stale_codebook_entry_never_applies_another_code() {
    let f = fixture();
    let mut h = harness(&f);
    select(&mut h, &f.path, "Koordinasinya masih lemah");
    let stale = h
        .state()
        .state
        .codebook
        .codes()
        .iter()
        .max_by_key(|c| c.id)
        .cloned()
        .unwrap();
    let mut other = Project::open(&f.path).unwrap();
    other.delete_code(stale.id).unwrap();
    let newcomer = other.add_code(NewCode::named("newcomer")).unwrap();
    assert_ne!(newcomer.id, stale.id, "ids are not reused");
    let after_delete = other.codings().unwrap();
    // The click, handled before the window polled.
    let ctx = h.ctx.clone();
    h.state_mut().handle(Action::ApplyCode(stale.id), &ctx, 0.0);
    assert_eq!(other.codings().unwrap(), after_delete, "nothing coded");
    let msg = h.state().state.error.clone().expect("a message");
    assert!(
        msg.contains(&format!(
            "The code '{}' was deleted outside this window",
            stale.name
        )),
        "{msg}"
    );
    assert!(!msg.contains(&format!("'{}'", stale.id)), "{msg}");
    // The window has caught up.
    assert!(h.state().state.codebook.get(newcomer.id).is_some());
    assert!(h.state().state.codebook.get(stale.id).is_none());
}

/// The window codes, the CLI removes that coding and codes elsewhere (the
/// new coding used to get the same id); the window's Undo must not remove
/// the CLI's coding.
#[test]
fn undo_after_an_outside_change_leaves_the_other_process_coding() {
    let f = fixture();
    let mut h = harness(&f);
    select(&mut h, &f.path, "Koordinasinya masih lemah");
    h.key_press_modifiers(Modifiers::NONE, Key::Num1);
    h.run_steps(3);
    let mut other = Project::open(&f.path).unwrap();
    let mine = other
        .codings()
        .unwrap()
        .into_iter()
        .max_by_key(|c| c.id)
        .unwrap();
    other.remove_coding(mine.id).unwrap();
    let elsewhere: SourceId = other
        .sources()
        .unwrap()
        .into_iter()
        .find(|s| s.name != SOURCE)
        .unwrap()
        .id;
    let k = other.coder("outside").unwrap();
    let theirs = other.add_coding(elsewhere, mine.code, 0, 4, k.id).unwrap();
    assert_ne!(theirs.id, mine.id, "ids are not reused");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let now = other.codings().unwrap();
    assert!(
        now.contains(&theirs),
        "undo removed the other process's coding"
    );
    assert!(!now.iter().any(|c| c.id == mine.id));
    let msg = h.state().state.error.clone().expect("a message");
    assert!(!msg.contains(&format!("'{}'", mine.id)), "{msg}");
    assert!(
        h.state().state.coding(theirs.id).is_some(),
        "window caught up"
    );
}
