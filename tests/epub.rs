//! The EPUB dossier read back by tools we did not write: EPUBCheck, Ace by DAISY, pandoc, and an
//! XML parser for the navigation, package and chapters.

mod common;

use std::path::Path;

use common::scale::scaled_kloop;
use common::{
    assert_ace_passes, build, build_text, epub_files, epubcheck, epubcheck_jar, have, normalise, pipe, BOTH,
};
use dossier::{load, BuildOptions, Formats, Paper};

const KLOOP: &str = "data/kloop.yaml";
const CYRILLIC: &str = "tests/fixtures/cyrillic.yaml";
const EPUB_ONLY: Formats = Formats { pdf: false, epub: true };
/// Chapters besides the sections: cover, title page, key facts, timeline, sources.
const FIXED_CHAPTERS: usize = 5;

/// XHTML files start with `<!DOCTYPE html>`, which roxmltree accepts only when asked.
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options)
}

fn kloop_epub() -> Vec<u8> {
    build(KLOOP, Paper::A4, EPUB_ONLY).epub.expect("an EPUB")
}

fn file(epub: &[u8], name: &str) -> String {
    let (_, bytes) =
        epub_files(epub).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn a_50x_file_passes_epubcheck() {
    let Some(jar) = epubcheck_jar() else { return };
    let epub = build_text(&scaled_kloop(50), Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
    let report = epubcheck(&jar, &epub);
    assert!(report.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "{report}");
}

#[test]
fn ace_by_daisy_reports_no_violations() {
    assert_ace_passes(&kloop_epub());
}

#[test]
fn pandoc_reads_every_paragraph_back() {
    if !have("pandoc") {
        return;
    }
    for path in [KLOOP, CYRILLIC] {
        let epub = build(path, Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
        let output = pipe("pandoc", &["-f", "epub", "-t", "plain", "--wrap=none"], &epub);
        assert!(output.status.success(), "pandoc failed: {}", String::from_utf8_lossy(&output.stderr));
        let text = normalise(&String::from_utf8_lossy(&output.stdout));
        let organisation = load::load_file(Path::new(path)).expect("loads").organisation;
        for paragraph in organisation.paragraphs() {
            assert!(
                text.contains(&normalise(&paragraph.plain_text())),
                "pandoc did not read back from {path}:\n{paragraph}"
            );
        }
    }
}

/// Texts of the links in the nav's table of contents, with their nesting depth.
fn nav_entries(nav: &str) -> Vec<(String, usize)> {
    let doc = parse_xml(nav).expect("nav.xhtml is XML");
    let toc = doc
        .descendants()
        .find(|n| n.has_tag_name("nav") && n.attribute("id") == Some("toc"))
        .expect("a toc nav");
    toc.descendants()
        .filter(|n| n.has_tag_name("a"))
        .map(|a| {
            let depth = a.ancestors().filter(|n| n.has_tag_name("ol")).count();
            (a.text().unwrap_or_default().trim().to_string(), depth)
        })
        .collect()
}

#[test]
fn one_chapter_per_section_and_a_nav_listing_sections_and_subsections_in_order() {
    let epub = kloop_epub();
    let organisation = load::load_file(Path::new(KLOOP)).expect("loads").organisation;
    let opf = file(&epub, "OEBPS/content.opf");
    let package = parse_xml(&opf).expect("content.opf is XML");
    let spine = package.descendants().filter(|n| n.has_tag_name("itemref")).count();
    assert_eq!(spine, organisation.sections.len() + FIXED_CHAPTERS);
    let entries = nav_entries(&file(&epub, "OEBPS/nav.xhtml"));
    let sections: Vec<(String, usize)> =
        organisation.all_sections().iter().map(|(level, s)| (s.title.clone(), *level)).collect();
    let listed: Vec<(String, usize)> =
        entries.iter().filter(|(t, _)| sections.iter().any(|(s, _)| s == t)).cloned().collect();
    assert_eq!(listed, sections, "nav entries (title, depth) in order");
    let ncx = file(&epub, "OEBPS/toc.ncx");
    let ncx = parse_xml(&ncx).expect("toc.ncx is XML");
    let labels: Vec<String> = ncx
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.parent().is_some_and(|p| p.has_tag_name("navLabel")))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect();
    let nav_titles: Vec<String> = entries.into_iter().map(|(t, _)| t).collect();
    assert_eq!(labels, nav_titles, "the NCX mirrors the nav");
}

#[test]
fn landmarks_name_the_cover_the_title_page_and_the_start_of_text() {
    let nav = file(&kloop_epub(), "OEBPS/nav.xhtml");
    let doc = parse_xml(&nav).expect("XML");
    let kinds: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("a")
                && n.ancestors()
                    .any(|a| a.attribute(("http://www.idpf.org/2007/ops", "type")) == Some("landmarks"))
        })
        .filter_map(|a| a.attribute(("http://www.idpf.org/2007/ops", "type")))
        .collect();
    for needed in ["cover", "titlepage", "bodymatter"] {
        assert!(kinds.contains(&needed), "landmarks lack {needed}: {kinds:?}");
    }
}

#[test]
fn every_xhtml_file_is_well_formed_and_foreign_sections_carry_their_language() {
    let epub = build(CYRILLIC, Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
    let mut languages = Vec::new();
    for (name, bytes) in epub_files(&epub) {
        if !(name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx")) {
            continue;
        }
        let text = String::from_utf8(bytes).expect("UTF-8");
        let doc = parse_xml(&text).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
        for node in doc.descendants().filter(|n| n.has_tag_name("section")) {
            if let Some(lang) = node.attribute("lang") {
                assert_eq!(node.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some(lang));
                languages.push(lang.to_string());
            }
        }
    }
    assert!(languages.contains(&"ky".to_string()), "{languages:?}");
    assert!(languages.contains(&"uz-Latn".to_string()), "{languages:?}");
}

#[test]
fn metadata_is_stable_and_dated_from_the_data_or_source_date_epoch() {
    let opf = file(&kloop_epub(), "OEBPS/content.opf");
    assert!(opf.contains("<meta property=\"dcterms:modified\">2026-11-24T00:00:00Z</meta>"), "{opf}");
    assert!(opf.contains("<dc:identifier id=\"epub-id-1\">urn:uuid:"), "{opf}");
    for property in [
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
        "dcterms:conformsTo",
    ] {
        assert!(opf.contains(&format!("property=\"{property}\"")), "no {property}");
    }
    // Kloop's data names no issuer: nobody is claimed as author or publisher, least of all Kloop.
    assert!(!opf.contains("dcterms:publisher") && !opf.contains("<dc:creator"), "{opf}");
    let loaded = load::load_file(Path::new(KLOOP)).expect("loads");
    let options = BuildOptions {
        paper: Paper::A4,
        formats: EPUB_ONLY,
        source_date_epoch: Some(1_700_000_000),
        duplex: false,
    };
    let epub = dossier::render(&loaded, &options).expect("renders").epub.expect("an EPUB");
    assert!(file(&epub, "OEBPS/content.opf").contains("2023-11-14T22:13:20Z"));
    let first_id = opf.split("urn:uuid:").nth(1).map(|s| &s[..36]);
    let again = file(&epub, "OEBPS/content.opf");
    assert_eq!(
        again.split("urn:uuid:").nth(1).map(|s| &s[..36]),
        first_id,
        "the identifier does not depend on the date"
    );
}

#[test]
fn the_kloop_epub_is_at_most_120_kb_with_its_fonts_and_cover() {
    let epub = build(KLOOP, Paper::A4, BOTH).epub.expect("an EPUB");
    assert!(epub.len() <= 120 * 1024, "{} bytes", epub.len());
    let names: Vec<String> = epub_files(&epub).into_iter().map(|(n, _)| n).collect();
    assert!(names.iter().any(|n| n.ends_with(".ttf")), "fonts are embedded: {names:?}");
    assert_eq!(names.first().map(String::as_str), Some("mimetype"));
}

/// The cover PNG decoded: its header and RGB pixels (indexed PNGs expanded).
fn decoded_kloop_cover() -> (png::OutputInfo, Vec<u8>) {
    let loaded = load::load_file(Path::new("data/kloop.yaml")).expect("loads");
    let png = dossier::cover::cover_png(&dossier::compose::compose(&loaded.organisation)).expect("a cover");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    // A palette image comes out as its RGB colours.
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    (info, pixels)
}

#[test]
fn every_strip_of_the_cover_is_painted_and_the_name_is_drawn() {
    let (info, pixels) = decoded_kloop_cover();
    assert_eq!((info.width, info.height, info.color_type), (640, 960, png::ColorType::Rgb));
    let accent = dossier::layout::style::Color::ACCENT;
    let channel = |v: f32| (v * 255.0).round() as u8;
    let background = [channel(accent.0), channel(accent.1), channel(accent.2)];
    // The left edge is background on every row: no strip was left unpainted.
    for (y, row) in pixels.chunks_exact(640 * 3).enumerate() {
        assert_eq!(row[..3], background, "row {y} starts with {:?}", &row[..3]);
    }
    // The white wordmark sits a little below the top margin.
    let white = pixels.chunks_exact(3).filter(|p| p.iter().all(|c| *c > 240)).count();
    assert!(white > 2_000, "only {white} white pixels: the name was not drawn");
}

#[test]
fn a_section_may_be_called_sources_facts_or_timeline_and_its_links_still_reach_it() {
    let kloop = std::fs::read_to_string(KLOOP).expect("data");
    let yaml = kloop.replace("id: history", "id: sources").replace("section: history", "section: sources");
    let epub = build_text(&yaml, Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
    let timeline = file(&epub, "OEBPS/timeline.xhtml");
    assert!(timeline.contains("href=\"section-sources.xhtml#sources\""), "{timeline}");
    assert!(!timeline.contains("href=\"sources.xhtml#sources\""), "{timeline}");
}

/// Characters of an XHTML file's text, and those inside `<em>` (set in the italic faces).
fn text_characters(xhtml: &str) -> (String, String) {
    let doc = parse_xml(xhtml).expect("XHTML is XML");
    let mut all = String::new();
    let mut emphasised = String::new();
    for node in doc.descendants().filter(|n| n.is_text()) {
        let text = node.text().unwrap_or_default();
        all.push_str(text);
        if node.ancestors().any(|a| a.has_tag_name("em")) {
            emphasised.push_str(text);
        }
    }
    (all, emphasised)
}

#[test]
fn every_character_of_every_chapter_is_in_the_subset_of_the_face_that_draws_it() {
    for path in [KLOOP, CYRILLIC, "tests/fixtures/inline.yaml", "tests/fixtures/languages/uz-latn.yaml"] {
        let epub = build(path, Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
        let files = epub_files(&epub);
        let font = |name: &str| files.iter().find(|(n, _)| n.ends_with(name)).map(|(_, bytes)| bytes.clone());
        let regular = font("NotoSans-Regular.ttf").expect("the regular face");
        let bold = font("NotoSans-Bold.ttf").expect("the bold face");
        let italic = font("NotoSans-Italic.ttf");
        let faces: Vec<(&str, rustybuzz::ttf_parser::Face)> = [("regular", &regular), ("bold", &bold)]
            .into_iter()
            .map(|(name, bytes)| (name, rustybuzz::ttf_parser::Face::parse(bytes, 0).expect("a font")))
            .collect();
        let italic =
            italic.as_ref().map(|bytes| rustybuzz::ttf_parser::Face::parse(bytes, 0).expect("a font"));
        for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".xhtml") && !n.ends_with("nav.xhtml"))
        {
            let (all, emphasised) = text_characters(&String::from_utf8_lossy(bytes));
            for c in all.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
                for (face_name, face) in &faces {
                    assert!(
                        face.glyph_index(c).is_some(),
                        "{path} {name}: {c:?} (U+{:04X}) is not in the {face_name} subset",
                        c as u32
                    );
                }
            }
            for c in emphasised.chars().filter(|c| !c.is_whitespace()) {
                let face =
                    italic.as_ref().unwrap_or_else(|| panic!("{path} {name}: emphasis but no italic face"));
                assert!(face.glyph_index(c).is_some(), "{path} {name}: {c:?} is not in the italic subset");
            }
        }
    }
}

/// Widths of `text` shaped by rustybuzz (HarfBuzz's shaping, kerning and ligatures included).
fn shaped_advance(font: &[u8], text: &str) -> i32 {
    let face = rustybuzz::Face::from_slice(font, 0).expect("a font");
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(&face, &[], buffer);
    shaped.glyph_positions().iter().map(|p| p.x_advance).sum()
}

/// The embedded subsets keep the OpenType layout tables, so that a reader's shaper kerns and
/// forms ligatures with them as with the whole face: text shapes to the same widths.
#[test]
fn the_embedded_subsets_keep_kerning_and_ligatures() {
    for (path, samples) in [(KLOOP, ["AVATAR Today", "To find office"]), (CYRILLIC, ["Ту Гу", "Кыргызстан"])]
    {
        let epub = build(path, Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
        let files = epub_files(&epub);
        let subset = files
            .iter()
            .find(|(n, _)| n.ends_with("NotoSans-Regular.ttf"))
            .map(|(_, bytes)| bytes.clone())
            .expect("the regular face");
        let face = rustybuzz::ttf_parser::Face::parse(&subset, 0).expect("a font");
        assert!(face.tables().gsub.is_some(), "{path}: no GSUB in the subset");
        assert!(face.tables().gpos.is_some(), "{path}: no GPOS in the subset");
        let whole = std::fs::read("fonts/NotoSans-Regular.ttf").expect("the face");
        for sample in samples {
            // Only letters the book prints are in its subset.
            let printed: String =
                sample.chars().filter(|c| face.glyph_index(*c).is_some() || *c == ' ').collect();
            assert_eq!(
                shaped_advance(&subset, &printed),
                shaped_advance(&whole, &printed),
                "{path}: “{printed}” shapes differently in the subset"
            );
        }
    }
}
