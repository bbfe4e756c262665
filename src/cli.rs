//! The command line, with clap: parsed into plain options. clap stays in this file.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  dossier                                  build data/kloop.yaml into out/ (PDF and EPUB)
  dossier build data/kloop.yaml -o print --format pdf --paper letter
  dossier build a.yaml b.yaml              build several organisations
  dossier build data/briefing.yaml         a briefing packet: several organisations in one
                                           PDF and one EPUB (its file starts with `packet:`)
  dossier build orgs/ -o out               build every .yaml file in a folder
  dossier check data/kloop.yaml            check a file without writing anything
  dossier init                             write a starter organisation.yaml to fill in
  dossier watch my-org.yaml                rebuild whenever the file (or its logo) changes
  dossier completions bash > ~/.local/share/bash-completion/completions/dossier

Exit codes:
  0  done
  1  the data is invalid (every problem is listed, with file, line and field)
  2  bad usage of the command line (also: a folder with no .yaml files, -o naming a file,
     a bad SOURCE_DATE_EPOCH)
  3  a file could not be read or written

Dates inside the files come from the data's `updated:` field, or from SOURCE_DATE_EPOCH when it
is set, so the same input always gives the same bytes.";

/// Turns a YAML file about an organisation into a PDF fact sheet and an EPUB dossier.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the PDF fact sheet and the EPUB dossier of each data file.
    #[command(after_help = "Example:\n  dossier build data/kloop.yaml -o print --format pdf --paper letter")]
    Build(BuildArgs),
    /// Check data files and report every problem, writing nothing: a file is ok only when
    /// `build` would make its outputs.
    #[command(after_help = "Example:\n  dossier check data/kloop.yaml data/briefing.yaml")]
    Check(CheckArgs),
    /// Write a commented starter file that builds as it is: an organisation, or with
    /// `--packet` a briefing packet (and its first member). Never overwrites a file.
    #[command(after_help = "Examples:\n  dossier init kloop.yaml\n  dossier init --packet briefing.yaml")]
    Init(InitArgs),
    /// Build, then build again whenever a data file, a logo or a packet member changes; a
    /// broken change is reported and leaves the last good outputs in place. Ctrl-C stops.
    #[command(after_help = "Example:\n  dossier watch my-organisation.yaml -o out")]
    Watch(BuildArgs),
    /// Print a completion script for a shell.
    #[command(
        after_help = "Example:\n  dossier completions bash > ~/.local/share/bash-completion/completions/dossier"
    )]
    Completions {
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `dossier man > dossier.1; man -l dossier.1`.
    Man,
    /// Print the JSON Schema of the data files, for editors (the YAML language server).
    #[command(
        after_help = "Example:\n  dossier schema > dossier.schema.json\n  # then start a data file with:\n  # yaml-language-server: $schema=dossier.schema.json"
    )]
    Schema,
    /// Print a `labels:` block of the fixed words to translate into LANGUAGE, for a data file.
    #[command(
        after_help = "Example:\n  dossier labels tg >> asia-plus.yaml\n  # then translate the words and add `labels_fallback: ru` for those you leave out"
    )]
    Labels {
        /// A BCP 47 language tag (tg, kk-Cyrl, fa-AF, …).
        language: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The file to write: organisation.yaml, or briefing.yaml with --packet.
    pub file: Option<PathBuf>,
    /// Write a briefing packet instead (and organisation.yaml beside it when there is none).
    #[arg(long)]
    pub packet: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Data files (YAML), or folders of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The paper the PDF would be laid out for.
    #[arg(long, value_enum, ignore_case = true, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Lay the PDF out for printing on both sides.
    #[arg(long)]
    pub duplex: bool,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Data files (YAML), or folders of them; data/kloop.yaml when none is named. Outputs are
    /// named after them: kloop.yaml gives kloop.pdf, kloop.epub.
    pub files: Vec<PathBuf>,
    /// The folder to write into (created if missing); the files in it are named after the data.
    #[arg(short, long, default_value = "out")]
    pub output: PathBuf,
    /// Which files to make.
    #[arg(long, value_enum, ignore_case = true, default_value_t = FormatArg::All)]
    pub format: FormatArg,
    /// The paper the PDF is laid out for.
    #[arg(long, value_enum, ignore_case = true, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// For printing on both sides: in a packet, each organisation starts on a right-hand
    /// (odd) page, after a blank page where needed.
    #[arg(long)]
    pub duplex: bool,
}

impl Default for BuildArgs {
    fn default() -> Self {
        BuildArgs {
            files: Vec::new(),
            output: PathBuf::from("out"),
            format: FormatArg::All,
            paper: PaperArg::A4,
            duplex: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Epub,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

impl BuildArgs {
    pub fn formats(&self) -> dossier::Formats {
        dossier::Formats { pdf: self.format != FormatArg::Epub, epub: self.format != FormatArg::Pdf }
    }
}

impl PaperArg {
    pub fn paper(self) -> dossier::Paper {
        match self {
            PaperArg::A4 => dossier::Paper::A4,
            PaperArg::Letter => dossier::Paper::Letter,
        }
    }
}
