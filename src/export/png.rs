//! SVG to PNG with resvg, using fonts embedded in the binary (the ones egui
//! ships), so a figure looks the same on a machine with no fonts installed;
//! text in other scripts (Chinese, Arabic, …) falls back to the system's
//! fonts where they are installed ([`crate::fonts`]).

use std::sync::Arc;

/// Renders an SVG to PNG bytes at `scale` (2.0 for print-quality figures).
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    db.load_font_data(epaint_default_fonts::HACK_REGULAR.to_vec());
    db.set_sans_serif_family("Ubuntu");
    for font in fallback_fonts() {
        db.load_font_source(resvg::usvg::fontdb::Source::Binary(font.clone()));
    }
    options.fontdb = Arc::new(db);
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|e| format!("the figure is not valid SVG: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("the figure is too large to render")?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or("the figure is too large to render")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// The system's fallback fonts, read once per run.
fn fallback_fonts() -> &'static [Arc<Vec<u8>>] {
    static FONTS: std::sync::OnceLock<Vec<Arc<Vec<u8>>>> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        crate::fonts::system_fallbacks()
            .iter()
            .filter_map(crate::fonts::read)
            .map(Arc::new)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> resvg::tiny_skia::Pixmap {
        resvg::tiny_skia::Pixmap::decode_png(png).unwrap()
    }

    /// Pixels darker than the white background.
    fn inked(pixmap: &resvg::tiny_skia::Pixmap) -> usize {
        pixmap
            .pixels()
            .iter()
            .filter(|p| p.alpha() > 0 && p.red() < 128)
            .count()
    }

    /// `assets/icon-N.png` are `assets/icon.svg` drawn at N pixels. Run with
    /// `JALIN_UPDATE_ICONS=1` after changing the SVG to draw them again.
    #[test]
    fn the_icon_pngs_are_the_svg_drawn() {
        let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        let svg = std::fs::read_to_string(assets.join("icon.svg")).unwrap();
        for size in [256u32, 128, 64, 48] {
            let png = svg_to_png(&svg, size as f32 / 256.0).unwrap();
            let path = assets.join(format!("icon-{size}.png"));
            if std::env::var_os("JALIN_UPDATE_ICONS").is_some() {
                std::fs::write(&path, &png).unwrap();
            }
            let want = decode(&png);
            let have = decode(&std::fs::read(&path).unwrap());
            assert_eq!(
                (have.width(), have.height()),
                (size, size),
                "{}",
                path.display()
            );
            assert!(
                want.data() == have.data(),
                "{} is not icon.svg drawn at {size} px: run the test with JALIN_UPDATE_ICONS=1",
                path.display()
            );
        }
    }

    /// Chinese and Arabic in a figure come out as letters where the system
    /// has the fonts (resvg leaves out characters no font has).
    #[test]
    fn figures_draw_other_scripts_with_the_systems_fonts() {
        let svg_of = |text: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="Ubuntu" font-size="24"><rect width="200" height="40" fill="white"/><text x="4" y="30">{text}</text></svg>"#
            )
        };
        let empty = inked(&decode(&svg_to_png(&svg_of(""), 1.0).unwrap()));
        assert_eq!(empty, 0);
        for (script, text, package) in [
            ("Chinese", "我们开会", "fonts-noto-cjk"),
            ("Arabic", "نحن نتحدث", "fonts-noto-core"),
        ] {
            let ink = inked(&decode(&svg_to_png(&svg_of(text), 1.0).unwrap()));
            if ink == 0 {
                assert!(
                    std::env::var("JALIN_REQUIRE_TOOLS").map_or(true, |v| v != "1"),
                    "a font for {script} is required (JALIN_REQUIRE_TOOLS=1) but not installed: install {package}"
                );
                eprintln!("skipped: no font for {script} (Debian package {package})");
                continue;
            }
            assert!(ink > 50, "{script}: only {ink} dark pixels");
        }
    }
}
