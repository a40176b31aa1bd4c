//! Colours, fonts and small visual helpers shared by the panels.

use egui::{Color32, CornerRadius, Sense, Ui, Visuals, vec2};

use super::document::BOLD_FAMILY;
use crate::app::ThemeChoice;
use crate::model::Color;

/// A code's colour for egui.
pub fn code_color(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// How strongly highlights tint the text background: stronger on dark
/// backgrounds, where a light tint disappears.
pub fn tint_alpha(v: &Visuals) -> u8 {
    if v.dark_mode { 70 } else { 60 }
}

/// A translucent tint of a code colour; overlapping tints blend.
pub fn tint(c: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha)
}

/// Fill of selected text.
pub fn selection_fill(v: &Visuals) -> Color32 {
    let c = v.selection.bg_fill;
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), 120)
}

/// Words of respondents: full contrast.
pub fn respondent_text(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(15)
    }
}

/// Words of the interviewer or moderator: a shade lighter.
pub fn interviewer_text(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_gray(160)
    } else {
        Color32::from_gray(100)
    }
}

/// Speaker labels.
pub fn label_text(v: &Visuals, interviewer: bool) -> Color32 {
    match (v.dark_mode, interviewer) {
        (true, false) => Color32::from_rgb(150, 200, 255),
        (true, true) => Color32::from_rgb(140, 160, 185),
        (false, false) => Color32::from_rgb(20, 70, 140),
        (false, true) => Color32::from_rgb(90, 105, 130),
    }
}

/// A small colour square.
pub fn swatch(ui: &mut Ui, color: Color32) -> egui::Response {
    let size = ui.spacing().interact_size.y * 0.6;
    let (rect, response) = ui.allocate_exact_size(vec2(size, size), Sense::hover());
    ui.painter().rect_filled(rect, CornerRadius::same(2), color);
    response
}

/// A small framed label, e.g. an attribute `city=Palu`.
pub fn badge(ui: &mut Ui, text: &str) {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(CornerRadius::same(4))
        .inner_margin(egui::Margin::symmetric(4, 0))
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).small());
        });
}

/// Applies the theme choice.
pub fn apply_theme(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.set_theme(match choice {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}

/// Bold fonts commonly installed, tried in order.
const BOLD_FONTS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/liberation/LiberationSans-Bold.ttf",
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    "C:\\Windows\\Fonts\\arialbd.ttf",
    "C:\\Windows\\Fonts\\segoeuib.ttf",
];

/// Sets up the fonts: egui's own, then the system's fallback fonts for
/// other scripts (CJK, Arabic, Devanagari, … see [`crate::fonts`]) in
/// every family, and a bold font for speaker labels if the system has one.
/// Returns whether it found a bold font; without one, labels are set apart
/// by colour alone.
pub fn setup_fonts(ctx: &egui::Context) -> bool {
    let (fonts, bold) = font_definitions(&crate::fonts::system_fallbacks());
    ctx.set_fonts(fonts);
    bold
}

/// egui's fonts followed by `fallbacks` (those that read as fonts), and
/// the bold family; whether a bold font was found.
pub fn font_definitions(fallbacks: &[crate::fonts::FallbackFont]) -> (egui::FontDefinitions, bool) {
    let mut fonts = egui::FontDefinitions::default();
    for font in fallbacks {
        let Some(bytes) = crate::fonts::read(font) else {
            continue;
        };
        fonts.font_data.insert(
            font.name.clone(),
            std::sync::Arc::new(egui::FontData::from_owned(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(font.name.clone());
        }
    }
    let Some(bytes) = BOLD_FONTS.iter().find_map(|p| std::fs::read(p).ok()) else {
        return (fonts, false);
    };
    fonts.font_data.insert(
        BOLD_FAMILY.to_owned(),
        std::sync::Arc::new(egui::FontData::from_owned(bytes)),
    );
    let mut family = vec![BOLD_FAMILY.to_owned()];
    family.extend(
        fonts
            .families
            .get(&egui::FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts
        .families
        .insert(egui::FontFamily::Name(BOLD_FAMILY.into()), family);
    (fonts, true)
}
