//! Intercoder agreement (issue 13) through real projects and the `jalin`
//! binary: the published test vectors to six decimals, every unit, every
//! format, bad input, and an independent computation in Python on
//! generated projects. Part of the `reports` test binary.

use std::collections::HashMap;
use std::ffi::OsStr;

use super::common::{self, Workspace};
use jalin::export::TableFormat;

/// A project holding one source `name` with `text`, the codes `codes`, and
/// the codings `(code, start, end, coder)` applied through `jalin code
/// --from` (code points, end exclusive).
fn project(
    name: &str,
    text: &str,
    codes: &[&str],
    codings: &[(&str, usize, usize, &str)],
) -> Workspace {
    let w = Workspace::with(&format!("{name}.txt"), text, codes);
    add_codings(&w, name, codings);
    w
}

fn add_codings(w: &Workspace, source: &str, codings: &[(&str, usize, usize, &str)]) {
    let mut csv = String::from("source,code,start,end,coder\n");
    for (code, s, e, coder) in codings {
        csv.push_str(&format!("{source},{code},{s},{e},{coder}\n"));
    }
    let file = w.file(&format!("{source}-codings.csv"), csv);
    common::ok([
        OsStr::new("code"),
        w.project.as_os_str(),
        OsStr::new("--from"),
        file.as_os_str(),
        OsStr::new("--one-transaction"),
    ]);
}

/// The tidy CSV of `jalin agreement` as (code, source, measure) → (value,
/// units), checking its columns.
fn agreement_csv(args: &[&str]) -> HashMap<(String, String, String), (String, String)> {
    let out = common::ok(args);
    let (header, rows) = common::parse_csv(&out);
    assert_eq!(
        header,
        [
            "code", "source", "unit", "coders", "measure", "value", "units"
        ]
    );
    rows.into_iter()
        .map(|r| {
            (
                (r[0].clone(), r[1].clone(), r[4].clone()),
                (r[5].clone(), r[6].clone()),
            )
        })
        .collect()
}

fn value(
    table: &HashMap<(String, String, String), (String, String)>,
    code: &str,
    source: &str,
    measure: &str,
) -> String {
    table
        .get(&(code.into(), source.into(), measure.into()))
        .unwrap_or_else(|| panic!("no row {code} × {source}: {measure}"))
        .0
        .clone()
}

/// A text of `n` characters (ASCII and not), so positions are code points.
fn text_of(n: usize) -> String {
    "Kata é😀 ditulis. ".chars().cycle().take(n).collect()
}

#[test]
fn nvivo_example_percent_kappa_alpha() {
    // NVivo's help: 1,000 characters, A coded 150, B 100, 50 by both.
    let w = project(
        "nvivo",
        &text_of(1000),
        &["theme"],
        &[("theme", 0, 150, "A"), ("theme", 100, 200, "B")],
    );
    let t = agreement_csv(&["agreement", w.p(), "--coders", "A,B"]);
    for source in ["nvivo", "(all)"] {
        assert_eq!(value(&t, "theme", source, "percent"), "0.850000");
        assert_eq!(value(&t, "theme", source, "kappa"), "0.318182");
        assert_eq!(value(&t, "theme", source, "alpha"), "0.314629");
    }
    assert_eq!(value(&t, "(all)", "(all)", "kappa"), "0.318182");
    assert_eq!(
        t[&("theme".into(), "nvivo".into(), "kappa".into())].1,
        "1000"
    );
    // The coders' order does not change a symmetric table's κ.
    let t = agreement_csv(&["agreement", w.p(), "--coders", "b,a"]);
    assert_eq!(value(&t, "theme", "nvivo", "kappa"), "0.318182");
}

#[test]
fn atlas_ti_ten_segments() {
    // ATLAS.ti's manual: `1100000000` vs `0110010100`, one character each.
    let w = project(
        "atlas",
        "abcdefghij",
        &["theme"],
        &[
            ("theme", 0, 2, "A"),
            ("theme", 1, 3, "B"),
            ("theme", 5, 6, "B"),
            ("theme", 7, 8, "B"),
        ],
    );
    let t = agreement_csv(&["agreement", w.p(), "--coders", "A,B"]);
    assert_eq!(value(&t, "theme", "atlas", "percent"), "0.600000");
    assert_eq!(value(&t, "theme", "atlas", "alpha"), "0.095238");
    assert_eq!(t[&("theme".into(), "atlas".into(), "alpha".into())].1, "10");
}

/// A coder's section: first and last position (1-based, inclusive) and value.
type Sec = (usize, usize, &'static str);

/// Krippendorff (2019), Fig. 12.11: a continuum of 60, three coders, values
/// 1–7 as codes (1-based inclusive in the book, half-open here).
#[test]
fn krippendorff_figure_12_11_unitized_alpha() {
    let segments: &[(&str, &[Sec])] = &[
        (
            "Alex",
            &[
                (1, 7, "1"),
                (8, 13, "2"),
                (31, 32, "5"),
                (33, 37, "6"),
                (38, 44, "6"),
                (45, 60, "7"),
            ],
        ),
        (
            "Paul",
            &[(1, 7, "1"), (8, 13, "3"), (14, 21, "5"), (33, 44, "6")],
        ),
        (
            "Suzan",
            &[
                (1, 7, "1"),
                (8, 13, "4"),
                (14, 21, "5"),
                (33, 37, "6"),
                (38, 41, "6"),
                (42, 44, "6"),
            ],
        ),
    ];
    let codings: Vec<(&str, usize, usize, &str)> = segments
        .iter()
        .flat_map(|(coder, segs)| segs.iter().map(move |(s, e, v)| (*v, s - 1, *e, *coder)))
        .collect();
    let w = project(
        "fig",
        &text_of(60),
        &["1", "2", "3", "4", "5", "6", "7"],
        &codings,
    );
    let t = agreement_csv(&["agreement", w.p(), "--coders", "Alex,Paul,Suzan"]);
    assert_eq!(value(&t, "(all)", "(all)", "u_alpha"), "0.509982");
    assert_eq!(value(&t, "(all)", "(all)", "binary_u_alpha"), "0.413599");
    // Three coders: Fleiss' κ instead of Cohen's.
    assert!(t.contains_key(&("(all)".into(), "(all)".into(), "fleiss_kappa".into())));
    assert!(!t.keys().any(|k| k.2 == "kappa"));
    // Per code, one value besides the gaps: uα and |uα agree.
    assert_eq!(
        value(&t, "6", "fig", "u_alpha"),
        value(&t, "6", "fig", "binary_u_alpha")
    );
}

#[test]
fn units_sentence_paragraph_and_turn() {
    let text = "Interviewer: How is the work? Is it hard?\n\nAna: It is fine. We start early. Then we rest.\n\nInterviewer: And the pay?\n\nAna: Low. Very low.\n";
    let pos = |s: &str| text[..text.find(s).unwrap()].chars().count();
    let span = |s: &str| (pos(s), pos(s) + s.chars().count());
    let (a1, b1) = span("We start early.");
    let (a2, b2) = span("early. Then");
    let (a3, b3) = span("Very low.");
    let w = project(
        "talk",
        text,
        &["routine"],
        &[
            ("routine", a1, b1, "A"),
            ("routine", a2, b2, "B"),
            ("routine", a3, b3, "B"),
        ],
    );
    let get = |unit: &str| {
        let t = agreement_csv(&["agreement", w.p(), "--coders", "A,B", "--unit", unit]);
        let units = t[&("routine".into(), "talk".into(), "percent".into())]
            .1
            .clone();
        (value(&t, "routine", "talk", "percent"), units)
    };
    // Sentences: 2 + 3 + 1 + 2 = 8 (labels are part of their sentence); A
    // coded one, B two (one shared with A, one not).
    assert_eq!(get("sentence"), ("0.750000".into(), "8".into()));
    // Paragraphs: 4; A {2}, B {2, 4}.
    assert_eq!(get("paragraph"), ("0.750000".into(), "4".into()));
    // Turns: the same 4 blocks here.
    assert_eq!(get("turn"), ("0.750000".into(), "4".into()));
    // Characters: every code point of the text.
    let (_, n) = get("character");
    assert_eq!(n, text.chars().count().to_string());
}

#[test]
fn a_source_one_coder_never_coded_is_left_out() {
    let w = project(
        "both",
        &text_of(100),
        &["theme", "whole"],
        &[
            ("theme", 0, 50, "A"),
            ("theme", 0, 50, "B"),
            ("whole", 0, 100, "A"),
            ("whole", 0, 100, "B"),
        ],
    );
    let other = w.file("only.txt", text_of(80));
    common::ok([
        OsStr::new("import"),
        w.project.as_os_str(),
        other.as_os_str(),
    ]);
    add_codings(&w, "only", &[("theme", 0, 80, "A")]);
    let t = agreement_csv(&["agreement", w.p(), "--coders", "A,B"]);
    assert_eq!(value(&t, "theme", "(all)", "percent"), "1.000000");
    assert_eq!(value(&t, "theme", "(all)", "kappa"), "1.000000");
    assert_eq!(
        t[&("theme".into(), "(all)".into(), "percent".into())].1,
        "100"
    );
    assert!(!t.keys().any(|k| k.1 == "only"));
    // Both coded every character: no variation, so κ, α and uα are
    // undefined: empty, with a note, never NaN.
    assert_eq!(value(&t, "whole", "both", "percent"), "1.000000");
    for m in ["kappa", "alpha", "u_alpha", "binary_u_alpha"] {
        assert_eq!(value(&t, "whole", "both", m), "", "{m}");
    }
    let csv = common::ok(["agreement", w.p(), "--coders", "A,B"]);
    assert!(!csv.to_lowercase().contains("nan"), "{csv}");
    let md = common::ok(["agreement", w.p(), "--coders", "A,B", "--format", "md"]);
    assert!(md.contains("1 of 2 sources"), "{md}");
    assert!(md.contains("undefined"), "{md}");
    assert!(
        md.contains("| whole | both | A, B | 100 | 1.000 | — | — |"),
        "{md}"
    );
}

#[test]
fn every_format_and_the_output_is_never_a_project() {
    let w = project(
        "nvivo",
        &text_of(1000),
        &["theme"],
        &[("theme", 0, 150, "A"), ("theme", 100, 200, "B")],
    );
    for f in TableFormat::ALL {
        let out = w.dir.path().join(format!("agreement.{}", f.extension()));
        let _ = std::fs::remove_file(&out);
        let r = common::jalin([
            OsStr::new("agreement"),
            w.project.as_os_str(),
            OsStr::new("--coders"),
            OsStr::new("A,B"),
            OsStr::new("--format"),
            OsStr::new(f.as_str()),
            OsStr::new("--out"),
            out.as_os_str(),
        ]);
        assert_eq!(r.code, 0, "{}: {}", f.as_str(), r.stderr);
        let bytes = std::fs::read(&out).unwrap();
        assert!(!bytes.is_empty(), "{}", f.as_str());
        if !f.is_binary() {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains("0.318"), "{}: {text}", f.as_str());
        }
    }
    // Refused: the project itself as --out, unknown, missing or repeated
    // coders, an unknown unit; the project is left as it was.
    let before = common::snapshot(&w.project);
    for (args, says) in [
        (vec!["--coders", "A,B", "--out", w.p()], "project"),
        (vec!["--coders", "A,Zed"], "no coder called 'Zed'"),
        (vec!["--coders", "A"], "at least two coders"),
        (vec!["--coders", "A,a"], "named twice"),
        (vec!["--coders", "A,B", "--unit", "word"], "word"),
        (vec!["--coders", "A,B", "--code", "nope"], "nope"),
        (vec!["--coders", "A,B", "--format", "xlsx"], "--out"),
    ] {
        let mut all = vec!["agreement", w.p()];
        all.extend(args.iter().copied());
        let r = common::jalin(&all);
        assert_ne!(r.code, 0, "{all:?} succeeded");
        assert!(r.stderr.contains(says), "{all:?}: {}", r.stderr);
    }
    assert_eq!(common::snapshot(&w.project), before);
}

/// Whether Python with `krippendorff`, scikit-learn and statsmodels runs
/// here; without, the test is skipped with the reason, or fails when
/// `JALIN_REQUIRE_TOOLS=1` (as CI sets).
fn python_oracle() -> bool {
    let runs = std::process::Command::new("python3")
        .args(["-c", "import krippendorff, sklearn, statsmodels"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        if std::env::var("JALIN_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!(
                "JALIN_REQUIRE_TOOLS=1 but python3 cannot import krippendorff, sklearn and statsmodels: pip install krippendorff scikit-learn statsmodels"
            );
        }
        eprintln!(
            "skipped: python3 with krippendorff, scikit-learn and statsmodels is not here (pip install krippendorff scikit-learn statsmodels)"
        );
    }
    runs
}

/// The independent computation: reads the codings and sources Jalin lists
/// and the agreement table it wrote, computes every character-unit measure
/// again (krippendorff, scikit-learn, statsmodels, and uα from its
/// definition, pair by pair of sections), and prints each mismatch.
const ORACLE: &str = r#"
import csv, sys, itertools
import numpy as np, krippendorff
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

codings_csv, sources_csv, agreement_csv, coders = sys.argv[1:5]
coders = coders.split(",")
length = {r["source"]: int(r["characters"]) for r in csv.DictReader(open(sources_csv, encoding="utf-8"))}
segs = {}
for r in csv.DictReader(open(codings_csv, encoding="utf-8")):
    segs.setdefault((r["code"], r["source"], r["coder"]), []).append((int(r["start"]), int(r["end"])))
present = {(s, c) for (_, s, c) in segs}
codes = sorted({k[0] for k in segs})

def vector(code, source, coder):
    v = np.zeros(length[source], dtype=int)
    for s, e in segs.get((code, source, coder), []):
        v[s:e] = 1
    return v

def sections(code, source, coder):
    # Overlapping codings join; touching ones stay apart; gaps fill the rest.
    out = []
    for s, e in sorted(segs.get((code, source, coder), [])):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    full, pos = [], 0
    for s, e in out:
        if s > pos:
            full.append((pos, s, 0))
        full.append((s, e, 1))
        pos = e
    if pos < length[source]:
        full.append((pos, length[source], 0))
    return full

def u_alpha(parts):
    # parts: list of (L, {coder: sections}) for each source.
    o = {}; n = {0: 0, 1: 0}; selfp = 0
    for L, by in parts:
        m = len(by)
        for i, j in itertools.permutations(by, 2):
            for a in by[i]:
                for b in by[j]:
                    ov = min(a[1], b[1]) - max(a[0], b[0])
                    if ov > 0:
                        o[(a[2], b[2])] = o.get((a[2], b[2]), 0) + ov / (m - 1)
        for secs in by.values():
            for s, e, v in secs:
                n[v] += e - s
                selfp += (e - s) if v == 0 else (e - s) ** 2
    N = n[0] + n[1]
    if N == 0 or n[0] * n[1] == 0:
        return None
    do = (o.get((0, 1), 0) + o.get((1, 0), 0)) / N
    de = 2 * n[0] * n[1] / (N * N - selfp)
    return 1 - do / de

def measures(code_list, sources):
    cols, parts = [], []
    for code in code_list:
        for src in sources:
            here = [c for c in coders if (src, c) in present]
            if len(here) < 2:
                continue
            cols.append(np.array([vector(code, src, c) if c in here else np.full(length[src], np.nan) for c in coders], dtype=float))
            parts.append((length[src], {c: sections(code, src, c) for c in here}))
    if not cols:
        return {}
    data = np.concatenate(cols, axis=1)
    out = {}
    full = ~np.isnan(data).any(axis=0)
    if len(coders) == 2:
        a, b = data[0][full].astype(int), data[1][full].astype(int)
        out["percent"] = float(np.mean(a == b))
        if len(set(a)) + len(set(b)) > 2 or set(a) != set(b):
            out["kappa"] = cohen_kappa_score(a, b)
    else:
        counts = []
        for u in range(data.shape[1]):
            vals = data[:, u][~np.isnan(data[:, u])]
            if len(vals) >= 2:
                k = int(vals.sum()); counts.append((len(vals) - k, k))
        out["percent"] = float(np.mean([(a*(a-1) + b*(b-1)) / ((a+b)*(a+b-1)) for a, b in counts]))
        table = np.array([[c[0], c[1]] for c in counts if sum(c) == len(coders)])
        if len(table) and table[:, 1].sum() not in (0, table.sum()):
            out["fleiss_kappa"] = fleiss_kappa(table)
    values = data[~np.isnan(data)]
    if len(set(values)) > 1:
        out["alpha"] = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    u = u_alpha(parts)
    if u is not None and len(code_list) == 1:
        out["u_alpha"] = u
        out["binary_u_alpha"] = u
    return out

jalin = {}
for r in csv.DictReader(open(agreement_csv, encoding="utf-8")):
    jalin[(r["code"], r["source"], r["measure"])] = r["value"]
bad = 0; checked = 0
for code in codes + ["(all)"]:
    for src in sorted(length) + ["(all)"]:
        if code == "(all)" and src != "(all)":
            continue
        if src != "(all)" and not any((code, src, c) in segs for c in coders):
            continue
        want = measures(codes if code == "(all)" else [code], sorted(length) if src == "(all)" else [src])
        for measure in ["percent", "kappa" if len(coders) == 2 else "fleiss_kappa", "alpha", "u_alpha", "binary_u_alpha"]:
            if src != "(all)" and not want:
                continue
            if code == "(all)" and "u_alpha" in measure:
                continue
            got = jalin.get((code, src, measure))
            if got is None:
                if want:
                    print(f"missing row {code} x {src}: {measure}"); bad += 1
                continue
            exp = want.get(measure)
            checked += 1
            if exp is None or (isinstance(exp, float) and np.isnan(exp)):
                if got != "":
                    print(f"{code} x {src} {measure}: jalin {got}, oracle undefined"); bad += 1
            elif got == "" or abs(float(got) - exp) > 6e-7:
                print(f"{code} x {src} {measure}: jalin {got!r}, oracle {exp:.6f}"); bad += 1
print(f"checked {checked}")
sys.exit(1 if bad or checked == 0 else 0)
"#;

/// A small xorshift, so a failing seed can be replayed
/// (`JALIN_AGREEMENT_SEED`).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A generated project: a few sources, three codes, coders who mostly
/// agree (B and C shift A's boundaries, drop some codings and add others);
/// one source coded by A alone.
fn generated(seed: u64, coders: &[&str]) -> Workspace {
    let mut rng = Rng(seed | 1);
    let w = Workspace::new();
    let mut csv = String::from("source,code,start,end,coder\n");
    for s in 0..4 {
        let len = 200 + rng.below(300);
        let name = format!("s{s}");
        let file = w.file(&format!("{name}.txt"), format!("{s} {}", text_of(len)));
        common::ok([
            OsStr::new("import"),
            w.project.as_os_str(),
            file.as_os_str(),
        ]);
        let len = len + 2;
        for _ in 0..(3 + rng.below(5)) {
            let code = ["alpha", "beta", "gamma"][rng.below(3)];
            let start = rng.below(len - 20);
            let end = start + 5 + rng.below(15);
            for (i, coder) in coders.iter().enumerate() {
                if s == 3 && i > 0 {
                    continue;
                }
                if i > 0 && rng.below(5) == 0 {
                    continue;
                }
                let shift = |x: usize, r: &mut Rng| (x + r.below(7)).saturating_sub(3).min(len);
                let (a, b) = if i == 0 {
                    (start, end)
                } else {
                    (shift(start, &mut rng), shift(end, &mut rng))
                };
                if a < b {
                    csv.push_str(&format!("{name},{code},{a},{b},{coder}\n"));
                }
            }
        }
        if rng.below(2) == 0 {
            // A coding only the last coder made.
            let start = rng.below(len - 10);
            csv.push_str(&format!(
                "{name},beta,{start},{},{}\n",
                start + 8,
                coders[coders.len() - 1]
            ));
        }
    }
    for c in ["alpha", "beta", "gamma"] {
        common::ok(["codes", "add", w.p(), c]);
    }
    let file = w.file("codings.csv", csv);
    common::ok([
        OsStr::new("code"),
        w.project.as_os_str(),
        OsStr::new("--from"),
        file.as_os_str(),
    ]);
    w
}

#[test]
fn independent_computation_in_python_agrees() {
    if !python_oracle() {
        return;
    }
    let seed = common::seed_from_env("JALIN_AGREEMENT_SEED");
    for coders in [&["A", "B"][..], &["A", "B", "C"][..]] {
        for round in 0..3u64 {
            let seed = seed.wrapping_add(round.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let w = generated(seed, coders);
            let d = w.dir.path();
            let write = |name: &str, args: &[&str]| {
                let path = d.join(name);
                let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
                all.extend([OsStr::new("--out"), path.as_os_str()]);
                common::ok(all);
                path
            };
            let codings = write("codings.csv", &["list", "codings", w.p()]);
            let sources = write("sources.csv", &["list", "sources", w.p()]);
            let joined = coders.join(",");
            let table = write("agreement.csv", &["agreement", w.p(), "--coders", &joined]);
            let run = std::process::Command::new("python3")
                .args(["-c", ORACLE])
                .args([&codings, &sources, &table])
                .arg(&joined)
                .output()
                .expect("run python3");
            assert!(
                run.status.success(),
                "seed {seed}, coders {joined}: Jalin and the Python computation differ:\n{}{}",
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            );
        }
    }
}
