//! Pages of positioned items -> PDF bytes. printpdf draws the text and shapes with our own
//! subset fonts; `finish` adds what printpdf lacks (links, outline, metadata, fixed ids).
//! No layout decision is made here: every position comes from `layout`.

mod conformance;
mod finish;
mod icc;
mod structure;
mod tags;

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Codepoint, DictItem, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData, RawImageFormat, Rgb, TextItem,
    TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};

use crate::doc::Publication;
use crate::error::{Error, Result};
use crate::fonts::{self, FontStyle, Subset};
use crate::layout::style::Color;
use crate::layout::{Artifact, ItemKind, Layout, Page, Rect};
use crate::model::Image;
use tags::{Marking, Tagger};

/// What the PDF writer needs besides the layout.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Creation and modification time, seconds since 1970 (SOURCE_DATE_EPOCH or the data's date).
    pub timestamp: i64,
    /// The producing program, as written into the document information.
    pub creator: String,
}

/// Writes the laid-out fact sheet as PDF bytes. Takes the layout, to free its text as soon as
/// printpdf holds its own copy.
pub fn write_pdf(publication: &Publication, mut layout: Layout, options: &PdfOptions) -> Result<Vec<u8>> {
    let used = used_glyphs(&layout);
    let mut pdf = PdfDocument::new(&publication.meta.title);
    let mut subsets = BTreeMap::new();
    for (style, glyphs) in &used {
        let subset = fonts::subset(*style, &glyphs.keys().copied().collect::<BTreeSet<_>>())?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings)
            .ok_or_else(|| Error::Pdf(format!("subset of {} does not parse", style.postscript_name())))?;
        // Our own ids, not printpdf's random ones, so that the bytes are reproducible.
        pdf.resources.fonts.map.insert(font_id(*style), PdfFont::new(parsed));
        subsets.insert(*style, subset);
    }
    let images = add_images(&mut pdf, &layout);
    let mut tagger = Tagger::new(publication.meta.language.as_str());
    // A page's text is freed once drawn: printpdf holds its own copy, and a long document
    // would otherwise hold both at its peak (links and anchors stay for `finish`).
    let pages = layout
        .pages
        .iter_mut()
        .enumerate()
        .map(|(index, page)| {
            tagger.begin_page(index);
            let drawn = draw_page(page, &subsets, &images, &mut tagger);
            page.items.retain(|item| !matches!(item.kind, ItemKind::Text { .. }));
            page.items.shrink_to_fit();
            drawn
        })
        .collect();
    let tree = tagger.finish();
    pdf.with_pages(pages);
    let save =
        PdfSaveOptions { optimize: false, subset_fonts: false, secure: false, image_optimization: None };
    let mut warnings = Vec::new();
    let lopdf = pdf.to_lopdf_document(&save, &mut warnings);
    // Every page's operations live on in `lopdf`: free printpdf's copy before finishing.
    drop(pdf);
    finish::finish(lopdf, publication, &layout, &tree, options)
}

/// Each distinct picture as an image resource under a fixed id, its transparency flattened onto
/// white (the tile it is drawn on), so no soft mask is needed. Returns the ids by picture.
fn add_images(pdf: &mut PdfDocument, layout: &Layout) -> Vec<(Image, XObjectId)> {
    let mut added: Vec<(Image, XObjectId)> = Vec::new();
    for item in layout.pages.iter().flat_map(|p| &p.items) {
        let ItemKind::Image { image, .. } = &item.kind else { continue };
        if added.iter().any(|(known, _)| known == image) {
            continue;
        }
        let rgb: Vec<u8> = image
            .rgba
            .chunks_exact(4)
            .flat_map(|p| {
                let alpha = u16::from(p[3]);
                let over_white = |c: u8| ((u16::from(c) * alpha + 255 * (255 - alpha)) / 255) as u8;
                [over_white(p[0]), over_white(p[1]), over_white(p[2])]
            })
            .collect();
        let raw = RawImage {
            pixels: RawImageData::U8(rgb),
            width: image.width as usize,
            height: image.height as usize,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        };
        let id = XObjectId(format!("Image{}", added.len() + 1));
        pdf.resources.xobjects.map.insert(id.clone(), XObject::Image(raw));
        added.push((image.clone(), id));
    }
    added
}

fn font_id(style: FontStyle) -> FontId {
    FontId(style.postscript_name().to_string())
}

/// For each face, the glyphs the pages draw and the text each stands for.
fn used_glyphs(layout: &Layout) -> BTreeMap<FontStyle, BTreeMap<u16, String>> {
    let mut used: BTreeMap<FontStyle, BTreeMap<u16, String>> = BTreeMap::new();
    for item in layout.pages.iter().flat_map(|p| &p.items) {
        let ItemKind::Text { line, .. } = &item.kind else { continue };
        for run in &line.runs {
            let glyphs = used.entry(run.look.font).or_default();
            for glyph in line.glyphs.get(run.glyphs.clone()).unwrap_or_default() {
                let text = glyphs.entry(glyph.id).or_default();
                if text.is_empty() {
                    text.push_str(line.glyph_text(glyph));
                }
            }
        }
    }
    used
}

fn rgb(color: Color) -> printpdf::Color {
    printpdf::Color::Rgb(Rgb { r: color.0, g: color.1, b: color.2, icc_profile: None })
}

fn point(page: &Page, x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(page.height - y) }
}

/// What the page's content stream has set so far: consecutive lines share one text object,
/// and a font or colour is only set when it changes (both outlast a text object).
#[derive(Default)]
struct Pen {
    in_text: bool,
    font: Option<(FontStyle, f32)>,
    fill: Option<Color>,
}

impl Pen {
    fn text(&mut self, ops: &mut Vec<Op>, font: FontStyle, size: f32, color: Color) {
        if !self.in_text {
            ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        self.fill_color(ops, color);
        if self.font != Some((font, size)) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(font)), size: Pt(size) });
            self.font = Some((font, size));
        }
    }

    /// Ends the text object before anything that is not text.
    fn graphics(&mut self, ops: &mut Vec<Op>) {
        if self.in_text {
            ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn fill_color(&mut self, ops: &mut Vec<Op>, color: Color) {
        if self.fill != Some(color) {
            ops.push(Op::SetFillColor { col: rgb(color) });
            self.fill = Some(color);
        }
    }
}

fn draw_page(
    page: &Page,
    subsets: &BTreeMap<FontStyle, Subset>,
    images: &[(Image, XObjectId)],
    tagger: &mut Tagger,
) -> PdfPage {
    let mut ops = Vec::with_capacity(page.items.len() * 4);
    let mut pen = Pen::default();
    for item in &page.items {
        if matches!(item.kind, ItemKind::Fill { .. } | ItemKind::Line { .. } | ItemKind::Image { .. }) {
            pen.graphics(&mut ops);
            begin_marked(&mut ops, &tagger.content(&item.role, item.block));
        }
        match &item.kind {
            ItemKind::Text { line, x, baseline, style } => {
                tagger.begin_line();
                let mut previous = None;
                for run in &line.runs {
                    let font = run.look.font;
                    let (Some(subset), Ok(face)) = (subsets.get(&font), fonts::face(font)) else {
                        continue;
                    };
                    let glyphs = line.glyphs.get(run.glyphs.clone()).unwrap_or_default();
                    let Some(first) = glyphs.first() else { continue };
                    pen.text(&mut ops, font, run.look.size, run.look.color.unwrap_or(style.color));
                    let text: String = glyphs.iter().map(|g| line.glyph_text(g)).collect();
                    begin_marked(&mut ops, &tagger.run(&item.role, item.block, &run.look, previous, &text));
                    previous = Some(&run.look);
                    let origin = point(page, x + first.x, baseline - run.look.rise);
                    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(origin.x, origin.y) });
                    let mut codepoints = codepoints(line, glyphs, face, run.look.size, subset);
                    // The hyphen the line breaker added reads as a soft hyphen: copied or
                    // searched, the word is whole.
                    let hyphen = line.hyphen.filter(|h| run.glyphs.contains(h)).map(|h| h - run.glyphs.start);
                    let added = hyphen.map(|at| codepoints.split_off(at));
                    if !codepoints.is_empty() {
                        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
                    }
                    if let Some(added) = added {
                        ops.push(Op::BeginMarkedContentWithProperties {
                            tag: "Span".to_string(),
                            properties: dictionary([("ActualText", pdf_text_string("\u{ad}"))]),
                        });
                        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(added)] });
                        ops.push(Op::EndMarkedContent);
                    }
                    ops.push(Op::EndMarkedContent);
                }
            }
            ItemKind::Fill { rect, color } => {
                pen.fill_color(&mut ops, *color);
                ops.push(Op::DrawRectangle { rectangle: pdf_rect(page, rect) });
            }
            ItemKind::Line { from, to, thickness, color } => {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                let points = [from, to]
                    .iter()
                    .map(|(x, y)| LinePoint { p: point(page, *x, *y), bezier: false })
                    .collect();
                ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
            }
            ItemKind::Image { rect, image } => {
                if let Some((_, id)) = images.iter().find(|(known, _)| known == image) {
                    let origin = point(page, rect.x, rect.bottom());
                    let transform = XObjectTransform {
                        translate_x: Some(origin.x),
                        translate_y: Some(origin.y),
                        rotate: None,
                        scale_x: Some(rect.width / image.width.max(1) as f32),
                        scale_y: Some(rect.height / image.height.max(1) as f32),
                        dpi: Some(72.0),
                        no_auto_scale: false,
                    };
                    ops.push(Op::UseXobject { id: id.clone(), transform });
                }
            }
            // Links become annotations in `finish`, where page objects exist; their elements
            // are made here, in the order `finish` makes the annotations.
            ItemKind::Link { .. } => tagger.link_area(),
            ItemKind::Start(tag) => tagger.start(tag),
            ItemKind::End(key) => tagger.end(*key),
        }
        if matches!(item.kind, ItemKind::Fill { .. } | ItemKind::Line { .. } | ItemKind::Image { .. }) {
            ops.push(Op::EndMarkedContent);
        }
    }
    pen.graphics(&mut ops);
    let media = printpdf::Rect {
        x: Pt(0.0),
        y: Pt(0.0),
        width: Pt(page.width),
        height: Pt(page.height),
        mode: None,
        winding_order: None,
    };
    PdfPage { media_box: media.clone(), trim_box: media.clone(), crop_box: media, ops }
}

/// Opens the marked content of an artifact, or of real content with its MCID.
fn begin_marked(ops: &mut Vec<Op>, marking: &Marking) {
    let (tag, properties) = match marking {
        Marking::Artifact(kind) => {
            let kind = match kind {
                Artifact::Layout => "Layout",
                Artifact::Pagination => "Pagination",
            };
            ("Artifact", dictionary([("Type", DictItem::Name(kind.as_bytes().to_vec()))]))
        }
        Marking::Content { kind, mcid } => (*kind, dictionary([("MCID", DictItem::Int(i64::from(*mcid)))])),
    };
    ops.push(Op::BeginMarkedContentWithProperties { tag: tag.to_string(), properties });
}

fn dictionary<const N: usize>(entries: [(&str, DictItem); N]) -> DictItem {
    DictItem::Dict { map: entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
}

/// A PDF text string in UTF-16BE with its byte order mark.
fn pdf_text_string(text: &str) -> DictItem {
    DictItem::String { data: finish::utf16_text(text), literal: false }
}

fn pdf_rect(page: &Page, rect: &Rect) -> printpdf::Rect {
    printpdf::Rect {
        x: Pt(rect.x),
        y: Pt(page.height - rect.bottom()),
        width: Pt(rect.width),
        height: Pt(rect.height),
        mode: Some(PaintMode::Fill),
        winding_order: Some(WindingOrder::NonZero),
    }
}

/// Subset glyph ids with the TJ adjustments that put each glyph where layout placed it.
/// The line's glyphs with the TJ adjustments that put each one where layout placed it: a viewer
/// moves by the font's own width (`/W`) after each glyph, so kerning and justified spaces are
/// both differences from that width.
fn codepoints(
    line: &crate::layout::SetLine,
    glyphs: &[crate::layout::Glyph],
    face: &fonts::Face,
    size: f32,
    subset: &Subset,
) -> Vec<Codepoint> {
    glyphs
        .iter()
        .enumerate()
        .map(|(i, glyph)| {
            let viewer_next = glyph.x + face.pdf_width(glyph.id) * size / 1000.0;
            let placed_next = glyphs.get(i + 1).map_or(viewer_next, |next| next.x);
            let offset = -(placed_next - viewer_next) * 1000.0 / size;
            let offset = if offset.abs() < 0.01 { 0.0 } else { (offset * 100.0).round() / 100.0 };
            let gid = subset.new_ids.get(&glyph.id).copied().unwrap_or(0);
            // A glyph that stands for no text of its own (the rest of a cluster) is mapped by the
            // font's own character for it: every glyph drawn needs a Unicode value.
            let text = line.glyph_text(glyph);
            Codepoint { gid, offset, cid: (!text.is_empty()).then(|| text.to_string()) }
        })
        .collect()
}
