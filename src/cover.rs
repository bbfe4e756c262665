//! The EPUB's cover, drawn from the data: the name as a wordmark, the kind of organisation, the
//! address and the date of the data on the sheet's deep blue, rasterised to PNG (tiny-skia) so
//! that every reader, Kindle included, shows it. Text is set by `layout` and filled from the
//! font's own outlines: no system font is needed.

use std::io::Write;

use rustybuzz::ttf_parser::OutlineBuilder;
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Transform};

use crate::compose::Document;
use crate::error::{Error, Result};
use crate::fonts::FontStyle;
use crate::layout::style::{Color, TextStyle};
use crate::layout::{set_paragraph, Align, SetLine};

/// The cover's size in points (2:3) and how many pixels a point becomes.
const WIDTH: f32 = 400.0;
const HEIGHT: f32 = 600.0;
const PIXELS_PER_POINT: f32 = 1.6;
const MARGIN: f32 = 36.0;

/// Draws the cover as PNG bytes.
pub fn cover_png(doc: &Document) -> Result<Vec<u8>> {
    let size = |v: f32| (v * PIXELS_PER_POINT) as u32;
    let mut pixmap =
        Pixmap::new(size(WIDTH), size(HEIGHT)).ok_or_else(|| Error::Epub("cover size".into()))?;
    pixmap.fill(skia_color(Color::ACCENT));
    let width = WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN + 60.0;
    if let Some(logo) = &doc.logo {
        y = draw_logo(&mut pixmap, logo, y)? + 24.0;
    }
    let name_style = wordmark_style(&doc.name, width)?;
    y = draw_text(&mut pixmap, &doc.name, &name_style, y, width)?;
    if !doc.kinds.is_empty() {
        let kinds = TextStyle::new(FontStyle::Regular, 18.0).leading(24.0).color(Color::ACCENT_SOFT);
        draw_text(&mut pixmap, &doc.kinds, &kinds, y + 6.0, width)?;
    }
    let small = TextStyle::new(FontStyle::Regular, 12.0).leading(16.0).color(Color::ACCENT_SOFT);
    let mut bottom = HEIGHT - MARGIN - small.leading;
    draw_text(&mut pixmap, &doc.updated_line, &small, bottom, width)?;
    if let Some(url) = &doc.url {
        let address = TextStyle::new(FontStyle::Bold, 16.0).leading(20.0).color(Color::WHITE);
        bottom -= address.leading + 4.0;
        draw_text(&mut pixmap, url.display_form(), &address, bottom, width)?;
    }
    rule(&mut pixmap, bottom - 14.0, width);
    encode_png(&pixmap)
}

/// Encodes the opaque cover as RGB (tiny-skia's own encoder keeps alpha and copies the whole
/// image to undo premultiplication). The fast deflate costs a few per cent in size and a
/// fraction of the time.
fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>> {
    let png_error = |e: png::EncodingError| Error::Epub(format!("cover PNG: {e}"));
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::FilterType::Sub);
    let mut writer = encoder.write_header().map_err(png_error)?;
    // Row by row, so that no second copy of the image is ever held.
    let mut stream = writer.stream_writer().map_err(png_error)?;
    let mut row = Vec::with_capacity(pixmap.width() as usize * 3);
    for pixels in pixmap.data().chunks_exact(pixmap.width() as usize * 4) {
        row.clear();
        row.extend(pixels.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]));
        stream.write_all(&row).map_err(|e| Error::Epub(format!("cover PNG: {e}")))?;
    }
    stream.finish().map_err(png_error)?;
    drop(writer);
    Ok(bytes)
}

/// The largest wordmark size up to 56 pt at which the name fits on one line (at least 28 pt).
fn wordmark_style(name: &str, width: f32) -> Result<TextStyle> {
    let style = TextStyle::new(FontStyle::Bold, 56.0).color(Color::WHITE);
    let natural = style.face()?.width(name, style.size);
    let size = (style.size * width / natural.max(1.0)).clamp(28.0, 56.0);
    Ok(TextStyle { size, leading: size * 1.1, ..style })
}

/// The logo on a white tile at most 120 pt high; returns the y below it.
fn draw_logo(pixmap: &mut Pixmap, logo: &crate::load::LogoImage, top: f32) -> Result<f32> {
    let image = Pixmap::decode_png(&logo.png).map_err(|e| Error::Epub(format!("logo: {e}")))?;
    let aspect = logo.width as f32 / logo.height.max(1) as f32;
    let (mut w, mut h) = (120.0 * aspect, 120.0);
    if w > WIDTH - 2.0 * MARGIN - 16.0 {
        w = WIDTH - 2.0 * MARGIN - 16.0;
        h = w / aspect;
    }
    let to_pixels = Transform::from_scale(PIXELS_PER_POINT, PIXELS_PER_POINT);
    let mut white = Paint::default();
    white.set_color(skia_color(Color::WHITE));
    if let Some(tile) = tiny_skia::Rect::from_xywh(MARGIN, top, w + 16.0, h + 16.0) {
        pixmap.fill_rect(tile, &white, to_pixels, None);
    }
    let scale = Transform::from_scale(w / logo.width.max(1) as f32, h / logo.height.max(1) as f32)
        .post_translate(MARGIN + 8.0, top + 8.0)
        .post_scale(PIXELS_PER_POINT, PIXELS_PER_POINT);
    pixmap.draw_pixmap(0, 0, image.as_ref(), &tiny_skia::PixmapPaint::default(), scale, None);
    Ok(top + h + 16.0)
}

fn skia_color(color: Color) -> tiny_skia::Color {
    let channel = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    tiny_skia::Color::from_rgba8(channel(color.0), channel(color.1), channel(color.2), 255)
}

fn rule(pixmap: &mut Pixmap, y: f32, width: f32) {
    let mut paint = Paint::default();
    paint.set_color(skia_color(Color::ACCENT_SOFT));
    if let Some(rect) = tiny_skia::Rect::from_xywh(MARGIN, y, width * 0.3, 1.5) {
        pixmap.fill_rect(rect, &paint, Transform::from_scale(PIXELS_PER_POINT, PIXELS_PER_POINT), None);
    }
}

/// Sets `text` ragged in `width` from `top` and fills its glyphs; returns the y below it.
fn draw_text(pixmap: &mut Pixmap, text: &str, style: &TextStyle, top: f32, width: f32) -> Result<f32> {
    let lines = set_paragraph(text, style, "", width, Align::Left)?;
    let mut y = top;
    for line in &lines {
        let baseline = y + style.size;
        fill_line(pixmap, line, style, baseline)?;
        y += style.leading;
    }
    Ok(y)
}

fn fill_line(pixmap: &mut Pixmap, line: &SetLine, style: &TextStyle, baseline: f32) -> Result<()> {
    let face = style.face()?;
    let scale = style.size / face.units_per_em;
    let mut builder = Outline { path: PathBuilder::new(), x: 0.0, y: 0.0, scale };
    for glyph in &line.glyphs {
        builder.x = MARGIN + glyph.x;
        builder.y = baseline;
        face.outline(glyph.id, &mut builder);
    }
    let Some(path) = builder.path.finish() else {
        return Ok(());
    };
    let mut paint = Paint::default();
    paint.set_color(skia_color(style.color));
    paint.anti_alias = true;
    pixmap.fill_path(
        &path,
        &paint,
        FillRule::Winding,
        Transform::from_scale(PIXELS_PER_POINT, PIXELS_PER_POINT),
        None,
    );
    Ok(())
}

/// Glyph outlines (font units, y up) into page points (y down) at a glyph's origin.
struct Outline {
    path: PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Outline {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x, y) = self.point(x, y);
        self.path.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x2, y2) = self.point(x2, y2);
        let (x, y) = self.point(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.path.close();
    }
}
