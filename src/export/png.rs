//! SVG to PNG with resvg, using fonts embedded in the binary (the ones egui
//! ships), so a figure looks the same on a machine with no fonts installed.

use std::sync::Arc;

/// Renders an SVG to PNG bytes at `scale` (2.0 for print-quality figures).
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    db.load_font_data(epaint_default_fonts::HACK_REGULAR.to_vec());
    db.set_sans_serif_family("Ubuntu");
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
