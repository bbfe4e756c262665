//! The README's promises, each checked against the hostile case that once broke it: outputs
//! are written all or nothing (old pairs survive failures and kills), exit codes are 0 to 3
//! only, every accepted input gives valid output (web addresses, SOURCE_DATE_EPOCH), and
//! nothing from the data reaches the terminal raw.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{build_text, epubcheck, epubcheck_jar, load_text, BOTH};
use dossier::{BuildOptions, Paper};

const NGO: &str = "tests/fixtures/ngo.yaml";

fn dossier(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).current_dir(dir).args(args).output().expect("dossier runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder holding `ngo.yaml` and an `out` folder with an old pair of outputs.
fn folder_with_old_pair() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::copy(NGO, dir.path().join("ngo.yaml")).expect("copy");
    std::fs::create_dir(dir.path().join("out")).expect("out");
    std::fs::write(dir.path().join("out/ngo.pdf"), b"old pdf").expect("old pdf");
    std::fs::write(dir.path().join("out/ngo.epub"), b"old epub").expect("old epub");
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("true runs");
    let pid = child.id();
    child.wait().expect("true ends");
    pid
}

#[test]
fn a_folder_as_the_epub_target_leaves_the_old_pdf_untouched_and_exits_3() {
    let dir = folder_with_old_pair();
    let out = dir.path().join("out");
    std::fs::remove_file(out.join("ngo.epub")).expect("rm");
    std::fs::create_dir(out.join("ngo.epub")).expect("a folder where the EPUB goes");
    let output = dossier(dir.path(), &["build", "ngo.yaml", "-o", "out"]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert_eq!(stderr(&output), "error: cannot write out/ngo.epub: a folder of that name is in the way\n");
    assert_eq!(std::fs::read(out.join("ngo.pdf")).expect("old pdf"), b"old pdf");
    assert_eq!(listing(&out), ["ngo.epub", "ngo.pdf"], "no temporary is left");
}

#[test]
fn a_leftover_temporary_of_a_killed_run_is_removed_by_the_next_run() {
    let dir = folder_with_old_pair();
    let out = dir.path().join("out");
    let dead = dead_pid();
    std::fs::write(out.join(format!(".ngo.pdf.dossier-partial-{dead}")), b"half a pdf").expect("partial");
    std::fs::write(out.join(format!(".other.epub.dossier-partial-{dead}")), b"half").expect("partial");
    // As earlier versions named their temporaries.
    std::fs::write(out.join(format!(".ngo.epub.{dead}.partial")), b"half").expect("partial");
    // As earlier versions named their temporaries.
    std::fs::write(out.join(format!(".ngo.epub.{dead}.partial")), b"half").expect("partial");
    let output = dossier(dir.path(), &["build", "ngo.yaml", "-o", "out"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(listing(&out), ["ngo.epub", "ngo.pdf"]);
}

#[test]
fn a_temporary_of_a_build_still_running_is_left_alone() {
    let dir = folder_with_old_pair();
    let out = dir.path().join("out");
    let running = format!(".ngo.pdf.dossier-partial-{}", std::process::id());
    std::fs::write(out.join(&running), b"being written").expect("partial");
    let output = dossier(dir.path(), &["build", "ngo.yaml", "-o", "out", "--format", "epub"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read(out.join(&running)).expect("still there"), b"being written");
}

#[test]
fn a_build_killed_between_the_renames_leaves_the_old_pair_after_the_next_run() {
    let dir = folder_with_old_pair();
    let out = dir.path().join("out");
    // What a build of `other.yaml` leaves when killed after placing its PDF, before its EPUB.
    let dead = dead_pid();
    std::fs::write(out.join("other.pdf"), b"new pdf").expect("placed");
    std::fs::write(out.join(format!(".other.pdf.dossier-old-{dead}")), b"old pdf").expect("kept aside");
    std::fs::write(out.join("other.epub"), b"old epub").expect("old");
    std::fs::write(out.join(format!(".other.epub.dossier-old-{dead}")), b"old epub").expect("kept aside");
    std::fs::write(out.join(format!(".other.epub.dossier-partial-{dead}")), b"new epub").expect("waiting");
    let output = dossier(dir.path(), &["build", "ngo.yaml", "-o", "out"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "note: put back out/other.pdf as it was before an interrupted build\n");
    assert_eq!(std::fs::read(out.join("other.pdf")).expect("pdf"), b"old pdf");
    assert_eq!(std::fs::read(out.join("other.epub")).expect("epub"), b"old epub");
    assert_eq!(listing(&out), ["ngo.epub", "ngo.pdf", "other.epub", "other.pdf"]);
}

/// The NGO fixture with its report's address replaced by `url`.
fn ngo_with_source_url(url: &str) -> String {
    let text = std::fs::read_to_string(NGO).expect("fixture");
    // Written as a YAML double-quoted scalar, control characters as escapes.
    let url: String = url
        .chars()
        .map(|c| match c {
            '\\' | '"' => format!("\\{c}"),
            c if c.is_control() => format!("\\x{:02x}", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    text.replace("url: https://steppe-press-watch.example.org/reports/2025", &format!("url: \"{url}\""))
}

/// Every kind of address EPUBCheck refuses as an invalid URL (RSC-020), and those our own rules
/// refuse (not http or https, no public host, a password inside).
const REFUSED_URLS: &[&str] = &[
    "https://example.org/#a#b",
    "https://example.org/notes[1]",
    "https://example.org/a%zz",
    "https://example.org/a%",
    "https://example.org:http/",
    "https://example.org:99999/",
    "https://example..org/",
    "https://.example.org/",
    "https://example.org./",
    "https://localhost/",
    "https://[::1]/",
    "https://user:secret@example.org/",
    "https:example.org",
    "https:\\\\example.org\\a",
    "ftp://example.org/",
    "mailto:press@example.org",
    "https://example.org/a b",
    "https://example.org/a|b",
    "https://example.org/{x}",
    "https://example.org/a\u{1b}[2J",
    "https://exa<mple.org/",
];

#[test]
fn every_address_epubcheck_refuses_is_refused_by_check_with_its_place() {
    let dir = tempfile::tempdir().expect("temp");
    for (i, url) in REFUSED_URLS.iter().enumerate() {
        std::fs::write(dir.path().join(format!("u{i:02}.yaml")), ngo_with_source_url(url)).expect("write");
    }
    let output = dossier(dir.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "accepted: {}", String::from_utf8_lossy(&output.stdout));
    let report = stderr(&output);
    assert_eq!(report.matches("is not a web address").count(), REFUSED_URLS.len(), "{report}");
    assert_eq!(report.matches("= field: sources[1].url").count(), REFUSED_URLS.len(), "{report}");
    assert!(!report.contains('\u{1b}'), "{report}");
}

#[test]
fn accepted_addresses_are_written_out_in_a_form_epubcheck_accepts() {
    let Some(jar) = epubcheck_jar() else { return };
    let accepted = [
        "HTTPS://Steppe-Press.EXAMPLE.org:443/a/../reports?year=2025&lang=ru#summary",
        "https://ru.wikipedia.org/wiki/Клооп_(СМИ)",
        "https://пример.испытание/путь?q=ж#раздел",
        "https://ex%41mple.org/%7e/",
        "https://exa_mple.org/it's(fine)!*",
        "http://192.0.2.1:8080/x?q=a+b",
    ];
    // Each address as a source of its own and as a link in running text, in one EPUB.
    let mut yaml = std::fs::read_to_string(NGO).expect("fixture");
    let links: Vec<String> = accepted.iter().map(|url| format!("[a]({url})")).collect();
    yaml = yaml.replacen("after a\n", &format!("after {}\n", links.join(" ")), 1);
    assert!(yaml.contains(&links[0]), "the fixture changed");
    for url in accepted {
        yaml.push_str(&format!("  - title: A page\n    publisher: Example\n    url: \"{url}\"\n"));
    }
    let epub = build_text(&yaml, Paper::A4, BOTH).epub.expect("an EPUB");
    let report = epubcheck(&jar, &epub);
    assert!(report.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "{report}");
}

#[test]
fn a_host_the_fonts_cannot_draw_prints_in_its_ascii_form() {
    let yaml = ngo_with_source_url("https://例子.测试/");
    let outputs = build_text(&yaml, Paper::A4, BOTH);
    let chapters: String = common::epub_files(&outputs.epub.expect("an EPUB"))
        .into_iter()
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    assert!(chapters.contains(">https://xn--fsqu00a.xn--0zwm56d/<"), "printed as the ASCII host");
    assert!(!chapters.contains("例子"));
    if common::have("pdftotext") {
        let text = common::pdftotext(&outputs.pdf.expect("a PDF"));
        assert!(text.contains("xn--fsqu00a.xn--0zwm56d"), "{text}");
    }
}

#[test]
fn the_longest_accepted_website_builds_with_its_qr_code() {
    let text = std::fs::read_to_string(NGO).expect("fixture");
    let site = "https://steppe-press-watch.example.org/";
    let longest = format!("{site}{}", "a".repeat(dossier::values::MAX_URL_CHARS - site.len()));
    let yaml = text.replacen(&format!("url: {site}\n"), &format!("url: {longest}\n"), 1);
    assert!(yaml.contains(&longest), "the fixture changed");
    let outputs = build_text(&yaml, Paper::Letter, BOTH);
    assert!(outputs.pdf.is_some_and(|pdf| pdf.len() > 1000));
    let too_long = yaml.replace(&longest, &format!("{longest}a"));
    let refused = dossier::load::load_str(&too_long, Path::new("long.yaml")).expect_err("refused");
    assert!(refused.to_string().ends_with("has 1 problem"), "{refused}");
}

#[test]
fn source_date_epoch_outside_1970_to_9999_is_bad_usage_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::copy(NGO, dir.path().join("ngo.yaml")).expect("copy");
    for value in ["-1", "253402300800", "99999999999999999999", "yesterday", "1.5", "", "0x10"] {
        for command in ["build", "check"] {
            let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
                .current_dir(dir.path())
                .env("SOURCE_DATE_EPOCH", value)
                .args([command, "ngo.yaml"])
                .output()
                .expect("runs");
            assert_eq!(output.status.code(), Some(2), "{value:?}: {}", stderr(&output));
            assert!(stderr(&output).starts_with("error: SOURCE_DATE_EPOCH must be a whole number"));
        }
    }
    assert_eq!(listing(dir.path()), ["ngo.yaml"]);
}

#[test]
fn the_last_source_date_epoch_and_the_earliest_updated_date_give_valid_epubs() {
    let Some(jar) = epubcheck_jar() else { return };
    let text = std::fs::read_to_string(NGO).expect("fixture");
    let old = text.lines().find(|l| l.starts_with("updated:")).expect("an updated line").to_string();
    let cases = [(text.clone(), Some(dossier::LAST_TIMESTAMP)), (text.replace(&old, "updated: 1000"), None)];
    for (yaml, source_date_epoch) in cases {
        let options = BuildOptions { paper: Paper::A4, formats: BOTH, source_date_epoch, duplex: false };
        let outputs = dossier::render(&load_text(&yaml, "ngo.yaml"), &options).expect("renders");
        let report = epubcheck(&jar, &outputs.epub.expect("an EPUB"));
        assert!(
            report.contains("Messages: 0 fatals / 0 errors / 0 warnings"),
            "{source_date_epoch:?}:\n{report}"
        );
    }
    let options =
        BuildOptions { paper: Paper::A4, formats: BOTH, source_date_epoch: Some(-1), duplex: false };
    let refused = dossier::render(&load_text(&text, "ngo.yaml"), &options).expect_err("refused");
    assert_eq!(refused.exit_code(), 2);
}

#[test]
fn escape_sequences_from_the_data_and_paths_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp");
    let text = std::fs::read_to_string(NGO).expect("fixture");
    let hostile = text.replacen("language: en", "language: en\n\"\\e[2Jwipe\": 1", 1).replacen(
        "  - id: ruling-2024",
        "  - id: \"ruling\\e]0;title\\a\"",
        1,
    );
    let name = "bad\u{1b}[31mname.yaml";
    std::fs::write(dir.path().join(name), hostile).expect("write");
    let output = dossier(dir.path(), &["check", name]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr(&output);
    assert!(!report.contains(['\u{1b}', '\u{7}']), "raw control characters: {report:?}");
    assert!(report.contains("\\u{1b}[2Jwipe"), "{report}");
    assert!(report.contains("bad\\u{1b}[31mname.yaml"), "{report}");
}

#[test]
fn exit_codes_are_0_to_3_only() {
    let dir = folder_with_old_pair();
    std::fs::create_dir(dir.path().join("empty")).expect("empty folder");
    let cases: [(&[&str], i32); 6] = [
        (&["build", "ngo.yaml", "-o", "out"], 0),
        (&["check", "ngo.yaml"], 0),
        (&["build", "empty"], 2),
        (&["build", "--paper", "a5"], 2),
        (&["build", "ngo.yaml", "-o", "ngo.yaml"], 2),
        (&["check", "no-such-file.yaml"], 3),
    ];
    for (args, code) in cases {
        let output = dossier(dir.path(), args);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {}", stderr(&output));
    }
    let bad = dossier(Path::new("tests/fixtures/bad"), &["check", "emoji.yaml"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn check_says_ok_exactly_when_build_succeeds() {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("tests/fixtures/bad")
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.extend(["data/kloop.yaml", NGO, "tests/fixtures/cyrillic.yaml"].map(Into::into));
    let out = tempfile::tempdir().expect("temp");
    for file in &files {
        let file = file.to_str().expect("a UTF-8 path");
        let checked = dossier(Path::new("."), &["check", file]);
        let out_dir = out.path().to_str().expect("a UTF-8 path");
        let built = dossier(Path::new("."), &["build", file, "-o", out_dir]);
        assert_eq!(checked.status.code(), built.status.code(), "{file}: {}", stderr(&built));
        assert_eq!(checked.stdout.is_empty(), built.stdout.is_empty(), "{file}");
    }
}

/// Whether `out` holds the old pair or a whole new pair of `ngo`, and nothing else of ours.
fn pair_state(out: &Path) -> &'static str {
    let pdf = std::fs::read(out.join("ngo.pdf")).expect("a PDF is always there");
    let epub = std::fs::read(out.join("ngo.epub")).expect("an EPUB is always there");
    match (pdf.as_slice(), epub.as_slice()) {
        (b"old pdf", b"old epub") => "old",
        (pdf, epub) if pdf.starts_with(b"%PDF") && pdf.ends_with(b"%%EOF") && epub.starts_with(b"PK") => {
            "new"
        }
        _ => "mixed",
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_matching_pair_after_the_next_run() {
    let dir = folder_with_old_pair();
    let out = dir.path().join("out");
    std::fs::copy(NGO, dir.path().join("other.yaml")).expect("copy");
    let mut seen = Vec::new();
    for step in 0..24u64 {
        std::fs::write(out.join("ngo.pdf"), b"old pdf").expect("old pdf");
        std::fs::write(out.join("ngo.epub"), b"old epub").expect("old epub");
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .current_dir(dir.path())
            .args(["build", "ngo.yaml", "-o", "out"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dossier starts");
        // Whenever the kill lands (before, during or after the writing), the promise holds.
        std::thread::sleep(std::time::Duration::from_millis(step * 10));
        drop(child.kill());
        child.wait().expect("ends");
        let next = dossier(dir.path(), &["build", "other.yaml", "-o", "out"]);
        assert!(next.status.success(), "{}", stderr(&next));
        let state = pair_state(&out);
        assert_ne!(state, "mixed", "after a kill at {} ms", step * 10);
        assert_eq!(listing(&out), ["ngo.epub", "ngo.pdf", "other.epub", "other.pdf"], "at {} ms", step * 10);
        seen.push(state);
    }
    eprintln!("pairs after each kill: {seen:?}");
}
