//! Checks of the ky / uz-Latn / uz-Cyrl tables against cldr.json (no network).
use super::ky::KYRGYZ;
use super::uz_cyrl::UZBEK_CYRILLIC;
use super::uz_latn::UZBEK_LATIN;
use super::*;
use crate::values::PartialDate;

fn cldr() -> serde_json::Value {
    serde_json::from_str(include_str!("../../tests/fixtures/languages/cldr.json")).unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

const TABLES: [(&str, &Labels); 3] =
    [("ky", &KYRGYZ), ("uz-Latn", &UZBEK_LATIN), ("uz-Cyrl", &UZBEK_CYRILLIC)];

#[test]
fn tables_follow_cldr() {
    let cldr = cldr();
    for (tag, table) in TABLES {
        let c = &cldr[tag];
        assert_eq!(table.months.to_vec(), strings(&c["months_format"]), "{tag} months");
        assert_eq!(table.months_alone.to_vec(), strings(&c["months_stand_alone"]), "{tag} months_alone");
        let q = strings(&c["quotes"]);
        assert_eq!((table.quote.0, table.quote.1), (q[0].as_str(), q[1].as_str()), "{tag} quotes");
        assert_eq!(table.thousands, c["group"].as_str().unwrap(), "{tag} group");
        assert_eq!(table.day_month_year, c["table_day_month_year"].as_str().unwrap(), "{tag}");
        assert_eq!(table.month_year, c["table_month_year"].as_str().unwrap(), "{tag}");
        // The templates are the CLDR patterns with the fields replaced.
        let from_pattern = |p: &str| {
            p.replace("'ж'", "ж").replace("MMMM", "{month}").replace('d', "{d}").replace('y', "{y}")
        };
        assert_eq!(table.day_month_year, from_pattern(c["date_long"].as_str().unwrap()), "{tag}");
        assert_eq!(table.month_year, from_pattern(c["yMMMM"].as_str().unwrap()), "{tag}");
        for n in [0, 1, 2, 5, 11, 21, 101, 1000] {
            assert_eq!((table.takes_one)(n), n == 1, "{tag} {n}");
        }
    }
}

#[test]
fn placeholders_are_kept() {
    for (tag, t) in TABLES {
        for (label, needs) in [
            (t.page_of, &["{n}", "{m}"][..]),
            (t.data_as_of, &["{date}"]),
            (t.text_from, &["{sources}"]),
            (t.text_from_count.one, &["{count}", "{section}"]),
            (t.text_from_count.other, &["{count}", "{section}"]),
            (t.accessed, &["{date}"]),
            (t.see_section, &["{section}"]),
            (t.prepared_by, &["{name}"]),
            (t.contact, &["{contact}"]),
            (t.source_marker, &["{n}"]),
            (t.qr_alt, &["{url}"]),
            (t.timeline_alt, &["{first}", "{last}"]),
            (t.cover_alt, &["{name}", "{kinds}"]),
        ] {
            for p in needs {
                assert!(label.contains(p), "{tag}: {label} lacks {p}");
            }
        }
    }
}

#[test]
fn uzbek_latin_uses_the_modifier_letters() {
    let t = &UZBEK_LATIN;
    let all =
        [t.packet_members, t.no, t.data_as_of, t.see_section, t.accessibility_summary, t.landmarks, t.qr_alt];
    for s in all {
        assert!(!s.contains(['\'', '‘', '’', '`']), "{s}");
    }
    assert!(t.no.contains('\u{2bb}'));
    assert!(t.data_as_of.contains('\u{2bc}'));
}

#[test]
fn renders() {
    let date = |s: &str| s.parse::<PartialDate>().unwrap();
    let see = [("section", "“X”")];
    for (tag, t) in TABLES {
        println!(
            "{tag}: {} | {} | {} | {} | {} | {}",
            t.date(&date("2007-06-18")),
            t.date(&date("2010-02")),
            t.number(1_234_567).replace('\u{a0}', "␣"),
            fill(t.data_as_of, &[("date", &t.date(&date("2007-06-18")))]),
            full_stop(&t.counted(&t.text_from_count, 1, &see)),
            t.counted(&t.text_from_count, 21, &see),
        );
    }
    assert_eq!(KYRGYZ.date(&date("2007-06-18")), "2007-ж., 18-июнь");
    assert_eq!(UZBEK_LATIN.date(&date("2007-06-18")), "18-iyun, 2007");
    assert_eq!(UZBEK_CYRILLIC.date(&date("2007-06-18")), "18 июн, 2007");
    assert_eq!(UZBEK_LATIN.number(12_000), "12\u{a0}000");
}
