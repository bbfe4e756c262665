//! Errors as data: what went wrong, where, and how to fix it. The library never prints; the
//! CLI alone decides how a diagnostic looks and which exit code it gets.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about one data file: a message, where it is, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field's path in the data (`sections[2].paragraphs[0]`).
    pub field: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: file.into(),
            line: None,
            column: None,
            field: None,
            hint: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}: {}", field, self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data file is not valid; the problems found are listed, up to a limit, and those
    /// beyond it counted in `unlisted`.
    #[error("{} has {}", file.display(), count(diagnostics.iter().filter(|d| d.is_error()).count() + unlisted, "problem"))]
    InvalidData { file: PathBuf, diagnostics: Vec<Diagnostic>, unlisted: usize },
    #[error("cannot read {}: {}", path.display(), in_plain_words(source))]
    Read { path: PathBuf, source: std::io::Error },
    /// A data file that is a folder, a pipe or a device: refused on its metadata, before it is
    /// opened (a pipe may never deliver a byte, a device like /dev/zero never ends).
    #[error("cannot read {}: it is {kind}, not a regular file", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("cannot write {}: {}", path.display(), in_plain_words(source))]
    Write { path: PathBuf, source: std::io::Error },
    /// Build options a caller gave that no output can hold (a date past year 9999, say).
    #[error("{0}")]
    Options(String),
    /// The layout found text it cannot set without overflowing (a bug or an absurd input).
    #[error("layout failed: {0}")]
    Layout(String),
    #[error("font problem: {0}")]
    Font(String),
    #[error("PDF writer failed: {0}")]
    Pdf(String),
    #[error("EPUB writer failed: {0}")]
    Epub(String),
}

impl Error {
    /// Exit code contract (README, `--help`): 1 invalid data, 2 bad options, 3 I/O or output failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::InvalidData { .. } => 1,
            Error::Options(_) => 2,
            _ => 3,
        }
    }
}

/// `1 problem`, `2 problems`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What went wrong with a file, in words a reader of the message knows, without the
/// operating system's "(os error 13)".
pub fn in_plain_words(error: &std::io::Error) -> String {
    use std::io::ErrorKind as Kind;
    let words = match error.kind() {
        Kind::NotFound => "there is no such file or folder",
        Kind::PermissionDenied => "permission denied",
        Kind::AlreadyExists => "a file of that name is already there",
        Kind::IsADirectory => "it is a folder",
        Kind::NotADirectory => "a part of the path is a file, not a folder",
        Kind::DirectoryNotEmpty => "the folder is not empty",
        Kind::StorageFull => "the disk is full",
        Kind::ReadOnlyFilesystem => "the disk is read-only",
        Kind::FileTooLarge => "the file is too large for the disk",
        Kind::InvalidFilename => "the name is too long or not allowed here",
        Kind::Interrupted | Kind::TimedOut => "it was interrupted; try again",
        _ => "",
    };
    // Errors this program made itself carry their own words; the OS's get the table's, or its
    // own message without the number.
    if error.raw_os_error().is_none() || words.is_empty() {
        let text = error.to_string();
        return match text.rsplit_once(" (os error ") {
            Some((message, _)) => message.to_string(),
            None => text,
        };
    }
    words.to_string()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A value quoted in a message, cut short: a headline stays a line even for a hostile value.
pub fn shortened(text: &str) -> String {
    const MAX_QUOTED: usize = 40;
    match text.char_indices().nth(MAX_QUOTED) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
