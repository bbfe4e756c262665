//! CLDR-driven locale formatting for any language: long dates, month-year, bare years, grouped counts, native digits and cardinal plural categories, from ICU4X's compiled data (CLDR 49).
//!
//! Everything is built once per document in [`Cldr::new`] and then only formats.
//! Nothing that input can reach unwraps: ICU4X constructors return `Result`, and every
//! failure degrades (first to root `und`, then to plain ASCII output) rather than panicking,
//! because a fact sheet with an odd date is better than no fact sheet.
//!
//! Dates: ICU4X 2 formats with UTS 35 *semantic skeletons*. `YMD::long()` does not read
//! CLDR's `dateFormats/long` pattern: it takes the field widths from that pattern and then
//! picks the `availableFormats` entry for the resulting skeleton (`yMMMMd`). For most
//! locales the two are the same string; for some (ky, hi, et, vi, hy, ta, am, …) CLDR's
//! two entries disagree ("y-'ж'., d-MMMM" vs "y-'ж'. d-MMMM"), and no ICU4X option
//! (length, alignment, year style) selects the stock pattern, which its compiled data does
//! not contain. [`CLASSIC_LONG`] and [`CLASSIC_MONTH_YEAR`] hold CLDR 49's stock Gregorian
//! patterns for exactly those locales; they are rendered with ICU4X's own month names and
//! digits. The tables are generated (scratch crate: `tests/babel_compare.rs`,
//! `generate_classic_tables`) and checked against babel, an independent CLDR reader.

use icu_calendar::preferences::CalendarAlgorithm;
use icu_calendar::{AnyCalendarKind, Date, Gregorian};
use icu_datetime::fieldsets::{YM, YMD};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu_datetime::{DateTimeFormatter, DateTimeFormatterPreferences};
use icu_decimal::input::Decimal;
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale::LocaleCanonicalizer;
use icu_locale_core::{DataLocale, Locale};
use icu_locale_fallback::{LocaleFallbackConfig, LocaleFallbacker};
use icu_plurals::{PluralRuleType, PluralRules, PluralRulesPreferences};
use writeable::TryWriteable;

/// Which calendar dates are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    /// The locale's own calendar as CLDR resolves it: an explicit `-u-ca-` in the tag wins,
    /// otherwise CLDR's calendar preference (Solar Hijri for fa, fa-AF, prs, ps; Buddhist for
    /// th; Gregorian nearly everywhere else).
    Default,
    /// Gregorian whatever the locale prefers (overrides any `-u-ca-` in the tag), with the
    /// locale's month names and digits: the bracketed second date for a Solar Hijri locale.
    Gregorian,
}

/// CLDR's cardinal plural categories (ours, so callers need no icu type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    /// CLDR's name of the category ("one", "few", …), as plural forms are keyed in data.
    pub fn name(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }
}

/// A stock CLDR pattern with the names it needs, loaded once.
struct Classic {
    names: FixedCalendarDateTimeNames<Gregorian, YMD>,
    pattern: DateTimePattern,
}

/// The formatters of one locale and calendar, built once.
///
/// Each formatter is an `Option` only so that a data load failure (which compiled data with
/// fallback should never produce, but the API allows) degrades instead of panicking.
pub struct Cldr {
    long_date: Option<DateTimeFormatter<YMD>>,
    month_year: Option<DateTimeFormatter<YM>>,
    /// Stock patterns where CLDR's differ from the semantic skeletons (Gregorian only).
    classic_long: Option<Classic>,
    classic_month_year: Option<Classic>,
    grouped: Option<DecimalFormatter>,
    /// The locale's digits 0–9, read off the number formatter once, so that `digits` and
    /// `year` are a table lookup and cannot disagree with `number`.
    digit_chars: [char; 10],
    plurals: Option<PluralRules>,
    calendar_kind: AnyCalendarKind,
    /// The locale as resolved from the tag (after lenient parsing and aliases), for `Debug`.
    locale: Locale,
}

impl std::fmt::Debug for Cldr {
    /// The resolved locale and calendar: the formatters' internals say nothing useful.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cldr")
            .field("locale", &self.locale.to_string())
            .field("calendar", &self.calendar_kind)
            .field("classic_long", &self.classic_long.is_some())
            .field("classic_month_year", &self.classic_month_year.is_some())
            .finish()
    }
}

impl Cldr {
    /// `tag`: a BCP 47 tag as written (`en-001`, `uz-Cyrl`, `fa-AF`, `zh-Hant`; `_` works
    /// as well as `-`). Deprecated codes are canonicalized the CLDR way (`prs` → `fa-AF`,
    /// `iw` → `he`). A tag that does not parse is cut back subtag by subtag until it does
    /// (`en-US-!!` → `en-US`), ending at root `und`; a tag that parses but has no data falls
    /// back the ICU way (`ru-XX` → `ru`, `zz-ZZ` → `und`). Never panics.
    pub fn new(tag: &str, calendar: Calendar) -> Cldr {
        Self::build(tag, calendar)
    }

    fn build(tag: &str, calendar: Calendar) -> Cldr {
        let locale = parse_lenient(tag);
        let dt_prefs = datetime_prefs(&locale, calendar);
        // Long = skeleton of CLDR's dateFormats/long ("d MMMM y" → yMMMMd);
        // YM long = its year-month part (yMMMM).
        let long_date = DateTimeFormatter::try_new(dt_prefs, YMD::long())
            .or_else(|_| DateTimeFormatter::try_new(datetime_prefs(&Locale::UNKNOWN, calendar), YMD::long()))
            .ok();
        let month_year = DateTimeFormatter::try_new(dt_prefs, YM::long())
            .or_else(|_| DateTimeFormatter::try_new(datetime_prefs(&Locale::UNKNOWN, calendar), YM::long()))
            .ok();
        let calendar_kind =
            long_date.as_ref().map(|f| f.calendar().kind()).unwrap_or(AnyCalendarKind::Gregorian);
        // The tables are CLDR's Gregorian patterns; other calendars keep the skeletons.
        let use_classic = calendar_kind == AnyCalendarKind::Gregorian;
        let classic_long = use_classic
            .then(|| lookup(CLASSIC_LONG, &locale))
            .flatten()
            .and_then(|p| Classic::new(dt_prefs, p));
        let classic_month_year = use_classic
            .then(|| lookup(CLASSIC_MONTH_YEAR, &locale))
            .flatten()
            .and_then(|p| Classic::new(dt_prefs, p));

        let dec_prefs = DecimalFormatterPreferences::from(&locale);
        let grouped = DecimalFormatter::try_new(dec_prefs, Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .ok();
        let mut digit_chars = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
        if let Some(f) = &grouped {
            for (i, slot) in (0u8..).zip(digit_chars.iter_mut()) {
                let s = f.format(&Decimal::from(i)).to_string();
                // A single digit formats to exactly one char in every CLDR numbering system;
                // anything else keeps ASCII for that digit rather than guess.
                let mut chars = s.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    *slot = c;
                }
            }
        }

        let plural_locale = plural_locale(&locale);
        let plurals = PluralRules::try_new(
            PluralRulesPreferences::from(&plural_locale),
            PluralRuleType::Cardinal.into(),
        )
        .or_else(|_| PluralRules::try_new(Default::default(), PluralRuleType::Cardinal.into()))
        .ok();

        Cldr {
            long_date,
            month_year,
            classic_long,
            classic_month_year,
            grouped,
            digit_chars,
            plurals,
            calendar_kind,
            locale,
        }
    }

    /// CLDR long date ("18 June 2007" for en-001, "18 июня 2007 г." for ru), in the locale's
    /// calendar and digits. A day the month does not have gives the ISO form in local digits.
    pub fn long_date(&self, year: i32, month: u8, day: u8) -> String {
        if let Some(s) = self.classic_long.as_ref().and_then(|c| c.format(year, month, day)) {
            return s;
        }
        match (&self.long_date, Date::try_new_iso(year, month, day)) {
            (Some(f), Ok(date)) => f.format(&date).to_string(),
            _ => self.digits(&format!("{year:04}-{month:02}-{day:02}")),
        }
    }

    /// CLDR yMMMM ("February 2010", "февраль 2010 г." for ru), in the locale's calendar and
    /// digits. In a non-Gregorian calendar a Gregorian month straddles two local months; the
    /// 1st of the month decides (a day-less Gregorian month has no single local month).
    pub fn month_year(&self, year: i32, month: u8) -> String {
        if let Some(s) = self.classic_month_year.as_ref().and_then(|c| c.format(year, month, 1)) {
            return s;
        }
        match (&self.month_year, Date::try_new_iso(year, month, 1)) {
            (Some(f), Ok(date)) => f.format(&date).to_string(),
            _ => self.digits(&format!("{year:04}-{month:02}")),
        }
    }

    /// A Gregorian year alone: its digits in the locale's numbering system, never grouped
    /// ("2017", "۲۰۱۷" for fa). Not converted to the locale's calendar.
    pub fn year(&self, year: i32) -> String {
        self.digits(&year.to_string())
    }

    /// A count with the locale's grouping and digits ("1,000" en, "12 000" with U+00A0 ru).
    /// CLDR's minimumGroupingDigits applies: es, it, pl, … write "1000" but "12.000".
    pub fn number(&self, n: u64) -> String {
        match &self.grouped {
            Some(f) => f.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    }

    /// `text` with each ASCII digit replaced by the locale's digit (page and note numbers).
    pub fn digits(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                let ascii = if c.is_ascii_digit() { c.to_digit(10) } else { None };
                ascii.and_then(|d| self.digit_chars.get(d as usize).copied()).unwrap_or(c)
            })
            .collect()
    }

    /// CLDR cardinal plural category of `n`.
    pub fn plural(&self, n: u64) -> PluralCategory {
        use icu_plurals::PluralCategory as P;
        match self.plurals.as_ref().map(|r| r.category_for(n)) {
            Some(P::Zero) => PluralCategory::Zero,
            Some(P::One) => PluralCategory::One,
            Some(P::Two) => PluralCategory::Two,
            Some(P::Few) => PluralCategory::Few,
            Some(P::Many) => PluralCategory::Many,
            Some(P::Other) | None => PluralCategory::Other,
        }
    }

    /// Whether dates come out in the Gregorian calendar. False for fa, fa-AF, prs, ps (Solar
    /// Hijri), th (Buddhist) or an explicit non-Gregorian `-u-ca-`, so that a caller may add
    /// the Gregorian date in brackets from a second `Cldr::new(tag, Calendar::Gregorian)`.
    /// Whether CLDR has dates of this language at all (a tag it does not know falls back to
    /// CLDR's root, whose months read "M01").
    pub fn knows_language(&self) -> bool {
        self.month_year(2000, 1) != Cldr::new("und", Calendar::Gregorian).month_year(2000, 1)
    }

    pub fn calendar_is_gregorian(&self) -> bool {
        self.calendar_kind == AnyCalendarKind::Gregorian
    }
}

impl Classic {
    fn new(prefs: DateTimeFormatterPreferences, pattern: &str) -> Option<Classic> {
        let pattern = DateTimePattern::try_from_pattern_str(pattern).ok()?;
        let mut names = FixedCalendarDateTimeNames::<Gregorian, YMD>::try_new(prefs).ok()?;
        // Loads exactly the month/era names and the digits the pattern uses.
        names.include_for_pattern(&pattern).ok()?;
        Some(Classic { names, pattern })
    }

    /// `None` (so the caller uses the skeleton formatter) for an impossible date or a
    /// missing name, which `include_for_pattern` succeeding should rule out.
    fn format(&self, year: i32, month: u8, day: u8) -> Option<String> {
        let date = Date::try_new_gregorian(year, month, day).ok()?;
        let formatted = self.names.with_pattern_unchecked(&self.pattern).format(&date);
        formatted.try_write_to_string().ok().map(|s| s.into_owned())
    }
}

/// The locale to ask for plural rules. CLDR's rules are per language (and pt-PT, which
/// pt-AO, pt-MZ, … inherit), never per script, but ICU's fallback follows CLDR parentLocales,
/// which send uz-Cyrl, sr-Latn, sr-ME (likely script Latn) or kk-Arab straight to root, where
/// every count is "other". So: the fullest of {the locale, it without script, the bare
/// language} whose fallback chain still passes through the bare language.
fn plural_locale(locale: &Locale) -> Locale {
    let bare = Locale::from(locale.id.language);
    let bare_key = DataLocale::from(&bare).to_string();
    let mut no_script = locale.clone();
    no_script.id.script = None;
    [locale.clone(), no_script]
        .into_iter()
        .find(|l| chain(l, |key| (key == bare_key).then_some(())).is_some())
        .unwrap_or(bare)
}

/// Date preferences for `locale`, forced to Gregorian when asked.
fn datetime_prefs(locale: &Locale, calendar: Calendar) -> DateTimeFormatterPreferences {
    let mut prefs = DateTimeFormatterPreferences::from(locale);
    if calendar == Calendar::Gregorian {
        prefs.calendar_algorithm = Some(CalendarAlgorithm::Gregory);
    }
    prefs
}

/// Parses `tag`, cutting trailing subtags off until what is left parses (`und` at worst),
/// then applies CLDR's aliases. ICU's own fallback only runs on a tag that parsed, so a typo
/// in a variant would otherwise lose the language too; and the compiled data is keyed by
/// canonical ids, so `prs` (an alias of fa-AF) would otherwise fall to root.
fn parse_lenient(tag: &str) -> Locale {
    let mut rest = tag.trim();
    let mut locale = loop {
        if rest.is_empty() {
            break Locale::UNKNOWN;
        }
        if let Ok(locale) = Locale::try_from_str(rest) {
            break locale;
        }
        match rest.rfind(['-', '_']) {
            Some(i) => rest = rest.get(..i).unwrap_or(""),
            None => break Locale::UNKNOWN,
        }
    };
    LocaleCanonicalizer::new_common().canonicalize(&mut locale);
    locale
}

fn chain<T>(locale: &Locale, mut find: impl FnMut(&str) -> Option<T>) -> Option<T> {
    let fallbacker = LocaleFallbacker::new().for_config(LocaleFallbackConfig::default());
    let mut it = fallbacker.fallback_for(DataLocale::from(locale));
    loop {
        if let Some(found) = find(&it.get().to_string()) {
            return Some(found);
        }
        if it.get().is_unknown() {
            return None;
        }
        it.step();
    }
}

/// The stock pattern for `locale` from a sorted table: `None` both where the chain meets an
/// explicit `None` (this locale's skeleton output is already CLDR's stock one, though a parent
/// needs a pattern) and where it meets nothing.
fn lookup(table: &'static [(&'static str, Option<&'static str>)], locale: &Locale) -> Option<&'static str> {
    chain(locale, |key| {
        let i = table.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        table.get(i).map(|(_, p)| *p)
    })
    .flatten()
}

// @generated-tables-start
/// CLDR 49 Gregorian `dateFormats/long` where it differs from ICU4X's `YMD::long()`, keyed by
/// the CLDR locale the fallback chain reaches first; a `None` would restore the skeleton for a
/// child locale under a patched parent. Generated: see the module doc.
pub static CLASSIC_LONG: &[(&str, Option<&str>)] = &[
    ("ady", Some("y MMMM d")),
    ("af-NA", Some("d MMMM y")),
    ("ak", Some("d, MMMM, y")),
    ("am", Some("d MMMM y")),
    ("ast", Some("d MMMM 'de' y")),
    ("bal-Latn", Some("d MMMM, y")),
    ("bgc", Some("y MMMM d")),
    ("brx", Some("d MMMM, y")),
    ("bua", Some("y MMMM d")),
    ("cop", Some("MMMM d, y")),
    ("ee", Some("MMMM d 'lia' y")),
    ("en-AE", Some("d MMMM y")),
    ("eo", Some("d MMMM y")),
    ("et", Some("d. MMMM y")),
    ("ga", Some("d MMMM y")),
    ("gd", Some("d'mh' MMMM y")),
    ("ha", Some("d MMMM, y")),
    ("hi", Some("d MMMM y")),
    ("hy", Some("y թ. MMMM d")),
    ("ii", Some("y MMMM d")),
    ("kbd", Some("y MMMM d")),
    ("kea", Some("d 'di' MMMM 'di' y")),
    ("kek", Some("d, MMMM, y")),
    ("ki", Some("d MMMM y")),
    ("kk-Arab", Some("y، d-MMMM")),
    ("kn", Some("MMMM d, y")),
    ("kok", Some("d MMMM y")),
    ("ks", Some("MMMM d, y")),
    ("ks-Deva", Some("d MMMM y")),
    ("ksh", Some("d. MMMM y")),
    ("ku", Some("d'ê' MMMM'a' y'an'")),
    ("ky", Some("y-'ж'., d-MMMM")),
    ("mk", Some("d MMMM y\u{202f}'г'.")),
    ("mt", Some("d 'ta'’ MMMM y")),
    ("nqo", Some("y MMMM d")),
    ("nso", Some("y MMMM d")),
    ("oc", Some("d MMMM 'de' y")),
    ("om", Some("MMMM d, y")),
    ("or", Some("MMMM d, y")),
    ("pms", Some("y MMMM d")),
    ("prg", Some("y 'mettas' d. MMMM")),
    ("quc", Some("y MMMM d")),
    ("raj", Some("y MMMM d")),
    ("sah", Some("y, MMMM d")),
    ("sat", Some("d MMMM y")),
    ("sc", Some("d 'de' MMMM 'de' 'su' y")),
    ("sd", Some("y MMMM d")),
    ("sd-Deva", Some("MMMM d, y")),
    ("sl", Some("d. MMMM y")),
    ("so", Some("MMMM d, y")),
    ("sr", Some("d. MMMM y.")),
    ("sr-Latn", Some("d. MMMM y.")),
    ("ta", Some("d MMMM, y")),
    ("te", Some("d MMMM, y")),
    ("ti", Some("MMMM d, y")),
    ("tt", Some("d MMMM, y\u{202f}'ел'")),
    ("ug", Some("d-MMMM، y")),
    ("vi", Some("d MMMM, y")),
    ("vmw", Some("y MMMM d")),
    ("wo", Some("d MMMM, y")),
    ("za", Some("y MMMM d")),
];
/// CLDR 49 Gregorian `yMMMM` where it differs from ICU4X's `YM::long()`; as [`CLASSIC_LONG`].
/// (th: the skeleton adds the era "ค.ศ." to a Gregorian month-year; CLDR's yMMMM has none.)
pub static CLASSIC_MONTH_YEAR: &[(&str, Option<&str>)] = &[("gaa", Some("MMMM y")), ("th", Some("MMMM y"))];
// @generated-tables-end

#[cfg(test)]
mod tests {
    use super::{Calendar, Cldr, PluralCategory, CLASSIC_LONG, CLASSIC_MONTH_YEAR};

    fn cldr(tag: &str) -> Cldr {
        Cldr::new(tag, Calendar::Default)
    }

    #[test]
    fn english_matches_the_old_tables() {
        let c = cldr("en-001");
        assert_eq!(c.long_date(2007, 6, 18), "18 June 2007");
        assert_eq!(c.month_year(2010, 2), "February 2010");
        assert_eq!(c.number(1000), "1,000");
        assert_eq!(c.year(2017), "2017");
        assert_eq!(c.plural(1), PluralCategory::One);
        assert_eq!(c.plural(2), PluralCategory::Other);
        assert!(c.calendar_is_gregorian());
        assert_eq!(cldr("en-US").long_date(2007, 6, 18), "June 18, 2007");
    }

    #[test]
    fn russian_matches_the_old_tables() {
        let c = cldr("ru");
        // CLDR puts U+202F NARROW NO-BREAK SPACE before "г.", U+00A0 between digit groups.
        assert_eq!(c.long_date(2007, 6, 18), "18 июня 2007\u{202f}г.");
        assert_eq!(c.month_year(2007, 6), "июнь 2007\u{202f}г.");
        assert_eq!(c.number(12000), "12\u{a0}000");
        assert_eq!(c.plural(21), PluralCategory::One);
        assert_ne!(c.plural(11), PluralCategory::One);
        assert_eq!(c.plural(3), PluralCategory::Few);
        assert_eq!(c.plural(5), PluralCategory::Many);
    }

    #[test]
    fn kyrgyz_and_uzbek_use_cldr_stock_patterns() {
        // ky's semantic skeleton would give "2007-ж. 18-июнь" (availableFormats yMMMMd).
        let ky = cldr("ky");
        assert_eq!(ky.long_date(2007, 6, 18), "2007-ж., 18-июнь");
        assert_eq!(ky.month_year(2010, 2), "2010-ж., февраль");
        assert_eq!(cldr("ky-KG").long_date(2007, 6, 18), "2007-ж., 18-июнь");
        let uz = cldr("uz");
        assert_eq!(uz.long_date(2007, 6, 18), "18-iyun, 2007");
        assert_eq!(uz.month_year(2010, 2), "fevral, 2010");
        let uz_cyrl = cldr("uz-Cyrl");
        assert_eq!(uz_cyrl.long_date(2007, 6, 18), "18 июн, 2007");
        assert_eq!(uz_cyrl.month_year(2010, 2), "феврал, 2010");
        // uz-Cyrl's parent is root; the plural rule is still Uzbek's.
        assert_eq!(uz_cyrl.plural(1), PluralCategory::One);
    }

    #[test]
    fn serbian_long_date_has_no_leading_zero() {
        // CLDR's stock "d. MMMM y."; the skeleton yMMMMd is "dd. MMMM y." ("05. новембар 2019.").
        assert_eq!(cldr("sr").long_date(2019, 11, 5), "5. новембар 2019.");
        assert_eq!(cldr("sr-Latn").long_date(2024, 1, 6), "6. januar 2024.");
        assert_eq!(cldr("sr-ME").long_date(2019, 11, 5), "5. novembar 2019.");
        assert_eq!(cldr("sr").long_date(1999, 12, 31), "31. децембар 1999.");
        // af keeps CLDR's own "dd MMMM y"; only af-NA has "d MMMM y".
        assert_eq!(cldr("af").long_date(2019, 11, 5), "05 November 2019");
        assert_eq!(cldr("af-NA").long_date(2019, 11, 5), "5 November 2019");
    }

    #[test]
    fn persian_is_solar_hijri_with_persian_digits() {
        let fa = cldr("fa");
        assert!(!fa.calendar_is_gregorian());
        assert_eq!(fa.long_date(2007, 6, 18), "۲۸ خرداد ۱۳۸۶");
        // CLDR's persian-calendar yMMMM for fa is "y MMMM"; 2010-02-01 is 12 Bahman 1388.
        assert_eq!(fa.month_year(2010, 2), "۱۳۸۸ بهمن");
        assert_eq!(fa.year(2017), "۲۰۱۷");
        assert_eq!(fa.number(12000), "۱۲٬۰۰۰");
        assert_eq!(fa.digits("p. 12–34"), "p. ۱۲–۳۴");
        let greg = Cldr::new("fa", Calendar::Gregorian);
        assert!(greg.calendar_is_gregorian());
        assert_eq!(greg.long_date(2007, 6, 18), "۱۸ ژوئن ۲۰۰۷");
        assert_eq!(greg.month_year(2010, 2), "فوریه ۲۰۱۰");
    }

    #[test]
    fn dari_is_an_alias_of_fa_af() {
        for (tag, long) in [("fa-AF", "۲۸ جوزا ۱۳۸۶"), ("prs", "۲۸ جوزا ۱۳۸۶"), ("ps", "AP ۱۳۸۶ غبرگولی ۲۸")]
        {
            let c = cldr(tag);
            assert!(!c.calendar_is_gregorian(), "{tag}");
            assert_eq!(c.long_date(2007, 6, 18), long, "{tag}");
        }
        assert_eq!(Cldr::new("prs", Calendar::Gregorian).long_date(2007, 6, 18), "۱۸ جون ۲۰۰۷");
    }

    #[test]
    fn explicit_calendar_keyword_is_honoured_and_gregorian_overrides_it() {
        let c = cldr("en-u-ca-islamic");
        assert!(!c.calendar_is_gregorian());
        assert_eq!(Cldr::new("en-u-ca-islamic", Calendar::Gregorian).long_date(2007, 6, 18), "June 18, 2007");
        assert_eq!(cldr("th").long_date(2007, 6, 18), "18 มิถุนายน 2550");
    }

    #[test]
    fn unknown_and_garbage_tags_fall_back_without_panicking() {
        let root = cldr("und").long_date(2007, 6, 18);
        for tag in [
            "x",
            "zz-ZZ",
            "",
            "  ",
            "-",
            "__",
            "en-US-!!",
            "12345",
            "ru-XX",
            "a-b-c-d-e-f",
            "ru_RU",
            "\u{0}",
            "日本",
        ] {
            let c = cldr(tag);
            let _ = (
                c.long_date(2007, 6, 18),
                c.month_year(2010, 2),
                c.year(2017),
                c.number(u64::MAX),
                c.plural(u64::MAX),
            );
        }
        assert_eq!(cldr("zz-ZZ").long_date(2007, 6, 18), root);
        assert_eq!(cldr("ru-XX").long_date(2007, 6, 18), "18 июня 2007\u{202f}г.");
        assert_eq!(cldr("en-US-!!").long_date(2007, 6, 18), "June 18, 2007");
        assert_eq!(cldr("en_US").long_date(2007, 6, 18), "June 18, 2007");
    }

    #[test]
    fn impossible_days_give_iso_in_local_digits() {
        assert_eq!(cldr("en-001").long_date(2010, 2, 31), "2010-02-31");
        assert_eq!(cldr("fa").long_date(2010, 2, 31), "۲۰۱۰-۰۲-۳۱");
        assert_eq!(cldr("ky").long_date(2010, 13, 1), "2010-13-01");
        assert_eq!(cldr("ru").month_year(2010, 0), "2010-00");
    }

    #[test]
    fn every_supported_date_formats() {
        for tag in ["en-001", "fa", "ky", "ps", "th", "ar-EG"] {
            for cal in [Calendar::Default, Calendar::Gregorian] {
                let c = Cldr::new(tag, cal);
                for year in (1000..=9999).step_by(7).chain([1000, 9999]) {
                    for month in 1..=12 {
                        assert!(!c.month_year(year, month).is_empty());
                        for day in [1, 28, 29, 30, 31] {
                            assert!(!c.long_date(year, month, day).is_empty());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn tables_are_sorted_and_parse() {
        for table in [CLASSIC_LONG, CLASSIC_MONTH_YEAR] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "binary search needs sorted keys");
            for (key, pattern) in table {
                if let Some(p) = pattern {
                    let prefs = super::datetime_prefs(&super::parse_lenient(key), Calendar::Gregorian);
                    assert!(
                        super::Classic::new(prefs, p).and_then(|c| c.format(2007, 6, 18)).is_some(),
                        "{key}: {p}"
                    );
                }
            }
        }
    }
}
