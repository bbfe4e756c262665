//! The EPUB dossier converted to Kindle's AZW3 by Calibre (`ebook-convert`), a converter we did not
//! write, keeps its text: Calibre's reading of the AZW3 back to plain text holds every chapter of
//! the EPUB, word for word and in order, with its Cyrillic letters intact.

mod common;

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{build, epub_files, have, normalise, xhtml_text};
use dossier::{load, Formats, Paper};

const KLOOP: &str = "data/kloop.yaml";
const CYRILLIC: &str = "tests/fixtures/cyrillic.yaml";
const EPUB_ONLY: Formats = Formats { pdf: false, epub: true };
/// A conversion takes one to two seconds; a hung one fails the test instead of hanging the suite.
const TIME_LIMIT: Duration = Duration::from_secs(180);

/// Wordings of Calibre's log lines that report a problem. Calibre writes its progress ("Parsing all
/// content...") and its warnings to the same stream without a level, so a problem is told by its
/// words.
const TROUBLE: [&str; 14] = [
    "error",
    "traceback",
    "exception",
    "fail",
    "not found",
    "not in manifest",
    "could not",
    "cannot",
    "unable",
    "invalid",
    "corrupt",
    "skipping",
    "ignoring",
    "warn",
];

/// Problems Calibre reports that are its own doing. Its EPUB input takes an HTML cover page out
/// of the spine and keeps the page's image as the book's cover image; the nav's links to the page
/// (contents and landmarks) stay, and reading the AZW3 back notes that they point nowhere.
const EXPECTED: [&str; 1] = ["Referenced file 'text/cover.xhtml' not found"];

/// Runs `ebook-convert from to` in `dir` (headless, with a configuration of its own) and returns
/// its log, standard output and error interleaved; fails when it fails or runs over TIME_LIMIT.
fn ebook_convert(dir: &Path, from: &str, to: &str) -> String {
    let log_path = dir.join(format!("{to}.log"));
    let log = File::create(&log_path).expect("create the log");
    let mut child = Command::new("ebook-convert")
        .arg(from)
        .arg(to)
        .current_dir(dir)
        .env("QT_QPA_PLATFORM", "offscreen")
        .env("CALIBRE_CONFIG_DIRECTORY", dir.join("calibre-config"))
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("share the log"))
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("ebook-convert starts: {e}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for ebook-convert") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            panic!("ebook-convert {from} {to} ran over {TIME_LIMIT:?}:\n{log}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let log = String::from_utf8_lossy(&std::fs::read(&log_path).expect("read the log")).into_owned();
    assert!(status.success(), "ebook-convert {from} {to} failed ({status}):\n{log}");
    let trouble: Vec<&str> = log
        .lines()
        .filter(|line| {
            let lower = line.to_lowercase();
            TROUBLE.iter().any(|word| lower.contains(word))
                && !EXPECTED.iter().any(|expected| line.contains(expected))
        })
        .collect();
    assert!(trouble.is_empty(), "ebook-convert {from} {to} reported {trouble:#?}\nin its log:\n{log}");
    log
}

/// The AZW3 is a Mobipocket book (`BOOKMOBI`) whose first record holds a KF8 header (MOBI file
/// version 8, the AZW3 format), with its text in UTF-8.
fn assert_kf8(azw3: &[u8]) {
    assert!(azw3.len() > 10_000, "the AZW3 has only {} bytes", azw3.len());
    assert_eq!(&azw3[60..68], b"BOOKMOBI", "not a Mobipocket book");
    let u32_at = |at: usize| u32::from_be_bytes(azw3[at..at + 4].try_into().expect("four bytes"));
    let record0 = u32_at(78) as usize;
    assert_eq!(&azw3[record0 + 16..record0 + 20], b"MOBI", "no MOBI header");
    assert_eq!(u32_at(record0 + 28), 65001, "text encoding is not UTF-8");
    assert_eq!(u32_at(record0 + 36), 8, "not KF8 (AZW3)");
}

/// The EPUB's content documents in spine order, with the text of each one's body.
fn spine_chapters(epub: &[u8]) -> Vec<(String, String)> {
    let files = epub_files(epub);
    let file = |name: &str| {
        let (_, bytes) = files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(bytes.clone()).expect("UTF-8")
    };
    let opf = file("OEBPS/content.opf");
    let package = roxmltree::Document::parse(&opf).expect("content.opf is XML");
    let href = |id: &str| {
        package
            .descendants()
            .find(|n| n.has_tag_name("item") && n.attribute("id") == Some(id))
            .and_then(|item| item.attribute("href"))
            .unwrap_or_else(|| panic!("no manifest item {id}"))
            .to_string()
    };
    package
        .descendants()
        .filter(|n| n.has_tag_name("itemref"))
        .map(|itemref| {
            let name = href(itemref.attribute("idref").expect("an idref"));
            let xhtml = file(&format!("OEBPS/{name}"));
            (name, xhtml_text(&xhtml))
        })
        .collect()
}

/// Where `words` run in `text` from byte `start`, one after another with a space or nothing
/// between two words: Calibre's text output may set an element straight after the one before it
/// (a table's caption runs into its first row), and the words of our text may be split by tags.
/// Returns the end of the run, or how many words ran.
fn run_of_words(text: &str, start: usize, words: &[&str]) -> Result<usize, usize> {
    let mut at = start;
    for (i, word) in words.iter().enumerate() {
        if i > 0 && text[at..].starts_with(' ') {
            at += 1;
        }
        if !text[at..].starts_with(word) {
            return Err(i);
        }
        at += word.len();
    }
    Ok(at)
}

/// Every chapter's words, in spine order, each chapter whole and in one run; fails with the
/// chapter's words where the longest run stopped.
fn assert_chapters_in(text: &str, chapters: &[(String, String)], path: &str) {
    let mut from = 0;
    for (name, chapter) in chapters {
        let words: Vec<&str> = chapter.split(' ').filter(|w| !w.is_empty()).collect();
        let Some(first) = words.first() else { continue };
        let mut longest = 0;
        let found = text[from..].match_indices(first).find_map(|(at, _)| {
            run_of_words(text, from + at, &words).map_err(|ran| longest = longest.max(ran)).ok()
        });
        let Some(end) = found else {
            let shown = words[longest.saturating_sub(8)..(longest + 12).min(words.len())].join(" ");
            panic!(
                "the AZW3 of {path} lacks, or misorders, {name} after its word {longest} of {}: \
                 ...{shown}...\n\nThe AZW3's text from there:\n{}",
                words.len(),
                &text[from..]
            );
        };
        from = end;
    }
}

/// `text`, read back from the AZW3 and normalised, holds every chapter of `epub` and every
/// paragraph of `path`'s data word for word, in order.
fn assert_text_kept(text: &str, epub: &[u8], path: &str) {
    assert!(!text.contains('\u{FFFD}'), "a replacement character came back:\n{text}");
    let chapters = spine_chapters(epub);
    assert!(chapters.iter().filter(|(_, words)| !words.is_empty()).count() >= 6, "{chapters:#?}");
    assert_chapters_in(text, &chapters, path);
    // The data's paragraphs word for word, in order (the chapters hold them between other text).
    let organisation = load::load_file(Path::new(path)).expect("data loads").organisation;
    let mut from = 0;
    for paragraph in organisation.paragraphs() {
        let expected = normalise(&paragraph.plain_text());
        let found = text[from..].find(&expected);
        assert!(found.is_some(), "the AZW3 of {path} lacks, or misorders, the paragraph:\n{expected}");
        from += found.unwrap_or(0) + expected.len();
    }
}

/// Builds `path`'s EPUB, converts it to AZW3 and the AZW3 to text with Calibre, and checks the
/// text. Returns it.
fn azw3_keeps_the_text(path: &str) -> Option<String> {
    if !have("ebook-convert") {
        return None;
    }
    let epub = build(path, Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("book.epub"), &epub).expect("write the EPUB");

    ebook_convert(dir.path(), "book.epub", "book.azw3");
    assert_kf8(&std::fs::read(dir.path().join("book.azw3")).expect("ebook-convert wrote book.azw3"));
    ebook_convert(dir.path(), "book.azw3", "book.txt");
    let raw = std::fs::read(dir.path().join("book.txt")).expect("ebook-convert wrote book.txt");
    let text = normalise(&String::from_utf8(raw).expect("the text is UTF-8"));
    assert_text_kept(&text, &epub, path);
    Some(text)
}

#[test]
fn kloop_azw3_by_calibre_keeps_every_chapter() {
    azw3_keeps_the_text(KLOOP);
}

#[test]
fn cyrillic_azw3_by_calibre_keeps_every_chapter_and_letter() {
    let Some(text) = azw3_keeps_the_text(CYRILLIC) else { return };
    for needle in ["ң", "ө", "ү", "Ө", "oʻ", "gʻ"] {
        assert!(text.contains(needle), "the AZW3 lost {needle:?}");
    }
}
