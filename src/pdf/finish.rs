//! The last pass over printpdf's output, through lopdf: link annotations, a nested outline in
//! document order, `/Lang`, metadata with fixed dates, subset-tagged font names, no stray
//! PDF/X stamp, and a trailer `/ID` derived from the content so that the bytes are reproducible.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{
    dictionary, Dictionary, Document as LoDocument, Object, ObjectId, ObjectStreamConfig, SaveOptions,
    Stream, StringFormat,
};
use rayon::prelude::*;

use super::conformance::{self, DocumentInfo};
use super::structure::{self, Annotations};
use super::tags::StructTree;
use super::PdfOptions;
use crate::doc::Publication;
use crate::error::{Error, Result};
use crate::layout::{Anchor, ItemKind, Layout, LinkTarget, Rect};
use crate::values::PartialDate;

pub fn finish(
    mut pdf: LoDocument,
    publication: &Publication,
    layout: &Layout,
    tree: &StructTree,
    options: &PdfOptions,
) -> Result<Vec<u8>> {
    pdf.version = "1.7".to_string();
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let fingerprint = fingerprint(publication, layout, options);
    tag_subset_fonts(&mut pdf, fingerprint);
    let annotations = add_links(&mut pdf, layout, tree, &pages)?;
    let struct_tree = structure::write(&mut pdf, tree, &pages, &annotations);
    let info = DocumentInfo::of(publication, options);
    let metadata = conformance::metadata(&mut pdf, &info, publication.meta.language.as_str());
    let output_intent = conformance::output_intent(&mut pdf);
    let listed: Vec<Anchor> = layout.anchors.iter().filter(|a| a.outline).cloned().collect();
    let outline = add_outline(&mut pdf, &listed, &pages, layout);
    let info = write_info(&mut pdf, &info);
    let catalog = pdf.catalog_mut().map_err(pdf_error)?;
    catalog.set("Lang", text(publication.meta.language.as_str()));
    catalog.set("ViewerPreferences", dictionary! { "DisplayDocTitle" => true });
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    catalog.set("StructTreeRoot", struct_tree);
    catalog.set("Metadata", metadata);
    catalog.set("OutputIntents", vec![Object::Reference(output_intent)]);
    if let Some(outline) = outline {
        catalog.set("Outlines", outline);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        catalog.remove(b"PageMode");
    }
    let id = Object::String(format!("{fingerprint:032x}").into_bytes(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", vec![id.clone(), id]);
    pdf.trailer.set("Info", info);
    compress(&mut pdf)?;
    let mut bytes = Vec::new();
    // Object streams: the structure tree is hundreds of small dictionaries, which compress
    // well together (Kloop: 67 KB without them).
    let save = SaveOptions {
        use_object_streams: true,
        use_xref_streams: true,
        linearize: false,
        object_stream_config: ObjectStreamConfig { max_objects_per_stream: 500, compression_level: LEVEL },
    };
    pdf.save_with_options(&mut bytes, save).map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// zlib's default level: levels 1-3 save under 1 ms at Kloop for files 7-40% larger.
const LEVEL: u32 = 6;

/// Deflates every stream not yet filtered, streams in parallel: they are independent, and at
/// 50 pages deflating is a sixth of the PDF's cost. lopdf's own `compress` uses the slowest
/// level (9): at Kloop that took a tenth of the build for a file 0.2% smaller than level 6's.
fn compress(pdf: &mut LoDocument) -> Result<()> {
    let streams: Vec<&mut Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if stream.allows_compression && !stream.dict.has(b"Filter") => {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    streams.into_par_iter().try_for_each(deflate)
}

thread_local! {
    /// One compressor per thread, reset between streams: a new one allocates and clears some
    /// 300 KB of tables, fresh pages each time.
    static DEFLATER: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(LEVEL), true));
}

fn deflate(stream: &mut Stream) -> Result<()> {
    let deflated = DEFLATER.with(|deflater| zlib(&mut deflater.borrow_mut(), &stream.content))?;
    if deflated.len() < stream.content.len() {
        stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(deflated);
    }
    Ok(())
}

/// `input` as one zlib stream.
fn zlib(deflater: &mut Compress, input: &[u8]) -> Result<Vec<u8>> {
    deflater.reset();
    let mut output = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let consumed = usize::try_from(deflater.total_in()).unwrap_or(input.len()).min(input.len());
        let status = deflater
            .compress_vec(&input[consumed..], &mut output, FlushCompress::Finish)
            .map_err(|e| Error::Pdf(format!("deflate: {e}")))?;
        if status == Status::StreamEnd {
            return Ok(output);
        }
        output.reserve(output.capacity().max(64));
    }
}

fn pdf_error(error: lopdf::Error) -> Error {
    Error::Pdf(error.to_string())
}

/// A PDF text string: plain when ASCII, else UTF-16BE with a byte-order mark.
pub(super) fn text(value: &str) -> Object {
    if value.is_ascii() {
        return Object::string_literal(value);
    }
    Object::String(utf16_text(value), StringFormat::Hexadecimal)
}

/// A PDF text string's bytes in UTF-16BE, after its byte-order mark.
pub(super) fn utf16_text(value: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in value.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// A 128-bit FNV-1a hash of everything that shapes the file: same input, same id.
fn fingerprint(publication: &Publication, layout: &Layout, options: &PdfOptions) -> u128 {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u128::from(*byte);
            hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
        }
    };
    feed(publication.all_text().as_bytes());
    feed(&options.timestamp.to_le_bytes());
    for page in &layout.pages {
        feed(&page.width.to_le_bytes());
        feed(&page.height.to_le_bytes());
    }
    hash
}

/// Six capital letters and a `+` before a subset font's name, as the PDF standard asks.
fn tag_subset_fonts(pdf: &mut LoDocument, fingerprint: u128) {
    for object in pdf.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let Ok(Object::Name(name)) = dict.get(key) else {
                continue;
            };
            if !name.starts_with(b"NotoSans") {
                continue;
            }
            let name = name.clone();
            let mut seed =
                fingerprint ^ (name.iter().fold(0u128, |h, b| h.wrapping_mul(31) + u128::from(*b)));
            let mut tagged: Vec<u8> = (0..6)
                .map(|_| {
                    let letter = b'A' + (seed % 26) as u8;
                    seed /= 26;
                    letter
                })
                .collect();
            tagged.push(b'+');
            tagged.extend_from_slice(&name);
            dict.set(key, Object::Name(tagged));
        }
    }
}

/// PDF rectangle [left bottom right top] of a layout rectangle on a page of `height`.
fn pdf_rect(rect: &Rect, height: f32) -> Object {
    let values = [rect.x, height - rect.bottom(), rect.right(), height - rect.y];
    Object::Array(values.iter().map(|v| Object::Real((v * 100.0).round() / 100.0)).collect())
}

fn destination(pages: &[ObjectId], page: usize, top: f32, layout: &Layout) -> Object {
    let height = layout.pages.get(page).map_or(0.0, |p| p.height);
    let top = ((height - top + 6.0) * 100.0).round() / 100.0;
    let page_ref = pages.get(page).copied().map_or(Object::Null, Object::Reference);
    Object::Array(vec![
        page_ref,
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        Object::Real(top),
        Object::Null,
    ])
}

/// A link annotation over each link area. Areas of one address share one URI action, so an
/// address set over many lines is written once, not once per line; anchors are looked up by id.
/// Each annotation is printed (`/F 4`, as PDF/A asks) and described by the text it covers (or
/// the title of where it leads). Returns each page's annotations in the order of its areas.
fn add_links(
    pdf: &mut LoDocument,
    layout: &Layout,
    tree: &StructTree,
    pages: &[ObjectId],
) -> Result<Annotations> {
    let mut anchors: HashMap<&str, &Anchor> = HashMap::with_capacity(layout.anchors.len());
    for anchor in &layout.anchors {
        // The first anchor of an id is the one links lead to.
        anchors.entry(anchor.id.as_str()).or_insert(anchor);
    }
    let mut actions: HashMap<&str, ObjectId> = HashMap::new();
    // The lines of one link carry the same target: looking it up again would hash the whole
    // address once per line.
    let mut last: Option<(&Arc<str>, ObjectId)> = None;
    let mut all = Vec::with_capacity(layout.pages.len());
    for (index, page) in layout.pages.iter().enumerate() {
        let mut annotations = Vec::new();
        let mut made = Vec::new();
        let links = tree.page_links.get(index).map(Vec::as_slice).unwrap_or_default();
        for item in &page.items {
            let ItemKind::Link { rect, target } = &item.kind else {
                continue;
            };
            let shown = links.get(made.len()).and_then(|e| tree.elements.get(*e)).map(|e| e.text.trim());
            let mut annotation = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => pdf_rect(rect, page.height),
                "Border" => vec![0.into(), 0.into(), 0.into()],
                "F" => 4,
            };
            let described = match target {
                LinkTarget::Uri(uri) => {
                    let action = match last {
                        Some((known, action)) if Arc::ptr_eq(known, uri) => action,
                        _ => *actions.entry(uri).or_insert_with(|| {
                            pdf.add_object(
                                dictionary! { "S" => "URI", "URI" => Object::string_literal(&**uri) },
                            )
                        }),
                    };
                    last = Some((uri, action));
                    annotation.set("A", action);
                    uri.to_string()
                }
                LinkTarget::Anchor(id) => {
                    let Some(anchor) = anchors.get(&**id) else {
                        made.push(None);
                        continue;
                    };
                    annotation.set("Dest", destination(pages, anchor.page, anchor.y, layout));
                    anchor.title.clone()
                }
            };
            let contents = shown.filter(|s| !s.is_empty()).map_or(described, str::to_string);
            annotation.set("Contents", text(&contents));
            let id = pdf.add_object(annotation);
            annotations.push(Object::Reference(id));
            made.push(Some(id));
        }
        all.push(made);
        if annotations.is_empty() {
            continue;
        }
        let Some(page_id) = pages.get(index) else {
            continue;
        };
        let page_dict = pdf.get_dictionary_mut(*page_id).map_err(pdf_error)?;
        page_dict.set("Annots", annotations);
    }
    Ok(all)
}

/// An entry of the outline with the entries under it.
struct OutlineNode<'a> {
    anchor: &'a Anchor,
    children: Vec<OutlineNode<'a>>,
}

/// Anchors in document order -> a tree: each entry holds the deeper entries that follow it (in
/// a packet: organisation, section, subsection).
fn nest(anchors: &[Anchor]) -> Vec<OutlineNode<'_>> {
    fn take<'a>(
        anchors: &mut std::iter::Peekable<std::slice::Iter<'a, Anchor>>,
        above: Option<usize>,
    ) -> Vec<OutlineNode<'a>> {
        let mut nodes = Vec::new();
        while let Some(anchor) = anchors.next_if(|a| above.is_none_or(|level| a.level > level)) {
            let children = take(anchors, Some(anchor.level));
            nodes.push(OutlineNode { anchor, children });
        }
        nodes
    }
    take(&mut anchors.iter().peekable(), None)
}

/// A nested outline, in document order.
fn add_outline(
    pdf: &mut LoDocument,
    anchors: &[Anchor],
    pages: &[ObjectId],
    layout: &Layout,
) -> Option<ObjectId> {
    if anchors.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    let nodes = nest(anchors);
    let (top, visible) = write_outline(pdf, &nodes, root, pages, layout);
    let mut root_dict = dictionary! { "Type" => "Outlines" };
    link_children(&mut root_dict, &top, visible);
    pdf.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}

/// Writes `nodes` as siblings under `parent`; returns their ids and how many entries show
/// under the parent with everything open.
fn write_outline(
    pdf: &mut LoDocument,
    nodes: &[OutlineNode],
    parent: ObjectId,
    pages: &[ObjectId],
    layout: &Layout,
) -> (Vec<ObjectId>, usize) {
    let ids: Vec<ObjectId> = nodes.iter().map(|_| pdf.new_object_id()).collect();
    let mut visible = nodes.len();
    for (i, node) in nodes.iter().enumerate() {
        let mut entry = dictionary! {
            "Title" => text(&node.anchor.title),
            "Parent" => parent,
            "Dest" => destination(pages, node.anchor.page, node.anchor.y, layout),
        };
        if i > 0 {
            entry.set("Prev", ids[i - 1]);
        }
        if let Some(next) = ids.get(i + 1) {
            entry.set("Next", *next);
        }
        let (children, under) = write_outline(pdf, &node.children, ids[i], pages, layout);
        link_children(&mut entry, &children, under);
        visible += under;
        pdf.objects.insert(ids[i], Object::Dictionary(entry));
    }
    (ids, visible)
}

/// First, last and the count of entries showing below: positive, so that the outline opens
/// with every level showing.
fn link_children(dict: &mut Dictionary, children: &[ObjectId], visible: usize) {
    if let (Some(first), Some(last)) = (children.first(), children.last()) {
        dict.set("First", *first);
        dict.set("Last", *last);
        dict.set("Count", visible as i64);
    }
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970.
pub(super) fn pdf_date(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    let seconds = timestamp.rem_euclid(86_400);
    let date = PartialDate::from_days_since_epoch(days);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1),
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

/// A fresh information dictionary (printpdf's carries an empty PDF/X version).
fn write_info(pdf: &mut LoDocument, info: &DocumentInfo) -> ObjectId {
    if let Ok(Object::Reference(old)) = pdf.trailer.get(b"Info") {
        let old = *old;
        pdf.objects.remove(&old);
    }
    pdf.add_object(info.dictionary())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_pdf_form() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_795_478_400), "D:20261124000000Z");
    }

    #[test]
    fn non_ascii_text_is_utf16_with_bom() {
        assert_eq!(text("ң"), Object::String(vec![0xFE, 0xFF, 0x04, 0xA3], StringFormat::Hexadecimal));
    }
}
