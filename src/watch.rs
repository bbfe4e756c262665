//! `dossier watch`: builds, then builds again whenever a file the outputs were made from
//! changes (the data file, its logos, a packet's members). Folders are watched rather than
//! files, so that an editor that saves by replacing the file is seen too. A broken change is
//! reported as `check` reports it, and the outputs stay the last good ones (a build writes
//! both files or neither).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::new_debouncer;
use notify_debouncer_mini::notify::RecursiveMode;

use crate::cli::BuildArgs;
use crate::{batch, build_one, build_options, data_files, output_folder, print_built, report};

/// Changes closer together than this make one rebuild (an editor's save is several events).
const SETTLE: Duration = Duration::from_millis(200);

pub fn watch(args: &BuildArgs) -> Result<(), u8> {
    let options = build_options(args)?;
    let files = data_files(&args.files)?;
    batch::refuse_clashes(&files)?;
    output_folder(&args.output)?;
    let (sender, changes) = mpsc::channel();
    let mut debouncer = new_debouncer(SETTLE, sender).map_err(|error| {
        eprintln!("error: cannot watch files: {error}");
        3u8
    })?;
    // What each data file was last made from; a broken build keeps the previous list.
    let mut sources: Vec<BTreeSet<PathBuf>> =
        files.iter().map(|file| BTreeSet::from([absolute(file)])).collect();
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut pending: Vec<usize> = (0..files.len()).collect();
    let mut seen: Vec<Vec<(PathBuf, FileState)>> = vec![Vec::new(); files.len()];
    loop {
        for &index in &pending {
            match build_one(&files[index], &args.output, &options) {
                Ok(built) => {
                    print_built(&built);
                    sources[index] = built.sources.iter().map(|p| absolute(p)).collect();
                    sources[index].insert(absolute(&files[index]));
                }
                Err(error) => {
                    eprintln!("{}", report::error_report(&error));
                    // What a broken file will read once fixed is unknown (a packet that did not
                    // load names no members): watch every data file and picture beside it.
                    sources[index].extend(data_beside(&files[index]));
                }
            }
            // A member or logo may be a link to a file elsewhere in the folder: its edits
            // happen there.
            let linked: Vec<PathBuf> = sources[index]
                .iter()
                .filter_map(|p| std::fs::canonicalize(p).ok().filter(|real| real != p))
                .collect();
            sources[index].extend(linked);
            seen[index] = sources[index].iter().map(|p| (p.clone(), FileState::of(p))).collect();
        }
        // Watch every folder a source lies in (new members or logos add folders).
        for folder in sources.iter().flatten().filter_map(|p| p.parent()) {
            if watched.insert(folder.to_path_buf()) {
                if let Err(error) = debouncer.watcher().watch(folder, RecursiveMode::NonRecursive) {
                    eprintln!("warning: cannot watch {}: {error}", report::path(folder));
                }
            }
        }
        let count: usize = sources.iter().map(BTreeSet::len).sum();
        eprintln!("watching {count} files for changes; Ctrl-C stops");
        pending = next_changes(&changes, &seen);
    }
}

/// The data files and pictures in `file`'s folder and below (a few levels, a bounded number),
/// absolute.
fn data_beside(file: &Path) -> Vec<PathBuf> {
    const MOST_FILES: usize = 2_000;
    const DEEPEST: usize = 4;
    let folder = absolute(file).parent().map(Path::to_path_buf).unwrap_or_default();
    let mut found = Vec::new();
    let mut folders = vec![(folder, 0)];
    while let Some((folder, depth)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() && depth < DEEPEST => folders.push((path, depth + 1)),
                Ok(kind) if !kind.is_dir() => {
                    let wanted = path.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "png");
                    if wanted && found.len() < MOST_FILES {
                        found.push(path);
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// What tells a changed file from one that was only read: reading a file makes notification
/// events too (opening, closing), and our own builds read every source.
#[derive(Debug, Clone, PartialEq)]
struct FileState(Option<(std::time::SystemTime, u64)>);

impl FileState {
    fn of(path: &Path) -> Self {
        let metadata = std::fs::metadata(path).ok();
        FileState(metadata.and_then(|m| Some((m.modified().ok()?, m.len()))))
    }
}

/// Waits until a source differs from what the last build read; returns the data files to
/// build again.
fn next_changes(
    changes: &mpsc::Receiver<notify_debouncer_mini::DebounceEventResult>,
    seen: &[Vec<(PathBuf, FileState)>],
) -> Vec<usize> {
    loop {
        let Ok(result) = changes.recv() else { return Vec::new() };
        let Ok(events) = result else { continue };
        let touched: BTreeSet<PathBuf> = events.iter().map(|event| absolute(&event.path)).collect();
        let affected: Vec<usize> = (0..seen.len())
            .filter(|&i| {
                seen[i]
                    .iter()
                    .any(|(source, state)| touched.contains(source) && FileState::of(source) != *state)
            })
            .collect();
        if !affected.is_empty() {
            return affected;
        }
    }
}

/// A path as events name it: absolute, without `.` parts (the file itself may be gone for a
/// moment while an editor replaces it, so it is not canonicalised).
fn absolute(path: &Path) -> PathBuf {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (full.parent().and_then(|p| p.canonicalize().ok()), full.file_name()) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => full,
    }
}
