//! Building many data files at once: folders expand to their `.yaml` files, files build in
//! parallel (rayon), a progress bar shows on a terminal, and one bad file stops no other.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// The data files named on the command line, folders replaced by their `.yaml` files (sorted).
/// Two files that would write the same outputs are bad usage (exit code 2).
pub fn data_files(arguments: &[PathBuf]) -> Result<Vec<PathBuf>, u8> {
    let mut files = Vec::new();
    for argument in arguments {
        if argument.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(argument)
                .map_err(|e| {
                    eprintln!("error: cannot read the folder {}: {e}", argument.display());
                    3u8
                })?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(argument.clone());
        }
    }
    refuse_clashes(&files)?;
    Ok(files)
}

fn refuse_clashes(files: &[PathBuf]) -> Result<(), u8> {
    let mut by_stem: HashMap<String, &Path> = HashMap::new();
    for file in files {
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(other) = by_stem.insert(stem.clone(), file) {
            eprintln!(
                "error: {} and {} would both write {stem}.pdf and {stem}.epub\n  = hint: rename one, or build them into different folders with -o",
                other.display(),
                file.display()
            );
            return Err(2);
        }
    }
    Ok(())
}

/// Runs `build` on every file in parallel; results come back in the files' order.
pub fn build_all<T: Send, E: Send>(
    files: &[PathBuf],
    build: &(dyn Fn(&Path) -> Result<T, E> + Sync),
) -> Vec<Result<T, E>> {
    if files.len() == 1 {
        // One file needs no thread pool (and keeps a single build's memory small).
        return files.iter().map(|file| build(file)).collect();
    }
    let progress = progress_bar(files.len());
    let results = files
        .par_iter()
        .map(|file| {
            let result = build(file);
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    results
}

/// A progress bar on a terminal for more than one file; nothing otherwise.
fn progress_bar(count: usize) -> ProgressBar {
    if count < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(count as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} ({eta} left)") {
        bar.set_style(style);
    }
    bar
}
