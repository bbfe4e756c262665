//! The data's plain typing made typographic, by the rules of the text's language: straight
//! double quotes become the language's quotation marks (“…” in English, «…» in Russian and
//! Kyrgyz), an English apostrophe becomes ’, and a no-break space ties what must not be split
//! at a line's end: a number to its unit or abbreviation ("2007 г.", "12 km"), and a one-letter
//! Russian or Kyrgyz preposition or conjunction (в, с, к, и, а, о, у, я) to the word after it.
//! Both outputs get the same text, so the PDF and the EPUB agree.

use crate::locale;
use crate::values::LanguageTag;

const NO_BREAK_SPACE: char = '\u{a0}';

/// Words after a number that belong to it.
const UNITS: &[&str] = &[
    "%",
    "km",
    "kg",
    "m",
    "cm",
    "mm",
    "ha",
    "million",
    "billion",
    "г.",
    "гг.",
    "ж.",
    "км",
    "кг",
    "м",
    "см",
    "мм",
    "га",
    "млн",
    "млрд",
    "тыс.",
    "сом",
    "руб.",
    "долл.",
    "mln",
    "mlrd",
    "ming",
    "soʻm",
    "сўм",
];

/// Sets the pieces of one paragraph in order, remembering the characters before each piece (a
/// quotation mark after an emphasised word closes, not opens).
pub struct Typographer {
    /// The language's rules (its quotation marks, apostrophes, ties and spaces).
    rules: locale::Typography,
    /// Quotations open at this point of the paragraph.
    depth: u8,
    /// The last two characters set, the latest first.
    before: [Option<char>; 2],
}

impl Typographer {
    pub fn new(language: &LanguageTag) -> Self {
        Typographer { rules: locale::typography(language), depth: 0, before: [None, None] }
    }

    /// A new paragraph: nothing before it.
    pub fn restart(&mut self) {
        self.before = [None, None];
        self.depth = 0;
    }

    /// The same text goes on in another language (a span, or the text after it): what came
    /// before still decides whether a quotation mark opens or closes.
    pub fn continuing(mut self, from: &Typographer) -> Self {
        self.before = from.before;
        self.depth = from.depth;
        self
    }

    /// A citation number was set: a quotation mark after it closes.
    pub fn after_citation(&mut self) {
        self.before = [Some('1'), self.before[0]];
    }

    pub fn set(&mut self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            // Addresses, code and markup stay exactly as typed.
            let verbatim = verbatim_length(&chars[i..], self.before[0]);
            if verbatim > 0 {
                for &c in &chars[i..i + verbatim] {
                    out.push(c);
                    self.before = [Some(c), self.before[0]];
                }
                i += verbatim;
                continue;
            }
            let c = chars[i];
            let opens = self.before[0].is_none_or(|p| p.is_whitespace() || "([{«“„‘-–—/".contains(p));
            let spaced = |marks: &[(char, char)], mark: Option<&char>| {
                mark.and_then(|mark| marks.iter().find(|(m, _)| m == mark)).map(|(_, space)| *space)
            };
            let space_before =
                if c == ' ' { spaced(self.rules.space_before, chars.get(i + 1)) } else { None };
            let space_after =
                if c == ' ' { spaced(self.rules.space_after, self.before[0].as_ref()) } else { None };
            match c {
                '"' => {
                    let mark = self.quotation_mark(opens);
                    match self.rules.quote_padding {
                        Some(pad) if opens => {
                            out.push_str(mark);
                            out.push(pad);
                        }
                        Some(pad) => {
                            out.push(pad);
                            out.push_str(mark);
                        }
                        None => out.push_str(mark),
                    }
                }
                ' ' if space_before.or(space_after).is_some() => out.extend(space_before.or(space_after)),
                // A word's first letter after an apostrophe is an elision ('90s, 'n'), not a quotation.
                '\'' if self.rules.curl_apostrophes && opens && !elision(&chars[i + 1..]) => out.push('‘'),
                '\'' if self.rules.curl_apostrophes => out.push('’'),
                ' ' if self.ties(&chars[i + 1..]) => out.push(NO_BREAK_SPACE),
                _ => out.push(c),
            }
            self.before = [Some(c), self.before[0]];
            i += 1;
        }
        out
    }

    /// A straight double quote as the mark it stands for: a quotation inside another takes the
    /// inner marks.
    fn quotation_mark(&mut self, opens: bool) -> &'static str {
        if opens {
            self.depth = self.depth.saturating_add(1);
            if self.depth == 1 {
                self.rules.quotes.0
            } else {
                self.rules.inner_quotes.0
            }
        } else {
            let depth = self.depth;
            self.depth = self.depth.saturating_sub(1);
            if depth <= 1 {
                self.rules.quotes.1
            } else {
                self.rules.inner_quotes.1
            }
        }
    }

    /// Whether the space before `after` ties the word before it to the next one.
    fn ties(&self, after: &[char]) -> bool {
        let [Some(previous), earlier] = self.before else { return false };
        if previous.is_ascii_digit() {
            let next: String =
                after.iter().take_while(|c| !c.is_whitespace() && !",;:)".contains(**c)).collect();
            return UNITS.contains(&next.as_str());
        }
        let word_start = earlier.is_none_or(|c| c.is_whitespace() || "(«“„\"".contains(c));
        word_start && self.rules.tie_one_letter_words.contains(&previous)
    }
}

/// How many characters from here are set exactly as typed: a web address (to the next space),
/// a code span (to its closing backtick), an HTML tag (to its `>`); 0 for ordinary text.
fn verbatim_length(rest: &[char], before: Option<char>) -> usize {
    let at_word_start = before.is_none_or(|c| c.is_whitespace() || "([{<«“„\"'".contains(c));
    let starts_with =
        |word: &str| word.chars().zip(rest).filter(|(a, b)| a == *b).count() == word.chars().count();
    let until = |end: fn(char) -> bool, inclusive: bool| {
        let found = rest.iter().skip(1).position(|c| end(*c)).map(|p| p + 1);
        found.map_or(rest.len(), |p| if inclusive { p + 1 } else { p })
    };
    match rest.first() {
        Some('h' | 'w')
            if at_word_start
                && (starts_with("https://") || starts_with("http://") || starts_with("www.")) =>
        {
            until(char::is_whitespace, false)
        }
        Some('`') => until(|c| c == '`', true),
        Some('<') if rest.get(1).is_some_and(|c| c.is_ascii_alphabetic() || *c == '/' || *c == '!') => {
            until(|c| c == '>', true)
        }
        _ => 0,
    }
}

/// Whether an apostrophe before `rest` stands for left-out letters: a number ('90s) or the
/// common English elisions ('n', 'em, 'til, 'cause).
fn elision(rest: &[char]) -> bool {
    let word: String = rest.iter().take_while(|c| c.is_alphanumeric()).collect();
    word.starts_with(|c: char| c.is_ascii_digit())
        || ["n", "em", "til", "cause", "tis", "twas"].contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(language: &str, text: &str) -> String {
        Typographer::new(&language.parse().expect("a tag")).set(text)
    }

    #[test]
    fn quotes_take_the_language_s_marks_and_english_apostrophes_curl() {
        assert_eq!(set("en", r#"Kloop's "Samaragate" series"#), "Kloop’s “Samaragate” series");
        assert_eq!(set("ru", r#"фонд "Клооп""#), "фонд «Клооп»");
        assert_eq!(set("ky", r#""Тоо Медиа""#), "«Тоо Медиа»");
        assert_eq!(set("uz-Latn", r#""Kloop" oʻzbek"#), "“Kloop” oʻzbek");
        // An Uzbek apostrophe is a letter mark, not a quotation mark.
        assert_eq!(set("uz", "maʼlumot va o'zbek"), "maʼlumot va o'zbek");
    }

    #[test]
    fn numbers_keep_their_units_and_one_letter_words_their_next_word() {
        assert_eq!(set("ru", "в 2007 г. и в Бишкеке"), "в\u{a0}2007\u{a0}г. и\u{a0}в\u{a0}Бишкеке");
        assert_eq!(set("en", "over 12 km and 40 %"), "over 12\u{a0}km and 40\u{a0}%");
        assert_eq!(set("en", "a 2007 report"), "a 2007 report");
        assert_eq!(set("ru", "вода и огонь"), "вода и\u{a0}огонь");
    }

    #[test]
    fn addresses_code_and_html_stay_as_typed_and_elisions_curl_the_right_way() {
        assert_eq!(
            set("en", "see https://example.org/it's-here and `a \"b\" c'd` or <a href=\"x\">"),
            "see https://example.org/it's-here and `a \"b\" c'd` or <a href=\"x\">"
        );
        assert_eq!(set("en", "the '90s and rock 'n' roll"), "the ’90s and rock ’n’ roll");
    }

    #[test]
    fn a_quotation_inside_a_quotation_takes_the_inner_marks() {
        assert_eq!(set("ru", r#""она сказала "нет" дважды""#), "«она сказала „нет“ дважды»");
        assert_eq!(set("en", r#""he said "no" twice""#), "“he said ‘no’ twice”");
    }

    #[test]
    fn a_quote_after_an_emphasised_word_closes() {
        let mut typographer = Typographer::new(&"en".parse().expect("a tag"));
        let first = typographer.set("He said \"");
        let middle = typographer.set("no");
        let last = typographer.set("\" twice.");
        assert_eq!(format!("{first}{middle}{last}"), "He said “no” twice.");
    }
}
