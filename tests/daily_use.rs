//! The commands of daily use, run as a new user runs them: `init` in an empty folder then
//! `build`, the bare command outside the repository, `watch` through a broken and a fixed
//! change, shell completions checked by the shells' own parsers, and the manual page by `man`.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{assert_qpdf_clean, epubcheck, epubcheck_jar, have};

fn dossier(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).current_dir(folder).args(args).output().expect("dossier runs")
}

#[test]
fn init_then_build_in_an_empty_folder_makes_valid_outputs_and_init_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp");
    let init = dossier(dir.path(), &["init"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let again = dossier(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2), "init refuses to overwrite");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let build = dossier(dir.path(), &["build", "organisation.yaml"]);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let pdf = std::fs::read(dir.path().join("out/organisation.pdf")).expect("a PDF");
    assert_qpdf_clean(&pdf);
    let epub = std::fs::read(dir.path().join("out/organisation.epub")).expect("an EPUB");
    if let Some(jar) = epubcheck_jar() {
        let report = epubcheck(&jar, &epub);
        assert!(report.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "{report}");
    }
    // A packet starter next to it builds too (its member is the file just written).
    let packet = dossier(dir.path(), &["init", "--packet"]);
    assert!(packet.status.success(), "{}", String::from_utf8_lossy(&packet.stderr));
    let build = dossier(dir.path(), &["build", "briefing.yaml"]);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
}

#[test]
fn the_bare_command_outside_the_repository_prints_a_guide_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp");
    let bare = dossier(dir.path(), &[]);
    assert_eq!(bare.status.code(), Some(2));
    let guide = String::from_utf8_lossy(&bare.stderr);
    assert!(guide.contains("dossier init") && guide.contains("dossier build"), "{guide}");
}

#[test]
fn completions_pass_the_shells_own_syntax_check_and_the_manual_page_renders() {
    let dir = tempfile::tempdir().expect("temp");
    let bash = dossier(dir.path(), &["completions", "bash"]);
    assert!(bash.status.success());
    let script = dir.path().join("dossier.bash");
    std::fs::write(&script, &bash.stdout).expect("write");
    let checked = Command::new("bash").arg("-n").arg(&script).output().expect("bash runs");
    assert!(checked.status.success(), "bash -n: {}", String::from_utf8_lossy(&checked.stderr));
    assert!(String::from_utf8_lossy(&bash.stdout).contains("watch"), "every subcommand completes");
    for shell in ["zsh", "fish", "powershell"] {
        let output = dossier(dir.path(), &["completions", shell]);
        assert!(output.status.success() && !output.stdout.is_empty(), "{shell}");
    }
    let man = dossier(dir.path(), &["man"]);
    assert!(man.status.success());
    let page = dir.path().join("dossier.1");
    std::fs::write(&page, &man.stdout).expect("write");
    if !have("man") {
        return;
    }
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("COLUMNS", "100")
        .output()
        .expect("man runs");
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(
        rendered.status.success() && text.contains("dossier") && text.contains("watch"),
        "man -l: {text}"
    );
}

/// Lines the watcher prints, as they come.
fn lines_of(stream: impl std::io::Read + Send + 'static, sender: mpsc::Sender<String>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
}

/// `dossier watch FILE -o out` in `folder`, and the lines it prints.
fn watch(folder: &Path, file: &str) -> (std::process::Child, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(folder)
        .args(["watch", file, "-o", "out"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("watch starts");
    let (sender, lines) = mpsc::channel();
    lines_of(child.stdout.take().expect("stdout"), sender.clone());
    lines_of(child.stderr.take().expect("stderr"), sender);
    (child, lines)
}

/// Waits until `count` lines satisfying `wanted` have come, or the deadline passes.
fn wait_for(
    lines: &mpsc::Receiver<String>,
    seen: &mut Vec<String>,
    wanted: &dyn Fn(&str) -> bool,
    count: usize,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.iter().filter(|l| wanted(l)).count() < count {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => seen.push(line),
            Err(_) => panic!("waited 30 s for {count} lines; got:\n{}", seen.join("\n")),
        }
    }
}

#[test]
fn watch_rebuilds_on_change_reports_a_broken_file_and_keeps_the_last_good_outputs() {
    let dir = tempfile::tempdir().expect("temp");
    assert!(dossier(dir.path(), &["init"]).status.success());
    let data = dir.path().join("organisation.yaml");
    let (mut child, lines) = watch(dir.path(), "organisation.yaml");
    let mut seen = Vec::new();
    let built = |l: &str| l.starts_with("wrote out/organisation.pdf");
    let watching = |l: &str| l.starts_with("watching ");
    wait_for(&lines, &mut seen, &watching, 1);
    let good = std::fs::read(dir.path().join("out/organisation.pdf")).expect("the first build");

    let text = std::fs::read_to_string(&data).expect("read");
    std::fs::write(&data, text.replace("name: Example Newsroom", "name: [broken")).expect("break it");
    wait_for(&lines, &mut seen, &|l: &str| l.starts_with("error: organisation.yaml is not valid"), 1);
    wait_for(&lines, &mut seen, &watching, 2);
    let kept = std::fs::read(dir.path().join("out/organisation.pdf")).expect("still there");
    assert!(kept == good, "a broken change leaves the last good PDF");

    std::fs::write(&data, text.replace("name: Example Newsroom", "name: Example Newsroom Fixed"))
        .expect("fix it");
    wait_for(&lines, &mut seen, &built, 2);
    wait_for(&lines, &mut seen, &watching, 3);
    let _ = child.kill();
    let _ = child.wait();
    let errors = seen.iter().filter(|l| l.starts_with("error: organisation.yaml is not valid")).count();
    assert_eq!(errors, 1, "one error report:\n{}", seen.join("\n"));
    assert_eq!(seen.iter().filter(|l| built(l)).count(), 2, "two good builds:\n{}", seen.join("\n"));
    let rebuilt = std::fs::read(dir.path().join("out/organisation.pdf")).expect("rebuilt");
    assert!(rebuilt != good, "the fixed file was built");
}

#[test]
fn watch_builds_a_packet_once_a_member_broken_at_the_start_is_fixed() {
    let dir = tempfile::tempdir().expect("temp");
    assert!(dossier(dir.path(), &["init", "--packet", "p.yaml"]).status.success());
    let member = dir.path().join("organisation.yaml");
    let text = std::fs::read_to_string(&member).expect("read");
    std::fs::write(&member, text.replace("name: Example Newsroom", "name: [broken")).expect("break it");
    let (mut child, lines) = watch(dir.path(), "p.yaml");
    let mut seen = Vec::new();
    wait_for(&lines, &mut seen, &|l: &str| l.starts_with("watching "), 1);
    assert!(seen.iter().any(|l| l.starts_with("error: p.yaml is not valid")), "{}", seen.join("\n"));
    std::fs::write(&member, &text).expect("fix it");
    wait_for(&lines, &mut seen, &|l: &str| l.starts_with("wrote out/p.pdf"), 1);
    let _ = child.kill();
    let _ = child.wait();
}
