//! Files that are not regular files, and files far over the size limit: the README's promises
//! ("a data file of at most 10 MiB", "exit code 3: a file could not be read") must hold without
//! the command waiting on a pipe or reading a device or a huge file into memory. Each run has a
//! deadline only so that a hang fails the test instead of stalling the suite; nothing is timed.
#![cfg(unix)]

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Long enough for any machine; a run that waits on a pipe never finishes.
const DEADLINE: Duration = Duration::from_secs(60);

fn dossier(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.current_dir(dir).args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

/// Waits for `child`, killing it and failing the test past the deadline.
fn finish(mut child: Child) -> Output {
    let started = Instant::now();
    while child.try_wait().expect("the child can be waited for").is_none() {
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("dossier still runs after {DEADLINE:?}: it is waiting on a pipe or reading without end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = finish(dossier(dir, args).spawn().expect("dossier runs"));
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

fn fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A folder with a valid data file `good.yaml`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::copy("tests/fuzz/seeds/load/minimal.yaml", dir.path().join("good.yaml")).expect("copy");
    dir
}

#[test]
fn a_data_file_that_is_a_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = folder();
    fifo(&dir.path().join("pipe.yaml"));
    let (code, stderr) = run(dir.path(), &["check", "pipe.yaml"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert_eq!(stderr, "error: cannot read pipe.yaml: it is a named pipe (FIFO), not a regular file\n");
}

#[test]
fn a_logo_that_is_a_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = folder();
    fifo(&dir.path().join("logo.png"));
    let good = std::fs::read_to_string(dir.path().join("good.yaml")).expect("read");
    std::fs::write(dir.path().join("logo.yaml"), format!("{good}logo: {{path: logo.png, alt: A}}\n"))
        .expect("write");
    let (code, stderr) = run(dir.path(), &["check", "logo.yaml"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.starts_with("error: `logo.png` is a named pipe (FIFO), not a file\n"), "{stderr}");
    assert!(stderr.contains("= field: logo.path"), "{stderr}");
}

#[test]
fn a_device_is_not_read_as_data() {
    let dir = folder();
    for device in ["/dev/zero", "/dev/urandom"] {
        let (code, stderr) = run(dir.path(), &["check", device]);
        assert_eq!(code, Some(3), "{stderr}");
        assert_eq!(
            stderr,
            format!("error: cannot read {device}: it is a character device, not a regular file\n")
        );
    }
}

#[test]
fn standard_input_from_a_pipe_is_refused_and_not_read() {
    let dir = folder();
    let mut child =
        dossier(dir.path(), &["check", "/dev/stdin"]).stdin(Stdio::piped()).spawn().expect("runs");
    // The pipe stays open and holds data: a reader would take it, or wait for more.
    let mut stdin = child.stdin.take().expect("stdin");
    let _ = stdin.write_all(b"language: en\n");
    let output = finish(child);
    drop(stdin);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("it is a named pipe (FIFO), not a regular file"), "{stderr}");
}

#[test]
fn a_data_file_over_10_mib_is_refused_unread_even_when_it_is_1_gib() {
    let dir = folder();
    let big = std::fs::File::create(dir.path().join("big.yaml")).expect("create");
    // Sparse: 1 GiB long, no disk used. Reading it (to check it, or to quote it in the report)
    // would take a gigabyte of memory or more.
    big.set_len(1 << 30).expect("set_len");
    // A cap on the address space, so that a regression fails here rather than taking the
    // machine's memory.
    let capped = format!("ulimit -v {} && exec \"$0\" check big.yaml", 3 * 1024 * 1024);
    let mut command = Command::new("sh");
    command.current_dir(dir.path()).args(["-c", &capped, env!("CARGO_BIN_EXE_dossier")]);
    let output = finish(command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("sh runs"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: the file is 1073741824 bytes; the limit is 10485760\n"), "{stderr}");
    // The largest child of this test process so far (the others here are small runs too).
    let peak = largest_child_kib();
    assert!(peak < 256 * 1024, "a child used {peak} KiB: the file was read");
}

/// The peak resident memory of the largest child this process has waited for, in KiB.
fn largest_child_kib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `getrusage` fills the structure it is given; a zeroed `rusage` is a valid value,
    // so reading it is sound even if the call failed.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss
}

#[test]
fn a_batch_folder_reports_a_pipe_named_yaml_and_builds_the_rest() {
    let dir = folder();
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).expect("batch");
    std::fs::rename(dir.path().join("good.yaml"), batch.join("a.yaml")).expect("move");
    fifo(&batch.join("b.yaml"));
    let (code, stderr) = run(dir.path(), &["build", "batch", "-o", "out", "--format", "pdf"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("error: cannot read batch/b.yaml: it is a named pipe (FIFO)"), "{stderr}");
    assert!(dir.path().join("out/a.pdf").exists(), "the regular file was built: {stderr}");
}
