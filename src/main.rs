//! The `dossier` command: parse the command line, call the library, report, exit.

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
    if let Err(source) = std::fs::create_dir_all(&args.output) {
        eprintln!("{}", report::error_report(&Error::Write { path: args.output.clone(), source }));
        return Err(3);
    }
    let mut worst = 0;
    for file in &args.files {
        if let Err(error) = build_one(file, &args.output, &options) {
            eprintln!("{}", report::error_report(&error));
            worst = worst.max(error.exit_code());
        }
    }
    if worst == 0 {
        Ok(())
    } else {
        Err(worst)
    }
}

fn build_one(file: &Path, out_dir: &Path, options: &BuildOptions) -> Result<(), Error> {
    let started = Instant::now();
    let loaded = load::load_file(file)?;
    print_warnings(&loaded.warnings);
    let outputs = dossier::render(&loaded, options)?;
    for warning in &outputs.warnings {
        eprintln!("warning: {}: {warning}", file.display());
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "dossier".into());
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    if let Some(pdf) = &outputs.pdf {
        files.push((out_dir.join(format!("{stem}.pdf")), pdf));
    }
    if let Some(epub) = &outputs.epub {
        files.push((out_dir.join(format!("{stem}.epub")), epub));
    }
    output::write_all_or_nothing(&files)?;
    let seconds = started.elapsed().as_secs_f64();
    for (path, bytes) in &files {
        println!("wrote {} ({:.1} KB) in {seconds:.2} s", path.display(), bytes.len() as f64 / 1024.0);
    }
    Ok(())
}

fn print_warnings(warnings: &[dossier::Diagnostic]) {
    for warning in warnings {
        let source = report::read_lossy(&warning.file);
        eprint!("{}", report::diagnostic(warning, &source));
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
