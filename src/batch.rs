//! Building many data files at once: folders expand to their `.yaml` files, files build in
//! parallel (rayon), a progress bar shows on a terminal, and one bad file stops no other.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::report;
use dossier::error::in_plain_words;

/// The data files named on the command line, folders replaced by their `.yaml` and `.yml`
/// files (sorted). A folder without any is bad usage (exit code 2): building nothing and
/// saying nothing would look like success.
pub fn data_files(arguments: &[PathBuf]) -> Result<Vec<PathBuf>, u8> {
    let mut files = Vec::new();
    for argument in arguments {
        if argument.is_dir() {
            let found = yaml_files_in(argument)?;
            if found.is_empty() {
                eprintln!(
                    "error: the folder {} has no .yaml or .yml files to build\n  = hint: name the data files themselves, or the folder that holds them",
                    report::path(argument)
                );
                return Err(2);
            }
            files.extend(found);
        } else {
            files.push(argument.clone());
        }
    }
    Ok(files)
}

fn yaml_files_in(folder: &Path) -> Result<Vec<PathBuf>, u8> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        eprintln!("error: cannot read the folder {}: {}", report::path(folder), in_plain_words(&e));
        3u8
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    found.sort();
    Ok(found)
}

/// Two files that would write the same outputs are bad usage (exit code 2).
pub fn refuse_clashes(files: &[PathBuf]) -> Result<(), u8> {
    let mut by_stem: HashMap<String, &Path> = HashMap::new();
    for file in files {
        let stem = output_stem(file);
        if let Some(other) = by_stem.insert(stem.clone(), file) {
            let stem = report::shown(&stem);
            eprintln!(
                "error: {} and {} would both write {stem}.pdf and {stem}.epub\n  = hint: rename one, or build them into different folders with -o",
                report::path(other),
                report::path(file),
            );
            return Err(2);
        }
    }
    Ok(())
}

/// The name the outputs of a data file take: `kloop.yaml` gives `kloop`.
pub fn output_stem(file: &Path) -> String {
    file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "dossier".into())
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
