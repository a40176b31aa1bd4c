//! Drives the document view headless (an egui context, no window) on a
//! generated 1 MB transcript with 10,000 codings, scrolling from top to
//! bottom, and reports CPU time per frame (median, p95, max), layout plus
//! tessellation. Run with `cargo bench --bench document_view`.

use std::collections::HashMap;
use std::time::Instant;

use egui::{Pos2, RawInput, Rect, vec2};
use jalin::app::AppState;
use jalin::app::state::SourceText;
use jalin::model::text::CharIndex;
use jalin::model::{
    Code, CodeId, Codebook, CoderId, Coding, CodingId, Color, Guid, SourceId, SourceKind,
    SourceMeta, SourceTexts, SpeakerTurn,
};
use jalin::ui::document::DocumentView;

const TARGET_BYTES: usize = 1_000_000;
const CODINGS: usize = 10_000;
const CODES: usize = 20;
/// Pixels scrolled per frame: a brisk scroll-wheel pace.
const STEP: f32 = 240.0;

/// A deterministic pseudo-random generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "koordinasi",
    "berkas",
    "penyidik",
    "kejaksaan",
    "the",
    "case",
    "file",
    "goes",
    "back",
    "and",
    "forth",
    "between",
    "investigators",
    "prosecutor’s",
    "office",
    "children",
    "village",
    "leaders",
    "report",
    "court",
    "victim",
    "support",
    "budget",
    "training",
    "é",
    "“quoted”",
];

fn transcript(rng: &mut Lcg) -> (String, Vec<SpeakerTurn>) {
    let mut text = String::with_capacity(TARGET_BYTES + 1000);
    let mut turns = Vec::new();
    let mut chars = 0;
    let mut interviewer = true;
    while text.len() < TARGET_BYTES {
        let label = if interviewer { "Interviewer: " } else { "R: " };
        let start = chars;
        let mut line = label.to_string();
        let n = if interviewer {
            8 + rng.below(20)
        } else {
            40 + rng.below(160)
        };
        for i in 0..n {
            if i > 0 {
                line.push(' ');
            }
            line.push_str(WORDS[rng.below(WORDS.len())]);
        }
        line.push('.');
        let len = line.chars().count();
        turns.push(SpeakerTurn {
            start,
            end: start + len,
            label_end: start + label.chars().count(),
            speaker: label.trim_end_matches(": ").into(),
        });
        text.push_str(&line);
        text.push_str("\n\n");
        chars += len + 2;
        interviewer = !interviewer;
    }
    (text, turns)
}

fn state() -> (AppState, SourceId) {
    let mut rng = Lcg(42);
    let (text, turns) = transcript(&mut rng);
    let index = CharIndex::new(&text);
    let n = index.char_len();
    let id = SourceId(1);
    let mut state = AppState::new("bench".into());
    state.sources = vec![SourceMeta {
        id,
        guid: Guid::new(),
        name: "Generated".into(),
        kind: SourceKind::Interview,
        char_len: n,
        content_hash: String::new(),
        original_name: None,
        imported_at: String::new(),
        attributes: Vec::new(),
    }];
    state.codebook = Codebook::new(
        (0..CODES)
            .map(|i| Code {
                id: CodeId(i as i64 + 1),
                guid: Guid::new(),
                name: format!("code {i}"),
                parent: None,
                color: Color::palette(i),
                description: String::new(),
                sort_order: i as i64,
            })
            .collect(),
    );
    state.codings = (0..CODINGS)
        .map(|i| {
            let start = rng.below(n - 2000);
            let len = 20 + rng.below(600);
            Coding {
                id: CodingId(i as i64 + 1),
                guid: Guid::new(),
                source: id,
                code: CodeId(rng.below(CODES) as i64 + 1),
                start,
                end: start + len,
                coder: CoderId(1),
                created_at: String::new(),
            }
        })
        .collect();
    state.texts = HashMap::from([(id, SourceText::new(SourceTexts { text, turns }))]);
    state.revision = 1;
    (state, id)
}

fn frame(ctx: &egui::Context, doc: &mut DocumentView, state: &AppState, t: f64) -> f64 {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 800.0))),
        time: Some(t),
        ..Default::default()
    };
    let start = Instant::now();
    let mut actions = Vec::new();
    let out = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| doc.ui(ui, state, &mut actions));
    });
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(prims);
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let (state, id) = state();
    let bytes = state.texts[&id].texts.text.len();
    let ctx = egui::Context::default();
    let mut doc = DocumentView::default();
    let t0 = Instant::now();
    doc.open(&state, id);
    let open_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let first = frame(&ctx, &mut doc, &state, 0.0);
    for i in 0..3 {
        frame(&ctx, &mut doc, &state, 0.01 * i as f64);
    }
    let mut times = Vec::new();
    let mut y = 0.0;
    let mut t = 1.0;
    while y < doc.content_height {
        doc.scroll_to_y = Some(y);
        times.push(frame(&ctx, &mut doc, &state, t));
        y += STEP;
        t += 1.0 / 60.0;
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "document view: {:.2} MB, {} paragraphs, {} codings, {:.0} px tall",
        bytes as f64 / 1e6,
        doc.paragraph_count(),
        state.codings.len(),
        doc.content_height
    );
    println!("open (split into paragraphs, index codings): {open_ms:.1} ms");
    println!("first frame (fonts, first layout): {first:.1} ms");
    println!(
        "scroll top to bottom, {} frames of {STEP} px: median {:.2} ms, p95 {:.2} ms, max {:.2} ms per frame",
        times.len(),
        pct(0.5),
        pct(0.95),
        times.last().copied().unwrap_or(0.0)
    );
    println!("galleys cached at the end: {}", doc.cached_galleys());
}
