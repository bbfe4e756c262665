//! The outputs checked by tools we did not write: qpdf, poppler (pdffonts, pdftotext),
//! EPUBCheck 5.3.0, and the text read back from both files.

mod common;

use common::{
    assert_fonts_embedded_subset_unicode, assert_qpdf_clean, build, epub_files, epubcheck, epubcheck_jar,
    have, normalise, pdftotext, xhtml_text, BOTH,
};
use dossier::{compose, load, Paper};

const KLOOP: &str = "data/kloop.yaml";
const CYRILLIC: &str = "tests/fixtures/cyrillic.yaml";

fn organisation(path: &str) -> dossier::model::Organisation {
    load::load_file(std::path::Path::new(path)).expect("data loads").organisation
}

fn pdf_body_text(path: &str, pdf: &[u8]) -> String {
    common::pdf_body_text(&organisation(path), pdf)
}

/// Every paragraph is there, whole, and in the data's order.
fn assert_every_paragraph_in(text: &str, path: &str, what: &str) {
    let mut from = 0;
    for paragraph in organisation(path).paragraphs() {
        let expected = normalise(&paragraph.plain_text());
        let found = text[from..].find(&expected);
        assert!(
            found.is_some(),
            "{what} of {path} lacks, or misorders, the paragraph:\n{expected}\n\nIt has:\n{text}"
        );
        from += found.unwrap_or(0) + expected.len();
    }
}

fn assert_every_fact_in(text: &str, path: &str, what: &str) {
    let doc = compose::compose(&organisation(path));
    let facts = doc.parts[0].blocks.iter().find_map(|block| match block {
        dossier::doc::Block::Facts(facts) => Some(facts),
        _ => None,
    });
    for fact in facts.map_or(&[][..], |f| &f.rows[..]) {
        let value = normalise(&dossier::doc::Inline::plain(&fact.value));
        assert!(text.contains(&value), "{what} lacks the fact {}: {value}", fact.label);
    }
}

fn check_pdf(path: &str, paper: Paper) {
    if !(have("qpdf") && have("pdffonts") && have("pdftotext")) {
        return;
    }
    let pdf = build(path, paper, BOTH).pdf.expect("a PDF");
    assert_qpdf_clean(&pdf);
    assert_fonts_embedded_subset_unicode(&pdf);
    let text = pdf_body_text(path, &pdf);
    assert_every_paragraph_in(&text, path, "the PDF");
    assert_every_fact_in(&text, path, "the PDF");
    assert_justified_lines_end_flush(&pdf, path);
}

/// A number attribute of a pdftotext -bbox element.
fn attribute(element: &str, name: &str) -> f32 {
    let start = element.find(&format!("{name}=\"")).map(|i| i + name.len() + 2).expect("attribute");
    let value = &element[start..];
    value[..value.find('"').expect("closing quote")].parse().expect("a number")
}

/// Where poppler finds each line of body text ending, per page and half of the page (a
/// column). Body text is the words of the most common height: the lead, headings, labels and
/// the footer are set in other sizes, and ragged.
fn body_line_ends(pdf: &[u8]) -> Vec<Vec<f32>> {
    let html = bbox_file(pdf);
    let tenths = |v: f32| (v * 10.0).round() as i32;
    let height = |word: &str| tenths(attribute(word, "yMax") - attribute(word, "yMin"));
    let words = || html.split("<word ").skip(1);
    let body = most_common(words().map(height)).expect("the PDF has words");
    let mut columns = Vec::new();
    for page in html.split("<page ").skip(1) {
        let middle = attribute(page, "width") / 2.0;
        let mut lines: [std::collections::BTreeMap<i32, f32>; 2] = Default::default();
        for word in page.split("<word ").skip(1).filter(|w| height(w) == body) {
            let (x_min, x_max) = (attribute(word, "xMin"), attribute(word, "xMax"));
            let end =
                lines[usize::from(x_min >= middle)].entry(tenths(attribute(word, "yMin"))).or_insert(x_max);
            *end = end.max(x_max);
        }
        columns.extend(lines.map(|l| l.into_values().collect::<Vec<f32>>()));
    }
    columns
}

/// The most frequent value, with how often it occurs.
fn most_common_counted(values: impl Iterator<Item = i32>) -> Option<(i32, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for value in values {
        *counts.entry(value).or_insert(0) += 1;
    }
    counts.into_iter().max_by_key(|(_, count)| *count)
}

fn most_common(values: impl Iterator<Item = i32>) -> Option<i32> {
    most_common_counted(values).map(|(value, _)| value)
}

/// pdftotext -bbox: every word with its box, as XHTML.
fn bbox_file(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let (input, output) = (dir.path().join("in.pdf"), dir.path().join("out.html"));
    std::fs::write(&input, pdf).expect("write pdf");
    let status = std::process::Command::new("pdftotext").arg("-bbox").arg(&input).arg(&output).status();
    assert!(status.is_ok_and(|s| s.success()), "pdftotext -bbox failed");
    std::fs::read_to_string(output).expect("pdftotext wrote its page")
}

/// Justified lines end exactly at their column's edge as a viewer draws them, and no body line
/// passes it: the positions in the PDF (the font's widths plus our TJ adjustments) must add up
/// to what layout computed, kerning included. The edge is the most common line end of a column.
fn assert_justified_lines_end_flush(pdf: &[u8], path: &str) {
    let mut flush_columns = 0;
    for ends in body_line_ends(pdf) {
        let Some((edge, count)) = most_common_counted(ends.iter().map(|end| (end * 10.0).round() as i32))
        else {
            continue;
        };
        if count < 8 {
            continue;
        }
        flush_columns += 1;
        let edge = edge as f32 / 10.0;
        // A last line may end just short of the edge by chance; none may pass it.
        for end in &ends {
            assert!(*end <= edge + 0.15, "{path}: a line ends at {end}, past its column's edge at {edge}");
        }
    }
    assert!(flush_columns >= 2, "{path}: only {flush_columns} columns of justified text found");
}

#[test]
fn kloop_pdf_a4_passes_qpdf_pdffonts_and_pdftotext() {
    check_pdf(KLOOP, Paper::A4);
}

#[test]
fn kloop_pdf_letter_passes_qpdf_pdffonts_and_pdftotext() {
    check_pdf(KLOOP, Paper::Letter);
}

#[test]
fn cyrillic_pdf_passes_the_same_checks() {
    check_pdf(CYRILLIC, Paper::A4);
}

#[test]
fn cyrillic_kyrgyz_and_uzbek_letters_come_back_exactly_from_the_pdf() {
    if !have("pdftotext") {
        return;
    }
    let pdf = build(CYRILLIC, Paper::A4, BOTH).pdf.expect("a PDF");
    let text = pdftotext(&pdf);
    for needle in ["ң", "ө", "ү", "Ө", "oʻ", "gʻ"] {
        assert!(text.contains(needle), "pdftotext lost {needle:?}");
    }
    assert!(!text.contains('\u{FFFD}'), "a replacement character came back");
}

fn check_epub(path: &str) {
    let Some(jar) = epubcheck_jar() else { return };
    let epub = build(path, Paper::A4, BOTH).epub.expect("an EPUB");
    let report = epubcheck(&jar, &epub);
    assert!(report.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "EPUBCheck on {path}:\n{report}");
    assert!(report.contains("Validating using EPUB version 3.3 rules"), "{report}");
}

#[test]
fn kloop_epub_passes_epubcheck() {
    check_epub(KLOOP);
}

#[test]
fn cyrillic_epub_passes_epubcheck() {
    check_epub(CYRILLIC);
}

/// The text of every XHTML content document of the EPUB, in archive order.
fn epub_text(path: &str) -> String {
    let epub = build(path, Paper::A4, BOTH).epub.expect("an EPUB");
    epub_files(&epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml") && !name.ends_with("nav.xhtml"))
        .map(|(_, bytes)| xhtml_text(&String::from_utf8(bytes).expect("XHTML is UTF-8")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn epub_chapters_hold_every_paragraph_and_fact() {
    for path in [KLOOP, CYRILLIC] {
        let text = epub_text(path);
        assert_every_paragraph_in(&text, path, "the EPUB");
        assert_every_fact_in(&text, path, "the EPUB");
    }
}
