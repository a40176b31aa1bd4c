//! Issue 4's tables on a small fixture whose every number was counted by
//! hand (see the comments), then every format of one report.

mod agreement;
mod common;

use std::collections::HashMap;
use std::path::Path;

use jalin::analysis::{self, CoMode, Filter, Grouping, QuoteOptions, Report};
use jalin::export::{self, TableFormat};
use jalin::model::{
    AsSpan, Attribute, CodeId, CoderId, CodingId, CodingSpan, ReviewStatus, SourceKind,
};
use jalin::store::{AddedSource, NewCode, NewSource, Project, ProjectData};

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    p: Project,
    codes: HashMap<&'static str, CodeId>,
    codings: Vec<CodingId>,
    y: CoderId,
}

const INT_A: &str =
    "I: How?\nR: Files go back. Staff rotate.\nI: More?\nR: Villages stay silent.\n";
const INT_B: &str = "I: How?\nR: Files go back again.\nI: And?\nR: Staff are few.\n";
const FGD: &str = "Moderator: Welcome.\nAna: Files go back.\nBudi: Staff rotate.\nCici: Villages stay silent.\nAna: Staff rotate too.\n";
const DOC: &str = "Files go back in 40% of cases.\n\nStaff are few.\n";
const OBS: &str = "Villages stay silent at meetings.\n";

fn chars(text: &str, phrase: &str, nth: usize) -> (usize, usize) {
    let at = text.match_indices(phrase).nth(nth).expect("phrase").0;
    let start = text[..at].chars().count();
    (start, start + phrase.chars().count())
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.jalin");
    let mut p = Project::create(&path).unwrap();
    let mut ids = HashMap::new();
    type Spec<'a> = (&'a str, SourceKind, &'a str, &'a [(&'a str, &'a str)]);
    let sources: [Spec; 5] = [
        (
            "Int_A",
            SourceKind::Interview,
            INT_A,
            &[("city", "Palu"), ("role", "judge")],
        ),
        (
            "Int_B",
            SourceKind::Interview,
            INT_B,
            &[("city", "Sigi"), ("role", "judge")],
        ),
        ("FGD", SourceKind::FocusGroup, FGD, &[("city", "Palu")]),
        ("Doc", SourceKind::Document, DOC, &[("city", "Palu")]),
        ("Obs", SourceKind::Observation, OBS, &[]),
    ];
    for (name, kind, text, attrs) in sources {
        let AddedSource::Added(s) = p
            .add_source(
                NewSource {
                    name: name.into(),
                    kind,
                    text: text.into(),
                    original_name: None,
                    attributes: attrs.iter().map(|(k, v)| Attribute::new(*k, *v)).collect(),
                    turns: jalin::import::speakers::detect(text),
                    guid: None,
                },
                false,
            )
            .unwrap()
        else {
            panic!()
        };
        ids.insert(name, s.id);
    }
    let theme = p.add_code(NewCode::named("Theme")).unwrap().id;
    let a = p
        .add_code(NewCode {
            parent: Some(theme),
            ..NewCode::named("a")
        })
        .unwrap()
        .id;
    let b = p
        .add_code(NewCode {
            parent: Some(theme),
            ..NewCode::named("b")
        })
        .unwrap()
        .id;
    let c = p.add_code(NewCode::named("c")).unwrap().id;
    let d = p.add_code(NewCode::named("d")).unwrap().id;
    let codes = HashMap::from([("Theme", theme), ("a", a), ("b", b), ("c", c), ("d", d)]);
    let x = p.coder("X").unwrap().id;
    let y = p.coder("Y").unwrap().id;
    let plan: [(&str, &str, &str, usize, CodeId, CoderId); 14] = [
        ("Int_A", INT_A, "Files go back.", 0, a, x),        // 1
        ("Int_A", INT_A, "Staff rotate.", 0, b, x),         // 2
        ("Int_A", INT_A, "Villages stay silent.", 0, c, x), // 3
        ("Int_B", INT_B, "Files go back again.", 0, a, x),  // 4
        ("Int_B", INT_B, "Staff are few.", 0, b, y),        // 5
        ("FGD", FGD, "Files go back.", 0, a, x),            // 6 Ana
        ("FGD", FGD, "Staff rotate.", 0, b, x),             // 7 Budi
        ("FGD", FGD, "Staff rotate too.", 0, b, x),         // 8 Ana
        ("FGD", FGD, "Welcome.", 0, c, x),                  // 9 Moderator
        ("Doc", DOC, "Files go back in 40% of cases.", 0, a, x), // 10
        ("Doc", DOC, "Staff are few.", 0, b, x),            // 11
        ("Obs", OBS, "Villages stay silent at meetings.", 0, c, x), // 12
        ("Int_A", INT_A, "Files go back. Staff rotate.", 0, b, x), // 13
        ("Doc", DOC, "40% of cases", 0, d, x),              // 14
    ];
    let mut codings = Vec::new();
    for (src, text, phrase, nth, code, coder) in plan {
        let (s, e) = chars(text, phrase, nth);
        codings.push(p.add_coding(ids[src], code, s, e, coder).unwrap().id);
    }
    Fixture {
        _dir: dir,
        path,
        p,
        codes,
        codings,
        y,
    }
}

fn cell(report: &Report, row: &str, col: &str) -> String {
    let t = &report.wide;
    let c = t
        .column(col)
        .unwrap_or_else(|| panic!("no column '{col}' in {:?}", t.columns));
    let r = t
        .rows
        .iter()
        .find(|r| r[0].display() == row)
        .unwrap_or_else(|| panic!("no row '{row}'"));
    r[c].display()
}

fn data(f: &Fixture) -> ProjectData {
    f.p.data().unwrap()
}

#[test]
fn frequencies_overall_roll_up_and_respondents() {
    let f = fixture();
    let r = analysis::frequencies(&data(&f), &Grouping::None).to_report();
    // 5 sources; respondents: Int_A, Int_B and FGD's Ana, Budi, Cici.
    let row = |code: &str| {
        [
            cell(&r, code, "sub-codes"),
            cell(&r, code, "codings"),
            cell(&r, code, "sources"),
            cell(&r, code, "% of 5 sources"),
            cell(&r, code, "respondents"),
            cell(&r, code, "% of 5 respondents"),
        ]
    };
    assert_eq!(row("Theme > a"), ["0", "4", "4", "80.0", "3", "60.0"]);
    assert_eq!(row("Theme > b"), ["0", "6", "4", "80.0", "4", "80.0"]);
    // The moderator's "Welcome." is not a respondent's.
    assert_eq!(row("c"), ["0", "3", "3", "60.0", "1", "20.0"]);
    assert_eq!(row("d"), ["0", "1", "1", "20.0", "0", "0.0"]);
    // The parent rolls up a and b: 10 codings in 4 sources by 4 respondents.
    assert_eq!(row("Theme"), ["2", "10", "4", "80.0", "4", "80.0"]);
}

#[test]
fn frequencies_by_kind_attribute_and_pair() {
    let f = fixture();
    let r = analysis::frequencies(&data(&f), &Grouping::Kind).to_report();
    assert_eq!(cell(&r, "Theme > a", "interview: codings"), "2");
    assert_eq!(cell(&r, "Theme > a", "interview: % of 2 sources"), "100.0");
    assert_eq!(
        cell(&r, "Theme > a", "focus_group: % of 3 respondents"),
        "33.3"
    );
    // Documents have no respondents: no share, "—" (not 0.0).
    assert_eq!(cell(&r, "Theme > a", "document: % of 0 respondents"), "—");
    assert_eq!(cell(&r, "Theme > a", "observation: codings"), "0");

    // Palu: Int_A, FGD, Doc (3 sources; Int_A + 3 participants = 4 respondents).
    let r = analysis::frequencies(&data(&f), &"attr:city".parse().unwrap()).to_report();
    assert_eq!(cell(&r, "Theme > b", "Palu: codings"), "5");
    assert_eq!(cell(&r, "Theme > b", "Palu: % of 3 sources"), "100.0");
    assert_eq!(cell(&r, "Theme > b", "Palu: respondents"), "3");
    assert_eq!(cell(&r, "Theme > b", "Palu: % of 4 respondents"), "75.0");
    assert_eq!(cell(&r, "Theme > b", "Sigi: % of 1 sources"), "100.0");
    assert_eq!(cell(&r, "Theme > b", "(not set): codings"), "0");
    assert_eq!(cell(&r, "c", "(not set): % of 1 sources"), "100.0");

    let r = analysis::frequencies(&data(&f), &"attr:city,attr:role".parse().unwrap()).to_report();
    let groups: Vec<&String> = r
        .wide
        .columns
        .iter()
        .filter(|c| c.ends_with(": codings"))
        .collect();
    assert_eq!(
        groups,
        [
            "Palu × judge: codings",
            "Sigi × judge: codings",
            "(not set) × (not set): codings",
            "Palu × (not set): codings"
        ]
    );
    assert_eq!(cell(&r, "c", "Palu × judge: codings"), "1");
    assert_eq!(cell(&r, "c", "Palu × (not set): % of 2 sources"), "50.0");

    // Long format: one row per code and group.
    let long = &r.long;
    assert_eq!(long.columns[..3], ["code", "group", "codings"]);
    assert_eq!(long.rows.len(), 5 * 5);
}

#[test]
fn filters_narrow_every_table() {
    let f = fixture();
    let only_y = Filter {
        coders: vec![f.y],
        ..Default::default()
    };
    let r = analysis::frequencies(&only_y.apply(&data(&f)), &Grouping::None).to_report();
    assert_eq!(cell(&r, "Theme > b", "codings"), "1");
    assert_eq!(cell(&r, "Theme > a", "codings"), "0");
    let interviews = Filter {
        kinds: vec![SourceKind::Interview],
        ..Default::default()
    };
    let r = analysis::frequencies(&interviews.apply(&data(&f)), &Grouping::None).to_report();
    assert_eq!(cell(&r, "Theme > b", "% of 2 sources"), "100.0");
    let palu = Filter {
        attributes: vec![("city".into(), "palu".into())],
        codes: vec![f.codes["c"]],
        ..Default::default()
    };
    let r = analysis::frequencies(&palu.apply(&data(&f)), &Grouping::None).to_report();
    assert_eq!(r.wide.rows.len(), 1);
    assert_eq!(cell(&r, "c", "codings"), "2");
}

#[test]
fn triangulation_with_and_without_split() {
    let f = fixture();
    let r = analysis::triangulation(&data(&f), &Grouping::Kind).to_report();
    assert_eq!(cell(&r, "Theme > a", "status"), "corroborated");
    assert_eq!(
        cell(&r, "Theme > a", "found in"),
        "interview, focus_group, document"
    );
    assert_eq!(cell(&r, "Theme > b", "interview: codings"), "3");
    assert_eq!(cell(&r, "Theme > b", "interview: sources (of 2)"), "2");
    assert_eq!(cell(&r, "Theme > b", "focus_group: codings"), "2");
    assert_eq!(
        cell(&r, "c", "found in"),
        "interview, focus_group, observation"
    );
    assert_eq!(cell(&r, "d", "status"), "single-kind");
    // A theme's row counts its subtree: a's and b's codings, so it is
    // corroborated, not "absent" (issue 11).
    assert_eq!(cell(&r, "Theme", "status"), "corroborated");
    assert_eq!(
        cell(&r, "Theme", "found in"),
        "interview, focus_group, document"
    );
    assert_eq!(cell(&r, "Theme", "interview: codings"), "5");
    assert_eq!(cell(&r, "Theme", "interview: sources (of 2)"), "2");
    assert_eq!(cell(&r, "Theme", "focus_group: codings"), "3");
    assert!(
        r.notes.iter().any(|n| n.contains("subtree")),
        "{:?}",
        r.notes
    );

    let r = analysis::triangulation(&data(&f), &"attr:city".parse().unwrap()).to_report();
    assert_eq!(cell(&r, "Theme > a", "Palu: status"), "corroborated");
    assert_eq!(cell(&r, "Theme > a", "Sigi: status"), "single-kind");
    assert_eq!(cell(&r, "Theme > a", "Sigi: found in"), "interview");
    assert_eq!(cell(&r, "Theme > a", "(not set): status"), "absent");
    assert_eq!(cell(&r, "c", "(not set): found in"), "observation");
    assert_eq!(cell(&r, "Theme", "Sigi: status"), "single-kind");
    // Long: code × (all + 3 groups) × 4 kinds.
    assert_eq!(r.long.rows.len(), 5 * 4 * 4);
}

#[test]
fn lean_codings_count_the_same_as_full_ones() {
    let f = fixture();
    let full = data(&f);
    let lean = f.p.lean_data().unwrap();
    let mut spans: Vec<CodingSpan> = full.codings.iter().map(AsSpan::span).collect();
    spans.sort();
    let mut lean_spans = lean.codings.clone();
    lean_spans.sort();
    assert_eq!(spans, lean_spans);
    let filters = [
        Filter::default(),
        Filter {
            coders: vec![f.y],
            ..Default::default()
        },
        Filter {
            kinds: vec![SourceKind::FocusGroup, SourceKind::Document],
            ..Default::default()
        },
        Filter {
            attributes: vec![("city".into(), "palu".into())],
            codes: vec![f.codes["Theme"]],
            ..Default::default()
        },
    ];
    let groupings: Vec<Grouping> = ["none", "kind", "attr:city", "attr:city,attr:role"]
        .iter()
        .map(|g| g.parse().unwrap())
        .collect();
    for filter in &filters {
        let (full, lean) = (filter.apply(&full), filter.apply(&lean));
        for g in &groupings {
            assert_eq!(
                analysis::frequencies(&full, g),
                analysis::frequencies(&lean, g),
                "{filter:?} {g:?}"
            );
            assert_eq!(
                analysis::triangulation(&full, g),
                analysis::triangulation(&lean, g),
                "{filter:?} {g:?}"
            );
        }
    }
}

#[test]
fn cooccurrence_three_ways() {
    let f = fixture();
    let d = data(&f);
    let texts = f.p.source_texts().unwrap();
    let r = analysis::cooccurrence(&d, &texts, CoMode::Overlap).to_report(false);
    assert_eq!(r.wide.columns, ["code", "Theme > a", "Theme > b", "c", "d"]);
    assert_eq!(cell(&r, "Theme > a", "Theme > b"), "1");
    assert_eq!(cell(&r, "Theme > a", "d"), "1");
    assert_eq!(cell(&r, "Theme > a", "Theme > a"), "4");
    assert_eq!(cell(&r, "Theme > b", "c"), "0");
    let s = analysis::cooccurrence(&d, &texts, CoMode::Overlap).to_report(true);
    assert_eq!(cell(&s, "Theme > a", "Theme > b"), "0.111");
    assert_eq!(cell(&s, "Theme > a", "d"), "0.250");

    let t = analysis::cooccurrence(&d, &texts, CoMode::Turn);
    let (r, s) = (t.to_report(false), t.to_report(true));
    assert_eq!(cell(&r, "Theme > b", "Theme > b"), "5");
    assert_eq!(cell(&r, "Theme > a", "Theme > b"), "1");
    assert_eq!(cell(&s, "Theme > a", "Theme > b"), "0.125");
    assert_eq!(cell(&r, "Theme > a", "d"), "1");

    let pgr = analysis::cooccurrence(&d, &texts, CoMode::Paragraph);
    let (r, s) = (pgr.to_report(false), pgr.to_report(true));
    assert_eq!(cell(&r, "Theme > a", "Theme > b"), "3");
    assert_eq!(cell(&s, "Theme > a", "Theme > b"), "0.600");
    assert_eq!(cell(&s, "Theme > a", "c"), "0.400");
    assert_eq!(pgr.to_report(false).long.rows.len(), 4 + 3 + 2 + 1);
}

#[test]
fn code_by_source_matrix() {
    let f = fixture();
    let r = analysis::code_source_matrix(&data(&f), false).to_report();
    assert_eq!(
        r.wide.columns,
        ["code", "Doc", "FGD", "Int_A", "Int_B", "Obs"]
    );
    let row =
        |r: &Report, code: &str| ["Doc", "FGD", "Int_A", "Int_B", "Obs"].map(|s| cell(r, code, s));
    assert_eq!(row(&r, "Theme > b"), ["1", "2", "2", "1", "0"]);
    let p = analysis::code_source_matrix(&data(&f), true).to_report();
    assert_eq!(row(&p, "Theme > b"), ["1", "1", "1", "1", "0"]);
    assert_eq!(p.long.columns, ["code", "source", "kind", "present"]);
}

#[test]
fn quotes_exemplars_first_with_attribution() {
    let mut f = fixture();
    f.p.set_exemplar(f.codings[6], true).unwrap(); // Budi's "Staff rotate."
    let texts = f.p.source_texts().unwrap();
    let rows = analysis::quotes(&data(&f), &texts, &QuoteOptions::default());
    let b: Vec<(&str, &str, bool)> = rows
        .iter()
        .filter(|q| q.code == f.codes["b"])
        .map(|q| (&*q.segment.quote, q.attribution.as_str(), q.exemplar))
        .collect();
    assert_eq!(
        b,
        [
            // Attribution without the internal source name (issue 11).
            ("Staff rotate.", "Budi, Palu", true),
            ("Staff are few.", "Palu", false),
            ("Staff rotate too.", "Ana, Palu", false),
            ("Files go back. Staff rotate.", "judge, Palu", false),
            ("Staff rotate.", "judge, Palu", false),
            ("Staff are few.", "judge, Sigi", false),
        ]
    );
    let only = analysis::quotes(
        &data(&f),
        &texts,
        &QuoteOptions {
            exemplars_only: true,
            ..Default::default()
        },
    );
    assert_eq!(only.len(), 1);
}

#[test]
fn review_board_statuses_are_stored() {
    let mut f = fixture();
    let texts = f.p.source_texts().unwrap();
    // Without picked themes, every code with codings is pending.
    let board = analysis::review_board(&data(&f), &texts, "S", &[]);
    assert_eq!(
        board
            .themes
            .iter()
            .map(|t| t.path.as_str())
            .collect::<Vec<_>>(),
        ["Theme > a", "Theme > b", "c", "d"]
    );
    f.p.set_review("S", f.codes["a"], ReviewStatus::Confirmed, "agreed")
        .unwrap();
    f.p.set_review("S", f.codes["Theme"], ReviewStatus::Disputed, "too broad")
        .unwrap();
    let old =
        f.p.set_review("S", f.codes["a"], ReviewStatus::Revised, "split it")
            .unwrap();
    assert_eq!(old.map(|o| o.status), Some(ReviewStatus::Confirmed));
    drop(f.p);
    let p = Project::open(&f.path).unwrap();
    let items = p.review_items("S").unwrap();
    assert_eq!(p.review_sessions().unwrap(), ["S"]);
    let board = analysis::review_board(&p.data().unwrap(), &texts, "S", &items);
    let themes: Vec<(&str, &str, usize, usize, &str)> = board
        .themes
        .iter()
        .map(|t| {
            (
                t.path.as_str(),
                t.status.as_str(),
                t.codings,
                t.sources,
                t.note.as_str(),
            )
        })
        .collect();
    // The parent theme rolls up a and b.
    assert_eq!(
        themes,
        [
            ("Theme > a", "revised", 4, 4, "split it"),
            ("Theme", "disputed", 10, 4, "too broad")
        ]
    );
}

fn freq_report(f: &Fixture) -> Report {
    analysis::frequencies(&data(f), &Grouping::Kind).to_report()
}

fn render(report: &Report, format: TableFormat) -> Vec<u8> {
    let mut out = Vec::new();
    export::write_report(report, format, &mut out).unwrap();
    out
}

#[test]
fn every_text_format_is_stable() {
    let f = fixture();
    let r = freq_report(&f);
    for format in [
        TableFormat::Csv,
        TableFormat::CsvWide,
        TableFormat::Markdown,
        TableFormat::Latex,
        TableFormat::Html,
    ] {
        let text = String::from_utf8(render(&r, format)).unwrap();
        insta::assert_snapshot!(
            format!("fixture_frequencies_by_kind_{}", format.as_str()),
            text
        );
    }
}

#[test]
fn csv_reads_back_equal_to_the_table() {
    let f = fixture();
    let r = freq_report(&f);
    for (format, table) in [(TableFormat::Csv, &r.long), (TableFormat::CsvWide, &r.wide)] {
        let text = String::from_utf8(render(&r, format)).unwrap();
        let (header, rows) = common::parse_csv(&text);
        assert_eq!(&header, &table.columns);
        let expected: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.display()).collect())
            .collect();
        assert_eq!(rows, expected);
    }
}

#[test]
fn xlsx_reads_back_equal_to_the_table() {
    use calamine::{Data, Reader, Xlsx};
    let f = fixture();
    let r = freq_report(&f);
    let bytes = render(&r, TableFormat::Xlsx);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["table", "data", "notes"]);
    // Spreadsheets are read by people: kinds by their human names.
    let r = export::human_labels(&r);
    for (sheet, table) in [("table", &r.wide), ("data", &r.long)] {
        let range = book.worksheet_range(sheet).unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|d| match d {
                        Data::String(s) => s.clone(),
                        Data::Float(x)
                            if x.fract() == 0.0 && !table.columns.iter().any(|_| false) =>
                        {
                            format!("{x}")
                        }
                        Data::Float(x) => format!("{x}"),
                        Data::Int(i) => i.to_string(),
                        Data::Empty => String::new(),
                        other => format!("{other:?}"),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(rows[0], table.columns);
        for (got, want) in rows[1..].iter().zip(&table.rows) {
            let want: Vec<String> = want
                .iter()
                .map(|c| match c {
                    jalin::analysis::Cell::Text(s) => s.to_string(),
                    jalin::analysis::Cell::Int(n) => n.to_string(),
                    // Percentages are stored as fractions, shown as 0.0%.
                    jalin::analysis::Cell::Percent(p) => format!("{}", p / 100.0),
                    jalin::analysis::Cell::Ratio(p) | jalin::analysis::Cell::Statistic(p) => {
                        format!("{p}")
                    }
                    share @ jalin::analysis::Cell::Share { .. } => share.display(),
                })
                .collect();
            assert_eq!(got, &want);
        }
        assert_eq!(rows.len(), table.rows.len() + 1);
    }
}

#[test]
fn docx_holds_every_cell() {
    let f = fixture();
    let r = freq_report(&f);
    let bytes = render(&r, TableFormat::Docx);
    let r = export::human_labels(&r);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("Code frequencies by source kind"));
    for c in &r.wide.columns {
        assert!(
            xml.contains(&c.replace('&', "&amp;").replace('>', "&gt;")),
            "missing column {c}"
        );
    }
    assert!(xml.contains("Theme &gt; a") || xml.contains("Theme > a"));
    assert_eq!(
        xml.matches("<w:tr>").count() + xml.matches("<w:tr ").count(),
        r.wide.rows.len() + 1
    );
}

#[test]
fn formulas_in_quotes_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("x.jalin")).unwrap();
    let text = "=HYPERLINK(\"http://x\",\"click\") and +1 and @SUM(A1)";
    let AddedSource::Added(s) = p
        .add_source(
            NewSource {
                name: "-evil".into(),
                kind: SourceKind::Document,
                text: text.into(),
                original_name: None,
                attributes: vec![],
                turns: vec![],
                guid: None,
            },
            false,
        )
        .unwrap()
    else {
        panic!()
    };
    let c = p.add_code(NewCode::named("=cmd|' /C calc'!A0")).unwrap();
    let k = p.coder("k").unwrap();
    p.add_coding(s.id, c.id, 0, 30, k.id).unwrap();
    let rows = analysis::quotes(
        &p.data().unwrap(),
        &p.source_texts().unwrap(),
        &QuoteOptions::default(),
    );
    let r = analysis::quotes_report(&rows);
    let csv = String::from_utf8(render(&r, TableFormat::Csv)).unwrap();
    let (_, parsed) = common::parse_csv(&csv);
    assert_eq!(parsed[0][0], "'=cmd|' /C calc'!A0");
    assert_eq!(parsed[0][3], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(parsed[0][4], "'-evil");
    // In XLSX every text is a string cell, never a formula.
    use calamine::{Data, Reader, Xlsx};
    let bytes = render(&r, TableFormat::Xlsx);
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("table").unwrap();
    assert_eq!(
        range.get((1, 0)),
        Some(&Data::String("=cmd|' /C calc'!A0".into()))
    );
    let formulas = book.worksheet_formula("table").unwrap();
    assert!(
        formulas.used_cells().next().is_none(),
        "a formula was written"
    );
}

#[test]
fn figures_are_well_formed() {
    let f = fixture();
    let d = data(&f);
    let book = jalin::model::Codebook::new(d.codes.clone());
    let texts = f.p.source_texts().unwrap();
    let by_kind = analysis::frequencies(&d, &Grouping::Kind);
    let by_city = analysis::frequencies(&d, &"attr:city".parse().unwrap());
    let plain = analysis::frequencies(&d, &Grouping::None);
    let co = analysis::cooccurrence(&d, &texts, CoMode::Overlap);
    let svgs = [
        export::bar_chart_svg(&by_kind),
        export::heatmap_svg(&by_city),
        export::concept_map_svg(&book, &plain, &co),
    ];
    for svg in &svgs {
        // usvg parses the XML strictly: a malformed file is an error.
        resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("valid SVG");
        let png = export::svg_to_png(svg, 1.0).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }
    // The bar chart has one bar segment per (code, kind) with codings: a 3,
    // b 3, c 3, d 1.
    assert_eq!(svgs[0].matches("<rect x=").count() - 4, 10);
    assert!(svgs[1].contains(">100%<"));
    let dot = export::concept_map_dot(&book, &plain, &co);
    let graph = dot_parser::ast::Graph::try_from(dot.as_str()).expect("DOT parses");
    assert_eq!(graph.get_node_ids().len(), 4);
    assert!(dot.contains("subgraph cluster_"));
    assert_eq!(dot.matches(" -- ").count(), 2);
}

/// A code name with a vertical tab and a bell (written by an older Jalin;
/// `codes add` now refuses such a name), and an
/// attribute value with a form feed (pasted from a word processor): every
/// figure is still well-formed XML, its PNG is drawn, and the DOT has no
/// raw control character.
#[test]
fn figures_survive_control_characters_in_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("d.jalin");
    let ps = p.to_str().unwrap();
    common::ok(["demo", ps]);
    let code = "Line one\u{b}line two\u{7}";
    let r = common::jalin(["codes", "add", ps, code]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("without tabs or other control characters"),
        "{}",
        r.stderr
    );
    // As an older Jalin let it be written: the demo's code renamed in the
    // file itself.
    rusqlite::Connection::open(&p)
        .unwrap()
        .execute(
            "UPDATE codes SET name = ?1 WHERE name = 'coordination'",
            [code],
        )
        .unwrap();
    common::ok([
        "source",
        ps,
        "Palu_Prosecutor_02",
        "--attr",
        "city=Pa\u{c}lu",
    ]);
    let svgs = [
        vec!["chart", "frequencies", ps, "--format", "svg"],
        vec![
            "chart",
            "heatmap",
            ps,
            "--by",
            "attr:city",
            "--format",
            "svg",
        ],
        vec!["chart", "concept-map", ps, "--format", "svg"],
    ];
    let out = dir.path().join("f.svg");
    for args in &svgs {
        let mut svg_args: Vec<&str> = args.clone();
        svg_args.extend(["--out", out.to_str().unwrap()]);
        common::ok(svg_args);
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains("Line one"), "{args:?}");
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
            .unwrap_or_else(|e| panic!("{args:?}: {e}"));
        let png = dir.path().join("f.png");
        let mut png_args: Vec<&str> = args.clone();
        png_args.pop();
        png_args.extend(["png", "--out", png.to_str().unwrap()]);
        common::ok(png_args);
        assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    }
    let dot_file = dir.path().join("m.dot");
    common::ok([
        "chart",
        "concept-map",
        ps,
        "--format",
        "dot",
        "--out",
        dot_file.to_str().unwrap(),
    ]);
    let dot = std::fs::read_to_string(&dot_file).unwrap();
    assert!(
        !dot.contains(|c: char| c.is_control() && c != '\n'),
        "a raw control character in the DOT"
    );
    dot_parser::ast::Graph::try_from(dot.as_str()).expect("DOT parses");
}

#[test]
fn concept_map_and_heatmap_show_a_parents_own_codings() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let p = p.to_str().unwrap();
    common::ok(["demo", p]);
    let map = dir.path().join("m.dot");
    let heat = dir.path().join("h.svg");
    let draw = || {
        common::ok([
            "chart",
            "concept-map",
            p,
            "--format",
            "dot",
            "--out",
            map.to_str().unwrap(),
        ]);
        common::ok([
            "chart",
            "heatmap",
            p,
            "--by",
            "attr:city",
            "--format",
            "svg",
            "--out",
            heat.to_str().unwrap(),
        ]);
        (
            std::fs::read_to_string(&map).unwrap(),
            std::fs::read_to_string(&heat).unwrap(),
        )
    };
    let (dot, svg) = draw();
    assert!(!dot.contains("Structure (coded directly)"), "{dot}");
    assert!(!svg.contains("Structure (coded directly)"), "{svg}");
    // Structure is a theme with sub-codes; code passages with it itself.
    let said = common::ok(["code", p, "--code", "Structure", "--match", "police", "-i"]);
    let n: usize = said
        .split_whitespace()
        .nth(1)
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("{said}"));
    assert!(n > 0, "{said}");
    let (dot, svg) = draw();
    // Graphviz reads the map; the node counts the parent's own codings
    // alone and sits in its theme's cluster.
    let graph = dot_parser::ast::Graph::try_from(dot.as_str()).expect("DOT parses");
    // DOT's own `\n` (Graphviz's centred line break) between name and count.
    let label = format!(" [label=\"Structure (coded directly)\\n({n})\"");
    let at = dot
        .find(&label)
        .unwrap_or_else(|| panic!("no node for Structure's {n} own codings: {dot}"));
    let node = dot[..at].rsplit(char::is_whitespace).next().unwrap();
    assert_eq!(graph.get_node_ids().len(), dot.matches(" [label=").count());
    assert!(
        dot.contains(&format!(" -- {node} ")) || dot.contains(&format!("{node} -- ")),
        "{dot}"
    );
    let cluster = &dot[dot
        .find("label=\"Structure\"")
        .expect("Structure's cluster")..];
    assert!(
        cluster[..cluster.find("\n  }").unwrap()].contains(&format!("{node} [")),
        "{dot}"
    );
    if std::process::Command::new("dot").arg("-V").output().is_ok() {
        let run = std::process::Command::new("dot")
            .args(["-Tsvg", map.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(String::from_utf8_lossy(&run.stdout).contains("Structure (coded directly)"));
    }
    // The heatmap has a row for them: per city, the sources the parent
    // itself was applied in, no more than the n codings.
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    let cells: Vec<(usize, usize)> = svg
        .match_indices("<title>Structure (coded directly), ")
        .map(|(i, _)| {
            let t = &svg[i..];
            let t = &t[t.find(": ").unwrap() + 2..t.find(" sources</title>").unwrap()];
            let (k, of) = t.split_once(" of ").unwrap();
            (k.parse().unwrap(), of.parse().unwrap())
        })
        .collect();
    assert!(!cells.is_empty(), "no heatmap row: {svg}");
    assert!(cells.iter().all(|(k, of)| k <= of), "{cells:?}");
    let coded: usize = cells.iter().map(|c| c.0).sum();
    assert!(coded > 0 && coded <= n, "{cells:?}");
}

/// An exported table as rows of cell texts: CSV parsed, the xlsx's first
/// sheet read back, and the other formats' table rows (Markdown, LaTeX,
/// HTML, docx) split into cells.
fn exported_rows(format: TableFormat, file: &Path) -> Vec<Vec<String>> {
    use calamine::{Data, Reader, Xlsx};
    let bytes = std::fs::read(file).unwrap();
    let text = || String::from_utf8(bytes.clone()).unwrap();
    let unescape = |v: &str| {
        v.replace("&gt;", ">")
            .replace("&lt;", "<")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    let cells = |line: &str, sep: &str| -> Vec<String> {
        line.split(sep)
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    };
    match format {
        TableFormat::Csv | TableFormat::CsvWide => {
            let (h, rows) = common::parse_csv(&text());
            std::iter::once(h).chain(rows).collect()
        }
        TableFormat::Xlsx => {
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let sheet = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&sheet).unwrap();
            range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|d| match d {
                            Data::String(s) => s.clone(),
                            Data::Float(x) => format!("{x}"),
                            Data::Int(i) => i.to_string(),
                            other => format!("{other:?}"),
                        })
                        .collect()
                })
                .collect()
        }
        TableFormat::Markdown => text().lines().map(|l| cells(l, "|")).collect(),
        TableFormat::Latex => text()
            .lines()
            .map(|l| {
                cells(l.trim_end_matches("\\\\"), "&")
                    .into_iter()
                    .map(|c| {
                        c.replace("\\hspace{0pt}", "")
                            .replace("\\allowbreak{}", "")
                            .replace("\\textgreater{}", ">")
                            .replace("\\textless{}", "<")
                            .replace("\\textbar{}", "|")
                            .replace("\\%", "%")
                            .replace("\\_", "_")
                    })
                    .collect()
            })
            .collect(),
        TableFormat::Html => text()
            .split("<tr")
            .map(|row| {
                row.split("</t")
                    .filter_map(|c| c.rsplit_once('>').map(|(_, v)| unescape(v.trim())))
                    .collect()
            })
            .collect(),
        TableFormat::Docx => {
            let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
                .unwrap();
            xml.split("<w:tr")
                .map(|row| {
                    row.split("</w:t>")
                        .filter_map(|c| c.rsplit_once('>').map(|(_, v)| unescape(v)))
                        .filter(|c| !c.is_empty())
                        .collect()
                })
                .collect()
        }
    }
}

/// The hand-counted values of the fixture (see `cooccurrence_three_ways`,
/// `code_by_source_matrix`, `quotes_exemplars_first_with_attribution`) are
/// in every exported format of the CLI's reports.
fn exported_values_are_right(what: &str, format: TableFormat, file: &Path) {
    let rows = exported_rows(format, file);
    // A number is the same number however it is written (0.600 in text,
    // 0.6 in a spreadsheet cell).
    let same = |a: &str, b: &str| {
        a == b
            || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if (x - y).abs() < 1e-9)
    };
    let has_row = |want: &[&str]| {
        rows.iter().any(|r| {
            r.windows(want.len())
                .any(|w| w.iter().zip(want).all(|(a, b)| same(a, b)))
        })
    };
    let long = format == TableFormat::Csv;
    let want: Vec<Vec<&str>> = match (what, long) {
        // Paragraphs, Jaccard: a–b 3 paragraphs, 0.600; a–c 0.400.
        ("cooccurrence", true) => vec![
            vec!["Theme > a", "Theme > b", "3", "0.600"],
            vec!["Theme > a", "c"],
        ],
        ("cooccurrence", false) => vec![vec!["Theme > a", "1.000", "0.600", "0.400"]],
        // b is present in Doc, FGD, Int_A and Int_B, not in Obs.
        ("matrix", true) => vec![
            vec!["Theme > b", "Doc", "document", "1"],
            vec!["Theme > b", "Obs", "observation", "0"],
        ],
        ("matrix", false) => vec![vec!["Theme > b", "1", "1", "1", "1", "0"]],
        // Quotes with their attribution, cited by role.
        ("quotes", _) => vec![
            vec!["Files go back in 40% of cases."],
            vec!["Staff are few."],
        ],
        // Frequencies and triangulation: checked value by value elsewhere.
        _ => return,
    };
    for w in &want {
        assert!(
            has_row(w),
            "{what} as {}: no row with {w:?} in {file:?}:\n{rows:#?}",
            format.as_str()
        );
    }
}

#[test]
fn cli_reports_charts_and_review() {
    let f = fixture();
    let p = f.path.to_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (what, extra) in [
        ("frequencies", vec!["--by", "attr:city,attr:role"]),
        ("triangulation", vec!["--by", "attr:city"]),
        ("cooccurrence", vec!["--unit", "paragraph", "--jaccard"]),
        ("matrix", vec!["--presence"]),
        ("quotes", vec!["--cite", "role"]),
    ] {
        for format in TableFormat::ALL {
            let file = out(&format!("{what}.{}", format.as_str()));
            let mut args = vec![
                "report",
                what,
                p.as_str(),
                "--format",
                format.as_str(),
                "--out",
                file.as_str(),
            ];
            args.extend(extra.iter().copied());
            common::ok(&args);
            assert!(std::fs::metadata(&file).unwrap().len() > 100, "{file}");
            exported_values_are_right(what, format, Path::new(&file));
        }
    }
    // --coder narrows to one coder's codings.
    let csv = common::ok([
        "report",
        "frequencies",
        p.as_str(),
        "--coder",
        "Y",
        "--format",
        "csv-wide",
    ]);
    let (h, rows) = common::parse_csv(&csv);
    assert_eq!(common::row_of(&h, &rows, "Theme > b")["codings"], "1");
    let r = common::jalin(["report", "frequencies", p.as_str(), "--coder", "Nobody"]);
    assert!(
        r.stderr.contains("no coder called 'Nobody'"),
        "{}",
        r.stderr
    );
    let r = common::jalin(["report", "frequencies", p.as_str(), "--format", "xlsx"]);
    assert!(
        r.stderr
            .contains("xlsx is a binary format: give --out FILE.xlsx"),
        "{}",
        r.stderr
    );
    let r = common::jalin(["report", "cooccurrence", p.as_str(), "--unit", "sentence"]);
    assert!(
        r.stderr
            .contains("invalid value 'sentence' for '--unit <UNIT>'")
            && r.stderr
                .contains("[possible values: overlap, turn, paragraph]"),
        "{}",
        r.stderr
    );

    for (chart, format) in [
        ("frequencies", "svg"),
        ("frequencies", "png"),
        ("heatmap", "svg"),
        ("heatmap", "png"),
        ("concept-map", "svg"),
        ("concept-map", "dot"),
        ("concept-map", "png"),
    ] {
        let file = out(&format!("{chart}.{format}"));
        common::ok([
            "chart",
            chart,
            p.as_str(),
            "--format",
            format,
            "--out",
            file.as_str(),
            "--by",
            "attr:city",
        ]);
        assert!(std::fs::metadata(&file).unwrap().len() > 100);
    }
    let r = common::jalin([
        "chart",
        "heatmap",
        p.as_str(),
        "--format",
        "dot",
        "--out",
        out("x.dot").as_str(),
    ]);
    assert!(
        r.stderr.contains("dot is only for the concept map"),
        "{}",
        r.stderr
    );

    let guid = f.p.coding(f.codings[6]).unwrap().guid.to_string();
    common::ok(["exemplar", p.as_str(), guid.as_str()]);
    let out_text = common::ok([
        "review",
        p.as_str(),
        "--session",
        "Expert FGD",
        "--set",
        "Theme > b=confirmed",
        "--note",
        "All agreed",
    ]);
    assert_eq!(out_text.trim(), "'b' is confirmed in Expert FGD");
    let md = common::ok([
        "review",
        p.as_str(),
        "--session",
        "Expert FGD",
        "--format",
        "md",
    ]);
    insta::assert_snapshot!("fixture_review_md", md);
    let docx = out("review.docx");
    common::ok([
        "review",
        p.as_str(),
        "--session",
        "Expert FGD",
        "--format",
        "docx",
        "--out",
        docx.as_str(),
    ]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("All agreed") && xml.contains("Budi, Palu (focus group, FGD)"));
    let r = common::jalin(["review", p.as_str(), "--set", "b=maybe"]);
    assert!(
        r.stderr.contains("'maybe' is not a review status"),
        "{}",
        r.stderr
    );
}

/// Whether an outside program (pdflatex, pdftotext, pandoc) runs here; a
/// missing one skips the test with the reason, or fails it when
/// `JALIN_REQUIRE_TOOLS=1` or `JALIN_REQUIRE_SHARED=1` (as CI sets).
fn tool(name: &str, package: &str) -> bool {
    let runs = std::process::Command::new(name)
        .arg(if name == "pdftotext" {
            "-v"
        } else {
            "--version"
        })
        .output()
        .is_ok();
    if !runs {
        let required = ["JALIN_REQUIRE_TOOLS", "JALIN_REQUIRE_SHARED"]
            .iter()
            .any(|v| std::env::var(v).as_deref() == Ok("1"));
        if required {
            panic!(
                "{name} is required (JALIN_REQUIRE_TOOLS=1) but not installed: install {package}"
            );
        }
        eprintln!("skipped: {name} is not installed (Debian package {package})");
    }
    runs
}

/// Compiles `tex` with pdflatex in `dir`; returns the PDF's text
/// (pdftotext) and the log.
fn pdflatex(dir: &Path, name: &str, tex: &[u8]) -> (String, String) {
    std::fs::write(dir.join(format!("{name}.tex")), tex).unwrap();
    let run = std::process::Command::new("pdflatex")
        .args([
            "-interaction=nonstopmode",
            "-halt-on-error",
            &format!("{name}.tex"),
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    let log = std::fs::read_to_string(dir.join(format!("{name}.log"))).unwrap_or_default();
    assert!(run.status.success(), "pdflatex failed on {name}:\n{log}");
    let pdf = dir.join(format!("{name}.pdf"));
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    (String::from_utf8_lossy(&text.stdout).into_owned(), log)
}

/// Collapses whitespace and rejoins words hyphenated at a line's end.
fn flat(text: &str) -> String {
    text.replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn latex_specials_accents_and_emoji_print_under_pdflatex() {
    if !tool("pdflatex", "texlive-latex-base") || !tool("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut t = jalin::analysis::Table::new("Specials", vec!["code".into(), "n".into()]);
    use jalin::analysis::Cell;
    t.rows
        .push(vec![Cell::text("Legal > Victim"), Cell::Int(3)]);
    t.rows.push(vec![
        Cell::text("a < b | c & d_e 50% #1 {x} ~^\\"),
        Cell::Int(4),
    ]);
    t.rows.push(vec![
        Cell::text("Café in Łódź, “quoted” – ok 😀\nline two"),
        Cell::Int(5),
    ]);
    t.rows.push(vec![
        Cell::text("\"Straight\" quotes (\"paired\") end\"."),
        Cell::Int(6),
    ]);
    t.rows.push(vec![
        Cell::text("'single' and '\"nested\"' and <\"angle\"> it's"),
        Cell::Int(7),
    ]);
    let report = Report {
        title: "Specials & <edge> cases".into(),
        wide: t.clone(),
        long: t,
        notes: vec!["A note with > and |.".into()],
    };
    let options = export::ExportOptions {
        standalone: true,
        ..Default::default()
    };
    let mut tex = Vec::new();
    export::write_report_with(&report, TableFormat::Latex, &options, &mut tex).unwrap();
    assert!(tex.is_ascii(), "the LaTeX is plain ASCII");
    let (text, log) = pdflatex(dir.path(), "specials", &tex);
    let text = flat(&text);
    for want in [
        "Legal > Victim",
        "a < b | c & d",
        "e 50% #1 {x}",
        "Specials & <edge> cases",
        "A note with > and |.",
        "line two",
        "U+1F600",
        "\u{201c}Straight\u{201d} quotes (\u{201c}paired\u{201d}) end\u{201d}.",
        "\u{2018}single\u{2019} and \u{2018}\u{201c}nested\u{201d}\u{2019} and <\u{201c}angle\u{201d}> it\u{2019}s",
    ] {
        assert!(text.contains(want), "{want:?} not printed in: {text}");
    }
    for wrong in ['¿', '¡'] {
        assert!(!text.contains(wrong), "{wrong} printed: {text}");
    }
    assert!(text.contains("Caf") && text.contains("dz"), "{text}");
    assert!(!log.contains("Overfull \\hbox"), "{log}");
}

#[test]
fn every_latex_table_of_the_demo_compiles_fits_and_keeps_its_rows() {
    if !tool("pdflatex", "texlive-latex-base") || !tool("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let p = p.to_str().unwrap();
    common::ok(["demo", p]);
    let tables: [(&str, &[&str]); 9] = [
        ("frequencies", &[]),
        ("frequencies", &["--by", "kind"]),
        ("frequencies", &["--by", "kind", "--landscape"]),
        ("triangulation", &[]),
        ("cooccurrence", &[]),
        ("matrix", &[]),
        ("quotes", &[]),
        ("quotes", &["--landscape"]),
        ("quotes", &["--columns", "code,attribution,quote"]),
    ];
    for (i, (kind, extra)) in tables.iter().enumerate() {
        let name = format!("t{i}_{kind}");
        let file = dir.path().join(format!("{name}.tex"));
        let mut args = vec!["report", kind, p, "--format", "latex", "--standalone"];
        args.extend_from_slice(extra);
        args.extend(["--out", file.to_str().unwrap()]);
        common::ok(&args);
        let tex = std::fs::read(&file).unwrap();
        let (text, log) = pdflatex(dir.path(), &name, &tex);
        let overfull: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("Overfull \\hbox"))
            .collect();
        assert!(
            overfull.is_empty(),
            "{name} is wider than the page: {overfull:?}"
        );
        let text = flat(&text);
        assert!(!text.contains('¿') && !text.contains('¡'), "{name}: {text}");
        match *kind {
            "frequencies" | "triangulation" => {
                assert!(text.contains("Structure > "), "{name}: {text}");
                assert!(text.contains("Legal framework > "), "{name}: {text}");
            }
            "quotes" => {
                // Every quote is printed: its opening words are in the PDF.
                let csv = common::ok(["report", "quotes", p, "--format", "csv"]);
                let (h, rows) = common::parse_csv(&csv);
                let q = h.iter().position(|c| c == "quote").unwrap();
                // Every coding by either demo coder (R1 236 + R2 29).
                assert_eq!(rows.len(), 265);
                let mut missing = Vec::new();
                for r in &rows {
                    let words: Vec<&str> = r[q].split_whitespace().take(2).collect();
                    if words
                        .iter()
                        .all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
                    {
                        let start = words.join(" ");
                        if !text.contains(&start) {
                            missing.push(start);
                        }
                    }
                }
                assert!(
                    missing.is_empty(),
                    "{name}: quotes not printed: {missing:?}"
                );
                let last = rows.last().unwrap()[q]
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    text.contains(&last),
                    "{name}: the last quote {last:?} is missing"
                );
                assert!(text.contains("(continued)"), "{name}: header not repeated");
            }
            _ => {}
        }
    }
}

/// A text of `words` distinct words ("river17"), in sentences of 12
/// words and, when `paragraphs`, paragraphs of 150.
fn numbered_words(words: usize, paragraphs: bool) -> String {
    let stems = ["river", "market", "stone", "village", "harbour", "lantern"];
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push_str(if paragraphs && i % 150 == 0 {
                ".\n\n"
            } else if paragraphs && i % 12 == 0 {
                ". "
            } else {
                " "
            });
        }
        s.push_str(&format!("{}{i}", stems[i % stems.len()]));
    }
    s
}

#[test]
fn latex_prints_every_word_of_a_quote_longer_than_a_page() {
    if !tool("pdflatex", "texlive-latex-base") || !tool("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.jalin");
    let p = p.to_str().unwrap();
    common::ok(["new", p]);
    // One text in paragraphs and sentences, one a single run of words
    // with no sentence end: each coded whole, about 1,000 words.
    let texts = [
        ("Essay", numbered_words(1000, true)),
        ("Ramble", numbered_words(1000, false)),
    ];
    for (name, text) in &texts {
        let file = dir.path().join(format!("{name}.txt"));
        std::fs::write(&file, text).unwrap();
        common::ok(["import", p, file.to_str().unwrap(), "--kind", "document"]);
    }
    common::ok(["codes", "add", p, "long answer"]);
    for (name, text) in &texts {
        let range = format!("0..{}", text.chars().count());
        common::ok([
            "code",
            p,
            "--code",
            "long answer",
            "--source",
            name,
            "--range",
            &range,
        ]);
    }
    for (k, extra) in [&[][..], &["--landscape"][..]].iter().enumerate() {
        let name = format!("long{k}");
        let file = dir.path().join(format!("{name}.tex"));
        let mut args = vec!["report", "quotes", p, "--format", "latex", "--standalone"];
        args.extend_from_slice(extra);
        args.extend(["--out", file.to_str().unwrap()]);
        common::ok(&args);
        let tex = std::fs::read(&file).unwrap();
        let (text, log) = pdflatex(dir.path(), &name, &tex);
        assert!(
            !log.contains("Overfull \\vbox"),
            "{name}: a row ran off the page: {log}"
        );
        let printed: std::collections::HashSet<&str> = text.split_whitespace().collect();
        let flat = flat(&text);
        let flat: std::collections::HashSet<&str> = flat
            .split_whitespace()
            .map(|w| w.trim_end_matches('.'))
            .collect();
        for (source, quote) in &texts {
            let missing: Vec<&str> = quote
                .split_whitespace()
                .map(|w| w.trim_end_matches('.'))
                .filter(|w| !flat.contains(w))
                .collect();
            assert!(
                missing.is_empty(),
                "{name}: {} of the 1000 words of {source} are not printed: {:?}",
                missing.len(),
                &missing[..missing.len().min(20)]
            );
        }
        // The pieces after the first are marked as the row going on.
        assert!(
            printed.contains("(continued)") || text.contains("(contin-"),
            "{name}: {text}"
        );
    }
}

/// One word longer than a page (a URL, a run of 7,200 characters): cut
/// inside the word over continued rows, so all of it prints (before, the
/// row ran off the page without a warning).
#[test]
fn latex_prints_a_word_longer_than_a_page() {
    if !tool("pdflatex", "texlive-latex-base") || !tool("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("word.jalin");
    let p = p.to_str().unwrap();
    common::ok(["new", p]);
    let word: String = (0..1200).map(|i| format!("w{i:05}")).collect();
    let file = dir.path().join("Link.txt");
    std::fs::write(&file, format!("See {word} there.")).unwrap();
    common::ok(["import", p, file.to_str().unwrap(), "--kind", "document"]);
    common::ok(["codes", "add", p, "link"]);
    common::ok([
        "code", p, "--code", "link", "--source", "Link", "--range", "0..7210",
    ]);
    let tex_file = dir.path().join("word.tex");
    common::ok([
        "report",
        "quotes",
        p,
        "--format",
        "latex",
        "--standalone",
        "--out",
        tex_file.to_str().unwrap(),
    ]);
    let (text, log) = pdflatex(dir.path(), "word", &std::fs::read(&tex_file).unwrap());
    assert!(
        !log.contains("Overfull \\vbox"),
        "a row ran off the page: {log}"
    );
    let kept: String = text
        .chars()
        .filter(|c| *c == 'w' || c.is_ascii_digit())
        .collect();
    let missing = (0..1200)
        .filter(|i| !kept.contains(&format!("w{i:05}")))
        .count();
    // A token cut between two rows is printed in two parts.
    assert!(
        missing <= 20,
        "{missing} of 1200 parts of the word are not printed"
    );
}

#[test]
fn latex_columns_survive_a_very_long_code_name() {
    if !tool("pdflatex", "texlive-latex-base") || !tool("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let p = p.to_str().unwrap();
    common::ok(["demo", p]);
    let compile = |name: &str, kind: &str| {
        let file = dir.path().join(format!("{name}.tex"));
        common::ok([
            "report",
            kind,
            p,
            "--format",
            "latex",
            "--standalone",
            "--out",
            file.to_str().unwrap(),
        ]);
        let (text, log) = pdflatex(dir.path(), name, &std::fs::read(&file).unwrap());
        let overfull = log
            .lines()
            .filter(|l| l.contains("Overfull \\hbox"))
            .count();
        // pdftotext ends each page with a form feed.
        let pages = text.matches('\u{c}').count();
        (text, overfull, pages)
    };
    let normal: Vec<_> = ["quotes", "triangulation"]
        .iter()
        .map(|k| compile(&format!("n_{k}"), k))
        .collect();
    let word = "Kinderschutzverfahrensbeschleunigungsgesetzgebung";
    common::ok(["codes", "rename", p, "Structure > coordination", word]);
    for (k, kind) in ["quotes", "triangulation"].iter().enumerate() {
        let (text, overfull, pages) = compile(&format!("l_{kind}"), kind);
        assert!(overfull <= 2, "{kind}: {overfull} overfull lines");
        let before = normal[k].2;
        assert!(before > 0 && pages > 0);
        assert!(
            pages * 4 <= before * 5,
            "{kind}: {pages} pages where the demo takes {before}"
        );
        // The name is printed whole, broken with hyphens.
        let flat = text.replace("-\n", "").replace('\n', "");
        assert!(flat.contains(word), "{kind}: {word} not printed");
        assert_eq!(normal[k].1, 0, "{kind}: the demo's own table is too wide");
    }
}

/// A report with the awkward cells issue 11 found: line breaks, a form
/// feed, a vertical tab, other control characters, U+FFFF.
fn awkward_report() -> Report {
    use jalin::analysis::{Cell, Table};
    let mut t = Table::new(
        "Awkward cells",
        vec!["code".into(), "quote".into(), "n".into(), "%".into()],
    );
    t.rows.push(vec![
        Cell::text("Legal > Victim"),
        Cell::text("First answer.\nLine two\r\nLine three"),
        Cell::Int(7),
        Cell::Percent(70.0),
    ]);
    t.rows.push(vec![
        Cell::text("Form"),
        Cell::text("page\u{c}feed, vertical\u{b}tab, bell\u{7}, nul\u{0}, nonchar\u{ffff}."),
        Cell::Int(1),
        Cell::Percent(6.3),
    ]);
    Report {
        title: "Awkward cells".into(),
        wide: t.clone(),
        long: t,
        notes: vec!["Counted by hand.".into()],
    }
}

fn docx_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

#[test]
fn docx_is_valid_xml_in_journal_style_with_line_breaks() {
    let bytes = render(&awkward_report(), TableFormat::Docx);
    let xml = docx_xml(&bytes);
    // A strict XML parser accepts it: no character XML 1.0 forbids.
    let doc = roxmltree::Document::parse(&xml).expect("document.xml is well-formed XML 1.0");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let rows: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((w, "tr")))
        .collect();
    assert_eq!(rows.len(), 3);
    // The header row repeats on every page; rules, not a grid.
    assert!(
        rows[0]
            .descendants()
            .any(|n| n.has_tag_name((w, "tblHeader")))
    );
    assert!(!xml.contains("insideH") && !xml.contains("insideV") && !xml.contains("<w:left w:val"));
    // Line breaks inside the cell are kept as <w:br/>.
    let breaks = rows[1]
        .descendants()
        .filter(|n| n.has_tag_name((w, "br")))
        .count();
    assert_eq!(breaks, 2);
    let text: String = doc
        .descendants()
        .filter(|n| n.has_tag_name((w, "t")))
        .filter_map(|n| n.text())
        .collect();
    assert!(text.starts_with("Table 1. Awkward cells"), "{text}");
    assert!(
        text.contains("page")
            && text.contains("feed, vertical")
            && text.contains("bell, nul, nonchar.")
    );
    assert!(text.ends_with("Note. Counted by hand."), "{text}");

    // Pandoc, a reader other than Jalin's, reads the same.
    if !tool("pandoc", "pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.docx");
    std::fs::write(&file, &bytes).unwrap();
    let html = std::process::Command::new("pandoc")
        .args(["-f", "docx", "-t", "html"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        html.status.success(),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    let html = String::from_utf8(html.stdout).unwrap();
    let flat_html = html.replace('\n', "");
    assert!(
        flat_html.contains("First answer.<br />Line two<br />Line three"),
        "{html}"
    );
    assert!(flat_html.contains("Legal &gt; Victim"), "{html}");
    assert!(flat_html.contains("<th"), "no header row: {html}");
    assert!(flat_html.contains("70.0"), "{html}");
}

#[test]
fn docx_of_100000_quotes_streams() {
    use jalin::analysis::{Cell, Table};
    let mut t = Table::new("Quotes by code", vec!["code".into(), "quote".into()]);
    let quote: std::sync::Arc<str> =
        "We sent the file back twice; the second time it came back with new instructions. "
            .repeat(4)
            .into();
    for i in 0..100_000 {
        t.rows.push(vec![
            Cell::text(format!("Code {}", i % 20)),
            Cell::Text(quote.clone()),
        ]);
    }
    let report = Report {
        title: "Quotes by code".into(),
        wide: t.clone(),
        long: t,
        notes: vec![],
    };
    let hwm = || -> Option<u64> {
        let s = std::fs::read_to_string("/proc/self/status").ok()?;
        let l = s.lines().find(|l| l.starts_with("VmHWM:"))?;
        l.split_whitespace().nth(1)?.parse().ok()
    };
    let before = hwm();
    let bytes = render(&report, TableFormat::Docx);
    let after = hwm();
    let xml = docx_xml(&bytes);
    assert_eq!(
        xml.matches("<w:tr>").count() + xml.matches("<w:tr ").count(),
        100_001
    );
    if let (Some(a), Some(b)) = (before, after) {
        // The 34 MB of quotes make a document.xml of about 60 MB; written
        // through the zip entry it never needs gigabytes (5.1 GB before).
        let grew_mb = (b.saturating_sub(a)) / 1024;
        eprintln!(
            "DOCX of 100,000 quotes: {} bytes, VmHWM +{grew_mb} MB",
            bytes.len()
        );
        assert!(grew_mb < 400, "writing the DOCX took {grew_mb} MB more");
    }
}

#[test]
fn xlsx_cuts_overlong_cells_with_a_marker_and_formats_percentages() {
    use calamine::{Data, Reader, Xlsx};
    let mut r = awkward_report();
    let long = "x".repeat(40_000);
    r.wide.rows[1][1] = jalin::analysis::Cell::text(long.clone());
    let bytes = render(&r, TableFormat::Xlsx);
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let table = book.worksheet_range("table").unwrap();
    let cut = match table.get((2, 1)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert!(cut.chars().count() <= 32_767, "{}", cut.chars().count());
    assert!(
        cut.starts_with("xxxx")
            && cut.ends_with("40000 characters in all, Excel keeps at most 32767]")
    );
    // The rest of the file is whole: the other cells, the data sheet, the note.
    assert_eq!(
        table.get((1, 1)),
        Some(&Data::String("First answer.\nLine two\nLine three".into()))
    );
    assert_eq!(table.get((1, 2)), Some(&Data::Float(7.0)));
    assert_eq!(table.get((1, 3)), Some(&Data::Float(0.7)));
    let data = book.worksheet_range("data").unwrap();
    assert!(
        matches!(data.get((2, 1)), Some(Data::String(s)) if s.starts_with("page\nfeed, vertical\ntab, bell, nul, nonchar."))
    );
    let notes = book.worksheet_range("notes").unwrap();
    let notes: Vec<String> = notes.rows().map(|r| r[0].to_string()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("1 cell(s) longer than Excel's limit")),
        "{notes:?}"
    );
    // The percentage cell has a percent number format.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
}

#[test]
fn csv_bom_for_excel() {
    let f = fixture();
    let r = freq_report(&f);
    let options = export::ExportOptions {
        bom: true,
        ..Default::default()
    };
    let mut out = Vec::new();
    export::write_report_with(&r, TableFormat::CsvWide, &options, &mut out).unwrap();
    assert_eq!(&out[..3], b"\xEF\xBB\xBF");
    let mut reader = csv::Reader::from_reader(&out[3..]);
    assert_eq!(reader.headers().unwrap().get(0), Some("code"));
    assert_eq!(reader.records().count(), r.wide.rows.len());
    // Without --bom, no BOM.
    assert_ne!(&render(&r, TableFormat::CsvWide)[..3], b"\xEF\xBB\xBF");
}

/// Names Markdown (GitHub's or pandoc's) would otherwise render as
/// something else: emphasis, links, a remote image, entities, math,
/// citations, emoji, smart quotes and dashes, headings' attributes.
const MARKDOWN_AWKWARD: [&str; 14] = [
    "*emph* and __strong__",
    "[link](http://evil.example)",
    "![img](http://evil.example/p.png)",
    "&amp; entity &#x41;",
    "$x^2$ and \\(y\\)",
    "@SUM(A1) [@doe99]",
    "~sub~ ^sup^ ~~struck~~",
    ":fire: http://bare.example www.bare.example",
    "\"quoted\" -- it's --- dots...",
    "C# {#id .class}",
    "`code` <b>bold</b> <!-- c -->",
    "back\\slash a|b",
    "[^1] footnote",
    "Legal > Victim",
];

#[test]
fn markdown_names_read_back_literally_under_pandoc() {
    use jalin::analysis::{Cell, Table};
    let mut t = Table::new("*Codes* & [more]", vec!["code".into(), "n".into()]);
    for (i, name) in MARKDOWN_AWKWARD.iter().enumerate() {
        t.rows.push(vec![Cell::text(*name), Cell::Int(i as i64)]);
    }
    let report = Report {
        title: "*Codes* & [more]".into(),
        wide: t.clone(),
        long: t,
        notes: vec!["A note on `$x$` and @key".into()],
    };
    let md = render(&report, TableFormat::Markdown);
    if !tool("pandoc", "pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.md");
    std::fs::write(&file, &md).unwrap();
    let md = String::from_utf8(md).unwrap();
    let pandoc = |from: &str, to: &str| {
        let run = std::process::Command::new("pandoc")
            .args(["-f", from, "-t", to, "--wrap=none", "--columns=10000"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8(run.stdout).unwrap()
    };
    for from in ["gfm", "markdown"] {
        let plain = pandoc(from, "plain");
        for name in MARKDOWN_AWKWARD
            .iter()
            .chain(&["*Codes* & [more]", "A note on `$x$` and @key"])
        {
            assert!(
                plain.contains(name),
                "{from}: {name:?} does not read back from\n{md}\nas written:\n{plain}"
            );
        }
        let html = pandoc(from, "html");
        for live in ["<img", "<a ", "<del", "<sup", "<sub", "<b>", "math", "cite"] {
            assert!(!html.contains(live), "{from}: {live} in {html}");
        }
        // Only the title is bold and the note italic.
        assert_eq!(html.matches("<strong").count(), 1, "{html}");
        assert_eq!(html.matches("<em").count(), 1, "{html}");
        // Still one table: a header and a row per name.
        assert_eq!(
            html.matches("<tr").count(),
            1 + MARKDOWN_AWKWARD.len(),
            "{html}"
        );
    }
}

#[test]
fn markdown_keeps_raw_html_as_text_under_pandoc() {
    use jalin::analysis::{Cell, Table};
    let mut t = Table::new("<b>Codes</b>", vec!["code".into(), "n".into()]);
    t.rows
        .push(vec![Cell::text("<script>alert(1)</script>"), Cell::Int(1)]);
    t.rows.push(vec![
        Cell::text("<img src=x onerror=alert(2)>"),
        Cell::Int(2),
    ]);
    t.rows
        .push(vec![Cell::text("Legal > Victim | a<b"), Cell::Int(3)]);
    let report = Report {
        title: "<b>Codes</b>".into(),
        wide: t.clone(),
        long: t,
        notes: vec!["<i>note</i>".into()],
    };
    let md = render(&report, TableFormat::Markdown);
    if !tool("pandoc", "pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.md");
    std::fs::write(&file, &md).unwrap();
    let run = std::process::Command::new("pandoc")
        .args(["-f", "gfm", "-t", "html"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(run.status.success());
    let html = String::from_utf8(run.stdout).unwrap();
    for live in ["<script", "<img", "<b>", "<i>"] {
        assert!(!html.contains(live), "{live} is live HTML: {html}");
    }
    for text in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(2)&gt;",
        "Legal &gt; Victim | a&lt;b",
        "&lt;b&gt;Codes&lt;/b&gt;",
    ] {
        assert!(html.contains(text), "{text} missing: {html}");
    }
    assert_eq!(html.matches("<tr").count(), 4, "{html}");
}

#[test]
fn c_coefficient_is_capped_at_one_when_pairs_outnumber_codings() {
    // Two coders code the same passage with both codes: each code has 2
    // codings, each of x's overlaps each of y's, so n12 = 4 ≥ n1 + n2 = 4
    // (the denominator n1 + n2 − n12 is 0; it printed 0.000 before).
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create(dir.path().join("c.jalin")).unwrap();
    let text = "One passage here. Another passage there.\n";
    let AddedSource::Added(src) = p
        .add_source(
            NewSource {
                name: "S".into(),
                kind: SourceKind::Interview,
                text: text.into(),
                original_name: None,
                attributes: vec![],
                turns: vec![],
                guid: None,
            },
            false,
        )
        .unwrap()
    else {
        panic!()
    };
    let x = p.add_code(NewCode::named("x")).unwrap().id;
    let y = p.add_code(NewCode::named("y")).unwrap().id;
    let c1 = p.coder("One").unwrap().id;
    let c2 = p.coder("Two").unwrap().id;
    for coder in [c1, c2] {
        for code in [x, y] {
            p.add_coding(src.id, code, 0, 17, coder).unwrap();
        }
    }
    let d = p.data().unwrap();
    let t = analysis::cooccurrence(&d, &p.source_texts().unwrap(), CoMode::Overlap);
    let counts = t.to_report(false);
    let (n1, n12) = (cell(&counts, "x", "x"), cell(&counts, "x", "y"));
    assert_eq!(
        (n1.as_str(), n12.as_str()),
        ("2", "4"),
        "n12 ≥ n1 + n2 here"
    );
    assert_eq!(cell(&t.to_report(true), "x", "y"), "1.000");
}

#[test]
fn filtered_tables_say_so_and_keep_full_labels() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let p = p.to_str().unwrap();
    common::ok(["demo", p]);
    let full = common::ok(["report", "frequencies", p, "--format", "csv-wide"]);
    let (h, rows) = common::parse_csv(&full);
    let whole = common::row_of(&h, &rows, "Structure > coordination");
    let one = common::ok([
        "report",
        "frequencies",
        p,
        "--code",
        "coordination",
        "--format",
        "csv-wide",
    ]);
    let (h1, rows1) = common::parse_csv(&one);
    assert_eq!(rows1.len(), 1, "{one}");
    let part = common::row_of(&h1, &rows1, "Structure > coordination");
    assert_eq!(part["codings"], whole["codings"]);
    let md = common::ok([
        "report",
        "frequencies",
        p,
        "--code",
        "coordination",
        "--where",
        "city=Jakarta",
        "--kind",
        "interview",
        "--format",
        "md",
    ]);
    assert!(
        md.contains("Filtered: kind interview; city = Jakarta; code Structure > coordination (with sub-codes)."),
        "{md}"
    );
}

#[test]
fn combined_cells_sorted_by_frequency_with_human_labels() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let p = p.to_str().unwrap();
    common::ok(["demo", p]);
    let csv = common::ok([
        "report",
        "frequencies",
        p,
        "--by",
        "kind",
        "--cells",
        "combined",
        "--sort",
        "frequency",
        "--format",
        "csv-wide",
    ]);
    let (h, rows) = common::parse_csv(&csv);
    let c = common::row_of(&h, &rows, "Structure > coordination");
    assert_eq!(c["sources, n of 20 (%)"], "12 of 20 (60%)");
    assert_eq!(c["interview: sources, n of 14 (%)"], "7 of 14 (50%)");
    assert_eq!(c["focus_group: codings"], "3");
    // Documents have no respondents: "—", not 0.
    assert_eq!(c["document: respondents, n of 0 (%)"], "—");
    // The formats people read name kinds as people do; CSV keeps the
    // names scripts use.
    let md = common::ok(["report", "frequencies", p, "--by", "kind", "--format", "md"]);
    assert!(
        md.contains("| Focus group: codings |") && !md.contains("focus_group"),
        "{md}"
    );
    let tri = common::ok(["report", "triangulation", p, "--format", "md"]);
    assert!(
        tri.contains("interview, focus group, document") && !tri.contains("focus_group"),
        "{tri}"
    );
    // Themes by their totals, most first; each theme's sub-codes under it,
    // most first.
    let codings = h.iter().position(|c| c == "codings").unwrap();
    let n = |r: &Vec<String>| r[codings].parse::<i64>().unwrap();
    let themes: Vec<&Vec<String>> = rows.iter().filter(|r| !r[0].contains(" > ")).collect();
    assert!(themes.len() > 2);
    assert!(themes.windows(2).all(|w| n(w[0]) >= n(w[1])), "{themes:?}");
    for (i, r) in rows.iter().enumerate().skip(1) {
        if let Some((parent, _)) = r[0].split_once(" > ") {
            let prev = &rows[i - 1];
            assert!(
                prev[0] == parent || prev[0].starts_with(&format!("{parent} > ")),
                "{} after {}",
                r[0],
                prev[0]
            );
            if prev[0] != parent {
                assert!(
                    n(prev) >= n(r),
                    "{} ({}) after {} ({})",
                    r[0],
                    n(r),
                    prev[0],
                    n(prev)
                );
            }
        }
    }
}

#[test]
fn bar_chart_counts_every_coding_and_heatmap_labels_fit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let p = p.to_str().unwrap();
    common::ok(["demo", p]);
    // The fixture's 14 codings and one applied to the theme itself.
    let mut f = fixture();
    let int_b =
        f.p.data()
            .unwrap()
            .sources
            .iter()
            .find(|s| s.name == "Int_B")
            .unwrap()
            .id;
    let (s0, e0) = chars(INT_B, "Staff are few.", 0);
    f.p.add_coding(int_b, f.codes["Theme"], s0, e0, f.y)
        .unwrap();
    let svg = export::bar_chart_svg(&analysis::frequencies(&data(&f), &Grouping::Kind));
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    // The numbers at the bars' ends add up to every coding, the one
    // applied to a parent code included (it was left out before).
    let totals = regex::Regex::new(r#"<text x="[0-9.]+" y="[0-9.]+">([0-9]+)</text>"#).unwrap();
    let sum: usize = totals
        .captures_iter(&svg)
        .map(|c| c[1].parse::<usize>().unwrap())
        .sum();
    assert_eq!(sum, 15, "{svg}");
    assert!(svg.contains(">Theme (coded directly)</text>"), "{svg}");

    // Heatmap by a pair of attributes (long column labels): rendered, no
    // ink touches the top or right edge, so no label is clipped.
    let heat = dir.path().join("heat.svg");
    common::ok([
        "chart",
        "heatmap",
        p,
        "--by",
        "attr:city,attr:role",
        "--format",
        "svg",
        "--out",
        heat.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&heat).unwrap();
    let png = export::svg_to_png(&svg, 1.0).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let (w, h) = (pixmap.width(), pixmap.height());
    let white = |x: u32, y: u32| {
        let px = pixmap.pixel(x, y).unwrap();
        px.red() > 250 && px.green() > 250 && px.blue() > 250
    };
    for x in 0..w {
        assert!(white(x, 0) && white(x, 1), "ink at the top edge, x = {x}");
    }
    for y in 0..h {
        assert!(
            white(w - 1, y) && white(w - 2, y),
            "ink at the right edge, y = {y}"
        );
    }
}

#[test]
fn quotes_columns_and_attribution_without_source_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.jalin");
    let p = p.to_str().unwrap();
    common::ok(["demo", p]);
    let csv = common::ok([
        "report",
        "quotes",
        p,
        "--cite",
        "role,city",
        "--columns",
        "code,attribution,quote",
        "--format",
        "csv",
    ]);
    let (h, rows) = common::parse_csv(&csv);
    assert_eq!(h, ["code", "attribution", "quote"]);
    // Every coding by either demo coder (R1 236 + R2 29).
    assert_eq!(rows.len(), 265);
    assert!(rows.iter().all(|r| r.len() == 3));
    let prosecutor = rows
        .iter()
        .find(|r| r[1].starts_with("prosecutor"))
        .expect("a prosecutor's quote");
    assert!(
        regex::Regex::new(r"^prosecutor, [A-Z][a-z]+$")
            .unwrap()
            .is_match(&prosecutor[1]),
        "{prosecutor:?}"
    );
    assert!(
        !rows.iter().any(|r| r[1].contains("Prosecutor_")),
        "a source name in an attribution"
    );
    // Unknown columns are refused, naming the ones there are.
    let bad = common::jalin(["report", "quotes", p, "--columns", "code,start,nope"]);
    assert_ne!(bad.code, 0);
    assert!(
        bad.stderr.contains("'nope' is not a column") && bad.stderr.contains("coder"),
        "{}",
        bad.stderr
    );
}

/// PSE: the pseudonym table end to end on the demo study: refusals leave
/// the project unchanged; every report in every format, every chart, both
/// review sheets and a `.qdpx` made with `--pseudonymise` hold no real
/// name (`jalin pseudonyms check` reads each back, DOCX/XLSX/qdpx inside
/// the zip); the same outputs without it are caught; the stored text is
/// unchanged; the pseudonymised `.qdpx` quotes the same passages.
#[test]
fn pseudonymised_outputs_hold_no_real_name() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("demo.jalin");
    let p = project.to_str().unwrap().to_string();
    common::ok(["demo", p.as_str()]);
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();

    // --pseudonymise with an empty table is refused, nothing written.
    let r = common::jalin([
        "report",
        "quotes",
        &p,
        "--pseudonymise",
        "--out",
        &out("early.csv"),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no pseudonyms yet"), "{}", r.stderr);
    assert!(!Path::new(&out("early.csv")).exists());

    common::ok(["pseudonyms", &p, "add", "Dewi", "Rina"]);
    common::ok(["pseudonyms", &p, "add", "Palu", "Kota A", "--kind", "place"]);
    let before = common::snapshot(&project);
    for (args, why) in [
        (
            vec!["add", "DEWI", "Sari"],
            "already in the pseudonym table",
        ),
        (vec!["add", "Budi", "Palu"], "contains the real name 'Palu'"),
        (
            vec!["add", "Rina", "Ayu"],
            "already the pseudonym of 'Dewi'",
        ),
        (vec!["add", " ", "Ayu"], "the real name is empty"),
        (vec!["add", "Budi", ""], "is empty"),
        (
            vec!["add", "Budi", "Budi Santoso"],
            "contains the real name 'Budi' itself",
        ),
        (vec!["remove", "Nobody"], "no real name 'Nobody'"),
    ] {
        let mut a = vec!["pseudonyms", p.as_str()];
        a.extend(args.iter().copied());
        let r = common::jalin(&a);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(r.stderr.contains(why), "{args:?}: {}", r.stderr);
        assert_eq!(
            common::snapshot(&project),
            before,
            "{args:?} changed the project"
        );
    }
    assert_eq!(
        common::ok(["pseudonyms", &p, "list"]),
        "Dewi\tRina\tperson\nPalu\tKota A\tplace\n"
    );
    common::ok(["pseudonyms", &p, "remove", "dewi"]);
    common::ok(["pseudonyms", &p, "add", "Dewi", "Rina"]);
    // Everything the project suggests, as one change.
    let r = common::jalin(["pseudonyms", &p, "suggest", "--accept"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Sigi\t") && r.stdout.contains("Hendra\t"),
        "{}",
        r.stdout
    );
    let table = common::ok(["pseudonyms", &p, "list"]);
    assert!(table.lines().count() > 20, "{table}");
    let reals: Vec<String> = table
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();

    let check = |files: &[String]| {
        let mut a = vec!["pseudonyms".to_string(), p.clone(), "check".into()];
        a.extend(files.iter().cloned());
        common::jalin(&a)
    };
    let mut clean = Vec::new();
    let mut plain = Vec::new();
    for what in [
        "frequencies",
        "triangulation",
        "cooccurrence",
        "matrix",
        "quotes",
    ] {
        for format in TableFormat::ALL {
            for pseudo in [true, false] {
                let file = out(&format!("{what}-{pseudo}.{}", format.as_str()));
                let mut args = vec![
                    "report",
                    what,
                    p.as_str(),
                    "--format",
                    format.as_str(),
                    "--out",
                    &file,
                ];
                if what == "frequencies" || what == "triangulation" {
                    args.extend(["--by", "attr:city"]);
                }
                if what == "quotes" {
                    args.extend(["--cite", "city,province"]);
                }
                if pseudo {
                    args.push("--pseudonymise");
                    clean.push(file.clone());
                } else if what != "cooccurrence" {
                    // (Co-occurrence names only codes.)
                    plain.push(file.clone());
                }
                common::ok(&args);
            }
        }
    }
    for (kind, extra) in [
        ("frequencies", vec![]),
        ("heatmap", vec!["--by", "attr:city"]),
        ("concept-map", vec![]),
    ] {
        for format in ["svg", "dot"] {
            if format == "dot" && kind != "concept-map" {
                continue;
            }
            let file = out(&format!("{kind}.{format}"));
            let mut args = vec![
                "chart",
                kind,
                p.as_str(),
                "--format",
                format,
                "--out",
                &file,
            ];
            args.extend(extra.iter().copied());
            args.push("--pseudonymise");
            common::ok(&args);
            clean.push(file);
        }
    }
    common::ok(["codes", "list", p.as_str()]);
    for format in ["docx", "md"] {
        let file = out(&format!("review.{format}"));
        common::ok([
            "review",
            p.as_str(),
            "--session",
            "Expert FGD",
            "--format",
            format,
            "--out",
            &file,
            "--pseudonymise",
        ]);
        clean.push(file);
    }
    let listed = out("sources.csv");
    common::ok([
        "list",
        "sources",
        p.as_str(),
        "--pseudonymise",
        "--out",
        &listed,
    ]);
    clean.push(listed);
    let qdpx = out("study.qdpx");
    common::ok(["qdpx", "export", p.as_str(), &qdpx, "--pseudonymise"]);
    clean.push(qdpx.clone());

    let r = check(&clean);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("clean"), "{}", r.stderr);
    // The same outputs without --pseudonymise are caught, each of them.
    for file in &plain {
        let r = check(std::slice::from_ref(file));
        assert_eq!(r.code, 1, "{file}: {}", r.stderr);
        assert!(r.stdout.contains("(real name '"), "{file}: {}", r.stdout);
    }
    // A PNG cannot be read back: said, and not counted as clean.
    let png = out("bars.png");
    common::ok([
        "chart",
        "frequencies",
        &p,
        "--format",
        "png",
        "--out",
        &png,
        "--pseudonymise",
    ]);
    let r = check(&[png]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("PNG image"), "{}", r.stderr);

    // A file that cannot be read is named, and the run does not pass.
    let missing = out("missing.csv");
    let r = check(&[missing, clean[0].clone()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("cannot check") && r.stderr.contains("missing.csv"),
        "{}",
        r.stderr
    );
    let r = check(&[dir.path().to_str().unwrap().to_string()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("folder"), "{}", r.stderr);

    // The stored text still has the real names.
    let shown = common::ok(["show", p.as_str(), "Palu_Prosecutor_02"]);
    assert!(shown.contains("Palu"), "{shown}");

    // The .qdpx carries replaced texts with positions moved to match: read
    // back, it quotes the passages the pseudonymised quote table quotes.
    let back = dir.path().join("back.jalin");
    common::ok(["qdpx", "import", back.to_str().unwrap(), &qdpx]);
    let quotes = |project: &str, extra: &[&str]| {
        let mut a = vec!["report", "quotes", project, "--format", "csv"];
        a.extend(extra.iter().copied());
        let (h, rows) = common::parse_csv(&common::ok(&a));
        let q = h.iter().position(|c| c == "quote").unwrap();
        let mut v: Vec<String> = rows.iter().map(|r| r[q].clone()).collect();
        v.sort();
        v
    };
    let expected = quotes(&p, &["--pseudonymise"]);
    let got = quotes(back.to_str().unwrap(), &[]);
    assert_eq!(got.len(), expected.len());
    assert_eq!(got, expected);
    for q in &got {
        for real in &reals {
            assert!(
                !q.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == real.to_lowercase()),
                "{real} in {q}"
            );
        }
    }
}
