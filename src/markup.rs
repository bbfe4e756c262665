//! Inline markup of the data's running text, in Pandoc's syntax: `*emphasis*`, `**strong**`,
//! `[text](https://…)`, citations `[@source-id]` (or `[@a; @b]`), language spans
//! `[text]{lang=uz-Latn}`, `\*` escapes and `\ ` for a no-break space. Raw HTML is never
//! interpreted: `<script>`, `&` and `]]>` stay text. pulldown-cmark stays in this module.
//!
//! Only inline markup exists here: a text never becomes a heading, list, quote or code block,
//! and line breaks are spaces. Parsing works in two passes over the text. Our own scanner finds
//! what pulldown-cmark does not know or must not see (citations, language spans, links and
//! their addresses, `<https://…>`, code spans, HTML tags, escapes) and reports mistakes with
//! their byte offsets. It then writes a "shadow" of the text with the same byte layout, in
//! which only emphasis delimiters are live and every link or span appears as an image
//! `![content](,,,)`. pulldown-cmark parses that shadow, so emphasis nests and pairs exactly as
//! CommonMark says (and never across a link's brackets); the tree is built from its event
//! offsets, while every character of text is taken from the original source.
//!
//! Choices beyond Pandoc: `<https://…>` is a link, while other `<scheme:…>` and HTML tags are
//! text as written; a code span is text with its backticks; brackets that make no link,
//! citation or span (`[sic]`) are text, but a `[` never closed is a problem; a line break and
//! the spaces around it are one space; `![alt](url)` is a `!` and a link. Each problem points
//! at the `[` (or `<`) its construct starts with; a text lists at most 100.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::de::{Deserializer, Visitor};
use serde::Deserialize;

use crate::values::{LanguageTag, WebUrl};

/// One piece of inline content, as written in the data.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link {
        url: WebUrl,
        content: Vec<Inline>,
    },
    /// The ids of the cited sources, in the order written (`[@a; @b]`).
    Cite(Vec<String>),
    Span {
        lang: LanguageTag,
        content: Vec<Inline>,
    },
}

/// A mistake in the markup, at a byte offset of the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// A text field with inline markup: the source as written, what it parses to, and what is
/// wrong with it. Parsing never fails, so that the loader can report every problem at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Rich {
    pub source: String,
    pub inlines: Vec<Inline>,
    pub problems: Vec<Problem>,
}

impl Rich {
    /// Parses `source`; problems are collected, never raised.
    pub fn parse(source: &str) -> Rich {
        let scan = Scanner::new(source).run();
        let (shadow, bangs) = shadow_text(&scan.shadow, &scan.construct_starts);
        let inlines = TreeBuilder::new(source, scan.marks, bangs).build(&shadow);
        Rich { source: source.to_string(), inlines, problems: scan.problems.finish() }
    }

    /// Plain text without markup, for metadata and checks ("Kloop is *independent*" ->
    /// "Kloop is independent"; a citation contributes nothing).
    pub fn plain_text(&self) -> String {
        fn walk(inlines: &[Inline], out: &mut String) {
            for inline in inlines {
                match inline {
                    Inline::Text(text) => out.push_str(text),
                    Inline::Emph(content)
                    | Inline::Strong(content)
                    | Inline::Link { content, .. }
                    | Inline::Span { content, .. } => walk(content, out),
                    Inline::Cite(_) => {}
                }
            }
        }
        let mut out = String::with_capacity(self.source.len());
        walk(&self.inlines, &mut out);
        out
    }

    /// Every source id cited, in reading order.
    pub fn citations(&self) -> Vec<&str> {
        fn walk<'a>(inlines: &'a [Inline], out: &mut Vec<&'a str>) {
            for inline in inlines {
                match inline {
                    Inline::Text(_) => {}
                    Inline::Emph(content)
                    | Inline::Strong(content)
                    | Inline::Link { content, .. }
                    | Inline::Span { content, .. } => walk(content, out),
                    Inline::Cite(ids) => out.extend(ids.iter().map(String::as_str)),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.inlines, &mut out);
        out
    }
}

impl From<&str> for Rich {
    fn from(source: &str) -> Self {
        Rich::parse(source)
    }
}

impl fmt::Display for Rich {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

struct RichVisitor;

impl Visitor<'_> for RichVisitor {
    type Value = Rich;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Rich, E> {
        Ok(Rich::parse(text))
    }
}

impl<'de> Deserialize<'de> for Rich {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(RichVisitor)
    }
}

/// Links and language spans nested deeper than this are reported, keeping the tree shallow.
const MAX_CONSTRUCT_DEPTH: usize = 32;
/// Emphasis nested deeper than this adds nothing visible; it is flattened into its parent so
/// that the tree (and everything that walks it recursively) stays shallow on hostile input.
const MAX_EMPHASIS_DEPTH: usize = 16;
/// A text with more mistakes than this is a paste accident: these are listed, then a summary.
const MAX_PROBLEMS: usize = 100;
/// Quoted source text in messages is cut to this many characters.
const MAX_QUOTE_CHARS: usize = 60;
/// Put around the shadow text: no block can start after it, and to emphasis delimiters it is
/// whitespace, like the start or end of a line.
const FENCE: &str = "\u{a0}";

const HINT_LITERAL_BRACKET: &str = "close it with ], or write \\[ for a literal bracket";
const HINT_CITATION: &str = "write [@id], or [@a; @b] for several sources";
const HINT_LINK: &str = "write [text](https://example.org/)";
const HINT_ADDRESS: &str = "write it in full, e.g. https://example.org/";
const HINT_SPAN: &str = "write [text]{lang=uz-Latn}, with a language tag such as en, ru, ky or uz-Latn";

/// Source text `start..end` that the scanner recognised.
struct Mark {
    start: usize,
    end: usize,
    kind: MarkKind,
}

enum MarkKind {
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

/// A `[` waiting for its `]`, with what has been found inside it so far.
struct OpenBracket {
    start: usize,
    /// How deep links and spans nest inside it.
    nesting: usize,
    /// Whether a link is inside it (a link may not contain one).
    has_link: bool,
}

/// What the scanner hands on: marks (sorted by start), the shadow text's bytes and problems.
struct Scan {
    marks: Vec<Mark>,
    shadow: Vec<u8>,
    construct_starts: Vec<usize>,
    problems: Problems,
}

/// The problems of one text, listed up to `MAX_PROBLEMS`.
#[derive(Default)]
struct Problems {
    listed: Vec<Problem>,
    unlisted: usize,
    first_unlisted: usize,
}

impl Problems {
    /// Records a problem; `describe` gives (message, hint) and is not called past the limit.
    fn report(&mut self, offset: usize, describe: impl FnOnce() -> (String, &'static str)) {
        if self.listed.len() < MAX_PROBLEMS {
            let (message, hint) = describe();
            self.listed.push(Problem { offset, message, hint: hint.to_string() });
        } else {
            if self.unlisted == 0 {
                self.first_unlisted = offset;
            }
            self.unlisted += 1;
        }
    }

    fn finish(mut self) -> Vec<Problem> {
        self.listed.sort_by_key(|problem| problem.offset);
        if self.unlisted > 0 {
            self.listed.push(Problem {
                offset: self.first_unlisted,
                message: format!("{} more markup mistakes in this text are not listed", self.unlisted),
                hint: "fix the ones listed first, then check again".to_string(),
            });
        }
        self.listed
    }
}

/// `text` in backticks for a message, cut short if long.
fn quote(text: &str) -> String {
    format!("`{}`", shortened(text))
}

fn shortened(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_string(),
    }
}

/// `src[range]`, or nothing if the range is not on character boundaries (it always is: every
/// range here starts and ends at ASCII syntax characters or the ends of the text).
fn slice(src: &str, range: Range<usize>) -> &str {
    src.get(range).unwrap_or_default()
}

/// The shadow's default for a source byte: punctuation becomes an inert `,`, control
/// characters (line breaks) a space, anything else (letters, UTF-8 bytes) stays.
fn inert(byte: u8) -> u8 {
    if byte.is_ascii_punctuation() {
        b','
    } else if byte.is_ascii_control() {
        b' '
    } else {
        byte
    }
}

fn is_line_break(byte: u8) -> bool {
    byte == b'\n' || byte == b'\r'
}

/// For each `(` right after a `]`, the `)` that balances it. One pass over the text, so that
/// many unclosed `[text](` cannot each search to the end.
fn link_paren_matches(bytes: &[u8]) -> HashMap<usize, usize> {
    let mut matches = HashMap::new();
    let mut depth = 0usize;
    let mut waiting: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 1,
            b'(' => {
                depth += 1;
                if i > 0 && bytes[i - 1] == b']' {
                    waiting.push((i, depth));
                }
            }
            b')' if depth > 0 => {
                if waiting.last().is_some_and(|&(_, at_depth)| at_depth == depth) {
                    if let Some((open, _)) = waiting.pop() {
                        matches.insert(open, i);
                    }
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    matches
}

/// Finds the next byte of a kind at or after positions that only grow, in linear total time:
/// an answer stays right for every later question up to it.
struct NextByte {
    is_wanted: fn(u8) -> bool,
    asked_from: Option<usize>,
    answer: Option<usize>,
}

impl NextByte {
    fn new(is_wanted: fn(u8) -> bool) -> Self {
        NextByte { is_wanted, asked_from: None, answer: None }
    }

    fn find(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let still_right = self.asked_from.is_some_and(|asked| asked <= from)
            && self.answer.is_none_or(|answer| from <= answer);
        if !still_right {
            let rest = bytes.get(from..).unwrap_or_default();
            self.answer = rest.iter().position(|&b| (self.is_wanted)(b)).map(|p| from + p);
            self.asked_from = Some(from);
        }
        self.answer
    }
}

/// Start positions of the text's backtick runs by run length, so that finding the run that
/// closes a code span never rescans (a text full of unmatched backticks stays linear).
struct BacktickRuns(HashMap<usize, VecDeque<usize>>);

impl BacktickRuns {
    fn new(bytes: &[u8]) -> Self {
        let mut runs: HashMap<usize, VecDeque<usize>> = HashMap::new();
        let mut i = 0;
        while i < bytes.len() {
            let len = run_length(bytes, i, b'`');
            if len > 0 {
                runs.entry(len).or_default().push_back(i);
            }
            i += len.max(1);
        }
        BacktickRuns(runs)
    }

    /// The first run of exactly `len` backticks starting at or after `from`; asked with
    /// growing `from`, so runs before it are dropped for good.
    fn closing(&mut self, len: usize, from: usize) -> Option<usize> {
        let starts = self.0.get_mut(&len)?;
        while starts.front().is_some_and(|&start| start < from) {
            starts.pop_front();
        }
        starts.front().copied()
    }
}

fn run_length(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes.get(from..).unwrap_or_default().iter().take_while(|&&b| b == byte).count()
}

/// The first pass: finds links, spans, citations and the text pulldown-cmark must not
/// interpret, reports mistakes, and writes the shadow text (see the module comment).
struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    shadow: Vec<u8>,
    marks: Vec<Mark>,
    construct_starts: Vec<usize>,
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
            shadow: bytes.iter().map(|&b| inert(b)).collect(),
            marks: Vec::new(),
            construct_starts: Vec::new(),
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
                b'[' => {
                    self.open.push(OpenBracket { start: i, nesting: 0, has_link: false });
                    i + 1
                }
                b']' => self.close_bracket(i),
                b'*' | b'_' => {
                    self.shade(i, self.bytes[i]);
                    i + 1
                }
                _ => i + 1,
            };
        }
        self.report_unclosed();
        self.marks.sort_by_key(|mark| mark.start);
        Scan {
            marks: self.marks,
            shadow: self.shadow,
            construct_starts: self.construct_starts,
            problems: self.problems,
        }
    }

    fn shade(&mut self, at: usize, byte: u8) {
        if let Some(slot) = self.shadow.get_mut(at) {
            *slot = byte;
        }
    }

    /// `\` + punctuation is that character, `\ ` a no-break space (whitespace to emphasis).
    fn escape(&mut self, i: usize) -> usize {
        match self.bytes.get(i + 1) {
            Some(b' ') => {
                self.shade(i, 0xC2);
                self.shade(i + 1, 0xA0);
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
}

impl Scanner<'_> {
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

/// The scheme of a CommonMark autolink's inside (`https` in `https://x.org`), if it is one.
fn autolink_scheme(inner: &str) -> Option<&str> {
    let (scheme, rest) = inner.split_once(':')?;
    let scheme_ok = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'));
    let rest_ok = !rest.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && rest_ok).then_some(scheme)
}

/// Whether `<inner>` is an HTML tag, comment or declaration (`b`, `/b`, `a href="…"`, `!-- x --`).
fn is_html_tag(inner: &str) -> bool {
    if inner.starts_with(['!', '?']) {
        return true;
    }
    let name = inner.strip_prefix('/').unwrap_or(inner);
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .bytes()
            .find(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
            .is_none_or(|b| b.is_ascii_whitespace() || b == b'/')
}

/// Why a bracket construct is refused: (message, hint).
type Refusal = (String, &'static str);

impl Scanner<'_> {
    /// A `]` closes the innermost open `[`; what follows it decides what the pair was.
    fn close_bracket(&mut self, i: usize) -> usize {
        let Some(open) = self.open.pop() else { return i + 1 };
        match self.bytes.get(i + 1) {
            Some(b'(') => self.close_link(open, i),
            Some(b'{') => self.close_span(open, i),
            _ if slice(self.src, open.start + 1..i).trim_start().starts_with('@') => {
                self.close_citation(open, i)
            }
            _ => {
                self.keep_literal(&open);
                i + 1
            }
        }
    }

    /// The brackets stay text; what was found inside them now counts for the enclosing `[`.
    fn keep_literal(&mut self, open: &OpenBracket) {
        if let Some(parent) = self.open.last_mut() {
            parent.nesting = parent.nesting.max(open.nesting);
            parent.has_link |= open.has_link;
        }
    }

    /// Refused: the brackets stay text and the `(…)` or `{…}` after them is kept as written.
    fn reject(&mut self, open: &OpenBracket, close: usize, end: usize, refusal: Refusal) {
        self.problems.report(open.start, || refusal);
        self.keep_literal(open);
        self.marks.push(Mark { start: close + 1, end, kind: MarkKind::Verbatim });
    }

    /// Accepted link or span: pulldown-cmark will see `![content](,,,)` here.
    fn confirm(&mut self, open: &OpenBracket, close: usize, end: usize, kind: MarkKind) {
        self.shade(open.start, b'[');
        self.shade(close, b']');
        self.shade(close + 1, b'(');
        if let Some(address) = self.shadow.get_mut(close + 2..end.saturating_sub(1)) {
            address.fill(b',');
        }
        self.shade(end.saturating_sub(1), b')');
        self.construct_starts.push(open.start);
        self.marks.push(Mark { start: open.start, end, kind });
        if let Some(parent) = self.open.last_mut() {
            parent.nesting = parent.nesting.max(open.nesting + 1);
            parent.has_link |= open.has_link;
        }
    }

    fn close_link(&mut self, open: OpenBracket, i: usize) -> usize {
        let paren = i + 1;
        let Some(&close) = self.link_parens.get(&paren) else {
            self.problems.report(open.start, || ("This link's address has no closing )".into(), HINT_LINK));
            self.keep_literal(&open);
            return paren;
        };
        let end = close + 1;
        match self.check_link(&open, i, slice(self.src, paren + 1..close)) {
            Ok(url) => {
                self.confirm(&open, i, end, MarkKind::Link { content_end: i, url });
                if let Some(parent) = self.open.last_mut() {
                    parent.has_link = true;
                }
            }
            Err(refusal) => self.reject(&open, i, end, refusal),
        }
        end
    }

    fn check_link(&self, open: &OpenBracket, close: usize, inside_parens: &str) -> Result<WebUrl, Refusal> {
        if open.has_link {
            return Err((
                "A link cannot contain another link".into(),
                "take the inner link out of the brackets",
            ));
        }
        if slice(self.src, open.start + 1..close).trim().is_empty() {
            let hint = "write the linked words inside the brackets: [text](https://example.org/)";
            return Err(("This link has no text to show".into(), hint));
        }
        check_depth(open)?;
        link_address(inside_parens).map_err(|address| {
            if address.is_empty() {
                ("This link has no web address".to_string(), HINT_ADDRESS)
            } else {
                (format!("{} is not a web address", quote(&address)), HINT_ADDRESS)
            }
        })
    }

    fn close_span(&mut self, open: OpenBracket, i: usize) -> usize {
        let brace = i + 1;
        let close = self.closing_braces.find(self.bytes, brace + 1);
        let first_break = self.attribute_breaks.find(self.bytes, brace + 1);
        let Some(close) = close.filter(|&close| first_break.is_none_or(|at| close < at)) else {
            let message = "The language mark after these brackets has no closing }";
            self.problems.report(open.start, || (message.into(), HINT_SPAN));
            self.keep_literal(&open);
            return brace;
        };
        let end = close + 1;
        let checked = check_depth(&open).and_then(|()| span_language(slice(self.src, brace + 1..close)));
        match checked {
            Ok(lang) => self.confirm(&open, i, end, MarkKind::Span { content_end: i, lang }),
            Err(refusal) => self.reject(&open, i, end, refusal),
        }
        end
    }

    fn close_citation(&mut self, open: OpenBracket, i: usize) -> usize {
        let content = slice(self.src, open.start + 1..i);
        match citation_ids(content) {
            Some(ids) => {
                // Ids hold no markup, but `_` or `*` in them were made live in the shadow.
                if let Some(shadow) = self.shadow.get_mut(open.start..i + 1) {
                    shadow.iter_mut().for_each(|byte| *byte = inert(*byte));
                }
                self.marks.push(Mark { start: open.start, end: i + 1, kind: MarkKind::Cite(ids) });
            }
            None => {
                let message = || (format!("`[{}]` is not a citation", shortened(content)), HINT_CITATION);
                self.problems.report(open.start, message);
                self.keep_literal(&open);
            }
        }
        i + 1
    }

    /// Every `[` still open at the end of the text.
    fn report_unclosed(&mut self) {
        for open in std::mem::take(&mut self.open) {
            let after = self.src.get(open.start + 1..).unwrap_or_default();
            if after.trim_start().starts_with('@') {
                self.problems.report(open.start, || ("This citation has no closing ]".into(), HINT_CITATION));
            } else {
                self.problems.report(open.start, || ("This [ has no closing ]".into(), HINT_LITERAL_BRACKET));
            }
        }
    }
}

fn check_depth(open: &OpenBracket) -> Result<(), Refusal> {
    if open.nesting < MAX_CONSTRUCT_DEPTH {
        return Ok(());
    }
    let message = format!("Links and language spans are nested more than {MAX_CONSTRUCT_DEPTH} deep here");
    Err((message, "take some of the brackets out"))
}

/// The address of `[text](address)` or `[text](address "title")`; the title is ignored. On
/// failure, the address (or the whole inside of the parentheses) as written.
fn link_address(inside_parens: &str) -> Result<WebUrl, String> {
    let inside = inside_parens.trim();
    let (address, title) = match inside.strip_prefix('<') {
        Some(pointed) => pointed.split_once('>').ok_or_else(|| inside.to_string())?,
        None => inside.split_at(inside.find(char::is_whitespace).unwrap_or(inside.len())),
    };
    if !is_link_title(title.trim()) {
        return Err(inside.to_string());
    }
    let address = unescape(address);
    address.parse::<WebUrl>().map_err(|_| address)
}

fn is_link_title(title: &str) -> bool {
    let quoted =
        |open: char, close: char| title.len() >= 2 && title.starts_with(open) && title.ends_with(close);
    title.is_empty() || quoted('"', '"') || quoted('\'', '\'') || quoted('(', ')')
}

/// `text` with backslash escapes of punctuation resolved.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The tag of `{lang=TAG}` or `{lang="TAG"}`, the only attribute a span may have.
fn span_language(attributes: &str) -> Result<LanguageTag, Refusal> {
    let value = attributes.trim().strip_prefix("lang=").map(unquote);
    let Some(value) = value.filter(|v| !v.is_empty() && !v.contains(char::is_whitespace)) else {
        let message =
            format!("`{{{}}}` is not a language mark: only lang=… is understood", shortened(attributes));
        return Err((message, HINT_SPAN));
    };
    value.parse::<LanguageTag>().map_err(|_| (format!("{} is not a language tag", quote(value)), HINT_SPAN))
}

fn unquote(value: &str) -> &str {
    ['"', '\'']
        .into_iter()
        .find_map(|q| value.strip_prefix(q).and_then(|v| v.strip_suffix(q)))
        .unwrap_or(value)
}

/// The ids of `@a; @b`, or None if it is not exactly that. Stops at the first character that
/// does not fit, so nested brackets are never rescanned.
fn citation_ids(content: &str) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    let mut rest = content;
    loop {
        rest = rest.trim_start().strip_prefix('@')?;
        let len = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
        let (id, after) = rest.split_at(len);
        let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !ends_ok(id.chars().next()) || !ends_ok(id.chars().last()) {
            return None;
        }
        ids.push(id.to_string());
        rest = after.trim_start();
        if rest.is_empty() {
            return Some(ids);
        }
        rest = rest.strip_prefix(';')?;
    }
}

/// Letters, digits and the inner punctuation Pandoc allows in citation keys.
fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || "_-.:/#+?&%$~=".contains(c)
}

/// The text pulldown-cmark parses: the shadow between two fences, with a `!` before each
/// link's or span's `[`. Also returns where those `!` are, to map offsets back.
fn shadow_text(shadow: &[u8], construct_starts: &[usize]) -> (String, Vec<usize>) {
    let mut starts = construct_starts.to_vec();
    starts.sort_unstable();
    let mut text = Vec::with_capacity(shadow.len() + starts.len() + 2 * FENCE.len());
    let mut bangs = Vec::with_capacity(starts.len());
    text.extend_from_slice(FENCE.as_bytes());
    let mut copied = 0;
    for start in starts {
        text.extend_from_slice(shadow.get(copied..start).unwrap_or_default());
        bangs.push(text.len());
        text.push(b'!');
        copied = start;
    }
    text.extend_from_slice(shadow.get(copied..).unwrap_or_default());
    text.extend_from_slice(FENCE.as_bytes());
    // Always UTF-8 (only ASCII bytes were replaced, by ASCII or by a whole no-break space);
    // if not, an empty parse still yields all the text, without emphasis.
    (String::from_utf8(text).unwrap_or_default(), bangs)
}

enum FrameKind {
    Emph,
    Strong,
    Link(WebUrl),
    Span(LanguageTag),
    /// Emphasis too deep to matter: its content goes straight into the enclosing frame.
    Flattened,
}

/// An element being built; its content ends at `content_end`, its markup at `end`.
struct Frame {
    kind: FrameKind,
    content_end: usize,
    end: usize,
    children: Vec<Inline>,
}

/// The second pass: builds the tree from pulldown-cmark's events on the shadow text, taking
/// all text (between the events' offsets) from the source.
struct TreeBuilder<'a> {
    src: &'a str,
    marks: Vec<Mark>,
    next_mark: usize,
    /// Positions in the shadow text of the `!` put before each link or span.
    bangs: Vec<usize>,
    frames: Vec<Frame>,
    /// Indices in `frames` of those not flattened, which receive content.
    receiving: Vec<usize>,
    root: Vec<Inline>,
    /// Source up to here is in the tree.
    cursor: usize,
    emphasis_depth: usize,
}

impl<'a> TreeBuilder<'a> {
    fn new(src: &'a str, marks: Vec<Mark>, bangs: Vec<usize>) -> Self {
        TreeBuilder {
            src,
            marks,
            next_mark: 0,
            bangs,
            frames: Vec::new(),
            receiving: Vec::new(),
            root: Vec::new(),
            cursor: 0,
            emphasis_depth: 0,
        }
    }

    fn build(mut self, shadow: &str) -> Vec<Inline> {
        for (event, range) in Parser::new_ext(shadow, Options::empty()).into_offset_iter() {
            match event {
                Event::Start(Tag::Emphasis) => self.open_emphasis(range, FrameKind::Emph, 1),
                Event::Start(Tag::Strong) => self.open_emphasis(range, FrameKind::Strong, 2),
                Event::Start(Tag::Image { .. }) => self.open_construct(range.start),
                Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Image) => self.close_frame(),
                _ => {}
            }
        }
        while !self.frames.is_empty() {
            self.close_frame();
        }
        self.text_until(self.src.len());
        self.root
    }

    /// The source offset of a shadow text offset.
    fn source_offset(&self, shadow_offset: usize) -> usize {
        let bangs_before = self.bangs.partition_point(|&bang| bang < shadow_offset);
        shadow_offset.saturating_sub(FENCE.len() + bangs_before).min(self.src.len())
    }

    fn children(&mut self) -> &mut Vec<Inline> {
        match self.receiving.last().and_then(|&i| self.frames.get_mut(i)) {
            Some(frame) => &mut frame.children,
            None => &mut self.root,
        }
    }

    fn push_frame(&mut self, kind: FrameKind, content_end: usize, end: usize) {
        if !matches!(kind, FrameKind::Flattened) {
            self.receiving.push(self.frames.len());
        }
        self.frames.push(Frame { kind, content_end, end, children: Vec::new() });
    }

    fn open_emphasis(&mut self, range: Range<usize>, kind: FrameKind, delimiter_len: usize) {
        let (start, end) = (self.source_offset(range.start), self.source_offset(range.end));
        self.text_until(start);
        self.cursor = self.cursor.max(start + delimiter_len);
        let kind = if self.emphasis_depth < MAX_EMPHASIS_DEPTH {
            self.emphasis_depth += 1;
            kind
        } else {
            FrameKind::Flattened
        };
        self.push_frame(kind, end.saturating_sub(delimiter_len), end);
    }

    /// pulldown-cmark found one of our links or spans (an image in the shadow).
    fn open_construct(&mut self, shadow_offset: usize) {
        let start = self.source_offset(shadow_offset);
        self.text_until(start);
        let is_construct = |mark: &Mark| {
            mark.start == start && matches!(mark.kind, MarkKind::Link { .. } | MarkKind::Span { .. })
        };
        if self.marks.get(self.next_mark).is_some_and(is_construct) {
            self.take_mark();
        } else {
            // Cannot happen: every image in the shadow is one of our marks.
            self.push_frame(FrameKind::Flattened, self.cursor, self.cursor);
        }
    }
}

impl TreeBuilder<'_> {
    fn close_frame(&mut self) {
        let Some(content_end) = self.frames.last().map(|frame| frame.content_end) else { return };
        self.text_until(content_end);
        let Some(frame) = self.frames.pop() else { return };
        let node = match frame.kind {
            FrameKind::Emph => Some(Inline::Emph(frame.children)),
            FrameKind::Strong => Some(Inline::Strong(frame.children)),
            FrameKind::Link(url) => Some(Inline::Link { url, content: frame.children }),
            FrameKind::Span(lang) => Some(Inline::Span { lang, content: frame.children }),
            FrameKind::Flattened => None,
        };
        if let Some(node) = node {
            if matches!(node, Inline::Emph(_) | Inline::Strong(_)) {
                self.emphasis_depth = self.emphasis_depth.saturating_sub(1);
            }
            self.receiving.pop();
            self.children().push(node);
        }
        self.cursor = self.cursor.max(frame.end);
    }

    /// Puts the source from the cursor up to `stop` into the tree: text, and the marks in it.
    fn text_until(&mut self, stop: usize) {
        let stop = stop.min(self.src.len());
        while self.cursor < stop {
            let mark_start = self.marks.get(self.next_mark).map(|mark| mark.start).filter(|&s| s < stop);
            let text_end = mark_start.unwrap_or(stop).max(self.cursor);
            self.push_text(self.cursor..text_end);
            self.cursor = text_end;
            // A link or span that pulldown-cmark did not report (it always does) is built here.
            if mark_start.is_some() && self.take_mark() {
                self.close_frame();
            }
        }
    }

    /// Takes the next mark into the tree; a link or span opens a frame (then returns true).
    fn take_mark(&mut self) -> bool {
        let Some(mark) = self.marks.get_mut(self.next_mark) else { return false };
        self.next_mark += 1;
        let (start, end) = (mark.start, mark.end);
        let kind = std::mem::replace(&mut mark.kind, MarkKind::Verbatim);
        if start < self.cursor {
            return false; // Cannot happen: marks do not overlap.
        }
        match kind {
            MarkKind::Link { content_end, url } => {
                return self.open_mark_frame(FrameKind::Link(url), start..end, content_end)
            }
            MarkKind::Span { content_end, lang } => {
                return self.open_mark_frame(FrameKind::Span(lang), start..end, content_end)
            }
            MarkKind::Cite(ids) => self.children().push(Inline::Cite(ids)),
            MarkKind::Autolink(url) => {
                let address = slice(self.src, start + 1..end.saturating_sub(1)).to_string();
                self.children().push(Inline::Link { url, content: vec![Inline::Text(address)] });
            }
            MarkKind::Verbatim => {
                let verbatim = slice(self.src, start..end);
                append_text(self.children(), |out| push_verbatim(verbatim, out));
            }
        }
        self.cursor = end;
        false
    }

    /// Opens the frame of a link or span written at `source`; the cursor moves into it.
    fn open_mark_frame(&mut self, kind: FrameKind, source: Range<usize>, content_end: usize) -> bool {
        self.cursor = source.start + 1;
        self.push_frame(kind, content_end, source.end);
        true
    }

    fn push_text(&mut self, range: Range<usize>) {
        let text = slice(self.src, range);
        if !text.is_empty() {
            append_text(self.children(), |out| push_decoded(text, out));
        }
    }
}

/// Lets `write` extend the last child if it is text (adjacent texts are one), else a new one.
fn append_text(children: &mut Vec<Inline>, write: impl FnOnce(&mut String)) {
    if !matches!(children.last(), Some(Inline::Text(_))) {
        children.push(Inline::Text(String::new()));
    }
    if let Some(Inline::Text(text)) = children.last_mut() {
        write(text);
        if text.is_empty() {
            children.pop();
        }
    }
}

/// Text as written, except that each line break is a space.
fn push_verbatim(text: &str, out: &mut String) {
    let mut lines = text.split("\r\n").flat_map(|part| part.split(['\n', '\r']));
    out.push_str(lines.next().unwrap_or_default());
    for line in lines {
        out.push(' ');
        out.push_str(line);
    }
}

/// Text with escapes resolved (`\*` is `*`, `\ ` a no-break space) and every line break,
/// with the spaces around it and a hard-break backslash before it, one space.
fn push_decoded(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1).copied()) {
            (b'\\', Some(b' ')) => {
                out.push_str(slice(text, copied..i));
                out.push('\u{a0}');
                i += 2;
                copied = i;
            }
            (b'\\', Some(next)) if next.is_ascii_punctuation() || is_line_break(next) => {
                out.push_str(slice(text, copied..i));
                copied = i + 1;
                i += if is_line_break(next) { 1 } else { 2 };
            }
            (byte, _) if is_line_break(byte) => {
                out.push_str(slice(text, copied..i));
                out.truncate(out.trim_end_matches([' ', '\t']).len());
                out.push(' ');
                i += bytes[i..].iter().take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count();
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(slice(text, copied..text.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.to_string())
    }

    fn emph(content: Vec<Inline>) -> Inline {
        Inline::Emph(content)
    }

    fn strong(content: Vec<Inline>) -> Inline {
        Inline::Strong(content)
    }

    fn link(url: &str, content: Vec<Inline>) -> Inline {
        Inline::Link { url: url.parse().unwrap(), content }
    }

    fn span(lang: &str, content: Vec<Inline>) -> Inline {
        Inline::Span { lang: lang.parse().unwrap(), content }
    }

    fn cite(ids: &[&str]) -> Inline {
        Inline::Cite(ids.iter().map(|id| id.to_string()).collect())
    }

    /// Parses text that must have no problems.
    fn parse(source: &str) -> Vec<Inline> {
        let rich = Rich::parse(source);
        assert_eq!(rich.problems, vec![], "problems in {source:?}");
        assert_well_formed(&rich.inlines);
        rich.inlines
    }

    /// Parses text that must come out as exactly one text run, without problems.
    fn assert_literal(source: &str, expected: &str) {
        assert_eq!(parse(source), vec![text(expected)], "for {source:?}");
    }

    /// Parses text with exactly one problem, which is returned.
    fn one_problem(source: &str) -> (Vec<Inline>, Problem) {
        let rich = Rich::parse(source);
        assert_eq!(rich.problems.len(), 1, "problems in {source:?}: {:?}", rich.problems);
        assert_well_formed(&rich.inlines);
        (rich.inlines, rich.problems[0].clone())
    }

    /// No empty text, no two texts side by side.
    fn assert_well_formed(inlines: &[Inline]) {
        for pair in inlines.windows(2) {
            assert!(!matches!(pair, [Inline::Text(_), Inline::Text(_)]), "unmerged texts in {inlines:?}");
        }
        for inline in inlines {
            match inline {
                Inline::Text(t) => assert!(!t.is_empty(), "empty text in {inlines:?}"),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                    assert_well_formed(c)
                }
                Inline::Span { content, .. } => assert_well_formed(content),
                Inline::Cite(ids) => assert!(!ids.is_empty()),
            }
        }
    }

    fn depth(inlines: &[Inline]) -> usize {
        let inner = |inline: &Inline| match inline {
            Inline::Text(_) | Inline::Cite(_) => 0,
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => depth(c),
            Inline::Span { content, .. } => depth(content),
        };
        inlines.iter().map(|i| 1 + inner(i)).max().unwrap_or(0)
    }

    #[test]
    fn plain_text_is_one_run_as_written() {
        for source in [
            "Kloop is an independent outlet.",
            "«Клооп» — независимое издание, 2007 год.",
            "Oʻzbekiston va Qirgʻiziston; oʻqituvchi, gʻoya.",
            "Prices rose 5% (from 100 to 105) — see p. 3!",
            "a + b = c; x > y & y < z",
        ] {
            assert_literal(source, source);
        }
        assert_eq!(parse(""), vec![]);
        assert_literal("  spaced  ", "  spaced  ");
    }

    #[test]
    fn emphasis_and_strong_with_either_delimiter() {
        assert_eq!(parse("*a*"), vec![emph(vec![text("a")])]);
        assert_eq!(parse("_a_"), vec![emph(vec![text("a")])]);
        assert_eq!(parse("**a**"), vec![strong(vec![text("a")])]);
        assert_eq!(parse("__a__"), vec![strong(vec![text("a")])]);
        assert_eq!(
            parse("Kloop is *independent*, __really__."),
            vec![
                text("Kloop is "),
                emph(vec![text("independent")]),
                text(", "),
                strong(vec![text("really")]),
                text(".")
            ]
        );
        assert_eq!(parse("*Клооп*"), vec![emph(vec![text("Клооп")])]);
    }

    #[test]
    fn emphasis_nests_as_commonmark_does() {
        assert_eq!(parse("***a***"), vec![emph(vec![strong(vec![text("a")])])]);
        assert_eq!(parse("*a **b** c*"), vec![emph(vec![text("a "), strong(vec![text("b")]), text(" c")])]);
        assert_eq!(parse("__a _b_ c__"), vec![strong(vec![text("a "), emph(vec![text("b")]), text(" c")])]);
        assert_eq!(parse("****a****"), vec![strong(vec![strong(vec![text("a")])])]);
    }

    #[test]
    fn unpaired_or_intraword_delimiters_stay_text() {
        for source in
            ["*a", "a*", "**", "* a *", "a * b", "snake_case_name", "oʻzbek_tili_kitob", "_a", "2 * 3"]
        {
            assert_literal(source, source);
        }
        assert_eq!(parse("**a*"), vec![text("*"), emph(vec![text("a")])]);
    }

    #[test]
    fn links() {
        assert_eq!(
            parse("Read [Kloop](https://kloop.kg/) daily"),
            vec![text("Read "), link("https://kloop.kg/", vec![text("Kloop")]), text(" daily")]
        );
        let expected = vec![link("https://kloop.kg", vec![text("a")])];
        assert_eq!(parse("[a](https://kloop.kg \"Kloop\")"), expected);
        assert_eq!(parse("[a](https://kloop.kg 'Kloop')"), expected);
        assert_eq!(parse("[a]( <https://kloop.kg> )"), expected);
        assert_eq!(
            parse("[w](https://en.wikipedia.org/wiki/Kloop_(media))"),
            vec![link("https://en.wikipedia.org/wiki/Kloop_(media)", vec![text("w")])]
        );
        assert_eq!(parse("[a](https://x.org/a\\_b)"), vec![link("https://x.org/a_b", vec![text("a")])]);
        assert_eq!(parse("[a [b] c](https://x.org)"), vec![link("https://x.org", vec![text("a [b] c")])]);
        assert_eq!(
            parse("![photo](https://x.org)"),
            vec![text("!"), link("https://x.org", vec![text("photo")])]
        );
    }

    #[test]
    fn emphasis_and_links_nest_both_ways() {
        assert_eq!(
            parse("[*Kloop* **media**](https://kloop.kg)"),
            vec![link(
                "https://kloop.kg",
                vec![emph(vec![text("Kloop")]), text(" "), strong(vec![text("media")])]
            )]
        );
        assert_eq!(
            parse("**see [Kloop](https://kloop.kg)**"),
            vec![strong(vec![text("see "), link("https://kloop.kg", vec![text("Kloop")])])]
        );
        // Emphasis never pairs across a link's brackets.
        assert_eq!(
            parse("*a [b* c](https://x.org)"),
            vec![text("*a "), link("https://x.org", vec![text("b* c")])]
        );
    }

    #[test]
    fn bad_link_addresses_are_problems() {
        let (inlines, problem) = one_problem("See [Kloop](kloop.kg).");
        assert_eq!(inlines, vec![text("See [Kloop](kloop.kg).")]);
        assert_eq!(problem.offset, 4);
        assert_eq!(problem.message, "`kloop.kg` is not a web address");
        assert_eq!(problem.hint, "write it in full, e.g. https://example.org/");
        for (source, message) in [
            ("[a](javascript:alert(1))", "`javascript:alert(1)` is not a web address"),
            ("[a](https://x.org not a title)", "`https://x.org not a title` is not a web address"),
            ("[a]()", "This link has no web address"),
            ("[](https://x.org)", "This link has no text to show"),
            ("[ ](https://x.org)", "This link has no text to show"),
        ] {
            let (inlines, problem) = one_problem(source);
            assert_eq!((inlines, problem.offset), (vec![text(source)], 0), "for {source:?}");
            assert_eq!(problem.message, message);
        }
    }

    #[test]
    fn unclosed_link_address_is_a_problem() {
        let (inlines, problem) = one_problem("Кыргызстан [text](https://x.org");
        assert_eq!(inlines, vec![text("Кыргызстан [text](https://x.org")]);
        assert_eq!(problem.offset, "Кыргызстан ".len());
        assert_eq!(problem.message, "This link's address has no closing )");
        let (_, problem) = one_problem("[a](https://x.org (note) and more");
        assert_eq!(problem.offset, 0);
    }

    #[test]
    fn a_link_inside_a_link_is_a_problem() {
        let (inlines, problem) = one_problem("[a [b](https://b.org) c](https://a.org)");
        assert_eq!(
            inlines,
            vec![text("[a "), link("https://b.org", vec![text("b")]), text(" c](https://a.org)")]
        );
        assert_eq!((problem.offset, problem.message.as_str()), (0, "A link cannot contain another link"));
    }

    #[test]
    fn autolinks_to_web_addresses_are_links() {
        assert_eq!(
            parse("see <https://kloop.kg/a_b_c>."),
            vec![
                text("see "),
                link("https://kloop.kg/a_b_c", vec![text("https://kloop.kg/a_b_c")]),
                text(".")
            ]
        );
        assert_literal("<mailto:a_b*c*@x.org> <ftp://x.org>", "<mailto:a_b*c*@x.org> <ftp://x.org>");
        let (inlines, problem) = one_problem("a <https://localhost>");
        assert_eq!(inlines, vec![text("a <https://localhost>")]);
        assert_eq!(
            (problem.offset, problem.message.as_str()),
            (2, "`https://localhost` is not a web address")
        );
    }

    #[test]
    fn citations() {
        assert_eq!(parse("[@kloop]"), vec![cite(&["kloop"])]);
        assert_eq!(
            parse("Founded 2007 [@a; @b]."),
            vec![text("Founded 2007 "), cite(&["a", "b"]), text(".")]
        );
        assert_eq!(parse("[ @a ;@b_2019 ; @c-d.e ]"), vec![cite(&["a", "b_2019", "c-d.e"])]);
        assert_eq!(parse("[@клооп_2019]"), vec![cite(&["клооп_2019"])]);
        assert_eq!(parse("[@a_b_c]"), vec![cite(&["a_b_c"])]);
        assert_eq!(parse("*a [@x] b*"), vec![emph(vec![text("a "), cite(&["x"]), text(" b")])]);
    }

    #[test]
    fn malformed_citations_are_problems() {
        for source in ["[@]", "[@a; b]", "[@a, @b]", "[@a;]", "[@ a]", "[@a b]", "[@a [x]]", "[@a*]"] {
            let (inlines, problem) = one_problem(source);
            assert_eq!(inlines.iter().filter(|i| matches!(i, Inline::Cite(_))).count(), 0, "{source:?}");
            assert_eq!(problem.offset, 0);
            assert_eq!(problem.message, format!("`{source}` is not a citation"));
            assert!(problem.hint.contains("[@id]") && problem.hint.contains("[@a; @b]"));
        }
        let (inlines, problem) = one_problem("As shown [@kloop");
        assert_eq!(inlines, vec![text("As shown [@kloop")]);
        assert_eq!(problem.offset, 9);
        assert_eq!(problem.message, "This citation has no closing ]");
    }

    #[test]
    fn language_spans() {
        assert_eq!(
            parse("[Oʻzbekiston va Qirgʻiziston]{lang=uz-Latn}"),
            vec![span("uz-Latn", vec![text("Oʻzbekiston va Qirgʻiziston")])]
        );
        assert_eq!(parse("[Клооп]{lang=\"ky\"}"), vec![span("ky", vec![text("Клооп")])]);
        assert_eq!(parse("[Клооп]{ lang='ky' }"), vec![span("ky", vec![text("Клооп")])]);
        assert_eq!(
            parse("[*Kloop* [@k]]{lang=ky}"),
            vec![span("ky", vec![emph(vec![text("Kloop")]), text(" "), cite(&["k"])])]
        );
        assert_eq!(
            parse("[a [b]{lang=ru} [c](https://c.org)]{lang=ky}"),
            vec![span(
                "ky",
                vec![
                    text("a "),
                    span("ru", vec![text("b")]),
                    text(" "),
                    link("https://c.org", vec![text("c")])
                ]
            )]
        );
        assert_eq!(parse("**[x]{lang=en}**"), vec![strong(vec![span("en", vec![text("x")])])]);
        assert_eq!(
            parse("[[x]{lang=en}](https://x.org)"),
            vec![link("https://x.org", vec![span("en", vec![text("x")])])]
        );
    }

    #[test]
    fn bad_span_attributes_are_problems() {
        for (source, message) in [
            ("[a]{lang=english}", "`english` is not a language tag"),
            ("[a]{lang=}", "`{lang=}` is not a language mark: only lang=… is understood"),
            ("[a]{.smallcaps}", "`{.smallcaps}` is not a language mark: only lang=… is understood"),
            ("[a]{lang=ky dir=rtl}", "`{lang=ky dir=rtl}` is not a language mark: only lang=… is understood"),
            ("[a]{}", "`{}` is not a language mark: only lang=… is understood"),
        ] {
            let (inlines, problem) = one_problem(source);
            assert_eq!((inlines, problem.offset), (vec![text(source)], 0), "for {source:?}");
            assert_eq!(problem.message, message);
            assert!(problem.hint.contains("[text]{lang=uz-Latn}"));
        }
    }

    #[test]
    fn unclosed_span_attributes_are_problems() {
        let (inlines, problem) = one_problem("x [text]{lang=ky");
        assert_eq!(inlines, vec![text("x [text]{lang=ky")]);
        assert_eq!(problem.offset, 2);
        assert_eq!(problem.message, "The language mark after these brackets has no closing }");
        // A later span's `}` does not close this one.
        let (inlines, problem) = one_problem("[a]{lang=ky and [b]{lang=ru}");
        assert_eq!(inlines, vec![text("[a]{lang=ky and "), span("ru", vec![text("b")])]);
        assert_eq!(problem.offset, 0);
    }

    #[test]
    fn backslash_escapes() {
        assert_literal(r"\*not emphasis\*", "*not emphasis*");
        assert_literal(r"\[not a link](https://x.org)", "[not a link](https://x.org)");
        assert_literal(r"\[@id]", "[@id]");
        assert_literal(r"a\\b \_ \` \< \& \# \] \{", r"a\b _ ` < & # ] {");
        assert_literal(r"100\ km", "100\u{a0}km");
        assert_literal(r"\a \Ж end\", r"\a \Ж end\");
        assert_eq!(parse(r"*a\*b*"), vec![emph(vec![text("a*b")])]);
        assert_eq!(parse(r"\**a*"), vec![text("*"), emph(vec![text("a")])]);
    }

    #[test]
    fn raw_html_and_entities_stay_text_as_written() {
        for source in [
            "<script>alert(1)</script>",
            "<b>x</b>",
            "Tom & Jerry",
            "&amp; &lt; &#65; &copy;",
            "]]>",
            "<![CDATA[ x ]]>",
            "<a href=\"https://x.org/a_b*c*d\">x</a>",
            "<!-- *not* a comment -->",
            "a < b > c",
            "<a title=\"[x](https://y.org) [@id]\">",
        ] {
            assert_literal(source, source);
        }
        assert_eq!(parse("<i>*a*</i>"), vec![text("<i>"), emph(vec![text("a")]), text("</i>")]);
    }

    #[test]
    fn code_spans_are_kept_with_their_backticks() {
        assert_literal("use `*x*` here", "use `*x*` here");
        assert_literal("``a ` [b](c) ``", "``a ` [b](c) ``");
        assert_literal("`a\\*b`", "`a\\*b`");
        assert_literal("one ` tick", "one ` tick");
        assert_literal("```", "```");
        assert_eq!(
            parse("[`x`](https://x.org) *`y`*"),
            vec![link("https://x.org", vec![text("`x`")]), text(" "), emph(vec![text("`y`")])]
        );
    }

    #[test]
    fn block_starters_stay_literal() {
        for source in [
            "# Heading",
            "## Heading",
            "- item",
            "* item",
            "+ item",
            "> quote",
            "1. first",
            "2007. A year",
            "1) first",
            "    indented code",
            "\tindented",
            "---",
            "***",
            "___",
            "* * *",
            "===",
            "```rust",
            "~~~",
            "<div>block</div>",
            "[label]: http://x",
            "[label]: https://x.org \"title\"",
            "[^1]: footnote",
            "| a | b |",
            ": definition",
            "- [ ] task",
        ] {
            assert_literal(source, source);
        }
    }

    #[test]
    fn line_breaks_are_spaces_and_start_no_block() {
        assert_literal(
            "Kloop\n# Heading\n- item\n> quote\n2007. year",
            "Kloop # Heading - item > quote 2007. year",
        );
        assert_literal("a\r\nb\rc\n\nd", "a b c d");
        assert_literal("hard  \n  break\\\nhere", "hard break here");
        assert_literal("Title\n===\nmore\n---", "Title === more ---");
        assert_literal("`code\nspan`", "`code span`");
        assert_eq!(parse("*a\nb*"), vec![emph(vec![text("a b")])]);
    }

    #[test]
    fn literal_brackets_stay_text() {
        for source in ["[sic]", "a [b] c", "a ] b", "[]", "[text] (not a link)", "[a][b]", "x [[y]] z"] {
            assert_literal(source, source);
        }
        assert_eq!(parse("[*a*]"), vec![text("["), emph(vec![text("a")]), text("]")]);
    }

    #[test]
    fn unclosed_brackets_are_problems() {
        let (inlines, problem) = one_problem("see [1");
        assert_eq!(inlines, vec![text("see [1")]);
        assert_eq!(problem.offset, 4);
        assert_eq!(problem.message, "This [ has no closing ]");
        assert!(problem.hint.contains(r"write \[ for a literal bracket"));
        let rich = Rich::parse("Ош [a [b] [c");
        let offsets: Vec<usize> = rich.problems.iter().map(|p| p.offset).collect();
        assert_eq!(offsets, vec!["Ош ".len(), "Ош [a [b] ".len()]);
        assert_eq!(rich.inlines, vec![text("Ош [a [b] [c")]);
    }

    #[test]
    fn problems_are_listed_up_to_a_limit() {
        let rich = Rich::parse(&"[".repeat(1000));
        assert_eq!(rich.problems.len(), MAX_PROBLEMS + 1);
        let last = rich.problems.last().unwrap();
        assert_eq!(
            (last.offset, last.message.as_str()),
            (100, "900 more markup mistakes in this text are not listed")
        );
        assert!(rich.problems.windows(2).take(MAX_PROBLEMS - 1).all(|p| p[0].offset < p[1].offset));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let spans = format!("{}x{}", "[".repeat(40), "]{lang=ky}".repeat(40));
        let rich = Rich::parse(&spans);
        assert_eq!(depth(&rich.inlines), MAX_CONSTRUCT_DEPTH + 1, "32 spans around a text");
        assert_eq!(rich.problems.len(), 8);
        assert!(rich.problems[0].message.contains("nested more than 32 deep"));
        assert_eq!(rich.plain_text(), format!("{}x{}", "[".repeat(8), "]{lang=ky}".repeat(8)));

        let stars = format!("{}a{}", "*".repeat(1000), "*".repeat(1000));
        let rich = Rich::parse(&stars);
        assert_eq!(depth(&rich.inlines), MAX_EMPHASIS_DEPTH + 1);
        assert_eq!(rich.plain_text(), "a");
    }

    #[test]
    fn plain_text_and_citations() {
        let rich = Rich::parse(
            "Kloop is *independent* [@kloop], see [site](https://kloop.kg) [Клооп [@a; @b]]{lang=ky}.",
        );
        assert_eq!(rich.plain_text(), "Kloop is independent , see site Клооп .");
        assert_eq!(rich.citations(), vec!["kloop", "a", "b"]);
        assert_eq!(rich.to_string(), rich.source);
        assert_eq!(Rich::from("x"), Rich::parse("x"));
    }

    /// (name, input) for text that would be slow in a naive parser.
    fn pathological_inputs() -> Vec<(&'static str, String)> {
        let n = 200_000;
        let repeat = |unit: &str| unit.repeat(n / unit.len());
        vec![
            ("open brackets", repeat("[")),
            ("close brackets", repeat("]")),
            ("stars", repeat("*")),
            ("underscores", repeat("_")),
            ("backslashes", repeat("\\")),
            ("backticks", repeat("`a")),
            ("backtick runs", repeat("``a`")),
            ("angles", repeat("<http:x")),
            ("open parens", repeat("[a](")),
            ("open braces", repeat("[a]{")),
            ("citations", repeat("[@a; ")),
            ("nested stars", format!("{}a{}", "*".repeat(n / 2), "*".repeat(n / 2))),
            ("nested mix", format!("{}x{}", "*_".repeat(n / 4), "_*".repeat(n / 4))),
            ("nested spans", format!("{}a{}", "[".repeat(n / 12), "]{lang=ky}".repeat(n / 12))),
            ("nested links", format!("{}a{}", "[".repeat(n / 16), "](https://x.org)".repeat(n / 16))),
            ("links", repeat("[*a*](https://x.org)* ")),
        ]
    }

    #[test]
    fn pathological_inputs_parse_correctly() {
        for (name, input) in pathological_inputs() {
            let rich = Rich::parse(&input);
            assert_well_formed(&rich.inlines);
            assert!(rich.problems.len() <= MAX_PROBLEMS + 1, "{name}");
            let plain = rich.plain_text();
            match name {
                "close brackets" | "stars" | "underscores" | "angles" | "open parens" | "open braces" => {
                    assert_eq!(plain, input, "{name}")
                }
                "open brackets" => assert_eq!(rich.inlines, vec![text(&input)]),
                "backslashes" => assert_eq!(plain, "\\".repeat(input.len() / 2)),
                "nested stars" => assert_eq!(plain, "a"),
                "links" => assert_eq!(rich.inlines.len(), 2 * (input.len() / 22)),
                _ => assert!(!plain.is_empty(), "{name}"),
            }
        }
    }

    const FUZZ_ROUNDS: usize = 20_000;
    const FUZZ_LEN: usize = 40;

    /// A small deterministic pseudo-random generator (xorshift), so the fuzz test repeats.
    struct Random(u64);

    impl Random {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn text(&mut self, pieces: &[&str]) -> String {
            let len = self.below(FUZZ_LEN);
            (0..len).map(|_| pieces[self.below(pieces.len())]).collect()
        }
    }

    /// The letters and digits a reader gets, in order (links' addresses left out).
    fn letters(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => out.extend(t.chars().filter(|c| c.is_alphanumeric())),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => letters(c, out),
                Inline::Span { lang, content } => {
                    letters(content, out);
                    out.push_str("lang");
                    out.extend(lang.as_str().chars().filter(|c| c.is_alphanumeric()));
                }
                Inline::Cite(ids) => {
                    ids.iter().for_each(|id| out.extend(id.chars().filter(|c| c.is_alphanumeric())))
                }
            }
        }
    }

    fn is_subsequence(short: &str, long: &str) -> bool {
        let mut long = long.chars();
        short.chars().all(|c| long.any(|l| l == c))
    }

    #[test]
    fn fuzzed_markup_never_panics_or_loses_text() {
        let mut pieces: Vec<&str> =
            "*_[]()!{}@\\<>&#-+ `\n;abЖыʻo".split("").filter(|p| !p.is_empty()).collect();
        let tokens =
            "https://a.org|lang=ky|@id|1.|<b>|\\ |](https://a.org)|]{lang=ky}|[@a]|**|``|<https://a.org>";
        pieces.extend(tokens.split('|').chain(["\"", "'", ":", "/", ".", "=", "\r", "\t", "\u{a0}"]));
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        for _ in 0..FUZZ_ROUNDS {
            let source = random.text(&pieces);
            let rich = Rich::parse(&source);
            assert_well_formed(&rich.inlines);
            assert!(rich
                .problems
                .iter()
                .all(|p| source.is_char_boundary(p.offset) && p.offset < source.len()));
            let expected: String = source.chars().filter(|c| c.is_alphanumeric()).collect();
            let mut got = String::new();
            letters(&rich.inlines, &mut got);
            let has_link = format!("{:?}", rich.inlines).contains("Link");
            assert!(if has_link { is_subsequence(&got, &expected) } else { got == expected }, "{source:?}");
            assert_eq!(Rich::parse(&source), rich, "not deterministic: {source:?}");
        }
    }

    /// pulldown-cmark's own tree for a paragraph of emphasis and text only.
    fn commonmark_emphasis(source: &str) -> Vec<Inline> {
        let mut stack = vec![Vec::new()];
        for event in Parser::new_ext(source, Options::empty()) {
            match event {
                Event::Start(Tag::Emphasis | Tag::Strong) => stack.push(Vec::new()),
                Event::End(end @ (TagEnd::Emphasis | TagEnd::Strong)) => {
                    let content = stack.pop().unwrap();
                    let node = if end == TagEnd::Strong { strong(content) } else { emph(content) };
                    stack.last_mut().unwrap().push(node);
                }
                Event::Text(t) => append_text(stack.last_mut().unwrap(), |out| out.push_str(&t)),
                _ => {}
            }
        }
        stack.pop().unwrap()
    }

    #[test]
    fn emphasis_pairs_exactly_as_in_commonmark() {
        let pieces: Vec<&str> = "**__ *_ ab".split("").filter(|p| !p.is_empty()).collect();
        let mut random = Random(7);
        for _ in 0..FUZZ_ROUNDS {
            // Starting and ending with a letter, pulldown-cmark reads it as one plain paragraph.
            let source = format!("x{}y", random.text(&pieces));
            assert_eq!(parse(&source), commonmark_emphasis(&source), "{source:?}");
        }
    }

    #[test]
    fn fuzzed_text_without_markup_is_kept_whole() {
        let pieces: Vec<&str> = " aЖʻo1.,#-+!(){}@;&>".split("").filter(|p| !p.is_empty()).collect();
        let mut random = Random(42);
        for _ in 0..5_000 {
            let source = random.text(&pieces);
            let expected = if source.is_empty() { vec![] } else { vec![text(&source)] };
            assert_eq!(parse(&source), expected, "{source:?}");
        }
    }
}
