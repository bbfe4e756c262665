//! `dossier` turns one YAML file about an organisation into a printable PDF fact sheet and an
//! EPUB dossier. Data flows one way:
//!
//! ```text
//! load -> model -> compose (the document tree, `doc`) -> (layout -> pdf) | (xhtml -> epub)
//! ```
//!
//! Every stage is a plain function from data to data; only `output` (and the CLI) touch files
//! that are written.

// `unsafe` lives in one module, src/load/libyaml.rs (the YAML parser's C-style API), which
// allows it for itself; anywhere else it does not compile.
#![deny(unsafe_code)]

pub mod compose;
pub mod cover;
pub mod doc;
pub mod epub;
pub mod error;
pub mod fonts;
pub mod layout;
pub mod load;
pub mod locale;
pub mod markup;
mod memo;
pub mod model;
pub mod output;
pub mod pdf;
pub mod schema;
pub mod values;
pub mod xhtml;

pub use error::{Diagnostic, Error, Result, Severity};
pub use layout::Paper;

/// Which files a build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub pdf: bool,
    pub epub: bool,
}

/// Everything a build may vary.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub paper: Paper,
    pub formats: Formats,
    /// Printed on both sides: in a packet, each organisation starts on a right-hand page.
    pub duplex: bool,
    /// SOURCE_DATE_EPOCH, when set; otherwise dates come from the data, never from the clock.
    pub source_date_epoch: Option<i64>,
}

/// The bytes of the outputs, made in memory: nothing is written until all of them succeed.
#[derive(Debug, Clone, Default)]
pub struct Outputs {
    pub pdf: Option<Vec<u8>>,
    pub epub: Option<Vec<u8>>,
    pub warnings: Vec<String>,
}

/// The last moment every output's date fields can hold: 9999-12-31T23:59:59Z. EPUB's
/// `dcterms:modified` and PDF's dates have four-digit years, and nothing before 1970 is a
/// SOURCE_DATE_EPOCH.
pub const LAST_TIMESTAMP: i64 = 253_402_300_799;

/// The name written into the files' metadata.
pub fn generator() -> String {
    format!("dossier {}", env!("CARGO_PKG_VERSION"))
}

/// Renders a loaded organisation into the requested formats.
pub fn render(loaded: &load::Loaded, options: &BuildOptions) -> Result<Outputs> {
    let timestamp = timestamp(loaded.organisation.updated, options)?;
    render_publication(&compose::compose(&loaded.organisation), timestamp, options)
}

/// Renders a loaded packet, its members one after the other, into the requested formats.
pub fn render_packet(loaded: &load::LoadedPacket, options: &BuildOptions) -> Result<Outputs> {
    let timestamp = timestamp(loaded.packet.updated, options)?;
    let members: Vec<&model::Organisation> = loaded.members.iter().map(|m| &m.organisation).collect();
    render_publication(&compose::compose_packet(&loaded.packet, &members), timestamp, options)
}

/// Renders whatever the data file held.
pub fn render_input(input: &load::Input, options: &BuildOptions) -> Result<Outputs> {
    match input {
        load::Input::Organisation(loaded) => render(loaded, options),
        load::Input::Packet(loaded) => render_packet(loaded, options),
    }
}

fn render_publication(
    document: &doc::Publication,
    timestamp: i64,
    options: &BuildOptions,
) -> Result<Outputs> {
    // The two writers share nothing but the document: the EPUB is made on a second thread while
    // this one lays out and draws the PDF, so a build takes as long as the slower of the two.
    let (pdf, epub) = std::thread::scope(|scope| {
        let write_epub =
            || epub::write_epub(document, &epub::EpubOptions { timestamp, generator: generator() });
        let spawned =
            options.formats.epub.then(|| std::thread::Builder::new().spawn_scoped(scope, write_epub));
        let pdf = options.formats.pdf.then(|| render_pdf(document, options, timestamp)).transpose();
        let epub = spawned.map(|spawned| match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had (a process limit, say): write it here, after the PDF.
            Err(_) => write_epub(),
        });
        (pdf, epub.transpose())
    });
    // When both fail, the PDF's error is the one reported, as before the EPUB had its thread.
    let pdf = pdf?;
    let mut outputs = Outputs { epub: epub?, ..Outputs::default() };
    if let Some((bytes, warnings)) = pdf {
        outputs.pdf = Some(bytes);
        outputs.warnings = warnings;
    }
    Ok(outputs)
}

/// The moment written into the outputs: SOURCE_DATE_EPOCH when given, else the data's
/// `updated:` date. A caller's SOURCE_DATE_EPOCH outside 1970..=9999 is refused (the CLI
/// checks it first, with the same range); `updated:` dates before 1970 stamp 1970-01-01.
fn timestamp(updated: values::PartialDate, options: &BuildOptions) -> Result<i64> {
    match options.source_date_epoch {
        Some(seconds) if (0..=LAST_TIMESTAMP).contains(&seconds) => Ok(seconds),
        Some(seconds) => Err(Error::Options(format!(
            "SOURCE_DATE_EPOCH {seconds} lies outside 0..={LAST_TIMESTAMP} (1970 to the end of year 9999)"
        ))),
        None => Ok((updated.days_since_epoch() * 86_400).clamp(0, LAST_TIMESTAMP)),
    }
}

/// Lays out and draws the fact sheet; returns its bytes and the layout's warnings.
fn render_pdf(
    document: &doc::Publication,
    options: &BuildOptions,
    timestamp: i64,
) -> Result<(Vec<u8>, Vec<String>)> {
    let mut layout = layout::lay_out(document, options.paper, options.duplex)?;
    let warnings = std::mem::take(&mut layout.warnings);
    let pdf_options = pdf::PdfOptions { timestamp, creator: generator() };
    Ok((pdf::write_pdf(document, layout, &pdf_options)?, warnings))
}
