//! How problems look on a terminal: like rustc or `just`, a headline, a `--> file:line:col`
//! line, the source line with a marker, then the field and a hint. Everything printed that
//! comes from the data or a path goes through [`shown`] first: a data file must not be able to
//! send escape sequences to the reader's terminal.

use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

use dossier::error::count;
use dossier::{Diagnostic, Error, Severity};

/// The full report of an error, diagnostics first.
pub fn error_report(error: &Error) -> String {
    match error {
        Error::InvalidData { diagnostics, file, unlisted } => {
            let mut out = of_files(diagnostics.iter().cloned());
            if *unlisted > 0 {
                out.push(format!(
                    "note: {} more not listed: the first {} are above\n  = hint: fix these, then check again\n",
                    count(*unlisted, "problem"),
                    diagnostics.len()
                ));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count() + unlisted;
            let mut files: Vec<&Path> =
                diagnostics.iter().filter(|d| d.is_error()).map(|d| d.file.as_path()).collect();
            files.sort();
            files.dedup();
            // A packet's problems may lie in its members' files too.
            let spread =
                if files.len() > 1 { format!(" in {}", count(files.len(), "file")) } else { String::new() };
            out.push(format!("error: {} is not valid: {}{spread}", path(file), count(errors, "problem")));
            out.join("\n")
        }
        // One line, with paths and quoted data inside: all of it is shown safely.
        other => format!("error: {}", shown(&other.to_string())),
    }
}

/// Characters a terminal would act on rather than show: control characters (an escape
/// sequence starts with ESC), line and paragraph separators, and the marks that reorder
/// text on screen (bidirectional overrides and isolates).
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from the data or a path, safe to print: each character a terminal would act on is
/// written as its escape (`\u{1b}`, `\n`, `\t`), never sent raw.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if acts_on_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as printed: `display()` made safe.
pub fn path(path: &Path) -> String {
    shown(&path.display().to_string()).into_owned()
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
    // One character stays one column, so the marker stays under its place.
    let mut shown: String =
        window.iter().take(EXCERPT_WIDTH).map(|&c| if acts_on_terminal(c) { ' ' } else { c }).collect();
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

/// Diagnostics, each with its source line; each file is read and split into lines once
/// (thousands of diagnostics in a large file would otherwise each scan it from the top), and
/// only when a diagnostic points at a line of it (a file refused for its size or kind is not
/// read). A packet's report holds the diagnostics of several files.
pub fn of_files(diagnostics: impl IntoIterator<Item = Diagnostic>) -> Vec<String> {
    let diagnostics: Vec<Diagnostic> = diagnostics.into_iter().collect();
    let mut out = Vec::with_capacity(diagnostics.len());
    // A packet lists its own problems, then each member's: one run of diagnostics per file.
    for run in diagnostics.chunk_by(|a, b| a.file == b.file) {
        let located = run.iter().find(|d| d.line.is_some());
        let source = located.map(|d| read_lossy(&d.file)).unwrap_or_default();
        let lines: Vec<&str> = source.lines().collect();
        out.extend(run.iter().map(|d| diagnostic(d, &lines)));
    }
    out
}

/// One diagnostic, with the source line when the file and line are known.
fn diagnostic(d: &Diagnostic, lines: &[&str]) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{severity}: {}\n", shown(&d.message));
    let file = path(&d.file);
    let place = match (d.line, d.column) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        (Some(line), None) => format!("{file}:{line}"),
        _ => file,
    };
    out.push_str(&format!("  --> {place}\n"));
    if let Some(line) = d.line {
        if let Some(text) = lines.get(line.saturating_sub(1)) {
            out.push_str(&source_excerpt(line, text, d.column.unwrap_or(1)));
        }
    }
    if let Some(field) = &d.field {
        out.push_str(&format!("  = field: {}\n", shown(field)));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!("  = hint: {}\n", shown(hint)));
    }
    out
}

/// The data file as text for showing excerpts, bad bytes replaced (they may be what is reported),
/// read as the loader reads it: a regular file within the size limit, or nothing.
pub fn read_lossy(file: &std::path::Path) -> String {
    dossier::load::source_text(file).unwrap_or_default()
}

/// A size as people read it, in binary units: `812 bytes`, `123.4 KiB`, `1.6 MiB`.
pub fn size(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    let exact = bytes as f64;
    if bytes < 1024 {
        count(bytes, "byte")
    } else if exact < KIB * KIB {
        format!("{:.1} KiB", exact / KIB)
    } else {
        format!("{:.1} MiB", exact / (KIB * KIB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_from_the_data_are_shown_not_sent() {
        assert_eq!(shown("id\u{1b}[2J"), "id\\u{1b}[2J");
        assert_eq!(shown("a\u{7f}b\u{85}c\u{9b}"), "a\\u{7f}b\\u{85}c\\u{9b}");
        assert_eq!(shown("line\nnext\ttab"), "line\\nnext\\ttab");
        assert_eq!(shown("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert!(matches!(shown("Клооп oʻzbek"), Cow::Borrowed(_)));
    }

    #[test]
    fn an_excerpt_keeps_its_marker_under_the_column() {
        let excerpt = source_excerpt(3, "id: \u{1b}[2Jx", 5);
        assert_eq!(excerpt, "  |\n3 | id:  [2Jx\n  |     ^\n");
    }

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(126_362), "123.4 KiB");
        assert_eq!(size(1_677_722), "1.6 MiB");
    }
}
