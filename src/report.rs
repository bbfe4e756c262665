//! How problems look on a terminal: like rustc or `just`, a headline, a `--> file:line:col`
//! line, the source line with a marker, then the field and a hint.

use dossier::{Diagnostic, Error, Severity};

/// The full report of an error, diagnostics first.
pub fn error_report(error: &Error) -> String {
    match error {
        Error::InvalidData { diagnostics, file } => {
            let source = std::fs::read_to_string(file).unwrap_or_default();
            let mut out: Vec<String> = diagnostics.iter().map(|d| diagnostic(d, &source)).collect();
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            out.push(format!("error: {} is not valid: {errors} problem(s)", file.display()));
            out.join("\n")
        }
        other => format!("error: {other}"),
    }
}

/// One diagnostic, with the source line when the file and line are known.
pub fn diagnostic(d: &Diagnostic, source: &str) -> String {
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
        if let Some(text) = source.lines().nth(line.saturating_sub(1)) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let column = d.column.unwrap_or(1).saturating_sub(1);
            let marker_at: String =
                text.chars().take(column).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            out.push_str(&format!("{pad} |\n{number} | {text}\n{pad} | {marker_at}^\n"));
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
