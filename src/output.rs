//! Writing the finished files of one data file together, or not at all: every file goes to a
//! temporary beside its target first, and only when all of them are written are they renamed
//! into place, the old files kept aside until the last one is placed so that a failure between
//! the renames puts the old pair back. Temporaries carry this tool's name and the process id,
//! so that the next run can tidy up after a run that was killed (see [`recover_interrupted`]).
//! Only this module and the CLI touch output paths.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What a file beside a target is to this tool, told by its name
/// (`.kloop.pdf.dossier-partial-4242`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The new bytes, written (or being written) before they replace the target.
    Partial,
    /// The old target, kept aside (a hard link or a copy) until every new file is in place.
    Old,
    /// An empty marker: the target did not exist, so undoing means removing it again.
    Absent,
}

const ROLES: [(Role, &str); 3] = [(Role::Partial, "partial"), (Role::Old, "old"), (Role::Absent, "absent")];

fn role_word(role: Role) -> &'static str {
    ROLES.iter().find(|(r, _)| *r == role).map_or("partial", |(_, word)| word)
}

/// The name of `target`'s companion file of this role for process `pid`.
fn companion(target: &Path, role: Role, pid: u32) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.dossier-{}-{pid}", role_word(role)))
}

/// A companion file read back from its name: (target's file name, role, pid). Earlier
/// versions named their temporaries `.kloop.pdf.4242.partial`; those are read as partials.
fn parse_companion(file_name: &str) -> Option<(&str, Role, u32)> {
    let hidden = file_name.strip_prefix('.')?;
    let (target, role, pid) = match hidden.rsplit_once(".dossier-") {
        Some((target, tail)) => {
            let (word, pid) = tail.split_once('-')?;
            (target, ROLES.iter().find(|(_, w)| *w == word)?.0, pid)
        }
        None => {
            let (target, pid) = hidden.strip_suffix(".partial")?.rsplit_once('.')?;
            (target, Role::Partial, pid)
        }
    };
    let pid = pid.parse().ok().filter(|_| pid.bytes().all(|b| b.is_ascii_digit()))?;
    (!target.is_empty()).then_some((target, role, pid))
}

/// Writes every `(path, bytes)` pair, or none of them.
pub fn write_all_or_nothing(files: &[(PathBuf, &[u8])]) -> Result<()> {
    commit(files, std::process::id(), &|from, to| fs::rename(from, to))
}

/// The whole protocol, with the rename that places a file passed in (tests make it fail).
fn commit(
    files: &[(PathBuf, &[u8])],
    pid: u32,
    place: &dyn Fn(&Path, &Path) -> io::Result<()>,
) -> Result<()> {
    // A target that cannot be replaced is found before anything is written or replaced.
    for (target, _) in files {
        refuse_unreplaceable(target)?;
    }
    let targets: Vec<&Path> = files.iter().map(|(target, _)| target.as_path()).collect();
    let prepared = files
        .iter()
        .try_for_each(|(target, bytes)| write_partial(target, bytes, pid))
        .and_then(|()| targets.iter().try_for_each(|target| keep_old_aside(target, pid)));
    if let Err(error) = prepared {
        undo(&targets, pid);
        return Err(error);
    }
    for target in &targets {
        if let Err(source) = place(&companion(target, Role::Partial, pid), target) {
            undo(&targets, pid);
            return Err(Error::Write { path: target.to_path_buf(), source });
        }
    }
    // Every new file is in place: the old ones are no longer needed.
    for target in &targets {
        remove_companions(target, pid, &[Role::Old, Role::Absent]);
    }
    Ok(())
}

/// A folder (or anything else but a file or a link) where a file should go cannot be replaced
/// by a rename; it is found before any other target is touched.
fn refuse_unreplaceable(target: &Path) -> Result<()> {
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.is_dir() => Err(Error::Write {
            path: target.to_path_buf(),
            source: io::Error::new(io::ErrorKind::IsADirectory, "a folder of that name is in the way"),
        }),
        _ => Ok(()),
    }
}

fn write_partial(target: &Path, bytes: &[u8], pid: u32) -> Result<()> {
    let partial = companion(target, Role::Partial, pid);
    File::create(&partial)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            // On disk before it replaces anything: a crash must not leave an empty target.
            file.sync_all()
        })
        .map_err(|source| Error::Write { path: target.to_path_buf(), source })
}

/// Keeps the current target aside (a second name for the same file, or a copy where the file
/// system has no hard links), or marks that there was none.
fn keep_old_aside(target: &Path, pid: u32) -> Result<()> {
    let result = if fs::symlink_metadata(target).is_ok() {
        let old = companion(target, Role::Old, pid);
        fs::hard_link(target, &old).or_else(|_| fs::copy(target, &old).map(drop))
    } else {
        File::create(companion(target, Role::Absent, pid)).map(drop)
    };
    result.map_err(|source| Error::Write { path: target.to_path_buf(), source })
}

/// Puts back what was there before process `pid` replaced any of `targets` (a target whose new
/// file is still waiting was not replaced), and removes its temporaries. Returns the targets
/// put back. Best effort: this runs when something already failed.
fn undo(targets: &[&Path], pid: u32) -> Vec<PathBuf> {
    let mut restored = Vec::new();
    for target in targets {
        let replaced = !companion(target, Role::Partial, pid).exists();
        let old = companion(target, Role::Old, pid);
        if replaced && old.exists() {
            drop(fs::rename(&old, target));
            restored.push(target.to_path_buf());
        } else if replaced && companion(target, Role::Absent, pid).exists() {
            drop(fs::remove_file(target));
            restored.push(target.to_path_buf());
        }
        remove_companions(target, pid, &[Role::Partial, Role::Old, Role::Absent]);
    }
    restored
}

fn remove_companions(target: &Path, pid: u32, roles: &[Role]) {
    for role in roles {
        drop(fs::remove_file(companion(target, *role, pid)));
    }
}

/// What the next run found of a run that was killed while writing into a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// Targets put back as they were before the killed run began replacing them.
    pub restored: Vec<PathBuf>,
    /// Temporaries of such runs found (and removed).
    pub removed: usize,
}

/// Tidies up after runs of this tool that were killed while writing into `folder`: their
/// temporaries are removed, and where such a run had begun replacing its files (some new file
/// was still waiting), the old files it kept aside are put back, so the pair matches again.
/// Files of processes that are still running are left alone.
pub fn recover_interrupted(folder: &Path) -> Recovered {
    let mut recovered = Recovered { restored: Vec::new(), removed: 0 };
    let Ok(entries) = fs::read_dir(folder) else { return recovered };
    let mut found: Vec<Stale> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let (target, role, pid) = parse_companion(&name)?;
            Some(Stale { target: folder.join(target), role, pid, path: folder.join(&name) })
        })
        .filter(|stale| stale.pid != std::process::id() && !is_running(stale.pid))
        .collect();
    found.sort_by(|a, b| (a.pid, &a.target).cmp(&(b.pid, &b.target)));
    let mut pids: Vec<u32> = found.iter().map(|stale| stale.pid).collect();
    pids.dedup();
    for pid in pids {
        let of_pid: Vec<&Stale> = found.iter().filter(|stale| stale.pid == pid).collect();
        let mut targets: Vec<&Path> = of_pid.iter().map(|stale| stale.target.as_path()).collect();
        targets.dedup();
        if of_pid.iter().any(|stale| stale.role == Role::Partial) {
            // Killed before its last new file was placed: what it replaced goes back.
            recovered.restored.extend(undo(&targets, pid));
        }
        // Whatever is left (old files of a run killed after placing every new file, or
        // temporaries named as earlier versions named them) goes.
        for stale in of_pid {
            drop(fs::remove_file(&stale.path));
            recovered.removed += 1;
        }
    }
    recovered
}

/// A file of this tool's left by a process that is gone.
struct Stale {
    target: PathBuf,
    role: Role,
    pid: u32,
    path: PathBuf,
}

/// Whether process `pid` still runs. Where that cannot be told (no /proc), every process is
/// taken to be running, so a live run's files are never touched.
fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_all_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        let b = dir.path().join("b.epub");
        fs::write(&a, b"old").unwrap();
        write_all_or_nothing(&[(a.clone(), b"A".as_slice()), (b.clone(), b"B".as_slice())]).unwrap();
        assert_eq!(fs::read(a).unwrap(), b"A");
        assert_eq!(fs::read(b).unwrap(), b"B");
        assert_eq!(names(dir.path()), ["a.pdf", "b.epub"], "no temporary file is left");
    }

    #[test]
    fn a_failure_writes_nothing_and_keeps_old_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        fs::write(&a, b"old").unwrap();
        let missing = dir.path().join("no-such-folder").join("b.epub");
        let result = write_all_or_nothing(&[(a.clone(), b"new".as_slice()), (missing, b"B".as_slice())]);
        assert!(matches!(result, Err(Error::Write { .. })));
        assert_eq!(fs::read(&a).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["a.pdf"]);
    }

    #[test]
    fn a_failure_between_the_renames_leaves_the_old_pair() {
        let dir = tempfile::tempdir().unwrap();
        let (pdf, epub) = (dir.path().join("k.pdf"), dir.path().join("k.epub"));
        fs::write(&pdf, b"old pdf").unwrap();
        fs::write(&epub, b"old epub").unwrap();
        let fail_second = |from: &Path, to: &Path| {
            if to.extension().is_some_and(|e| e == "epub") {
                Err(io::Error::other("the disk went away"))
            } else {
                fs::rename(from, to)
            }
        };
        let files = [(pdf.clone(), b"new pdf".as_slice()), (epub.clone(), b"new epub".as_slice())];
        assert!(commit(&files, 7, &fail_second).is_err());
        assert_eq!(fs::read(&pdf).unwrap(), b"old pdf", "the first file is put back");
        assert_eq!(fs::read(&epub).unwrap(), b"old epub");
        assert_eq!(names(dir.path()), ["k.epub", "k.pdf"]);
    }

    #[test]
    fn a_failure_between_the_renames_removes_a_first_file_that_was_new() {
        let dir = tempfile::tempdir().unwrap();
        let (pdf, epub) = (dir.path().join("k.pdf"), dir.path().join("k.epub"));
        let fail_second = |from: &Path, to: &Path| {
            if to == epub {
                Err(io::Error::other("no"))
            } else {
                fs::rename(from, to)
            }
        };
        let files = [(pdf.clone(), b"new pdf".as_slice()), (epub.clone(), b"new epub".as_slice())];
        assert!(commit(&files, 7, &fail_second).is_err());
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn a_folder_as_the_second_target_is_found_before_the_first_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (pdf, epub) = (dir.path().join("k.pdf"), dir.path().join("k.epub"));
        fs::write(&pdf, b"old pdf").unwrap();
        fs::create_dir(&epub).unwrap();
        let result = write_all_or_nothing(&[(pdf.clone(), b"new".as_slice()), (epub, b"new".as_slice())]);
        assert!(matches!(result, Err(Error::Write { ref path, .. }) if path.ends_with("k.epub")));
        assert_eq!(fs::read(&pdf).unwrap(), b"old pdf");
        assert_eq!(names(dir.path()), ["k.epub", "k.pdf"]);
    }

    #[test]
    fn companion_names_read_back() {
        let name = companion(Path::new("out/kloop.pdf"), Role::Partial, 4242);
        assert_eq!(name, Path::new("out/.kloop.pdf.dossier-partial-4242"));
        assert_eq!(parse_companion(".kloop.pdf.dossier-old-17"), Some(("kloop.pdf", Role::Old, 17)));
        assert_eq!(
            parse_companion(".a.dossier-b.epub.dossier-absent-9"),
            Some(("a.dossier-b.epub", Role::Absent, 9))
        );
        assert_eq!(parse_companion(".kloop.pdf.4242.partial"), Some(("kloop.pdf", Role::Partial, 4242)));
        for other in
            ["kloop.pdf", ".kloop.pdf.dossier-partial-", ".kloop.pdf.dossier-partial-+1", ".x.dossier-new-1"]
        {
            assert_eq!(parse_companion(other), None, "{other}");
        }
    }

    /// A killed run's state, made by hand: process `pid` wrote both new files, kept the old
    /// ones aside and placed the PDF, then died before placing the EPUB.
    fn killed_between_the_renames(dir: &Path, pid: u32) {
        fs::write(dir.join("k.pdf"), b"new pdf").unwrap();
        fs::write(dir.join(format!(".k.pdf.dossier-old-{pid}")), b"old pdf").unwrap();
        fs::write(dir.join("k.epub"), b"old epub").unwrap();
        fs::write(dir.join(format!(".k.epub.dossier-old-{pid}")), b"old epub").unwrap();
        fs::write(dir.join(format!(".k.epub.dossier-partial-{pid}")), b"new epub").unwrap();
    }

    #[test]
    fn the_next_run_puts_back_the_old_pair_of_a_run_killed_between_the_renames() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        killed_between_the_renames(dir.path(), dead);
        let recovered = recover_interrupted(dir.path());
        assert_eq!(recovered.restored, [dir.path().join("k.pdf")], "the EPUB was never replaced");
        assert_eq!(fs::read(dir.path().join("k.pdf")).unwrap(), b"old pdf");
        assert_eq!(fs::read(dir.path().join("k.epub")).unwrap(), b"old epub");
        assert_eq!(names(dir.path()), ["k.epub", "k.pdf"]);
    }

    #[test]
    fn the_files_of_a_running_process_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let parent = std::os::unix::process::parent_id();
        killed_between_the_renames(dir.path(), parent);
        let before = names(dir.path());
        assert_eq!(recover_interrupted(dir.path()).removed, 0);
        assert_eq!(names(dir.path()), before);
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }
}
