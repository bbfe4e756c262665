//! Small checked value types of the data (language tags, dates, web addresses). Each parses
//! from the text a person writes and refuses anything else with a message that says what fits.

use std::fmt;
use std::str::FromStr;

use crate::error::shortened;

/// A BCP 47 language tag, kept as written (`en`, `ru`, `ky`, `uz-Latn`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageTag(String);

impl LanguageTag {
    /// A bundled table's own tag, which its build checked (the locale registry's to make).
    pub(crate) fn of_table(tag: &'static str) -> LanguageTag {
        LanguageTag(tag.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for LanguageTag {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let mut parts = text.split('-');
        let primary = parts.next().unwrap_or_default();
        let primary_ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
        let rest_ok =
            parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Ok(LanguageTag(text.to_string()))
        } else {
            Err(format!("`{text}` is not a BCP 47 language tag (examples: en, ru, ky, uz-Latn)"))
        }
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date known to the year, the month or the day (`2017`, `2019-11`, `2007-06-18`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Days since 1970-01-01 of the first day the date covers (for SOURCE_DATE_EPOCH-style stamps).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil, for the proleptic Gregorian calendar.
        let (m, d) = (i64::from(self.month.unwrap_or(1)), i64::from(self.day.unwrap_or(1)));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of `days_since_epoch`, for a full date.
    pub fn from_days_since_epoch(days: i64) -> PartialDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        PartialDate {
            year: u16::try_from(year.clamp(0, 9999)).unwrap_or(1970),
            month: u8::try_from(month).ok(),
            day: u8::try_from(day).ok(),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const DATE_FORMS: &str = "YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2007-06-18";

/// The earliest year a date may have: four digits, and no organisation is older.
const FIRST_YEAR: u16 = 1000;

impl FromStr for PartialDate {
    type Err = String;

    /// Each refusal says what is wrong: the form, the year, the month or the day.
    fn from_str(text: &str) -> Result<Self, String> {
        let not_a_date = |why: String| format!("`{}` is not a date: {why}", shortened(text));
        let parts: Vec<&str> = text.splitn(4, '-').collect();
        let form_ok = parts.len() <= 3
            && parts
                .iter()
                .zip([4, 2, 2])
                .all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()));
        let numbers: Vec<u16> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let (year, month, day) = match numbers[..] {
            [year] if form_ok => (year, None, None),
            [year, month] if form_ok => (year, Some(month), None),
            [year, month, day] if form_ok => (year, Some(month), Some(day)),
            _ => return Err(not_a_date(format!("write {DATE_FORMS}"))),
        };
        if year < FIRST_YEAR {
            return Err(not_a_date(format!("the year must be {FIRST_YEAR} or later")));
        }
        let month = match month.map(u8::try_from) {
            Some(Ok(m)) if (1..=12).contains(&m) => Some(m),
            Some(_) => return Err(not_a_date(format!("there is no month {}", parts[1]))),
            None => None,
        };
        let day = match (month, day.map(u8::try_from)) {
            (Some(m), Some(Ok(d))) if d >= 1 && d <= days_in_month(year, m) => Some(d),
            (_, Some(_)) => return Err(not_a_date(format!("that month has no day {}", parts[2]))),
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the date's own precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// An absolute `http` or `https` address, kept in the form the WHATWG URL standard writes it
/// out (its serialisation: host lower-cased and in ASCII, letters outside ASCII
/// percent-encoded). That form is what links, QR codes and printed addresses carry, so every
/// output holds an address a validator or a browser reads the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WebUrl(String);

/// The longest address accepted, in characters of its written-out form. A QR code holds 2,331
/// bytes at the sheet's error correction (level M), so every accepted address can become one;
/// 2,048 is also the length browsers and servers have long agreed on.
pub const MAX_URL_CHARS: usize = 2048;

/// How a web address should look, for messages.
pub const URL_EXAMPLE: &str = "write it in full, e.g. https://example.org/";

impl WebUrl {
    /// The written-out address, for links and QR codes.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address without its scheme and trailing slash, as printed (`kloop.kg`). It is
    /// plain ASCII: a host in another script prints in its `xn--` form. The fonts can always
    /// draw that, and a reader sees the host the link really goes to, so a look-alike letter
    /// from another alphabet cannot pass for a known newsroom's address.
    pub fn display_form(&self) -> &str {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        rest.strip_suffix('/').unwrap_or(rest)
    }

    /// What a sheet prints for the address: the display form while it is short, else the host
    /// alone (the link and the EPUB carry the whole address).
    pub fn short_form(&self) -> &str {
        let display = self.display_form();
        if display.chars().count() <= SHORT_ADDRESS_CHARS {
            return display;
        }
        display.split(['/', '?', '#']).next().unwrap_or(display)
    }

    /// The site's own address, `scheme://host/` (with a port when there is one): the shortest
    /// form of it the data allows.
    pub fn origin(&self) -> WebUrl {
        let (scheme, rest) = self.0.split_once("://").unwrap_or(("https", self.0.as_str()));
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        WebUrl(format!("{scheme}://{host}/"))
    }
}

/// Longer addresses print as their host.
const SHORT_ADDRESS_CHARS: usize = 32;

impl FromStr for WebUrl {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        // Counted before any parsing, so a megabyte-long value costs no more than its length.
        let length = text.chars().count();
        if length > MAX_URL_CHARS {
            return Err(too_long(length));
        }
        let url = url_check::parse_strictly(text)
            .map_err(|why| format!("{} is not a web address: {why}", url_check::quoted(text)))?;
        let written = String::from(url);
        if written.len() > MAX_URL_CHARS {
            return Err(too_long(written.len()) + " once its letters outside ASCII are percent-encoded");
        }
        Ok(WebUrl(written))
    }
}

fn too_long(length: usize) -> String {
    format!(
        "the web address is {length} characters long; the limit is {MAX_URL_CHARS} (a QR code must hold it)"
    )
}

mod url_check;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_their_precision_and_reject_impossible_days() {
        assert_eq!("2017".parse::<PartialDate>().map(|d| d.to_string()), Ok("2017".into()));
        assert_eq!("2019-11".parse::<PartialDate>().map(|d| d.month), Ok(Some(11)));
        assert!("2023-02-29".parse::<PartialDate>().is_err());
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
        assert!("2024-13".parse::<PartialDate>().is_err());
        assert!("18 June 2007".parse::<PartialDate>().is_err());
    }

    #[test]
    fn each_refused_date_says_what_is_wrong() {
        let why = |text: &str| text.parse::<PartialDate>().expect_err(text);
        assert_eq!(why("0001"), "`0001` is not a date: the year must be 1000 or later");
        assert_eq!(why("0999-12-31"), "`0999-12-31` is not a date: the year must be 1000 or later");
        assert_eq!(why("2026-13-01"), "`2026-13-01` is not a date: there is no month 13");
        assert_eq!(why("2026-00"), "`2026-00` is not a date: there is no month 00");
        assert_eq!(why("2023-02-29"), "`2023-02-29` is not a date: that month has no day 29");
        assert_eq!(why("2023-04-00"), "`2023-04-00` is not a date: that month has no day 00");
        let form = "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2007-06-18";
        for text in ["18 June 2007", "2007-6-18", "2007-06-18-1", "+2007", "２０２０"] {
            assert_eq!(why(text), format!("`{text}` is not a date: {form}"));
        }
        assert!(why(&"9".repeat(100_000)).len() < 200, "a hostile value is quoted short");
        assert_eq!("1000".parse::<PartialDate>().map(|d| d.year), Ok(1000));
    }

    #[test]
    fn epoch_days_round_trip() {
        let date: PartialDate = "2026-11-24".parse().unwrap();
        assert_eq!(date.days_since_epoch(), 20_781);
        assert_eq!(PartialDate::from_days_since_epoch(20_781), date);
        assert_eq!(PartialDate::from_days_since_epoch(0).to_string(), "1970-01-01");
    }

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert!("https://kloop.kg/".parse::<WebUrl>().is_ok());
        assert!("kloop.kg".parse::<WebUrl>().is_err());
        assert!("javascript:alert(1)".parse::<WebUrl>().is_err());
        assert!("https://exa mple.org".parse::<WebUrl>().is_err());
        let url: WebUrl = "https://kloop.kg/".parse().unwrap();
        assert_eq!(url.display_form(), "kloop.kg");
    }

    #[test]
    fn what_epubcheck_refuses_is_refused_with_a_reason() {
        // tests/promises.rs checks every kind through `dossier check`; these are the messages.
        let cases = [
            ("https://a.org/#a#b", "only one `#` may start the fragment; write any other as %23"),
            ("https://a.org/[1]", "`[` has to be percent-encoded: write %5B"),
            ("https://a.org/%zz", "a `%` must be followed by two hex digits (write %25 for `%` itself)"),
            ("https://a.org:x/", "the port after the host's `:` must be a number up to 65535"),
            ("https://a..org/", "its host has an empty part between dots (`..`, or a dot at an end)"),
        ];
        for (text, reason) in cases {
            let refused = text.parse::<WebUrl>();
            assert!(refused.is_err(), "{text:?} was accepted as {refused:?}");
            assert_eq!(refused, Err(format!("`{text}` is not a web address: {reason}")));
        }
    }

    #[test]
    fn accepted_urls_are_kept_in_their_written_out_form() {
        let cases = [
            ("https://kloop.kg", "https://kloop.kg/"),
            ("HTTPS://Kloop.KG:443/a/../b?q=1#top", "https://kloop.kg/b?q=1#top"),
            (
                "https://ru.wikipedia.org/wiki/Клооп",
                "https://ru.wikipedia.org/wiki/%D0%9A%D0%BB%D0%BE%D0%BE%D0%BF",
            ),
            ("https://例子.测试/", "https://xn--fsqu00a.xn--0zwm56d/"),
            ("http://192.0.2.1:8080/x", "http://192.0.2.1:8080/x"),
        ];
        for (written, kept) in cases {
            let url: WebUrl = written.parse().unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(url.as_str(), kept);
            assert!(url.display_form().is_ascii(), "{}", url.display_form());
        }
    }

    #[test]
    fn a_url_longer_than_a_qr_code_can_hold_is_refused_with_its_own_message() {
        let longest = format!("https://example.org/{}", "a".repeat(MAX_URL_CHARS - 20));
        assert_eq!(longest.parse::<WebUrl>().map(|u| u.as_str().len()), Ok(MAX_URL_CHARS));
        let message = format!("{longest}a").parse::<WebUrl>().unwrap_err();
        assert_eq!(
            message,
            "the web address is 2049 characters long; the limit is 2048 (a QR code must hold it)"
        );
        let encoded = format!("https://example.org/{}", "ж".repeat(400)).parse::<WebUrl>().unwrap_err();
        assert!(encoded.ends_with("once its letters outside ASCII are percent-encoded"), "{encoded}");
    }

    #[test]
    fn language_tags() {
        assert!("uz-Latn".parse::<LanguageTag>().is_ok());
        assert!("english".parse::<LanguageTag>().is_err());
    }
}
