//! Figures as SVG (and Graphviz DOT for the concept map), written by hand so
//! they are deterministic, small and editable in Inkscape or Illustrator.
//! Text uses the Ubuntu font that [`super::svg_to_png`] embeds.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::analysis::{CooccurrenceTable, FrequencyRow, FrequencyTable};
use crate::model::{CodeId, Codebook, SourceKind};

const FONT: &str = "Ubuntu, sans-serif";

/// Okabe–Ito colours for the four source kinds (colour-blind safe).
pub fn kind_color(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Interview => "#0072B2",
        SourceKind::FocusGroup => "#E69F00",
        SourceKind::Document => "#009E73",
        SourceKind::Observation => "#CC79A7",
    }
}

/// Text for SVG: escaped, without the characters XML 1.0 forbids (a code
/// or attribute value holding a vertical tab or a bell made the figure
/// invalid XML, and its PNG failed).
fn esc(s: &str) -> String {
    super::xml_safe(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Rough width of text in px at `size`: enough to lay out labels.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.55
}

/// The rows a chart shows: codes without sub-codes that have codings (a
/// parent's rolled-up total would count its children twice).
fn charted_rows(freq: &FrequencyTable) -> Vec<&FrequencyRow> {
    freq.rows
        .iter()
        .filter(|r| r.sub_codes == 0 && r.total.codings > 0)
        .collect()
}

/// The codings applied to `r` itself when it is a parent code with
/// codings of its own (not to a sub-code), as a row of their own labelled
/// "Parent (coded directly)"; counts, sources and respondents are those of
/// the parent's own codings.
fn direct_row(r: &FrequencyRow) -> Option<FrequencyRow> {
    if r.sub_codes == 0 || r.direct.0.codings == 0 {
        return None;
    }
    let mut own = r.clone();
    own.total = r.direct.0;
    own.groups = r.direct.1.clone();
    own.sub_codes = 0;
    own.path = crate::t!("chart-coded-directly", code = r.path.as_str());
    Some(own)
}

/// Every parent's "(coded directly)" row ([`direct_row`]).
fn direct_rows(freq: &FrequencyTable) -> Vec<FrequencyRow> {
    freq.rows.iter().filter_map(direct_row).collect()
}

/// The rows of the heatmap and the nodes of the concept map, in codebook
/// order: the frequency chart's bars ([`bar_rows`]), a parent's own
/// codings just before its sub-codes.
pub fn charted_codes(freq: &FrequencyTable) -> Vec<FrequencyRow> {
    freq.rows
        .iter()
        .filter_map(|r| {
            if r.sub_codes == 0 {
                (r.total.codings > 0).then(|| r.clone())
            } else {
                direct_row(r)
            }
        })
        .collect()
}

/// The bars of the frequency chart, most frequent first: every code
/// without sub-codes that has codings, and a "(coded directly)" bar for
/// each parent code with codings of its own. The workbench's chart draws
/// the same bars.
pub fn bar_rows(freq: &FrequencyTable) -> Vec<FrequencyRow> {
    let mut rows: Vec<FrequencyRow> = charted_rows(freq).into_iter().cloned().collect();
    rows.extend(direct_rows(freq));
    rows.sort_by(|a, b| {
        b.total
            .codings
            .cmp(&a.total.codings)
            .then_with(|| a.path.cmp(&b.path))
    });
    rows
}

/// Width of the label column: the longest code name, within limits.
fn label_width(rows: &[&FrequencyRow], size: f64) -> f64 {
    rows.iter()
        .map(|r| text_width(leaf_name(&r.path), size))
        .fold(80.0, f64::max)
        .min(360.0)
        + 16.0
}

fn leaf_name(path: &str) -> &str {
    path.rsplit(crate::model::PATH_SEPARATOR)
        .next()
        .unwrap_or(path)
}

/// Horizontal bars of code frequencies (codes without sub-codes that have
/// codings, most frequent first), each bar stacked by source kind. `freq`
/// must be grouped by kind.
pub fn bar_chart_svg(freq: &FrequencyTable) -> String {
    let bars = bar_rows(freq);
    let rows: Vec<&FrequencyRow> = bars.iter().collect();
    let size = 13.0;
    let label_w = label_width(&rows, size);
    let (bar_w, row_h, top) = (520.0, 24.0, 48.0);
    let width = label_w + bar_w + 60.0;
    let height = top + rows.len() as f64 * row_h + 70.0;
    let max = rows
        .iter()
        .map(|r| r.total.codings)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let step = nice_step(max);
    let scale = bar_w / ((max / step).ceil() * step);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT}" font-size="{size}">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{label_w:.0}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        esc(&crate::t!("chart-frequencies-title"))
    );
    let mut tick = 0.0;
    while tick * scale <= bar_w + 0.5 {
        let x = label_w + tick * scale;
        let y1 = top + rows.len() as f64 * row_h;
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{y1:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#555">{tick}</text>"##,
            y1 + 16.0
        );
        tick += step;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y + row_h * 0.65,
            esc(leaf_name(&r.path))
        );
        let mut x = label_w;
        for (g, kind) in r.groups.iter().zip(SourceKind::ALL) {
            if g.codings == 0 {
                continue;
            }
            let w = g.codings as f64 * scale;
            let _ = writeln!(
                s,
                r#"<rect x="{x:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}"><title>{}: {} {}</title></rect>"#,
                y + 3.0,
                row_h - 6.0,
                kind_color(kind),
                esc(&r.path),
                g.codings,
                esc(&super::value_in(kind.as_str(), crate::i18n::current()))
            );
            x += w;
        }
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            x + 4.0,
            y + row_h * 0.65,
            r.total.codings
        );
    }
    let mut lx = label_w;
    let ly = height - 22.0;
    for kind in SourceKind::ALL {
        let label = esc(&super::value_in(
            &kind.as_str().replace('_', " "),
            crate::i18n::current(),
        ));
        let _ = writeln!(
            s,
            r#"<rect x="{lx:.1}" y="{:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{ly:.1}">{label}</text>"#,
            ly - 10.0,
            kind_color(kind),
            lx + 16.0
        );
        lx += 28.0 + text_width(&label, size);
    }
    s.push_str("</svg>\n");
    s
}

fn nice_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(mag * 10.0)
        .max(1.0)
}

/// A heatmap of codes × groups (e.g. cities): each cell the share of the
/// group's sources coded with the code, darker for more. `freq` must be
/// grouped by an attribute (or a pair).
pub fn heatmap_svg(freq: &FrequencyTable) -> String {
    let charted = charted_codes(freq);
    let rows: Vec<&FrequencyRow> = charted.iter().collect();
    let size = 12.0;
    let label_w = label_width(&rows, size);
    // Column labels are rotated 35°: room above the cells for the longest,
    // and to the right for the last one, so none is clipped.
    let (cell_w, cell_h) = (74.0, 26.0);
    let (sin, cos) = (35f64.to_radians().sin(), 35f64.to_radians().cos());
    let label_len = |g: &crate::analysis::GroupSize| {
        text_width(&format!("{} (n={})", g.label, g.sources), size)
    };
    let longest: f64 = freq.groups.iter().map(label_len).fold(0.0, f64::max);
    let top = (40.0 + longest * sin + 12.0).max(110.0);
    let last = freq.groups.last().map_or(0.0, label_len);
    let width =
        label_w + cell_w * freq.groups.len() as f64 + 30.0 + (last * cos - cell_w / 2.0).max(0.0);
    let height = top + cell_h * rows.len() as f64 + 40.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT}" font-size="{size}">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let title = crate::t!("chart-heatmap-title", by = freq.grouping.describe());
    let _ = writeln!(
        s,
        r#"<text x="10" y="22" font-size="15" font-weight="bold">{}</text>"#,
        esc(&title)
    );
    for (j, g) in freq.groups.iter().enumerate() {
        let x = label_w + j as f64 * cell_w + cell_w / 2.0;
        let _ = writeln!(
            s,
            r#"<text transform="translate({x:.1},{:.1}) rotate(-35)" text-anchor="start">{} (n={})</text>"#,
            top - 8.0,
            esc(&super::value_in(&g.label, crate::i18n::current())),
            g.sources
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as f64 * cell_h;
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y + cell_h * 0.65,
            esc(leaf_name(&r.path))
        );
        for (j, g) in r.groups.iter().enumerate() {
            let x = label_w + j as f64 * cell_w;
            let t = g.pct_sources / 100.0;
            // White to a dark blue (#08306B).
            let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
            let fill = format!(
                "#{:02X}{:02X}{:02X}",
                mix(255.0, 8.0),
                mix(255.0, 48.0),
                mix(255.0, 107.0)
            );
            let ink = if t > 0.55 { "white" } else { "black" };
            let _ = writeln!(
                s,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{cell_w}" height="{cell_h}" fill="{fill}" stroke="#fff"><title>{}</title></rect><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{ink}">{:.0}%</text>"##,
                esc(&crate::t!(
                    "chart-heatmap-cell",
                    code = r.path.as_str(),
                    group = super::value_in(&freq.groups[j].label, crate::i18n::current()),
                    n = g.sources,
                    of = freq.groups[j].sources
                )),
                x + cell_w / 2.0,
                y + cell_h * 0.65,
                g.pct_sources
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// The nodes of a concept map: codes with codings and no sub-codes, and
/// parents' own codings ("Parent (coded directly)"), with their theme
/// (top-level code) and count.
struct Node {
    id: CodeId,
    name: String,
    theme: String,
    count: usize,
    color: String,
}

fn concept_nodes(book: &Codebook, freq: &FrequencyTable) -> Vec<Node> {
    charted_codes(freq)
        .into_iter()
        .filter_map(|r| {
            let code = book.get(r.code)?;
            let mut top = code;
            while let Some(p) = top.parent.and_then(|p| book.get(p)) {
                top = p;
            }
            // A parent's own codings: a node in its theme (the parent's
            // theme, or the parent when it is one).
            let direct = !book.children(Some(code.id)).is_empty();
            Some(Node {
                id: r.code,
                name: if direct {
                    crate::t!("chart-coded-directly", code = code.name.as_str())
                } else {
                    code.name.clone()
                },
                theme: if top.id == code.id && !direct {
                    String::new()
                } else {
                    top.name.clone()
                },
                count: r.total.codings,
                color: code.color.to_hex(),
            })
        })
        .collect()
}

fn edges(co: &CooccurrenceTable) -> Vec<(CodeId, CodeId, usize)> {
    let mut out = Vec::new();
    for i in 0..co.codes.len() {
        for j in i + 1..co.codes.len() {
            if co.counts[i][j] > 0 {
                out.push((co.codes[i].0, co.codes[j].0, co.counts[i][j]));
            }
        }
    }
    out
}

/// The concept map as Graphviz DOT: themes as clusters, codes as nodes sized
/// by frequency, co-occurrence as weighted edges. Render with
/// `dot -Tsvg` or `neato -Tsvg`.
pub fn concept_map_dot(book: &Codebook, freq: &FrequencyTable, co: &CooccurrenceTable) -> String {
    let nodes = concept_nodes(book, freq);
    let max = nodes.iter().map(|n| n.count).max().unwrap_or(1).max(1) as f64;
    // Graphviz writes its SVG from these strings: without the characters
    // XML forbids, and a line break as DOT's own `\n`.
    let q = |s: &str| {
        let safe = super::xml_safe(s);
        format!(
            "\"{}\"",
            safe.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        )
    };
    let mut themes: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
    for n in &nodes {
        themes.entry(n.theme.as_str()).or_default().push(n);
    }
    let mut s = String::from(
        "graph concept_map {\n  graph [overlap=false, splines=true, fontname=\"Helvetica\"];\n  node [shape=ellipse, style=filled, fontname=\"Helvetica\", fontcolor=\"black\"];\n  edge [color=\"#888888\"];\n",
    );
    for (i, (theme, members)) in themes.iter().enumerate() {
        let indent = if theme.is_empty() { "  " } else { "    " };
        if !theme.is_empty() {
            let _ = writeln!(
                s,
                "  subgraph cluster_{i} {{\n    label={};\n    style=rounded;\n    color=\"#bbbbbb\";",
                q(theme)
            );
        }
        for n in members {
            let w = 0.8 + 1.2 * (n.count as f64 / max).sqrt();
            let _ = writeln!(
                s,
                "{indent}c{} [label={}, width={w:.2}, fillcolor=\"{}80\"];",
                n.id.0,
                q(&format!("{}\n({})", n.name, n.count)),
                n.color
            );
        }
        if !theme.is_empty() {
            s.push_str("  }\n");
        }
    }
    let shown: std::collections::HashSet<CodeId> = nodes.iter().map(|n| n.id).collect();
    let es: Vec<_> = edges(co)
        .into_iter()
        .filter(|(a, b, _)| shown.contains(a) && shown.contains(b))
        .collect();
    let emax = es.iter().map(|e| e.2).max().unwrap_or(1).max(1) as f64;
    for (a, b, n) in es {
        let _ = writeln!(
            s,
            "  c{} -- c{} [penwidth={:.2}, label=\"{n}\"];",
            a.0,
            b.0,
            1.0 + 5.0 * n as f64 / emax
        );
    }
    s.push_str("}\n");
    s
}

/// The concept map as SVG: each theme a circle of its codes, themes placed
/// around the centre; node area grows with frequency, edge width with
/// co-occurrence.
pub fn concept_map_svg(book: &Codebook, freq: &FrequencyTable, co: &CooccurrenceTable) -> String {
    let nodes = concept_nodes(book, freq);
    let mut themes: BTreeMap<&str, Vec<&Node>> = BTreeMap::new();
    for n in &nodes {
        themes.entry(n.theme.as_str()).or_default().push(n);
    }
    let (w, h) = (1000.0f64, 860.0f64);
    let (cx, cy) = (w / 2.0, h / 2.0 + 20.0);
    let ring = if themes.len() > 1 { 270.0 } else { 0.0 };
    let max = nodes.iter().map(|n| n.count).max().unwrap_or(1).max(1) as f64;
    let mut pos: HashMap<CodeId, (f64, f64, f64)> = HashMap::new();
    let mut clusters = Vec::new();
    for (t, (theme, members)) in themes.iter().enumerate() {
        let a = std::f64::consts::TAU * t as f64 / themes.len().max(1) as f64
            - std::f64::consts::FRAC_PI_2;
        let (tx, ty) = (cx + ring * a.cos(), cy + ring * a.sin());
        let r_in = if members.len() > 1 {
            40.0 + 14.0 * members.len() as f64
        } else {
            0.0
        };
        for (k, n) in members.iter().enumerate() {
            let b = std::f64::consts::TAU * k as f64 / members.len() as f64 + a;
            let radius = 10.0 + 24.0 * (n.count as f64 / max).sqrt();
            pos.insert(n.id, (tx + r_in * b.cos(), ty + r_in * b.sin(), radius));
        }
        clusters.push((*theme, tx, ty, r_in + 48.0));
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="16" y="26" font-size="16" font-weight="bold">{}</text>"#,
        esc(&crate::t!("chart-concept-map-title"))
    );
    for (theme, x, y, r) in &clusters {
        if theme.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="#f4f4f4" stroke="#ccc"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" fill="#555">{}</text>"##,
            y - r - 6.0,
            esc(theme)
        );
    }
    let es = edges(co);
    let emax = es.iter().map(|e| e.2).max().unwrap_or(1).max(1) as f64;
    for (a, b, n) in &es {
        if let (Some(p), Some(q)) = (pos.get(a), pos.get(b)) {
            let _ = writeln!(
                s,
                r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#777" stroke-opacity="0.45" stroke-width="{:.2}"><title>{}</title></line>"##,
                p.0,
                p.1,
                q.0,
                q.1,
                0.8 + 6.0 * *n as f64 / emax,
                esc(&crate::t!("chart-co-occurrences", count = *n))
            );
        }
    }
    for n in &nodes {
        if let Some(&(x, y, r)) = pos.get(&n.id) {
            let _ = writeln!(
                s,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{}" fill-opacity="0.85" stroke="#333"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{} ({})</text>"##,
                n.color,
                y + r + 13.0,
                esc(&n.name),
                n.count
            );
        }
    }
    s.push_str("</svg>\n");
    s
}
