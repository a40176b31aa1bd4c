//! The workbench driven through its real UI with egui_kittest (mouse drags,
//! key presses, clicks on labelled widgets), then checked in the project
//! FILE through `jalin::store::Project`.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jalin::app::Dirs;
use jalin::demo::{find_quote, load_demo};
use jalin::model::{Coding, MemoTarget, SourceId};
use jalin::store::Project;
use jalin::ui::{JalinApp, Startup, codebook, retrieval, strings};

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

/// Clicks the widget (not a plain label) with this exact accessible name.
fn click(h: &mut Harness<'static, JalinApp>, label: &str) {
    {
        let nodes: Vec<_> = h
            .get_all_by_label_contains(label)
            .filter(|n| {
                n.accesskit_node().label().as_deref() == Some(label) || label.starts_with("Undo")
            })
            .filter(|n| n.accesskit_node().role() != Role::Label)
            .collect();
        assert!(!nodes.is_empty(), "no widget labelled {label:?}");
        nodes[0].click();
    }
    h.run_steps(3);
}

fn source_id(path: &Path) -> SourceId {
    Project::open(path).unwrap().find_source(SOURCE).unwrap().id
}

/// Code-point range of a phrase in the source.
fn range_of(path: &Path, phrase: &str) -> (usize, usize) {
    let p = Project::open(path).unwrap();
    let text = p.source_text(p.find_source(SOURCE).unwrap().id).unwrap();
    find_quote(&text, phrase, 1).unwrap()
}

/// Opens the source by clicking it in the sources panel and selects
/// `[start, end)` by dragging the mouse across it.
fn select(h: &mut Harness<'static, JalinApp>, start: usize, end: usize) {
    click(h, SOURCE);
    h.run_steps(3);
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
}

fn my_codings(path: &Path) -> Vec<(Coding, String)> {
    let p = Project::open(path).unwrap();
    let me = p.coders().unwrap().into_iter().find(|c| c.name == CODER);
    let Some(me) = me else { return Vec::new() };
    p.codings()
        .unwrap()
        .into_iter()
        .filter(|c| c.coder == me.id)
        .map(|c| {
            let name = p.code(c.code).unwrap().name;
            (c, name)
        })
        .collect()
}

fn press(h: &mut Harness<'static, JalinApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(3);
}

#[test]
fn select_a_passage_and_apply_a_code_by_its_shortcut() {
    let f = fixture();
    let mut h = harness(&f);
    let (s, e) = range_of(&f.path, "Koordinasinya masih lemah");
    select(&mut h, s, e);
    let first = codebook::numbered(&h.state().state.codebook)[0];
    let before = h
        .state()
        .state
        .code_counts
        .get(&first)
        .copied()
        .unwrap_or(0);
    press(&mut h, Modifiers::NONE, Key::Num1);
    // The count in the codebook is updated at once.
    assert_eq!(h.state().state.code_counts[&first], before + 1);
    let mine = my_codings(&f.path);
    assert_eq!(mine.len(), 1);
    let (c, _) = &mine[0];
    assert_eq!(
        (c.source, c.code, c.start, c.end),
        (source_id(&f.path), first, s, e)
    );
}

#[test]
fn quick_code_box_creates_and_applies_a_new_code() {
    let f = fixture();
    let mut h = harness(&f);
    let (s, e) = range_of(&f.path, "Mostly small things, but they matter in court");
    select(&mut h, s, e);
    press(&mut h, Modifiers::NONE, Key::Slash);
    h.event(Event::Text("missing paperwork".into()));
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let mine = my_codings(&f.path);
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].1, "missing paperwork");
    assert_eq!((mine[0].0.start, mine[0].0.end), (s, e));

    // An existing name applies that code instead of making another.
    let (s2, e2) = range_of(&f.path, "they matter in court");
    select(&mut h, s2, e2);
    press(&mut h, Modifiers::NONE, Key::Slash);
    h.event(Event::Text("Missing Paperwork".into()));
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let mine = my_codings(&f.path);
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|(_, n)| n == "missing paperwork"));
    let p = Project::open(&f.path).unwrap();
    let same_name = p
        .codes()
        .unwrap()
        .into_iter()
        .filter(|c| c.name.eq_ignore_ascii_case("missing paperwork"))
        .count();
    assert_eq!(same_name, 1);
}

#[test]
fn in_vivo_names_a_new_code_after_the_selected_words() {
    let f = fixture();
    let mut h = harness(&f);
    let (s, e) = range_of(&f.path, "“approximately 15 years”");
    select(&mut h, s, e);
    press(&mut h, Modifiers::COMMAND, Key::I);
    let mine = my_codings(&f.path);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1, "approximately 15 years");
    assert_eq!((mine[0].0.start, mine[0].0.end), (s, e));
}

#[test]
fn undo_then_redo_a_coding() {
    let f = fixture();
    let mut h = harness(&f);
    let (s, e) = range_of(&f.path, "Koordinasinya masih lemah");
    select(&mut h, s, e);
    press(&mut h, Modifiers::NONE, Key::Num2);
    let made = my_codings(&f.path);
    assert_eq!(made.len(), 1);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(my_codings(&f.path).is_empty());
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let back = my_codings(&f.path);
    assert_eq!(back.len(), 1);
    // The same coding comes back, GUID and all.
    assert_eq!(back[0].0, made[0].0);
    // Undo from the Edit menu too.
    click(&mut h, strings::menu_edit());
    let item = strings::undo_item(h.state().state.undo.undo_label());
    click(&mut h, &item);
    assert!(my_codings(&f.path).is_empty());
}

/// Every label in the window, as accessibility sees them.
fn all_labels(h: &Harness<'static, JalinApp>) -> Vec<String> {
    h.get_all_by_label_contains("")
        .flat_map(|n| {
            let n = n.accesskit_node();
            [n.label(), n.value().map(|v| v.to_string())]
        })
        .flatten()
        .collect()
}

#[test]
fn shortcuts_are_written_the_way_the_platform_writes_them() {
    let f = fixture();
    let mut h = harness(&f);
    h.ctx.set_os(egui::os::OperatingSystem::Nix);
    click(&mut h, "Help");
    click(&mut h, strings::shortcuts());
    let shown = all_labels(&h);
    for keys in [
        "Ctrl+Z",
        "Ctrl+Shift+Z, Ctrl+Y",
        "Ctrl+I",
        "Ctrl+Plus / Ctrl+Minus",
    ] {
        assert!(shown.iter().any(|l| l == keys), "no {keys:?} in {shown:?}");
    }
    // On macOS the same table says ⌘ (or Cmd), never Ctrl, in the Help
    // window and in the menus.
    h.ctx.set_os(egui::os::OperatingSystem::Mac);
    h.run_steps(3);
    let shown = all_labels(&h);
    assert!(
        shown.iter().any(|l| l == "⌘Z" || l == "Cmd+Z"),
        "no ⌘Z in {shown:?}"
    );
    assert!(!shown.iter().any(|l| l.contains("Ctrl")), "{shown:?}");
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn an_imported_file_is_one_undo_step() {
    let f = fixture();
    let mut h = harness(&f);
    let file = f.path.with_file_name("Palu_Village_Head_21.txt");
    std::fs::write(
        &file,
        "I: How do families report a case?\nR: Through the village office, mostly.\n",
    )
    .unwrap();
    let sources = h.state().state.sources.len();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    // The import runs on its own thread; wait for its undo step.
    let label = strings::import_action("Palu_Village_Head_21");
    for _ in 0..500 {
        h.run_steps(1);
        if h.state().state.undo.undo_label() == Some(label.as_str()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(h.state().state.undo.undo_label(), Some(label.as_str()));
    h.run_steps(3);
    click(&mut h, strings::close());
    assert_eq!(h.state().state.sources.len(), sources + 1);
    let guid = Project::open(&f.path)
        .unwrap()
        .find_source("Palu_Village_Head_21")
        .unwrap()
        .guid;
    // Undo from the Edit menu takes the file's source away again.
    click(&mut h, strings::menu_edit());
    click(&mut h, &strings::undo_item(Some(&label)));
    assert_eq!(h.state().state.sources.len(), sources);
    assert!(
        Project::open(&f.path)
            .unwrap()
            .find_source("Palu_Village_Head_21")
            .is_err()
    );
    // Redo brings back the same source.
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(h.state().state.sources.len(), sources + 1);
    let back = Project::open(&f.path)
        .unwrap()
        .find_source("Palu_Village_Head_21")
        .unwrap();
    assert_eq!(back.guid, guid);
}

#[test]
fn clicking_coded_text_fills_the_coded_here_bar_without_moving_the_text() {
    let f = fixture();
    let mut h = harness(&f);
    click(&mut h, SOURCE);
    h.run_steps(3);
    let id = source_id(&f.path);
    let coding = h
        .state()
        .state
        .codings
        .of_source(id)
        .next()
        .expect("the demo codes this source")
        .clone();
    let mid = (coding.start + coding.end) / 2;
    let before = h.state().document.screen_pos_of(mid).expect("drawn");
    let start_before = h.state().document.screen_pos_of(coding.start).unwrap();
    h.hover_at(before);
    h.event(Event::PointerButton {
        pos: before,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: before,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    assert!(
        h.query_by_label_contains(strings::codings_here()).is_some(),
        "the bar lists the codings under the click"
    );
    // The text stays where it was: nothing moves under the pointer.
    assert_eq!(
        h.state().document.screen_pos_of(coding.start),
        Some(start_before)
    );
    // A drag clears the bar; the text still does not move.
    h.drag_at(before);
    h.hover_at(Pos2::new(before.x + 30.0, before.y));
    h.run_steps(2);
    assert_eq!(
        h.state().document.screen_pos_of(coding.start),
        Some(start_before)
    );
    h.drop_at(Pos2::new(before.x + 30.0, before.y));
    h.run_steps(2);
}

fn open_code_menu(h: &mut Harness<'static, JalinApp>, name: &str) {
    {
        let node = h
            .get_all_by_label(name)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .expect("code row");
        node.click_secondary();
    }
    h.run_steps(3);
}

#[test]
fn rename_a_code() {
    let f = fixture();
    let mut h = harness(&f);
    open_code_menu(&mut h, "coordination");
    click(&mut h, strings::rename());
    press(&mut h, Modifiers::COMMAND, Key::A);
    h.event(Event::Text("inter-agency coordination".into()));
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let p = Project::open(&f.path).unwrap();
    assert!(p.find_code("inter-agency coordination").is_ok());
    assert!(p.find_code("coordination").is_err());
}

#[test]
fn delete_a_code_and_undo_it() {
    let f = fixture();
    let before = Project::open(&f.path).unwrap();
    let code = before.find_code("coordination").unwrap();
    let codings_before: Vec<Coding> = before
        .codings()
        .unwrap()
        .into_iter()
        .filter(|c| c.code == code.id)
        .collect();
    assert!(!codings_before.is_empty());
    drop(before);

    let mut h = harness(&f);
    open_code_menu(&mut h, "coordination");
    click(&mut h, strings::delete());
    // The dialog says how many codings go with the code.
    click(&mut h, &strings::delete_button(codings_before.len()));
    {
        let p = Project::open(&f.path).unwrap();
        assert!(p.code(code.id).is_err());
        assert!(p.codings().unwrap().iter().all(|c| c.code != code.id));
    }
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let p = Project::open(&f.path).unwrap();
    assert_eq!(p.code(code.id).unwrap(), code);
    let after: Vec<Coding> = p
        .codings()
        .unwrap()
        .into_iter()
        .filter(|c| c.code == code.id)
        .collect();
    assert_eq!(after, codings_before);
}

#[test]
fn retrieval_lists_the_new_segment_and_jumps_to_it() {
    let f = fixture();
    let mut h = harness(&f);
    let phrase = "Mostly small things, but they matter in court";
    let (s, e) = range_of(&f.path, phrase);
    select(&mut h, s, e);
    press(&mut h, Modifiers::NONE, Key::Slash);
    h.event(Event::Text("court evidence".into()));
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Enter);
    // Read another source, then select the code in the codebook.
    click(&mut h, "Jakarta_Police_01");
    assert_ne!(h.state().document.source(), Some(source_id(&f.path)));
    click(&mut h, "court evidence");
    assert_eq!(h.state().retrieval.rows().len(), 1);
    click(&mut h, &retrieval::row_label(SOURCE, phrase));
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.document.source(), Some(source_id(&f.path)));
    assert!(app.document.screen_pos_of(s).is_some(), "segment shown");
}

#[test]
fn a_memo_survives_reopening_the_project() {
    let f = fixture();
    let text = "Prosecutors describe coordination as personal, not institutional.";
    {
        let mut h = harness(&f);
        click(&mut h, strings::memos());
        click(&mut h, strings::new_project_memo());
        {
            let field = h.get_by_role(Role::MultilineTextInput);
            field.click();
        }
        h.run_steps(2);
        h.event(Event::Text(text.into()));
        // Saved after a pause in typing, without any Save command.
        h.run_steps(60);
        assert!(!h.state().memos.is_dirty());
    }
    let p = Project::open(&f.path).unwrap();
    let memo = p
        .memos()
        .unwrap()
        .into_iter()
        .find(|m| m.text == text)
        .expect("memo saved");
    assert_eq!(memo.target, MemoTarget::Project);
    drop(p);
    // Reopened in the workbench, it is listed.
    let h = harness(&f);
    assert!(h.state().state.memos.iter().any(|m| m.text == text));
}

#[test]
fn first_run_copies_the_demo_and_later_runs_reopen_the_last_project() {
    let dir = tempfile::tempdir().unwrap();
    let dirs = Dirs::under(dir.path());
    let start = || {
        JalinApp::new(Startup {
            dirs: dirs.clone(),
            open: None,
            coder: CODER.into(),
            first_frame_exit: None,
        })
    };
    let app = start();
    assert_eq!(
        std::fs::canonicalize(app.state.path().unwrap()).unwrap(),
        std::fs::canonicalize(dirs.demo_project()).unwrap()
    );
    assert!(dirs.demo_project().exists());
    assert!(app.state.sources.len() >= 20);
    drop(app);
    let other = dir.path().join("other.jalin");
    Project::create(&other).unwrap();
    let app = JalinApp::new(Startup {
        dirs: dirs.clone(),
        open: Some(other.clone()),
        coder: CODER.into(),
        first_frame_exit: None,
    });
    drop(app);
    let app = start();
    assert_eq!(
        std::fs::canonicalize(app.state.path().unwrap()).unwrap(),
        std::fs::canonicalize(&other).unwrap()
    );
}

/// The window closes while a memo is still inside its half-second pause:
/// eframe calls `App::on_exit`, which saves it.
#[test]
fn a_memo_typed_just_before_the_window_closes_is_saved() {
    let f = fixture();
    let text = "Written a moment before closing the window.";
    {
        let mut h = harness(&f);
        click(&mut h, strings::memos());
        click(&mut h, strings::new_project_memo());
        {
            let field = h.get_by_role(Role::MultilineTextInput);
            field.click();
        }
        h.run_steps(2);
        h.event(Event::Text(text.into()));
        // Two frames: well inside the pause, so not saved yet.
        h.run_steps(2);
        assert!(h.state().memos.is_dirty(), "the pause has not passed yet");
        let saved = |path: &Path| {
            Project::open(path)
                .unwrap()
                .memos()
                .unwrap()
                .into_iter()
                .any(|m| m.text == text && m.target == MemoTarget::Project)
        };
        assert!(!saved(&f.path), "saved before the pause ended");
        // What eframe does when the window is closed.
        eframe::App::on_exit(h.state_mut(), None);
        assert!(saved(&f.path), "the memo typed before closing was lost");
    }
}

#[test]
fn a_source_of_one_huge_line_lays_out_only_what_is_visible() {
    use jalin::model::SourceKind;
    use jalin::store::NewSource;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jalin");
    // One 8 MB line: no line break anywhere.
    let mut text = String::with_capacity(8_100_000);
    let mut i = 0;
    while text.len() < 8_000_000 {
        text.push_str(&format!("kata{i} koordinasi lemah é "));
        i += 1;
    }
    {
        let mut p = Project::create(&path).unwrap();
        p.add_source(
            NewSource {
                name: "one line".into(),
                kind: SourceKind::Document,
                text: text.clone(),
                original_name: None,
                attributes: Vec::new(),
                turns: Vec::new(),
                guid: None,
            },
            false,
        )
        .unwrap();
    }
    let data = dir.path().join("data");
    let app = JalinApp::new(Startup {
        dirs: Dirs::under(&data),
        open: Some(path.clone()),
        coder: CODER.into(),
        first_frame_exit: None,
    });
    let mut h = Harness::builder()
        .with_size([1200.0, 900.0])
        .build_ui_state(|ui, app: &mut JalinApp| app.ui(ui), app);
    h.run_steps(3);
    let doc = &h.state().document;
    assert!(doc.source().is_some(), "the source is shown");
    // Laid out in pieces of at most 2,000 chars (< 8 kB of UTF-8 here).
    assert!(doc.paragraph_count() > 3_000, "{}", doc.paragraph_count());
    let (total, largest) = doc.laid_out_bytes();
    assert!(
        largest > 0 && largest <= 8_000,
        "largest galley {largest} bytes"
    );
    assert!(
        total < 2_000_000,
        "{total} bytes laid out of {}",
        text.len()
    );
    // Scroll to the end: still only what is near the view.
    h.state_mut().document.scroll_to_y = Some(1.0e9);
    h.run_steps(3);
    let (total, largest) = h.state().document.laid_out_bytes();
    assert!(largest <= 8_000 && total < 2_000_000, "{total} / {largest}");
    // The project opened and was shown: the next start opens it again.
    let settings = jalin::app::Settings::load(&Dirs::under(&data));
    assert_eq!(settings.opening, None);
}

#[test]
fn a_project_that_did_not_finish_opening_is_not_reopened_at_start() {
    let f = fixture();
    let dirs = Dirs::under(&f.data);
    let mut s = jalin::app::Settings::default();
    s.remember(&f.path);
    // What a run that died while opening the project leaves behind.
    s.begin_opening(&f.path);
    s.save(&dirs).unwrap();
    let app = JalinApp::new(Startup {
        dirs: dirs.clone(),
        open: None,
        coder: CODER.into(),
        first_frame_exit: None,
    });
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .build_ui_state(|ui, app: &mut JalinApp| app.ui(ui), app);
    h.run_steps(3);
    assert!(!h.state().state.is_open(), "the project was opened again");
    h.get_by_label_contains("was not reopened");
    drop(h);
    // Still not reopened at the start after that…
    assert!(jalin::app::Settings::load(&dirs).opening.is_some());
    // …until it is opened on purpose and shown.
    let app = JalinApp::new(Startup {
        dirs: dirs.clone(),
        open: Some(f.path.clone()),
        coder: CODER.into(),
        first_frame_exit: None,
    });
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .build_ui_state(|ui, app: &mut JalinApp| app.ui(ui), app);
    h.run_steps(3);
    assert!(h.state().state.is_open());
    assert_eq!(jalin::app::Settings::load(&dirs).opening, None);
}

/// The workbench and another process on the same project: changes made
/// through a second `Project` handle (as a `jalin` command makes them) show
/// in the window within about a second, and stale ids in the window never
/// touch the other process's work.
mod outside {

    use egui::accesskit::Role;
    use egui::{Key, Modifiers, Pos2};
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};
    use jalin::demo::find_quote;
    use jalin::model::{Attribute, SourceId, SourceKind};
    use jalin::store::{AddedSource, NewCode, NewSource, Project};
    use jalin::ui::{Action, JalinApp, OUTSIDE_POLL};

    use super::{SOURCE, fixture, harness};

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

    /// `jalin source --find/--replace` while the workbench shows the
    /// source: the view shows the corrected text, and an undo there of an
    /// older correction is refused rather than corrupting the text.
    #[test]
    fn a_text_corrected_elsewhere_is_shown_and_stale_undo_is_refused() {
        let f = fixture();
        let mut h = harness(&f);
        let (start, end) = select(&mut h, &f.path, "honest starting point");
        click(&mut h, jalin::ui::strings::correct_text());
        {
            let field = h
                .get_all_by_label(jalin::ui::strings::text_after())
                .find(|n| n.accesskit_node().role() != Role::Label)
                .unwrap();
            field.click();
        }
        h.run_steps(2);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(egui::Event::Text("plain starting point".into()));
        h.run_steps(2);
        click(&mut h, jalin::ui::strings::ok());
        let id = h.state().document.source().unwrap();
        let mut other = Project::open(&f.path).unwrap();
        other.replace_text(id, start, end - 6, "frank ").unwrap();
        drop(other);
        past_poll(&mut h);
        let shown = &h.state().state.texts[&id].texts.text;
        assert!(shown.contains("That is the frank point."), "not re-read");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(3);
        let text = Project::open(&f.path).unwrap().source_text(id).unwrap();
        assert!(text.contains("That is the frank point."), "{text}");
        assert!(
            h.state()
                .state
                .error
                .as_deref()
                .is_some_and(|e| e.contains("changed or removed outside this window")),
            "{:?}",
            h.state().state.error
        );
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
}

/// Right-click a speaker label in the document: the speaker's menu sets the
/// role for this source (the respondent count follows, undo takes it back)
/// and a participant attribute.
#[test]
fn right_click_a_speaker_label_sets_its_role_and_a_participant_attribute() {
    use egui::PointerButton;
    use jalin::analysis::{Grouping, frequencies};
    use jalin::model::roles::Role as SpeakerRole;
    const FGD: &str = "FGD_Experts_Jakarta";
    let f = fixture();
    let respondents = |path: &Path| {
        frequencies(
            &Project::open(path).unwrap().lean_data().unwrap(),
            &Grouping::None,
        )
        .total_respondents
    };
    let before = respondents(&f.path);
    let (source, ratna) = {
        let p = Project::open(&f.path).unwrap();
        let s = p.find_source(FGD).unwrap().id;
        let t = p
            .turns(s)
            .unwrap()
            .into_iter()
            .find(|t| &*t.speaker == "Ratna")
            .unwrap();
        (s, t)
    };
    let mut h = harness(&f);
    click(&mut h, FGD);
    h.run_steps(3);
    let right_click = |h: &mut Harness<'static, JalinApp>| {
        let pos = h
            .state()
            .document
            .screen_pos_of(ratna.start + 1)
            .expect("label drawn");
        h.hover_at(pos);
        h.run_steps(1);
        for pressed in [true, false] {
            h.event(Event::PointerButton {
                pos,
                button: PointerButton::Secondary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.run_steps(1);
        }
        h.run_steps(2);
        assert!(
            h.query_by_label(&strings::speaker_menu_title("Ratna"))
                .is_some(),
            "the speaker menu is open"
        );
    };
    right_click(&mut h);
    click(&mut h, SpeakerRole::Moderator.label());
    let stored = |path: &Path| {
        Project::open(path)
            .unwrap()
            .source_speakers(source)
            .unwrap()
            .into_iter()
            .find(|s| s.name == "Ratna")
    };
    assert_eq!(stored(&f.path).unwrap().role, Some(SpeakerRole::Moderator));
    assert_eq!(respondents(&f.path), before - 1);
    assert!(h.state().document.speaker_menu.is_none(), "menu closed");

    // Undo puts the role found from the label back.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(stored(&f.path).and_then(|s| s.role), None);
    assert_eq!(respondents(&f.path), before);

    // A participant attribute, typed in the menu.
    right_click(&mut h);
    for (label, text) in [
        (strings::participant_attribute(), "Region"),
        (strings::participant_value(), "Jakarta"),
    ] {
        {
            let field = h
                .get_all_by_label(label)
                .find(|n| n.accesskit_node().role() != Role::Label)
                .unwrap();
            field.click();
        }
        h.run_steps(2);
        h.get_all_by_label(label)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap()
            .type_text(text);
        h.run_steps(2);
    }
    click(&mut h, strings::set_participant_attribute());
    let ratna_row = stored(&f.path).unwrap();
    assert_eq!(ratna_row.attribute("region"), Some("Jakarta"));
    assert_eq!(ratna_row.role, None);
}

/// Opens a source's context menu in the sources panel.
fn source_menu(h: &mut Harness<'static, JalinApp>, name: &str) {
    h.get_all_by_label(name)
        .find(|n| n.accesskit_node().role() != Role::Label)
        .unwrap()
        .click_secondary();
    h.run_steps(3);
}

/// Clicks a text field (by its label) and types `text` over what it holds.
fn retype(h: &mut Harness<'static, JalinApp>, label: &str, text: &str) {
    h.get_all_by_label(label)
        .find(|n| n.accesskit_node().role() != Role::Label)
        .unwrap_or_else(|| panic!("no field labelled {label:?}"))
        .click();
    h.run_steps(2);
    press(h, Modifiers::COMMAND, Key::A);
    h.event(Event::Text(text.into()));
    h.run_steps(2);
}

#[test]
fn rename_a_source_and_undo_it() {
    let f = fixture();
    let mut h = harness(&f);
    let id = source_id(&f.path);
    source_menu(&mut h, SOURCE);
    click(&mut h, strings::edit_source());
    retype(&mut h, strings::source_name(), "Palu_Prosecutor_02b");
    click(&mut h, strings::ok());
    let name = |path: &Path| Project::open(path).unwrap().source(id).unwrap().name;
    assert_eq!(name(&f.path), "Palu_Prosecutor_02b");
    assert!(h.query_by_label("Palu_Prosecutor_02b").is_some(), "listed");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(name(&f.path), SOURCE);
    // A taken name is refused with a message and changes nothing.
    source_menu(&mut h, SOURCE);
    click(&mut h, strings::edit_source());
    retype(&mut h, strings::source_name(), "jakarta_judge_03");
    click(&mut h, strings::ok());
    assert_eq!(name(&f.path), SOURCE);
    assert!(
        h.state()
            .state
            .error
            .as_deref()
            .is_some_and(|e| e.contains("already exists")),
        "{:?}",
        h.state().state.error
    );
}

#[test]
fn ctrl_click_selects_sources_and_one_edit_changes_them_all() {
    use jalin::model::SourceKind;
    let f = fixture();
    let mut h = harness(&f);
    let names = ["Palu_Agency_09", "Palu_Community_10", SOURCE];
    click(&mut h, names[0]);
    for n in &names[1..] {
        h.get_all_by_label(n)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap()
            .click_modifiers(Modifiers::COMMAND);
        h.run_steps(3);
    }
    assert_eq!(h.state().sources.selected.len(), 3);
    let before: Vec<_> = {
        let p = Project::open(&f.path).unwrap();
        names.iter().map(|n| p.find_source(n).unwrap()).collect()
    };
    click(&mut h, &strings::edit_sources(3));
    click(&mut h, strings::source_kind());
    click(&mut h, "Observation");
    retype(&mut h, strings::attribute_key(), "Wave");
    retype(&mut h, strings::attribute_value(), "2");
    retype(&mut h, strings::unset_attributes(), "city");
    click(&mut h, strings::ok());
    {
        let p = Project::open(&f.path).unwrap();
        for s in &before {
            let now = p.source(s.id).unwrap();
            assert_eq!(now.kind, SourceKind::Observation, "{}", now.name);
            assert_eq!(now.attribute("wave"), Some("2"), "{}", now.name);
            assert_eq!(now.attribute("city"), None, "{}", now.name);
        }
        // The other sources are as they were.
        assert_eq!(
            p.find_source("Jakarta_Judge_03").unwrap().kind,
            SourceKind::Interview
        );
    }
    // One undo step for all three.
    assert_eq!(
        h.state().state.undo.undo_label(),
        Some(strings::act_edit_sources(3).as_str())
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let p = Project::open(&f.path).unwrap();
    for s in &before {
        assert_eq!(&p.source(s.id).unwrap(), s);
    }
}

#[test]
fn correct_a_typo_in_the_document_and_undo_it() {
    let f = fixture();
    let id = source_id(&f.path);
    let quotes = |path: &Path| {
        let p = Project::open(path).unwrap();
        let text: Vec<char> = p.source_text(id).unwrap().chars().collect();
        let mut q: Vec<(jalin::model::CodingId, String)> = p
            .codings_of_source(id)
            .unwrap()
            .into_iter()
            .map(|c| (c.id, text[c.start..c.end].iter().collect()))
            .collect();
        q.sort();
        q
    };
    let (codings_before, text_before) = {
        let p = Project::open(&f.path).unwrap();
        (p.codings_of_source(id).unwrap(), p.source_text(id).unwrap())
    };
    let quotes_before = quotes(&f.path);
    let mut h = harness(&f);
    let (start, end) = range_of(&f.path, "honest starting point");
    select(&mut h, start, end);
    click(&mut h, strings::correct_text());
    retype(&mut h, strings::text_after(), "plain starting point");
    click(&mut h, strings::ok());
    let text = Project::open(&f.path).unwrap().source_text(id).unwrap();
    assert!(text.contains("That is the plain starting point."), "{text}");
    // Every coding quotes the same words; the ones after moved by -1.
    assert_eq!(quotes(&f.path), quotes_before);
    // The view shows the corrected text.
    assert!(
        h.state().state.texts[&id]
            .texts
            .text
            .contains("the plain starting")
    );
    assert_eq!(
        h.state().state.undo.undo_label(),
        Some(strings::act_correct_text())
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let p = Project::open(&f.path).unwrap();
    assert_eq!(p.source_text(id).unwrap(), text_before);
    assert_eq!(p.codings_of_source(id).unwrap(), codings_before);
    assert!(
        h.state().state.texts[&id]
            .texts
            .text
            .contains("the honest starting")
    );
}

#[test]
fn import_files_through_the_built_in_file_dialog() {
    use jalin::ui::file_dialog::DialogMode;
    let f = fixture();
    let mut h = harness(&f);
    h.state_mut().files.mode = DialogMode::Builtin;
    let file = f.path.with_file_name("Sigi_Teacher_22.txt");
    std::fs::write(
        &file,
        "I: Who tells the school?\nR: The village head, usually.\n",
    )
    .unwrap();
    click(&mut h, strings::menu_file());
    click(&mut h, strings::import_files());
    assert!(h.state().files.is_open(), "the built-in dialog is open");
    click(&mut h, "🗋 Sigi_Teacher_22.txt");
    click(&mut h, "Open");
    let label = strings::import_action("Sigi_Teacher_22");
    for _ in 0..500 {
        h.run_steps(1);
        if h.state().state.undo.undo_label() == Some(label.as_str()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(h.state().state.undo.undo_label(), Some(label.as_str()));
    assert!(
        Project::open(&f.path)
            .unwrap()
            .find_source("Sigi_Teacher_22")
            .is_ok()
    );
    assert!(!h.state().files.is_open());
}

#[test]
fn report_export_through_the_built_in_file_dialog() {
    use jalin::ui::file_dialog::DialogMode;
    let f = fixture();
    let mut h = harness(&f);
    h.state_mut().files.mode = DialogMode::Builtin;
    press(&mut h, Modifiers::COMMAND, Key::R);
    h.run_steps(5);
    click(&mut h, strings::export());
    click(&mut h, "CSV (wide, as shown)");
    assert!(
        h.state().files.is_open(),
        "the built-in save dialog is open"
    );
    click(&mut h, "Save");
    h.run_steps(3);
    let written: Vec<_> = std::fs::read_dir(f.path.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let csv = std::fs::read_to_string(f.path.with_file_name(&written[0])).unwrap();
    assert!(csv.contains("coordination"), "{csv}");
}

#[test]
fn merge_a_colleagues_copy_from_the_preview_and_undo_it() {
    let f = fixture();
    let other = f.path.with_file_name("colleague.jalin");
    let codings_before = {
        let p = Project::open(&f.path).unwrap();
        p.save_copy(&other).unwrap();
        p.codings().unwrap().len()
    };
    {
        let mut o = Project::open(&other).unwrap();
        let s = o.find_source(SOURCE).unwrap().id;
        let code = o.find_code("bureaucracy").unwrap().id;
        let bea = o.coder("Bea").unwrap().id;
        o.add_coding(s, code, 20, 80, bea).unwrap();
        o.rename_code(code, "paperwork").unwrap();
    }
    let mut h = harness(&f);
    // The menu item is there (its file picker is the system's).
    click(&mut h, strings::menu_file());
    assert!(h.query_by_label(strings::merge_project()).is_some());
    press(&mut h, Modifiers::NONE, Key::Escape);
    // The preview writes nothing and says what would come in.
    h.state_mut().merge_preview(std::slice::from_ref(&other));
    h.run_steps(3);
    assert!(h.query_by_label(strings::merge_preview()).is_some());
    assert!(
        h.query_by_label_contains("would add 0 sources, 0 codes, 1 codings")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(
            "is called 'paperwork' in colleague.jalin; the target's name is kept"
        )
        .is_some()
    );
    assert_eq!(
        Project::open(&f.path).unwrap().codings().unwrap().len(),
        codings_before
    );
    click(&mut h, strings::merge());
    assert!(h.query_by_label(strings::merge_report()).is_some());
    let label = strings::merge_action(std::slice::from_ref(&other));
    assert_eq!(h.state().state.undo.undo_label(), Some(label.as_str()));
    click(&mut h, strings::close());
    {
        let p = Project::open(&f.path).unwrap();
        assert_eq!(p.codings().unwrap().len(), codings_before + 1);
        assert_eq!(p.find_code("bureaucracy").unwrap().name, "bureaucracy");
        assert!(p.find_coder("Bea").unwrap().is_some());
    }
    // One undo step takes the whole merge back.
    click(&mut h, strings::menu_edit());
    click(&mut h, &strings::undo_item(Some(&label)));
    let p = Project::open(&f.path).unwrap();
    assert_eq!(p.codings().unwrap().len(), codings_before);
    assert!(p.find_coder("Bea").unwrap().is_none());
}

/// The codings by the coder called `name`, from the project file.
fn codings_by(path: &Path, name: &str) -> Vec<Coding> {
    let p = Project::open(path).unwrap();
    let Some(k) = p.find_coder(name).unwrap() else {
        return Vec::new();
    };
    p.codings()
        .unwrap()
        .into_iter()
        .filter(|c| c.coder == k.id)
        .collect()
}

#[test]
fn switch_coder_from_the_status_bar_and_code_as_them() {
    let f = fixture();
    let mut h = harness(&f);
    let r2_before = codings_by(&f.path, "R2").len();
    click(&mut h, &strings::coder_button(CODER));
    click(&mut h, "R2");
    assert_eq!(h.state().state.coder_name, "R2");
    assert!(h.query_by_label(&strings::coder_button("R2")).is_some());
    let (s, e) = range_of(&f.path, "Koordinasinya masih lemah");
    select(&mut h, s, e);
    press(&mut h, Modifiers::NONE, Key::Num1);
    assert_eq!(codings_by(&f.path, "R2").len(), r2_before + 1);
    assert!(
        my_codings(&f.path).is_empty(),
        "nothing credited to {CODER}"
    );

    // A new coder from the File menu: added (undoably) and coded as.
    click(&mut h, strings::menu_file());
    click(&mut h, strings::menu_coder());
    click(&mut h, strings::new_coder());
    h.event(Event::Text("Citra".into()));
    h.run_steps(2);
    click(&mut h, strings::ok());
    assert_eq!(h.state().state.coder_name, "Citra");
    assert!(
        Project::open(&f.path)
            .unwrap()
            .find_coder("Citra")
            .unwrap()
            .is_some()
    );
    assert_eq!(
        h.state().state.undo.undo_label(),
        Some(strings::act_add_coder("Citra").as_str())
    );
}

#[test]
fn blind_coding_shows_only_the_current_coders_codings() {
    let f = fixture();
    let mut h = harness(&f);
    let everyone = h.state().state.codings.len();
    let r2 = codings_by(&f.path, "R2").len();
    assert!(r2 > 0 && everyone > r2);
    click(&mut h, strings::menu_file());
    click(&mut h, strings::menu_coder());
    click(&mut h, strings::blind_mode());
    assert!(Project::open(&f.path).unwrap().blind().unwrap());
    // T1 has coded nothing yet: the document and counts show nothing.
    assert_eq!(h.state().state.codings.len(), 0);
    assert!(h.state().state.code_counts.is_empty());
    assert!(h.query_by_label(strings::blind_on()).is_some());
    let (s, e) = range_of(&f.path, "Koordinasinya masih lemah");
    select(&mut h, s, e);
    press(&mut h, Modifiers::NONE, Key::Num1);
    assert_eq!(h.state().state.codings.len(), 1);
    // Another coder sees only theirs.
    click(&mut h, &strings::coder_button(CODER));
    click(&mut h, "R2");
    assert_eq!(h.state().state.codings.len(), r2);
    // The project lead turns it off: everyone's codings again.
    click(&mut h, &strings::coder_button("R2"));
    click(&mut h, strings::blind_mode());
    assert!(!Project::open(&f.path).unwrap().blind().unwrap());
    assert_eq!(h.state().state.codings.len(), everyone + 1);
    // And undo turns it back on.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(Project::open(&f.path).unwrap().blind().unwrap());
    assert_eq!(h.state().state.codings.len(), r2);
}

#[test]
fn disagreement_review_writes_consensus_codings_undoably_and_exports() {
    let f = fixture();
    let mut h = harness(&f);
    click(&mut h, strings::menu_reports());
    click(&mut h, strings::open_disagreements());
    let out = f.path.parent().unwrap().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    h.state_mut().disagreements.export_dir = Some(out.clone());
    h.run_steps(2);
    // The demo: R1 and R2 differ on 20 passages of the three sources both coded.
    let items = h.state().disagreements.comparison().unwrap().items.clone();
    assert_eq!(items.len(), 20);
    assert!(h.query_by_label(&strings::reviewed(0, 20)).is_some());
    let first = items[0].clone();
    // The first: R1's longer customary-settlement passage against R2's shorter one.
    assert_eq!(
        h.state().state.codebook.path(first.code),
        "Culture and community > customary settlement"
    );
    click(&mut h, &strings::take("R1"));
    let consensus = codings_by(&f.path, "consensus");
    assert_eq!(consensus.len(), 1);
    assert_eq!(
        (
            consensus[0].code,
            consensus[0].source,
            Some((consensus[0].start, consensus[0].end))
        ),
        (first.code, first.source, first.a)
    );
    assert!(h.query_by_label(&strings::reviewed(1, 20)).is_some());
    // Deciding again replaces the decision: both ranges now.
    click(&mut h, strings::take_both());
    assert_eq!(codings_by(&f.path, "consensus").len(), 2);
    assert_eq!(
        h.state().disagreements.decision(&first),
        Some(jalin::analysis::disagreements::Decision::Both)
    );
    // Undo twice: no consensus codings, and no consensus coder.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(codings_by(&f.path, "consensus").len(), 1);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let p = Project::open(&f.path).unwrap();
    assert!(p.find_coder("consensus").unwrap().is_none());
    drop(p);
    assert!(h.query_by_label(&strings::reviewed(0, 20)).is_some());
    // Neither: decided, nothing written.
    click(&mut h, strings::take_neither());
    assert!(codings_by(&f.path, "consensus").is_empty());
    assert!(h.query_by_label(&strings::reviewed(1, 20)).is_some());
    click(&mut h, &strings::take("R1"));
    click(&mut h, strings::export_markdown());
    let md = std::fs::read_to_string(out.join("disagreements-R1-R2.md")).unwrap();
    assert!(md.contains("**Disagreements: R1 and R2**"), "{md}");
    assert!(md.contains("Reviewed: 1 of 20"), "{md}");
    assert!(md.contains("| A |"), "{md}");
    click(&mut h, strings::export_docx());
    let docx = std::fs::read(out.join("disagreements-R1-R2.docx")).unwrap();
    assert!(docx.starts_with(b"PK"));
}

#[test]
fn a_disagreement_decided_by_a_typed_range_writes_that_range() {
    let f = fixture();
    let mut h = harness(&f);
    click(&mut h, strings::menu_reports());
    click(&mut h, strings::open_disagreements());
    h.run_steps(2);
    let first = h.state().disagreements.comparison().unwrap().items[0].clone();
    let (a, b) = first.span();
    // The reviewer narrows the passage to its middle: the first item's
    // start and end fields ("or range", "..").
    let (start, end) = (a + 10, b - 10);
    // Set through assistive technology's SetValue, as a screen reader does.
    h.get_all_by_label(strings::edit_range())
        .find(|n| n.accesskit_node().role() == Role::SpinButton)
        .unwrap()
        .set_value_accesskit(start as f64);
    h.run_steps(2);
    h.get_all_by_label("..")
        .find(|n| n.accesskit_node().role() == Role::SpinButton)
        .unwrap()
        .set_value_accesskit(end as f64);
    h.run_steps(2);
    h.get_all_by_label(strings::use_range())
        .next()
        .unwrap()
        .click_accesskit();
    h.run_steps(2);
    let consensus = codings_by(&f.path, "consensus");
    assert_eq!(
        consensus
            .iter()
            .map(|c| (c.code, c.source, c.start, c.end))
            .collect::<Vec<_>>(),
        [(first.code, first.source, start, end)]
    );
    assert!(h.query_by_label(&strings::reviewed(1, 20)).is_some());
    // One undo step takes it back.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(codings_by(&f.path, "consensus").is_empty());
}

#[test]
fn a_long_disagreement_list_is_shown_a_page_at_a_time() {
    let f = fixture();
    // A third coder marks 60 short passages R1 did not: more than a page.
    let r3 = {
        let mut p = Project::open(&f.path).unwrap();
        let source = p.find_source("Jakarta_Police_01").unwrap().id;
        let code = p.find_code("coordination").unwrap().id;
        let r3 = p.add_coder("R3", None).unwrap().id;
        for i in 0..60 {
            p.add_coding(source, code, i * 10, i * 10 + 3, r3).unwrap();
        }
        r3
    };
    let mut h = harness(&f);
    click(&mut h, strings::menu_reports());
    click(&mut h, strings::open_disagreements());
    let r1 = h
        .state()
        .state
        .coders
        .iter()
        .find(|c| c.name == "R1")
        .unwrap()
        .id;
    h.state_mut().disagreements.coder_a = Some(r1);
    h.state_mut().disagreements.coder_b = Some(r3);
    h.run_steps(2);
    let total = h.state().disagreements.comparison().unwrap().items.len();
    assert!(total > 60, "{total}");
    let first = strings::items_shown(1, 50, total);
    assert!(h.query_by_label(&first).is_some());
    // Only a page of items is laid out: 50 "Neither" buttons.
    assert_eq!(h.get_all_by_label(strings::take_neither()).count(), 50);
    click(&mut h, strings::next_page());
    let second = strings::items_shown(51, total.min(100), total);
    assert!(h.query_by_label(&second).is_some());
    assert_eq!(
        h.get_all_by_label(strings::take_neither()).count(),
        total.min(100) - 50
    );
    click(&mut h, strings::previous_page());
    assert!(h.query_by_label(&first).is_some());
}

/// PSE: the Pseudonyms tab adds, edits (one undoable step), refuses and
/// removes rows and accepts a suggestion; View ▸ Show pseudonymised shows
/// the document, the source list and retrieval quotes with the names
/// replaced, and the stored text keeps them.
#[test]
fn pseudonyms_tab_and_the_pseudonymised_view() {
    use jalin::model::pseudonyms::PseudonymKind;
    let f = fixture();
    let mut h = harness(&f);
    let table = |path: &Path| -> Vec<(String, String, PseudonymKind)> {
        Project::open(path)
            .unwrap()
            .pseudonyms()
            .unwrap()
            .into_iter()
            .map(|p| (p.real, p.pseudonym, p.kind))
            .collect()
    };
    let row = |r: &str, p: &str, k| (r.to_string(), p.to_string(), k);
    click(&mut h, strings::pseudonyms());
    retype(&mut h, strings::pseudonym_real(), "Palu");
    retype(&mut h, strings::pseudonym_name(), "Kota A");
    click(&mut h, "place");
    click(&mut h, strings::pseudonym_add());
    assert_eq!(
        table(&f.path),
        vec![row("Palu", "Kota A", PseudonymKind::Place)]
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(table(&f.path), vec![]);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        table(&f.path),
        vec![row("Palu", "Kota A", PseudonymKind::Place)]
    );
    // Edit: a new pseudonym, then undo gives the old one back.
    click(&mut h, &strings::edit_pseudonym("Palu"));
    retype(&mut h, strings::pseudonym_name(), "Kota B");
    click(&mut h, strings::pseudonym_save());
    assert_eq!(
        table(&f.path),
        vec![row("Palu", "Kota B", PseudonymKind::Place)]
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        table(&f.path),
        vec![row("Palu", "Kota A", PseudonymKind::Place)]
    );
    // A pseudonym that holds a real name is refused where it was typed.
    retype(&mut h, strings::pseudonym_real(), "Ratna");
    retype(&mut h, strings::pseudonym_name(), "Ratna dari Palu");
    click(&mut h, "person");
    click(&mut h, strings::pseudonym_add());
    assert!(
        h.query_by_label_contains("contains the real name")
            .is_some(),
        "the refusal is shown"
    );
    assert_eq!(table(&f.path).len(), 1);
    retype(&mut h, strings::pseudonym_name(), "Ayu");
    click(&mut h, strings::pseudonym_add());
    // A suggestion accepted, then removed again.
    click(&mut h, strings::pseudonym_suggest());
    let accept = h
        .get_all_by_label_contains("Accept ")
        .filter(|n| n.accesskit_node().role() != Role::Label)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l != strings::pseudonym_accept_all())
        .expect("suggestions are listed");
    let name = accept.trim_start_matches("Accept ").to_string();
    assert_ne!(name, "Palu", "names in the table are not suggested");
    click(&mut h, &accept);
    assert!(table(&f.path).iter().any(|r| r.0 == name), "{name} added");
    assert!(h.query_by_label(&accept).is_none(), "no longer suggested");
    click(&mut h, &strings::remove_pseudonym(&name));
    assert_eq!(
        table(&f.path),
        vec![
            row("Ratna", "Ayu", PseudonymKind::Person),
            row("Palu", "Kota A", PseudonymKind::Place)
        ]
    );

    // The pseudonymised view: document, source list, retrieval.
    let id = source_id(&f.path);
    {
        let app = h.state_mut();
        app.document.open(&app.state, id);
    }
    h.run_steps(2);
    click(&mut h, strings::menu_view());
    click(&mut h, strings::show_pseudonymised());
    assert!(h.state().state.show_pseudonymised);
    h.run_steps(2);
    // A plain label's text is its accesskit value.
    let texts: Vec<String> = h
        .get_all_by_role(Role::Label)
        .filter_map(|n| n.accesskit_node().value())
        .collect();
    let text = texts
        .iter()
        .find(|t| t.starts_with("Interviewer: Thank you for making time"))
        .expect("the document text is shown");
    assert!(text.contains("Kota A"), "replaced");
    assert!(!text.contains("Palu"), "no real name left");
    assert!(
        h.query_by_label("Kota A_Prosecutor_02").is_some(),
        "listed as"
    );
    assert!(h.query_by_label(SOURCE).is_none());
    let stored = Project::open(&f.path).unwrap().source_text(id).unwrap();
    assert!(stored.contains("Palu"));
    // Retrieval: every code's segments, quotes and sources replaced.
    {
        let app = h.state_mut();
        app.codebook.selected = app.state.codebook.codes().iter().map(|c| c.id).collect();
        app.lower = jalin::ui::LowerTab::Retrieval;
    }
    h.run_steps(4);
    let shown: Vec<String> = h
        .get_all_by_label_contains("Kota A")
        .filter_map(|n| n.accesskit_node().label().or(n.accesskit_node().value()))
        .collect();
    assert!(
        shown.iter().any(|l| l.starts_with("Kota A_")),
        "retrieval rows are listed: {shown:?}"
    );
    let left: Vec<String> = h
        .query_all_by_label_contains("Palu")
        .map(|n| {
            format!(
                "{:?} {:?}",
                n.accesskit_node().role(),
                n.accesskit_node().label().or(n.accesskit_node().value())
            )
        })
        .collect();
    assert!(left.is_empty(), "no real name on screen: {left:?}");
    click(&mut h, strings::menu_view());
    click(&mut h, strings::show_pseudonymised());
    assert!(!h.state().state.show_pseudonymised);
    assert!(h.query_all_by_label(SOURCE).next().is_some());
    assert!(h.query_all_by_label_contains("Palu").next().is_some());
}

/// Every file under `dir` (settings, recent projects) whose bytes hold
/// `needle`.
fn files_under_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(files_under_holding(&p, needle));
        } else if std::fs::read(&p)
            .unwrap_or_default()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
        {
            found.push(p);
        }
    }
    found
}

/// ENC-9: opening an encrypted project asks for its passphrase in a modal
/// with a password field; a wrong one is said and asked again; the right
/// one opens it. The passphrase is in no file of the settings folder (which
/// lists the project among the recent ones).
#[test]
fn an_encrypted_project_asks_for_its_passphrase_and_keeps_it_out_of_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.jalin");
    let pass = "violet harbour 19";
    {
        let key = jalin::store::Passphrase::new(pass).unwrap();
        let mut p = Project::create_with(&path, Some(&key)).unwrap();
        load_demo(&mut p).unwrap();
    }
    let f = Fixture {
        path: path.clone(),
        data: dir.path().join("data"),
        _dir: dir,
    };
    let mut h = harness(&f);
    assert!(!h.state().state.is_open());
    assert!(
        h.query_by_label(&strings::passphrase_to_open(&path))
            .is_some(),
        "no passphrase dialog"
    );
    retype(&mut h, strings::passphrase(), "violet harbour 18");
    click(&mut h, strings::ok());
    assert!(!h.state().state.is_open());
    assert!(h.query_by_label(strings::wrong_passphrase()).is_some());
    retype(&mut h, strings::passphrase(), pass);
    click(&mut h, strings::ok());
    assert!(h.state().state.is_open());
    assert!(h.state().state.is_encrypted());
    assert!(h.state().state.sources.len() >= 20);
    h.run_steps(5);
    drop(h);
    assert!(
        !files_under_holding(&f.data, "secret.jalin").is_empty(),
        "control: the recent projects name the file"
    );
    assert_eq!(files_under_holding(&f.data, pass), Vec::<PathBuf>::new());
    assert_eq!(
        files_under_holding(&f.data, "violet"),
        Vec::<PathBuf>::new()
    );
}

/// ENC-10: File ▸ Encrypt with a passphrase… (typed twice) rewrites the
/// open project encrypted and shows it again; File ▸ Change passphrase…
/// then makes the old passphrase fail.
#[test]
fn the_file_menu_encrypts_the_open_project_and_changes_its_passphrase() {
    let f = fixture();
    let mut h = harness(&f);
    let sources = h.state().state.sources.len();
    click(&mut h, strings::menu_file());
    click(&mut h, strings::encrypt_project());
    retype(&mut h, strings::passphrase(), "amber reef 4");
    retype(&mut h, strings::passphrase_again(), "amber reef 5");
    assert!(h.query_by_label(strings::passphrases_differ()).is_some());
    retype(&mut h, strings::passphrase_again(), "amber reef 4");
    click(&mut h, strings::ok());
    assert!(
        h.state().state.error.is_none(),
        "{:?}",
        h.state().state.error
    );
    assert!(jalin::store::looks_encrypted(&f.path));
    assert!(h.state().state.is_encrypted());
    assert_eq!(h.state().state.sources.len(), sources);
    click(&mut h, strings::menu_file());
    click(&mut h, strings::change_passphrase());
    retype(&mut h, strings::passphrase(), "amber reef 6");
    retype(&mut h, strings::passphrase_again(), "amber reef 6");
    click(&mut h, strings::ok());
    assert!(
        h.state().state.error.is_none(),
        "{:?}",
        h.state().state.error
    );
    drop(h);
    let old = jalin::store::Passphrase::new("amber reef 4").unwrap();
    let new = jalin::store::Passphrase::new("amber reef 6").unwrap();
    assert!(Project::open_with(&f.path, Some(&old)).is_err());
    assert_eq!(
        Project::open_with(&f.path, Some(&new))
            .unwrap()
            .sources()
            .unwrap()
            .len(),
        sources
    );
}

/// PG-8: File ▸ Open team project… opens a team project on a PostgreSQL
/// server from the fields typed (the status bar names its location); the
/// recent list keeps the location and no file under the settings holds
/// the password typed. A code another coder adds on the server then
/// appears in the open codebook by itself (LISTEN/NOTIFY), with the
/// user's undo history untouched.
#[test]
fn open_a_team_project_and_see_another_coders_change() {
    let Ok(url) = std::env::var("JALIN_TEST_PG_URL") else {
        if std::env::var("JALIN_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("JALIN_REQUIRE_PG=1 but JALIN_TEST_PG_URL is not set");
        }
        eprintln!("skipped: JALIN_TEST_PG_URL is not set (no PostgreSQL server to test on)");
        return;
    };
    let f = fixture();
    let name = format!("t_gui_{}", std::process::id());
    let loc = jalin::store::ServerLocation::parse(&format!("{url}?project={name}")).unwrap();
    // The project and its roles go when the test ends, passed or failed.
    struct Gone(jalin::store::ServerLocation);
    impl Drop for Gone {
        fn drop(&mut self) {
            let _ = jalin::store::drop_server_project(&self.0, jalin::store::Password::Given(""));
        }
    }
    let _gone = Gone(loc.clone());
    jalin::store::copy_project(f.path.to_str().unwrap(), &loc.display()).unwrap();
    let mut h = harness(&f);
    click(&mut h, strings::menu_file());
    click(&mut h, strings::open_team_project());
    retype(&mut h, strings::team_server(), &loc.host);
    retype(&mut h, strings::team_port(), &loc.port.to_string());
    retype(&mut h, strings::team_database(), &loc.database);
    retype(&mut h, strings::team_project(), &loc.project);
    retype(&mut h, strings::team_user(), &loc.user);
    retype(&mut h, strings::team_password(), "typed-secret-7");
    click(&mut h, strings::ok());
    h.run_steps(3);
    let shown = loc.display();
    assert!(
        h.get_all_by_label(&shown).next().is_some(),
        "the status bar does not name {shown}"
    );
    let settings = jalin::app::Settings::load(&Dirs::under(&f.data));
    assert_eq!(settings.recent.first(), Some(&PathBuf::from(&shown)));
    for entry in walk(&f.data) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("typed-secret-7"),
            "{} holds the password",
            entry.display()
        );
    }
    // Another coder adds a code on the server.
    assert!(
        h.query_all_by_label_contains("Arrivals from the islands")
            .next()
            .is_none()
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(["codes", "add", &shown, "Arrivals from the islands"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut seen = false;
    for _ in 0..40 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(3);
        if h.query_all_by_label_contains("Arrivals from the islands")
            .next()
            .is_some()
        {
            seen = true;
            break;
        }
    }
    assert!(seen, "the code added on the server did not appear");
    assert!(
        !h.state().state.undo.can_undo(),
        "another coder's change became an undo step here"
    );
    assert!(
        h.state()
            .state
            .codebook
            .codes()
            .iter()
            .any(|c| c.name == "Arrivals from the islands")
    );
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Whether `needle` is in the bytes of the project file or its log.
fn in_raw_file(path: &Path, needle: &str) -> bool {
    ["", "-wal"].iter().any(|suffix| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::fs::read(PathBuf::from(p))
            .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
    })
}

#[test]
fn remove_a_source_from_its_menu_undo_it_and_closing_erases_it() {
    let f = fixture();
    let id = source_id(&f.path);
    let (text, codings, memos) = {
        let p = Project::open(&f.path).unwrap();
        let gone = p.source_removal_preview(id).unwrap();
        (p.source_text(id).unwrap(), gone.codings, gone.memos)
    };
    assert!(codings > 0, "the demo source is coded");
    // A sentence of the source, found in the file before.
    let sentence: String = text
        .chars()
        .skip(text.chars().count() / 2)
        .take(60)
        .collect();
    assert!(
        in_raw_file(&f.path, &sentence),
        "control: the text is in the file"
    );
    let mut h = harness(&f);
    // Shown in the document while it is removed.
    click(&mut h, SOURCE);
    assert_eq!(h.state().document.source(), Some(id));
    source_menu(&mut h, SOURCE);
    click(&mut h, strings::remove_source());
    // The question names what goes.
    let question = strings::remove_source_question(SOURCE, text.chars().count(), codings, memos);
    assert!(
        h.query_by_label(&question).is_some(),
        "no question {question:?}"
    );
    click(&mut h, &strings::remove_source_button(codings));
    let gone = |path: &Path| Project::open(path).unwrap().source(id).is_err();
    assert!(gone(&f.path));
    assert!(h.query_by_label(SOURCE).is_none(), "still listed");
    assert_eq!(
        h.state().document.source(),
        None,
        "the removed text is still shown"
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!gone(&f.path), "undo puts it back");
    {
        let p = Project::open(&f.path).unwrap();
        assert_eq!(p.source_text(id).unwrap(), text);
        assert_eq!(p.source_removal_preview(id).unwrap().codings, codings);
    }
    // Redo, then close the window: the file is vacuumed and the text is
    // in neither the file nor its log.
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(gone(&f.path), "redo removes it again");
    eframe::App::on_exit(h.state_mut(), None);
    assert!(!h.state().state.is_open());
    assert!(
        !in_raw_file(&f.path, &sentence),
        "the removed text is left in the file"
    );
    let p = Project::open(&f.path).unwrap();
    assert_eq!(p.space().unwrap().free_pages, 0, "vacuumed on closing");
}
