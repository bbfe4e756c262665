//! The EPUB's cover: the cover page that `layout::cover` lays out, rasterised to PNG
//! (tiny-skia) so that every reader, Kindle included, shows it. Text is filled from the font's
//! own outlines: no system font is needed. Nothing here decides what the cover shows.

use rustybuzz::ttf_parser::OutlineBuilder;
use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Transform};

use crate::doc::Publication;
use crate::error::{Error, Result};
use crate::layout::style::Color;
use crate::layout::{cover, ItemKind, Page};
use crate::model::Image;

/// How many pixels a point of the cover becomes.
const PIXELS_PER_POINT: f32 = 1.6;
/// Rows rasterised at a time: the whole 640 x 960 image would hold 2.4 MB at once, and most
/// strips hold no mark at all.
const STRIP_ROWS: u32 = 32;

/// Something drawn on the cover, in points.
enum Mark {
    Fill(tiny_skia::Path, Color),
    Image { image: Pixmap, transform: Transform },
}

/// Draws the cover as PNG bytes: the marks are laid out once, then rasterised a strip of rows
/// at a time. A cover of flat colours and anti-aliased type holds a few hundred colours at
/// most: when they fit a palette, it is written as an indexed PNG, about a fifth of the size.
pub fn cover_png(publication: &Publication) -> Result<Vec<u8>> {
    let page = cover::lay_out(publication)?;
    let (width, height) = (pixels(page.width), pixels(page.height));
    // The first mark is the page's background: rows nothing else reaches are written as such.
    let (background, marks) = page_marks(&page)?;
    let mut rgb: Vec<u8> = Vec::with_capacity(width as usize * height as usize * 3);
    let background_row: Vec<u8> = rgb_pixel(background).repeat(width as usize);
    for top in (0..height).step_by(STRIP_ROWS as usize) {
        let rows = STRIP_ROWS.min(height - top);
        let reaching: Vec<&Mark> = marks.iter().filter(|m| m.reaches(top, rows)).collect();
        // Most of the cover is plain background: those rows need no drawing.
        if reaching.is_empty() {
            for _ in 0..rows {
                rgb.extend_from_slice(&background_row);
            }
            continue;
        }
        let strip = render_strip(&reaching, background, width, top, rows)?;
        for pixel in strip.data().chunks_exact(4) {
            rgb.extend_from_slice(&pixel[..3]);
        }
    }
    encode(&rgb, width, height)
}

/// The pixels as an indexed PNG when at most 256 colours occur, else as RGB.
fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let png_error = |e: png::EncodingError| Error::Epub(format!("cover PNG: {e}"));
    let mut palette: Vec<[u8; 3]> = Vec::new();
    let mut index: std::collections::HashMap<[u8; 3], u8> = std::collections::HashMap::new();
    let mut indices: Vec<u8> = Vec::with_capacity(rgb.len() / 3);
    // Most of a cover is runs of one colour: a pixel like the one before takes its index
    // without hashing (hashing every pixel was a third of a Kloop build).
    let mut last: Option<([u8; 3], u8)> = None;
    for pixel in rgb.chunks_exact(3) {
        let colour = [pixel[0], pixel[1], pixel[2]];
        let found = match last {
            Some((previous, found)) if previous == colour => found,
            _ => {
                let next = palette.len();
                let found = *index.entry(colour).or_insert_with(|| {
                    palette.push(colour);
                    next.min(255) as u8
                });
                if palette.len() > 256 {
                    break;
                }
                last = Some((colour, found));
                found
            }
        };
        indices.push(found);
    }
    let indexed = palette.len() <= 256;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    if indexed {
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_palette(palette.concat());
    } else {
        encoder.set_color(png::ColorType::Rgb);
    }
    encoder.set_compression(png::Compression::Default);
    encoder.set_filter(if indexed { png::FilterType::NoFilter } else { png::FilterType::Sub });
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(if indexed { &indices } else { rgb }).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
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
fn render_strip(marks: &[&Mark], background: Color, width: u32, top: u32, rows: u32) -> Result<Pixmap> {
    let mut strip = Pixmap::new(width, rows).ok_or_else(|| Error::Epub("cover size".into()))?;
    strip.fill(skia_color(background));
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

/// The page's items as marks in points, and the colour of its first fill (the background).
fn page_marks(page: &Page) -> Result<(Color, Vec<Mark>)> {
    let mut background = Color::WHITE;
    let mut marks = Vec::new();
    for (i, item) in page.items.iter().enumerate() {
        match &item.kind {
            ItemKind::Fill { rect, color }
                if i == 0 && rect.width >= page.width && rect.height >= page.height =>
            {
                background = *color;
            }
            ItemKind::Fill { rect, color } => {
                if let Some(r) = tiny_skia::Rect::from_xywh(rect.x, rect.y, rect.width, rect.height) {
                    marks.push(Mark::Fill(PathBuilder::from_rect(r), *color));
                }
            }
            ItemKind::Text { line, x, baseline, style } => {
                for run in &line.runs {
                    let face = crate::fonts::face(run.look.font)?;
                    let scale = run.look.size / face.units_per_em;
                    let mut builder = Outline { path: PathBuilder::new(), x: 0.0, y: 0.0, scale };
                    for glyph in line.glyphs.get(run.glyphs.clone()).unwrap_or_default() {
                        builder.x = x + glyph.x;
                        builder.y = baseline - run.look.rise;
                        face.outline(glyph.id, &mut builder);
                    }
                    if let Some(path) = builder.path.finish() {
                        marks.push(Mark::Fill(path, run.look.color.unwrap_or(style.color)));
                    }
                }
            }
            ItemKind::Image { rect, image } => marks.push(image_mark(image, rect)?),
            ItemKind::Line { .. } | ItemKind::Link { .. } | ItemKind::Start(_) | ItemKind::End(_) => {}
        }
    }
    Ok((background, marks))
}

/// A picture scaled into `rect`: straight RGBA pixels premultiplied as tiny-skia keeps them.
fn image_mark(image: &Image, rect: &crate::layout::Rect) -> Result<Mark> {
    let size = tiny_skia::IntSize::from_wh(image.width, image.height)
        .ok_or_else(|| Error::Epub("the logo has no pixels".into()))?;
    let premultiplied: Vec<u8> = image
        .rgba
        .chunks_exact(4)
        .flat_map(|p| {
            let alpha = u16::from(p[3]);
            let times = |c: u8| ((u16::from(c) * alpha + 127) / 255) as u8;
            [times(p[0]), times(p[1]), times(p[2]), p[3]]
        })
        .collect();
    let pixmap = Pixmap::from_vec(premultiplied, size).ok_or_else(|| Error::Epub("logo pixels".into()))?;
    let transform = Transform::from_scale(
        rect.width / image.width.max(1) as f32,
        rect.height / image.height.max(1) as f32,
    )
    .post_translate(rect.x, rect.y);
    Ok(Mark::Image { image: pixmap, transform })
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
