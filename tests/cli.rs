//! The command line as a person uses it: the bare command, batches with a bad file among good
//! ones, clashing outputs, reproducible bytes across processes, SOURCE_DATE_EPOCH.

use std::path::Path;
use std::process::{Command, Output};

fn dossier(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).current_dir(dir).args(args).output().expect("dossier runs")
}

fn folder_with_kloop() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join("data")).expect("data");
    std::fs::copy("data/kloop.yaml", dir.path().join("data/kloop.yaml")).expect("copy");
    dir
}

#[test]
fn the_bare_command_builds_the_bundled_kloop_into_out() {
    let dir = folder_with_kloop();
    let output = dossier(dir.path(), &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("wrote out/kloop.pdf ("), "{stdout}");
    assert!(stdout.contains("wrote out/kloop.epub ("), "{stdout}");
    let pdf = std::fs::read(dir.path().join("out/kloop.pdf")).expect("a PDF");
    assert!(pdf.starts_with(b"%PDF-1.7"));
    let epub = std::fs::read(dir.path().join("out/kloop.epub")).expect("an EPUB");
    assert!(epub.starts_with(b"PK"));
}

#[test]
fn a_batch_builds_every_good_file_and_reports_the_bad_one() {
    let dir = tempfile::tempdir().expect("temp");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("in");
    for name in ["a", "b", "c", "d"] {
        std::fs::copy("data/kloop.yaml", input.join(format!("{name}.yaml"))).expect("copy");
    }
    std::fs::copy("tests/fixtures/bad/timeline-points-nowhere.yaml", input.join("bad.yaml")).expect("copy");
    let output = dossier(dir.path(), &["build", "in", "-o", "out"]);
    assert_eq!(output.status.code(), Some(1), "a failure shows in the exit code");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no section has the id `raid`"), "{stderr}");
    for name in ["a", "b", "c", "d"] {
        for extension in ["pdf", "epub"] {
            let file = dir.path().join(format!("out/{name}.{extension}"));
            assert!(std::fs::metadata(&file).is_ok_and(|m| m.len() > 1000), "{} missing", file.display());
        }
    }
    assert!(!dir.path().join("out/bad.pdf").exists() && !dir.path().join("out/bad.epub").exists());
    let reference = std::fs::read(dir.path().join("out/a.pdf")).expect("a.pdf");
    assert_eq!(
        std::fs::read(dir.path().join("out/d.pdf")).expect("d.pdf"),
        reference,
        "parallel builds agree"
    );
}

#[test]
fn two_inputs_that_would_write_the_same_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp");
    for folder in ["x", "y"] {
        std::fs::create_dir(dir.path().join(folder)).expect("folder");
        std::fs::copy("data/kloop.yaml", dir.path().join(folder).join("kloop.yaml")).expect("copy");
    }
    let output = dossier(dir.path(), &["build", "x/kloop.yaml", "y/kloop.yaml", "-o", "out"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("would both write kloop.pdf"));
    assert!(!dir.path().join("out").exists(), "nothing was written");
}

#[test]
fn two_processes_write_identical_bytes_and_source_date_epoch_sets_the_dates() {
    let dir = folder_with_kloop();
    let run = |out: &str, epoch: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
        command.current_dir(dir.path()).args(["build", "data/kloop.yaml", "-o", out]);
        match epoch {
            Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch),
            None => command.env_remove("SOURCE_DATE_EPOCH"),
        };
        assert!(command.output().expect("runs").status.success());
        let read = |ext: &str| std::fs::read(dir.path().join(format!("{out}/kloop.{ext}"))).expect("output");
        (read("pdf"), read("epub"))
    };
    let first = run("one", None);
    assert_eq!(run("two", None), first, "same input, same bytes");
    let dated = run("three", Some("1700000000"));
    assert_ne!(dated.0, first.0);
    let pdf = String::from_utf8_lossy(&dated.0).into_owned();
    assert!(!pdf.contains("D:2026"), "the data's date is replaced");
    assert_eq!(run("four", Some("1700000000")), dated, "SOURCE_DATE_EPOCH builds are reproducible too");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .arg("build")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn help_teaches_with_examples_and_exit_codes() {
    let output = dossier(Path::new("."), &["--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    for needle in ["dossier build data/kloop.yaml", "Exit codes:", "SOURCE_DATE_EPOCH", "check"] {
        assert!(help.contains(needle), "--help lacks {needle}:\n{help}");
    }
}
