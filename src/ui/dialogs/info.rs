//! Dialogs that show or ask something once: the import and REFI-QDA
//! reports, CSV column choice, keyboard shortcuts, About.

use super::*;

pub(super) fn body_ui(dialog: &mut Dialog, ui: &mut Ui) -> Outcome {
    match dialog {
        Dialog::Shortcuts => {
            ui.heading(strings::shortcuts());
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (keys, what) in shortcuts::shortcut_list(ui.ctx()) {
                    ui.strong(keys);
                    ui.label(what);
                    ui.end_row();
                }
            });
            close_button(ui)
        }
        Dialog::About => {
            ui.heading(strings::APP_NAME);
            ui.label(strings::about_text());
            ui.weak(strings::version(env!("CARGO_PKG_VERSION")));
            close_button(ui)
        }
        Dialog::ImportReport(report) => {
            ui.heading(if report.cancelled {
                strings::import_cancelled()
            } else {
                strings::import_done()
            });
            ui.label(&report.summary);
            let mut outcome = Outcome::Open;
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    if !report.sources.is_empty() {
                        ui.add_space(4.0);
                        ui.strong(strings::imported_sources());
                    }
                    for s in &report.sources {
                        ui.horizontal_wrapped(|ui| {
                            if ui.button(strings::speakers_of(&s.name)).clicked() {
                                outcome = Outcome::Act(vec![Action::Dialog(Box::new(
                                    Dialog::Speakers {
                                        source: s.id,
                                        back: Some(Box::new(report.clone())),
                                    },
                                ))]);
                            }
                            ui.label(strings::imported_source(
                                strings::kind_label(s.kind),
                                &s.speakers,
                            ));
                        });
                    }
                    if !report.lines.is_empty() {
                        ui.add_space(4.0);
                    }
                    for line in &report.lines {
                        ui.label(line);
                    }
                });
            match close_button(ui) {
                Outcome::Open => outcome,
                other => other,
            }
        }
        Dialog::CsvColumns {
            paths,
            header,
            columns,
            keep_entities,
        } => {
            ui.heading(strings::csv_columns());
            ui.weak(strings::csv_columns_hint());
            egui::Grid::new("csv-columns")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, slot) in [
                        (strings::speaker_column(), &mut columns.speaker),
                        (strings::text_column(), &mut columns.text),
                        (strings::time_column(), &mut columns.time),
                        (strings::tags_column(), &mut columns.tags),
                    ] {
                        ui.label(label);
                        egui::ComboBox::from_id_salt(label)
                            .selected_text(slot.clone().unwrap_or(strings::no_column().into()))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(slot, None, strings::no_column());
                                for h in header.iter() {
                                    ui.selectable_value(slot, Some(h.clone()), h);
                                }
                            })
                            .response
                            .widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label)
                            });
                        ui.end_row();
                    }
                });
            ui.checkbox(keep_entities, strings::keep_entities());
            if columns.text.is_none() {
                ui.colored_label(ui.visuals().error_fg_color, strings::text_column_needed());
            }
            let mut outcome = Outcome::Open;
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(columns.text.is_some(), egui::Button::new(strings::import()))
                    .clicked()
                {
                    outcome = Outcome::Act(vec![Action::ImportWith {
                        paths: paths.clone(),
                        csv: columns.clone(),
                        keep_entities: *keep_entities,
                    }]);
                }
                if ui.button(strings::cancel()).clicked() {
                    outcome = Outcome::Close;
                }
            });
            outcome
        }
        Dialog::LossReport(text) => {
            ui.heading(strings::loss_report());
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(
                        egui::RichText::new(text.as_str()).monospace(),
                    ));
                });
            let mut outcome = Outcome::Open;
            ui.horizontal(|ui| {
                if ui.button(strings::copy()).clicked() {
                    ui.ctx().copy_text(text.clone());
                }
                if ui.button(strings::close()).clicked() {
                    outcome = Outcome::Close;
                }
            });
            outcome
        }
        Dialog::MergePreview { paths, report } => {
            ui.heading(strings::merge_preview());
            report_ui(ui, report);
            let mut outcome = Outcome::Open;
            ui.horizontal(|ui| {
                if ui.button(strings::merge()).clicked() {
                    outcome = Outcome::Act(vec![Action::MergeWith(paths.clone())]);
                }
                if ui.button(strings::cancel()).clicked() {
                    outcome = Outcome::Close;
                }
            });
            outcome
        }
        Dialog::MergeReport(report) => {
            ui.heading(strings::merge_report());
            report_ui(ui, report);
            let mut outcome = Outcome::Open;
            ui.horizontal(|ui| {
                if ui.button(strings::copy()).clicked() {
                    ui.ctx().copy_text(report.clone());
                }
                if ui.button(strings::close()).clicked() {
                    outcome = Outcome::Close;
                }
            });
            outcome
        }
        _ => Outcome::Open,
    }
}

/// A long report, scrolling, in a fixed-width font.
fn report_ui(ui: &mut Ui, text: &str) {
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(egui::RichText::new(text).monospace()));
        });
}
