//! TEMPORARY scaffold until the ICU4X module lands: dates from the old hand tables.

use crate::i18n::Labels as Old;
use crate::values::{LanguageTag, PartialDate};

pub enum Calendar {
    Default,
    Gregorian,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
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

#[derive(Debug)]
pub struct Cldr {
    old: &'static Old,
}

impl Cldr {
    pub fn new(tag: &str, _calendar: Calendar) -> Cldr {
        let tag: LanguageTag = tag.parse().unwrap_or_else(|_| super::english());
        Cldr { old: Old::for_language(&tag) }
    }
    pub fn long_date(&self, year: i32, month: u8, day: u8) -> String {
        self.old.date(&PartialDate { year: year as u16, month: Some(month), day: Some(day) })
    }
    pub fn month_year(&self, year: i32, month: u8) -> String {
        self.old.date(&PartialDate { year: year as u16, month: Some(month), day: None })
    }
    pub fn year(&self, year: i32) -> String {
        year.to_string()
    }
    pub fn number(&self, n: u64) -> String {
        self.old.number(n as usize)
    }
    pub fn digits(&self, text: &str) -> String {
        text.to_string()
    }
    pub fn plural(&self, n: u64) -> PluralCategory {
        if (self.old.takes_one)(n as usize) {
            PluralCategory::One
        } else {
            PluralCategory::Other
        }
    }
}
