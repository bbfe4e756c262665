//! The outputs checked by tools we did not write: qpdf, poppler (pdffonts, pdftotext),
//! EPUBCheck 5.3.0, and the text read back from both files.

mod common;

use common::{
    build, epub_files, epubcheck, epubcheck_jar, have, normalise, pdftotext, run_on_file, xhtml_text, BOTH,
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

fn assert_qpdf_clean(pdf: &[u8]) {
    let output = run_on_file("qpdf", &["--check"], "sheet.pdf", pdf);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "qpdf --check failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("No syntax or stream encoding errors found"), "{stdout}");
}

fn assert_fonts_embedded_subset_unicode(pdf: &[u8]) {
    let output = run_on_file("pdffonts", &[], "sheet.pdf", pdf);
    let table = String::from_utf8_lossy(&output.stdout);
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{table}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object-id generation
        let flags = &columns[columns.len() - 5..columns.len() - 2];
        assert_eq!(flags, ["yes", "yes", "yes"], "font not embedded+subset+unicode: {row}");
        assert!(columns[0].contains('+'), "subset fonts carry a tag: {row}");
    }
}

/// Every paragraph is there, whole, and in the data's order.
fn assert_every_paragraph_in(text: &str, path: &str, what: &str) {
    let mut from = 0;
    for paragraph in organisation(path).paragraphs() {
        let expected = normalise(paragraph);
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
    for fact in &doc.facts {
        let value = normalise(&fact.value);
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
