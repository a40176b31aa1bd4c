//! The Reports panel, exemplars, the FGD review board, CSV column choice and
//! REFI-QDA exchange, driven through the workbench's real UI with
//! egui_kittest and checked in the files written and the project file.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jalin::app::Dirs;
use jalin::demo::load_demo;
use jalin::export::TableFormat;
use jalin::model::ReviewStatus;
use jalin::store::Project;
use jalin::ui::dialogs::Dialog;
use jalin::ui::{Action, JalinApp, LowerTab, Startup, strings};

struct Fixture {
    dir: tempfile::TempDir,
    path: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.jalin");
    let mut p = Project::create(&path).unwrap();
    load_demo(&mut p).unwrap();
    Fixture { path, dir }
}

fn harness(f: &Fixture) -> Harness<'static, JalinApp> {
    let app = JalinApp::new(Startup {
        dirs: Dirs::under(&f.dir.path().join("data")),
        open: Some(f.path.clone()),
        coder: "T1".into(),
        first_frame_exit: None,
    });
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut JalinApp| app.ui(ui), app);
    h.run_steps(3);
    h
}

/// Clicks the first widget (not a plain label) with this exact name.
fn click(h: &mut Harness<'static, JalinApp>, label: &str) {
    {
        let nodes: Vec<_> = h
            .get_all_by_label(label)
            .filter(|n| n.accesskit_node().role() != Role::Label)
            .collect();
        assert!(!nodes.is_empty(), "no widget labelled {label:?}");
        nodes[0].click();
    }
    h.run_steps(3);
}

/// Runs frames until no import runs in the background.
fn wait_idle(h: &mut Harness<'static, JalinApp>) {
    let t0 = Instant::now();
    while h.state().is_busy() {
        assert!(t0.elapsed() < Duration::from_secs(60), "still busy");
        std::thread::sleep(Duration::from_millis(20));
        h.run_steps(1);
    }
    h.run_steps(3);
}

#[test]
fn reports_triangulation_matrix_exports_as_csv() {
    let f = fixture();
    let out = f.dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    assert_eq!(h.state().lower, LowerTab::Reports);
    h.state_mut().reports.export_dir = Some(out.clone());
    click(&mut h, strings::report_triangulation());
    let report = h
        .state()
        .reports
        .report()
        .expect("a table is shown")
        .clone();
    assert!(report.title.starts_with("Triangulation"));
    // The preview shows the table's column headers, kinds named as people
    // name them ("Interview: codings", not "interview: codings").
    let header = &jalin::export::human_labels(&report).wide.columns[1];
    assert_eq!(header, "Interview: codings");
    assert!(h.query_by_label(header).is_some(), "{header} not shown");
    assert!(h.query_by_label(&report.wide.columns[1]).is_none());
    // Computed once, not per frame.
    let n = h.state().reports.computations();
    h.run_steps(10);
    assert_eq!(h.state().reports.computations(), n);

    click(&mut h, strings::export());
    click(&mut h, strings::table_format_label(TableFormat::Csv));
    let file = out.join("triangulation.csv");
    let text = std::fs::read_to_string(&file).expect("the export exists");
    assert_eq!(
        text.lines().next(),
        Some("code,group,kind,codings,sources,status")
    );
    assert!(text.lines().count() > 1);
    assert!(matches!(h.state().reports.message(), Some(Ok(_))));

    // Every other table and figure previews and exports.
    for (kind, name) in [
        (strings::report_frequencies(), "frequencies.xlsx"),
        (strings::report_quotes(), "quotes.docx"),
    ] {
        click(&mut h, kind);
        click(&mut h, strings::export());
        let format = if name.ends_with("xlsx") {
            TableFormat::Xlsx
        } else {
            TableFormat::Docx
        };
        click(&mut h, strings::table_format_label(format));
        assert!(out.join(name).exists(), "{name}");
    }
    for (kind, label, name) in [
        (
            strings::figure_bars(),
            strings::figure_svg(),
            "frequencies-chart.svg",
        ),
        (
            strings::figure_heatmap(),
            strings::figure_png(),
            "heatmap.png",
        ),
        (
            strings::figure_concept_map(),
            strings::figure_dot(),
            "concept-map.dot",
        ),
    ] {
        click(&mut h, kind);
        h.run_steps(3);
        click(&mut h, strings::export());
        click(&mut h, label);
        assert!(out.join(name).exists(), "{name}");
    }
}

#[test]
fn a_segment_is_marked_as_exemplar_in_retrieval_and_undone() {
    let f = fixture();
    let mut h = harness(&f);
    let code = Project::open(&f.path)
        .unwrap()
        .find_code("coordination")
        .unwrap()
        .id;
    h.state_mut().codebook.selected = vec![code];
    h.run_steps(3);
    let coding = h.state().retrieval.rows()[0].coding;
    let before = Project::open(&f.path).unwrap().exemplars().unwrap();
    let was = before.contains(&coding);
    click(&mut h, strings::exemplar());
    let after = Project::open(&f.path).unwrap().exemplars().unwrap();
    assert_eq!(after.contains(&coding), !was);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let undone = Project::open(&f.path).unwrap().exemplars().unwrap();
    assert_eq!(undone, before);
}

/// Shows the review board; returns its themes' codes, in board order.
fn open_review_board(h: &mut Harness<'static, JalinApp>) -> Vec<jalin::model::CodeId> {
    h.state_mut().lower = LowerTab::Review;
    h.run_steps(3);
    h.state()
        .review
        .board()
        .expect("a board")
        .themes
        .iter()
        .map(|t| t.code)
        .collect()
}

#[test]
fn review_board_stores_a_status_and_a_note() {
    let f = fixture();
    let mut h = harness(&f);
    let themes = open_review_board(&mut h);
    assert!(!themes.is_empty());
    click(&mut h, strings::review_status(ReviewStatus::Confirmed));
    let items = Project::open(&f.path)
        .unwrap()
        .review_items(strings::DEFAULT_SESSION)
        .unwrap();
    // The whole board is stored, the first theme confirmed.
    assert_eq!(items.len(), themes.len());
    assert_eq!(items[0].code, themes[0]);
    assert_eq!(items[0].status, ReviewStatus::Confirmed);
    assert!(items[1..].iter().all(|i| i.status == ReviewStatus::Pending));

    // A note, saved when the field loses focus.
    {
        let note = h.get_all_by_label(strings::theme_note()).next().unwrap();
        note.click();
    }
    h.run_steps(2);
    h.get_all_by_label(strings::theme_note())
        .next()
        .unwrap()
        .type_text("agreed by all");
    h.run_steps(2);
    h.key_press(Key::Tab);
    h.run_steps(3);
    let items = Project::open(&f.path)
        .unwrap()
        .review_items(strings::DEFAULT_SESSION)
        .unwrap();
    assert_eq!(items[0].note, "agreed by all");
    assert_eq!(items[0].status, ReviewStatus::Confirmed);

    // Undo twice: the note, then the whole stored board.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let items = Project::open(&f.path)
        .unwrap()
        .review_items(strings::DEFAULT_SESSION)
        .unwrap();
    assert!(items.is_empty(), "{items:?}");

    // The sheet exports.
    let out = f.dir.path().join("sheets");
    std::fs::create_dir_all(&out).unwrap();
    h.state_mut().review.export_dir = Some(out.clone());
    click(&mut h, strings::export_sheet());
    click(&mut h, strings::sheet_md());
    let md = std::fs::read_to_string(out.join("fgd-review.md")).unwrap();
    assert!(md.contains("coordination"), "{md}");
}

fn loss_report(h: &Harness<'static, JalinApp>) -> String {
    match h.state().dialog() {
        Some(Dialog::LossReport(text)) => text.clone(),
        other => panic!("no loss report: {other:?}"),
    }
}

#[test]
fn qdpx_export_then_import_opens_the_new_project_with_its_loss_report() {
    let f = fixture();
    let qdpx = f.dir.path().join("study.qdpx");
    let target = f.dir.path().join("imported.jalin");
    let mut h = harness(&f);
    h.state_mut().export_exchange_to(true, &qdpx);
    assert!(qdpx.exists());
    let ctx = h.ctx.clone();
    h.state_mut()
        .start_qdpx_import(qdpx.clone(), target.clone(), &ctx);
    wait_idle(&mut h);
    let text = loss_report(&h);
    assert!(text.contains("created"), "{text}");
    let first_line = text.lines().next().unwrap().to_string();
    assert!(
        h.query_by_label_contains(&first_line).is_some(),
        "the loss report is shown"
    );
    assert_eq!(h.state().state.path().as_deref(), Some(target.as_path()));
    let original = Project::open(&f.path).unwrap().data().unwrap();
    let imported = Project::open(&target).unwrap().data().unwrap();
    assert_eq!(imported.sources.len(), original.sources.len());
    assert_eq!(imported.codings.len(), original.codings.len());
    click(&mut h, strings::close());
    assert!(h.state().dialog().is_none());

    // A second import onto an existing file fails with a message, once.
    let ctx = h.ctx.clone();
    h.state_mut().start_qdpx_import(qdpx, target, &ctx);
    wait_idle(&mut h);
    assert!(h.state().state.error.is_some());
}

#[test]
fn a_qdpx_off_the_standard_says_so_in_the_workbench_and_export_splits_selections() {
    let f = fixture();
    // The workbench's export: one selection per coding.
    let mut h = harness(&f);
    let out = f.dir.path().join("export.qdpx");
    h.state_mut().export_exchange_to(true, &out);
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut qde = String::new();
    std::io::Read::read_to_string(&mut z.by_name("project.qde").unwrap(), &mut qde).unwrap();
    let selections = qde.matches("<PlainTextSelection ").count();
    let codings = qde.matches("<Coding ").count();
    assert!(codings > 0);
    assert_eq!(selections, codings);

    // A file whose codebook is in a foreign namespace.
    let bad = f.dir.path().join("foreign.qdpx");
    {
        let mut w = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
        w.start_file("project.qde", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(
            &mut w,
            br##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook xmlns="urn:example:codes"><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="Trust" isCodable="true" color="#336699"/></Codes></CodeBook><Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="Notes"><PlainTextContent>A walk past the market.</PlainTextContent></TextSource></Sources></Project>"##,
        )
        .unwrap();
        w.finish().unwrap();
    }
    let target = f.dir.path().join("foreign.jalin");
    let ctx = h.ctx.clone();
    h.state_mut().start_qdpx_import(bad, target, &ctx);
    wait_idle(&mut h);
    let text = loss_report(&h);
    assert!(
        text.contains("Not standard: the file does not follow the REFI-QDA standard"),
        "{text}"
    );
    assert!(
        text.contains("<CodeBook> (and what it holds) is in namespace 'urn:example:codes'"),
        "{text}"
    );
    assert!(text.contains("nothing else was left out"), "{text}");
    assert!(
        h.query_by_label_contains("Not standard").is_some(),
        "the deviation is shown"
    );
}

#[test]
fn codebook_exports_and_imports_as_qdc() {
    let f = fixture();
    let qdc = f.dir.path().join("codes.qdc");
    let mut h = harness(&f);
    h.state_mut().export_exchange_to(false, &qdc);
    assert!(qdc.exists());
    let empty = f.dir.path().join("empty.jalin");
    Project::create(&empty).unwrap();
    h.state_mut().handle(
        Action::OpenPath(empty.clone()),
        &egui::Context::default(),
        0.0,
    );
    h.run_steps(2);
    h.state_mut().import_qdc_from(&qdc);
    h.run_steps(2);
    assert!(loss_report(&h).contains("new codes"));
    let codes = Project::open(&empty).unwrap().codes().unwrap();
    assert_eq!(
        codes.len(),
        Project::open(&f.path).unwrap().codes().unwrap().len()
    );
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn csv_import_asks_for_columns_and_uses_the_chosen_ones() {
    let f = fixture();
    let csv = f.dir.path().join("turns.csv");
    write(
        &csv,
        "who,said,remark\nAni,spoken words one,zebra remark one\nBudi,spoken words two,zebra remark two\n",
    );
    let mut h = harness(&f);
    let ctx = h.ctx.clone();
    h.state_mut().handle(Action::Import(vec![csv]), &ctx, 0.0);
    h.run_steps(3);
    match h.state().dialog() {
        Some(Dialog::CsvColumns { columns, .. }) => {
            assert_eq!(columns.speaker.as_deref(), Some("who"));
            assert_eq!(columns.text.as_deref(), Some("said"));
        }
        other => panic!("no column dialog: {other:?}"),
    }
    click(&mut h, strings::text_column());
    click(&mut h, "remark");
    click(&mut h, strings::import());
    wait_idle(&mut h);
    let p = Project::open(&f.path).unwrap();
    let source = p.find_source("turns").unwrap();
    let text = p.source_text(source.id).unwrap();
    assert!(text.contains("zebra remark one"), "{text}");
    assert!(!text.contains("spoken words"), "{text}");
    assert!(text.contains("Ani"), "{text}");
}

#[test]
fn import_report_lists_speakers_and_opens_their_roles() {
    let f = fixture();
    let csv = f.dir.path().join("library.csv");
    write(
        &csv,
        "Speaker,Text\nInterviewer:,Where do you meet &amp; when?\nDB:,At the library.\nInterviewer,And later?\nDB,At the café.\n",
    );
    let mut h = harness(&f);
    let ctx = h.ctx.clone();
    h.state_mut()
        .handle(Action::Import(vec![csv.clone()]), &ctx, 0.0);
    h.run_steps(3);
    assert!(matches!(
        h.state().dialog(),
        Some(Dialog::CsvColumns {
            keep_entities: false,
            ..
        })
    ));
    click(&mut h, strings::import());
    wait_idle(&mut h);
    let Some(Dialog::ImportReport(report)) = h.state().dialog() else {
        panic!("no import report: {:?}", h.state().dialog());
    };
    assert_eq!(report.sources.len(), 1);
    assert_eq!(
        report.sources[0].speakers,
        "Interviewer (interviewer), DB (respondent)"
    );
    // What the report shows: the source's kind and speakers, and the note.
    h.get_by_label("Interview; speakers: Interviewer (interviewer), DB (respondent)");
    h.get_by_label(
        "library: note: decoded 1 HTML entity such as &amp; (as &); import with --keep-entities (workbench: Keep HTML entities) to store them as written",
    );
    // Its button opens the speakers of that source; a role set there is
    // stored, and the dialog stays open until taken back to the report.
    click(&mut h, &strings::speakers_of("library"));
    assert!(matches!(h.state().dialog(), Some(Dialog::Speakers { .. })));
    h.get_by_label(&strings::speakers_title("library"));
    click(&mut h, &strings::role_of("DB"));
    click(&mut h, jalin::model::roles::Role::Other.label());
    let p = Project::open(&f.path).unwrap();
    let source = p.find_source("library").unwrap();
    let db = p
        .speakers()
        .unwrap()
        .into_iter()
        .find(|s| s.source == source.id && s.name == "DB")
        .expect("DB stored");
    assert_eq!(db.role, Some(jalin::model::roles::Role::Other));
    assert!(matches!(h.state().dialog(), Some(Dialog::Speakers { .. })));
    assert_eq!(h.get_all_by_label(&strings::turn_count(2)).count(), 2);
    click(&mut h, strings::back_to_report());
    assert!(matches!(h.state().dialog(), Some(Dialog::ImportReport(_))));
    click(&mut h, strings::close());
    // Undo takes the role back.
    assert_eq!(
        h.state().state.undo.undo_label(),
        Some(strings::act_speaker_role())
    );
    // Keep HTML entities: the words are stored as written.
    h.state_mut().handle(Action::Import(vec![csv]), &ctx, 0.0);
    h.run_steps(3);
    click(&mut h, strings::keep_entities());
    click(&mut h, strings::import());
    wait_idle(&mut h);
    let p = Project::open(&f.path).unwrap();
    let kept = p
        .sources()
        .unwrap()
        .into_iter()
        .map(|s| p.source_text(s.id).unwrap())
        .filter(|t| t.contains("Where do you meet &amp; when?"))
        .count();
    assert_eq!(kept, 1);
}

#[test]
fn a_folder_imports_every_supported_file() {
    let f = fixture();
    let folder = f.dir.path().join("incoming");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    write(
        &folder.join("a.txt"),
        "Interviewer: Hello?\nR: First folder file.\n",
    );
    write(
        &folder.join("sub/b.srt"),
        "1\n00:00:01,000 --> 00:00:02,000\nSecond folder file in subtitles.\n",
    );
    write(&folder.join("notes.xyz"), "not readable");
    // A FIFO would hang the import; it is listed as skipped instead.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let fifo = std::ffi::CString::new(folder.join("pipe.txt").as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    }
    let mut h = harness(&f);
    let ctx = h.ctx.clone();
    h.state_mut()
        .handle(Action::Import(vec![folder]), &ctx, 0.0);
    wait_idle(&mut h);
    let p = Project::open(&f.path).unwrap();
    assert!(p.find_source("a").is_ok());
    assert!(p.find_source("b").is_ok());
    match h.state().dialog() {
        Some(Dialog::ImportReport(r)) => {
            assert!(r.lines.iter().any(|l| l.contains("notes.xyz")), "{r:?}");
            if cfg!(unix) {
                assert!(
                    r.lines
                        .iter()
                        .any(|l| l.starts_with("skipped (a FIFO, not a regular file): ")
                            && l.ends_with("pipe.txt")),
                    "{r:?}"
                );
                assert!(r.summary.contains("2 skipped (listed below)"), "{r:?}");
            }
        }
        other => panic!("no import report: {other:?}"),
    }
}

/// File ▸ Save a copy… writes a complete, consistent copy of the open
/// project (the same online backup as `jalin backup`) and keeps it open.
#[test]
fn save_a_copy_writes_the_open_project_with_its_latest_work() {
    let f = fixture();
    let mut h = harness(&f);
    click(&mut h, strings::menu_file());
    assert!(
        h.query_by_label(strings::save_copy()).is_some(),
        "no File ▸ {} item",
        strings::save_copy()
    );
    let copy = f.dir.path().join("study copy.jalin");
    h.state_mut().save_copy_to(&copy);
    let open = Project::open(&f.path).unwrap();
    let saved = Project::open(&copy).unwrap();
    saved.check_integrity().unwrap();
    assert_eq!(saved.codings().unwrap(), open.codings().unwrap());
    assert_eq!(saved.memos().unwrap().len(), open.memos().unwrap().len());
    // A second copy to the same name is refused and says why.
    h.state_mut().save_copy_to(&copy);
    let error = h.state().state.error.clone().unwrap_or_default();
    assert!(error.contains("cannot write a copy there"), "{error}");
}

#[test]
fn exports_never_go_over_the_open_project() {
    let f = fixture();
    let codings = Project::open(&f.path).unwrap().codings().unwrap().len();
    let mut h = harness(&f);
    let mut wal = f.path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    let before = std::fs::read(&f.path).unwrap();
    for (project, target) in [(true, &f.path), (false, &f.path), (true, &wal)] {
        h.state_mut().export_exchange_to(project, target);
        let e = h.state().state.error.clone().unwrap_or_default();
        assert!(
            e.contains("refusing to write over") && e.contains("study.jalin"),
            "{target:?}: {e}"
        );
    }
    assert_eq!(std::fs::read(&f.path).unwrap(), before);
    assert_eq!(
        Project::open(&f.path).unwrap().codings().unwrap().len(),
        codings
    );
}

/// The rectangle on screen of the rightmost node with this label (the
/// report preview is right of the sources list, which may hold the same
/// name).
fn rect_of(h: &Harness<'static, JalinApp>, label: &str) -> egui::Rect {
    h.get_all_by_label(label)
        .map(|n| n.rect())
        .max_by(|a, b| a.left().total_cmp(&b.left()))
        .unwrap_or_else(|| panic!("no node labelled {label:?}"))
}

/// Chooses an item of the open combo box `combo`, then closes its list.
fn pick(h: &mut Harness<'static, JalinApp>, combo: &str, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run_steps(3);
    if h.query_by_label(label).is_some() {
        click(h, combo);
    }
    assert!(h.query_by_label(label).is_none(), "the list closed");
}

#[test]
fn each_table_keeps_its_own_options_and_pairs_come_on_request() {
    use jalin::analysis::Grouping;
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    click(&mut h, strings::report_frequencies());
    // The group-by list offers each attribute, and pairs only on request.
    click(&mut h, strings::group_by());
    assert!(h.query_by_label(&strings::by_attribute("city")).is_some());
    assert!(
        h.query_by_label(&strings::by_pair("city", "role"))
            .is_none()
    );
    pick(&mut h, strings::group_by(), &strings::by_attribute("role"));
    assert_eq!(
        h.state().reports.inputs.grouping,
        Grouping::Attribute("role".into())
    );
    click(&mut h, strings::offer_pairs());
    click(&mut h, strings::group_by());
    assert!(
        h.query_by_label(&strings::by_pair("city", "role"))
            .is_some()
    );
    pick(&mut h, strings::group_by(), &strings::by_attribute("role"));
    // Triangulation starts from its own defaults, not the frequencies' split.
    click(&mut h, strings::report_triangulation());
    assert_eq!(h.state().reports.inputs.grouping, Grouping::None);
    // The heatmap splits by an attribute of its own; that does not carry back.
    click(&mut h, strings::figure_heatmap());
    assert!(matches!(
        h.state().reports.inputs.grouping,
        Grouping::Attribute(_)
    ));
    click(&mut h, strings::report_triangulation());
    assert_eq!(h.state().reports.inputs.grouping, Grouping::None);
    click(&mut h, strings::report_frequencies());
    assert_eq!(
        h.state().reports.inputs.kind,
        jalin::ui::reports::ReportKind::Frequencies
    );
    assert_eq!(
        h.state().reports.inputs.grouping,
        Grouping::Attribute("role".into())
    );
}

#[test]
fn wide_tables_keep_their_first_column_and_quotes_wrap_whole() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    click(&mut h, strings::report_matrix());
    let report = h.state().reports.report().expect("a table").clone();
    let first = report.wide.columns[0].clone();
    let last = report.wide.columns.last().unwrap().clone();
    let first_x = rect_of(&h, &first).left();
    let second = report.wide.columns[1].clone();
    let second_x = rect_of(&h, &second).left();
    // The first row's first cell sits under the first header, left of the
    // second column (header above body, the two halves side by side).
    let row_one = report.wide.rows[0][0].display();
    let cell = h
        .get_all_by_label(&row_one)
        .map(|n| n.rect())
        .min_by(|a, b| {
            (a.left() - first_x)
                .abs()
                .total_cmp(&(b.left() - first_x).abs())
        })
        .unwrap();
    assert!(
        (cell.left() - first_x).abs() < 12.0,
        "{cell:?} vs {first_x}"
    );
    assert!(
        cell.top() > rect_of(&h, &first).bottom() - 1.0,
        "below its header"
    );
    assert!(cell.right() <= second_x + 1.0, "left of the second column");
    // Scroll the table sideways, over its scrolling part.
    let over = rect_of(&h, &second).center();
    h.hover_at(over);
    for _ in 0..20 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(-200.0, 0.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
        });
        h.run_steps(1);
    }
    h.run_steps(3);
    assert!(
        h.get_all_by_label(&last).count() > 0,
        "the last column {last:?} scrolled into view"
    );
    let moved = h
        .get_all_by_label(&second)
        .map(|n| n.rect().left())
        .fold(f32::NEG_INFINITY, f32::max);
    assert!(moved < second_x - 50.0, "the other columns scrolled");
    assert_eq!(
        rect_of(&h, &first).left(),
        first_x,
        "the first column stays"
    );

    // Quotes: a long quote wraps onto several lines instead of being cut.
    click(&mut h, strings::report_quotes());
    let report = h.state().reports.report().expect("quotes").clone();
    let quote_col = report
        .wide
        .columns
        .iter()
        .position(|c| c == "quote")
        .expect("a quote column");
    let long = report
        .wide
        .rows
        .iter()
        .take(5)
        .map(|r| r[quote_col].display())
        .max_by_key(|q| q.chars().count())
        .unwrap();
    assert!(long.chars().count() > 120, "{long}");
    let r = rect_of(&h, &long);
    assert!(
        r.height() > 2.5 * 14.0,
        "the quote is {} high: not wrapped",
        r.height()
    );
}

/// On a board not stored yet, a note typed in the second row and then a
/// status clicked in the first: the rows stay where they were (nothing
/// moves under the pointer) and the note is saved to the second row.
#[test]
fn review_board_first_status_click_keeps_rows_and_saves_the_typed_note() {
    let f = fixture();
    let mut h = harness(&f);
    let themes = open_review_board(&mut h);
    assert!(themes.len() >= 2);
    let confirmed = strings::review_status(ReviewStatus::Confirmed);
    let rects = |h: &Harness<'static, JalinApp>| -> Vec<egui::Rect> {
        h.get_all_by_label(confirmed)
            .filter(|n| n.accesskit_node().role() != Role::Label)
            .take(3)
            .map(|n| n.rect())
            .collect()
    };
    let before = rects(&h);
    assert!(before.len() >= 2);

    // Type in the second row's note, and do not leave the field.
    h.get_all_by_label(strings::theme_note())
        .nth(1)
        .unwrap()
        .click();
    h.run_steps(2);
    h.get_all_by_label(strings::theme_note())
        .nth(1)
        .unwrap()
        .type_text("only in Ambon");
    h.run_steps(2);
    // The first row's status.
    {
        let first = h
            .get_all_by_label(confirmed)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap();
        first.click();
    }
    h.run_steps(4);

    let items = Project::open(&f.path)
        .unwrap()
        .review_items(strings::DEFAULT_SESSION)
        .unwrap();
    assert_eq!(items.len(), themes.len());
    assert_eq!(items[0].code, themes[0]);
    assert_eq!(items[0].status, ReviewStatus::Confirmed);
    assert_eq!(items[0].note, "");
    assert_eq!(items[1].code, themes[1]);
    assert_eq!(items[1].note, "only in Ambon");
    assert_eq!(items[1].status, ReviewStatus::Pending);
    // Nothing moved.
    let after = rects(&h);
    assert_eq!(before, after, "rows moved after the first status click");
    // One undo takes the whole change back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let items = Project::open(&f.path)
        .unwrap()
        .review_items(strings::DEFAULT_SESSION)
        .unwrap();
    assert!(items.is_empty(), "{items:?}");
}

#[test]
fn a_filtered_table_says_so_in_the_preview_and_the_export() {
    let f = fixture();
    let out = f.dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    h.state_mut().reports.export_dir = Some(out.clone());
    click(&mut h, strings::report_frequencies());
    click(&mut h, "Interview");
    let notes = h.state().reports.report().expect("a table").notes.clone();
    assert!(
        notes.iter().any(|n| n == "Filtered: kind interview."),
        "{notes:?}"
    );
    click(&mut h, strings::export());
    click(&mut h, strings::table_format_label(TableFormat::Markdown));
    let md = std::fs::read_to_string(out.join("frequencies.md")).expect("exported");
    assert!(md.contains("Filtered: kind interview."), "{md}");
}

#[test]
fn the_group_by_list_offers_participants_attributes() {
    let f = fixture();
    let mut h = harness(&f);
    let (source, speaker) = {
        let st = &h.state().state;
        let fgd = st
            .sources
            .iter()
            .find(|s| s.name == "FGD_Experts_Jakarta")
            .expect("the demo's FGD");
        let turns = &st.texts[&fgd.id].texts.turns;
        (fgd.id, turns.last().expect("turns").speaker.to_string())
    };
    h.state_mut().state.run(
        "expertise",
        jalin::app::Command::SetSpeakerAttribute {
            source,
            speaker,
            key: "expertise".into(),
            value: Some("child protection".into()),
        },
    );
    assert!(
        h.state().state.error.is_none(),
        "{:?}",
        h.state().state.error
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    click(&mut h, strings::report_frequencies());
    click(&mut h, strings::group_by());
    assert!(
        h.query_by_label(&strings::by_attribute("expertise"))
            .is_some(),
        "a participant's attribute is offered"
    );
}

#[test]
fn the_workbench_offers_the_command_lines_table_options() {
    let f = fixture();
    let out = f.dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    h.state_mut().reports.export_dir = Some(out.clone());
    // Frequencies as "n of N (%)", sorted by frequency.
    click(&mut h, strings::report_frequencies());
    click(&mut h, strings::cells_combined());
    click(&mut h, strings::sort_by_frequency());
    let report = h.state().reports.report().expect("a table").clone();
    let combined = report
        .wide
        .rows
        .iter()
        .flatten()
        .any(|c| c.display().contains(" of ") && c.display().ends_with("%)"));
    assert!(combined, "{:?}", report.wide.rows.first());
    // LaTeX as a complete landscape document, CSV with a byte order mark.
    for option in [
        strings::latex_landscape(),
        strings::latex_standalone(),
        strings::csv_bom(),
    ] {
        // Below the filters: scrolled into view by the accessibility click.
        h.get_by_label(option).click_accesskit();
        h.run_steps(2);
    }
    let o = h.state().reports.export_options;
    assert!(o.landscape && o.standalone && o.bom, "{o:?}");
    click(&mut h, strings::export());
    click(&mut h, strings::table_format_label(TableFormat::Latex));
    let tex = std::fs::read_to_string(out.join("frequencies.tex")).expect("exported");
    assert!(tex.contains("\\documentclass"), "standalone");
    assert!(tex.contains("landscape"), "landscape");
    click(&mut h, strings::export());
    click(&mut h, strings::table_format_label(TableFormat::Csv));
    let csv = std::fs::read(out.join("frequencies.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "byte order mark");
    // Quotes with the columns chosen.
    click(&mut h, strings::report_quotes());
    h.get_by_label(strings::quote_columns()).focus();
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, strings::quote_columns())
        .type_text("code, quote");
    h.run_steps(3);
    let report = h.state().reports.report().expect("quotes").clone();
    assert_eq!(report.wide.columns, vec!["code", "quote"]);
}

/// The demo with a second coder, R2, who coded the first three sources
/// again: most of R1's codings with the end moved, every fourth left out.
fn double_coded() -> Fixture {
    let f = fixture();
    let mut p = Project::open(&f.path).unwrap();
    let data = p.data().unwrap();
    let r2 = p.coder("R2").unwrap().id;
    let mut sources: Vec<_> = data
        .sources
        .iter()
        .map(|s| (s.name.clone(), s.id))
        .collect();
    sources.sort();
    let first: Vec<_> = sources.iter().take(3).map(|s| s.1).collect();
    let len = |id| data.sources.iter().find(|s| s.id == id).unwrap().char_len;
    let again: Vec<jalin::store::NewCoding> = data
        .codings
        .iter()
        .filter(|c| first.contains(&c.source))
        .enumerate()
        .filter(|(i, _)| i % 4 != 3)
        .map(|(i, c)| jalin::store::NewCoding {
            source: c.source,
            code: c.code,
            start: c.start,
            end: (c.end + i % 3 * 7).min(len(c.source)),
            coder: r2,
            guid: None,
        })
        .collect();
    assert!(!again.is_empty());
    p.add_codings(&again).unwrap();
    f
}

/// Clicks the check box with this name (a coder's name is also shown
/// elsewhere).
fn tick(h: &mut Harness<'static, JalinApp>, label: &str) {
    h.get_all_by_label(label)
        .find(|n| n.accesskit_node().role() == Role::CheckBox)
        .unwrap_or_else(|| panic!("no check box labelled {label:?}"))
        .click_accesskit();
    h.run_steps(3);
}

#[test]
fn agreement_table_compares_the_ticked_coders_and_exports() {
    use jalin::analysis::{AgreementOptions, AgreementUnit};
    let f = double_coded();
    let out = f.dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    h.state_mut().reports.export_dir = Some(out.clone());
    click(&mut h, strings::report_agreement());
    // No coders ticked yet: the panel says what to do.
    assert!(h.state().reports.report().is_none());
    assert!(
        h.query_by_label(strings::agreement_needs_coders())
            .is_some()
    );
    assert!(h.query_by_label(strings::agreement_coders()).is_some());
    tick(&mut h, "R1");
    assert!(
        h.query_by_label(strings::agreement_needs_coders())
            .is_some()
    );
    tick(&mut h, "R2");
    let report = h.state().reports.report().expect("a table").clone();
    assert_eq!(report.title, "Intercoder agreement by character: R1, R2");
    // The same numbers as the library's (and so the command line's).
    let p = Project::open(&f.path).unwrap();
    let data = p.lean_data().unwrap();
    let ids: Vec<_> = ["R1", "R2"]
        .iter()
        .map(|n| data.coders.iter().find(|c| c.name == *n).unwrap().id)
        .collect();
    let texts = p.source_texts().unwrap();
    let expected = |unit| {
        jalin::analysis::agreement(
            &data,
            &texts,
            &AgreementOptions {
                coders: ids.clone(),
                codes: Vec::new(),
                unit,
            },
        )
        .unwrap()
        .to_report()
    };
    assert_eq!(report.wide, expected(AgreementUnit::Character).wide);
    let last = report.wide.rows.last().unwrap();
    assert_eq!(last[0].display(), "(all)");
    assert!(last[5].is_number(), "an overall κ: {last:?}");
    assert!(h.query_by_label("kappa").is_some(), "the κ column is shown");
    // Computed once, not per frame.
    let n = h.state().reports.computations();
    h.run_steps(10);
    assert_eq!(h.state().reports.computations(), n);

    // Sentences instead of characters.
    click(&mut h, strings::agreement_unit());
    pick(&mut h, strings::agreement_unit(), "sentence");
    let report = h.state().reports.report().expect("a table").clone();
    assert_eq!(report.title, "Intercoder agreement by sentence: R1, R2");
    assert_eq!(report.wide, expected(AgreementUnit::Sentence).wide);

    click(&mut h, strings::export());
    click(&mut h, strings::table_format_label(TableFormat::Csv));
    let text = std::fs::read_to_string(out.join("agreement.csv")).expect("exported");
    assert_eq!(
        text.lines().next(),
        Some("code,source,unit,coders,measure,value,units")
    );
    assert!(text.contains(",sentence,R1, R2,") || text.contains(",sentence,\"R1, R2\","));
    assert!(matches!(h.state().reports.message(), Some(Ok(_))));

    // Unticking a coder brings the advice back.
    tick(&mut h, "R2");
    assert!(h.state().reports.report().is_none());
}

/// The number in the "codings" column of the frequency table's first row.
fn first_codings(h: &Harness<'static, JalinApp>) -> String {
    let r = h.state().reports.report().expect("a table");
    let i = r.wide.columns.iter().position(|c| c == "codings").unwrap();
    r.wide.rows[0][i].display()
}

#[test]
fn consensus_only_and_blind_coding_narrow_the_reports() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    click(&mut h, strings::report_frequencies());
    // Structure: R1 85 + R2 9.
    assert_eq!(first_codings(&h), "94");
    // The option is there (below the fold of the filters list, so set
    // here as its checkbox sets it).
    assert!(h.query_by_label(strings::consensus_only()).is_some());
    h.state_mut().reports.inputs.consensus_only = true;
    h.run_steps(3);
    // No consensus coder yet: no codings, so no table.
    assert!(h.state().reports.report().is_none());
    // One consensus coding under Structure: counted alone.
    let c = h
        .state()
        .state
        .codings
        .iter()
        .find(|c| {
            h.state()
                .state
                .codebook
                .path(c.code)
                .starts_with("Structure > ")
        })
        .cloned()
        .unwrap();
    h.state_mut().state.run(
        strings::act_decide(),
        jalin::app::Command::Decide {
            code: c.code,
            source: c.source,
            span: (c.start, c.end),
            ranges: vec![(c.start, c.end)],
        },
    );
    h.run_steps(3);
    assert_eq!(first_codings(&h), "1");
    h.state_mut().reports.inputs.consensus_only = false;
    h.run_steps(3);
    assert_eq!(first_codings(&h), "95");
    // Blind coding, as R2: only R2's codings, and the option is gone.
    h.state_mut().state.switch_coder("R2").unwrap();
    h.state_mut().state.run(
        strings::act_set_blind(),
        jalin::app::Command::SetBlind(true),
    );
    h.run_steps(3);
    assert_eq!(first_codings(&h), "9");
    let notes = h.state().reports.report().unwrap().notes.clone();
    assert!(
        notes.iter().any(|n| n == "Filtered: coder R2."),
        "{notes:?}"
    );
    assert!(h.query_by_label(strings::blind_reports()).is_some());
    assert!(h.query_by_label(strings::consensus_only()).is_none());
}

/// PSE: the Reports tab's Pseudonymise box: refused while the table is
/// empty; ticked, the preview and the quotes (DOCX) and heatmap (SVG)
/// exports hold no real name, checked by `jalin::export::scan_file`.
#[test]
fn reports_pseudonymise_box_replaces_names_in_preview_and_exports() {
    use jalin::app::Command;
    use jalin::model::pseudonyms::PseudonymKind;
    let f = fixture();
    let out = f.dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
    h.state_mut().reports.export_dir = Some(out.clone());
    click(&mut h, strings::report_quotes());
    click(&mut h, strings::pseudonymise());
    assert!(h.state().reports.inputs.pseudonymise);
    assert!(h.state().reports.report().is_none(), "refused: no table");
    assert!(h.query_by_label(strings::no_pseudonyms()).is_some());
    for (real, pseudonym, kind) in [
        ("Palu", "Kota A", PseudonymKind::Place),
        ("Sigi", "Kota B", PseudonymKind::Place),
        ("Jakarta", "Kota C", PseudonymKind::Place),
    ] {
        let ctx = h.ctx.clone();
        h.state_mut().handle(
            Action::Run {
                label: "pseudonym".into(),
                command: Command::SetPseudonym {
                    real: real.into(),
                    pseudonym: Some((pseudonym.into(), kind)),
                },
            },
            &ctx,
            0.0,
        );
        h.run_steps(2);
    }
    let report = h.state().reports.report().expect("a table").clone();
    let shown: String = report
        .long
        .rows
        .iter()
        .flatten()
        .map(|c| c.display())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        shown.contains("Kota A") && !shown.contains("Palu"),
        "preview"
    );
    click(&mut h, strings::export());
    click(&mut h, strings::table_format_label(TableFormat::Docx));
    click(&mut h, strings::figure_heatmap());
    click(&mut h, strings::export());
    click(&mut h, strings::figure_svg());
    let ps = Project::open(&f.path).unwrap().pseudonymiser().unwrap();
    for name in ["quotes.docx", "heatmap.svg"] {
        let hits = jalin::export::scan_file(&ps, &out.join(name)).unwrap();
        assert!(hits.is_empty(), "{name}: {hits:?}");
    }
    // Unticked, the same export names them (the check would catch it).
    click(&mut h, strings::pseudonymise());
    click(&mut h, strings::export());
    click(&mut h, strings::figure_svg());
    let hits = jalin::export::scan_file(&ps, &out.join("heatmap.svg")).unwrap();
    assert!(!hits.is_empty());

    // The review board's sheet: named without the box, clean with it.
    open_review_board(&mut h);
    h.state_mut().review.export_dir = Some(out.clone());
    let sheet = out.join("fgd-review.md");
    click(&mut h, strings::export_sheet());
    click(&mut h, strings::sheet_md());
    assert!(!jalin::export::scan_file(&ps, &sheet).unwrap().is_empty());
    click(&mut h, strings::pseudonymise());
    assert!(h.state().review.pseudonymise);
    for (label, name) in [
        (strings::sheet_md(), "fgd-review.md"),
        (strings::sheet_docx(), "fgd-review.docx"),
    ] {
        click(&mut h, strings::export_sheet());
        click(&mut h, label);
        let hits = jalin::export::scan_file(&ps, &out.join(name)).unwrap();
        assert!(hits.is_empty(), "{name}: {hits:?}");
    }
}

/// PSE: File ▸ Export codebook, pseudonymised…: refused without
/// pseudonyms; then a code named after a place is written with the place's
/// pseudonym, and the project keeps the real name.
#[test]
fn qdc_export_pseudonymised_from_the_file_menu() {
    use jalin::app::Command;
    use jalin::model::pseudonyms::PseudonymKind;
    use jalin::ui::file_dialog::DialogMode;
    let f = fixture();
    let mut h = harness(&f);
    h.state_mut().files.mode = DialogMode::Builtin;
    let written = f.dir.path().join("study pseudonymised.qdc");
    click(&mut h, strings::menu_file());
    click(&mut h, strings::export_qdc_pseudonymised());
    assert_eq!(
        h.state().state.error.as_deref(),
        Some(strings::no_pseudonyms_qdpx())
    );
    assert!(!h.state().files.is_open(), "no dialog for an empty table");
    h.state_mut().state.error = None;
    let code = Project::open(&f.path)
        .unwrap()
        .codes()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "coordination")
        .unwrap()
        .id;
    for command in [
        Command::SetPseudonym {
            real: "Palu".into(),
            pseudonym: Some(("Kota A".into(), PseudonymKind::Place)),
        },
        Command::RenameCode {
            code,
            name: "coordination in Palu".into(),
        },
    ] {
        let ctx = h.ctx.clone();
        h.state_mut().handle(
            Action::Run {
                label: "change".into(),
                command,
            },
            &ctx,
            0.0,
        );
        h.run_steps(2);
    }
    click(&mut h, strings::menu_file());
    click(&mut h, strings::export_qdc_pseudonymised());
    assert!(h.state().files.is_open(), "the save dialog is open");
    click(&mut h, "Save");
    h.run_steps(3);
    assert!(
        h.state().state.error.is_none(),
        "{:?}",
        h.state().state.error
    );
    let xml = std::fs::read_to_string(&written).unwrap();
    assert!(xml.contains("name=\"coordination in Kota A\""), "{xml}");
    assert!(!xml.contains("Palu"), "{xml}");
    let codes = Project::open(&f.path).unwrap().codes().unwrap();
    assert!(codes.iter().any(|c| c.name == "coordination in Palu"));
}

/// PSE: File ▸ Export REFI-QDA project, pseudonymised…: refused with a
/// message and no dialog while the pseudonym table is empty; then written
/// through the save dialog, and `jalin::export::scan_file` finds no real
/// name in it, while the plain export names them. The project keeps them.
#[test]
fn qdpx_export_pseudonymised_from_the_file_menu() {
    use jalin::app::Command;
    use jalin::model::pseudonyms::PseudonymKind;
    use jalin::ui::file_dialog::DialogMode;
    let f = fixture();
    let mut h = harness(&f);
    h.state_mut().files.mode = DialogMode::Builtin;
    let written = f.dir.path().join("study pseudonymised.qdpx");
    click(&mut h, strings::menu_file());
    click(&mut h, strings::export_qdpx_pseudonymised());
    assert_eq!(
        h.state().state.error.as_deref(),
        Some(strings::no_pseudonyms_qdpx())
    );
    assert!(!h.state().files.is_open(), "no dialog for an empty table");
    assert!(!written.exists());
    h.state_mut().state.error = None;
    for (real, pseudonym, kind) in [
        ("Palu", "Kota A", PseudonymKind::Place),
        ("Sigi", "Kota B", PseudonymKind::Place),
        ("Jakarta", "Kota C", PseudonymKind::Place),
    ] {
        let ctx = h.ctx.clone();
        h.state_mut().handle(
            Action::Run {
                label: "pseudonym".into(),
                command: Command::SetPseudonym {
                    real: real.into(),
                    pseudonym: Some((pseudonym.into(), kind)),
                },
            },
            &ctx,
            0.0,
        );
        h.run_steps(2);
    }
    click(&mut h, strings::menu_file());
    click(&mut h, strings::export_qdpx_pseudonymised());
    assert!(h.state().files.is_open(), "the save dialog is open");
    click(&mut h, "Save");
    h.run_steps(3);
    assert!(
        h.state().state.error.is_none(),
        "{:?}",
        h.state().state.error
    );
    assert!(written.exists(), "written with its suggested name");
    let ps = Project::open(&f.path).unwrap().pseudonymiser().unwrap();
    let hits = jalin::export::scan_file(&ps, &written).unwrap();
    assert!(hits.is_empty(), "{hits:?}");
    let read = jalin::exchange::read_qdpx(&written).unwrap();
    let names: Vec<String> = read
        .bundle
        .sources
        .iter()
        .map(|s| s.source.name.clone())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("Kota A_")), "{names:?}");
    // The plain export of the same project names them; the project keeps them.
    let plain = f.dir.path().join("plain.qdpx");
    h.state_mut().export_exchange_to(true, &plain);
    assert!(!jalin::export::scan_file(&ps, &plain).unwrap().is_empty());
    assert!(
        Project::open(&f.path)
            .unwrap()
            .find_source("Palu_Prosecutor_02")
            .is_ok()
    );
}
