//! Uzbek in the Latin script (`uz-Latn`, and `uz` alone). Months, date patterns, quotation
//! marks and digit groups from CLDR 48 (checked against babel 2.19.0, whose data gives the
//! same values). Oʻ and gʻ are written with U+02BB, the tutuq belgisi (maʼlumot) with U+02BC.

use super::{Labels, Plural};

pub static UZBEK_LATIN: Labels = Labels {
    key_facts: "Asosiy faktlar",
    contents: "Mundarija",
    introduction: "Kirish",
    packet_members: "Ushbu toʻplamdagi tashkilotlar",
    timeline: "Xronologiya",
    sources: "Manbalar va litsenziya",
    title_page: "Titul varagʻi",
    cover: "Muqova",
    languages: "Tillar",
    country: "Mamlakat",
    headquarters: "Bosh ofis",
    owner: "Egasi",
    founder: "Asoschi",
    founders: "Asoschilar",
    editor: "Muharrir",
    editors: "Muharrirlar",
    people: "Shaxslar",
    website: "Veb-sayt",
    commercial: "Tijoriy",
    yes: "Ha",
    no: "Yoʻq",
    launched: "Ishga tushirilgan",
    page_of: "{m} sahifadan {n}-sahifa",
    data_as_of: "Maʼlumotlar {date} holatiga koʻra",
    text_from: "Matn: {sources}",
    // A noun after a numeral stays singular in Uzbek ("5 ta manbadan"); only "its licence" /
    // "their licences" change with the count.
    text_from_count: Plural {
        one: "Matn {count} ta manbadan uning litsenziyasi shartlariga muvofiq olingan; {section} boʻlimiga qarang",
        other: "Matn {count} ta manbadan ularning litsenziyalari shartlariga muvofiq olingan; {section} boʻlimiga qarang",
    },
    thousands: "\u{a0}",
    // CLDR plural rules for uz: one: n = 1; other: everything else.
    takes_one: |n| n == 1,
    accessed: "murojaat sanasi: {date}",
    licence: "Litsenziya",
    see_section: "“{section}” boʻlimiga qarang",
    prepared_by: "Tayyorlagan: {name}",
    contact: "Aloqa: {contact}",
    list_separator: ", ",
    separator: " · ",
    citation_separator: ",",
    source_marker: "{n}.",
    back_link: "^",
    back_link_label: "Matnga qaytish",
    quote: ("“", "”"),
    qr_alt: "{url} manziliga yoʻnaltiruvchi QR-kod",
    timeline_alt: "Asosiy voqealar xronologiyasi, {first}–{last}",
    made_with: "dossier yordamida yaratilgan",
    landmarks: "Moʻljallar",
    accessibility_summary: "Bu kitob sarlavhalar, navigatsiya qilinadigan mundarija va moʻljallarga ega, mantiqiy \
        oʻqish tartibidagi matndan iborat. Faktlar sarlavha kataklari bor maʼlumotlar jadvali koʻrinishida berilgan; \
        yagona tasvir — muqova — matnli tavsifga ega. Shriftlar, oʻlchamlar va ranglarni oʻquvchi oʻzgartirishi \
        mumkin. Xavf tugʻdiruvchi elementlar yoʻq.",
    cover_alt: "Muqova: {name}, {kinds}",
    months: [
        "yanvar",
        "fevral",
        "mart",
        "aprel",
        "may",
        "iyun",
        "iyul",
        "avgust",
        "sentabr",
        "oktabr",
        "noyabr",
        "dekabr",
    ],
    months_alone: [
        "Yanvar",
        "Fevral",
        "Mart",
        "Aprel",
        "May",
        "Iyun",
        "Iyul",
        "Avgust",
        "Sentabr",
        "Oktabr",
        "Noyabr",
        "Dekabr",
    ],
    // CLDR long date "d-MMMM, y"; yMMMM "MMMM, y".
    day_month_year: "{d}-{month}, {y}",
    month_year: "{month}, {y}",
};
