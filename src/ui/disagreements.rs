//! Review ▸ Disagreements: the passages where two coders differ, per code,
//! each with both codings side by side in context. The reviewer takes A,
//! B, both, neither or an edited range; each decision writes the
//! `consensus` coder's codings (one undoable step). Progress is read back
//! from those codings; the list with its decisions exports as Markdown or
//! DOCX. The comparison itself is `analysis::disagreements`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Action, strings};
use crate::analysis::disagreements::{
    self as dis, Comparison, DEFAULT_MIN_OVERLAP, Decision, Difference, Disagreement, Names,
};
use crate::app::AppState;
use crate::export::{self, TableFormat};
use crate::model::{CodeId, CoderId, SourceId};

/// Characters of context shown either side of a coding.
const CONTEXT: usize = 80;

type Consensus = HashMap<(CodeId, SourceId), Vec<(usize, usize)>>;

/// An item by code, source and span.
type ItemKey = (CodeId, SourceId, (usize, usize));

/// The panel's own state.
pub struct DisagreementsPanel {
    pub coder_a: Option<CoderId>,
    pub coder_b: Option<CoderId>,
    /// Match threshold, percent of the union.
    pub percent: f64,
    /// Where exports go without asking (tests); `None` opens a dialog.
    pub export_dir: Option<PathBuf>,
    /// A save dialog to open (the app opens it and calls [`Self::export_to`]).
    pub ask_file: Option<crate::ui::file_dialog::FileRequest>,
    /// Items decided "neither" in this session (they write no coding).
    neither: HashSet<ItemKey>,
    /// Edited ranges being typed, per item.
    edits: HashMap<ItemKey, (usize, usize)>,
    cache: Option<(u64, CoderId, CoderId, u64, Comparison, Consensus)>,
    message: Option<Result<String, String>>,
    /// The page of items shown ([`PAGE`] at a time, so a long list does not
    /// lay out thousands of passages each frame).
    page: usize,
}

/// Items shown per page.
pub const PAGE: usize = 50;

impl Default for DisagreementsPanel {
    fn default() -> Self {
        DisagreementsPanel {
            coder_a: None,
            coder_b: None,
            percent: DEFAULT_MIN_OVERLAP * 100.0,
            export_dir: None,
            ask_file: None,
            neither: HashSet::new(),
            edits: HashMap::new(),
            cache: None,
            message: None,
            page: 0,
        }
    }
}

fn key(d: &Disagreement) -> ItemKey {
    (d.code, d.source, d.span())
}

impl DisagreementsPanel {
    pub fn reset(&mut self) {
        let export_dir = self.export_dir.take();
        *self = DisagreementsPanel {
            export_dir,
            ..DisagreementsPanel::default()
        };
    }

    /// The comparison shown, with the consensus coder's ranges.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.cache.as_ref().map(|c| &c.4)
    }

    /// The decision of an item, "neither" included.
    pub fn decision(&self, d: &Disagreement) -> Option<Decision> {
        let (_, _, _, _, _, consensus) = self.cache.as_ref()?;
        let dec = dis::decision(
            d,
            consensus
                .get(&(d.code, d.source))
                .map_or(&[], Vec::as_slice),
        );
        Some(if dec == Decision::Open && self.neither.contains(&key(d)) {
            Decision::Edited
        } else {
            dec
        })
    }

    fn refresh(&mut self, state: &AppState) {
        let coders: Vec<_> = state.coders.iter().filter(|c| !c.is_consensus()).collect();
        if self
            .coder_a
            .is_none_or(|a| !coders.iter().any(|c| c.id == a))
        {
            self.coder_a = coders.first().map(|c| c.id);
        }
        if self
            .coder_b
            .is_none_or(|b| !coders.iter().any(|c| c.id == b) || Some(b) == self.coder_a)
        {
            self.coder_b = coders
                .iter()
                .map(|c| c.id)
                .find(|c| Some(*c) != self.coder_a);
        }
        let (Some(a), Some(b)) = (self.coder_a, self.coder_b) else {
            self.cache = None;
            return;
        };
        let pct = self.percent.to_bits();
        if self
            .cache
            .as_ref()
            .is_some_and(|c| c.0 == state.revision && c.1 == a && c.2 == b && c.3 == pct)
        {
            return;
        }
        let codings: Vec<_> = state.codings.iter().cloned().collect();
        let cmp = dis::compare(&codings, a, b, self.percent / 100.0);
        let consensus_id = state.coders.iter().find(|c| c.is_consensus()).map(|c| c.id);
        let consensus = dis::consensus_ranges(&codings, consensus_id);
        let mut cmp = cmp;
        let names: HashMap<SourceId, String> = state
            .sources
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect();
        cmp.items.sort_by_cached_key(|d| {
            (
                state.codebook.path(d.code),
                names.get(&d.source).cloned(),
                d.span(),
            )
        });
        self.cache = Some((state.revision, a, b, pct, cmp, consensus));
    }

    pub fn ui(&mut self, ui: &mut Ui, state: &AppState, actions: &mut Vec<Action>) {
        if state.blind {
            ui.label(strings::disagree_blind());
            return;
        }
        self.refresh(state);
        let coders: Vec<_> = state.coders.iter().filter(|c| !c.is_consensus()).collect();
        if coders.len() < 2 {
            ui.label(strings::disagree_need_two());
            return;
        }
        let name = |id: Option<CoderId>| {
            id.and_then(|i| state.coders.iter().find(|c| c.id == i))
                .map_or(String::new(), |c| c.name.clone())
        };
        ui.horizontal(|ui| {
            for (label, slot) in [
                (strings::coder_a(), &mut self.coder_a),
                (strings::coder_b(), &mut self.coder_b),
            ] {
                egui::ComboBox::from_label(label)
                    .selected_text(name(*slot))
                    .show_ui(ui, |ui| {
                        for c in &coders {
                            ui.selectable_value(slot, Some(c.id), c.name.as_str());
                        }
                    });
            }
            ui.add(
                egui::Slider::new(&mut self.percent, 1.0..=100.0)
                    .suffix("%")
                    .text(strings::match_at()),
            );
        });
        self.refresh(state);
        let Some((_, a, b, _, cmp, _)) = &self.cache else {
            return;
        };
        let (a, b) = (*a, *b);
        let (agreed, sources) = (cmp.agreed, cmp.sources);
        let items = cmp.items.clone();
        let decided = items
            .iter()
            .filter(|d| self.decision(d).is_some_and(|x| x != Decision::Open))
            .count();
        ui.horizontal(|ui| {
            let total = items.len().max(1);
            ui.add(
                egui::ProgressBar::new(decided as f32 / total as f32)
                    .desired_width(200.0)
                    .text(strings::reviewed(decided, items.len())),
            );
            ui.weak(strings::matched(agreed, sources));
            if ui.button(strings::export_markdown()).clicked() {
                self.export(state, TableFormat::Markdown);
            }
            if ui.button(strings::export_docx()).clicked() {
                self.export(state, TableFormat::Docx);
            }
        });
        match &self.message {
            Some(Ok(m)) => {
                ui.weak(m);
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {}
        }
        ui.separator();
        let (name_a, name_b) = (name(Some(a)), name(Some(b)));
        let pages = items.len().div_ceil(PAGE).max(1);
        self.page = self.page.min(pages - 1);
        if pages > 1 {
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(self.page > 0, egui::Button::new(strings::previous_page()))
                    .clicked()
                {
                    self.page -= 1;
                }
                let from = self.page * PAGE;
                ui.label(strings::items_shown(
                    from + 1,
                    (from + PAGE).min(items.len()),
                    items.len(),
                ));
                if ui
                    .add_enabled(
                        self.page + 1 < pages,
                        egui::Button::new(strings::next_page()),
                    )
                    .clicked()
                {
                    self.page += 1;
                }
            });
        }
        let page = self.page;
        egui::ScrollArea::vertical()
            .id_salt(("disagreements", page))
            .show(ui, |ui| {
                for (i, d) in items.iter().enumerate().skip(page * PAGE).take(PAGE) {
                    ui.push_id(i, |ui| {
                        self.item_ui(ui, state, d, (&name_a, &name_b), actions)
                    });
                    ui.separator();
                }
            });
    }

    fn item_ui(
        &mut self,
        ui: &mut Ui,
        state: &AppState,
        d: &Disagreement,
        (name_a, name_b): (&str, &str),
        actions: &mut Vec<Action>,
    ) {
        let source = state.source(d.source).map_or("", |s| s.name.as_str());
        let what = match d.difference {
            Difference::OnlyA => strings::only_coder(name_a),
            Difference::OnlyB => strings::only_coder(name_b),
            Difference::LowOverlap => strings::little_overlap(d.overlap * 100.0),
        };
        let decision = self.decision(d).unwrap_or(Decision::Open);
        ui.horizontal(|ui| {
            ui.strong(state.codebook.path(d.code));
            ui.label(format!("· {source} · {what}"));
            let label = if self.neither.contains(&key(d)) && decision == Decision::Edited {
                strings::decided_neither().to_string()
            } else {
                strings::decision_label(decision.label())
            };
            ui.weak(label);
        });
        let text = state
            .texts
            .get(&d.source)
            .map_or("", |t| t.texts.text.as_str());
        ui.columns(2, |cols| {
            for (col, (who, range)) in cols.iter_mut().zip([(name_a, d.a), (name_b, d.b)]) {
                col.label(RichText::new(who).strong());
                match range {
                    Some(r) => {
                        let (before, quote, after) = dis::in_context(text, r, CONTEXT);
                        col.horizontal_wrapped(|ui| {
                            ui.spacing_mut().item_spacing.x = 0.0;
                            ui.weak(before);
                            ui.label(RichText::new(quote).strong());
                            ui.weak(after);
                        });
                    }
                    None => {
                        col.weak(strings::not_coded());
                    }
                }
            }
        });
        let k = key(d);
        ui.horizontal(|ui| {
            let mut decide = |ranges: Vec<(usize, usize)>, neither: bool| {
                actions.push(Action::Decide {
                    code: d.code,
                    source: d.source,
                    span: d.span(),
                    ranges,
                });
                if neither {
                    self.neither.insert(k);
                } else {
                    self.neither.remove(&k);
                }
            };
            if let Some(r) = d.a
                && ui.button(strings::take(name_a)).clicked()
            {
                decide(vec![r], false);
            }
            if let Some(r) = d.b
                && ui.button(strings::take(name_b)).clicked()
            {
                decide(vec![r], false);
            }
            if let (Some(x), Some(y)) = (d.a, d.b)
                && ui.button(strings::take_both()).clicked()
            {
                decide(vec![x, y], false);
            }
            if ui.button(strings::take_neither()).clicked() {
                decide(Vec::new(), true);
            }
            let edit = self.edits.entry(k).or_insert_with(|| d.span());
            // Labelled for screen readers (and tests): "or range" names
            // the start, ".." the end.
            let from = ui.label(strings::edit_range()).id;
            let len = text.chars().count();
            ui.add(egui::DragValue::new(&mut edit.0).range(0..=len))
                .labelled_by(from);
            let to = ui.label("..").id;
            ui.add(egui::DragValue::new(&mut edit.1).range(0..=len))
                .labelled_by(to);
            let r = *edit;
            if ui
                .add_enabled(r.0 < r.1, egui::Button::new(strings::use_range()))
                .clicked()
            {
                decide(vec![r], false);
            }
        });
    }

    fn export(&mut self, state: &AppState, format: TableFormat) {
        let Some(file) = self.file_name(state, format) else {
            return;
        };
        match &self.export_dir {
            Some(dir) => {
                let path = dir.join(&file);
                self.export_to(state, format, &path);
            }
            None => {
                use crate::ui::file_dialog::{FileRequest, Pick, Purpose};
                self.ask_file = Some(
                    FileRequest::new(Pick::Save, &file, Purpose::Disagreements(format))
                        .filter(format.extension(), &[format.extension()])
                        .file_name(file.clone()),
                );
            }
        }
    }

    fn coder_names(&self, state: &AppState) -> Option<(String, String)> {
        let (_, a, b, ..) = self.cache.as_ref()?;
        let name = |id: CoderId| {
            state
                .coders
                .iter()
                .find(|c| c.id == id)
                .map_or(String::new(), |c| c.name.clone())
        };
        Some((name(*a), name(*b)))
    }

    fn file_name(&self, state: &AppState, format: TableFormat) -> Option<String> {
        let (na, nb) = self.coder_names(state)?;
        Some(format!("disagreements-{na}-{nb}.{}", format.extension()).replace(' ', "-"))
    }

    /// Writes the list shown, with the decisions, to `path` in `format`.
    pub fn export_to(&mut self, state: &AppState, format: TableFormat, path: &std::path::Path) {
        let Some((na, nb)) = self.coder_names(state) else {
            return;
        };
        let Some((_, _, _, _, cmp, consensus)) = &self.cache else {
            return;
        };
        let sources: HashMap<SourceId, String> = state
            .sources
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect();
        let names = Names {
            book: &state.codebook,
            sources: &sources,
            coder_a: &na,
            coder_b: &nb,
        };
        let report =
            dis::disagreements_report(cmp, consensus, &state.texts, &names, self.percent / 100.0);
        let options = export::ExportOptions::default();
        let result = export::write_file_atomically(path, |w| {
            export::write_report_with(&report, format, &options, w)
        });
        self.message = Some(
            result
                .map(|()| strings::wrote(path))
                .map_err(|e| e.to_string()),
        );
    }
}
