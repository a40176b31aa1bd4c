//! The workbench in Bahasa Indonesia and English: read through its real UI
//! with egui_kittest (menus found by their Indonesian labels and clicked
//! through), the language switched from View ▸ Language and remembered,
//! and transcripts in other scripts drawn with the system's fonts.
//!
//! The language is one setting for the whole process, so these tests are a
//! binary of their own (the other workbench tests read English) and take
//! turns through `LANGUAGE`.
#![cfg(feature = "gui")]

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use egui::FontId;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jalin::app::{Dirs, Settings};
use jalin::demo::load_demo;
use jalin::i18n::{self, Lang};
use jalin::store::Project;
use jalin::ui::{JalinApp, Startup, strings};

static LANGUAGE: Mutex<()> = Mutex::new(());

/// Takes the language for one test and sets it.
fn speak(lang: Lang) -> MutexGuard<'static, ()> {
    let guard = LANGUAGE.lock().unwrap_or_else(|e| e.into_inner());
    i18n::set(lang);
    guard
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    data: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("studi.jalin");
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

/// Clicks the widget (not a plain label) with this exact accessible name.
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

/// Closes the open menu by clicking its button again.
fn close_menu(h: &mut Harness<'static, JalinApp>, menu: &str) {
    click(h, menu);
}

fn has(h: &Harness<'static, JalinApp>, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

/// Every label on screen, in tree order, each once.
fn labels(h: &Harness<'static, JalinApp>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for node in h.get_all_by_label_contains("") {
        let n = node.accesskit_node();
        for text in [n.label(), n.value().map(|v| v.to_string())]
            .into_iter()
            .flatten()
        {
            if !text.trim().is_empty() && !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

#[test]
fn the_workbench_reads_in_indonesian() {
    let _lang = speak(Lang::Id);
    let f = fixture();
    let mut h = harness(&f);
    // The menu bar and the panels.
    for label in ["Berkas", "Sunting", "Kode", "Tampilan", "Bantuan"] {
        assert!(has(&h, label), "no menu {label:?}");
    }
    for label in ["File", "Edit", "View", "Help"] {
        assert!(!has(&h, label), "English menu {label:?} in Indonesian");
    }
    let shown = labels(&h);
    for heading in ["Sumber", "Buku kode", "Temu kembali", "Memo"] {
        assert!(
            shown.iter().any(|l| l == heading),
            "no {heading:?} in {shown:?}"
        );
    }
    // The status bar counts codings and names the coder in Indonesian.
    assert!(shown.iter().any(|l| l == "265 pengodean"), "{shown:?}");
    assert!(shown.iter().any(|l| l == "pengode: T1"), "{shown:?}");
    // The document header names the kind in Indonesian.
    assert!(shown.iter().any(|l| l == "dokumen"), "{shown:?}");
    // The source kinds head the sources panel in Indonesian.
    assert!(
        shown.iter().any(|l| l.starts_with("Wawancara (")),
        "{shown:?}"
    );

    // Berkas opens the File menu, in Indonesian.
    click(&mut h, "Berkas");
    let file_menu = labels(&h);
    for item in [
        "Proyek baru… Ctrl+N",
        "Buka proyek… Ctrl+O",
        "Impor berkas…",
        "Keluar",
    ] {
        assert!(
            file_menu.iter().any(|l| l == item),
            "no {item:?} in {file_menu:?}"
        );
    }
    close_menu(&mut h, "Berkas");
    // The menu bar and the File menu as a whole (a snapshot: every word
    // there is Indonesian).
    let mut snap = String::new();
    for menu in ["Berkas", "Sunting", "Kode", "Tampilan", "Bantuan"] {
        click(&mut h, menu);
        let items: Vec<String> = labels(&h)
            .into_iter()
            .filter(|l| !shown.contains(l))
            .collect();
        snap.push_str(&format!("{menu}: {}\n", items.join(" | ")));
        close_menu(&mut h, menu);
    }
    insta::assert_snapshot!("workbench_menus_id", snap);
    // Bantuan ▸ Pintasan papan ketik: the shortcut list in Indonesian.
    click(&mut h, "Bantuan");
    click(&mut h, "Pintasan papan ketik");
    assert!(has(&h, "Salin teks terpilih"));
    assert!(has(&h, "Teks transkrip lebih besar / lebih kecil"));
    assert!(has(&h, "Tutup"));
}

#[test]
fn language_is_switched_from_the_view_menu_and_remembered() {
    let _lang = speak(Lang::En);
    let f = fixture();
    let mut h = harness(&f);
    assert!(has(&h, "File"));
    click(&mut h, "View");
    click(&mut h, "Language");
    click(&mut h, "Bahasa Indonesia");
    h.run_steps(3);
    // At once: the next frame is in Indonesian.
    assert_eq!(i18n::current(), Lang::Id);
    assert!(has(&h, "Berkas"), "{:?}", labels(&h));
    assert!(!has(&h, "File"));
    assert!(labels(&h).iter().any(|l| l == "Buku kode"));
    // Remembered in the settings, for the next start.
    let dirs = Dirs::under(&f.data);
    assert_eq!(Settings::load(&dirs).language(), Some(Lang::Id));
    // The next start: the remembered choice comes after --lang (and
    // JALIN_LANG), before the system locale.
    if std::env::var_os(i18n::LANG_ENV).is_none() {
        assert_eq!(i18n::init(None, Settings::load(&dirs).language()), Lang::Id);
    }
    assert_eq!(
        i18n::init(Some(Lang::En), Settings::load(&dirs).language()),
        Lang::En
    );
    i18n::set(Lang::Id);

    // And back, from the Indonesian menu.
    click(&mut h, "Tampilan");
    click(&mut h, "Bahasa");
    click(&mut h, "English");
    h.run_steps(3);
    assert_eq!(i18n::current(), Lang::En);
    assert!(has(&h, "File"));
    assert!(!has(&h, "Berkas"));
    assert_eq!(Settings::load(&dirs).language(), Some(Lang::En));
}

/// Whether a font test may skip: not when `JALIN_REQUIRE_TOOLS=1` (CI
/// installs the fonts).
fn skip_without_font(what: &str, package: &str) {
    if std::env::var("JALIN_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{what} is required (JALIN_REQUIRE_TOOLS=1) but not installed: install {package}");
    }
    eprintln!("skipped: {what} is not installed (Debian package {package})");
}

#[test]
fn a_transcript_with_chinese_and_arabic_passages_and_emoji_renders_its_glyphs() {
    let _lang = speak(Lang::En);
    let f = fixture();
    let chinese = "我们在村里开会讨论这个问题";
    let arabic = "نحن نتحدث مع الأسر في القرية";
    let hindi = "हम गाँव में परिवारों से बात करते हैं";
    // Emoji of a chat-app interview that egui's own emoji font lacks.
    let emoji = "🙂🙏🤝";
    let transcript = f.data.with_file_name("multi.txt");
    std::fs::write(
        &transcript,
        format!(
            "Interviewer: Please describe the meeting.\nR: {chinese}\nR: {arabic}\nR: {hindi}\nR: {emoji}\n"
        ),
    )
    .unwrap();
    {
        let mut p = Project::open(&f.path).unwrap();
        jalin::import::import_file(&mut p, &transcript, &Default::default()).unwrap();
    }
    let mut h = harness(&f);
    let ctx = h.ctx.clone();
    h.state_mut().setup_context(&ctx);
    h.run_steps(3);
    click(&mut h, "multi");
    h.run_steps(3);

    let fallbacks = jalin::fonts::system_fallbacks();
    let font = FontId::proportional(15.0);
    let served_by = |c: char| -> Vec<String> {
        ctx.fonts_mut(|fonts| {
            fonts
                .characters(&font.family)
                .get(&c)
                .cloned()
                .unwrap_or_default()
        })
    };
    for (script, text, package) in [
        ("Chinese", chinese, "fonts-noto-cjk"),
        ("Arabic", arabic, "fonts-noto-core"),
        ("Devanagari", hindi, "fonts-noto-core"),
        ("emoji", emoji, "fonts-symbola"),
    ] {
        let c = text.chars().next().unwrap();
        let has_font = ctx.fonts_mut(|fonts| fonts.has_glyphs(&font, &text.replace(' ', "")));
        if !has_font {
            assert!(
                fallbacks.iter().all(|f| !served_by(c).contains(&f.name)),
                "a fallback font has {script} but egui does not use it"
            );
            skip_without_font(&format!("a font for {script}"), package);
            continue;
        }
        // The glyphs come from a system font Jalin added, not egui's own.
        let fonts = served_by(c);
        assert!(
            fonts.iter().any(|n| fallbacks.iter().any(|f| &f.name == n)),
            "{script} drawn by {fonts:?}, none of them a fallback font {fallbacks:?}"
        );
    }
    // The document view lays the passages out (with those fonts).
    let text = {
        let p = Project::open(&f.path).unwrap();
        p.source_text(p.find_source("multi").unwrap().id).unwrap()
    };
    for passage in [chinese, arabic] {
        let byte = text.find(passage).expect("passage imported as written");
        let at = text[..byte].chars().count();
        assert!(
            h.state().document.screen_pos_of(at + 1).is_some(),
            "passage at {at} not laid out"
        );
    }
}

#[test]
fn egui_alone_draws_chinese_as_boxes_and_a_broken_font_is_passed_over() {
    // The check above can fail: without the fallbacks egui has no glyph.
    let _lang = speak(Lang::En);
    let ctx = egui::Context::default();
    // A broken file with a fallback font's name is passed over (egui would
    // stop the program on it).
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("NotoSansCJK-Regular.ttc");
    std::fs::write(&broken, b"ttcf\0\0\0\x01 not really a font").unwrap();
    let (defs, _) = jalin::ui::theme::font_definitions(&[jalin::fonts::FallbackFont {
        name: "NotoSansCJK-Regular.ttc".into(),
        path: broken,
    }]);
    assert!(!defs.font_data.contains_key("NotoSansCJK-Regular.ttc"));
    ctx.set_fonts(defs);
    let mut out = ctx.run_ui(Default::default(), |_| {});
    out.textures_delta.clear();
    assert!(!ctx.fonts_mut(|f| f.has_glyph(&FontId::proportional(15.0), '我')));
    assert!(!ctx.fonts_mut(|f| f.has_glyph(&FontId::proportional(15.0), 'ن')));
}

#[test]
fn every_word_of_the_workbench_exists_in_both_languages() {
    let _lang = speak(Lang::Id);
    assert_eq!(strings::menu_file(), "Berkas");
    assert_eq!(strings::codebook(), "Buku kode");
    assert_eq!(strings::delete_button(3), "Hapus kode dan 3 pengodean");
    assert_eq!(
        strings::status_counts(12500, "T1"),
        "12.500 pengodean · pengode: T1"
    );
    i18n::set(Lang::En);
    assert_eq!(strings::menu_file(), "File");
    assert_eq!(strings::delete_button(1), "Delete code and 1 coding");
    assert_eq!(
        strings::status_counts(12500, "T1"),
        "12,500 codings · coder: T1"
    );
    assert_eq!(strings::turn_count(1), "1 turn");
    assert_eq!(strings::turn_count(2), "2 turns");
}

#[test]
fn assets_hold_the_window_icon_and_a_desktop_entry() {
    let icon = jalin::ui::window_icon().expect("assets/icon-256.png decodes");
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Not blank: the tile and its strands are there.
    assert!(icon.rgba.chunks(4).filter(|p| p[3] == 255).count() > 256 * 200);

    let desktop = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/jalin.desktop"),
    )
    .unwrap();
    let lines: Vec<&str> = desktop.lines().collect();
    assert_eq!(lines[0], "[Desktop Entry]");
    for line in [
        "Type=Application",
        "Name=Jalin",
        "Name[id]=Jalin",
        "Exec=jalin",
        "Icon=jalin",
        "Categories=Science;Education;",
    ] {
        assert!(lines.contains(&line), "jalin.desktop lacks {line:?}");
    }
    for key in ["Comment=", "Comment[id]="] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(key) && l.len() > key.len() + 10),
            "jalin.desktop lacks {key}"
        );
    }
}

/// The Pseudonyms tab in Indonesian: the kinds read "orang" / "tempat"
/// (not the stored "person" / "place"), in the form, the table and the
/// suggestions, whose reasons are Indonesian too.
#[test]
fn the_pseudonyms_tab_reads_in_indonesian() {
    let _lang = speak(Lang::Id);
    let f = fixture();
    let mut h = harness(&f);
    click(&mut h, strings::pseudonyms());
    for word in ["orang", "tempat"] {
        assert!(has(&h, word), "no {word:?} in {:?}", labels(&h));
    }
    for word in ["person", "place"] {
        assert!(!has(&h, word), "English {word:?} in the Indonesian tab");
    }
    // Type a place and add it: the table says "tempat".
    for (field, text) in [
        (strings::pseudonym_real(), "Palu"),
        (strings::pseudonym_name(), "Kota A"),
    ] {
        // "Pseudonim" names the tab too: the text field is the one.
        h.get_all_by_label(field)
            .find(|n| n.accesskit_node().role() == Role::TextInput)
            .unwrap()
            .click();
        h.run_steps(2);
        h.event(egui::Event::Text(text.into()));
        h.run_steps(2);
    }
    click(&mut h, "tempat");
    click(&mut h, strings::pseudonym_add());
    let rows = Project::open(&f.path).unwrap().pseudonyms().unwrap();
    assert_eq!(rows.len(), 1, "the place was added");
    let shown = labels(&h);
    assert!(shown.iter().any(|l| l == "tempat"), "{shown:?}");
    // Suggestions name their kind and reason in Indonesian.
    click(&mut h, "Sarankan nama");
    let shown = labels(&h);
    assert!(
        shown.iter().any(|l| l.starts_with("orang · ")
            && (l.contains("label pembicara")
                || l.contains("kali dalam teks")
                || l.contains("atribut"))),
        "{shown:?}"
    );
    assert!(
        !shown
            .iter()
            .any(|l| l.contains("speaker label") || l.contains("times in the texts")),
        "{shown:?}"
    );
}
