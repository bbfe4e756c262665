//! The corpus of broken and hostile inputs under tests/fixtures/bad: each must give exactly its
//! expected report and exit code, and write no output. `DOSSIER_BLESS=1 cargo test --test
//! bad_input` rewrites the expectations after a deliberate change (review the diff).

use std::path::{Path, PathBuf};
use std::process::Command;

const CORPUS: &str = "tests/fixtures/bad";

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .expect("the corpus folder")
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    cases
}

/// Runs `dossier build NAME.yaml -o OUT` inside the corpus folder, so reports name the file plainly.
fn run(case: &Path, out: &Path) -> (i32, String, String) {
    let name = case.file_name().expect("a file name");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(CORPUS)
        .arg("build")
        .arg(name)
        .arg("-o")
        .arg(out)
        .output()
        .expect("dossier runs");
    let code = output.status.code().expect("an exit code, not a signal");
    (
        code,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn expectation(code: i32, stderr: &str) -> String {
    format!("exit: {code}\n---\n{stderr}")
}

#[test]
fn every_broken_input_is_explained_exactly_and_writes_nothing() {
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let bless = std::env::var_os("DOSSIER_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let out = tempfile::tempdir().expect("temp");
        let (code, stdout, stderr) = run(case, out.path());
        let written: Vec<_> = std::fs::read_dir(out.path()).expect("out").collect();
        assert!(written.is_empty(), "{}: wrote {written:?}", case.display());
        assert!(stdout.is_empty(), "{}: printed {stdout}", case.display());
        assert_eq!(code, 1, "{}: exit code {code}\n{stderr}", case.display());
        let actual = expectation(code, &stderr);
        let expected_file = case.with_extension("expected");
        if bless {
            std::fs::write(&expected_file, &actual).expect("write expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if actual != expected {
            failures.push(format!("{}:\n--- expected\n{expected}\n--- actual\n{actual}", case.display()));
        }
    }
    assert!(failures.is_empty(), "{} case(s) differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_failed_build_leaves_an_existing_output_untouched() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::copy(format!("{CORPUS}/timeline-points-nowhere.yaml"), dir.path().join("kloop.yaml"))
        .expect("copy");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    std::fs::write(out.join("kloop.pdf"), b"old").expect("old pdf");
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(dir.path())
        .args(["build", "kloop.yaml", "-o", "out"])
        .output()
        .expect("runs")
        .status;
    assert_eq!(status.code(), Some(1));
    assert_eq!(std::fs::read(out.join("kloop.pdf")).expect("still there"), b"old");
    assert_eq!(std::fs::read_dir(&out).expect("out").count(), 1, "nothing else was written");
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_io_error_in_plain_words() {
    let dir = tempfile::tempdir().expect("temp");
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"a file").expect("file");
    let inside = blocker.join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "data/kloop.yaml", "-o"])
        .arg(&inside)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected =
        format!("error: cannot write {}: a part of the path is a file, not a folder\n", inside.display());
    assert_eq!(stderr, expected);
}

#[test]
fn bad_usage_exits_with_2() {
    let output =
        Command::new(env!("CARGO_BIN_EXE_dossier")).args(["build", "--paper", "a5"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("possible values: a4, letter"));
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().expect("temp");
    let big = dir.path().join("big.yaml");
    let line = format!("# {}\n", "x".repeat(1022));
    std::fs::write(&big, line.repeat(10 * 1024 + 1)).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier")).arg("check").arg(&big).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the limit is 10485760"), "{stderr}");
}
