//! The figures in the preview: frequency bars and the heatmap with
//! egui_plot, the concept map as the exported SVG rendered to an image.

use egui::{Color32, Ui};

use super::strings;
use crate::analysis::FrequencyTable;
use crate::export;
use crate::model::SourceKind;

fn hex_color(hex: &str) -> Color32 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0x808080);
    Color32::from_rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// The last part of a code path ("parent > child").
fn leaf(path: &str) -> &str {
    path.rsplit(" > ").next().unwrap_or(path)
}

pub(super) fn bars_ui(ui: &mut Ui, freq: &FrequencyTable) {
    // The exported chart's bars (parents' own codings included); largest at
    // the top, as the plot's y grows upwards.
    let mut rows = export::bar_rows(freq);
    rows.reverse();
    let names: Vec<String> = rows.iter().map(|r| leaf(&r.path).to_string()).collect();
    let mut charts: Vec<egui_plot::BarChart> = Vec::new();
    for (g, group) in freq.groups.iter().enumerate() {
        let kind = SourceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == group.label || crate::analysis::kind_label(*k) == group.label);
        let color = kind.map_or(Color32::GRAY, |k| hex_color(export::kind_color(k)));
        let bars = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                egui_plot::Bar::new(i as f64, r.groups.get(g).map_or(0, |c| c.codings) as f64)
                    .width(0.7)
                    .fill(color.gamma_multiply(0.85))
            })
            .collect();
        let refs: Vec<&egui_plot::BarChart> = charts.iter().collect();
        let chart = egui_plot::BarChart::new(group.label.clone(), bars)
            .horizontal()
            .color(color)
            .stack_on(&refs);
        charts.push(chart);
    }
    egui_plot::Plot::new("frequency-bars")
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightBottom))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .show_grid([true, false])
        .y_axis_min_width(120.0)
        .y_axis_formatter(move |mark, _| index_label(&names, mark.value))
        .x_axis_label(strings::chart_codings())
        .show(ui, |plot| {
            for c in charts {
                plot.bar_chart(c);
            }
        });
}

/// The label at an integer grid mark, or nothing between them.
fn index_label(labels: &[String], value: f64) -> String {
    let i = value.round();
    if (value - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    labels.get(i as usize).cloned().unwrap_or_default()
}

pub(super) fn heatmap_ui(ui: &mut Ui, freq: &FrequencyTable) {
    // The exported heatmap's rows (parents' own codings included).
    let rows = export::charted_codes(freq);
    let cols = freq.groups.len();
    if rows.is_empty() || cols == 0 {
        ui.weak(strings::nothing_to_show());
        return;
    }
    // First code at the top: rows go in from the bottom.
    let mut values = Vec::with_capacity(rows.len() * cols);
    for r in rows.iter().rev() {
        for g in 0..cols {
            values.push(r.groups.get(g).map_or(0.0, |c| c.pct_sources));
        }
    }
    let names: Vec<String> = rows
        .iter()
        .rev()
        .map(|r| leaf(&r.path).to_string())
        .collect();
    let groups: Vec<String> = freq
        .groups
        .iter()
        .map(|g| format!("{} (n={})", g.label, g.sources))
        .collect();
    let heat = egui_plot::Heatmap::new(values, cols)
        .at(egui_plot::PlotPoint::new(-0.5, -0.5))
        .range(0.0, 100.0)
        .palette(&[
            Color32::from_rgb(247, 251, 255),
            Color32::from_rgb(107, 174, 214),
            Color32::from_rgb(8, 48, 107),
        ])
        .formatter(Box::new(|v| format!("{v:.0}%")));
    ui.weak(strings::chart_percent_coded(&freq.grouping.describe()));
    egui_plot::Plot::new("heatmap")
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .show_grid(false)
        .y_axis_min_width(120.0)
        .y_axis_formatter(move |mark, _| index_label(&names, mark.value))
        .x_axis_formatter(move |mark, _| index_label(&groups, mark.value))
        .show(ui, |plot| plot.add(heat));
}

pub(super) fn concept_map_ui(ui: &mut Ui, svg: &str, texture: &mut Option<egui::TextureHandle>) {
    if texture.is_none() {
        match render_svg(svg) {
            Ok(image) => {
                *texture = Some(ui.ctx().load_texture(
                    "concept-map",
                    image,
                    egui::TextureOptions::LINEAR,
                ));
            }
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
        }
    }
    if let Some(t) = texture {
        egui::ScrollArea::both()
            .id_salt("concept-map-scroll")
            .show(ui, |ui| {
                let size = t.size_vec2();
                let scale = (ui.available_width() / size.x).clamp(0.25, 1.0);
                ui.add(
                    egui::Image::new((t.id(), size * scale))
                        .alt_text(strings::figure_concept_map()),
                );
            });
    }
}

/// The SVG as an image egui can show (through the same renderer as the
/// PNG export).
fn render_svg(svg: &str) -> Result<egui::ColorImage, String> {
    let png = export::svg_to_png(svg, 1.0)?;
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).map_err(|e| e.to_string())?;
    Ok(egui::ColorImage::from_rgba_premultiplied(
        [pixmap.width() as usize, pixmap.height() as usize],
        pixmap.data(),
    ))
}
