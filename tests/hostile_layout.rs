//! Data of hostile sizes lays out without losing a word: what does not fit where the sheet's
//! design puts it goes on in the columns, nothing lies outside the printable area or under the
//! footer, and inputs that once made layout super-linear build at sizes four times apart.

mod common;

use std::collections::HashSet;

use common::bounds::{assert_above_the_footer, assert_within_bounds};
use common::{build_text, have, load_text, normalise, pdftotext};
use dossier::compose::compose;
use dossier::layout::{lay_out, Artifact, ItemKind, Layout, Role};
use dossier::{Formats, Paper};

const PDF_ONLY: Formats = Formats { pdf: true, epub: false };

/// The parts of a data file the cases vary; the rest is the smallest valid file.
struct Data {
    name: String,
    kinds: String,
    lead: String,
    facts: String,
    timeline: String,
    paragraph: String,
    sources: String,
}

impl Default for Data {
    fn default() -> Self {
        Data {
            name: "Org".into(),
            kinds: "NGO".into(),
            lead: "Lead.".into(),
            facts: "  country: Kyrgyzstan\n".into(),
            timeline: String::new(),
            paragraph: "Text.".into(),
            sources: "  - {title: Source, url: \"https://example.org/\"}\n".into(),
        }
    }
}

impl Data {
    fn yaml(&self) -> String {
        let timeline =
            if self.timeline.is_empty() { String::new() } else { format!("timeline:\n{}", self.timeline) };
        format!(
            "language: en\nname: {}\ntype: {}\nupdated: 2026-11-24\nfacts:\n{}lead: {}\nsections:\n  \
             - id: one\n    title: One\n    paragraphs:\n      - {}\n{timeline}sources:\n{}",
            quoted(&self.name),
            quoted(&self.kinds),
            self.facts,
            quoted(&self.lead),
            quoted(&self.paragraph),
            self.sources
        )
    }
}

/// YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `count` distinct words `{stem}0 {stem}1 …`, every one of which the PDF must print.
fn words(stem: &str, count: usize) -> String {
    (0..count).map(|i| format!("{stem}{i}")).collect::<Vec<_>>().join(" ")
}

/// Distinct words up to `chars` characters.
fn words_of_length(stem: &str, chars: usize) -> String {
    let mut text = String::new();
    for i in 0.. {
        let word = format!("{stem}{i}");
        if text.len() + word.len() + 1 > chars {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&word);
    }
    text
}

/// The hostile cases of issue 11, each a named data file.
fn hostile_cases() -> Vec<(&'static str, Data)> {
    let lead = words_of_length("lead", 2_550);
    let fact = words_of_length("owner", 3_000);
    let facts: String = (0..40).map(|i| format!("    - {{label: label{i}, value: value{i}}}\n")).collect();
    let timeline: String = (0..3)
        .map(|i| {
            format!(
                "  - {{date: {}, title: {}, text: x}}\n",
                2000 + i,
                quoted(&words_of_length(&format!("t{i}w"), 500))
            )
        })
        .collect();
    let licence = "licence: {name: CC BY-SA 4.0, url: \"https://creativecommons.org/licenses/by-sa/4.0/\"}";
    let sources: String = (0..1_000)
        .map(|i| {
            format!("  - {{title: src{i}, publisher: pub{i}, url: \"https://example.org/{i}\", {licence}}}\n")
        })
        .collect();
    let long_titles: String = (0..3)
        .map(|i| {
            let title = quoted(&words_of_length(&format!("l{i}w"), 3_000));
            format!("  - {{date: {}, title: {title}, text: x, section: one}}\n", 2000 + i)
        })
        .collect();
    let segments: Vec<String> = (0..150).map(|i| format!("seg{i}")).collect();
    let website = format!("  url: \"https://example.org/{}\"\n", segments.join("/"));
    vec![
        ("a lead of 2,550 characters", Data { lead, ..Data::default() }),
        ("a name of 2,000 words", Data { name: words("name", 2_000), ..Data::default() }),
        ("kinds of 2,000 words", Data { kinds: words("kind", 2_000), ..Data::default() }),
        (
            "a fact value of 3,000 characters",
            Data { facts: format!("  owner: {}\n", quoted(&fact)), ..Data::default() },
        ),
        ("40 facts", Data { facts: format!("  other:\n{facts}"), ..Data::default() }),
        ("timeline titles of 500 characters", Data { timeline, ..Data::default() }),
        ("timeline titles of 3,000 characters", Data { timeline: long_titles, ..Data::default() }),
        ("a website address of 1,000 characters", Data { facts: website, ..Data::default() }),
        ("1,000 licensed sources", Data { sources, ..Data::default() }),
    ]
}

/// The words of the data that the sheet prints: every field but the timeline's event texts,
/// which the sheet's design leaves to the EPUB, and the path of the website's address: the sheet
/// prints its host, the link and the EPUB carry the whole address.
fn printed_words(data: &Data) -> Vec<String> {
    let facts: String = data
        .facts
        .lines()
        .map(|line| match line.split_once("url: ") {
            Some((indent, url)) => {
                let host = url.trim_matches('"').split('/').take(3).collect::<Vec<_>>().join("/");
                format!("{indent}url: {host}/\n")
            }
            None => format!("{line}\n"),
        })
        .collect();
    let fields =
        [&data.name, &data.kinds, &data.lead, &facts, &data.timeline, &data.paragraph, &data.sources];
    let mut words: Vec<String> = fields
        .iter()
        .flat_map(|field| field.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| {
            word.len() > 2
                && word.chars().any(|c| c.is_ascii_digit())
                && word.chars().any(char::is_alphabetic)
        })
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn layout_of(yaml: &str, paper: Paper) -> Layout {
    lay_out(&compose(&load_text(yaml, "hostile.yaml").organisation), paper, false).expect("lays out")
}

/// Lines of running footer a page holds: its text lines in the footer's role, the page label
/// beside the first aside.
fn footer_lines(layout: &Layout) -> usize {
    let running = Role::Artifact(Artifact::Pagination);
    let page = &layout.pages[0];
    let baselines: HashSet<u32> = page
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Text { baseline, .. } if item.role == running => Some(baseline.to_bits()),
            _ => None,
        })
        .collect();
    baselines.len()
}

#[test]
fn every_word_of_hostile_sizes_is_printed_inside_the_printable_area() {
    let check_text = have("pdftotext");
    for (what, data) in hostile_cases() {
        let yaml = data.yaml();
        for paper in [Paper::A4, Paper::Letter] {
            let layout = layout_of(&yaml, paper);
            let what = format!("{what} ({paper:?})");
            assert_within_bounds(&layout, &what);
            assert_above_the_footer(&layout, &what);
            assert!(footer_lines(&layout) <= 2, "{what}: the footer takes {} lines", footer_lines(&layout));
        }
        if !check_text {
            continue;
        }
        let pdf = build_text(&yaml, Paper::A4, PDF_ONLY).pdf.expect("a PDF");
        let text = normalise(&pdftotext(&pdf));
        let printed: HashSet<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        let missing: Vec<String> =
            printed_words(&data).into_iter().filter(|w| !printed.contains(w.as_str())).collect();
        assert!(
            missing.is_empty(),
            "{what}: {} words missing, e.g. {:?}",
            missing.len(),
            &missing[..missing.len().min(5)]
        );
    }
}

#[test]
fn many_licensed_sources_give_a_short_footer_and_few_pages() {
    let (_, data) = hostile_cases()
        .into_iter()
        .find(|(what, _)| what.contains("licensed sources"))
        .expect("the sources case");
    let layout = layout_of(&data.yaml(), Paper::A4);
    // 1,000 entries of about two lines in two columns: tens of pages, not the 1,503 pages of a
    // footer naming every source.
    assert!(layout.pages.len() < 40, "{} pages", layout.pages.len());
    let footer = &compose(&load_text(&data.yaml(), "hostile.yaml").organisation).parts[0].footer;
    assert!(footer.text.starts_with("Text from 1,000 sources under their licences"), "{}", footer.text);
}

/// Inputs that made layout super-linear once, at a size `n`.
fn pathological(kind: &str, n: usize) -> String {
    let paragraph = |text: String| Data { paragraph: text, ..Data::default() }.yaml();
    match kind {
        // Combining marks before zero-width spaces: fragments that never fill a line.
        "marks and zero-width spaces" => paragraph(format!("x{}", "\u{301}\u{200b}".repeat(n))),
        "marks and hair spaces" => paragraph(format!("x{}", "\u{301}\u{200a}".repeat(n))),
        "one long word" => paragraph("a".repeat(n * 10)),
        "one long word with hyphenation points" => paragraph("investigation".repeat(n)),
        "a letter with many marks" => paragraph(format!("e{}", "\u{301}".repeat(n))),
        "many URLs" => {
            paragraph((0..n).map(|i| format!("https://example.org/{i}")).collect::<Vec<_>>().join(" "))
        }
        "a long source URL" => Data {
            // A quarter of `n` segments: the longest stays within the 2,048-character cap.
            sources: format!("  - {{title: T, url: \"https://example.org/{}\"}}\n", "a/".repeat(n / 4)),
            ..Data::default()
        }
        .yaml(),
        "many licensed sources" => {
            let licence = "licence: {name: CC BY 4.0, url: \"https://creativecommons.org/licenses/by/4.0/\"}";
            let sources =
                (0..n / 10).map(|i| format!("  - {{title: S{i}, url: \"https://e.org/{i}\", {licence}}}\n"));
            Data { sources: sources.collect(), ..Data::default() }.yaml()
        }
        "a long name" => Data { name: words("name", n / 10), ..Data::default() }.yaml(),
        other => panic!("no case {other}"),
    }
}

#[test]
fn each_pathological_input_builds_at_two_sizes_four_times_apart() {
    let kinds = [
        "marks and zero-width spaces",
        "marks and hair spaces",
        "one long word",
        "one long word with hyphenation points",
        "a letter with many marks",
        "many URLs",
        "a long source URL",
        "many licensed sources",
        "a long name",
    ];
    for kind in kinds {
        let sizes: Vec<usize> = [1_000, 4_000]
            .into_iter()
            .map(|n| {
                let outputs = build_text(&pathological(kind, n), Paper::A4, PDF_ONLY);
                outputs.pdf.expect("a PDF").len()
            })
            .collect();
        // The PDF grows with the input, not faster: a long URL's link areas share one action.
        assert!(sizes[1] < sizes[0] * 6, "{kind}: {} bytes at 1,000, {} at 4,000", sizes[0], sizes[1]);
    }
}
