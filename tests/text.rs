//! Hostile and unusual text: markup comes out literally in both outputs, and bidi marks,
//! zero-width and combining characters neither break the layout nor the files.

mod common;

use common::{
    build_text, epub_files, epubcheck, epubcheck_jar, have, load_text, normalise, pdftotext, xhtml_text,
};
use dossier::compose::compose;
use dossier::layout::{lay_out, ItemKind};
use dossier::{Formats, Paper};

const MARKUP: &str = "<script>alert('x')</script> & ]]> <b>not bold</b> &amp; \"quoted\"";
const INVISIBLE: &str = "Cafe\u{301} d\u{200B}ossier \u{200F}right\u{200E} \u{202E}override\u{202C} zero\u{200D}joiner soft\u{AD}hyphen";

fn with_paragraphs(extra: &[&str]) -> String {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("kloop");
    let quoted: String = extra.iter().map(|p| format!("      - {}\n", yaml_quoted(p))).collect();
    kloop.replacen(
        "    title: History\n    paragraphs:\n",
        &format!("    title: History\n    paragraphs:\n{quoted}"),
        1,
    )
}

/// A YAML double-quoted scalar (escapes for the characters YAML would read otherwise).
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || ('\u{200B}'..='\u{206F}').contains(&c) || c == '\u{AD}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn markup_in_the_data_comes_out_literally_in_the_pdf_and_the_epub() {
    let yaml = with_paragraphs(&[MARKUP]);
    let outputs = build_text(&yaml, Paper::A4, Formats { pdf: true, epub: true });
    if have("pdftotext") {
        let text = normalise(&pdftotext(&outputs.pdf.expect("a PDF")));
        assert!(text.contains(MARKUP), "the PDF lost the literal text:\n{text}");
    }
    let epub = outputs.epub.expect("an EPUB");
    let chapter = epub_files(&epub)
        .into_iter()
        .find(|(name, _)| name.ends_with("section-history.xhtml"))
        .map(|(_, bytes)| String::from_utf8(bytes).expect("UTF-8"))
        .expect("the history chapter");
    assert!(!chapter.contains("<script>"), "markup was not escaped");
    assert!(xhtml_text(&chapter).contains(MARKUP), "the EPUB lost the literal text");
    if let Some(jar) = epubcheck_jar() {
        let report = epubcheck(&jar, &epub);
        assert!(report.contains("0 fatals / 0 errors / 0 warnings"), "{report}");
    }
}

#[test]
fn invisible_and_combining_characters_do_not_break_the_layout_or_the_files() {
    let yaml = with_paragraphs(&[INVISIBLE, &INVISIBLE.repeat(12)]);
    let loaded = load_text(&yaml, "invisible.yaml");
    let layout = lay_out(&compose(&loaded.organisation), Paper::A4, false).expect("lays out");
    assert!(layout.warnings.is_empty(), "{:?}", layout.warnings);
    for item in layout.pages.iter().flat_map(|p| &p.items) {
        if let ItemKind::Text { line, x, .. } = &item.kind {
            assert!(x + line.width <= layout.printable.right() + 0.01, "“{}” overflows", line.text);
        }
    }
    let outputs = build_text(&yaml, Paper::A4, Formats { pdf: true, epub: true });
    if let Some(jar) = epubcheck_jar() {
        let report = epubcheck(&jar, &outputs.epub.expect("an EPUB"));
        assert!(report.contains("0 fatals / 0 errors / 0 warnings"), "{report}");
    }
    if have("pdftotext") {
        let text = pdftotext(&outputs.pdf.expect("a PDF"));
        assert!(text.contains("override") && text.contains("right"), "visible words survive");
        assert!(!text.contains('\u{FFFD}'), "no replacement characters");
    }
}
