//! The printed sheet read as a typographer reads it, from `pdftotext -raw`: how many justified
//! lines end in a hyphen, how many in a row, and whether a paragraph ends on a lone fragment.

mod common;

use std::path::Path;

use common::{build, kloop_with_timeline, normalise, pdftotext, BOTH};
use dossier::{load, Paper};

/// The justified lines of Kloop's section paragraphs in reading order, each with whether it is
/// its paragraph's last line.
fn body_lines(paper: Paper) -> Vec<(String, bool)> {
    let loaded = load::load_file(Path::new("data/kloop.yaml")).expect("loads");
    let paragraphs: Vec<String> = loaded
        .organisation
        .all_sections()
        .into_iter()
        .flat_map(|(_, section)| section.paragraphs.iter().map(|p| normalise(&p.plain_text())))
        .collect();
    let text = pdftotext(&build("data/kloop.yaml", paper, BOTH).pdf.expect("a PDF"));
    let mut lines = Vec::new();
    for line in text.lines().map(|l| l.trim_start_matches('\u{c}').trim()) {
        let words = normalise(line.trim_end_matches('\u{ad}'));
        if words.chars().count() < 20 {
            continue;
        }
        let Some(paragraph) = paragraphs.iter().find(|p| p.contains(words.as_str())) else { continue };
        lines.push((line.to_string(), paragraph.ends_with(words.as_str())));
    }
    lines
}

#[test]
fn few_lines_end_in_a_hyphen_never_three_in_a_row_and_no_paragraph_ends_on_a_fragment() {
    for paper in [Paper::A4, Paper::Letter] {
        let lines = body_lines(paper);
        let full: Vec<&(String, bool)> = lines.iter().filter(|(_, last)| !last).collect();
        assert!(full.len() >= 80, "{paper:?}: only {} full-width lines found", full.len());
        let hyphenated = full.iter().filter(|(line, _)| line.ends_with('\u{ad}')).count();
        let share = hyphenated as f32 / full.len() as f32;
        assert!(share <= 0.20, "{paper:?}: {hyphenated} of {} full-width lines end in a hyphen", full.len());
        let mut run = 0;
        for (line, _) in &lines {
            run = if line.ends_with('\u{ad}') { run + 1 } else { 0 };
            assert!(run <= 2, "{paper:?}: three lines in a row end in a hyphen, the third: “{line}”");
        }
        for pair in lines.windows(2) {
            let ((before, _), (last, is_last)) = (&pair[0], &pair[1]);
            if *is_last && before.ends_with('\u{ad}') {
                let fragment: String = last.chars().take_while(|c| c.is_alphabetic()).collect();
                assert!(
                    fragment.chars().count() >= 4,
                    "{paper:?}: a paragraph ends on the fragment “{fragment}” after “{before}”"
                );
            }
        }
    }
}

/// The laid-out first page of Kloop with `url` as its website.
fn first_page_with_website(url: &str) -> (dossier::layout::Page, Vec<String>) {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data");
    let yaml = kloop.replace("url: https://kloop.kg/", &format!("url: {url}"));
    let loaded = common::load_text(&yaml, "website.yaml");
    let mut layout =
        dossier::layout::lay_out(&dossier::compose::compose(&loaded.organisation), Paper::A4, false)
            .expect("lays out");
    let warnings = std::mem::take(&mut layout.warnings);
    (layout.pages.swap_remove(0), warnings)
}

/// The band's height, the name's lines, and the smallest dark QR module's side, in points.
fn header_measures(page: &dossier::layout::Page) -> (f32, usize, f32) {
    use dossier::layout::{ItemKind, Role};
    let accent = dossier::layout::style::Color::ACCENT;
    let band = page
        .items
        .iter()
        .find_map(|item| match &item.kind {
            ItemKind::Fill { rect, color } if *color == accent => Some(rect.height),
            _ => None,
        })
        .expect("the band");
    let title_lines = page
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Text { .. }) && i.role == Role::Title)
        .count();
    let module = page
        .items
        .iter()
        .filter(|i| matches!(i.role, Role::Figure { ref alt } if alt.contains("QR")))
        .filter_map(|item| match &item.kind {
            ItemKind::Fill { rect, color } if color.0 == 0.0 => Some(rect.height),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    (band, title_lines, module)
}

#[test]
fn a_long_website_keeps_the_header_its_height_and_the_qr_code_printable() {
    let long = format!("https://kloop.kg/ru/{}/article?ref=share", "investigations-".repeat(7));
    assert!(long.len() >= 130, "{}", long.len());
    let (normal, _) = first_page_with_website("https://kloop.kg/");
    let (page, warnings) = first_page_with_website(&long);
    let (normal_band, _, _) = header_measures(&normal);
    let (band, title_lines, module) = header_measures(&page);
    assert_eq!(title_lines, 1, "the name stays on one line");
    assert!((band - normal_band).abs() < 0.5, "the band is {band} pt high, not {normal_band}");
    let mm = 72.0 / 25.4;
    assert!(module >= 0.5 * mm, "QR modules of {:.2} mm", module / mm);
    assert!(warnings.iter().any(|w| w.contains("QR code")), "the shortened QR code is said: {warnings:?}");
    // The key facts show the host and link the whole address.
    let text = pdftotext(&{
        let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data");
        common::build_text(&kloop.replace("url: https://kloop.kg/", &format!("url: {long}")), Paper::A4, BOTH)
            .pdf
            .expect("a PDF")
    });
    assert!(!text.contains("investigations-investigations"), "the long path is not printed");
}

#[test]
fn the_website_link_of_the_key_facts_carries_the_whole_address() {
    let long = format!("https://kloop.kg/ru/{}/article?ref=share", "investigations-".repeat(7));
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data");
    let pdf = common::build_text(
        &kloop.replace("url: https://kloop.kg/", &format!("url: {long}")),
        Paper::A4,
        BOTH,
    )
    .pdf
    .expect("a PDF");
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads it");
    let mut uris = Vec::new();
    for (_, page) in doc.get_pages() {
        for annotation in doc.get_page_annotations(page).unwrap_or_default() {
            let action = annotation.get(b"A").and_then(|a| doc.dereference(a)).and_then(|(_, a)| a.as_dict());
            if let Ok(Ok(lopdf::Object::String(uri, _))) = action.map(|a| a.get(b"URI")) {
                uris.push(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    assert!(uris.contains(&long), "no link to the whole address among {uris:?}");
}

/// Kloop with `count` timeline events a month apart.
fn kloop_with_events(count: usize) -> String {
    kloop_with_timeline(count, "Event number", "Something happened.")
}

/// Each timeline event's label boxes on each page: (page, event block, x0, y0, x1, y1).
fn timeline_label_boxes(yaml: &str, paper: Paper) -> Vec<(usize, u32, f32, f32, f32, f32)> {
    use dossier::layout::{ItemKind, Role};
    let loaded = common::load_text(yaml, "timeline.yaml");
    let document = dossier::compose::compose(&loaded.organisation);
    let events: std::collections::HashSet<u32> = document.parts[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            dossier::doc::Block::Timeline(t) => Some(t.events.iter().map(|e| e.key.0).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect();
    let layout = dossier::layout::lay_out(&document, paper, false).expect("lays out");
    let mut boxes: Vec<(usize, u32, f32, f32, f32, f32)> = Vec::new();
    for (index, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            let ItemKind::Text { line, x, baseline, style } = &item.kind else { continue };
            if !events.contains(&item.block.0)
                || !matches!(item.role, Role::Label | Role::Link | Role::ListItem)
            {
                continue;
            }
            // The ink: from the first glyph to the end of the last (a centred line starts indented).
            let (Some(first), Some(last)) = (line.glyphs.first(), line.glyphs.last()) else { continue };
            let (x0, x1) = (x + first.x, x + last.x + last.advance);
            let (y0, y1) = (baseline - style.size, baseline + style.size * 0.25);
            match boxes.iter_mut().find(|b| b.0 == index && b.1 == item.block.0) {
                Some(b) => *b = (index, b.1, b.2.min(x0), b.3.min(y0), b.4.max(x1), b.5.max(y1)),
                None => boxes.push((index, item.block.0, x0, y0, x1, y1)),
            }
        }
    }
    boxes
}

#[test]
fn no_two_timeline_labels_overlap_or_touch() {
    for count in [0, 10, 40] {
        let yaml = if count == 0 {
            std::fs::read_to_string("data/kloop.yaml").expect("data")
        } else {
            kloop_with_events(count)
        };
        for paper in [Paper::A4, Paper::Letter] {
            let boxes = timeline_label_boxes(&yaml, paper);
            assert!(!boxes.is_empty(), "{count} events, {paper:?}: no labels found");
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    // Side by side, at least 2 mm apart: closer, two labels read as one string.
                    let gap = 2.0 * 72.0 / 25.4;
                    let apart =
                        a.0 != b.0 || a.4 + gap <= b.2 || b.4 + gap <= a.2 || a.5 <= b.3 || b.5 <= a.3;
                    assert!(
                        apart,
                        "{count} events, {paper:?}: labels of events {} and {} overlap: {a:?} {b:?}",
                        a.1, b.1
                    );
                }
            }
        }
    }
}

/// The text lines `pdftotext -bbox-layout` finds, in points: (page, x0, y0, x1, y1, text).
fn bbox_lines(pdf: &[u8]) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let output = std::process::Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed");
    let xml = String::from_utf8(output.stdout).expect("UTF-8");
    let attribute = |tag: &str, name: &str| -> f32 {
        let from = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[from..].split('"').next().and_then(|v| v.parse().ok()).expect("a number")
    };
    let mut lines = Vec::new();
    for (page, text) in xml.split("<page ").skip(1).enumerate() {
        for line in text.split("<line ").skip(1) {
            let line = line.split("</line>").next().unwrap_or_default();
            let words: Vec<&str> = line
                .split("<word ")
                .skip(1)
                .filter_map(|w| w.split_once('>').and_then(|(_, rest)| rest.split("</word>").next()))
                .collect();
            lines.push((
                page,
                attribute(line, "xMin"),
                attribute(line, "yMin"),
                attribute(line, "xMax"),
                attribute(line, "yMax"),
                words.join(" "),
            ));
        }
    }
    lines
}

const MM: f32 = 72.0 / 25.4;
/// The body text's leading, one line of the columns' grid.
const BODY_LINE: f32 = 12.4;

/// Kloop's data without its timeline.
fn kloop_without_timeline() -> String {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data");
    let start = kloop.find("\ntimeline:\n").expect("a timeline") + 1;
    let end = kloop[start..].find("\nsources:").map(|e| start + e + 1).expect("sources after it");
    format!("{}{}", &kloop[..start], &kloop[end..])
}

/// The gap between the lower of the lead and the key facts and the first line below them: the
/// timeline's heading, or with no timeline the first section's.
#[test]
fn what_follows_the_lead_and_key_facts_starts_under_the_lower_of_them() {
    let with = std::fs::read_to_string("data/kloop.yaml").expect("data");
    for (yaml, next) in [(with, "Timeline"), (kloop_without_timeline(), "History")] {
        for paper in [Paper::A4, Paper::Letter] {
            let pdf = common::build_text(&yaml, paper, BOTH).pdf.expect("a PDF");
            let lines: Vec<_> = bbox_lines(&pdf).into_iter().filter(|l| l.0 == 0).collect();
            let heading = lines.iter().find(|l| l.5 == next).expect("the heading after the opening");
            // The band ends 45 mm down; the lead and the key facts are the lines from there to it.
            let lower =
                lines.iter().filter(|l| l.2 > 45.0 * MM && l.4 < heading.2).map(|l| l.4).fold(0.0, f32::max);
            let gap = (heading.2 - lower) / MM;
            assert!(gap < 6.0, "{paper:?}: {gap:.1} mm between the opening and “{next}”");
            assert!(gap > 2.0, "{paper:?}: “{next}” is only {gap:.1} mm under the opening");
        }
    }
}

/// A line's box: x0, y0, x1, y1.
type LineBox = (f32, f32, f32, f32);

/// The lines of the two columns below `top` on each page: (page, is the left column, line).
fn column_lines(pdf: &[u8], width: f32, height: f32) -> Vec<(usize, bool, LineBox)> {
    let lines = bbox_lines(pdf);
    // Below the timeline, or the opening, on the first page; above the footer on every page.
    let first_top = lines
        .iter()
        .filter(|l| l.0 == 0 && (l.5 == "History"))
        .map(|l| l.2)
        .next()
        .expect("the first section's heading");
    lines
        .iter()
        .filter(|l| (l.0 > 0 || l.2 >= first_top - 1.0) && l.4 < height - 25.0 * MM)
        .filter(|l| l.3 < width / 2.0 || l.1 > width / 2.0)
        .map(|l| (l.0, l.3 < width / 2.0, (l.1, l.2, l.3, l.4)))
        .collect()
}

#[test]
fn columns_end_level_and_their_lines_share_one_baseline_grid() {
    for paper in [Paper::A4, Paper::Letter] {
        let (width, height) = paper.size();
        let pdf = build("data/kloop.yaml", paper, BOTH).pdf.expect("a PDF");
        let lines = column_lines(&pdf, width, height);
        let pages = lines.iter().map(|l| l.0).max().expect("lines") + 1;
        for page in 0..pages {
            let bottom = |left: bool| {
                lines.iter().filter(|l| l.0 == page && l.1 == left).map(|l| l.2 .3).fold(0.0, f32::max)
            };
            let (left, right) = (bottom(true), bottom(false));
            assert!(
                (left - right).abs() <= BODY_LINE + 0.5,
                "{paper:?} page {}: the columns end {:.1} mm apart",
                page + 1,
                (left - right).abs() / MM
            );
            // Running text lines (the most common height: the body's) all stand on one grid
            // across both columns.
            let heights: Vec<i32> = lines
                .iter()
                .filter(|l| l.0 == page)
                .map(|l| ((l.2 .3 - l.2 .1) * 10.0).round() as i32)
                .collect();
            let body_height = heights
                .iter()
                .max_by_key(|h| heights.iter().filter(|other| other == h).count())
                .copied()
                .expect("lines");
            let body: Vec<f32> = lines
                .iter()
                .filter(|l| l.0 == page && ((l.2 .3 - l.2 .1) * 10.0).round() as i32 == body_height)
                .map(|l| l.2 .3)
                .collect();
            assert!(body.len() > 20, "{paper:?} page {}: only {} body lines found", page + 1, body.len());
            let origin = body[0];
            for y in &body {
                let off = ((y - origin) / BODY_LINE).fract().abs();
                let off = off.min(1.0 - off) * BODY_LINE;
                assert!(off < 0.3, "{paper:?} page {}: a line {off:.2} pt off the grid", page + 1);
            }
        }
    }
}

/// Kloop with `count` events, each with a text of about a hundred characters, a month apart.
fn kloop_with_told_events(count: usize) -> String {
    let text =
        "The court heard the prosecution's witnesses and adjourned the case until the following month.";
    kloop_with_timeline(count, "Hearing in the case, number", text)
}

#[test]
fn forty_timeline_events_leave_no_page_more_than_half_empty() {
    for yaml in [kloop_with_events(40), kloop_with_told_events(40), kloop_with_told_events(12)] {
        for paper in [Paper::A4, Paper::Letter] {
            let (_, height) = paper.size();
            let pdf = common::build_text(&yaml, paper, BOTH).pdf.expect("a PDF");
            let lines = bbox_lines(&pdf);
            let pages = lines.iter().map(|l| l.0).max().expect("lines") + 1;
            let (top, foot) = (15.0 * MM, height - 25.0 * MM);
            for page in 0..pages {
                let lowest =
                    lines.iter().filter(|l| l.0 == page && l.4 < foot).map(|l| l.4).fold(top, f32::max);
                let filled = (lowest - top) / (foot - top);
                assert!(
                    filled > 0.5,
                    "{paper:?}: page {} of {pages} is only {:.0}% full",
                    page + 1,
                    filled * 100.0
                );
            }
        }
    }
}

/// Kloop with `count` more key facts.
fn kloop_with_more_facts(count: usize) -> String {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data");
    let facts: String = (0..count)
        .map(|i| format!("    - label: Fact number {i}\n      value: A value of fact {i}\n"))
        .collect();
    kloop.replacen("  commercial: false\n", &format!("  commercial: false\n  other:\n{facts}"), 1)
}

/// Under the lead's last line, the next line across it starts soon: neither the lead nor the
/// key facts leave a hole beside the other, however many facts there are.
#[test]
fn no_hole_under_the_lead_or_the_key_facts_whatever_their_lengths() {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data");
    let lead = normalise(
        &kloop[kloop.find("lead: >-").expect("a lead")..kloop.find("sections:").expect("sections")],
    );
    for extra in [0, 4, 8, 14] {
        let yaml = kloop_with_more_facts(extra);
        for paper in [Paper::A4, Paper::Letter] {
            let pdf = common::build_text(&yaml, paper, BOTH).pdf.expect("a PDF");
            let lines: Vec<_> = bbox_lines(&pdf).into_iter().filter(|l| l.0 == 0).collect();
            let lead_lines: Vec<_> =
                lines.iter().filter(|l| l.5.len() > 10 && lead.contains(&normalise(&l.5))).collect();
            assert!(lead_lines.len() >= 3, "{extra} facts, {paper:?}: the lead was not found");
            let last = lead_lines.iter().max_by(|a, b| a.4.total_cmp(&b.4)).expect("a line");
            let next = lines
                .iter()
                .filter(|l| l.2 > last.4 && l.1 < last.3 && l.3 > last.1)
                .map(|l| l.2)
                .fold(f32::INFINITY, f32::min);
            let gap = (next - last.4) / MM;
            assert!(gap < 8.0, "{extra} more facts, {paper:?}: {gap:.1} mm empty under the lead");
        }
    }
}
