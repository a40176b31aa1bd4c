//! `jalin bench gui`: the workbench driven headless (an egui context, no
//! window) through the same code as the window: [`JalinApp::ui`] each
//! frame, fed with mouse and key events, and tessellated as a window would.
//! On a project that workload B builds with N codings it times, from the
//! input to the end of the frame that shows the result:
//!
//! - `select`: double-clicking a word in the document view (one frame);
//! - `apply`: the key `1` applying the first code to the selection (the
//!   key's frame runs the command, the next one draws the new coding);
//! - `undo`, `redo`: Ctrl+Z and Ctrl+Shift+Z (two frames, likewise);
//! - `memo`: one key typed in a memo (one frame); `memo-save` is the frame
//!   in which the memo is saved after the typing pause.
//!
//! A code is selected in the codebook throughout, so the retrieval panel
//! shows its segments, as in a coding session.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, PointerButton, Pos2, RawInput, Rect, vec2};

use super::{BenchError, Step, WorkloadB};
use crate::app::Dirs;
use crate::ui::{Action, JalinApp, LowerTab, Startup};

/// The window size the bench draws at.
const SCREEN: [f32; 2] = [1400.0, 900.0];
/// Time between frames (egui time), as at 60 frames a second.
const FRAME: f64 = 1.0 / 60.0;

/// Timings of one action: every sample, in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionTimes {
    pub action: &'static str,
    /// Wall time, input to the end of the frame that shows it.
    pub ms: Vec<f64>,
    /// CPU time of the thread over the same frames (where Linux reports
    /// it): what the workbench itself spent, without waiting for a core on
    /// a busy machine.
    pub cpu_ms: Vec<f64>,
}

impl ActionTimes {
    fn new(action: &'static str, costs: &[Cost]) -> ActionTimes {
        ActionTimes {
            action,
            ms: costs
                .iter()
                .map(|c| c.wall.as_secs_f64() * 1000.0)
                .collect(),
            cpu_ms: costs
                .iter()
                .filter_map(|c| c.cpu.map(|d| d.as_secs_f64() * 1000.0))
                .collect(),
        }
    }

    /// The `p`-th percentile (0..=1) of the wall times, nearest rank.
    pub fn percentile(&self, p: f64) -> f64 {
        percentile(&self.ms, p)
    }

    /// The `p`-th percentile of the CPU times.
    pub fn cpu_percentile(&self, p: f64) -> f64 {
        percentile(&self.cpu_ms, p)
    }
}

/// The `p`-th percentile (0..=1) of samples, nearest rank; 0 for none.
fn percentile(ms: &[f64], p: f64) -> f64 {
    let mut v = ms.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return 0.0;
    }
    let rank = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

/// What `jalin bench gui` measures and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuiBench {
    pub codings: usize,
    pub sources: usize,
    pub doc_kb: usize,
    pub codes: usize,
    /// Rounds of select, apply, undo and redo (and memo keystrokes).
    pub rounds: usize,
    pub seed: u64,
}

/// What one or more frames cost.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    wall: Duration,
    cpu: Option<Duration>,
}

impl std::ops::Add for Cost {
    type Output = Cost;
    fn add(self, o: Cost) -> Cost {
        Cost {
            wall: self.wall + o.wall,
            cpu: self.cpu.zip(o.cpu).map(|(a, b)| a + b),
        }
    }
}

/// CPU time this thread has run, from `/proc/thread-self/schedstat`
/// (Linux only). In nanoseconds, but brought up to date only at scheduler
/// ticks and switches, so one sample can be off by a tick: indicative.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// A headless workbench and its clock.
struct Driver {
    ctx: egui::Context,
    app: JalinApp,
    time: f64,
}

impl Driver {
    /// One frame with these events, tessellated; returns its wall and CPU
    /// time.
    fn frame(&mut self, events: Vec<Event>) -> Cost {
        self.time += FRAME;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
            time: Some(self.time),
            events,
            ..RawInput::default()
        };
        let cpu = thread_cpu();
        let t = Instant::now();
        let mut out = self.ctx.run_ui(input, |ui| self.app.ui(ui));
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
        let took = Cost {
            wall: t.elapsed(),
            cpu: cpu.zip(thread_cpu()).map(|(a, b)| b.saturating_sub(a)),
        };
        // No painter takes the font atlas' updates here.
        out.textures_delta.clear();
        took
    }

    fn idle(&mut self, n: usize) {
        for _ in 0..n {
            self.frame(Vec::new());
        }
    }

    fn key(key: Key, modifiers: Modifiers) -> Vec<Event> {
        vec![Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }]
    }

    fn button(pos: Pos2, pressed: bool) -> Vec<Event> {
        vec![
            Event::PointerMoved(pos),
            Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            },
        ]
    }
}

/// Builds the project (workload B's corpus with `codings` codings) at
/// `project`, then drives the workbench on it. `report` sees the setup
/// steps.
pub fn gui_bench(
    project: &Path,
    scratch: &Path,
    b: &GuiBench,
    report: &mut dyn FnMut(&Step),
) -> Result<Vec<ActionTimes>, BenchError> {
    let w = WorkloadB {
        sources: b.sources,
        doc_kb: b.doc_kb,
        codes: b.codes,
        sizes: vec![b.codings],
        seed: b.seed,
        encrypt: false,
    };
    super::workload_b(project, &w, report, &mut |_| {})?;
    let t = Instant::now();
    let startup = Startup {
        dirs: Dirs::under(&scratch.join("dirs")),
        open: Some(project.to_path_buf()),
        coder: "bench".into(),
        first_frame_exit: None,
    };
    let mut d = Driver {
        ctx: egui::Context::default(),
        app: JalinApp::new(startup),
        time: 0.0,
    };
    d.app.setup_context(&d.ctx);
    if let Some(e) = d.app.state.error.take() {
        return Err(BenchError::Gui(e));
    }
    // A code selected in the codebook: the retrieval panel lists its
    // segments.
    let first_code = d.app.state.codebook.preorder().first().map(|(_, c)| c.id);
    d.app.codebook.selected = first_code.into_iter().collect();
    d.idle(5);
    report(&Step {
        name: crate::t!("cli-bench-step-open-workbench"),
        kind: super::StepKind::Setup,
        wall: t.elapsed(),
        cpu: None,
        peak_rss_kib: super::peak_rss_kib(),
    });

    let mut select = Vec::new();
    let mut apply = Vec::new();
    let mut undo = Vec::new();
    let mut redo = Vec::new();
    const DIGITS: [Key; 9] = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    let mut round = 0;
    let mut attempts = 0;
    while select.len() < b.rounds {
        attempts += 1;
        round += 1;
        if attempts > b.rounds * 10 {
            return Err(BenchError::Gui(crate::t!(
                "cli-bench-gui-few-rounds",
                done = select.len().to_string(),
                rounds = b.rounds.to_string(),
                status = format!("{:?}", d.app.state.status)
            )));
        }
        // Words drawn in the last frame, spread over the view.
        let source = d
            .app
            .document
            .source()
            .ok_or(BenchError::Gui(crate::t!("cli-bench-gui-no-source")))?;
        let n = d.app.state.texts[&source].index().char_len();
        let visible: Vec<(usize, Pos2)> = (0..n)
            .step_by(23)
            .filter_map(|o| d.app.document.screen_pos_of(o).map(|p| (o, p)))
            .filter(|(_, p)| p.y > 80.0 && p.y < 600.0)
            .collect();
        let Some(&(_, pos)) = visible.get((round * 7919) % visible.len().max(1)) else {
            return Err(BenchError::Gui(crate::t!("cli-bench-gui-no-text")));
        };
        // Select: a double click; the second release's frame shows it.
        d.frame(Driver::button(pos, true));
        d.frame(Driver::button(pos, false));
        d.frame(Driver::button(pos, true));
        let t = d.frame(Driver::button(pos, false));
        if d.app.document.selection().is_none() {
            // A double click on a space selects nothing: take the next word.
            d.idle(20);
            continue;
        }
        let before = d.app.state.codings.len();
        let key = DIGITS[round % DIGITS.len()];
        let t_apply = d.frame(Driver::key(key, Modifiers::NONE)) + d.frame(Vec::new());
        if d.app.state.codings.len() != before + 1 {
            // The code is on that word already (the corpus is dense):
            // another word.
            d.app.state.error = None;
            d.idle(20);
            continue;
        }
        select.push(t);
        apply.push(t_apply);
        let t = d.frame(Driver::key(Key::Z, Modifiers::COMMAND)) + d.frame(Vec::new());
        undo.push(t);
        let t = d.frame(Driver::key(Key::Z, Modifiers::COMMAND | Modifiers::SHIFT))
            + d.frame(Vec::new());
        redo.push(t);
        if d.app.state.codings.len() != before + 1 {
            return Err(BenchError::Gui(crate::t!("cli-bench-gui-undo-redo")));
        }
        // Past egui's double-click time before the next word.
        d.idle(20);
    }

    // Memos: a new project memo, the editor focused, then keystrokes.
    let ctx = d.ctx.clone();
    d.app.handle(Action::ShowTab(LowerTab::Memos), &ctx, d.time);
    d.app.handle(
        Action::NewMemo(crate::model::MemoTarget::Project),
        &ctx,
        d.time,
    );
    d.idle(3);
    let mut focused = false;
    'find: for y in (SCREEN[1] as i32 - 200..SCREEN[1] as i32 - 30).step_by(20) {
        for x in (SCREEN[0] as i32 / 2..SCREEN[0] as i32 - 40).step_by(60) {
            let pos = Pos2::new(x as f32, y as f32);
            d.frame(Driver::button(pos, true));
            d.frame(Driver::button(pos, false));
            if d.ctx.text_edit_focused() {
                focused = true;
                break 'find;
            }
            d.idle(20);
        }
    }
    if !focused {
        return Err(BenchError::Gui(crate::t!("cli-bench-gui-memo-focus")));
    }
    let mut memo = Vec::new();
    let mut memo_save = Vec::new();
    for round in 0..b.rounds {
        let was = (d.app.memos.title.len(), d.app.memos.text.len());
        let t = d.frame(vec![Event::Text(
            ["a", "b", " ", "c"][round % 4].to_string(),
        )]);
        memo.push(t);
        if (d.app.memos.title.len(), d.app.memos.text.len()) == was {
            return Err(BenchError::Gui(crate::t!("cli-bench-gui-keystroke")));
        }
        // The pause after typing: the frame that saves it.
        let saved = d.app.state.revision;
        let frames = (crate::ui::memos::DEBOUNCE.as_secs_f64() / FRAME).ceil() as usize;
        let mut t = Cost::default();
        for _ in 0..frames + 2 {
            t = d.frame(Vec::new());
            if d.app.state.revision != saved {
                break;
            }
        }
        if d.app.state.revision == saved {
            return Err(BenchError::Gui(crate::t!("cli-bench-gui-memo-unsaved")));
        }
        memo_save.push(t);
    }
    Ok(vec![
        ActionTimes::new("select", &select),
        ActionTimes::new("apply", &apply),
        ActionTimes::new("undo", &undo),
        ActionTimes::new("redo", &redo),
        ActionTimes::new("memo", &memo),
        ActionTimes::new("memo-save", &memo_save),
    ])
}
