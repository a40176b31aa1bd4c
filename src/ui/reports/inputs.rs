//! The Reports panel's left side: which table or figure, its options and
//! its filters.

use egui::Ui;

use super::{ReportKind, ReportsPanel, attribute_keys, default_attribute, strings};
use crate::analysis::{AgreementUnit, CoMode, Grouping};
use crate::app::AppState;
use crate::model::SourceKind;

impl ReportsPanel {
    /// Shows another table or figure with the options it had when it was
    /// last shown (or its defaults), so a choice made for one does not carry
    /// into the next; the filters and Pseudonymise stay as they are.
    fn switch_to(&mut self, kind: ReportKind) {
        let old = std::mem::replace(
            &mut self.inputs,
            self.kept
                .get(&kind)
                .cloned()
                .unwrap_or_else(|| ReportsPanel::default().inputs),
        );
        let i = &mut self.inputs;
        i.kind = kind;
        i.kinds.clone_from(&old.kinds);
        i.attribute.clone_from(&old.attribute);
        i.coders.clone_from(&old.coders);
        i.consensus_only = old.consensus_only;
        i.codes.clone_from(&old.codes);
        // Pseudonymising stays as chosen too: a name must not come back
        // because another table was picked.
        i.pseudonymise = old.pseudonymise;
        self.kept.insert(old.kind, old);
    }

    pub(super) fn inputs_ui(&mut self, ui: &mut Ui, state: &AppState) {
        let before = self.inputs.kind;
        let mut kind = before;
        ui.strong(strings::tables());
        for k in ReportKind::TABLES {
            ui.selectable_value(&mut kind, k, k.label());
        }
        ui.add_space(4.0);
        ui.strong(strings::figures());
        for k in ReportKind::FIGURES {
            ui.selectable_value(&mut kind, k, k.label());
        }
        if kind != before {
            self.switch_to(kind);
        }
        let i = &mut self.inputs;
        ui.separator();
        ui.strong(strings::options());
        let keys = attribute_keys(state);
        if i.kind == ReportKind::Heatmap
            && !matches!(i.grouping, Grouping::Attribute(_) | Grouping::Pair(..))
            && let Some(key) = default_attribute(&keys)
        {
            // The heatmap splits by an attribute: show the one it uses.
            i.grouping = Grouping::Attribute(key.to_string());
        }
        if i.kind.uses_grouping() {
            let attributes_only = i.kind == ReportKind::Heatmap;
            let group_keys = super::grouping_keys(state);
            grouping_ui(
                ui,
                &mut i.grouping,
                &group_keys,
                attributes_only,
                self.show_pairs,
            );
            if group_keys.len() > 1 {
                ui.checkbox(&mut self.show_pairs, strings::offer_pairs());
            }
        }
        if i.kind.uses_unit() {
            egui::ComboBox::from_label(strings::co_unit())
                .selected_text(unit_label(i.unit))
                .show_ui(ui, |ui| {
                    for u in [CoMode::Overlap, CoMode::Turn, CoMode::Paragraph] {
                        ui.selectable_value(&mut i.unit, u, unit_label(u));
                    }
                });
        }
        if i.kind == ReportKind::Cooccurrence {
            ui.checkbox(&mut i.jaccard, strings::jaccard());
        }
        if i.kind == ReportKind::Matrix {
            ui.checkbox(&mut i.presence, strings::presence());
        }
        if i.kind == ReportKind::Frequencies {
            ui.checkbox(&mut i.combined, strings::cells_combined());
            ui.checkbox(&mut i.by_frequency, strings::sort_by_frequency());
        }
        if i.kind == ReportKind::Agreement {
            egui::ComboBox::from_label(strings::agreement_unit())
                .selected_text(i.agreement_unit.label())
                .show_ui(ui, |ui| {
                    for u in AgreementUnit::ALL {
                        ui.selectable_value(&mut i.agreement_unit, u, u.label());
                    }
                });
        }
        if i.kind == ReportKind::Quotes {
            ui.horizontal(|ui| {
                let label = ui.label(strings::quote_columns());
                ui.add(
                    egui::TextEdit::singleline(&mut i.columns)
                        .hint_text(strings::all_columns())
                        .desired_width(150.0),
                )
                .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                let label = ui.label(strings::cite());
                ui.add(egui::TextEdit::singleline(&mut i.cite).desired_width(120.0))
                    .labelled_by(label.id);
            });
            ui.checkbox(&mut i.exemplars_only, strings::exemplars_only());
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(strings::filters());
            if ui.small_button(strings::clear_filters()).clicked() {
                i.kinds.clear();
                i.attribute = None;
                i.coders.clear();
                i.consensus_only = false;
                i.codes.clear();
            }
        });
        ui.label(strings::kinds());
        ui.horizontal_wrapped(|ui| {
            for k in SourceKind::ALL {
                let mut on = i.kinds.contains(&k);
                if ui.checkbox(&mut on, strings::kind_label(k)).changed() {
                    toggle(&mut i.kinds, k, on);
                }
            }
        });
        attribute_filter_ui(ui, &mut i.attribute, state, &keys);
        if state.blind {
            ui.weak(strings::blind_reports());
        } else if !state.coders.is_empty() {
            // For agreement the coder boxes choose whom to compare.
            ui.label(if i.kind == ReportKind::Agreement {
                strings::agreement_coders()
            } else {
                strings::coders()
            });
            ui.horizontal_wrapped(|ui| {
                ui.add_enabled_ui(!i.consensus_only, |ui| {
                    for c in &state.coders {
                        let mut on = i.coders.contains(&c.id);
                        if ui.checkbox(&mut on, &c.name).changed() {
                            toggle(&mut i.coders, c.id, on);
                        }
                    }
                });
            });
            ui.checkbox(&mut i.consensus_only, strings::consensus_only())
                .on_hover_text(strings::consensus_hint());
        }
        let codes_label = if i.codes.is_empty() {
            strings::all_codes().to_string()
        } else {
            i.codes
                .iter()
                .filter_map(|c| state.codebook.get(*c).map(|c| c.name.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        ui.horizontal(|ui| {
            ui.label(strings::codes_filter());
            ui.menu_button(codes_label, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for (depth, c) in state.codebook.preorder() {
                            ui.horizontal(|ui| {
                                ui.add_space(depth as f32 * 12.0);
                                let mut on = i.codes.contains(&c.id);
                                if ui.checkbox(&mut on, &c.name).changed() {
                                    toggle(&mut i.codes, c.id, on);
                                }
                            });
                        }
                    });
            });
        });
        ui.separator();
        ui.strong(strings::export_options());
        let o = &mut self.export_options;
        ui.checkbox(&mut o.landscape, strings::latex_landscape());
        ui.checkbox(&mut o.standalone, strings::latex_standalone());
        ui.checkbox(&mut o.bom, strings::csv_bom());
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T, on: bool) {
    if on {
        if !list.contains(&item) {
            list.push(item);
        }
    } else {
        list.retain(|x| *x != item);
    }
}

fn unit_label(unit: CoMode) -> &'static str {
    match unit {
        CoMode::Overlap => strings::unit_overlap(),
        CoMode::Turn => strings::unit_turn(),
        CoMode::Paragraph => strings::unit_paragraph(),
    }
}

fn grouping_label(g: &Grouping) -> String {
    match g {
        Grouping::None => strings::no_split().into(),
        Grouping::Kind => strings::by_kind().into(),
        Grouping::Attribute(k) => strings::by_attribute(k),
        Grouping::Pair(a, b) => strings::by_pair(a, b),
    }
}

/// The grouping choices: no split, by kind, by each attribute; pairs of
/// attributes only when asked for (ten attributes make 45 pairs), or when
/// one is chosen already.
fn grouping_ui(
    ui: &mut Ui,
    grouping: &mut Grouping,
    keys: &[String],
    attributes_only: bool,
    pairs: bool,
) {
    let mut choices = Vec::new();
    if !attributes_only {
        choices.push(Grouping::None);
        choices.push(Grouping::Kind);
    }
    choices.extend(keys.iter().map(|a| Grouping::Attribute(a.clone())));
    if pairs {
        for (n, a) in keys.iter().enumerate() {
            for b in &keys[n + 1..] {
                choices.push(Grouping::Pair(a.clone(), b.clone()));
            }
        }
    } else if let Grouping::Pair(..) = grouping {
        choices.push(grouping.clone());
    }
    egui::ComboBox::from_label(strings::group_by())
        .selected_text(grouping_label(grouping))
        .show_ui(ui, |ui| {
            for c in choices {
                let label = grouping_label(&c);
                ui.selectable_value(grouping, c, label);
            }
        });
}

fn attribute_filter_ui(
    ui: &mut Ui,
    attribute: &mut Option<(String, Option<String>)>,
    state: &AppState,
    keys: &[String],
) {
    let mut key = attribute.as_ref().map(|(k, _)| k.clone());
    let before = key.clone();
    egui::ComboBox::from_label(strings::attribute_filter())
        .selected_text(key.clone().unwrap_or(strings::any_attribute().into()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut key, None, strings::any_attribute());
            for k in keys {
                ui.selectable_value(&mut key, Some(k.clone()), k);
            }
        });
    if key != before {
        *attribute = key.map(|k| (k, None));
    }
    if let Some((k, value)) = attribute {
        let mut values: Vec<String> = state
            .sources
            .iter()
            .filter_map(|s| s.attribute(k).map(str::to_string))
            .collect();
        values.sort();
        values.dedup();
        egui::ComboBox::from_label(strings::value_filter())
            .selected_text(value.clone().unwrap_or(strings::any_value().into()))
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, strings::any_value());
                for v in values {
                    ui.selectable_value(value, Some(v.clone()), v);
                }
            });
    }
}
