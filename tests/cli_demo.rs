//! The command line end to end on the demo study. Expected numbers were
//! counted from `sample_transcripts/codings.csv` and the files' front
//! matter, independently of Jalin. Reports count every coder's codings, so
//! they include the second coder's (`codings_R2.csv`: 29 codings in three
//! interviews, Surabaya_Prosecutor_04, Palu_Community_10 and
//! Sigi_Community_11, each on a code R1 also used in that source, so source
//! counts are R1's); where a count changed for that, the comment says
//! "R1 n + R2 m".

mod common;

use common::{jalin, ok, parse_csv, row_of};

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let out = ok(["demo", p.to_str().unwrap()]);
    assert!(
        out.contains("20 sources, 20 codes, 265 codings (29 of them by a second coder), 8 memos"),
        "{out}"
    );
    (dir, p)
}

#[test]
fn frequencies_by_kind_match_hand_counts() {
    let (_d, p) = demo();
    let csv = ok([
        "report",
        "frequencies",
        p.to_str().unwrap(),
        "--by",
        "kind",
        "--format",
        "csv-wide",
    ]);
    let (h, rows) = parse_csv(&csv);
    assert_eq!(
        &h[..5],
        ["code", "sub-codes", "codings", "sources", "% of 20 sources"]
    );

    // R1 28 + R2 3 (Surabaya_Prosecutor_04, an interview).
    let c = row_of(&h, &rows, "Structure > coordination");
    assert_eq!(
        [&c["codings"], &c["sources"], &c["% of 20 sources"]],
        ["31", "12", "60.0"]
    );
    assert_eq!(
        [
            &c["interview: codings"],
            &c["interview: sources"],
            &c["interview: % of 14 sources"]
        ],
        ["21", "7", "50.0"]
    );
    assert_eq!(
        [&c["focus_group: codings"], &c["focus_group: sources"]],
        ["3", "1"]
    );
    assert_eq!(
        [
            &c["document: codings"],
            &c["document: sources"],
            &c["document: % of 3 sources"]
        ],
        ["5", "3", "100.0"]
    );
    assert_eq!(
        [
            &c["observation: codings"],
            &c["observation: sources"],
            &c["observation: % of 2 sources"]
        ],
        ["2", "1", "50.0"]
    );

    let r = row_of(&h, &rows, "Legal framework > restitution");
    assert_eq!(
        [&r["codings"], &r["sources"], &r["% of 20 sources"]],
        ["4", "3", "15.0"]
    );
    assert_eq!(
        [&r["interview: codings"], &r["document: codings"]],
        ["0", "4"]
    );

    // R1 16 + R2 4 (Palu_Community_10 and Sigi_Community_11, interviews).
    let s = row_of(&h, &rows, "Culture and community > customary settlement");
    assert_eq!(
        [&s["codings"], &s["sources"], &s["% of 20 sources"]],
        ["20", "6", "30.0"]
    );
    assert_eq!(
        [
            &s["interview: codings"],
            &s["interview: sources"],
            &s["interview: % of 14 sources"]
        ],
        ["18", "5", "35.7"]
    );

    let w = row_of(&h, &rows, "Legal framework > witness protection");
    assert_eq!([&w["codings"], &w["sources"]], ["0", "0"]);

    // Themes roll up their codes: Structure = coordination 28 + bureaucracy
    // 24 + human resources 16 + budget and facilities 17 = 85 codings by R1,
    // + R2 3 + 3 + 2 + 1 = 94.
    let t = row_of(&h, &rows, "Structure");
    assert_eq!([&t["sub-codes"], &t["codings"]], ["4", "94"]);
    // Respondents: 14 interviewees and the FGD's 6 experts (not the moderator).
    assert!(h.contains(&"% of 20 respondents".to_string()), "{h:?}");
    assert_eq!(c["focus_group: % of 6 respondents"], "50.0");
}

#[test]
fn frequencies_by_attribute_match_hand_counts() {
    let (_d, p) = demo();
    let csv = ok([
        "report",
        "frequencies",
        p.to_str().unwrap(),
        "--by",
        "attr:city",
        "--format",
        "csv-wide",
    ]);
    let (h, rows) = parse_csv(&csv);
    // Palu has 4 sources (3 interviews and the prosecutor's note); two
    // documents have no city.
    let c = row_of(&h, &rows, "Structure > coordination");
    assert_eq!(
        [
            &c["Palu: codings"],
            &c["Palu: sources"],
            &c["Palu: % of 4 sources"]
        ],
        ["7", "3", "75.0"]
    );
    assert_eq!(
        [
            &c["(not set): codings"],
            &c["(not set): sources"],
            &c["(not set): % of 2 sources"]
        ],
        ["3", "2", "100.0"]
    );
    let s = row_of(&h, &rows, "Culture and community > stigma and shame");
    assert_eq!(
        [
            &s["Sigi: codings"],
            &s["Sigi: sources"],
            &s["Sigi: % of 3 sources"]
        ],
        // R1 7 + R2 1 (Sigi_Community_11).
        ["8", "3", "100.0"]
    );
    assert_eq!([&s["Jember: codings"], &s["Jember: sources"]], ["0", "0"]);
    // The last group is "(not set)", after the sorted cities.
    assert!(h.last().unwrap().starts_with("(not set)"), "{h:?}");
}

#[test]
fn triangulation_matches_hand_counts() {
    let (_d, p) = demo();
    let csv = ok([
        "report",
        "triangulation",
        p.to_str().unwrap(),
        "--format",
        "csv-wide",
    ]);
    let (h, rows) = parse_csv(&csv);
    let c = row_of(&h, &rows, "Structure > coordination");
    assert_eq!(
        [
            &c["interview: codings"],
            &c["interview: sources (of 14)"],
            &c["document: sources (of 3)"]
        ],
        // R1 18 + R2 3.
        ["21", "7", "3"]
    );
    assert_eq!([&c["kinds"], &c["status"]], ["4", "corroborated"]);
    assert_eq!(
        c["found in"],
        "interview, focus_group, document, observation"
    );

    let r = row_of(&h, &rows, "Legal framework > restitution");
    assert_eq!(
        [&r["status"], &r["found in"], &r["document: codings"]],
        ["single-kind", "document", "4"]
    );

    let s = row_of(&h, &rows, "Culture and community > customary settlement");
    assert_eq!(
        [&s["status"], &s["found in"]],
        ["corroborated", "interview, observation"]
    );
    assert_eq!(
        [
            &s["observation: codings"],
            &s["observation: sources (of 2)"]
        ],
        ["2", "1"]
    );

    let w = row_of(&h, &rows, "Legal framework > witness protection");
    assert_eq!([&w["status"], &w["kinds"]], ["absent", "0"]);
}

#[test]
fn report_tables_as_markdown_are_stable() {
    let (_d, p) = demo();
    let tri = ok([
        "report",
        "triangulation",
        p.to_str().unwrap(),
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("demo_triangulation_md", tri);
    let freq = ok([
        "report",
        "frequencies",
        p.to_str().unwrap(),
        "--by",
        "attr:role",
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("demo_frequencies_by_role_md", freq);
}

#[test]
fn report_to_file_and_bad_grouping() {
    let (d, p) = demo();
    let out = d.path().join("freq.csv");
    let r = jalin([
        "report",
        "frequencies",
        p.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("code,group,codings,sources,group_sources,pct_sources,respondents,group_respondents,pct_respondents\n")
    );

    let r = jalin([
        "report",
        "frequencies",
        p.to_str().unwrap(),
        "--by",
        "attr:shoe_size",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no source has the attribute 'shoe_size'"),
        "{}",
        r.stderr
    );
    let r = jalin([
        "report",
        "frequencies",
        p.to_str().unwrap(),
        "--by",
        "colour",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("'colour' is not a grouping: use kind, attr:NAME"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_listed_quote_is_the_text_at_its_offsets() {
    let (_d, p) = demo();
    let csv = ok(["list", "codings", p.to_str().unwrap(), "--format", "csv"]);
    let (h, rows) = parse_csv(&csv);
    for col in [
        "source", "code", "start", "end", "quote", "speaker", "coder",
    ] {
        assert!(h.contains(&col.to_string()), "missing column {col}: {h:?}");
    }
    // R1 236 + R2 29.
    assert_eq!(rows.len(), 265);
    let idx = |c: &str| h.iter().position(|x| x == c).unwrap();
    let mut texts = std::collections::HashMap::new();
    let mut by_coder = std::collections::BTreeMap::new();
    for row in &rows {
        let source = &row[idx("source")];
        let text: &String = texts
            .entry(source.clone())
            .or_insert_with(|| ok(["show", p.to_str().unwrap(), source]));
        let (s, e): (usize, usize) = (
            row[idx("start")].parse().unwrap(),
            row[idx("end")].parse().unwrap(),
        );
        let expected: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(row[idx("quote")], expected, "{source} {s}..{e}");
        *by_coder.entry(row[idx("coder")].clone()).or_insert(0) += 1;
    }
    assert_eq!(
        by_coder.into_iter().collect::<Vec<_>>(),
        [("R1".to_string(), 236), ("R2".to_string(), 29)]
    );
    // A quote from the FGD is attributed to its speaker.
    let fgd: Vec<_> = rows
        .iter()
        .filter(|r| r[idx("source")] == "FGD_Experts_Jakarta")
        .collect();
    assert_eq!(fgd.len(), 20);
    assert!(
        fgd.iter()
            .all(|r| !r[idx("speaker")].is_empty() && r[idx("speaker")] != "Moderator")
    );
}

#[test]
fn demo_text_exercises_non_ascii_offsets() {
    let (_d, p) = demo();
    let sigi = ok([
        "show",
        p.to_str().unwrap(),
        "Observation_Sigi_Village_Meeting",
    ]);
    assert_eq!(sigi.matches('🙏').count(), 1);
    let report = ok(["show", p.to_str().unwrap(), "Annual_Report_Excerpt_2023"]);
    assert!(report.contains("3,457 reported cases") && report.contains("1,832"));
    let ngo = ok(["show", p.to_str().unwrap(), "Denpasar_NGO_07"]);
    assert!(ngo.contains("Chloé") && ngo.contains('“'));
    // Front matter is not part of the stored text.
    assert!(!ngo.starts_with("---"));
    // Codings after the emoji still quote the right words.
    let csv = ok([
        "list",
        "codings",
        p.to_str().unwrap(),
        "--source",
        "Observation_Sigi_Village_Meeting",
    ]);
    let (h, rows) = parse_csv(&csv);
    let q = h.iter().position(|c| c == "quote").unwrap();
    let s = h.iter().position(|c| c == "start").unwrap();
    let emoji_at = sigi.chars().position(|c| c == '🙏').unwrap();
    let after: Vec<_> = rows
        .iter()
        .filter(|r| r[s].parse::<usize>().unwrap() > emoji_at)
        .collect();
    assert!(!after.is_empty());
    for r in after {
        assert!(sigi.contains(&r[q]));
    }
}

#[test]
fn demo_refuses_an_existing_file() {
    let (_d, p) = demo();
    let before = std::fs::read(&p).unwrap();
    let r = jalin(["demo", p.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert!(common::same_bytes(&std::fs::read(&p).unwrap(), &before));
}

/// Every report, list and table the command line prints about a project,
/// in order, for comparing two copies byte for byte.
fn every_report(project: &str) -> Vec<(String, String)> {
    let runs: &[&[&str]] = &[
        &["report", "frequencies", "P"],
        &["report", "frequencies", "P", "--by", "kind"],
        &["report", "frequencies", "P", "--by", "attr:city"],
        &["report", "triangulation", "P"],
        &["report", "cooccurrence", "P"],
        &["report", "matrix", "P"],
        &["report", "quotes", "P"],
        &["list", "sources", "P"],
        &["list", "codes", "P"],
        &["list", "codings", "P"],
        &["list", "memos", "P"],
        &["codes", "list", "P"],
        &["coders", "P", "list"],
        &["agreement", "P", "--coders", "R1,R2"],
    ];
    runs.iter()
        .map(|words| {
            let args: Vec<&str> = words
                .iter()
                .map(|w| if *w == "P" { project } else { w })
                .collect();
            let r = jalin(&args);
            (
                words.join(" "),
                format!(
                    "exit {}\n{}\n{}",
                    r.code,
                    r.stdout,
                    r.stderr.replace(project, "PROJECT")
                ),
            )
        })
        .collect()
}

/// PG-1: the demo project copied to a team project on a PostgreSQL server
/// and back to a new file keeps everything: every report, list and table
/// is byte for byte the same on the original, on the server and on the
/// copy back, and every GUID is the same.
#[test]
fn copy_to_a_server_and_back_keeps_every_report() {
    let Some(url) = common::pg_url() else { return };
    let (dir, p) = demo();
    let original = p.to_str().unwrap();
    let server = common::pg_project(&url, "copy");
    let _drop = common::DropPgProject(server.clone());
    let out = ok(["copy", original, &server]);
    assert!(
        out.contains("20 sources, 20 codes, 265 codings, 8 memos"),
        "{out}"
    );
    let back = dir.path().join("back.jalin");
    ok(["copy", &server, back.to_str().unwrap()]);
    let before = every_report(original);
    let on_server = every_report(&server);
    let after = every_report(back.to_str().unwrap());
    for ((what, a), ((_, s), (_, b))) in before.iter().zip(on_server.iter().zip(after.iter())) {
        assert!(a.starts_with("exit 0"), "{what}: {a}");
        assert_eq!(a, b, "{what} differs after the copy back");
        assert_eq!(a, s, "{what} differs on the server");
    }
    // A copy refuses a destination that exists, and names it.
    let again = jalin(["copy", original, &server]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    // Removing a source works on the server as on a file.
    let removed = ok(["remove-source", &server, "Denpasar_NGO_07"]);
    assert!(removed.contains("12 codings and 0 memos"), "{removed}");
    let sources = ok(["list", "sources", &server]);
    assert_eq!(sources.lines().count(), 20, "{sources}");
    assert!(!sources.contains("Denpasar_NGO_07"), "{sources}");
}

/// PG-2: the same changes made through the command line on a file and on
/// a team project give the same reports (the store's SQL runs on both).
#[test]
fn the_command_line_works_the_same_on_a_server() {
    let Some(url) = common::pg_url() else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.jalin");
    let server = common::pg_project(&url, "cli");
    let _drop = common::DropPgProject(server.clone());
    let text = dir.path().join("Interview_01.txt");
    std::fs::write(
        &text,
        "Interviewer: How did the project start?\nRespondent: With a meeting at the village hall.\n",
    )
    .unwrap();
    for project in [file.to_str().unwrap(), server.as_str()] {
        ok(["new", project]);
        ok(["import", project, text.to_str().unwrap()]);
        ok(["codes", "add", project, "Beginnings"]);
        ok(["codes", "add", project, "Places", "--color", "#336699"]);
        let by_range = [
            "code",
            project,
            "--source",
            "Interview_01",
            "--code",
            "Beginnings",
            "--range",
            "41..88",
            // On a server the coder is otherwise the login (PGO-13).
            "--coder",
            "tester",
        ];
        ok(by_range);
        ok([
            "code",
            project,
            "--source",
            "Interview_01",
            "--code",
            "Places",
            "--match",
            "village hall",
            "--coder",
            "tester",
        ]);
        // The same coding twice is refused on both, with the same words.
        let twice = jalin(by_range);
        assert_eq!(twice.code, 1, "{}", twice.stdout);
        assert!(twice.stderr.contains("already applied"), "{}", twice.stderr);
    }
    let a = every_report(file.to_str().unwrap());
    let b = every_report(&server);
    // GUIDs and times differ between two separately made projects.
    let mask = |t: &str| {
        let guid =
            regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .unwrap();
        let time = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").unwrap();
        // "you" is $JALIN_CODER on the file and the login on the server
        // (PGO-13).
        time.replace_all(&guid.replace_all(t, "GUID"), "TIME")
            .replace(" (you)", "")
    };
    for ((what, a), (_, b)) in a.iter().zip(b.iter()) {
        assert_eq!(mask(a), mask(b), "{what}");
    }
}

/// PG-3: an unreachable server, a missing database and a missing project
/// each get their own message naming the location, never a password.
#[test]
fn server_problems_are_told_plainly() {
    let Some(url) = common::pg_url() else { return };
    let r = jalin([
        "list",
        "codes",
        "postgres://nobody@127.0.0.1:1/db?project=p",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cannot reach the server at 127.0.0.1:1"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("postgres://nobody@127.0.0.1:1/db?project=p"),
        "{}",
        r.stderr
    );
    let base = url.split('?').next().unwrap();
    let (server, _) = base.rsplit_once('/').unwrap();
    let r = jalin([
        "list",
        "codes",
        &format!("{server}/no_such_db_jalin?project=p"),
    ]);
    assert!(
        r.stderr.contains("there is no database 'no_such_db_jalin'"),
        "{}",
        r.stderr
    );
    let missing = common::pg_project(&url, "missing");
    let _drop = common::DropPgProject(missing.clone());
    let r = jalin(["list", "codes", &missing]);
    assert!(
        r.stderr.contains("there is no team project 't_missing_"),
        "{}",
        r.stderr
    );
    let r = jalin([
        "list",
        "codes",
        "postgres://ana:secret@127.0.0.1:1/db?project=p",
    ]);
    assert!(r.stderr.contains("never keeps passwords"), "{}", r.stderr);
    assert!(!r.stderr.contains("secret"), "{}", r.stderr);
}

/// Runs `jalin` with `JALIN_LANG` set (and the locale neutral).
fn with_env_lang(lang: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jalin"))
        .args(args)
        .env("JALIN_CODER", "tester")
        .env("JALIN_LANG", lang)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap()
}

/// Tables people read, in Bahasa Indonesia, as an Indonesian paper prints
/// them: headers and kinds in Indonesian, decimal comma, shares as "2 dari
/// 2 jaksa (100,0%)" (I18O-1).
#[test]
fn indonesian_reports_read_as_a_paper() {
    let (d, p) = demo();
    let p = p.to_str().unwrap();
    let freq = ok([
        "--lang",
        "id",
        "report",
        "frequencies",
        p,
        "--by",
        "attr:role",
        "--cells",
        "combined",
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("demo_frequencies_by_role_combined_md_id", freq);
    assert!(
        freq.starts_with("**Frekuensi kode menurut role**"),
        "{freq}"
    );
    // Structure: 2 of the 2 prosecutors' interviews, 1 of 2 community
    // leaders (hand counts in frequencies_by_attribute_match_hand_counts).
    assert!(
        freq.contains("| 2 dari 2 jaksa (100,0%) |")
            && freq.contains("| 1 dari 2 tokoh masyarakat (50,0%) |")
            && freq.contains("| 16 dari 20 (80,0%) |"),
        "{freq}"
    );
    let tri = ok([
        "--lang",
        "id",
        "report",
        "triangulation",
        p,
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("demo_triangulation_md_id", tri);
    assert!(
        tri.contains("| Diskusi kelompok terarah (FGD): pengodean |")
            && tri.contains("wawancara, diskusi kelompok terarah (FGD), dokumen, observasi")
            && tri.contains("| satu jenis | dokumen |")
            && !tri.contains("corroborated"),
        "{tri}"
    );
    // Separate cells: percentages with a decimal comma.
    let sep = ok(["--lang", "id", "report", "frequencies", p, "--format", "md"]);
    assert!(
        sep.contains("| % dari 20 sumber |") && sep.contains("| 80,0 |"),
        "{sep}"
    );
    assert!(!sep.contains("80.0"), "{sep}");
    // Read back by pandoc, Markdown and DOCX keep those cells.
    if which("pandoc") {
        let md = d.path().join("freq.md");
        std::fs::write(&md, &freq).unwrap();
        let docx = d.path().join("freq.docx");
        ok([
            "--lang",
            "id",
            "report",
            "frequencies",
            p,
            "--by",
            "attr:role",
            "--cells",
            "combined",
            "--format",
            "docx",
            "--out",
            docx.to_str().unwrap(),
        ]);
        for file in [&md, &docx] {
            let out = std::process::Command::new("pandoc")
                .args([file.to_str().unwrap(), "-t", "html"])
                .output()
                .unwrap();
            let html = String::from_utf8_lossy(&out.stdout);
            assert!(
                html.contains("2 dari 2 jaksa (100,0%)")
                    && html.contains("tokoh masyarakat: responden, n dari 2 (%)")
                    && html.contains("Frekuensi kode menurut role"),
                "{}: {html}",
                file.display()
            );
        }
    }
}

fn which(tool: &str) -> bool {
    let runs = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok();
    if !runs {
        if std::env::var("JALIN_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("{tool} is required (JALIN_REQUIRE_TOOLS=1) but not installed");
        }
        eprintln!("skipped: {tool} is not installed");
    }
    runs
}

/// CSV and the tidy data are for scripts: byte for byte the same in every
/// language, whether asked with --lang or JALIN_LANG (I18O-2).
#[test]
fn csv_is_the_same_in_every_language() {
    let (_d, p) = demo();
    let p = p.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["report", "frequencies", p, "--by", "kind"],
        &[
            "report",
            "frequencies",
            p,
            "--by",
            "attr:role",
            "--cells",
            "combined",
            "--format",
            "csv-wide",
        ],
        &["report", "triangulation", p, "--format", "csv-wide"],
        &["report", "triangulation", p, "--by", "attr:city"],
        &["report", "quotes", p],
        &[
            "report",
            "cooccurrence",
            p,
            "--jaccard",
            "--format",
            "csv-wide",
        ],
        &["agreement", p, "--coders", "R1,R2", "--format", "csv-wide"],
        &["list", "codings", p],
        &["list", "sources", p],
        &["codes", "list", p],
    ];
    for args in cases {
        let en = ok(args.iter().copied());
        let id = ok(["--lang", "id"].iter().chain(args.iter()).copied());
        assert_eq!(en, id, "{args:?}");
        let env = with_env_lang("id", args);
        assert_eq!(
            String::from_utf8_lossy(&env.stdout),
            en,
            "JALIN_LANG=id {args:?}"
        );
        assert!(!en.is_empty());
    }
}

/// `--help` in Bahasa Indonesia, the language read before parsing from
/// --lang or JALIN_LANG; English help as clap writes it (I18O-3).
#[test]
fn help_in_indonesian() {
    let id = ok(["--lang", "id", "--help"]);
    assert!(
        id.contains("Penggunaan: jalin")
            && id.contains("Perintah:")
            && id.contains("Buat proyek baru yang kosong")
            && id.contains("Tabel untuk makalah")
            && id.contains("Tampilkan bantuan"),
        "{id}"
    );
    assert!(!id.contains("Create a new, empty project:"), "{id}");
    // clap's generated `help` subcommand too, at every level.
    assert!(
        id.contains("Tampilkan pesan ini atau bantuan subperintah yang disebut")
            && !id.contains("Print this message"),
        "{id}"
    );
    let codes = ok(["--lang", "id", "codes", "--help"]);
    assert!(!codes.contains("Print this message"), "{codes}");
    let sub = with_env_lang("id", &["report", "frequencies", "--help"]);
    let sub = String::from_utf8_lossy(&sub.stdout);
    assert!(
        sub.contains("Pilah menurut jenis sumber") && sub.contains("Opsi:"),
        "{sub}"
    );
    let en = ok(["--help"]);
    assert!(
        en.contains("Commands:") && en.contains("Create a new, empty project:"),
        "{en}"
    );
}

/// `jalin bench` in Bahasa Indonesia: the workloads' headings, steps,
/// column headings and notes in Indonesian with no English heading word
/// left, the English as before; a refusal in Indonesian leaves the file it
/// names alone (I18O-14).
#[test]
fn bench_speaks_indonesian() {
    let tiny_a = [
        "bench",
        "workload-a",
        "--docs",
        "2",
        "--doc-kb",
        "1",
        "--codes",
        "3",
        "--codings",
        "10",
    ];
    let tiny_b = [
        "bench",
        "workload-b",
        "--sources",
        "2",
        "--doc-kb",
        "1",
        "--codes",
        "3",
        "--codings",
        "10",
        "--codings",
        "20",
    ];
    let tiny_agreement = [
        "bench",
        "agreement",
        "--sources",
        "2",
        "--doc-kb",
        "1",
        "--codes",
        "3",
        "--codings",
        "20",
    ];
    let in_id = |args: &[&str]| ok(["--lang", "id"].iter().chain(args).copied());
    let english_words = [
        "workload",
        "documents",
        "codings",
        "sources",
        "(setup)",
        "(baseline)",
        "one transaction each",
        "without setup",
        "raw SQLite baseline",
        "the same on CPU",
        "peak RSS",
        "thread CPU",
        "open+read",
        "frequencies",
        "tables total",
        "by characters",
        "tidy CSV",
        "rows",
        "wall",
    ];

    let a = in_id(&tiny_a);
    for heading in [
        "beban kerja A: 2 dokumen × 1 KiB, 3 kode, 10 pengodean, seed 42",
        "(persiapan) membuat 2 dokumen × 1 KiB",
        "membuat proyek",
        "mengimpor 2 dokumen, satu transaksi per dokumen",
        "membuat 3 kode",
        "10 pengodean, satu transaksi per pengodean",
        "(garis dasar) SQLite mentah, WAL: 10 transaksi sisip satu baris",
        "tabel jumlah per kode (CSV)",
        "semua segmen berkode (CSV)",
        "total (tanpa persiapan)",
        "pengodean ÷ garis dasar SQLite mentah (proses yang sama)",
        "hal yang sama dalam waktu CPU",
        "RSS puncak",
    ] {
        assert!(a.contains(heading), "{heading:?} missing:\n{a}");
    }
    let b = in_id(&tiny_b);
    assert!(
        b.contains("beban kerja B: 2 sumber × 1 KiB, 3 kode, seed 42")
            && b.contains("(persiapan) menambahkan 2 sumber × 1 KiB")
            && b.contains("(persiapan) pengodean 10..20"),
        "{b}"
    );
    // The column headings stay right-aligned over their numbers.
    let columns = b
        .lines()
        .find(|l| l.contains("buka+baca"))
        .unwrap_or_else(|| panic!("{b}"));
    assert_eq!(
        columns,
        "  pengodean   buka+baca     frekuensi     triangulasi     total tabel     RSS puncak      CPU utas"
    );
    assert!(b.lines().any(|l| l.starts_with("         20 ")), "{b}");
    let agreement = in_id(&tiny_agreement);
    assert!(
        agreement.contains("kesepakatan: 20 pengodean oleh dua pengode, 2 sumber × 1 KiB")
            && agreement.contains("waktu nyata      CPU utas")
            && agreement.contains("buka + baca pengodean")
            && agreement.contains("kesepakatan per karakter")
            && agreement.contains("teks + kesepakatan per kalimat")
            && agreement.contains("20 pengodean, 10 baris, RSS puncak"),
        "{agreement}"
    );
    for out in [&a, &b, &agreement] {
        for word in english_words {
            assert!(!out.contains(word), "English {word:?} in:\n{out}");
        }
    }

    let a = ok(tiny_a);
    for heading in [
        "workload A: 2 documents × 1 KiB, 3 codes, 10 codings, seed 42, durability Prompt\n",
        "  (setup) generate 2 documents × 1 KiB  ",
        "  import 2 documents, one transaction each  ",
        "  10 codings, one transaction each  ",
        "  (baseline) raw SQLite, WAL: 10 single-row insert transactions ",
        "  total (without setup)  ",
        "  codings ÷ raw SQLite baseline (same run)  ",
        "  the same on CPU time  ",
        "   peak RSS ",
    ] {
        assert!(a.contains(heading), "{heading:?} missing:\n{a}");
    }
    let b = ok(tiny_b);
    assert!(
        b.contains(
            "    codings   open+read   frequencies   triangulation    tables total       peak RSS    thread CPU\n"
        ) && b.contains("  (setup) codings 0..10  "),
        "{b}"
    );
    let agreement = ok(tiny_agreement);
    assert!(
        agreement.contains("agreement: 20 codings by two coders, 2 sources × 1 KiB, 3 codes")
            && agreement.contains("   wall    thread CPU\n")
            && agreement.contains("  tidy CSV  ")
            && agreement.contains("  20 codings, 10 rows, peak RSS "),
        "{agreement}"
    );

    // A refusal in Indonesian, the file it names untouched.
    let dir = tempfile::tempdir().unwrap();
    let there = dir.path().join("ada.jalin");
    std::fs::write(&there, "not a project").unwrap();
    let there_s = there.to_str().unwrap();
    let r = jalin([
        "--lang",
        "id",
        "bench",
        "workload-a",
        there_s,
        "--docs",
        "1",
    ]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("sudah ada berkas di sana; bench membuat proyek baru:")
            && r.stderr.contains(there_s),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&there).unwrap(), "not a project");
}

/// Counts in messages go through Fluent's plurals: "1 passage in 1
/// source", "2 passages"; Indonesian does not inflect (I18O-4).
#[test]
fn messages_count_with_plurals_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.jalin");
    let p = p.to_str().unwrap();
    let id = ok(["--lang", "id", "new", p]);
    assert!(id.contains("dibuat"), "{id}");
    let t = dir.path().join("t.txt");
    std::fs::write(&t, "one apple, two apples\n").unwrap();
    let id = ok(["--lang", "id", "import", p, t.to_str().unwrap()]);
    assert!(
        id.contains("diimpor sebagai 't' (dokumen, 22 karakter, 0 giliran bicara)"),
        "{id}"
    );
    ok(["codes", "add", p, "fruit"]);
    let one = ok(["code", p, "--code", "fruit", "--match", "one"]);
    assert!(
        one.starts_with("coded 1 passage in 1 source with 'fruit' (0 already coded)"),
        "{one}"
    );
    let two = ok(["code", p, "--code", "fruit", "--match", "apple"]);
    assert!(two.starts_with("coded 2 passages in 1 source "), "{two}");
    let none = ok([
        "--lang", "id", "code", p, "--code", "fruit", "--match", "two",
    ]);
    assert!(
        none.starts_with(
            "1 bagian teks dalam 1 sumber dikodekan dengan 'fruit' (0 sudah dikodekan)"
        ),
        "{none}"
    );
    // Errors too: a missing code, in each language.
    let en = jalin(["code", p, "--code", "nothing", "--match", "x"]);
    assert!(
        en.stderr
            .contains("error: no code called 'nothing' in this project"),
        "{}",
        en.stderr
    );
    let id = jalin([
        "--lang", "id", "code", p, "--code", "nothing", "--match", "x",
    ]);
    assert!(
        id.stderr
            .contains("galat: tidak ada kode bernama 'nothing' dalam proyek ini"),
        "{}",
        id.stderr
    );
}

/// Encryption, pseudonym, team and vacuum messages in Bahasa Indonesia
/// (and the counts of `pseudonyms check` through Fluent plurals in
/// English).
#[test]
fn encryption_pseudonym_and_team_messages_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let p = path("p.jalin");
    let (old, new) = (path("old.txt"), path("new.txt"));
    std::fs::write(&old, "lama sekali\n").unwrap();
    std::fs::write(&new, "baru sekali\n").unwrap();
    ok(["new", &p]);
    let t = path("t.txt");
    std::fs::write(&t, "Sari tinggal di Palu.\n").unwrap();
    ok(["import", &p, &t]);
    let id = |args: &[&str]| {
        let mut all = vec!["--lang", "id"];
        all.extend_from_slice(args);
        jalin(all)
    };

    // No terminal and no passphrase given: the message names both ways.
    let r = id(&["encrypt", &p]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("galat: tidak ada terminal untuk menanyakan frasa sandi baru")
            && r.stderr
                .contains("--passphrase-file BERKAS atau $JALIN_PASSPHRASE"),
        "{}",
        r.stderr
    );
    let r = id(&["encrypt", &p, "--passphrase-file", &old]);
    assert!(
        r.stdout
            .contains("dienkripsi; salinan dan cadangan yang dibuat sebelumnya"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    let r = id(&["encrypt", &p, "--passphrase-file", &old]);
    assert!(
        r.stderr
            .contains("galat: proyek sudah terenkripsi (`jalin rekey`"),
        "{}",
        r.stderr
    );
    let r = id(&[
        "rekey",
        &p,
        "--passphrase-file",
        &old,
        "--new-passphrase-file",
        &new,
    ]);
    assert!(
        r.stdout.contains("frasa sandi") && r.stdout.contains("diganti"),
        "{}",
        r.stdout
    );
    let r = id(&["report", "frequencies", &p, "--passphrase-file", &new]);
    assert!(
        r.stderr
            .contains("catatan: proyek ini terenkripsi, tetapi yang ditulis perintah ini tidak"),
        "{}",
        r.stderr
    );
    let r = id(&["decrypt", &p, "--passphrase-file", &new]);
    assert!(
        r.stdout.contains("didekripsi: sekarang berupa teks biasa"),
        "{}",
        r.stdout
    );
    let r = id(&["decrypt", &p]);
    assert!(
        r.stderr
            .contains("galat: proyek tidak terenkripsi; tidak ada yang diubah"),
        "{}",
        r.stderr
    );

    // Pseudonyms.
    let r = id(&["pseudonyms", &p, "list"]);
    assert!(r.stderr.contains("belum ada pseudonim"), "{}", r.stderr);
    let r = id(&["pseudonyms", &p, "add", "Sari", "Rina"]);
    assert_eq!(r.stdout, "'Sari' → 'Rina' (orang)\n", "{}", r.stderr);
    let r = id(&["pseudonyms", &p, "add", "Sari", "Dewi"]);
    assert!(
        r.stderr.contains("'Sari' sudah ada dalam tabel pseudonim"),
        "{}",
        r.stderr
    );
    let out = path("out.md");
    std::fs::write(&out, "Sari berkata.\n").unwrap();
    let r = id(&["pseudonyms", &p, "check", &out]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("baris 1, kolom 1: 'Sari' (nama asli 'Sari')"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("1 kemunculan nama asli dalam 1 berkas yang diperiksa"),
        "{}",
        r.stderr
    );
    let en = jalin(["pseudonyms", &p, "check", &out, &out]);
    assert!(
        en.stderr
            .contains("2 occurrences of real names in 2 files checked"),
        "{}",
        en.stderr
    );
    std::fs::write(&out, "Rina berkata.\n").unwrap();
    let r = id(&["pseudonyms", &p, "check", &out]);
    assert!(
        r.stderr.contains("bersih: tidak satu pun dari 1 nama asli"),
        "{}",
        r.stderr
    );
    let r = id(&["pseudonyms", &p, "suggest", "--min-count", "1"]);
    assert!(
        r.stdout.contains("Palu\t") && r.stdout.contains("\t1 kali dalam teks"),
        "{}",
        r.stdout
    );
    let r = id(&["pseudonyms", &p, "remove", "Sari"]);
    assert_eq!(r.stdout, "'Sari' dihapus\n", "{}", r.stderr);

    // Team members are for server projects only; vacuum.
    let r = id(&["team", &p, "remove", "ana"]);
    assert!(
        r.stderr
            .contains("anggota hanya ada pada proyek tim di server"),
        "{}",
        r.stderr
    );
    let r = id(&["vacuum", &p]);
    assert!(r.stdout.contains("dipadatkan"), "{}", r.stdout);
}

/// Refused arguments and input files say why in Indonesian, naming the
/// value or file, and the project stays as it was.
#[test]
fn refusals_of_arguments_and_files_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.jalin");
    let p = p.to_str().unwrap();
    ok(["new", p]);
    let t = dir.path().join("t.txt");
    std::fs::write(&t, "satu dua satu\n").unwrap();
    ok(["import", p, t.to_str().unwrap()]);
    ok(["codes", "add", p, "angka"]);
    let before = common::snapshot(std::path::Path::new(p));
    let id = |args: &[&str]| {
        let mut all = vec!["--lang", "id"];
        all.extend_from_slice(args);
        let r = jalin(all);
        assert_ne!(r.code, 0, "{args:?} was accepted");
        r.stderr
    };
    let e = id(&[
        "code", p, "--code", "angka", "--source", "t", "--range", "1-4",
    ]);
    assert!(
        e.contains("galat: '1-4' bukan rentang: tulis AWAL..AKHIR"),
        "{e}"
    );
    let e = id(&["source", p, "t", "--attr", "kota"]);
    assert!(
        e.contains("'kota' bukan atribut: tulis sebagai kunci=nilai"),
        "{e}"
    );
    let e = id(&["source", p, "t", "--find", "satu", "--replace", "tiga"]);
    assert!(
        e.contains("\"satu\" muncul 2 kali dalam sumber 't' (pada 0..4, 9..13)"),
        "{e}"
    );
    let folder = dir.path().to_str().unwrap();
    let e = id(&["code", p, "--from", folder]);
    assert!(e.contains("berkas pengodean adalah sebuah folder"), "{e}");
    let e = id(&["agreement", p, "--coders", "tester"]);
    assert!(
        e.contains("tidak ada pengode bernama 'tester'") || e.contains("sedikitnya dua pengode"),
        "{e}"
    );
    let e = id(&["speakers", p, "t", "--role", "Budi=ketua"]);
    assert!(e.contains("'ketua' dalam 'Budi=ketua' bukan peran"), "{e}");
    assert_eq!(common::snapshot(std::path::Path::new(p)), before);
}

/// clap's parse errors and its "[default: …]" / "[possible values: …]"
/// notes in Indonesian, keeping the argument names as typed; English
/// unchanged.
#[test]
fn parse_errors_and_value_notes_in_indonesian() {
    let id = |args: &[&str]| {
        let mut all = vec!["--lang", "id"];
        all.extend_from_slice(args);
        jalin(all)
    };
    let r = id(&["report", "frequencies", "--bogus", "x"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("galat: argumen '--bogus' tidak dikenal")
            && r.stderr
                .contains("saran: untuk memberikan '--bogus' sebagai nilai, pakai '-- --bogus'")
            && r.stderr
                .contains("Penggunaan: jalin report frequencies [OPTIONS] <PROJECT>")
            && r.stderr
                .contains("Untuk informasi lebih lanjut, coba '--help'."),
        "{}",
        r.stderr
    );
    let r = id(&["report", "frequncies"]);
    assert!(
        r.stderr
            .contains("galat: subperintah 'frequncies' tidak dikenal")
            && r.stderr
                .contains("ada subperintah yang mirip: 'frequencies'"),
        "{}",
        r.stderr
    );
    let r = id(&["code"]);
    assert!(
        r.stderr
            .contains("galat: argumen wajib berikut belum diberikan:\n  --code <CODE>"),
        "{}",
        r.stderr
    );
    let r = id(&["report", "frequencies", "p", "--cells", "foo"]);
    assert!(
        r.stderr
            .contains("galat: nilai 'foo' tidak sah untuk '--cells <CELLS>'")
            && r.stderr
                .contains("[nilai yang mungkin: separate, combined]"),
        "{}",
        r.stderr
    );
    for r in [&id(&["report", "frequencies", "--bogus"]), &id(&["code"])] {
        for english in ["error:", "Usage:", "For more information", "tip:"] {
            assert!(!r.stderr.contains(english), "{english} in {}", r.stderr);
        }
    }
    let en = jalin(["report", "frequencies", "--bogus", "x"]);
    assert!(
        en.stderr
            .starts_with("error: unexpected argument '--bogus' found")
            && en.stderr.contains("Usage: jalin report frequencies"),
        "{}",
        en.stderr
    );
    // Help notes: Indonesian, none of clap's English ones.
    // Words only (clap wraps the lines).
    let words = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let help = words(id(&["report", "frequencies", "--help"]).stdout);
    assert!(
        help.contains("[bawaan: separate]")
            && help.contains("[nilai yang mungkin: separate, combined]"),
        "{help}"
    );
    for english in ["[default:", "possible values", "Possible values"] {
        assert!(!help.contains(english), "{english} in {help}");
    }
    let en = words(ok(["report", "frequencies", "--help"]));
    assert!(en.contains("[default: separate]"), "{en}");
}

#[test]
fn agreement_with_a_coder_who_coded_nothing_says_nothing_was_compared() {
    let (_d, path) = demo();
    let p = path.to_str().unwrap();
    ok(["coders", p, "add", "zed"]);
    let md = ok(["agreement", p, "--coders", "R1,zed", "--format", "md"]);
    // Every source is left out, so no unit was compared: not a lack of
    // variation.
    assert!(!md.contains("same value from every coder"), "{md}");
    assert!(
        md.contains("no unit was compared, because none of the 20 sources was coded by at least two of the coders"),
        "{md}"
    );
    assert!(md.contains("No codings by zed in these 20 sources"), "{md}");
    let id = ok([
        "--lang",
        "id",
        "agreement",
        p,
        "--coders",
        "R1,zed",
        "--format",
        "md",
    ]);
    assert!(id.contains("tidak ada unit yang dibandingkan"), "{id}");
    assert!(
        id.contains("Tidak ada pengodean oleh zed dalam 20 sumber ini"),
        "{id}"
    );
    // Two coders who compared keep their notes, and name no idle coder.
    let md = ok(["agreement", p, "--coders", "R1,R2", "--format", "md"]);
    assert!(
        !md.contains("no unit was compared") && !md.contains("No codings by"),
        "{md}"
    );
}
