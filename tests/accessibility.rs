//! The PDF is tagged PDF/UA-1 and PDF/A-2a, judged by tools we did not write: the validator
//! `page` (PyPI `page-validation`, which passes the veraPDF corpus) for both profiles, poppler's
//! `pdfinfo` and `pdftotext`, MuPDF and Ghostscript for rendering, and lopdf to walk the
//! structure tree.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use common::{
    assert_qpdf_clean, build, build_text, kloop_with_timeline, page_validate, run_on_file, tools_required,
    BOTH,
};
use dossier::{load, BuildOptions, Formats, Paper};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

const PDF_ONLY: Formats = Formats { pdf: true, epub: false };

/// Every file the issue names, on both papers where it matters.
fn documents() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (path, papers) in [
        ("data/kloop.yaml", &[Paper::A4, Paper::Letter][..]),
        ("tests/fixtures/cyrillic.yaml", &[Paper::A4][..]),
        ("tests/fixtures/inline.yaml", &[Paper::A4][..]),
        ("tests/fixtures/ngo.yaml", &[Paper::A4][..]),
    ] {
        for paper in papers {
            out.push((format!("{path} {paper:?}"), build(path, *paper, PDF_ONLY).pdf.expect("a PDF")));
        }
    }
    // Forty events: the timeline as a dated list in the columns (the date each item's label).
    let forty = kloop_with_timeline(40, "Hearing number", "The court heard the witnesses.");
    out.push(("Kloop with 40 events".into(), build_text(&forty, Paper::A4, PDF_ONLY).pdf.expect("a PDF")));
    let options = BuildOptions { paper: Paper::A4, formats: PDF_ONLY, source_date_epoch: None, duplex: true };
    let Ok(load::Input::Packet(packet)) = load::load_input(Path::new("data/briefing.yaml")) else {
        panic!("the briefing loads")
    };
    out.push((
        "data/briefing.yaml".into(),
        dossier::render_packet(&packet, &options).expect("renders").pdf.expect("PDF"),
    ));
    out
}

#[test]
fn every_pdf_is_pdf_ua_1_and_pdf_a_2a_by_the_page_validator() {
    for (name, pdf) in documents() {
        for profile in ["ua1", "2a"] {
            let Some((compliant, failures)) = page_validate(&pdf, profile) else { return };
            assert!(compliant, "{name}, profile {profile}: {failures:#?}");
        }
    }
}

#[test]
fn poppler_sees_a_tagged_pdf_and_mupdf_and_ghostscript_render_it_cleanly() {
    let pdf = build("data/kloop.yaml", Paper::A4, PDF_ONLY).pdf.expect("a PDF");
    assert_qpdf_clean(&pdf);
    let info = run_on_file("pdfinfo", &[], "in.pdf", &pdf);
    assert!(
        String::from_utf8_lossy(&info.stdout).lines().any(|l| l == "Tagged:          yes"),
        "pdfinfo: not tagged"
    );
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, &pdf).expect("write");
    let mutool = Command::new("mutool")
        .args(["draw", "-q", "-o"])
        .arg(dir.path().join("page%d.png"))
        .arg(&file)
        .output();
    let Ok(mutool) = mutool else {
        assert!(!tools_required(), "mutool is missing: run .ci/install-validators");
        return;
    };
    // Debian's mutool is built without colour management and says so for any file with an ICC
    // profile: a remark about the tool, not the file.
    let stderr = String::from_utf8_lossy(&mutool.stderr);
    let complaints: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && *l != "warning: ICC support is not available")
        .collect();
    assert!(mutool.status.success() && complaints.is_empty(), "mutool draw: {complaints:?}");
    let gs = Command::new("gs")
        .args(["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite"])
        .arg(format!("-sOutputFile={}", dir.path().join("printed.pdf").display()))
        .arg(&file)
        .output()
        .expect("gs is installed with mutool");
    let complaints = String::from_utf8_lossy(&gs.stdout).to_string() + &String::from_utf8_lossy(&gs.stderr);
    assert!(gs.status.success() && complaints.trim().is_empty(), "Ghostscript: {complaints}");
}

/// A structure element and where it sits.
struct Walk<'a> {
    doc: &'a Document,
    /// (page object, MCID) -> how many elements claim it.
    claimed: HashMap<(ObjectId, i64), usize>,
    /// Annotation -> the structure type of the element holding its OBJR.
    annotation_parents: HashMap<ObjectId, String>,
    headings: Vec<u8>,
    figures_without_alt: usize,
}

impl Walk<'_> {
    fn element(&mut self, id: ObjectId) {
        let dict = self.doc.get_dictionary(id).expect("a structure element");
        let kind = name(dict, b"S");
        if kind == "Figure" && dict.get(b"Alt").is_err() {
            self.figures_without_alt += 1;
        }
        if let Some(level) = kind.strip_prefix('H').and_then(|l| l.parse::<u8>().ok()) {
            self.headings.push(level);
        }
        let page = dict.get(b"Pg").and_then(Object::as_reference).ok();
        let kids = match dict.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        for kid in kids {
            match kid {
                Object::Integer(mcid) => {
                    *self
                        .claimed
                        .entry((page.expect("an element with MCIDs names its page"), mcid))
                        .or_default() += 1;
                }
                Object::Reference(child) => self.element(child),
                Object::Dictionary(reference) => match name(&reference, b"Type").as_str() {
                    "MCR" => {
                        let page =
                            reference.get(b"Pg").and_then(Object::as_reference).expect("an MCR's page");
                        let mcid = reference.get(b"MCID").and_then(Object::as_i64).expect("an MCID");
                        *self.claimed.entry((page, mcid)).or_default() += 1;
                    }
                    "OBJR" => {
                        let annotation =
                            reference.get(b"Obj").and_then(Object::as_reference).expect("an OBJR's object");
                        self.annotation_parents.insert(annotation, kind.clone());
                    }
                    other => panic!("unexpected kid {other}"),
                },
                other => panic!("unexpected kid {other:?}"),
            }
        }
    }
}

fn name(dict: &Dictionary, key: &[u8]) -> String {
    dict.get(key)
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

/// MCIDs each page's content stream marks.
fn marked_contents(doc: &Document) -> Vec<(ObjectId, i64)> {
    let mut found = Vec::new();
    for (_, page) in doc.get_pages() {
        let content = Content::decode(&doc.get_page_content(page)).expect("operators");
        for operation in content.operations.iter().filter(|o| o.operator == "BDC") {
            let properties = match operation.operands.get(1) {
                Some(Object::Dictionary(properties)) => properties,
                _ => continue,
            };
            if let Ok(mcid) = properties.get(b"MCID").and_then(Object::as_i64) {
                found.push((page, mcid));
            }
        }
    }
    found
}

#[test]
fn the_structure_tree_claims_every_marked_content_once_and_every_link_figure_and_heading_is_right() {
    for (name, pdf) in documents() {
        let doc = Document::load_mem(&pdf).expect("lopdf reads it");
        let catalog = doc.catalog().expect("catalog");
        let mark_info = catalog.get(b"MarkInfo").and_then(Object::as_dict).expect("MarkInfo");
        assert_eq!(mark_info.get(b"Marked").and_then(Object::as_bool).ok(), Some(true), "{name}");
        let root = catalog.get(b"StructTreeRoot").and_then(Object::as_reference).expect("a structure tree");
        let document =
            doc.get_dictionary(root).expect("root").get(b"K").and_then(Object::as_reference).expect("K");
        let mut walk = Walk {
            doc: &doc,
            claimed: HashMap::new(),
            annotation_parents: HashMap::new(),
            headings: Vec::new(),
            figures_without_alt: 0,
        };
        walk.element(document);
        let marked = marked_contents(&doc);
        assert!(marked.len() > 50, "{name}: only {} marked contents", marked.len());
        let unique: HashSet<&(ObjectId, i64)> = marked.iter().collect();
        assert_eq!(unique.len(), marked.len(), "{name}: an MCID is used twice on a page");
        for content in &marked {
            assert_eq!(
                walk.claimed.get(content),
                Some(&1),
                "{name}: {content:?} is not claimed by exactly one element"
            );
        }
        assert_eq!(walk.claimed.len(), marked.len(), "{name}: the tree claims content no page marks");
        let mut links = 0;
        for (_, page) in doc.get_pages() {
            for annotation in doc.get_page_annotations(page).unwrap_or_default() {
                if name_of(annotation) != "Link" {
                    continue;
                }
                links += 1;
            }
            let annots: Vec<ObjectId> = match doc.get_dictionary(page).expect("page").get(b"Annots") {
                Ok(Object::Array(refs)) => refs.iter().filter_map(|r| r.as_reference().ok()).collect(),
                _ => Vec::new(),
            };
            for id in annots {
                assert_eq!(
                    walk.annotation_parents.get(&id).map(String::as_str),
                    Some("Link"),
                    "{name}: {id:?}"
                );
            }
        }
        assert!(links > 5, "{name}: {links} links");
        assert_eq!(walk.figures_without_alt, 0, "{name}: a Figure has no /Alt");
        assert_eq!(walk.headings.first(), Some(&1), "{name}: the first heading is H1");
        for pair in walk.headings.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{name}: H{} follows H{}", pair[1], pair[0]);
        }
    }
}

fn name_of(annotation: &Dictionary) -> String {
    name(annotation, b"Subtype")
}

/// Kloop's paragraphs as plain text, to look broken words up in.
fn kloop_words() -> HashSet<String> {
    let loaded = load::load_file(Path::new("data/kloop.yaml")).expect("loads");
    let mut words = HashSet::new();
    for paragraph in loaded.organisation.paragraphs() {
        for word in common::normalise(&paragraph.plain_text()).split(' ') {
            words.insert(word.to_string());
        }
    }
    words
}

#[test]
fn every_hyphenated_word_copies_whole_and_no_break_hyphen_reads_as_a_hyphen() {
    let pdf = build("data/kloop.yaml", Paper::A4, BOTH).pdf.expect("a PDF");
    let text = common::pdftotext(&pdf);
    let words = kloop_words();
    let lines: Vec<&str> = text.lines().collect();
    let mut joined = 0;
    for (i, line) in lines.iter().enumerate() {
        assert!(!line.ends_with('\u{2010}'), "a break hyphen reads as U+2010: {line}");
        let Some(head) = line.strip_suffix('\u{ad}') else { continue };
        let first = head.split_whitespace().last().unwrap_or_default();
        let next = lines.get(i + 1).and_then(|l| l.split_whitespace().next()).unwrap_or_default();
        // Quotation marks fold to straight ones: the data types them straight.
        let word = common::normalise(&format!("{first}{next}"));
        assert!(
            words.contains(&word),
            "“{first}‐{next}” joins to “{word}”, which Kloop's text does not have"
        );
        joined += 1;
    }
    assert!(joined >= 10, "only {joined} hyphenated words: is hyphenation on?");
    assert!(!text.contains('\u{2010}'), "a U+2010 is extracted, and Kloop's text has none");
}

/// Words of each page with their boxes (top-left origin), from `pdftotext -bbox`.
fn page_words(pdf: &[u8]) -> BTreeMap<u32, Vec<(String, [f32; 4])>> {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, pdf).expect("write");
    let output = Command::new("pdftotext").arg("-bbox").arg(&file).arg("-").output().expect("pdftotext runs");
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut pages = BTreeMap::new();
    for (index, page) in html.split("<page ").skip(1).enumerate() {
        let words = page
            .split("<word ")
            .skip(1)
            .map(|chunk| {
                let (tag, rest) = chunk.split_once('>').expect("a word tag");
                let text = rest.split("</word>").next().unwrap_or_default().replace("&amp;", "&");
                let value = |name: &str| -> f32 {
                    let from = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
                    tag[from..].split('"').next().unwrap_or_default().parse().expect("a number")
                };
                (text, ["xMin", "yMin", "xMax", "yMax"].map(value))
            })
            .collect();
        pages.insert(index as u32 + 1, words);
    }
    pages
}

#[test]
fn each_web_link_covers_only_the_address_it_shows() {
    let pdf = build("data/kloop.yaml", Paper::A4, BOTH).pdf.expect("a PDF");
    let doc = Document::load_mem(&pdf).expect("lopdf reads it");
    let words = page_words(&pdf);
    let mut licence_links = 0;
    for (number, page) in doc.get_pages() {
        let height = 841.89;
        for annotation in doc.get_page_annotations(page).unwrap_or_default() {
            let Ok(action) =
                annotation.get(b"A").and_then(|a| doc.dereference(a)).and_then(|(_, a)| a.as_dict())
            else {
                continue;
            };
            let Ok(Object::String(uri, _)) = action.get(b"URI") else { continue };
            let uri = String::from_utf8_lossy(uri).into_owned();
            let rect: Vec<f32> = match annotation.get(b"Rect") {
                Ok(Object::Array(values)) => values.iter().map(|v| v.as_float().expect("number")).collect(),
                _ => continue,
            };
            let (top, bottom) = (height - rect[3], height - rect[1]);
            let covered: String = words[&number]
                .iter()
                .filter(|(_, b)| {
                    let (x, y) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
                    x >= rect[0] && x <= rect[2] && y >= top && y <= bottom
                })
                .map(|(w, _)| w.trim_end_matches('\u{ad}'))
                .collect();
            let bare = uri.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
            // An area over no words is the QR code's.
            assert!(
                covered.is_empty() || uri.contains(&covered) || bare.contains(covered.trim_end_matches('/')),
                "page {number}: the link to {uri} covers “{covered}”"
            );
            if uri.contains("creativecommons.org") {
                licence_links += 1;
            }
        }
    }
    assert!(licence_links >= 1, "the licence's address is a link of its own");
}
