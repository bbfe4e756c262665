//! The locale registry: for a BCP 47 tag, one value with everything the outputs need to know
//! about its language — the fixed words, quotation marks, dates, digits and plural forms (from
//! CLDR), direction, the hyphenator, the typography of running text and the preferred fonts.
//! This is the only module that reads a language tag; compose asks it once per document.

mod cldr;
mod registry;
#[cfg(test)]
mod tests;
mod words;

use crate::model::{Calendar, OwnWords};
use crate::values::{LanguageTag, PartialDate};

pub use registry::{english_table, tables, Direction, Table};
pub use words::{Labels, Plural, Word, WORD_KEYS};

/// How words of a language are hyphenated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Hyphenator {
    /// Not at all (Arabic script, Chinese, a language we know no rules for).
    #[default]
    None,
    /// By the TeX patterns of the `hyphenation` crate.
    Patterns(hyphenation::Language),
    /// By our own syllable rules.
    Syllables(SyllableRules),
}

/// The languages `layout::syllables` has spelling rules for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyllableRules {
    Kyrgyz,
    /// Uzbek in either script: the word's own letters choose.
    Uzbek,
}

/// What running text in a language needs from the typographer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Typography {
    pub quotes: (&'static str, &'static str),
    /// Quotation marks inside a quotation (CLDR's alternate quotes).
    pub inner_quotes: (&'static str, &'static str),
    /// English elisions and possessives take the curly apostrophe.
    pub curl_apostrophes: bool,
    /// One-letter words that must not end a line.
    pub tie_one_letter_words: &'static [char],
    /// A typed space before one of these marks becomes the no-break space paired with it.
    pub space_before: &'static [(char, char)],
    /// A typed space after one of these marks becomes the no-break space paired with it.
    pub space_after: &'static [(char, char)],
    /// The space inside quotation marks made from straight quotes.
    pub quote_padding: Option<char>,
}

/// One document's language, resolved.
#[derive(Debug)]
pub struct Locale {
    pub tag: LanguageTag,
    pub labels: Labels,
    pub typography: Typography,
    pub direction: Direction,
    pub hyphenator: Hyphenator,
    /// Font families in the order they are tried.
    pub fonts: &'static [&'static str],
    cldr: cldr::Cldr,
    /// The same in the Gregorian calendar, when the language's own is another (Solar Hijri).
    gregorian: Option<cldr::Cldr>,
}

impl Locale {
    /// The locale of a document in `tag`, with the words its data gives (`labels:`, and
    /// `labels_fallback:` for the rest) and its calendar.
    pub fn new(
        tag: &LanguageTag,
        own: &OwnWords,
        fallback: Option<&LanguageTag>,
        calendar: Calendar,
    ) -> Locale {
        let found = registry::lookup(tag.as_str());
        let table = found.map(|(table, _)| table);
        let chain = chain(table, own, fallback);
        let cldr_calendar = match calendar {
            Calendar::Default => cldr::Calendar::Default,
            Calendar::Gregorian => cldr::Calendar::Gregorian,
        };
        let mut cldr_tag = registry::cldr_tag(tag.as_str(), found);
        let mut cldr = cldr::Cldr::new(&cldr_tag, cldr_calendar);
        // A language CLDR does not know either writes its dates as the English words around
        // them do, not in CLDR root's "2007 M06 18".
        if table.is_none() && !cldr.knows_language() {
            cldr_tag = registry::english().cldr.unwrap_or("en").to_string();
            cldr = cldr::Cldr::new(&cldr_tag, cldr_calendar);
        }
        let gregorian =
            (!cldr.calendar_is_gregorian()).then(|| cldr::Cldr::new(&cldr_tag, cldr::Calendar::Gregorian));
        Locale {
            tag: tag.clone(),
            labels: chain.labels(),
            typography: typography_in(tag, table),
            direction: table.map_or(Direction::LeftToRight, |t| t.direction),
            hyphenator: table.map_or(Hyphenator::None, hyphenator_of),
            fonts: table.map_or(registry::english().fonts, |t| t.fonts),
            cldr,
            gregorian,
        }
    }

    /// A date as a reader of this language writes it, at the date's own precision: CLDR's long
    /// date, its year and month (`yMMMM`), or the year alone. In a language whose calendar is
    /// not Gregorian (Persian and Dari: Solar Hijri), a full date is in that calendar with the
    /// Gregorian date in brackets, so that it can be checked against sources, which date by
    /// the Gregorian; a month or a year alone stays Gregorian (in the language's month names
    /// and digits), since it spans two months or years of the other calendar.
    pub fn date(&self, date: &PartialDate) -> String {
        let year = i32::from(date.year);
        let gregorian = self.gregorian.as_ref().unwrap_or(&self.cldr);
        match (date.month, date.day) {
            (Some(month), Some(day)) => match &self.gregorian {
                Some(gregorian) => format!(
                    "{} ({})",
                    self.cldr.long_date(year, month, day),
                    gregorian.long_date(year, month, day)
                ),
                None => self.cldr.long_date(year, month, day),
            },
            (Some(month), None) => gregorian.month_year(year, month),
            _ => gregorian.year(year),
        }
    }

    /// A count as this language writes it: "1,000" in English, "1 000" in Russian.
    pub fn number(&self, n: usize) -> String {
        self.cldr.number(n as u64)
    }

    /// The form of `phrase` for `n` by the language's plural rules, with `{count}` filled in.
    pub fn counted(&self, phrase: &Plural, n: usize, values: &[(&str, &str)]) -> String {
        let form = phrase.form(self.cldr.plural(n as u64).name());
        let count = self.number(n);
        let mut all = vec![("count", count.as_str())];
        all.extend_from_slice(values);
        fill(form, &all)
    }

    /// A title in this language's quotation marks.
    pub fn quoted(&self, title: &str) -> String {
        let (open, close) = self.typography.quotes;
        let pad = self.typography.quote_padding.map(String::from).unwrap_or_default();
        format!("{open}{pad}{title}{pad}{close}")
    }
}

/// Where a document's words come from: its data's `labels:`, then the language named by its
/// `labels_fallback:` when it names one (the file's own choice, over dossier's table for the
/// language), else the language's table, and English last.
fn chain<'a>(
    table: Option<&'static Table>,
    own: &'a OwnWords,
    fallback: Option<&LanguageTag>,
) -> words::Chain<'a> {
    let fallback = fallback.and_then(|fallback| {
        let found = registry::lookup(fallback.as_str()).map(|(t, _)| t)?;
        Some((found, fallback.clone()))
    });
    match fallback {
        // Falling back to the language itself is its own table.
        Some((found, _)) if table.is_some_and(|table| std::ptr::eq(table, found)) => {
            words::Chain { own, table, fallback: None }
        }
        Some(fallback) => words::Chain { own, table: None, fallback: Some(fallback) },
        None => words::Chain { own, table, fallback: None },
    }
}

/// The fixed words a document in `tag` prints in another language, and which language each
/// is in (its `labels_fallback:`, else English), for `check` to say once.
pub fn untranslated(
    tag: &LanguageTag,
    own: &OwnWords,
    fallback: Option<&LanguageTag>,
) -> Vec<(&'static str, LanguageTag)> {
    let chain = chain(registry::lookup(tag.as_str()).map(|(t, _)| t), own, fallback);
    chain.untranslated()
}

/// The typography of text in `tag` (a span or section in another language than its document).
pub fn typography(tag: &LanguageTag) -> Typography {
    typography_in(tag, registry::lookup(tag.as_str()).map(|(table, _)| table))
}

/// The quotation marks CLDR gives `tag` (outer and inner), whether or not dossier has a
/// table for it.
pub fn cldr_quotes(tag: &LanguageTag) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    registry::cldr_quotes(tag.as_str())
}

/// How words in `tag` are hyphenated.
pub fn hyphenator(tag: &LanguageTag) -> Hyphenator {
    registry::lookup(tag.as_str()).map_or(Hyphenator::None, |(table, _)| hyphenator_of(table))
}

/// Which way text in `tag` runs.
pub fn direction(tag: &LanguageTag) -> Direction {
    registry::lookup(tag.as_str()).map_or(Direction::LeftToRight, |(table, _)| table.direction)
}

/// The bundled table `tag` finds, if any (for messages and `dossier labels`).
pub fn table(tag: &LanguageTag) -> Option<&'static Table> {
    registry::lookup(tag.as_str()).map(|(table, _)| table)
}

/// A `labels:` block for a data file in `tag`, to translate: the words of the language's own
/// table when it has one (to change some), else English's.
pub fn labels_starter(tag: &LanguageTag) -> String {
    let own = table(tag);
    let source = own.unwrap_or_else(registry::english);
    let mut out = match own {
        Some(table) => format!(
            "# dossier has the fixed words of `{tag}` ({}); change those you want to, delete the rest.\n",
            table.name
        ),
        None => format!(
            "# The fixed words in English, to translate into `{tag}`: keep each {{placeholder}} as it is.\n\
             # Words you delete are printed in English, or in the language `labels_fallback:` names.\n"
        ),
    };
    out.push_str("labels:\n");
    let quoted = |text: &str| {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace('\u{a0}', "\\u00a0"))
    };
    for (key, text) in source.words {
        match text {
            registry::TableText::One(text) => out.push_str(&format!("  {key}: {}\n", quoted(text))),
            registry::TableText::Plural(forms) => {
                out.push_str(&format!("  {key}:\n"));
                for (category, text) in forms.iter() {
                    out.push_str(&format!("    {category}: {}\n", quoted(text)));
                }
            }
        }
    }
    out
}

/// English, the language every fixed word falls back to.
pub fn english() -> LanguageTag {
    LanguageTag::of_table(registry::english().tag)
}

/// The languages with a table of their own, as tags, for messages.
pub fn bundled_tags() -> String {
    tables().iter().map(|t| t.tag).collect::<Vec<_>>().join(", ")
}

/// A language's typography: its table's, or for a language without one CLDR's quotation
/// marks and no other rule.
fn typography_in(tag: &LanguageTag, table: Option<&'static Table>) -> Typography {
    match table {
        Some(table) => Typography {
            quotes: table.quotes,
            inner_quotes: table.inner_quotes,
            curl_apostrophes: table.curl_apostrophes,
            tie_one_letter_words: table.tie_one_letter_words,
            space_before: table.space_before,
            space_after: table.space_after,
            quote_padding: table.quote_padding,
        },
        None => {
            let (quotes, inner_quotes) = registry::cldr_quotes(tag.as_str());
            Typography {
                quotes,
                inner_quotes,
                curl_apostrophes: false,
                tie_one_letter_words: &[],
                space_before: &[],
                space_after: &[],
                quote_padding: None,
            }
        }
    }
}

fn hyphenator_of(table: &Table) -> Hyphenator {
    match table.hyphenation {
        registry::TableHyphenation::None => Hyphenator::None,
        registry::TableHyphenation::Patterns(code) => {
            hyphenation::Language::try_from_code(code).map_or(Hyphenator::None, Hyphenator::Patterns)
        }
        registry::TableHyphenation::Syllables(rules) => match rules {
            "ky" => Hyphenator::Syllables(SyllableRules::Kyrgyz),
            "uz" | "uz-Latn" | "uz-Cyrl" => Hyphenator::Syllables(SyllableRules::Uzbek),
            _ => Hyphenator::None,
        },
    }
}

/// Ends a sentence with a full stop unless it already ends with one (as "г." does).
pub fn full_stop(text: &str) -> String {
    if text.ends_with(['.', '!', '?', '…', '。', '؟']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// Replaces `{name}` placeholders in a label, in one pass over the label alone: a value is
/// copied as it is, so braces in the data (a name written `{kinds}`) are never filled in turn.
/// A placeholder without a value is kept as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|v| (close, v.1)));
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
