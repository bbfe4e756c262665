//! How problems look on a terminal: like rustc or `just`, a headline, a `--> file:line:col`
//! line, the source line with a marker, then the field and a hint.

use dossier::{Diagnostic, Error, Severity};

/// The full report of an error, diagnostics first.
pub fn error_report(error: &Error) -> String {
    match error {
        Error::InvalidData { diagnostics, file } => {
            let mut out = of_one_file(diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            out.push(format!("error: {} is not valid: {errors} problem(s)", file.display()));
            out.join("\n")
        }
        other => format!("error: {other}"),
    }
}

/// Characters of a source line shown around the marked column.
const EXCERPT_WIDTH: usize = 80;

/// The source line (cut to a window around the column when long) with a `^` under the column.
fn source_excerpt(line: usize, text: &str, column: usize) -> String {
    // Only the window around the column is taken apart: a line may be megabytes long, and
    // thousands of diagnostics may point into it.
    let column = text.chars().take(column.saturating_sub(1)).count();
    let start = column.saturating_sub(EXCERPT_WIDTH / 2);
    let window: Vec<char> = text.chars().skip(start).take(EXCERPT_WIDTH + 1).collect();
    let mut shown: String =
        window.iter().take(EXCERPT_WIDTH).map(|c| if c.is_control() { ' ' } else { *c }).collect();
    let mut marker_at = column - start;
    if start > 0 {
        shown.insert(0, '…');
        marker_at += 1;
    }
    if window.len() > EXCERPT_WIDTH {
        shown.push('…');
    }
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    format!("{pad} |\n{number} | {shown}\n{pad} | {}^\n", " ".repeat(marker_at))
}

/// Diagnostics of one data file, each with its source line; the file is read and split into
/// lines once (thousands of diagnostics in a large file would otherwise each scan it from the top),
/// and only when a diagnostic points at a line (a file refused for its size or kind is not read).
pub fn of_one_file(diagnostics: &[Diagnostic]) -> Vec<String> {
    let located = diagnostics.iter().find(|d| d.line.is_some());
    let source = located.map(|d| read_lossy(&d.file)).unwrap_or_default();
    let lines: Vec<&str> = source.lines().collect();
    diagnostics.iter().map(|d| diagnostic(d, &lines)).collect()
}

/// One diagnostic, with the source line when the file and line are known.
fn diagnostic(d: &Diagnostic, lines: &[&str]) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{severity}: {}\n", d.message);
    let place = match (d.line, d.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", d.file.display()),
        (Some(line), None) => format!("{}:{line}", d.file.display()),
        _ => d.file.display().to_string(),
    };
    out.push_str(&format!("  --> {place}\n"));
    if let Some(line) = d.line {
        if let Some(text) = lines.get(line.saturating_sub(1)) {
            out.push_str(&source_excerpt(line, text, d.column.unwrap_or(1)));
        }
    }
    if let Some(field) = &d.field {
        out.push_str(&format!("  = field: {field}\n"));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!("  = hint: {hint}\n"));
    }
    out
}

/// The data file as text for showing excerpts, bad bytes replaced (they may be what is reported),
/// read as the loader reads it: a regular file within the size limit, or nothing.
pub fn read_lossy(file: &std::path::Path) -> String {
    dossier::load::source_text(file).unwrap_or_default()
}
