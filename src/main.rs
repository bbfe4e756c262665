//! The `dossier` command: parse the command line, call the library, report, exit. Only this
//! file and `batch` print; everything they print from the data or a path goes through
//! `report::shown`.

mod batch;
mod cli;
mod init;
mod report;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser};
use cli::{BuildArgs, CheckArgs, Cli, Command};
use dossier::error::count;
use dossier::{load, output, BuildOptions, Error, Formats, Outputs};

/// What the bare command builds.
const DEFAULT_DATA: &str = "data/kloop.yaml";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Build(BuildArgs::default())) {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Init(args) => init::init(&args),
        Command::Watch(args) => watch::watch(&args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "dossier", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => man(),
        Command::Schema => {
            print!("{}", dossier::schema::json_schema());
            Ok(())
        }
        Command::Labels { language } => labels(&language),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

/// SOURCE_DATE_EPOCH, read here at the edge and passed in as data: whole seconds from 1970 to
/// the end of year 9999, the years every output's date fields can hold.
fn source_date_epoch() -> Result<Option<i64>, u8> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let text = value.to_string_lossy();
    let digits = text.trim();
    let seconds = digits.parse::<i64>().ok().filter(|_| digits.bytes().all(|b| b.is_ascii_digit()));
    match seconds {
        Some(seconds) if seconds <= dossier::LAST_TIMESTAMP => Ok(Some(seconds)),
        _ => {
            eprintln!(
                "error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, at most {} (the end of year 9999), not `{}`",
                dossier::LAST_TIMESTAMP,
                report::shown(&text)
            );
            Err(2)
        }
    }
}

/// The data files to work on: those named, or the bundled example when none is; without it
/// (the command run outside the repository), a short guide instead of a file error.
pub(crate) fn data_files(named: &[PathBuf]) -> Result<Vec<PathBuf>, u8> {
    if !named.is_empty() {
        return batch::data_files(named);
    }
    let default = PathBuf::from(DEFAULT_DATA);
    if default.exists() {
        return Ok(vec![default]);
    }
    eprintln!(
        "dossier makes a PDF fact sheet and an EPUB dossier from a YAML file about an organisation.
There is no {DEFAULT_DATA} here to build by default. Name a data file (or a folder of them):

  dossier init my-organisation.yaml        writes a commented starter file to fill in
  dossier build my-organisation.yaml       writes out/my-organisation.pdf and .epub
  dossier check my-organisation.yaml       reports every problem, writes nothing
  dossier --help                           every option

README.md in dossier's source describes every field; its data/kloop.yaml is a full example."
    );
    Err(2)
}

/// The folder named by `-o`, made if missing. A file of that name is bad usage: `-o` names the
/// folder the outputs go into, not an output.
pub(crate) fn output_folder(folder: &Path) -> Result<(), u8> {
    if folder.exists() && !folder.is_dir() {
        eprintln!(
            "error: -o takes a folder, and {} is a file\n  = hint: the outputs are named after the data file (kloop.yaml gives kloop.pdf and kloop.epub); name the folder to put them in",
            report::path(folder)
        );
        return Err(2);
    }
    if let Err(source) = std::fs::create_dir_all(folder) {
        eprintln!("{}", report::error_report(&Error::Write { path: folder.to_path_buf(), source }));
        return Err(3);
    }
    // A run killed while writing here left its temporaries (and perhaps half a new pair).
    let recovered = output::recover_interrupted(folder);
    for restored in &recovered.restored {
        eprintln!("note: put back {} as it was before an interrupted build", report::path(restored));
    }
    Ok(())
}

/// The manual page, from the same definition as `--help`.
/// `dossier labels LANG`: a starter `labels:` block on standard output.
fn labels(language: &str) -> Result<(), u8> {
    match language.parse() {
        Ok(tag) => {
            print!("{}", dossier::locale::labels_starter(&tag));
            Ok(())
        }
        Err(message) => {
            eprintln!("error: {}", report::shown(&message));
            Err(2)
        }
    }
}

fn man() -> Result<(), u8> {
    let page = clap_mangen::Man::new(Cli::command());
    page.render(&mut std::io::stdout()).map_err(|_| 3)
}

/// The build options the command line and the environment give.
pub(crate) fn build_options(args: &BuildArgs) -> Result<BuildOptions, u8> {
    Ok(BuildOptions {
        paper: args.paper.paper(),
        formats: args.formats(),
        duplex: args.duplex,
        source_date_epoch: source_date_epoch()?,
    })
}

fn build(args: &BuildArgs) -> Result<(), u8> {
    let options = build_options(args)?;
    let files = data_files(&args.files)?;
    batch::refuse_clashes(&files)?;
    output_folder(&args.output)?;
    let results = batch::build_all(&files, &|file| build_one(file, &args.output, &options));
    let mut worst = 0;
    for result in &results {
        match result {
            Ok(built) => print_built(built),
            Err(error) => {
                eprintln!("{}", report::error_report(error));
                worst = worst.max(error.exit_code());
            }
        }
    }
    let failed = results.iter().filter(|r| r.is_err()).count();
    if files.len() > 1 && failed > 0 {
        eprintln!("error: built {}, {failed} failed (reported above)", count(files.len() - failed, "file"));
    } else if files.len() > 1 {
        println!("built {}", count(files.len(), "file"));
    }
    exit(worst)
}

fn exit(worst: u8) -> Result<(), u8> {
    if worst == 0 {
        Ok(())
    } else {
        Err(worst)
    }
}

/// What a data file made in memory: its outputs, the warnings as printed, and every file it
/// was read from (for `watch`).
struct Made {
    outputs: Outputs,
    warnings: Vec<String>,
    sources: Vec<PathBuf>,
}

/// Loads and renders one data file in memory: everything a build does but writing, so that
/// `check` says ok exactly when `build` would succeed.
fn make(file: &Path, options: &BuildOptions) -> Result<Made, Error> {
    let input = load::load_input(file)?;
    let mut warnings = report::of_files(input.warnings().into_iter().cloned());
    let outputs = dossier::render_input(&input, options)?;
    let name = report::path(file);
    warnings.extend(outputs.warnings.iter().map(|w| format!("warning: {name}: {}\n", report::shown(w))));
    Ok(Made { outputs, warnings, sources: input.files() })
}

/// What building one data file wrote.
pub(crate) struct Built {
    warnings: Vec<String>,
    files: Vec<(PathBuf, usize)>,
    /// The files the outputs were made from.
    sources: Vec<PathBuf>,
    seconds: f64,
}

pub(crate) fn build_one(file: &Path, out_dir: &Path, options: &BuildOptions) -> Result<Built, Error> {
    let started = Instant::now();
    let Made { outputs, warnings, sources } = make(file, options)?;
    let stem = batch::output_stem(file);
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    if let Some(pdf) = &outputs.pdf {
        files.push((out_dir.join(format!("{stem}.pdf")), pdf));
    }
    if let Some(epub) = &outputs.epub {
        files.push((out_dir.join(format!("{stem}.epub")), epub));
    }
    output::write_all_or_nothing(&files)?;
    let written = files.iter().map(|(path, bytes)| (path.clone(), bytes.len())).collect();
    Ok(Built { warnings, files: written, sources, seconds: started.elapsed().as_secs_f64() })
}

pub(crate) fn print_built(built: &Built) {
    for warning in &built.warnings {
        eprint!("{warning}");
    }
    for (path, size) in &built.files {
        println!("wrote {} ({}) in {:.2} s", report::path(path), report::size(*size), built.seconds);
    }
}

fn check(args: &CheckArgs) -> Result<(), u8> {
    let options = BuildOptions {
        paper: args.paper.paper(),
        formats: Formats { pdf: true, epub: true },
        duplex: args.duplex,
        source_date_epoch: source_date_epoch()?,
    };
    let files = batch::data_files(&args.files)?;
    let results = batch::build_all(&files, &|file| make(file, &options).map(|made| made.warnings));
    let mut worst = 0;
    for (file, result) in files.iter().zip(&results) {
        match result {
            Ok(warnings) => {
                warnings.iter().for_each(|warning| eprint!("{warning}"));
                println!("ok: {}", report::path(file));
            }
            Err(error) => {
                eprintln!("{}", report::error_report(error));
                worst = worst.max(error.exit_code());
            }
        }
    }
    let failed = results.iter().filter(|r| r.is_err()).count();
    if files.len() > 1 && failed > 0 {
        let ok = files.len() - failed;
        eprintln!(
            "error: checked {}: {ok} ok, {failed} with problems (reported above)",
            count(files.len(), "file")
        );
    } else if files.len() > 1 {
        println!("checked {}: all ok", count(files.len(), "file"));
    }
    exit(worst)
}
