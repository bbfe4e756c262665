//! Briefing packets read back by tools we did not write: qpdf, poppler, lopdf, EPUBCheck, Ace,
//! pandoc and an XML parser. The contents page is checked against where each organisation
//! really begins, links against the member they belong to, duplex against page parity.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use common::{
    assert_ace_passes, assert_fonts_embedded_subset_unicode, assert_qpdf_clean, epub_files, epubcheck,
    epubcheck_jar, have, normalise, pipe, BOTH,
};
use dossier::{load, BuildOptions, Outputs, Paper};
use lopdf::{Document, Object, ObjectId};

const BRIEFING: &str = "data/briefing.yaml";
const SHARED: &str = "tests/fixtures/packet/shared.yaml";

fn packet(path: &str) -> load::LoadedPacket {
    match load::load_input(Path::new(path)) {
        Ok(load::Input::Packet(packet)) => packet,
        Ok(load::Input::Organisation(_)) => panic!("{path} is not a packet"),
        Err(error) => panic!("{path}: {error}"),
    }
}

fn build(path: &str, duplex: bool) -> Outputs {
    let options = BuildOptions { paper: Paper::A4, formats: BOTH, source_date_epoch: None, duplex };
    dossier::render_packet(&packet(path), &options).expect("the packet renders")
}

/// Each page's text in content-stream order (`pdftotext -raw`), page by page.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let text = common::pdftotext(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Page number (1-based) of each page object.
fn page_numbers(doc: &Document) -> HashMap<ObjectId, u32> {
    doc.get_pages().into_iter().map(|(number, id)| (id, number)).collect()
}

/// Every link annotation of a page with its rectangle and, for an internal link, the number of
/// the page it leads to.
fn links(doc: &Document, page: ObjectId, numbers: &HashMap<ObjectId, u32>) -> Vec<([f32; 4], Option<u32>)> {
    let mut found = Vec::new();
    let Ok(annotations) = doc.get_page_annotations(page) else { return found };
    for annotation in annotations {
        let Ok(Object::Array(rect)) = annotation.get(b"Rect") else { continue };
        let rect: Vec<f32> = rect.iter().map(|v| v.as_float().expect("a number")).collect();
        let target = match annotation.get(b"Dest") {
            Ok(Object::Array(dest)) => {
                let id = dest[0].as_reference().expect("a page reference");
                Some(*numbers.get(&id).expect("the destination is a page"))
            }
            _ => None,
        };
        found.push(([rect[0], rect[1], rect[2], rect[3]], target));
    }
    found
}

/// Words of page `page` (1-based) with their boxes, top-left origin, from `pdftotext -bbox`.
fn words(pdf: &[u8], page: u32) -> Vec<(String, [f32; 4])> {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, pdf).expect("write");
    let page = page.to_string();
    let output = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let attribute = |tag: &str, name: &str| -> f32 {
        let from = tag.find(&format!("{name}=\"")).expect("an attribute") + name.len() + 2;
        tag[from..].split('"').next().expect("a value").parse().expect("a number")
    };
    html.split("<word ")
        .skip(1)
        .map(|chunk| {
            let (tag, rest) = chunk.split_once('>').expect("a word tag");
            let text = rest.split("</word>").next().expect("a word").replace("&amp;", "&");
            let bbox = ["xMin", "yMin", "xMax", "yMax"].map(|name| attribute(tag, name));
            (text, bbox)
        })
        .collect()
}

/// The 1-based page on which each member's sheet begins: the first page whose text starts with
/// the member's name (the wordmark, perhaps over two lines, is the first text a sheet draws).
fn sheet_starts(pdf: &[u8], names: &[String]) -> HashMap<String, u32> {
    let mut starts = HashMap::new();
    for (index, text) in page_texts(pdf).iter().enumerate() {
        let text = normalise(text);
        for name in names.iter().filter(|name| text.starts_with(&format!("{name} "))) {
            starts.entry(name.clone()).or_insert(index as u32 + 1);
        }
    }
    starts
}

fn member_names(path: &str) -> Vec<String> {
    packet(path).members.iter().map(|m| m.organisation.name.clone()).collect()
}

/// Depth of the outline below `first` (its siblings included).
fn outline_depth(doc: &Document, first: Option<ObjectId>) -> usize {
    let mut deepest = 0;
    let mut next = first;
    while let Some(id) = next {
        let entry = doc.get_dictionary(id).expect("an outline entry");
        let below = entry.get(b"First").and_then(Object::as_reference).ok();
        deepest = deepest.max(1 + outline_depth(doc, below));
        next = entry.get(b"Next").and_then(Object::as_reference).ok();
    }
    deepest
}

/// Top-level outline entries: title and destination page.
fn outline_top(doc: &Document) -> Vec<(String, u32)> {
    let numbers = page_numbers(doc);
    let catalog = doc.catalog().expect("a catalog");
    let outlines = catalog.get(b"Outlines").and_then(Object::as_reference).expect("an outline");
    let mut next =
        doc.get_dictionary(outlines).expect("outlines").get(b"First").and_then(Object::as_reference).ok();
    let mut entries = Vec::new();
    while let Some(id) = next {
        let entry = doc.get_dictionary(id).expect("an entry");
        let title = match entry.get(b"Title") {
            Ok(Object::String(bytes, _)) => decode_text(bytes),
            _ => String::new(),
        };
        let dest = entry.get(b"Dest").and_then(Object::as_array).expect("a destination");
        let page = numbers[&dest[0].as_reference().expect("a page")];
        entries.push((title, page));
        next = entry.get(b"Next").and_then(Object::as_reference).ok();
    }
    entries
}

/// A PDF text string: UTF-16BE with a byte order mark, or PDFDocEncoding (ASCII here).
fn decode_text(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn the_briefing_passes_every_validator_and_holds_every_paragraph_of_every_member() {
    let outputs = build(BRIEFING, false);
    let pdf = outputs.pdf.expect("a PDF");
    let epub = outputs.epub.expect("an EPUB");
    assert_qpdf_clean(&pdf);
    assert_fonts_embedded_subset_unicode(&pdf);
    let doc = Document::load_mem(&pdf).expect("lopdf reads it");
    let outlines =
        doc.catalog().expect("catalog").get(b"Outlines").and_then(Object::as_reference).expect("outline");
    let first =
        doc.get_dictionary(outlines).expect("outlines").get(b"First").and_then(Object::as_reference).ok();
    assert_eq!(outline_depth(&doc, first), 3, "organisation → section → subsection");
    if let Some(jar) = epubcheck_jar() {
        let report = epubcheck(&jar, &epub);
        assert!(report.contains("Messages: 0 fatals / 0 errors / 0 warnings / 0 infos"), "{report}");
    }
    assert_ace_passes(&epub);

    let pdf_text = normalise(&common::pdftotext(&pdf));
    let epub_text = have("pandoc").then(|| {
        let output = pipe("pandoc", &["-f", "epub", "-t", "plain", "--wrap=none"], &epub);
        assert!(output.status.success(), "pandoc failed: {}", String::from_utf8_lossy(&output.stderr));
        normalise(&String::from_utf8_lossy(&output.stdout))
    });
    assert!(epub_text.is_some() || !common::tools_required(), "pandoc is missing");
    for member in &packet(BRIEFING).members {
        for paragraph in member.organisation.paragraphs() {
            let expected = normalise(&paragraph.plain_text());
            // A paragraph that crosses a page has the running footer between its halves: each
            // half is there, in order.
            assert!(contains_across_pages(&pdf_text, &expected), "the PDF lacks:\n{expected}");
            if let Some(text) = &epub_text {
                assert!(text.contains(&expected), "the EPUB lacks:\n{expected}");
            }
        }
    }
}

/// `text` holds `paragraph`, perhaps with a page's foot (a few lines) between two of its words.
fn contains_across_pages(text: &str, paragraph: &str) -> bool {
    if text.contains(paragraph) {
        return true;
    }
    let words: Vec<&str> = paragraph.split(' ').collect();
    (1..words.len()).any(|cut| {
        let (head, tail) = (words[..cut].join(" "), words[cut..].join(" "));
        text.find(&head).is_some_and(|at| {
            let after = &text[at + head.len()..];
            after.find(&tail).is_some_and(|gap| gap < 400)
        })
    })
}

#[test]
fn the_contents_page_numbers_and_links_lead_to_where_each_organisation_begins() {
    for path in [BRIEFING, SHARED] {
        assert_contents_lead_where_they_say(path);
    }
}

/// Each contents line that prints a number links to that page; an organisation's number is the
/// page its sheet begins on, a section's the page that shows its heading.
fn assert_contents_lead_where_they_say(path: &str) {
    let pdf = build(path, false).pdf.expect("a PDF");
    let names = member_names(path);
    let starts = sheet_starts(&pdf, &names);
    assert_eq!(starts.len(), names.len(), "{path}: every member's sheet is found: {starts:?}");
    let texts: Vec<String> = page_texts(&pdf).iter().map(|t| normalise(t)).collect();
    let doc = Document::load_mem(&pdf).expect("lopdf reads it");
    let numbers = page_numbers(&doc);
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    let contents_page =
        texts.iter().position(|text| text.starts_with("Contents")).expect("a contents page") as u32 + 1;
    let height = 841.89;
    let words = words(&pdf, contents_page);
    let mut organisations_seen = HashSet::new();
    let mut entries = 0;
    for (rect, target) in links(&doc, pages[&contents_page], &numbers) {
        let target = target.expect("contents links lead inside the document");
        // The words inside the link's area: the entry's title, then its printed page number.
        let (top, bottom) = (height - rect[3], height - rect[1]);
        let inside: Vec<&str> = words
            .iter()
            .filter(|(_, b)| {
                let (x, y) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
                x >= rect[0] && x <= rect[2] && y >= top && y <= bottom
            })
            .map(|(w, _)| w.as_str())
            .collect();
        let (number, title) = inside.split_last().expect("an entry has words");
        let Ok(printed) = number.parse::<u32>() else {
            // A line of a title that takes more than one: the number is on its last line.
            continue;
        };
        assert_eq!(printed, target, "{path}: {inside:?} prints {printed} but links to page {target}");
        let title = title.join(" ");
        match starts.get(&title) {
            Some(start) => {
                assert_eq!(
                    printed, *start,
                    "{path}: {title} begins on page {start}, the contents say {printed}"
                );
                organisations_seen.insert(title);
            }
            None => {
                let page = &texts[printed as usize - 1];
                assert!(page.contains(&title), "{path}: page {printed} does not show “{title}”");
            }
        }
        entries += 1;
    }
    assert_eq!(organisations_seen.len(), names.len(), "{path}: every organisation is in the contents");
    assert!(entries > names.len(), "{path}: sections are listed too ({entries} entries)");
}

/// The member whose running footer is on each page (`None` for the packet's own pages).
fn page_members(pdf: &[u8], title: &str, names: &[String]) -> Vec<Option<String>> {
    page_texts(pdf)
        .iter()
        .map(|text| {
            let text = normalise(text);
            names.iter().find(|name| text.contains(&format!("{title} · {name} ·"))).cloned()
        })
        .collect()
}

#[test]
fn members_sharing_ids_keep_their_links_inside_their_own_organisation() {
    let outputs = build(SHARED, false);
    let pdf = outputs.pdf.expect("a PDF");
    let names = member_names(SHARED);
    let owners = page_members(&pdf, "Shared ids", &names);
    let doc = Document::load_mem(&pdf).expect("lopdf reads it");
    let numbers = page_numbers(&doc);
    let mut internal: HashMap<String, usize> = HashMap::new();
    for (number, page) in doc.get_pages() {
        let Some(owner) = &owners[number as usize - 1] else { continue };
        for (_, target) in links(&doc, page, &numbers) {
            let Some(target) = target else { continue };
            let landed = owners[target as usize - 1].as_ref();
            assert_eq!(landed, Some(owner), "a link on page {number} ({owner}) lands on page {target}");
            *internal.entry(owner.clone()).or_default() += 1;
        }
    }
    // Per member: two timeline events, four citations in the text (lead, history twice, work).
    for name in &names {
        assert!(internal.get(name).is_some_and(|n| *n >= 6), "{name}: {internal:?}");
    }

    let epub = outputs.epub.expect("an EPUB");
    let files: HashMap<String, String> = epub_files(&epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(name, bytes)| {
            (name.trim_start_matches("OEBPS/").to_string(), String::from_utf8(bytes).expect("UTF-8"))
        })
        .collect();
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let parsed: HashMap<&str, roxmltree::Document> = files
        .iter()
        .map(|(name, text)| {
            (name.as_str(), roxmltree::Document::parse_with_options(text, options).expect("XML"))
        })
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = parsed
        .iter()
        .map(|(name, doc)| (*name, doc.descendants().filter_map(|n| n.attribute("id")).collect()))
        .collect();
    let part_of = |file: &str| -> Option<&'static str> {
        ["p1_", "p2_"].into_iter().find(|p| file.starts_with(p) || file.starts_with(&format!("section-{p}")))
    };
    let mut checked = 0;
    for (name, doc) in &parsed {
        let Some(part) = part_of(name) else { continue };
        for link in doc.descendants().filter(|n| n.has_tag_name("a")) {
            let Some(href) = link.attribute("href") else { continue };
            if href.starts_with("https:") || href.starts_with("http:") || href.starts_with("mailto:") {
                continue;
            }
            let (file, id) = href.split_once('#').unwrap_or((href, ""));
            let file = if file.is_empty() { *name } else { file };
            assert_eq!(part_of(file), Some(part), "{name} links out of its member: {href}");
            if !id.is_empty() {
                assert!(ids[file].contains(id), "{name}: {href} names no element");
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} internal links checked");
}

#[test]
fn duplex_starts_every_organisation_on_a_right_hand_page() {
    let names = member_names(BRIEFING);
    let starts_of = |duplex: bool| -> Vec<u32> {
        let pdf = build(BRIEFING, duplex).pdf.expect("a PDF");
        let doc = Document::load_mem(&pdf).expect("lopdf reads it");
        let top = outline_top(&doc);
        names
            .iter()
            .map(|name| top.iter().find(|(title, _)| title == name).expect("in the outline").1)
            .collect()
    };
    let simplex = starts_of(false);
    assert!(simplex.iter().any(|page| page % 2 == 0), "the example has a member on a left page: {simplex:?}");
    let duplex = starts_of(true);
    assert!(duplex.iter().all(|page| page % 2 == 1), "duplex: {duplex:?}");
}

#[test]
fn two_builds_of_a_packet_are_byte_identical() {
    let (first, second) = (build(BRIEFING, false), build(BRIEFING, false));
    assert!(first.pdf == second.pdf, "the PDFs differ");
    assert!(first.epub == second.epub, "the EPUBs differ");
}

#[test]
fn members_past_the_size_limit_are_refused_before_any_is_read() {
    let dir = tempfile::tempdir().expect("temp");
    let count = (load::MAX_MEMBER_BYTES / load::MAX_INPUT_BYTES) as usize + 1;
    let mut members = Vec::new();
    for i in 0..count {
        let name = format!("m{i}.yaml");
        // Sparse: as large as the limit allows one file, and nothing on disk.
        let file = std::fs::File::create(dir.path().join(&name)).expect("create");
        file.set_len(load::MAX_INPUT_BYTES).expect("size");
        members.push(name);
    }
    let packet = dir.path().join("big.yaml");
    let text = format!(
        "packet:\n  title: Big\n  language: en\n  updated: 2026-01-01\n  members: [{}]\n",
        members.join(", ")
    );
    std::fs::write(&packet, text).expect("write");
    let Err(dossier::Error::InvalidData { diagnostics, .. }) = load::load_input(&packet) else {
        panic!("a packet past the limit is refused")
    };
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].starts_with("the members' files hold "), "{messages:?}");
}

#[cfg(unix)]
#[test]
fn a_member_linked_from_outside_the_packet_folder_is_refused() {
    let outside = tempfile::tempdir().expect("temp");
    let inside = tempfile::tempdir().expect("temp");
    std::fs::copy("tests/fixtures/packet/alpha.yaml", outside.path().join("alpha.yaml")).expect("copy");
    std::os::unix::fs::symlink(outside.path().join("alpha.yaml"), inside.path().join("alpha.yaml"))
        .expect("link");
    let packet = inside.path().join("p.yaml");
    let text = "packet:\n  title: P\n  language: en\n  updated: 2026-01-01\n  members: [alpha.yaml]\n";
    std::fs::write(&packet, text).expect("write");
    let Err(dossier::Error::InvalidData { diagnostics, .. }) = load::load_input(&packet) else {
        panic!("refused")
    };
    assert_eq!(diagnostics[0].message, "`alpha.yaml` links to a file outside the packet file's folder");
}
