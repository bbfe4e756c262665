//! The fixed words of the outputs ("Key facts", "Page 1 of 2", month names), one table per
//! language. Layout and writers take every word they print from here, never from literals.

mod en;
mod ky;
mod ru;
#[cfg(test)]
mod tests_cldr;
mod uz_cyrl;
mod uz_latn;

use crate::values::{LanguageTag, PartialDate};

pub use en::ENGLISH;
pub use ky::KYRGYZ;
pub use ru::RUSSIAN;
pub use uz_cyrl::UZBEK_CYRILLIC;
pub use uz_latn::UZBEK_LATIN;

/// Every fixed word the outputs print, in one language.
#[derive(Debug)]
pub struct Labels {
    pub key_facts: &'static str,
    pub contents: &'static str,
    /// A packet's introduction, and the heading over its members' names on the cover.
    pub introduction: &'static str,
    pub packet_members: &'static str,
    pub timeline: &'static str,
    /// The sources' heading when a source's text is used under a licence ("Sources and
    /// licence"), and when none is ("Sources").
    pub sources: &'static str,
    pub sources_unlicensed: &'static str,
    pub title_page: &'static str,
    pub cover: &'static str,
    pub languages: &'static str,
    pub country: &'static str,
    pub headquarters: &'static str,
    pub owner: &'static str,
    pub founder: &'static str,
    pub founders: &'static str,
    pub editor: &'static str,
    pub editors: &'static str,
    /// The row of people given without a role.
    pub people: &'static str,
    pub website: &'static str,
    pub commercial: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub launched: &'static str,
    /// "Page {n} of {m}".
    pub page_of: &'static str,
    /// "Data as of {date}".
    pub data_as_of: &'static str,
    /// "Text: {sources}." for the licence line.
    pub text_from: &'static str,
    /// The licence line when the full one would be long: how many sources, and where to read
    /// them ("see “{section}”").
    pub text_from_count: Plural,
    /// Between groups of three digits of a number ("1,000").
    pub thousands: &'static str,
    /// Whether a count takes the `one` form of a phrase.
    pub takes_one: fn(usize) -> bool,
    pub accessed: &'static str,
    pub licence: &'static str,
    pub see_section: &'static str,
    /// "Prepared by {name}": the issuer, in the footer and the colophon.
    pub prepared_by: &'static str,
    /// "Contact: {contact}".
    pub contact: &'static str,
    /// Between the items of a list in running text ("News, investigations").
    pub list_separator: &'static str,
    /// Between the parts of the footer and of a source entry.
    pub separator: &'static str,
    /// Between the numbers of a group of citations ("1,2").
    pub citation_separator: &'static str,
    /// The number before a source in the list: "{n}.".
    pub source_marker: &'static str,
    /// The visible text of a link from a source back to its citation, and its accessible name.
    pub back_link: &'static str,
    pub back_link_label: &'static str,
    /// Quotation marks around a title: “Kloop” in English, «Kloop» in Russian.
    pub quote: (&'static str, &'static str),
    /// Quotation marks inside a quotation (CLDR's alternate quotes): ‘…’ in English, „…“ in
    /// Russian and Kyrgyz.
    pub inner_quote: (&'static str, &'static str),
    /// Alternative text of the QR code: "QR code linking to {url}".
    pub qr_alt: &'static str,
    /// Alternative text of the timeline graphic.
    pub timeline_alt: &'static str,
    pub made_with: &'static str,
    /// The landmarks navigation's name.
    pub landmarks: &'static str,
    /// What a reader needing accessibility learns before opening the book.
    pub accessibility_summary: &'static str,
    /// Alternative text of the cover: "Cover: {name}, {kinds}".
    pub cover_alt: &'static str,
    /// Month names inside a full date ("18 июня"): CLDR's format forms.
    pub months: [&'static str; 12],
    /// Month names standing alone ("Июнь"): CLDR's stand-alone forms.
    pub months_alone: [&'static str; 12],
    /// How a full date reads (CLDR's long date): `{d}`, `{month}`, `{y}` placeholders.
    pub day_month_year: &'static str,
    /// How a month of a year reads (CLDR's `yMMMM`): `{month}` (format form) or
    /// `{month_alone}` (stand-alone form) and `{y}`.
    pub month_year: &'static str,
}

/// A phrase with a count in it, in the forms a language needs: `one` for 1 in English, for 1,
/// 21, 31… in Russian; `other` for the rest.
#[derive(Debug)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

impl Labels {
    /// The table for a language; languages without their own table yet use English.
    pub fn for_language(language: &LanguageTag) -> &'static Labels {
        Labels::known(language).unwrap_or(&ENGLISH)
    }

    /// The language's own table, looked up by the full tag: Uzbek in Cyrillic script has its
    /// own (`uz-Cyrl`); `uz` alone is written in Latin script.
    pub fn known(language: &LanguageTag) -> Option<&'static Labels> {
        let cyrillic = language.as_str().split(['-', '_']).skip(1).any(|s| s.eq_ignore_ascii_case("Cyrl"));
        match language.primary().as_str() {
            "en" => Some(&ENGLISH),
            "ru" => Some(&RUSSIAN),
            "ky" => Some(&KYRGYZ),
            "uz" if cyrillic => Some(&UZBEK_CYRILLIC),
            "uz" => Some(&UZBEK_LATIN),
            _ => None,
        }
    }

    /// The languages with a table of their own, as tags, for messages.
    pub const LANGUAGES: &'static str = "en, ru, ky, uz-Latn (also written uz), uz-Cyrl";

    /// A date as a reader of this language writes it, at the date's own precision.
    pub fn date(&self, date: &PartialDate) -> String {
        let index = date.month.map(|m| usize::from(m).wrapping_sub(1));
        let month = index.and_then(|i| self.months.get(i));
        let month_alone = index.and_then(|i| self.months_alone.get(i));
        match (month, month_alone, date.day) {
            (Some(month), _, Some(day)) => fill(
                self.day_month_year,
                &[("d", &day.to_string()), ("month", month), ("y", &date.year.to_string())],
            ),
            (Some(month), Some(alone), None) => fill(
                self.month_year,
                &[("month", month), ("month_alone", alone), ("y", &date.year.to_string())],
            ),
            _ => date.year.to_string(),
        }
    }
}

impl Labels {
    /// A count as this language writes it: "1,000" in English, "1 000" in Russian.
    pub fn number(&self, n: usize) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() * 2);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(self.thousands);
            }
            out.push(digit);
        }
        out
    }

    /// The form of `phrase` for `n`, with `{count}` filled in.
    pub fn counted(&self, phrase: &Plural, n: usize, values: &[(&str, &str)]) -> String {
        let form = if (self.takes_one)(n) { phrase.one } else { phrase.other };
        let count = self.number(n);
        let mut all = vec![("count", count.as_str())];
        all.extend_from_slice(values);
        fill(form, &all)
    }

    /// A title in this language's quotation marks.
    pub fn quoted(&self, title: &str) -> String {
        format!("{}{title}{}", self.quote.0, self.quote.1)
    }
}

/// Ends a sentence with a full stop unless it already ends with one (as "г." does).
pub fn full_stop(text: &str) -> String {
    if text.ends_with(['.', '!', '?', '…']) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_at_each_precision() {
        let en = &ENGLISH;
        let date = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(en.date(&date("2007-06-18")), "18 June 2007");
        assert_eq!(en.date(&date("2010-02")), "February 2010");
        assert_eq!(en.date(&date("2017")), "2017");
        assert_eq!(RUSSIAN.date(&date("2007-06-18")), "18 июня 2007 г.");
    }

    #[test]
    fn placeholders_in_the_values_stay_as_written() {
        let filled = fill(ENGLISH.cover_alt, &[("name", "{kinds} {name}"), ("kinds", "{name}")]);
        assert_eq!(filled, "Cover: {kinds} {name}, {name}");
        assert_eq!(fill("{a}{b}{a} {c} {", &[("a", "1"), ("b", "{a}")]), "1{a}1 {c} {");
    }

    #[test]
    fn counts_take_their_language_s_digit_groups_and_plural_forms() {
        assert_eq!(ENGLISH.number(1_000), "1,000");
        assert_eq!(ENGLISH.number(999), "999");
        assert_eq!(ENGLISH.number(1_234_567), "1,234,567");
        assert_eq!(RUSSIAN.number(12_000), "12\u{a0}000");
        let see = [("section", "“Sources”")];
        assert_eq!(
            ENGLISH.counted(&ENGLISH.text_from_count, 1_000, &see),
            "Text from 1,000 sources under their licences; see “Sources”"
        );
        assert!(ENGLISH.counted(&ENGLISH.text_from_count, 1, &see).starts_with("Text from 1 source under"));
        for (n, word) in [(1, "источника"), (21, "источника"), (11, "источников"), (3, "источников")]
        {
            let line = RUSSIAN.counted(&RUSSIAN.text_from_count, n, &see);
            assert!(line.contains(&format!("{n} {word} ")), "{line}");
        }
    }

    #[test]
    fn unknown_languages_fall_back_to_english_and_uzbek_is_found_by_its_script() {
        let tag = |t: &str| t.parse::<LanguageTag>().unwrap();
        assert_eq!(Labels::for_language(&tag("de")).key_facts, "Key facts");
        assert!(Labels::known(&tag("de")).is_none());
        assert!(std::ptr::eq(Labels::for_language(&tag("uz")), &UZBEK_LATIN));
        assert!(std::ptr::eq(Labels::for_language(&tag("uz-Latn")), &UZBEK_LATIN));
        assert!(std::ptr::eq(Labels::for_language(&tag("uz-Cyrl")), &UZBEK_CYRILLIC));
        assert!(std::ptr::eq(Labels::for_language(&tag("ky-KG")), &KYRGYZ));
    }

    #[test]
    fn a_month_of_a_year_takes_the_form_cldr_gives_it() {
        let date = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(RUSSIAN.date(&date("2007-06")), "июнь 2007 г.");
        assert_eq!(KYRGYZ.date(&date("2010-02")), "2010-ж., февраль");
        assert_eq!(KYRGYZ.date(&date("2007-06-18")), "2007-ж., 18-июнь");
        assert_eq!(UZBEK_LATIN.date(&date("2010-02")), "fevral, 2010");
        assert_eq!(UZBEK_LATIN.date(&date("2007-06-18")), "18-iyun, 2007");
    }
}
