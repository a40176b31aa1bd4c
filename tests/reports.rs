//! Issue 4's tables on a small fixture whose every number was counted by
//! hand (see the comments), then every format of one report.

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
    assert_eq!(cell(&r, "Theme > a", "document: % of 0 respondents"), "0.0");
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
    assert_eq!(cell(&r, "Theme", "status"), "absent");

    let r = analysis::triangulation(&data(&f), &"attr:city".parse().unwrap()).to_report();
    assert_eq!(cell(&r, "Theme > a", "Palu: status"), "corroborated");
    assert_eq!(cell(&r, "Theme > a", "Sigi: status"), "single-kind");
    assert_eq!(cell(&r, "Theme > a", "Sigi: found in"), "interview");
    assert_eq!(cell(&r, "Theme > a", "(not set): status"), "absent");
    assert_eq!(cell(&r, "c", "(not set): found in"), "observation");
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
            ("Staff rotate.", "Budi, Palu (focus group, FGD)", true),
            ("Staff are few.", "Palu (document, Doc)", false),
            ("Staff rotate too.", "Ana, Palu (focus group, FGD)", false),
            (
                "Files go back. Staff rotate.",
                "judge, Palu (interview, Int_A)",
                false
            ),
            ("Staff rotate.", "judge, Palu (interview, Int_A)", false),
            ("Staff are few.", "judge, Sigi (interview, Int_B)", false),
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
                    jalin::analysis::Cell::Percent(p) | jalin::analysis::Cell::Ratio(p) => {
                        format!("{p}")
                    }
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
                    .map(|c| c.replace("\\%", "%").replace("\\_", "_"))
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
