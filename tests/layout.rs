//! The fact sheet's layout, checked on the laid-out pages and on the PDF read back with lopdf
//! and poppler: page count, type size, bounds, outline, links, reproducibility.

mod common;

use common::bounds::assert_within_bounds;
use common::scale::scaled_kloop;
use common::{build, build_text, have, load_text, normalise, BOTH};
use dossier::compose::compose;
use dossier::layout::{lay_out, ItemKind, Layout, LinkTarget, Role};
use dossier::{load, Formats, Paper};
use lopdf::{Document as Pdf, Object, ObjectId};

const KLOOP: &str = "data/kloop.yaml";
const CYRILLIC: &str = "tests/fixtures/cyrillic.yaml";
const PDF_ONLY: Formats = Formats { pdf: true, epub: false };

fn layout_of_file(path: &str, paper: Paper) -> Layout {
    let loaded = load::load_file(std::path::Path::new(path)).expect("loads");
    lay_out(&compose(&loaded.organisation), paper, false).expect("lays out")
}

fn layout_of_text(yaml: &str, paper: Paper) -> Layout {
    lay_out(&compose(&load_text(yaml, "scaled.yaml").organisation), paper, false).expect("lays out")
}

#[test]
fn kloop_fits_two_pages_of_a4_and_of_letter_with_body_text_of_at_least_9_pt() {
    for paper in [Paper::A4, Paper::Letter] {
        let layout = layout_of_file(KLOOP, paper);
        assert_eq!(layout.pages.len(), 2, "{paper:?}");
        assert!(layout.warnings.is_empty(), "{:?}", layout.warnings);
        let sizes =
            layout.pages.iter().flat_map(|p| &p.items).filter_map(|item| match (&item.kind, &item.role) {
                (ItemKind::Text { style, .. }, Role::Paragraph) => Some(style.size),
                _ => None,
            });
        let smallest = sizes.fold(f32::MAX, f32::min);
        assert!(smallest >= 9.0, "paragraph text at {smallest} pt");
    }
}

#[test]
fn nothing_overflows_for_kloop_the_cyrillic_fixture_and_a_50x_file_on_both_papers() {
    let fifty = scaled_kloop(50);
    for paper in [Paper::A4, Paper::Letter] {
        assert_within_bounds(&layout_of_file(KLOOP, paper), &format!("Kloop {paper:?}"));
        assert_within_bounds(&layout_of_file(CYRILLIC, paper), &format!("Cyrillic {paper:?}"));
        let layout = layout_of_text(&fifty, paper);
        assert!(layout.warnings.is_empty(), "{:?}", layout.warnings);
        assert_within_bounds(&layout, &format!("50x {paper:?}"));
    }
}

#[test]
fn a_50x_file_lays_out_with_every_paragraph_present() {
    if !have("pdftotext") {
        return;
    }
    let fifty = scaled_kloop(50);
    let pdf = build_text(&fifty, Paper::A4, PDF_ONLY).pdf.expect("a PDF");
    let organisation = load_text(&fifty, "scaled.yaml").organisation;
    let text = common::pdf_body_text(&organisation, &pdf);
    let once = load::load_file(std::path::Path::new(KLOOP)).expect("loads").organisation;
    assert_eq!(organisation.paragraphs().len(), 1 + 50 * (once.paragraphs().len() - 1));
    let mut from = 0;
    for paragraph in organisation.paragraphs() {
        let expected = normalise(&paragraph.plain_text());
        let found = text[from..].find(&expected);
        assert!(found.is_some(), "missing or out of order: {expected}");
        from += found.unwrap_or(0) + expected.len();
    }
}

/// Outline entries (title, level, page index) read back from the PDF in order.
fn outline(pdf: &Pdf) -> Vec<(String, usize, usize)> {
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let catalog = pdf.catalog().expect("catalog");
    let root = catalog.get(b"Outlines").and_then(Object::as_reference).expect("an outline");
    let mut out = Vec::new();
    walk_outline(pdf, root, 0, &pages, &mut out);
    out
}

fn walk_outline(
    pdf: &Pdf,
    parent: ObjectId,
    level: usize,
    pages: &[ObjectId],
    out: &mut Vec<(String, usize, usize)>,
) {
    let dict = pdf.get_dictionary(parent).expect("outline node");
    let mut next = dict.get(b"First").and_then(Object::as_reference).ok();
    while let Some(id) = next {
        let entry = pdf.get_dictionary(id).expect("outline entry");
        let title = pdf_text(entry.get(b"Title").expect("title"));
        let dest = entry.get(b"Dest").and_then(Object::as_array).expect("a destination");
        let page = dest[0].as_reference().expect("page reference");
        let index = pages.iter().position(|p| *p == page).expect("dest is a page");
        out.push((title, level + 1, index));
        walk_outline(pdf, id, level + 1, pages, out);
        next = entry.get(b"Next").and_then(Object::as_reference).ok();
    }
}

/// A PDF text string: UTF-16BE with a BOM, or bytes.
fn pdf_text(object: &Object) -> String {
    let bytes = object.as_str().expect("a string");
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// The text of one page (0-based), by pdftotext.
fn page_text(pdf: &[u8], page: usize) -> String {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("p.pdf");
    std::fs::write(&file, pdf).expect("write");
    let number = (page + 1).to_string();
    let output = std::process::Command::new("pdftotext")
        .args(["-f", &number, "-l", &number, "-raw", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    normalise(&String::from_utf8_lossy(&output.stdout))
}

#[test]
fn the_outline_lists_sections_and_subsections_in_order_pointing_at_their_pages() {
    if !have("pdftotext") {
        return;
    }
    let bytes = build(KLOOP, Paper::A4, PDF_ONLY).pdf.expect("a PDF");
    let pdf = Pdf::load_mem(&bytes).expect("lopdf reads it");
    let entries = outline(&pdf);
    let organisation = load::load_file(std::path::Path::new(KLOOP)).expect("loads").organisation;
    let expected: Vec<(String, usize)> =
        organisation.all_sections().iter().map(|(level, s)| (s.title.clone(), *level)).collect();
    let found: Vec<(String, usize)> = entries.iter().map(|(t, l, _)| (t.clone(), *l)).collect();
    assert_eq!(found, expected);
    for (title, _, page) in &entries {
        assert!(page_text(&bytes, *page).contains(title.as_str()), "“{title}” is not on page {}", page + 1);
    }
    let catalog = pdf.catalog().expect("catalog");
    assert_eq!(catalog.get(b"PageMode").and_then(Object::as_name).ok(), Some(b"UseOutlines".as_slice()));
    assert_eq!(catalog.get(b"Lang").map(pdf_text).ok(), Some("en".to_string()));
}

#[test]
fn links_point_at_the_site_the_sources_and_the_sections() {
    if !have("pdftotext") {
        return;
    }
    let bytes = build(KLOOP, Paper::A4, PDF_ONLY).pdf.expect("a PDF");
    let pdf = Pdf::load_mem(&bytes).expect("lopdf reads it");
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let mut uris = Vec::new();
    let mut internal = 0;
    for page in &pages {
        let Ok(annotations) =
            pdf.get_dictionary(*page).and_then(|d| d.get(b"Annots")).and_then(Object::as_array)
        else {
            continue;
        };
        for annotation in annotations {
            let dict = pdf.get_dictionary(annotation.as_reference().expect("ref")).expect("annotation");
            assert_eq!(dict.get(b"Subtype").and_then(Object::as_name).ok(), Some(b"Link".as_slice()));
            // The action may be written in place or, shared by the areas of one address, apart.
            let action = dict.get(b"A").and_then(|a| match a {
                Object::Reference(id) => pdf.get_dictionary(*id),
                other => other.as_dict(),
            });
            if let Ok(action) = action {
                uris.push(
                    String::from_utf8_lossy(action.get(b"URI").and_then(Object::as_str).expect("URI"))
                        .into_owned(),
                );
            } else {
                let dest = dict.get(b"Dest").and_then(Object::as_array).expect("a destination");
                let target = dest[0].as_reference().expect("page ref");
                assert!(pages.contains(&target), "internal link to a page that is not in the file");
                internal += 1;
            }
        }
    }
    assert!(uris.contains(&"https://kloop.kg/".to_string()), "{uris:?}");
    assert!(uris.contains(&"https://en.wikipedia.org/wiki/Kloop".to_string()), "{uris:?}");
    let doc = compose(&load::load_file(std::path::Path::new(KLOOP)).expect("loads").organisation);
    assert_eq!(internal, linked_events(&doc).len(), "one link per timeline event");
}

#[test]
fn timeline_links_target_the_anchor_of_their_section() {
    let layout = layout_of_file(KLOOP, Paper::A4);
    let doc = compose(&load::load_file(std::path::Path::new(KLOOP)).expect("loads").organisation);
    let targets: Vec<&str> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match &item.kind {
            ItemKind::Link { target: LinkTarget::Anchor(id), .. } => Some(&**id),
            _ => None,
        })
        .collect();
    let expected = linked_events(&doc);
    assert_eq!(targets, expected);
    for id in targets {
        assert!(layout.anchors.iter().any(|a| a.id == id), "no anchor for {id}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes_also_when_built_in_parallel() {
    let first = build(KLOOP, Paper::A4, BOTH);
    let second = build(KLOOP, Paper::A4, BOTH);
    assert_eq!(first.pdf, second.pdf, "PDF differs between two builds");
    assert_eq!(first.epub, second.epub, "EPUB differs between two builds");
    let threads: Vec<_> = (0..4).map(|_| std::thread::spawn(|| build(KLOOP, Paper::A4, BOTH))).collect();
    for thread in threads {
        let outputs = thread.join().expect("thread");
        assert_eq!(outputs.pdf, first.pdf, "PDF differs when built in parallel");
        assert_eq!(outputs.epub, first.epub, "EPUB differs when built in parallel");
    }
}

#[test]
fn the_pdf_carries_metadata_and_no_pdfx_stamp() {
    let bytes = build(KLOOP, Paper::A4, PDF_ONLY).pdf.expect("a PDF");
    let pdf = Pdf::load_mem(&bytes).expect("lopdf reads it");
    let info_id = pdf.trailer.get(b"Info").and_then(Object::as_reference).expect("info");
    let info = pdf.get_dictionary(info_id).expect("info dict");
    for key in ["Title", "Subject", "Keywords", "Creator", "CreationDate", "ModDate"] {
        assert!(info.get(key.as_bytes()).is_ok(), "no /{key}");
    }
    // Kloop's data names no issuer, so no author is claimed: a sheet about Kloop is not by Kloop.
    assert!(info.get(b"Author").is_err(), "an author is claimed");
    assert_eq!(info.get(b"CreationDate").map(pdf_text).ok(), Some("D:20261124000000Z".to_string()));
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "a PDF/X stamp is left");
    assert!(!bytes.windows(15).any(|w| w == b"GTS_PDFXVersion"));
}

/// The section ids the timeline's events point to, in order.
fn linked_events(doc: &dossier::doc::Publication) -> Vec<&str> {
    doc.parts[0]
        .blocks
        .iter()
        .filter_map(|block| match block {
            dossier::doc::Block::Timeline(timeline) => Some(timeline),
            _ => None,
        })
        .flat_map(|timeline| timeline.events.iter().filter_map(|e| e.section.as_deref()))
        .collect()
}
