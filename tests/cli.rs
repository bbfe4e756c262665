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

#[test]
fn a_folder_with_no_yaml_files_is_bad_usage_not_a_silent_success() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join("briefing")).expect("folder");
    std::fs::write(dir.path().join("briefing/notes.txt"), b"not data").expect("file");
    for command in ["build", "check"] {
        let output = dossier(dir.path(), &[command, "briefing"]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.starts_with("error: the folder briefing has no .yaml or .yml files to build\n"),
            "{stderr}"
        );
    }
    assert!(!dir.path().join("out").exists(), "nothing was written");
}

#[test]
fn check_takes_a_folder_like_build_and_sums_up_a_batch() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join("in")).expect("in");
    std::fs::copy("data/kloop.yaml", dir.path().join("in/a.yaml")).expect("copy");
    std::fs::copy("tests/fixtures/ngo.yaml", dir.path().join("in/b.yml")).expect("copy");
    let output = dossier(dir.path(), &["check", "in"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout, "ok: in/a.yaml\nok: in/b.yml\nchecked 2 files: all ok\n");
    std::fs::copy("tests/fixtures/bad/timeline-points-nowhere.yaml", dir.path().join("in/c.yaml"))
        .expect("copy");
    let output = dossier(dir.path(), &["build", "in", "-o", "out"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.ends_with("error: built 2 files, 1 failed (reported above)\n"), "{stderr}");
}

#[test]
fn o_naming_a_file_says_that_it_takes_a_folder() {
    let dir = folder_with_kloop();
    std::fs::write(dir.path().join("kloop.pdf"), b"old").expect("file");
    let output = dossier(dir.path(), &["build", "data/kloop.yaml", "-o", "kloop.pdf"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: -o takes a folder, and kloop.pdf is a file\n"), "{stderr}");
    assert!(!stderr.contains("File exists") && !stderr.contains("os error"), "{stderr}");
    assert_eq!(std::fs::read(dir.path().join("kloop.pdf")).expect("kept"), b"old");
}

#[test]
fn the_bare_command_outside_the_repository_shows_what_to_do() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dossier(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for needle in ["dossier build my-organisation.yaml", "dossier --help", "README.md"] {
        assert!(stderr.contains(needle), "{needle} missing from:\n{stderr}");
    }
    assert!(!stderr.contains("error: cannot read"), "{stderr}");
    assert!(std::fs::read_dir(dir.path()).expect("dir").next().is_none(), "nothing was written");
}

#[test]
fn paper_and_format_names_are_accepted_in_any_case_and_sizes_are_in_kib() {
    let dir = folder_with_kloop();
    let output = dossier(dir.path(), &["build", "--paper", "LETTER", "--format", "PDF", "-o", "letter"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("wrote letter/kloop.pdf (") && stdout.contains(" KiB) in "), "{stdout}");
    let output = dossier(dir.path(), &["check", "--paper", "A4", "data/kloop.yaml"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_file_that_cannot_be_read_is_reported_in_plain_words() {
    let dir = tempfile::tempdir().expect("temp");
    let output = dossier(dir.path(), &["check", "missing.yaml"]);
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "error: cannot read missing.yaml: there is no such file or folder\n");
}
