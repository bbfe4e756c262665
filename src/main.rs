//! The `dossier` command: parse the command line, call the library, report, exit.

mod batch;
mod cli;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use cli::{BuildArgs, Cli, Command};
use dossier::{load, output, BuildOptions, Error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Build(BuildArgs::default())) {
        Command::Build(args) => build(&args),
        Command::Check { files } => check(&files),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

/// SOURCE_DATE_EPOCH, read here at the edge and passed in as data.
fn source_date_epoch() -> Result<Option<i64>, u8> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse().map(Some).map_err(|_| {
            eprintln!("error: SOURCE_DATE_EPOCH must be a whole number of seconds, not `{value}`");
            2
        }),
        Err(_) => Ok(None),
    }
}

fn build(args: &BuildArgs) -> Result<(), u8> {
    let options = BuildOptions {
        paper: args.paper(),
        formats: args.formats(),
        source_date_epoch: source_date_epoch()?,
    };
    let files = batch::data_files(&args.files)?;
    if let Err(source) = std::fs::create_dir_all(&args.output) {
        eprintln!("{}", report::error_report(&Error::Write { path: args.output.clone(), source }));
        return Err(3);
    }
    let results = batch::build_all(&files, &|file| build_one(file, &args.output, &options));
    let mut worst = 0;
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(built) => print_built(file, &built),
            Err(error) => {
                eprintln!("{}", report::error_report(&error));
                worst = worst.max(error.exit_code());
            }
        }
    }
    if files.len() > 1 && worst != 0 {
        eprintln!("error: some files were not built (see above); the others were");
    }
    if worst == 0 {
        Ok(())
    } else {
        Err(worst)
    }
}

/// What building one data file wrote.
struct Built {
    warnings: Vec<String>,
    files: Vec<(PathBuf, usize)>,
    seconds: f64,
}

fn build_one(file: &Path, out_dir: &Path, options: &BuildOptions) -> Result<Built, Error> {
    let started = Instant::now();
    let loaded = load::load_file(file)?;
    let mut warnings = report::of_one_file(&loaded.warnings);
    let outputs = dossier::render(&loaded, options)?;
    warnings.extend(outputs.warnings.iter().map(|w| format!("warning: {}: {w}\n", file.display())));
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "dossier".into());
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    if let Some(pdf) = &outputs.pdf {
        files.push((out_dir.join(format!("{stem}.pdf")), pdf));
    }
    if let Some(epub) = &outputs.epub {
        files.push((out_dir.join(format!("{stem}.epub")), epub));
    }
    output::write_all_or_nothing(&files)?;
    let written = files.iter().map(|(path, bytes)| (path.clone(), bytes.len())).collect();
    Ok(Built { warnings, files: written, seconds: started.elapsed().as_secs_f64() })
}

fn print_built(_file: &Path, built: &Built) {
    for warning in &built.warnings {
        eprint!("{warning}");
    }
    for (path, size) in &built.files {
        println!("wrote {} ({:.1} KB) in {:.2} s", path.display(), *size as f64 / 1024.0, built.seconds);
    }
}

fn print_warnings(warnings: &[dossier::Diagnostic]) {
    for warning in report::of_one_file(warnings) {
        eprint!("{warning}");
    }
}

fn check(files: &[PathBuf]) -> Result<(), u8> {
    let mut worst = 0;
    for file in files {
        match load::load_file(file) {
            Ok(loaded) => {
                print_warnings(&loaded.warnings);
                println!("ok: {}", file.display());
            }
            Err(error) => {
                eprintln!("{}", report::error_report(&error));
                worst = worst.max(error.exit_code());
            }
        }
    }
    if worst == 0 {
        Ok(())
    } else {
        Err(worst)
    }
}
