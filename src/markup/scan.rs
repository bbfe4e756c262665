//! The first pass: the scanner that finds links, spans, citations, escapes, code spans and
//! HTML, reports mistakes, and writes the shadow. Bracket constructs are in `brackets`.

mod brackets;

use std::collections::HashMap;

use super::lookahead::{link_paren_matches, run_length, BacktickRuns, NextByte};
use super::problems::{quote, Problems, HINT_ADDRESS};
use super::shadow::ShadowBytes;
use super::slice;
use super::syntax::{autolink_scheme, is_html_tag};
use crate::values::{LanguageTag, WebUrl};

/// Source text `start..end` that the scanner recognised.
pub(super) struct Mark {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: MarkKind,
}

pub(super) enum MarkKind {
    /// `[content](address)`: the content (`start + 1..content_end`) is parsed markup.
    Link {
        content_end: usize,
        url: WebUrl,
    },
    /// `[content]{lang=…}`, likewise.
    Span {
        content_end: usize,
        lang: LanguageTag,
    },
    Cite(Vec<String>),
    /// `<https://…>`: a link whose text is the address as written.
    Autolink(WebUrl),
    /// Kept exactly as written: code spans, HTML tags, other `<scheme:…>` and the address part
    /// of a rejected link.
    Verbatim,
}

/// What the scanner hands on: marks (sorted by start), the shadow text's bytes and problems.
pub(super) struct Scan {
    pub(super) marks: Vec<Mark>,
    pub(super) shadow: ShadowBytes,
    pub(super) problems: Problems,
}

/// Scans `src` (see the module comment).
pub(super) fn scan(src: &str) -> Scan {
    Scanner::new(src).run()
}

/// A `[` waiting for its `]`, with what has been found inside it so far.
struct OpenBracket {
    start: usize,
    /// How deep links and spans nest inside it.
    nesting: usize,
    /// Whether a link is inside it (a link may not contain one).
    has_link: bool,
}

/// The scanner's state: the text, what it has found so far, and its lookahead indexes.
struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    shadow: ShadowBytes,
    marks: Vec<Mark>,
    open: Vec<OpenBracket>,
    problems: Problems,
    link_parens: HashMap<usize, usize>,
    closing_braces: NextByte,
    attribute_breaks: NextByte,
    backtick_runs: BacktickRuns,
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Self {
        let bytes = src.as_bytes();
        Scanner {
            src,
            bytes,
            shadow: ShadowBytes::new(bytes),
            marks: Vec::new(),
            open: Vec::new(),
            problems: Problems::default(),
            link_parens: link_paren_matches(bytes),
            closing_braces: NextByte::new(|b| b == b'}'),
            // A `{…}` that runs into one of these was never closed.
            attribute_breaks: NextByte::new(|b| matches!(b, b'{' | b'[' | b']' | b'\n' | b'\r')),
            backtick_runs: BacktickRuns::new(bytes),
        }
    }

    fn run(mut self) -> Scan {
        let mut i = 0;
        while i < self.bytes.len() {
            i = match self.bytes[i] {
                b'\\' => self.escape(i),
                b'`' => self.code_span(i),
                b'<' => self.angle(i),
                b'[' => self.open_bracket(i),
                b']' => self.close_bracket(i),
                b'*' | b'_' => {
                    // Emphasis delimiters are the only syntax left live in the shadow.
                    self.shadow.set(i, self.bytes[i]);
                    i + 1
                }
                _ => i + 1,
            };
        }
        self.report_unclosed();
        self.marks.sort_by_key(|mark| mark.start);
        Scan { marks: self.marks, shadow: self.shadow, problems: self.problems }
    }

    /// `\` + punctuation is that character, `\ ` a no-break space (whitespace to emphasis).
    fn escape(&mut self, i: usize) -> usize {
        match self.bytes.get(i + 1) {
            Some(b' ') => {
                self.shadow.no_break_space(i);
                i + 2
            }
            Some(next) if next.is_ascii_punctuation() => i + 2,
            _ => i + 1,
        }
    }

    /// A backtick run and the next run of the same length enclose a code span, kept as
    /// written; a run without a partner is literal backticks.
    fn code_span(&mut self, i: usize) -> usize {
        let len = run_length(self.bytes, i, b'`');
        match self.backtick_runs.closing(len, i + len) {
            Some(close) => {
                self.marks.push(Mark { start: i, end: close + len, kind: MarkKind::Verbatim });
                close + len
            }
            None => i + len,
        }
    }

    /// `<https://…>` is a link; an HTML tag or another `<scheme:…>` is text kept as written.
    fn angle(&mut self, i: usize) -> usize {
        let rest = self.bytes.get(i + 1..).unwrap_or_default();
        // Stopping at the next `<` keeps these scans apart, so they stay linear in total.
        let Some(len) = rest.iter().position(|&b| b == b'>' || b == b'<') else { return i + 1 };
        if rest.get(len) != Some(&b'>') {
            return i + 1;
        }
        let end = i + 1 + len + 1;
        let inner = slice(self.src, i + 1..end - 1);
        match autolink_scheme(inner) {
            Some(scheme) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => {
                self.autolink(i, end, inner);
            }
            Some(_) => self.marks.push(Mark { start: i, end, kind: MarkKind::Verbatim }),
            None if is_html_tag(inner) => self.marks.push(Mark { start: i, end, kind: MarkKind::Verbatim }),
            None => return i + 1,
        }
        end
    }

    fn autolink(&mut self, start: usize, end: usize, address: &str) {
        match address.parse::<WebUrl>() {
            Ok(url) => {
                self.marks.push(Mark { start, end, kind: MarkKind::Autolink(url) });
                if let Some(open) = self.open.last_mut() {
                    open.has_link = true;
                }
            }
            Err(_) => {
                self.problems
                    .report(start, || (format!("{} is not a web address", quote(address)), HINT_ADDRESS));
                self.marks.push(Mark { start, end, kind: MarkKind::Verbatim });
            }
        }
    }
}
