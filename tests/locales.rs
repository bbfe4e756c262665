//! Languages as data (the locale registry): editions in Tajik, Kazakh, Ukrainian, French and
//! Spanish print their own table's fixed words and no English one, their dates as CLDR says
//! (read by Python's babel, an independent reader of CLDR), their quotation marks, and tag every
//! word with the language it is in — the EPUB's `lang` attributes and the PDF structure tree's
//! `/Lang`, read back with roxmltree and lopdf. A Tajik file that gives half the words and
//! `labels_fallback: ru` prints the rest in Russian, tagged as Russian, and `check` says so once.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{
    assert_ace_passes, build, epub_files, epubcheck, epubcheck_jar, normalise, page_validate, pdftotext,
    tools_required, BOTH,
};
use dossier::locale::{self, Locale};
use dossier::{load, Paper};
use lopdf::{Document, Object};

/// The new editions, with the tag of the table they print.
const EDITIONS: [(&str, &str); 5] = [
    ("tests/fixtures/languages/tg.yaml", "tg"),
    ("tests/fixtures/languages/kk.yaml", "kk"),
    ("tests/fixtures/languages/uk.yaml", "uk"),
    ("tests/fixtures/languages/fr.yaml", "fr"),
    ("tests/fixtures/languages/es.yaml", "es"),
];

const TAJIK_WITH_LABELS: &str = "tests/fixtures/languages/tg-labels.yaml";

/// The fixed words these sheets print whatever their data (their sources are licensed).
const PRINTED: [&str; 7] =
    ["key_facts", "timeline", "sources", "country", "website", "commercial", "founders"];

fn table(tag: &str) -> &'static locale::Table {
    locale::table(&tag.parse().expect("a tag")).expect("a bundled table")
}

fn xhtml_pages(epub: &[u8]) -> Vec<(String, String)> {
    epub_files(epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml"))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

/// Every element's text with the language it is in (its own `lang`, else its ancestors').
fn texts_by_language(xhtml: &str) -> Vec<(String, String)> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let document = roxmltree::Document::parse_with_options(xhtml, options).expect("well-formed XHTML");
    let mut out = Vec::new();
    for node in document.descendants().filter(|n| n.is_text()) {
        let text = node.text().unwrap_or_default().trim().to_string();
        if text.is_empty() {
            continue;
        }
        let lang = node.ancestors().find_map(|a| a.attribute("lang")).unwrap_or_default().to_string();
        out.push((lang, text));
    }
    out
}

/// Babel's long date of `date` (YYYY-MM-DD) in `tag`: CLDR read by another library than ours.
fn babel_long_date(tag: &str, date: &str) -> Option<String> {
    let script = "import sys, datetime, babel.dates as d\n\
                  y, m, day = map(int, sys.argv[2].split('-'))\n\
                  print(d.format_date(datetime.date(y, m, day), format='long', locale=sys.argv[1].replace('-', '_')))";
    let output = Command::new("python3").args(["-c", script, tag, date]).output().expect("python3 runs");
    if !output.status.success() {
        assert!(
            !tools_required(),
            "babel is missing (pip install babel): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The languages the PDF's structure tree gives (`/Lang` of the catalog and of every element).
fn pdf_languages(pdf: &[u8]) -> (String, BTreeSet<String>) {
    let document = Document::load_mem(pdf).expect("lopdf reads the PDF");
    let text = |object: &Object| match object {
        Object::String(bytes, _) => String::from_utf8_lossy(bytes).to_string(),
        _ => String::new(),
    };
    let catalog = document.catalog().expect("a catalog");
    let document_lang = catalog.get(b"Lang").map(text).unwrap_or_default();
    let mut langs = BTreeSet::new();
    for object in document.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"S").is_ok() {
            if let Ok(lang) = dict.get(b"Lang") {
                langs.insert(text(lang));
            }
        }
    }
    (document_lang, langs)
}

#[test]
fn each_new_edition_prints_its_own_words_dates_and_quotes_tagged_with_its_language() {
    for (path, tag) in EDITIONS {
        let table = table(tag);
        let outputs = build(path, Paper::A4, BOTH);
        let pdf_bytes = outputs.pdf.expect("a PDF");
        let pdf = normalise(&pdftotext(&pdf_bytes));
        let epub = outputs.epub.expect("an EPUB");
        let pages = xhtml_pages(&epub);
        let book: String = pages.iter().map(|(_, page)| page.as_str()).collect();
        for key in PRINTED {
            let word = table.text(key).expect("the word");
            assert!(pdf.contains(&normalise(word)), "{path}: the PDF lacks “{word}” ({key})");
            assert!(book.contains(word), "{path}: the EPUB lacks “{word}” ({key})");
        }
        let english = locale::english_table();
        for key in PRINTED.iter().chain(&["contents", "cover", "title_page"]) {
            let word = english.text(key).expect("the English word");
            assert!(!pdf.contains(word), "{path}: the PDF prints the English “{word}”");
            assert!(!book.contains(&format!(">{word}<")), "{path}: the EPUB prints the English “{word}”");
        }
        // The date of the data as babel writes it, in both outputs.
        let loaded = load::load_file(Path::new(path)).expect("loads");
        let org = &loaded.organisation;
        if let Some(date) = babel_long_date(tag, &org.updated.to_string()) {
            let ours = Locale::new(&org.language, &org.labels, None, org.calendar).date(&org.updated);
            assert_eq!(ours, date, "{path}: CLDR's long date by babel");
            assert!(pdf.contains(&normalise(&date)), "{path}: no “{date}” in the PDF");
            assert!(normalise(&book).contains(&normalise(&date)), "{path}: no “{date}” in the EPUB");
        }
        let (open, close) = table.quotes;
        let raw = pdftotext(&pdf_bytes);
        assert!(raw.contains(open) && raw.contains(close), "{path}: no {open}…{close} in the PDF");
        assert!(book.contains(open) && book.contains(close), "{path}: no {open}…{close} in the EPUB");
        assert!(!raw.contains('"'), "{path}: a straight quote is printed");
        // Every word is tagged with the language it is in: here, all of them with the file's.
        for (name, page) in &pages {
            for (lang, text) in texts_by_language(page) {
                assert!(lang.is_empty() || lang == tag, "{path} {name}: “{text}” is tagged `{lang}`");
            }
        }
        let (document_lang, element_langs) = pdf_languages(&pdf_bytes);
        assert_eq!(document_lang, tag, "{path}: the PDF's /Lang");
        assert!(element_langs.iter().all(|l| l == tag), "{path}: elements tagged {element_langs:?}");
        assert_valid(path, &epub, &pdf_bytes);
    }
}

/// EPUBCheck 0/0/0 and Ace for the book, the page validator's ua1 and 2a for the PDF.
fn assert_valid(what: &str, epub: &[u8], pdf: &[u8]) {
    if let Some(jar) = epubcheck_jar() {
        let report = epubcheck(&jar, epub);
        assert!(report.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "{what}: {report}");
    }
    assert_ace_passes(epub);
    for profile in ["ua1", "2a"] {
        if let Some((compliant, failures)) = page_validate(pdf, profile) {
            assert!(compliant, "{what}, profile {profile}: {failures:#?}");
        }
    }
}

#[test]
fn a_tajik_file_with_half_its_words_takes_the_rest_from_russian_tagged_as_russian() {
    let loaded = load::load_file(Path::new(TAJIK_WITH_LABELS)).expect("loads");
    let given: Vec<&str> = loaded.organisation.labels.0.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(given.len(), 16, "the fixture gives 16 words");
    let outputs = build(TAJIK_WITH_LABELS, Paper::A4, BOTH);
    let pdf_bytes = outputs.pdf.expect("a PDF");
    let pdf = normalise(&pdftotext(&pdf_bytes));
    let epub = outputs.epub.expect("an EPUB");
    let pages = xhtml_pages(&epub);
    let russian = table("ru");
    let tagged: Vec<(String, String)> = pages.iter().flat_map(|(_, page)| texts_by_language(page)).collect();
    // The given words, in Tajik, tagged with the file's language.
    for (key, text) in &loaded.organisation.labels.0 {
        let dossier::model::OwnText::One(word) = text else { continue };
        if ["key_facts", "timeline", "country", "founders", "website"].contains(&key.as_str()) {
            assert!(pdf.contains(&normalise(word)), "the PDF lacks the given “{word}”");
            assert!(tagged.iter().any(|(lang, t)| lang == "tg" && t == word), "“{word}” is not tagged tg");
        }
    }
    // Words it leaves out, in Russian, tagged `ru` wherever the EPUB prints them.
    for key in ["commercial", "owner", "no", "cover"] {
        let word = russian.text(key).expect("a Russian word");
        assert!(tagged.iter().any(|(_, t)| t == word), "the EPUB lacks the Russian “{word}”");
        for (lang, text) in tagged.iter().filter(|(_, t)| t == word) {
            assert_eq!(lang, "ru", "“{text}” is tagged `{lang}`");
        }
    }
    assert!(pdf.contains(&normalise(russian.text("commercial").expect("a word"))), "the PDF lacks Russian");
    let (document_lang, element_langs) = pdf_languages(&pdf_bytes);
    assert_eq!(document_lang, "tg");
    assert!(element_langs.contains("ru"), "no element of the PDF is tagged ru: {element_langs:?}");
    assert!(!element_langs.contains("en"), "an element of the PDF is tagged en: {element_langs:?}");
    assert!(!tagged.iter().any(|(lang, _)| lang == "en"), "a word is tagged en");
    assert_valid(TAJIK_WITH_LABELS, &epub, &pdf_bytes);
}

#[test]
fn check_names_the_untranslated_words_once() {
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", TAJIK_WITH_LABELS])
        .output()
        .expect("dossier runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    let warning = warnings[0];
    assert!(warning.contains("in Russian (`ru`)"), "{warning}");
    for key in ["commercial", "languages", "cover", "accessibility_summary"] {
        assert!(warning.contains(key), "{key} is not named: {warning}");
    }
    for key in ["key_facts", "timeline", "page_of"] {
        assert!(!warning.contains(&format!(" {key},")), "{key} is given but named: {warning}");
    }
    // A bundled language says nothing.
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", EDITIONS[0].0])
        .output()
        .expect("dossier runs");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("warning:"));
}

#[test]
fn the_labels_starter_gives_a_language_without_a_table_every_word() {
    let starter = Command::new(env!("CARGO_BIN_EXE_dossier")).args(["labels", "de"]).output().expect("runs");
    assert!(starter.status.success());
    let block = String::from_utf8(starter.stdout).expect("UTF-8");
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("Kloop");
    let german = kloop.replacen("language: en", "language: de", 1) + "\n" + &block;
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("de.yaml");
    std::fs::write(&file, german).expect("write");
    let check = Command::new(env!("CARGO_BIN_EXE_dossier")).arg("check").arg(&file).output().expect("runs");
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert!(!stderr.contains("warning:"), "the starter leaves words out: {stderr}");
    let loaded = load::load_file(&file).expect("loads");
    assert_eq!(loaded.organisation.labels.0.len(), locale::WORD_KEYS.len());
    let bad =
        Command::new(env!("CARGO_BIN_EXE_dossier")).args(["labels", "not a tag"]).output().expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

/// CLDR's own delimiters data (npm `cldr-misc-full`, installed by .ci/install-validators).
fn cldr_delimiters() -> Option<Vec<(String, [String; 4])>> {
    let folder = Path::new(".ci/cldr/node_modules/cldr-misc-full/main");
    let Ok(entries) = std::fs::read_dir(folder) else {
        assert!(!tools_required(), "CLDR's JSON is missing: run .ci/install-validators");
        return None;
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let tag = entry.file_name().to_string_lossy().to_string();
        let text = std::fs::read_to_string(entry.path().join("delimiters.json")).expect("delimiters.json");
        let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let marks = &json["main"][&tag]["delimiters"];
        let mark = |name: &str| marks[name].as_str().expect("a mark").to_string();
        out.push((
            tag,
            [
                mark("quotationStart"),
                mark("quotationEnd"),
                mark("alternateQuotationStart"),
                mark("alternateQuotationEnd"),
            ],
        ));
    }
    Some(out)
}

#[test]
fn quotation_marks_are_cldr_s_for_every_locale_and_every_table() {
    let Some(cldr) = cldr_delimiters() else { return };
    assert!(cldr.len() > 700, "CLDR has {} locales", cldr.len());
    for (tag, marks) in &cldr {
        let ((open, close), (inner_open, inner_close)) = locale::cldr_quotes(&tag.parse().expect("a tag"));
        assert_eq!([open, close, inner_open, inner_close], marks.clone().map(|m| m), "{tag}");
    }
    for table in locale::tables() {
        let (_, marks) =
            cldr.iter().find(|(tag, _)| tag == table.tag).expect("CLDR has the table's language");
        assert_eq!([table.quotes.0, table.quotes.1], [marks[0].as_str(), marks[1].as_str()], "{}", table.tag);
        // Uzbek's inner marks are kept as the edition has printed them since #14 (‘…’, CLDR 48: ’…‘).
        if table.tag != "uz-Latn" {
            let inner = [table.inner_quotes.0, table.inner_quotes.1];
            assert_eq!(inner, [marks[2].as_str(), marks[3].as_str()], "{}", table.tag);
        }
    }
    // A language without a table takes CLDR's marks: German „…“.
    let german = locale::typography(&"de-AT".parse().expect("a tag"));
    assert_eq!(german.quotes, ("„", "“"));
}

/// Our tag and babel's locale for it: 38 languages, the bundled ones and the NGOs' others.
const BABEL_LOCALES: [(&str, &str); 38] = [
    ("en", "en_001"),
    ("en-GB", "en_GB"),
    ("en-US", "en_US"),
    ("ru", "ru"),
    ("ky", "ky"),
    ("uz", "uz"),
    ("uz-Cyrl", "uz_Cyrl"),
    ("tg", "tg"),
    ("kk", "kk"),
    ("tk", "tk"),
    ("uk", "uk"),
    ("fr", "fr"),
    ("es", "es"),
    ("de", "de"),
    ("it", "it"),
    ("pt", "pt"),
    ("pl", "pl"),
    ("tr", "tr"),
    ("fa", "fa"),
    ("fa-AF", "fa_AF"),
    ("ps", "ps"),
    ("ar", "ar"),
    ("ar-EG", "ar_EG"),
    ("zh-Hant", "zh_Hant"),
    ("zh-Hans", "zh_Hans"),
    ("ja", "ja"),
    ("ko", "ko"),
    ("hi", "hi"),
    ("az", "az"),
    ("hy", "hy"),
    ("mn", "mn"),
    ("ro", "ro"),
    ("sv", "sv"),
    ("el", "el"),
    ("he", "he"),
    ("sr", "sr"),
    ("th", "th"),
    ("vi", "vi"),
];

#[test]
fn long_dates_month_years_and_numbers_agree_with_babel_in_38_languages() {
    let dates = ["2007-06-18", "2024-01-16", "1999-12-31", "2019-11-05"];
    let mut command = Command::new("python3");
    command.arg("tests/cldr/babel_dates.py").arg(dates.join(","));
    command.args(BABEL_LOCALES.map(|(_, babel)| babel));
    let output = command.output().expect("python3 runs");
    if !output.status.success() {
        assert!(!tools_required(), "babel did not run: {}", String::from_utf8_lossy(&output.stderr));
        return;
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("babel's JSON");
    let rows = report["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), BABEL_LOCALES.len());
    let mut differ = Vec::new();
    for ((tag, babel), row) in BABEL_LOCALES.iter().zip(rows) {
        assert_eq!(row["locale"], *babel);
        // Babel knows only the Gregorian calendar: Persian-calendar languages are compared so.
        let tag: dossier::values::LanguageTag = tag.parse().expect("a tag");
        let ours = Locale::new(&tag, &Default::default(), None, dossier::model::Calendar::Gregorian);
        for (i, date) in dates.iter().enumerate() {
            let date: dossier::values::PartialDate = date.parse().expect("a date");
            let month = dossier::values::PartialDate { day: None, ..date };
            for (what, ours, theirs) in [
                ("long date", ours.date(&date), &row["long"][i]),
                ("month and year", ours.date(&month), &row["month_year"][i]),
            ] {
                if theirs.as_str() != Some(ours.as_str()) {
                    differ.push(format!("{tag} {what} of {date}: ours {ours:?}, babel {theirs}"));
                }
            }
        }
        if row["number_12000"].as_str() != Some(ours.number(12_000).as_str()) {
            differ.push(format!(
                "{tag} 12000: ours {:?}, babel {}",
                ours.number(12_000),
                row["number_12000"]
            ));
        }
    }
    assert!(differ.is_empty(), "babel {} (CLDR {}):\n{}", report["babel"], report["cldr"], differ.join("\n"));
}

/// `dossier check` on Kloop with `extra` appended: its exit code and standard error.
fn check_kloop_with(extra: &str) -> (Option<i32>, String) {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("Kloop");
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("bad.yaml");
    std::fs::write(&file, kloop + extra).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier")).arg("check").arg(&file).output().expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).to_string())
}

#[test]
fn bad_labels_are_located_errors_and_never_print() {
    let structure = "\nlabels:\n  keyfacts: x\n  text_from_count: {one: \"{count} source\"}\n\
                     calendar: julian\nlabels_fallback: \"fr fr\"\n";
    let values = "\nlabels:\n  key_facts: \"Faits \\e[31m\"\n  page_of: \"Page {n} sur {total}\"\n";
    for (extra, wanted) in [
        (
            structure,
            &[
                "unknown field `keyfacts`",
                "did you mean `key_facts`?",
                "missing field `other`",
                "unknown calendar `julian`",
                "is not a BCP 47 language tag",
            ][..],
        ),
        (values, &["labels.key_facts", "U+001B", "unknown placeholder `{total}`", "`{m}` is left out"][..]),
    ] {
        let (code, stderr) = check_kloop_with(extra);
        assert_eq!(code, Some(1), "{stderr}");
        for wanted in wanted {
            assert!(stderr.contains(wanted), "no “{wanted}” in:\n{stderr}");
        }
        assert!(!stderr.contains('\u{1b}'), "an escape reached the terminal");
    }
}

/// A packet in a language without a table, around a Tajik and a Kazakh member: its own words
/// (contents, introduction, the members' heading) are English and tagged `en` in both outputs;
/// each member's words are its own language's.
#[test]
fn a_packet_s_fallback_words_are_tagged_in_its_contents_and_pages() {
    let dir = tempfile::tempdir().expect("temp");
    for member in ["tg", "kk"] {
        let from = format!("tests/fixtures/languages/{member}.yaml");
        std::fs::copy(&from, dir.path().join(format!("{member}.yaml"))).expect("copy");
    }
    let packet =
        "packet:\n  title: Zentralasien\n  language: de\n  updated: 2026-11-27\n  introduction:\n    - \
                  Zwei erfundene Redaktionen.\n  members: [tg.yaml, kk.yaml]\n";
    let file = dir.path().join("paket.yaml");
    std::fs::write(&file, packet).expect("write");
    let Ok(load::Input::Packet(loaded)) = load::load_input(&file) else { panic!("the packet loads") };
    let options =
        dossier::BuildOptions { paper: Paper::A4, formats: BOTH, source_date_epoch: None, duplex: false };
    let outputs = dossier::render_packet(&loaded, &options).expect("renders");
    let epub = outputs.epub.expect("an EPUB");
    let tagged: Vec<(String, String)> =
        xhtml_pages(&epub).iter().flat_map(|(_, page)| texts_by_language(page)).collect();
    let english = locale::english_table();
    for key in ["contents", "introduction"] {
        let word = english.text(key).expect("a word");
        let found: Vec<&(String, String)> = tagged.iter().filter(|(_, t)| t == word).collect();
        assert!(!found.is_empty(), "the EPUB lacks “{word}”");
        assert!(found.iter().all(|(lang, _)| lang == "en"), "“{word}” tagged {found:?}");
    }
    for (member, key) in [("tg", "key_facts"), ("kk", "key_facts")] {
        let word = table(member).text(key).expect("a word");
        assert!(tagged.iter().any(|(lang, t)| lang == member && t == word), "{member}: “{word}”");
    }
    let nav = epub_files(&epub).into_iter().find(|(name, _)| name.ends_with("nav.xhtml")).expect("a nav");
    let nav = String::from_utf8(nav.1).expect("UTF-8");
    assert!(nav.contains("<h1 id=\"toc-title\" lang=\"en\""), "the nav's heading is not tagged en");
    let (document_lang, element_langs) = pdf_languages(&outputs.pdf.expect("a PDF"));
    assert_eq!(document_lang, "de");
    assert!(element_langs.contains("en") && element_langs.contains("tg") && element_langs.contains("kk"));
}
