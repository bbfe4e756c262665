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
/// Rows rasterised at a time: the whole 640 x 960 image would hold 2.4 MB at once, and most
/// strips hold no mark at all.
const STRIP_ROWS: u32 = 32;

/// Something drawn on the cover, in points.
enum Mark {
    Fill(tiny_skia::Path, Color),
    Image { image: Pixmap, transform: Transform },
}

/// Draws the cover as PNG bytes: the marks are laid out once, then rasterised and encoded a
/// strip of rows at a time.
pub fn cover_png(doc: &Document) -> Result<Vec<u8>> {
    let marks = cover_marks(doc)?;
    let (width, height) = (pixels(WIDTH), pixels(HEIGHT));
    let png_error = |e: png::EncodingError| Error::Epub(format!("cover PNG: {e}"));
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    // Opaque RGB with a fast deflate: a few per cent larger than the default level, in a
    // fraction of its time.
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::FilterType::Sub);
    let mut writer = encoder.write_header().map_err(png_error)?;
    let mut stream = writer.stream_writer().map_err(png_error)?;
    let write_error = |e: std::io::Error| Error::Epub(format!("cover PNG: {e}"));
    let background: Vec<u8> = rgb_pixel(Color::ACCENT).repeat(width as usize);
    let mut row = vec![0; width as usize * 3];
    for top in (0..height).step_by(STRIP_ROWS as usize) {
        let rows = STRIP_ROWS.min(height - top);
        let reaching: Vec<&Mark> = marks.iter().filter(|m| m.reaches(top, rows)).collect();
        // Most of the cover is plain background: those rows need no drawing.
        if reaching.is_empty() {
            for _ in 0..rows {
                stream.write_all(&background).map_err(write_error)?;
            }
            continue;
        }
        let strip = render_strip(&reaching, width, top, rows)?;
        for pixels in strip.data().chunks_exact(width as usize * 4) {
            for (rgb, rgba) in row.chunks_exact_mut(3).zip(pixels.chunks_exact(4)) {
                rgb.copy_from_slice(&rgba[..3]);
            }
            stream.write_all(&row).map_err(write_error)?;
        }
    }
    stream.finish().map_err(png_error)?;
    drop(writer);
    Ok(bytes)
}

fn pixels(points: f32) -> u32 {
    (points * PIXELS_PER_POINT) as u32
}

impl Mark {
    /// Whether the mark reaches into the pixel rows `top..top + rows`.
    fn reaches(&self, top: u32, rows: u32) -> bool {
        let bounds = match self {
            Mark::Fill(path, _) => Some(path.bounds()),
            Mark::Image { image, transform } => {
                tiny_skia::Rect::from_xywh(0.0, 0.0, image.width() as f32, image.height() as f32)
                    .and_then(|r| r.transform(*transform))
            }
        };
        let (strip_top, strip_bottom) =
            (top as f32 / PIXELS_PER_POINT, (top + rows) as f32 / PIXELS_PER_POINT);
        bounds.is_some_and(|b| b.bottom() >= strip_top && b.top() <= strip_bottom)
    }
}

/// The rows `top..top + rows` of the cover, with the marks that reach into them.
fn render_strip(marks: &[&Mark], width: u32, top: u32, rows: u32) -> Result<Pixmap> {
    let mut strip = Pixmap::new(width, rows).ok_or_else(|| Error::Epub("cover size".into()))?;
    strip.fill(skia_color(Color::ACCENT));
    let to_strip =
        Transform::from_scale(PIXELS_PER_POINT, PIXELS_PER_POINT).post_translate(0.0, -(top as f32));
    for mark in marks {
        match mark {
            Mark::Fill(path, color) => {
                let mut paint = Paint::default();
                paint.set_color(skia_color(*color));
                paint.anti_alias = true;
                strip.fill_path(path, &paint, FillRule::Winding, to_strip, None);
            }
            Mark::Image { image, transform } => {
                let paint = tiny_skia::PixmapPaint::default();
                strip.draw_pixmap(0, 0, image.as_ref(), &paint, transform.post_concat(to_strip), None);
            }
        }
    }
    Ok(strip)
}

/// The cover's marks: logo, wordmark, kinds, address, rule and date.
fn cover_marks(doc: &Document) -> Result<Vec<Mark>> {
    let mut marks = Vec::new();
    let width = WIDTH - 2.0 * MARGIN;
    let mut y = MARGIN + 60.0;
    if let Some(logo) = &doc.logo {
        y = logo_marks(&mut marks, &logo.image, y)? + 24.0;
    }
    let name_style = wordmark_style(&doc.name, width)?;
    y = text_marks(&mut marks, &doc.name, &name_style, y, width)?;
    if !doc.kinds.is_empty() {
        let kinds = TextStyle::new(FontStyle::Regular, 18.0).leading(24.0).color(Color::ACCENT_SOFT);
        text_marks(&mut marks, &doc.kinds, &kinds, y + 6.0, width)?;
    }
    let small = TextStyle::new(FontStyle::Regular, 12.0).leading(16.0).color(Color::ACCENT_SOFT);
    let mut bottom = HEIGHT - MARGIN - small.leading;
    text_marks(&mut marks, &doc.updated_line, &small, bottom, width)?;
    if let Some(url) = &doc.url {
        let address = TextStyle::new(FontStyle::Bold, 16.0).leading(20.0).color(Color::WHITE);
        bottom -= address.leading + 4.0;
        text_marks(&mut marks, url.display_form(), &address, bottom, width)?;
    }
    marks.extend(rectangle(MARGIN, bottom - 14.0, width * 0.3, 1.5, Color::ACCENT_SOFT));
    Ok(marks)
}

fn rectangle(x: f32, y: f32, width: f32, height: f32, color: Color) -> Option<Mark> {
    let rect = tiny_skia::Rect::from_xywh(x, y, width, height)?;
    Some(Mark::Fill(PathBuilder::from_rect(rect), color))
}

/// The largest wordmark size up to 56 pt at which the name fits on one line (at least 28 pt).
fn wordmark_style(name: &str, width: f32) -> Result<TextStyle> {
    let style = TextStyle::new(FontStyle::Bold, 56.0).color(Color::WHITE);
    let natural = style.face()?.width(name, style.size);
    let size = (style.size * width / natural.max(1.0)).clamp(28.0, 56.0);
    Ok(TextStyle { size, leading: size * 1.1, ..style })
}

/// The logo on a white tile at most 120 pt high; returns the y below it.
fn logo_marks(marks: &mut Vec<Mark>, logo: &crate::model::Image, top: f32) -> Result<f32> {
    let image = Pixmap::decode_png(&logo.png).map_err(|e| Error::Epub(format!("logo: {e}")))?;
    let aspect = logo.width as f32 / logo.height.max(1) as f32;
    let (mut w, mut h) = (120.0 * aspect, 120.0);
    if w > WIDTH - 2.0 * MARGIN - 16.0 {
        w = WIDTH - 2.0 * MARGIN - 16.0;
        h = w / aspect;
    }
    marks.extend(rectangle(MARGIN, top, w + 16.0, h + 16.0, Color::WHITE));
    let transform = Transform::from_scale(w / logo.width.max(1) as f32, h / logo.height.max(1) as f32)
        .post_translate(MARGIN + 8.0, top + 8.0);
    marks.push(Mark::Image { image, transform });
    Ok(top + h + 16.0)
}

/// An opaque colour as the cover's RGB bytes, as tiny-skia would store it.
fn rgb_pixel(color: Color) -> [u8; 3] {
    let pixel = skia_color(color).premultiply().to_color_u8();
    [pixel.red(), pixel.green(), pixel.blue()]
}

fn skia_color(color: Color) -> tiny_skia::Color {
    let channel = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    tiny_skia::Color::from_rgba8(channel(color.0), channel(color.1), channel(color.2), 255)
}

/// Sets `text` ragged in `width` from `top`, a mark per line; returns the y below it.
fn text_marks(marks: &mut Vec<Mark>, text: &str, style: &TextStyle, top: f32, width: f32) -> Result<f32> {
    let lines = set_paragraph(text, style, "", width, Align::Left)?;
    let mut y = top;
    for line in &lines {
        marks.extend(line_path(line, style, y + style.size)?.map(|path| Mark::Fill(path, style.color)));
        y += style.leading;
    }
    Ok(y)
}

/// The outlines of a line's glyphs, in points.
fn line_path(line: &SetLine, style: &TextStyle, baseline: f32) -> Result<Option<tiny_skia::Path>> {
    let face = style.face()?;
    let scale = style.size / face.units_per_em;
    let mut builder = Outline { path: PathBuilder::new(), x: 0.0, y: 0.0, scale };
    for glyph in &line.glyphs {
        builder.x = MARGIN + glyph.x;
        builder.y = baseline;
        face.outline(glyph.id, &mut builder);
    }
    Ok(builder.path.finish())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded_kloop_cover() -> (png::OutputInfo, Vec<u8>) {
        let loaded = crate::load::load_file(std::path::Path::new("data/kloop.yaml")).unwrap();
        let png = cover_png(&crate::compose::compose(&loaded.organisation)).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).unwrap();
        (info, pixels)
    }

    #[test]
    fn every_strip_is_painted_and_the_name_is_drawn() {
        let (info, pixels) = decoded_kloop_cover();
        assert_eq!((info.width, info.height, info.color_type), (640, 960, png::ColorType::Rgb));
        let background = rgb_pixel(Color::ACCENT);
        // The left edge is background on every row: no strip was left unpainted.
        for (y, row) in pixels.chunks_exact(640 * 3).enumerate() {
            assert_eq!(row[..3], background, "row {y} starts with {:?}", &row[..3]);
        }
        // The white wordmark sits a little below the top margin.
        let white = pixels.chunks_exact(3).filter(|p| p.iter().all(|c| *c > 240)).count();
        assert!(white > 2_000, "only {white} white pixels: the name was not drawn");
    }
}
