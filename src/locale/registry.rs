//! The bundled tables (compiled from `tables/*.yaml` by build.rs) and the one place that reads a
//! language tag: BCP 47 lookup with its fallback (`uz-Cyrl-UZ` -> `uz-Cyrl` -> `uz`) and the
//! tables' aliases (`prs` is `fa-AF`, `uz` is `uz-Latn`).

/// Which way a language's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

/// How a table says its language is hyphenated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TableHyphenation {
    None,
    /// TeX patterns of the `hyphenation` crate, by its language code.
    Patterns(&'static str),
    /// Our own syllable rules (`layout::syllables`), by name.
    Syllables(&'static str),
}

/// A word's text, or a phrase's forms by CLDR plural category.
#[derive(Debug, Clone, Copy)]
pub(super) enum TableText {
    One(&'static str),
    Plural(&'static [(&'static str, &'static str)]),
}

/// One bundled language.
#[derive(Debug)]
pub struct Table {
    pub tag: &'static str,
    pub aliases: &'static [&'static str],
    /// The language's English name and its own.
    pub name: &'static str,
    pub native_name: &'static str,
    /// Whether a native speaker has reviewed the words (`done`, `wanted`).
    pub review: &'static str,
    pub direction: Direction,
    /// The script its words are written in (ISO 15924: `Cyrl`, `Arab`, `Hant`).
    pub script: &'static str,
    /// The tag CLDR is asked with when the table's own is not the one (`en` asks `en-001`).
    pub(super) cldr: Option<&'static str>,
    pub quotes: (&'static str, &'static str),
    pub inner_quotes: (&'static str, &'static str),
    pub(super) hyphenation: TableHyphenation,
    pub fonts: &'static [&'static str],
    pub(super) curl_apostrophes: bool,
    pub(super) tie_one_letter_words: &'static [char],
    pub(super) space_before: &'static [(char, char)],
    pub(super) space_after: &'static [(char, char)],
    pub(super) quote_padding: Option<char>,
    pub(super) words: &'static [(&'static str, TableText)],
}

include!(concat!(env!("OUT_DIR"), "/locale_tables.rs"));

impl Table {
    pub(super) fn word(&self, key: &str) -> Option<TableText> {
        self.words.iter().find(|(k, _)| *k == key).map(|(_, text)| *text)
    }

    /// The text of a fixed word (a phrase's `other` form), for messages and tests.
    pub fn text(&self, key: &str) -> Option<&'static str> {
        match self.word(key)? {
            TableText::One(text) => Some(text),
            TableText::Plural(forms) => forms.iter().find(|(c, _)| *c == "other").map(|(_, text)| *text),
        }
    }
}

/// English's table: the last fallback of every word.
pub fn english_table() -> &'static Table {
    english()
}

/// CLDR's quotation marks for `tag` (outer, inner), by BCP 47 lookup in CLDR's own locales
/// (`quotes.tsv`), and CLDR's root marks when none matches.
pub(super) fn cldr_quotes(tag: &str) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    let subtags: Vec<&str> = tag.split(['-', '_']).collect();
    let found = (1..=subtags.len()).rev().find_map(|end| {
        let candidate = subtags[..end].join("-");
        CLDR_QUOTES.iter().find(|(t, _)| t.eq_ignore_ascii_case(&candidate))
    });
    let [open, close, inner_open, inner_close] = found
        .or_else(|| CLDR_QUOTES.iter().find(|(t, _)| *t == "und"))
        .map_or(["“", "”", "‘", "’"], |(_, marks)| *marks);
    ((open, close), (inner_open, inner_close))
}

/// Every bundled table, in the order of their tags.
pub fn tables() -> &'static [Table] {
    TABLES
}

/// English: the last fallback of every word.
pub(super) fn english() -> &'static Table {
    // build.rs refuses to build without en.yaml.
    TABLES.iter().find(|t| t.tag == "en").unwrap_or(&TABLES[0])
}

/// How a tag found its table: itself (or a shorter form of it), or through an alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    Truncated,
    Alias,
}

/// The table of `tag` by BCP 47 lookup: the whole tag, then without its last subtag, and so
/// on; at each step a table's own tag or one of its aliases. Subtags compare without case. A
/// tag that names a script finds only a table in that script (`uz-Arab` is not `uz`'s Latin
/// table, `ky-Latn` not the Cyrillic Kyrgyz one).
pub(super) fn lookup(tag: &str) -> Option<(&'static Table, Found)> {
    let subtags: Vec<&str> = tag.split(['-', '_']).collect();
    let script = subtags.iter().skip(1).find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
    let in_script = |table: &Table| script.is_none_or(|script| script.eq_ignore_ascii_case(table.script));
    for end in (1..=subtags.len()).rev() {
        let candidate = subtags[..end].join("-");
        for table in TABLES.iter().filter(|table| in_script(table)) {
            if table.tag.eq_ignore_ascii_case(&candidate) {
                return Some((table, Found::Truncated));
            }
            if table.aliases.iter().any(|alias| alias.eq_ignore_ascii_case(&candidate)) {
                return Some((table, Found::Alias));
            }
        }
    }
    None
}

/// The tag CLDR is asked with for `tag`, whose table (if any) is `found`: a table's `cldr:`
/// when the tag is the table's own, the table's tag when it came through an alias (`prs` is
/// `fa-AF` to CLDR), else the tag as written (`en-US`, `de-CH`).
pub(super) fn cldr_tag(tag: &str, found: Option<(&'static Table, Found)>) -> String {
    match found {
        Some((table, Found::Alias)) => table.cldr.unwrap_or(table.tag).to_string(),
        Some((table, Found::Truncated)) if table.tag.eq_ignore_ascii_case(tag) => {
            table.cldr.unwrap_or(table.tag).to_string()
        }
        _ => tag.replace('_', "-"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag_of(tag: &str) -> Option<&'static str> {
        lookup(tag).map(|(table, _)| table.tag)
    }

    #[test]
    fn lookup_drops_subtags_from_the_end_and_follows_aliases() {
        assert_eq!(tag_of("en"), Some("en"));
        assert_eq!(tag_of("en-US"), Some("en"));
        assert_eq!(tag_of("EN-gb"), Some("en"));
        assert_eq!(tag_of("de"), None);
        assert_eq!(tag_of("uz-Cyrl-UZ"), Some("uz-Cyrl"));
        assert_eq!(tag_of("uz-UZ"), Some("uz-Latn"));
        assert_eq!(tag_of("uz"), Some("uz-Latn"));
        assert_eq!(tag_of("uz-Arab"), None);
        assert_eq!(tag_of("ky-Latn"), None);
        assert_eq!(tag_of("ky-Cyrl-KG"), Some("ky"));
        assert_eq!(tag_of("prs"), Some("fa-AF"));
        assert_eq!(tag_of("prs-AF"), Some("fa-AF"));
        assert_eq!(tag_of("fa-AF"), Some("fa-AF"));
        assert_eq!(tag_of("fa-IR"), Some("fa"));
        assert_eq!(tag_of("zh"), Some("zh-Hans"));
        assert_eq!(tag_of("zh-TW"), Some("zh-Hant"));
        assert_eq!(tag_of("zh-Hant-HK"), Some("zh-Hant"));
        assert_eq!(tag_of("zh-Latn"), None);
        assert_eq!(tag_of("kk-Cyrl"), Some("kk"));
        assert_eq!(tag_of("x"), None);
        assert_eq!(tag_of(""), None);
    }

    #[test]
    fn cldr_is_asked_for_international_english_unless_a_region_is_given() {
        assert_eq!(cldr_tag("en", lookup("en")), "en-001");
        assert_eq!(cldr_tag("en-US", lookup("en-US")), "en-US");
        assert_eq!(cldr_tag("de_CH", lookup("de_CH")), "de-CH");
        // An alias asks CLDR for the table's own tag, which CLDR knows.
        assert_eq!(cldr_tag("prs", lookup("prs")), "fa-AF");
        assert_eq!(cldr_tag("prs-AF", lookup("prs-AF")), "fa-AF");
        assert_eq!(cldr_tag("uz-Cyrl-UZ", lookup("uz-Cyrl-UZ")), "uz-Cyrl-UZ");
    }

    #[test]
    fn every_table_s_tag_and_aliases_are_its_own() {
        for table in tables() {
            assert_eq!(tag_of(table.tag), Some(table.tag));
            for alias in table.aliases {
                assert_eq!(tag_of(alias), Some(table.tag), "{alias}");
            }
        }
    }
}
