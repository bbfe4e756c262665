//! How one value is judged, wherever it stands: plain text (blank, control characters,
//! characters the fonts cannot draw), running text with markup, ids and dates. Each finding is a
//! diagnostic located at its field; which fields exist is `validate`'s business, not this one's.

use std::path::Path;

use super::FieldLines;
use crate::error::{shortened, Diagnostic};
use crate::fonts;
use crate::markup::Rich;
use crate::values::PartialDate;

/// Characters of running text quoted before and after the place of a markup problem (the place
/// is where the construct starts, so most of the quote follows it).
const EXCERPT_BEFORE: usize = 8;
const EXCERPT_AFTER: usize = 26;

pub struct Checker<'a> {
    path: &'a Path,
    lines: &'a FieldLines,
    today: PartialDate,
    pub found: Vec<Diagnostic>,
    /// Every citation met so far, as (field, source id), matched against the sources at the end.
    pub cited: Vec<(String, String)>,
}

impl<'a> Checker<'a> {
    pub fn new(path: &'a Path, lines: &'a FieldLines, today: PartialDate) -> Self {
        Checker { path, lines, today, found: Vec::new(), cited: Vec::new() }
    }

    fn located(&self, field: &str, message: String, hint: &str) -> Diagnostic {
        let mut diagnostic = Diagnostic::error(self.path, message).field(field);
        if let Some((line, column)) = self.lines.find(field) {
            diagnostic = diagnostic.at(line, column);
        }
        if hint.is_empty() {
            diagnostic
        } else {
            diagnostic.hint(hint)
        }
    }

    pub fn report(&mut self, field: &str, message: impl Into<String>, hint: &str) {
        let diagnostic = self.located(field, message.into(), hint);
        self.found.push(diagnostic);
    }

    pub fn warn(&mut self, field: &str, message: impl Into<String>, hint: &str) {
        let diagnostic = self.located(field, message.into(), hint).warning();
        self.found.push(diagnostic);
    }

    /// Required text: not blank, no control characters, nothing the fonts cannot draw.
    pub fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(field, "this text is empty", "write the text, or remove the entry");
            return;
        }
        self.characters(field, value);
    }

    pub fn optional_text(&mut self, field: &str, value: Option<&String>) {
        if let Some(value) = value {
            self.text(field, value);
        }
    }

    pub fn texts(&mut self, field: &str, values: &[String]) {
        for (i, value) in values.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), value);
        }
    }

    /// Required running text. Whether it says anything is judged on the words a reader sees
    /// (a citation alone is empty); characters on the text as written, markup included. Markup
    /// mistakes are reported with a quote of the place, and citations kept for `cited`.
    pub fn rich(&mut self, field: &str, value: &Rich) {
        if value.source.trim().is_empty() {
            self.report(field, "this text is empty", "write the text, or remove the entry");
            return;
        }
        if value.plain_text().trim().is_empty() {
            let hint = "a citation or markup alone shows nothing: write the words it belongs to";
            self.report(field, "this text is empty", hint);
        }
        self.characters(field, &value.source);
        for problem in &value.problems {
            let quoted = excerpt(&value.source, problem.offset);
            self.report(field, format!("{} in `{quoted}`", headline(&problem.message)), &problem.hint);
        }
        // Each id once per field: a paragraph citing one source a thousand times needs one check.
        let mut ids = value.citations();
        ids.sort_unstable();
        ids.dedup();
        self.cited.extend(ids.into_iter().map(|id| (field.to_string(), id.to_string())));
    }

    pub fn optional_rich(&mut self, field: &str, value: Option<&Rich>) {
        if let Some(value) = value {
            self.rich(field, value);
        }
    }

    /// No control characters (a line break aside) and nothing the fonts cannot draw.
    fn characters(&mut self, field: &str, value: &str) {
        if let Some(c) = value.chars().find(|c| c.is_control() && *c != '\n') {
            self.report(field, format!("control character U+{:04X} in the text", u32::from(c)), CONTROL_HINT);
        }
        match fonts::missing_characters(value) {
            Ok(missing) if !missing.is_empty() => {
                let listed: Vec<String> =
                    missing.iter().take(5).map(|c| format!("`{c}` (U+{:04X})", u32::from(*c))).collect();
                let hint = "Noto Sans draws Latin, Cyrillic and Greek: transliterate the text or leave these characters out";
                self.report(field, format!("the fonts cannot draw {}", listed.join(", ")), hint);
            }
            Ok(_) => {}
            Err(error) => self.report(field, error.to_string(), ""),
        }
    }

    /// A date must not lie in the future: the data records what has happened.
    pub fn past_date(&mut self, field: &str, date: &PartialDate) {
        let starts_after_today = (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
            > (self.today.year, self.today.month.unwrap_or(12), self.today.day.unwrap_or(31));
        if starts_after_today {
            self.report(
                field,
                format!("{date} lies in the future"),
                "check the year; the data records what has happened",
            );
        }
    }

    /// An id that links, file names and citations can use; `example` is shown in the hint.
    pub fn id(&mut self, field: &str, id: &str, example: &str) {
        if !is_usable_id(id) {
            let hint = format!("use {ID_FORM}, e.g. `{example}`");
            self.report(field, format!("`{}` is not a usable id", shortened(id)), &hint);
        }
    }
}

/// What to do about a control character, whether the parser or a check finds it.
pub const CONTROL_HINT: &str =
    "remove it: text holds letters, digits, punctuation and spaces (a tab becomes a space)";

/// What an id may hold, as hints say it.
pub const ID_FORM: &str = "up to 64 lower-case letters a-z, digits and `-`, starting with a letter";

pub fn is_usable_id(id: &str) -> bool {
    id.len() <= 64
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.starts_with(|c: char| c.is_ascii_lowercase())
}

/// A message as a diagnostic's headline, which starts in lower case like every other
/// ("This [ has no closing ]" -> "this [ has no closing ]"); names in capitals stay.
fn headline(message: &str) -> String {
    let first_word = message.split(' ').next().unwrap_or_default();
    let mut chars = first_word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    match message.chars().next() {
        Some(first) if capitalised => {
            first.to_lowercase().chain(message[first.len_utf8()..].chars()).collect()
        }
        _ => message.to_string(),
    }
}

/// A short quote of `source` around byte `offset`, safe on any offset: cut at character
/// boundaries, `…` where text is left out, line breaks and tabs as spaces, and characters a
/// terminal would act on or hide (controls, bidi marks) written as `<U+202E>`.
fn excerpt(source: &str, offset: usize) -> String {
    let mut at = offset.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let mut before: Vec<char> = source[..at].chars().rev().take(EXCERPT_BEFORE + 1).collect();
    let after: Vec<char> = source[at..].chars().take(EXCERPT_AFTER + 1).collect();
    let mut out = String::new();
    if before.len() > EXCERPT_BEFORE {
        // Cut: start on the word before the place rather than inside one ("…by [", not "…ived by [").
        before.truncate(EXCERPT_BEFORE);
        if let Some(space) = before.iter().rposition(|c| c.is_whitespace()) {
            before.truncate(space);
        }
        out.push('…');
    }
    let shown = before.iter().rev().chain(after.iter().take(EXCERPT_AFTER));
    for &c in shown {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || fonts::is_invisible(c) => {
                out.push_str(&format!("<U+{:04X}>", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    if after.len() > EXCERPT_AFTER {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::locate::{Place, Spot};

    fn checker(lines: &FieldLines) -> Checker<'_> {
        let today = PartialDate { year: 2026, month: Some(11), day: Some(24) };
        Checker::new(Path::new("x.yaml"), lines, today)
    }

    #[test]
    fn excerpts_are_short_cut_on_characters_and_show_no_controls() {
        assert_eq!(excerpt("short [text](x", 6), "short [text](x");
        let long = "Kloop was founded in 2007 by [journalists](https://x.org and more text follows";
        assert_eq!(excerpt(long, 29), "…by [journalists](https://x.or…");
        assert_eq!(excerpt("Kloop: Кыргызстан [x", 28), "…[x");
        // Offsets past the end or inside a character are moved to a boundary, not a panic.
        assert_eq!(excerpt("Клооп", 3), "Клооп");
        assert_eq!(excerpt("abc", 99), "abc");
        assert_eq!(excerpt("", 0), "");
        assert_eq!(excerpt("a\nb\u{7}c\u{202E}d", 0), "a b<U+0007>c<U+202E>d");
        assert!(excerpt(&"ж".repeat(100), 101).chars().count() <= EXCERPT_BEFORE + EXCERPT_AFTER + 2);
    }

    #[test]
    fn markup_problems_become_located_errors_with_a_quote() {
        let mut root = Spot::default();
        root.add_field("lead", Spot::at(Place { line: 1, column: 1 }));
        let lines = FieldLines::new(root);
        let mut checker = checker(&lines);
        checker.rich("lead", &Rich::parse("See [ruling](https://x.org"));
        let [found] = &checker.found[..] else { panic!("{:?}", checker.found) };
        assert_eq!(found.message, "this link's address has no closing ) in `See [ruling](https://x.org`");
        assert_eq!((found.field.as_deref(), found.line), (Some("lead"), Some(1)));
        assert_eq!(found.hint.as_deref(), Some("write [text](https://example.org/)"));
    }

    #[test]
    fn headlines_start_in_lower_case_unless_a_name_starts_them() {
        assert_eq!(headline("This [ has no closing ]"), "this [ has no closing ]");
        assert_eq!(headline("A link cannot contain another link"), "a link cannot contain another link");
        assert_eq!(headline("`kloop.kg` is not a web address"), "`kloop.kg` is not a web address");
        assert_eq!(headline("URL missing"), "URL missing");
        assert_eq!(headline("Ёлка"), "ёлка");
        assert_eq!(headline(""), "");
    }

    #[test]
    fn running_text_is_empty_by_what_shows_and_judged_by_what_is_written() {
        let lines = FieldLines::default();
        let mut checker = checker(&lines);
        checker.rich("p", &Rich::parse("[@a]"));
        assert_eq!(checker.found.len(), 1);
        assert_eq!(checker.found[0].message, "this text is empty");
        assert_eq!(checker.cited, [("p".to_string(), "a".to_string())]);
        checker.found.clear();
        let mut hidden = Rich::parse("text");
        hidden.source = "text\u{7}".into();
        checker.rich("p", &hidden);
        assert_eq!(checker.found[0].message, "control character U+0007 in the text");
    }

    #[test]
    fn ids_name_their_example() {
        let lines = FieldLines::default();
        let mut checker = checker(&lines);
        checker.id("sources[0].id", "RSF 2024", "rsf-2024");
        checker.id("sections[0].id", "history", "history");
        assert_eq!(checker.found.len(), 1);
        assert!(checker.found[0].hint.as_deref().is_some_and(|h| h.ends_with("e.g. `rsf-2024`")));
    }
}
