//! The registry's promises: the five languages of the first editions read as they did (their
//! CLDR values in tests/fixtures/languages/cldr.json), counts and plural forms, Solar Hijri dates
//! with the Gregorian beside them, and the tables' own checks.

use super::*;
use crate::model::{Calendar, OwnText, OwnWords};
use crate::values::PartialDate;

fn locale(tag: &str) -> Locale {
    Locale::new(&tag.parse().expect("a tag"), &OwnWords::default(), None, Calendar::Default)
}

fn date(text: &str) -> PartialDate {
    text.parse().expect("a date")
}

fn cldr() -> serde_json::Value {
    serde_json::from_str(include_str!("../../tests/fixtures/languages/cldr.json")).expect("cldr.json")
}

#[test]
fn dates_read_as_the_first_editions_printed_them() {
    let en = locale("en");
    assert_eq!(en.date(&date("2007-06-18")), "18 June 2007");
    assert_eq!(en.date(&date("2010-02")), "February 2010");
    assert_eq!(en.date(&date("2017")), "2017");
    assert_eq!(locale("en-US").date(&date("2007-06-18")), "June 18, 2007");
    // CLDR 49 sets a narrow no-break space before "г." (CLDR 48 had a space).
    assert_eq!(locale("ru").date(&date("2007-06-18")), "18 июня 2007\u{202f}г.");
    assert_eq!(locale("ru").date(&date("2007-06")), "июнь 2007\u{202f}г.");
    assert_eq!(locale("ky").date(&date("2010-02")), "2010-ж., февраль");
    assert_eq!(locale("ky").date(&date("2007-06-18")), "2007-ж., 18-июнь");
    assert_eq!(locale("ky-KG").date(&date("2017")), "2017");
    assert_eq!(locale("uz").date(&date("2010-02")), "fevral, 2010");
    assert_eq!(locale("uz-Latn").date(&date("2007-06-18")), "18-iyun, 2007");
    assert_eq!(locale("uz-Cyrl").date(&date("2007-06-18")), "18 июн, 2007");
}

#[test]
fn month_names_are_cldr_s_in_both_forms() {
    let cldr = cldr();
    for tag in ["ky", "uz-Latn", "uz-Cyrl"] {
        let values = &cldr[tag];
        let names = |key: &str| -> Vec<String> {
            values[key]
                .as_array()
                .expect("names")
                .iter()
                .filter_map(|n| n.as_str().map(String::from))
                .collect()
        };
        let (format, alone) = (names("months_format"), names("months_stand_alone"));
        let month_year_alone =
            values["table_month_year"].as_str().unwrap_or_default().contains("month_alone");
        let locale = locale(tag);
        for (month, (format, alone)) in (1u8..).zip(format.iter().zip(&alone)) {
            let full = locale.date(&PartialDate { year: 2007, month: Some(month), day: Some(18) });
            assert!(full.contains(format.as_str()), "{tag}: {full} lacks {format}");
            let month_year = locale.date(&PartialDate { year: 2010, month: Some(month), day: None });
            let wanted = if month_year_alone { alone } else { format };
            assert!(month_year.contains(wanted.as_str()), "{tag}: {month_year} lacks {wanted}");
        }
        assert_eq!(locale.number(12_000), format!("12{}000", values["group"].as_str().unwrap_or_default()));
    }
}

#[test]
fn counts_take_their_language_s_digit_groups_and_plural_forms() {
    let (en, ru) = (locale("en"), locale("ru"));
    assert_eq!(en.number(1_000), "1,000");
    assert_eq!(en.number(1_234_567), "1,234,567");
    assert_eq!(ru.number(12_000), "12\u{a0}000");
    let see = [("section", "“Sources”")];
    assert_eq!(
        en.counted(&en.labels.text_from_count, 1_000, &see),
        "Text from 1,000 sources under their licences; see “Sources”"
    );
    assert!(en.counted(&en.labels.text_from_count, 1, &see).starts_with("Text from 1 source under"));
    for (n, word) in [(1, "источника"), (21, "источника"), (11, "источников"), (3, "источников")]
    {
        let line = ru.counted(&ru.labels.text_from_count, n, &see);
        assert!(line.contains(&format!("{n} {word} ")), "{line}");
    }
    // Ukrainian has CLDR's few and many forms; a form a phrase leaves out is its `other`.
    let uk = locale("uk");
    let forms = ["one", "few", "many", "other"].map(|c| (c.to_string(), format!("{c} {{count}}")));
    let phrase = Plural { forms: forms.to_vec(), lang: None };
    let counted: Vec<String> = [1, 2, 5, 21, 22, 11].map(|n| uk.counted(&phrase, n, &[])).to_vec();
    assert_eq!(counted, ["one 1", "few 2", "many 5", "one 21", "few 22", "many 11"]);
    let only_other = Plural { forms: vec![("other".into(), "{count} x".into())], lang: None };
    assert_eq!(uk.counted(&only_other, 2, &[]), "2 x");
}

#[test]
fn persian_and_dari_dates_are_solar_hijri_with_the_gregorian_beside_them() {
    assert_eq!(locale("fa").date(&date("2007-06-18")), "۲۸ خرداد ۱۳۸۶ (۱۸ ژوئن ۲۰۰۷)");
    let dari = locale("prs").date(&date("2007-06-18"));
    assert!(dari.starts_with("۲۸ جوزا ۱۳۸۶"), "{dari}");
    // A month or a year alone stays Gregorian, in the language's names and digits.
    assert_eq!(locale("fa").date(&date("2017")), "۲۰۱۷");
    let gregorian =
        Locale::new(&"fa".parse().expect("a tag"), &OwnWords::default(), None, Calendar::Gregorian);
    assert_eq!(gregorian.date(&date("2007-06-18")), "۱۸ ژوئن ۲۰۰۷");
}

#[test]
fn the_file_s_words_come_first_then_its_fallback_then_english() {
    let own = OwnWords(vec![("key_facts".into(), OwnText::One("Асосӣ".into()))]);
    let tajik = |fallback: Option<&str>| {
        let fallback: Option<LanguageTag> = fallback.map(|f| f.parse().expect("a tag"));
        Locale::new(&"tg".parse().expect("a tag"), &own, fallback.as_ref(), Calendar::Default)
    };
    let with_russian = tajik(Some("ru"));
    assert_eq!(with_russian.labels.key_facts, Word::own("Асосӣ"));
    assert_eq!(with_russian.labels.timeline.text, "Хронология");
    assert_eq!(with_russian.labels.timeline.lang.as_ref().map(LanguageTag::as_str), Some("ru"));
    // Without a fallback the language's own table serves, untagged.
    assert_eq!(tajik(None).labels.timeline.lang, None);
    // A language without a table: English words, tagged English.
    let german = locale("de");
    assert_eq!(german.labels.key_facts.text, "Key facts");
    assert_eq!(german.labels.key_facts.lang, Some(english()));
    assert_eq!(
        untranslated(&"de".parse().expect("a tag"), &OwnWords::default(), None).len(),
        WORD_KEYS.len()
    );
}

#[test]
fn placeholders_in_the_values_stay_as_written() {
    let filled = fill("Cover: {name}, {kinds}", &[("name", "{kinds} {name}"), ("kinds", "{name}")]);
    assert_eq!(filled, "Cover: {kinds} {name}, {name}");
    assert_eq!(fill("{a}{b}{a} {c} {", &[("a", "1"), ("b", "{a}")]), "1{a}1 {c} {");
}

#[test]
fn uzbek_latin_writes_its_modifier_letters() {
    let table = table(&"uz".parse().expect("a tag")).expect("the Uzbek table");
    for key in ["packet_members", "no", "data_as_of", "see_section", "accessibility_summary", "qr_alt"] {
        let text = table.text(key).expect("a word");
        assert!(!text.contains(['\'', '‘', '’', '`']), "{key}: {text}");
    }
    assert!(table.text("no").is_some_and(|t| t.contains('\u{2bb}')));
    assert!(table.text("data_as_of").is_some_and(|t| t.contains('\u{2bc}')));
}

#[test]
fn hyphenators_and_directions_come_from_the_tables() {
    let tag = |t: &str| t.parse::<LanguageTag>().expect("a tag");
    assert!(matches!(hyphenator(&tag("ru")), Hyphenator::Patterns(_)));
    assert!(matches!(hyphenator(&tag("fr")), Hyphenator::Patterns(_)));
    assert_eq!(hyphenator(&tag("ky")), Hyphenator::Syllables(SyllableRules::Kyrgyz));
    assert_eq!(hyphenator(&tag("uz-Cyrl")), Hyphenator::Syllables(SyllableRules::Uzbek));
    assert_eq!(hyphenator(&tag("fa")), Hyphenator::None);
    assert_eq!(hyphenator(&tag("de")), Hyphenator::None);
    assert_eq!(direction(&tag("prs")), Direction::RightToLeft);
    assert_eq!(direction(&tag("ar-EG")), Direction::RightToLeft);
    assert_eq!(direction(&tag("ky")), Direction::LeftToRight);
}

#[test]
fn a_language_cldr_does_not_know_writes_dates_in_english_not_in_root_s_form() {
    assert_eq!(locale("xq").date(&date("2007-06-18")), "18 June 2007");
    assert_eq!(locale("xq").date(&date("2010-02")), "February 2010");
    // One CLDR knows keeps its own, with or without a table.
    assert_eq!(locale("de").date(&date("2007-06-18")), "18. Juni 2007");
}
