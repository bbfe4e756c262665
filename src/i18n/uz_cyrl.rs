//! Uzbek in the Cyrillic script (`uz-Cyrl`): the Latin table written letter for letter in
//! Cyrillic (ў қ ғ ҳ, ъ for the tutuq belgisi). Months, date patterns, quotation marks and
//! digit groups from CLDR 48 (checked against babel 2.19.0, whose data gives the same values).

use super::{Labels, Plural};

pub static UZBEK_CYRILLIC: Labels = Labels {
    key_facts: "Асосий фактлар",
    contents: "Мундарижа",
    introduction: "Кириш",
    packet_members: "Ушбу тўпламдаги ташкилотлар",
    timeline: "Хронология",
    sources: "Манбалар ва лицензия",
    sources_unlicensed: "Манбалар",
    title_page: "Титул варағи",
    cover: "Муқова",
    languages: "Тиллар",
    country: "Мамлакат",
    headquarters: "Бош офис",
    owner: "Эгаси",
    founder: "Асосчи",
    founders: "Асосчилар",
    editor: "Муҳаррир",
    editors: "Муҳаррирлар",
    people: "Шахслар",
    website: "Веб-сайт",
    commercial: "Тижорий",
    yes: "Ҳа",
    no: "Йўқ",
    launched: "Ишга туширилган",
    page_of: "{m} саҳифадан {n}-саҳифа",
    data_as_of: "Маълумотлар {date} ҳолатига кўра",
    text_from: "Матн: {sources}",
    // A noun after a numeral stays singular in Uzbek ("5 та манбадан"); only "its licence" /
    // "their licences" change with the count.
    text_from_count: Plural {
        one: "Матн {count} та манбадан унинг лицензияси шартларига мувофиқ олинган; {section} бўлимига қаранг",
        other: "Матн {count} та манбадан уларнинг лицензиялари шартларига мувофиқ олинган; {section} бўлимига қаранг",
    },
    thousands: "\u{a0}",
    // CLDR plural rules for uz: one: n = 1; other: everything else.
    takes_one: |n| n == 1,
    accessed: "мурожаат санаси: {date}",
    licence: "Лицензия",
    see_section: "“{section}” бўлимига қаранг",
    prepared_by: "Тайёрлаган: {name}",
    contact: "Алоқа: {contact}",
    list_separator: ", ",
    separator: " · ",
    citation_separator: ",",
    source_marker: "{n}.",
    back_link: "^",
    back_link_label: "Матнга қайтиш",
    quote: ("“", "”"),
    inner_quote: ("‘", "’"),
    qr_alt: "{url} манзилига йўналтирувчи QR-код",
    timeline_alt: "Асосий воқеалар хронологияси, {first}–{last}",
    made_with: "dossier ёрдамида яратилган",
    landmarks: "Мўлжаллар",
    accessibility_summary: "Бу китоб сарлавҳалар, навигация қилинадиган мундарижа ва мўлжалларга эга, мантиқий \
        ўқиш тартибидаги матндан иборат. Фактлар сарлавҳа катаклари бор маълумотлар жадвали кўринишида берилган; \
        ягона тасвир — муқова — матнли тавсифга эга. Шрифтлар, ўлчамлар ва рангларни ўқувчи ўзгартириши \
        мумкин. Хавф туғдирувчи элементлар йўқ.",
    cover_alt: "Муқова: {name}, {kinds}",
    months: MONTHS,
    months_alone: MONTHS,
    // CLDR long date "d MMMM, y" (no hyphen in uz-Cyrl, unlike uz-Latn); yMMMM "MMMM, y".
    day_month_year: "{d} {month}, {y}",
    month_year: "{month}, {y}",
};

/// CLDR's month names of uz-Cyrl, the same (lower-case) in both contexts.
const MONTHS: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "май",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];
