//! The fixed words of the outputs ("Key facts", "Page 1 of 2", month names), one table per
//! language. Layout and writers take every word they print from here, never from literals.

use crate::values::{LanguageTag, PartialDate};

/// Every fixed word the outputs print, in one language.
#[derive(Debug)]
pub struct Labels {
    pub key_facts: &'static str,
    pub contents: &'static str,
    /// A packet's introduction, and the heading over its members' names on the cover.
    pub introduction: &'static str,
    pub packet_members: &'static str,
    pub timeline: &'static str,
    pub sources: &'static str,
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
    /// Month names inside a full date ("18 июня").
    pub months: [&'static str; 12],
    /// Month names standing alone with a year ("июнь 2007").
    pub months_alone: [&'static str; 12],
    /// How a full date reads: `{d}`, `{month}`, `{y}` placeholders.
    pub day_month_year: &'static str,
    pub month_year: &'static str,
}

/// A phrase with a count in it, in the forms a language needs: `one` for 1 in English, for 1,
/// 21, 31… in Russian; `other` for the rest.
#[derive(Debug)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

/// English month names read the same inside a date and alone.
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub static ENGLISH: Labels = Labels {
    key_facts: "Key facts",
    contents: "Contents",
    introduction: "Introduction",
    packet_members: "Organisations in this briefing",
    timeline: "Timeline",
    sources: "Sources and licence",
    title_page: "Title page",
    cover: "Cover",
    languages: "Languages",
    country: "Country",
    headquarters: "Headquarters",
    owner: "Owner",
    founder: "Founder",
    founders: "Founders",
    editor: "Editor",
    editors: "Editors",
    people: "People",
    website: "Website",
    commercial: "Commercial",
    yes: "Yes",
    no: "No",
    launched: "Launched",
    page_of: "Page {n} of {m}",
    data_as_of: "Data as of {date}",
    text_from: "Text: {sources}",
    text_from_count: Plural {
        one: "Text from {count} source under its licence; see {section}",
        other: "Text from {count} sources under their licences; see {section}",
    },
    thousands: ",",
    takes_one: |n| n == 1,
    accessed: "accessed {date}",
    licence: "Licence",
    see_section: "See “{section}”",
    prepared_by: "Prepared by {name}",
    contact: "Contact: {contact}",
    list_separator: ", ",
    separator: " · ",
    citation_separator: ",",
    source_marker: "{n}.",
    back_link: "^",
    back_link_label: "Back to the text",
    quote: ("“", "”"),
    qr_alt: "QR code linking to {url}",
    timeline_alt: "Timeline of key events, {first} to {last}",
    made_with: "Made with dossier",
    landmarks: "Landmarks",
    accessibility_summary: "This book is text with headings, a navigable table of contents and landmarks, \
        and a logical reading order. Its facts are a data table with header cells; its one image, the cover, \
        has a text alternative. Fonts, sizes and colours can be changed by the reader. No hazards.",
    cover_alt: "Cover: {name}, {kinds}",
    months: ENGLISH_MONTHS,
    months_alone: ENGLISH_MONTHS,
    day_month_year: "{d} {month} {y}",
    month_year: "{month} {y}",
};

pub static RUSSIAN: Labels = Labels {
    key_facts: "Основные факты",
    contents: "Содержание",
    introduction: "Введение",
    packet_members: "Организации в этой подборке",
    timeline: "Хронология",
    sources: "Источники и лицензия",
    title_page: "Титульная страница",
    cover: "Обложка",
    languages: "Языки",
    country: "Страна",
    headquarters: "Штаб-квартира",
    owner: "Владелец",
    founder: "Основатель",
    founders: "Основатели",
    editor: "Редактор",
    editors: "Редакторы",
    people: "Люди",
    website: "Сайт",
    commercial: "Коммерческое",
    yes: "Да",
    no: "Нет",
    launched: "Запуск",
    page_of: "Страница {n} из {m}",
    data_as_of: "Данные на {date}",
    text_from: "Текст: {sources}",
    // "из" takes the genitive: "из 1 источника", "из 21 источника", "из 5 источников".
    text_from_count: Plural {
        one: "Текст из {count} источника на условиях лицензий; см. {section}",
        other: "Текст из {count} источников на условиях их лицензий; см. {section}",
    },
    thousands: "\u{a0}",
    takes_one: |n| n % 10 == 1 && n % 100 != 11,
    accessed: "дата обращения {date}",
    licence: "Лицензия",
    see_section: "См. «{section}»",
    prepared_by: "Подготовлено: {name}",
    contact: "Контакты: {contact}",
    list_separator: ", ",
    separator: " · ",
    citation_separator: ",",
    source_marker: "{n}.",
    back_link: "^",
    back_link_label: "Назад к тексту",
    quote: ("«", "»"),
    qr_alt: "QR-код со ссылкой на {url}",
    timeline_alt: "Хронология ключевых событий, {first}–{last}",
    made_with: "Сделано в dossier",
    landmarks: "Ориентиры",
    accessibility_summary: "Книга состоит из текста с заголовками, оглавлением и ориентирами для навигации \
        и логичным порядком чтения. Факты даны таблицей с заголовками строк; единственное изображение, \
        обложка, имеет текстовое описание. Шрифт, размер и цвета может менять читатель. Опасного содержания нет.",
    cover_alt: "Обложка: {name}, {kinds}",
    months_alone: [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    months: [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    day_month_year: "{d} {month} {y} г.",
    month_year: "{month} {y} г.",
};

impl Labels {
    /// The table for a language; languages without their own table yet use English.
    pub fn for_language(language: &LanguageTag) -> &'static Labels {
        match language.primary().as_str() {
            "ru" => &RUSSIAN,
            _ => &ENGLISH,
        }
    }

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
            (_, Some(month), None) => {
                fill(self.month_year, &[("month", month), ("y", &date.year.to_string())])
            }
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
    fn unknown_languages_fall_back_to_english() {
        let tag: LanguageTag = "uz-Latn".parse().unwrap();
        assert_eq!(Labels::for_language(&tag).key_facts, "Key facts");
    }
}
