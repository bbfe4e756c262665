//! Kyrgyz (`ky`). Months, date patterns, quotation marks and digit groups from CLDR 48
//! (checked against babel 2.19.0, whose data gives the same values).

use super::{Labels, Plural};

pub static KYRGYZ: Labels = Labels {
    key_facts: "Негизги фактылар",
    contents: "Мазмуну",
    introduction: "Киришүү",
    packet_members: "Бул топтомдогу уюмдар",
    timeline: "Хронология",
    sources: "Булактар жана лицензия",
    title_page: "Титулдук бет",
    cover: "Мукаба",
    languages: "Тилдер",
    country: "Өлкө",
    headquarters: "Башкы кеңсе",
    owner: "Ээси",
    founder: "Негиздөөчү",
    founders: "Негиздөөчүлөр",
    editor: "Редактор",
    editors: "Редакторлор",
    people: "Адамдар",
    website: "Веб-сайт",
    commercial: "Коммерциялык",
    yes: "Ооба",
    no: "Жок",
    launched: "Ишке киргизилген",
    page_of: "{m} беттин {n}-бети",
    // The date takes no case ending here: "карата" would need the dative on the date itself.
    data_as_of: "Маалыматтар ушул датага карата: {date}",
    text_from: "Текст: {sources}",
    // A noun after a numeral stays singular in Kyrgyz ("5 булактан"); only "its licence" /
    // "their licences" change with the count.
    text_from_count: Plural {
        one: "Текст {count} булактан анын лицензиясынын шарттарына ылайык алынган; {section} бөлүмүн караңыз",
        other: "Текст {count} булактан алардын лицензияларынын шарттарына ылайык алынган; {section} бөлүмүн караңыз",
    },
    thousands: "\u{a0}",
    // CLDR plural rules for ky: one: n = 1; other: everything else.
    takes_one: |n| n == 1,
    accessed: "кайрылган күнү: {date}",
    licence: "Лицензия",
    see_section: "«{section}» бөлүмүн караңыз",
    prepared_by: "Даярдаган: {name}",
    contact: "Байланыш: {contact}",
    list_separator: ", ",
    separator: " · ",
    citation_separator: ",",
    source_marker: "{n}.",
    back_link: "^",
    back_link_label: "Текстке кайтуу",
    quote: ("«", "»"),
    qr_alt: "{url} шилтемеси бар QR-код",
    timeline_alt: "Негизги окуялардын хронологиясы, {first}–{last}",
    made_with: "dossier менен даярдалган",
    landmarks: "Ориентирлер",
    accessibility_summary: "Бул китеп аталыштары, навигациялык мазмуну жана ориентирлери бар, логикалык окуу \
        тартибиндеги тексттен турат. Фактылар аталыш уячалары бар маалыматтар таблицасы түрүндө берилген; жалгыз \
        сүрөттүн, мукабанын, тексттик сүрөттөмөсү бар. Окурман шрифттерди, өлчөмдөрдү жана түстөрдү өзгөртө алат. \
        Коркунуч туудурган элементтер жок.",
    cover_alt: "Мукаба: {name}, {kinds}",
    months: [
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
    months_alone: [
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ],
    // CLDR long date "y-'ж'., d-MMMM"; yMMMM "y-'ж'., MMMM".
    day_month_year: "{y}-ж., {d}-{month}",
    month_year: "{y}-ж., {month}",
};
