//! Random valid documents — random structure, random text in English, Russian, Kyrgyz and Uzbek
//! letters with punctuation and markup characters — always give structurally valid outputs:
//! qpdf accepts the PDF, and the EPUB unzips into well-formed XML.

mod common;

use common::{build_text, epub_files, have, run_on_file};
use dossier::{Formats, Paper};
use proptest::prelude::*;

const LETTERS: &[&str] = &[
    "a", "e", "k", "l", "o", "p", "s", "t", "K", "W", "а", "е", "к", "л", "о", "п", "с", "т", "Ж", "ң", "ө",
    "ү", "Ң", "Ө", "Ү", "oʻ", "gʻ", "Oʻ", "sh", "é", "ß",
];
const MARKS: &[&str] = &[
    " ", " ", " ", " ", ", ", ". ", "—", "-", "«", "»", "“", "”", "&", "<", ">", "]]>", "'", "/", "(", ")",
    "?",
];

fn word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(LETTERS), 1..14).prop_map(|parts| parts.concat())
}

fn text(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::sample::select(MARKS)), words).prop_map(|pieces| {
        let text: String = pieces.into_iter().map(|(w, m)| format!("{w}{m}")).collect();
        text.trim().to_string()
    })
}

/// YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[derive(Debug, Clone)]
struct Section {
    title: String,
    paragraphs: Vec<String>,
    subsections: Vec<(String, Vec<String>)>,
}

fn section() -> impl Strategy<Value = Section> {
    let paragraphs = prop::collection::vec(text(3..80), 0..4);
    let subsections = prop::collection::vec((text(1..6), prop::collection::vec(text(3..60), 1..3)), 0..3);
    (text(1..6), paragraphs, subsections).prop_map(|(title, mut paragraphs, subsections)| {
        if paragraphs.is_empty() && subsections.is_empty() {
            paragraphs.push("Text.".to_string());
        }
        Section { title, paragraphs, subsections }
    })
}

fn document() -> impl Strategy<Value = String> {
    let languages = prop::sample::select(vec!["en", "ru", "ky", "uz-Latn"]);
    (
        languages,
        text(1..4),
        text(5..60),
        prop::collection::vec(section(), 1..6),
        prop::collection::vec(text(1..12), 0..8),
    )
        .prop_map(|(language, name, lead, sections, events)| yaml(language, &name, &lead, &sections, &events))
}

fn yaml(language: &str, name: &str, lead: &str, sections: &[Section], events: &[String]) -> String {
    let mut out = format!(
        "language: {language}\nname: {}\nupdated: 2026-01-01\nlead: {}\nfacts:\n  url: https://example.org/\n  founders: [{}]\nsections:\n",
        quoted(name),
        quoted(lead),
        quoted(name)
    );
    for (i, section) in sections.iter().enumerate() {
        out.push_str(&format!(
            "  - id: s{i}\n    title: {}\n    paragraphs: [{}]\n",
            quoted(&section.title),
            list(&section.paragraphs)
        ));
        if !section.subsections.is_empty() {
            out.push_str("    subsections:\n");
            for (j, (title, paragraphs)) in section.subsections.iter().enumerate() {
                out.push_str(&format!(
                    "      - id: s{i}-{j}\n        title: {}\n        paragraphs: [{}]\n",
                    quoted(title),
                    list(paragraphs)
                ));
            }
        }
    }
    out.push_str("timeline:\n");
    for (i, event) in events.iter().enumerate() {
        let section = i % sections.len();
        out.push_str(&format!(
            "  - {{date: {}, title: {}, text: {}, section: s{section}}}\n",
            2000 + i,
            quoted(event),
            quoted(event)
        ));
    }
    out.push_str("sources:\n  - {title: Test, url: \"https://example.org/a?b=c#d\"}\n");
    out
}

fn list(items: &[String]) -> String {
    items.iter().map(|p| quoted(p)).collect::<Vec<_>>().join(", ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_give_valid_files(yaml in document()) {
        let outputs = build_text(&yaml, Paper::Letter, Formats { pdf: true, epub: true });
        let pdf = outputs.pdf.expect("a PDF");
        if have("qpdf") {
            let check = run_on_file("qpdf", &["--check"], "random.pdf", &pdf);
            prop_assert!(check.status.success(), "qpdf: {}", String::from_utf8_lossy(&check.stdout));
        }
        for (name, bytes) in epub_files(&outputs.epub.expect("an EPUB")) {
            if name.ends_with(".xhtml") || name.ends_with(".opf") || name.ends_with(".ncx") {
                let text = String::from_utf8(bytes).expect("UTF-8");
                let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
                prop_assert!(roxmltree::Document::parse_with_options(&text, options).is_ok(), "{} is not well-formed", name);
            }
        }
    }
}
