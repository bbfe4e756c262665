//! Rule-based hyphenation for Kyrgyz (Cyrillic) and Uzbek (Latin and Cyrillic).
//!
//! No TeX patterns exist for these languages, so the break points come from the
//! spelling rules for moving words to the next line (Kyrgyz spelling rules
//! §78–81; the Uzbek rules say the same about syllables):
//!
//! * a word breaks only between syllables, and a one-syllable word never breaks;
//! * one consonant between two vowels starts the next syllable (ка-та, ki-tob);
//! * of two or more consonants between vowels only the last one starts the next
//!   syllable (кыр-гыз, мек-теп, mak-tab, Tosh-kent);
//! * е ё ю я after a vowel or й stand for й + vowel and start a syllable
//!   (о-юн, Но-ябрь, сай-ёҳ);
//! * two vowels side by side belong to different syllables (ра-ди-о), except a
//!   Kyrgyz long vowel (аа, ээ, ии, оо, өө, уу, үү, ыы), which is one vowel and
//!   never split (тоо-лор);
//! * digraphs are one letter and never split (Uzbek oʻ gʻ sh ch ng, Cyrillic нг);
//! * ь and ъ (Kyrgyz) stay with the consonant before them; the Uzbek tutuq
//!   belgisi (ʼ, Cyrillic ъ) closes its syllable and never starts a line (maʼ-no,
//!   sanʼ-at, маъ-но);
//! * at least two letters stay on each side of a break (a digraph is one letter,
//!   a Kyrgyz long vowel two, ь ъ ʼ none), and the piece at either end of the word
//!   must not be a lone vowel (no а-та, no оо-зу).
//!
//! One exception to the mechanical rule: Kyrgyz compounds in -стан after a
//! consonant break before "стан" (Кыр-гыз-стан, not Кыр-гызс-тан).
//!
//! Loan words (редакция, журналист) go through the same mechanical rules, which
//! gives ре-дак-ция but also прог-рам-ма, komp-yu-ter (not kom-pyu-ter); that is accepted.
//!
//! Words with characters outside the language's alphabet (digits, other scripts,
//! punctuation, combining marks other than stress marks and decomposed й ё ў ө ү)
//! are left unbroken: no rule covers them.

use crate::locale::SyllableRules;

/// Byte offsets inside `word` where a line may break with a hyphen, ascending, never 0 or
/// word.len(), always on char boundaries, by `rules` (the locale registry says which language
/// takes which). Uzbek words take the rules of their own script: "uz" text may hold either,
/// and a mistagged word would otherwise get no breaks at all.
pub fn hyphenation_points(word: &str, rules: SyllableRules) -> Vec<usize> {
    let script = match rules {
        SyllableRules::Kyrgyz => Script::Kyrgyz,
        SyllableRules::Uzbek if word.chars().any(is_cyrillic) => Script::UzbekCyrillic,
        SyllableRules::Uzbek => Script::UzbekLatin,
    };
    match tokenize(word, script) {
        Some(units) => breaks(&units, script),
        None => Vec::new(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Kyrgyz,
    UzbekLatin,
    UzbekCyrillic,
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4FF}').contains(&c)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Vowel,
    Consonant,
    /// ь, Kyrgyz ъ: belongs to the consonant before it, not counted as a letter.
    Sign,
    /// Uzbek ʼ (Cyrillic ъ): closes the syllable, never starts one, not counted as a letter.
    Glottal,
}

/// One letter of the word as the rules see it: a digraph and a Kyrgyz long
/// vowel are one unit.
#[derive(Clone, Copy, Debug)]
struct Unit {
    start: usize,
    end: usize,
    kind: Kind,
    /// Lower-case first char.
    ch: char,
    /// Letters for the two-letter minimum (digraph 1, long vowel 2, signs 0).
    letters: u8,
    /// е ё ю я after a vowel or й: stands for й + vowel, so a syllable starts here.
    iotated: bool,
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Apostrophe-like marks: the ʻ of oʻ gʻ and the tutuq belgisi ʼ, as typed.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\u{2BB}' | '\u{2BC}' | '\'' | '\u{2018}' | '\u{2019}' | '`')
}

/// The word's chars, lower-cased, with decomposed letters put together (и + ◌̆ = й,
/// е + ◌̈ = ё, у + ◌̆ = ў, о + ◌̈ = ө, у + ◌̈ = ү) and stress marks (◌̀ ◌́) folded
/// into the letter before them, so a break never falls before a combining mark.
/// Any other combining mark gives None.
fn letters_of(word: &str) -> Option<Vec<(usize, char)>> {
    let mut out: Vec<(usize, char)> = Vec::with_capacity(word.len());
    for (i, c) in word.char_indices() {
        if !('\u{300}'..='\u{36F}').contains(&c) {
            out.push((i, lower(c)));
            continue;
        }
        let last = out.last_mut()?;
        last.1 = match (last.1, c) {
            (base, '\u{300}' | '\u{301}') => base,
            ('и', '\u{306}') => 'й',
            ('е', '\u{308}') => 'ё',
            ('у', '\u{306}') => 'ў',
            ('о', '\u{308}') => 'ө',
            ('у', '\u{308}') => 'ү',
            _ => return None,
        };
    }
    Some(out)
}

fn tokenize(word: &str, script: Script) -> Option<Vec<Unit>> {
    let chars = letters_of(word)?;
    let end_of = |k: usize| chars.get(k).map_or(word.len(), |&(i, _)| i);
    let mut units: Vec<Unit> = Vec::with_capacity(chars.len());
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let after_next = chars.get(k + 2).map(|&(_, n)| n);
        // е ё ю я bring their own й after a vowel, and after й (сай-ёҳ): the
        // syllable starts at them.
        let prev_vowel = units.last().is_some_and(|u| u.kind == Kind::Vowel || u.ch == 'й');
        let mut len = 1; // chars taken
        let mut letters = 1;
        let mut iotated = false;
        let kind = match script {
            Script::Kyrgyz => match c {
                'а' | 'э' | 'и' | 'о' | 'ө' | 'у' | 'ү' | 'ы' | 'е' | 'ё' | 'ю' | 'я' => {
                    // A doubled vowel is one long vowel: never split it.
                    if let Some(last) = units.last_mut() {
                        if last.kind == Kind::Vowel
                            && last.letters == 1
                            && last.ch == c
                            && "аэиоөуүы".contains(c)
                        {
                            last.end = end_of(k + 1);
                            last.letters = 2;
                            k += 1;
                            continue;
                        }
                    }
                    // е ё ю я after a vowel (or й) are й + vowel (о-юн, Но-ябрь).
                    iotated = prev_vowel && "еёюя".contains(c);
                    Kind::Vowel
                }
                // й is an ordinary consonant (closes a syllable before a consonant: ай-лык).
                'б' | 'в' | 'г' | 'д' | 'ж' | 'з' | 'й' | 'к' | 'л' | 'м' | 'н' | 'ң' | 'п' | 'р' | 'с'
                | 'т' | 'ф' | 'х' | 'ц' | 'ч' | 'ш' | 'щ' => Kind::Consonant,
                'ь' | 'ъ' => {
                    letters = 0;
                    Kind::Sign
                }
                _ => return None,
            },
            Script::UzbekLatin => match c {
                // oʻ and gʻ, whatever apostrophe was typed, are one letter.
                'o' | 'g' if next.is_some_and(is_apostrophe) => {
                    len = 2;
                    if c == 'o' {
                        Kind::Vowel
                    } else {
                        Kind::Consonant
                    }
                }
                'a' | 'e' | 'i' | 'o' | 'u' => Kind::Vowel,
                // sh, ch, ng are one consonant (but n + gʻ is two letters).
                's' | 'c' if next == Some('h') => {
                    len = 2;
                    Kind::Consonant
                }
                'n' if next == Some('g') && !after_next.is_some_and(is_apostrophe) => {
                    len = 2;
                    Kind::Consonant
                }
                'b' | 'c' | 'd' | 'f' | 'g' | 'h' | 'j' | 'k' | 'l' | 'm' | 'n' | 'p' | 'q' | 'r' | 's'
                | 't' | 'v' | 'w' | 'x' | 'y' | 'z' => Kind::Consonant,
                _ if is_apostrophe(c) => {
                    letters = 0;
                    Kind::Glottal
                }
                _ => return None,
            },
            Script::UzbekCyrillic => match c {
                'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'э' | 'ю' | 'я' | 'ў' => {
                    iotated = prev_vowel && "еёюя".contains(c);
                    Kind::Vowel
                }
                // нг is one consonant, as ng in Latin script.
                'н' if next == Some('г') => {
                    len = 2;
                    Kind::Consonant
                }
                'б' | 'в' | 'г' | 'д' | 'ж' | 'з' | 'й' | 'к' | 'л' | 'м' | 'н' | 'п' | 'р' | 'с' | 'т'
                | 'ф' | 'х' | 'ц' | 'ч' | 'ш' | 'щ' | 'қ' | 'ғ' | 'ҳ' => Kind::Consonant,
                'ъ' => {
                    letters = 0;
                    Kind::Glottal
                }
                'ь' => {
                    letters = 0;
                    Kind::Sign
                }
                _ if is_apostrophe(c) => {
                    letters = 0;
                    Kind::Glottal
                }
                _ => return None,
            },
        };
        units.push(Unit { start, end: end_of(k + len), kind, ch: c, letters, iotated });
        k += len;
    }
    Some(units)
}

fn breaks(units: &[Unit], script: Script) -> Vec<usize> {
    let nuclei: Vec<usize> = (0..units.len()).filter(|&i| units[i].kind == Kind::Vowel).collect();
    let mut out = Vec::new();
    for pair in nuclei.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let k = syllable_start(units, a, b, script);
        if piece_ok(&units[..k]) && piece_ok(&units[k..]) {
            out.push(units[k].start);
        }
    }
    out
}

/// Index of the unit that starts the syllable of the vowel `units[b]`, the
/// previous vowel being `units[a]`.
fn syllable_start(units: &[Unit], a: usize, b: usize, script: Script) -> usize {
    // е ё ю я after a vowel: the hidden й starts the syllable.
    if units[b].iotated {
        return b;
    }
    let cons: Vec<usize> =
        (a + 1..b).filter(|&i| matches!(units[i].kind, Kind::Consonant | Kind::Glottal)).collect();
    let Some(&last) = cons.last() else {
        // Two vowels side by side: break between them (ра-ди-о).
        return b;
    };
    if units[last].kind == Kind::Glottal {
        // ʼ / Uzbek ъ never starts a line: break after it (sanʼ-at, маъ-но).
        let mut k = last + 1;
        while k < b && units[k].kind == Kind::Sign {
            k += 1;
        }
        return k;
    }
    // Kyrgyz names in -стан (Кыргызстан, Казакстан, Өзбекстан): the compound
    // breaks before "стан" (кыр-гыз-стан), not mechanically before т (-гызс-тан).
    // Applies to a cluster of three or more consonants ending in ст before "ан".
    if script == Script::Kyrgyz && cons.len() >= 3 {
        let n = cons.len();
        if units[cons[n - 2]].ch == 'с'
            && units[cons[n - 1]].ch == 'т'
            && units[b].ch == 'а'
            && units.get(b + 1).is_some_and(|u| u.ch == 'н')
        {
            return cons[n - 2];
        }
    }
    // One consonant goes to the next syllable (ка-та); of several, only the
    // last one does (кыр-гыз, mak-tab, Tosh-kent). ь/ъ after it stay with it.
    last
}

/// A piece left at either end of the word: at least two letters, and not a lone
/// vowel (a long vowel alone, as in оо-, is a lone vowel too).
fn piece_ok(piece: &[Unit]) -> bool {
    let letters: u32 = piece.iter().map(|u| u32::from(u.letters)).sum();
    let mut sounding = piece.iter().filter(|u| matches!(u.kind, Kind::Vowel | Kind::Consonant));
    let lone_vowel = match (sounding.next(), sounding.next()) {
        (Some(u), None) => u.kind == Kind::Vowel && !u.iotated,
        _ => false,
    };
    letters >= 2 && !lone_vowel
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word lists: one word a line with every accepted break marked by '-'.
    /// They live in `words/` at the crate root.
    const KY: &str =
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/languages/hyphenation/ky.txt"));
    const UZ_LATN: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/languages/hyphenation/uz-latn.txt"
    ));
    const UZ_CYRL: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/languages/hyphenation/uz-cyrl.txt"
    ));

    /// The rules the locale registry gives `tag`, applied to `word` (no breaks when it gives
    /// none): the lists are written per language tag.
    fn hyphenation_points(word: &str, tag: &str) -> Vec<usize> {
        match tag.parse().map(|tag| crate::locale::hyphenator(&tag)) {
            Ok(crate::locale::Hyphenator::Syllables(rules)) => super::hyphenation_points(word, rules),
            _ => Vec::new(),
        }
    }

    fn handles(tag: &str) -> bool {
        let hyphenator = tag.parse().map(|tag| crate::locale::hyphenator(&tag));
        matches!(hyphenator, Ok(crate::locale::Hyphenator::Syllables(_)))
    }

    /// The word as produced by the module, with '-' at each break.
    fn hyph(word: &str, lang: &str) -> String {
        let mut s = String::new();
        let mut last = 0;
        for p in hyphenation_points(word, lang) {
            s.push_str(&word[last..p]);
            s.push('-');
            last = p;
        }
        s.push_str(&word[last..]);
        s
    }

    fn entries(list: &str) -> impl Iterator<Item = &str> {
        list.lines().map(|l| l.split('#').next().unwrap().trim()).filter(|l| !l.is_empty())
    }

    /// (word, accepted break offsets)
    fn parse_entry(entry: &str) -> (String, Vec<usize>) {
        let mut word = String::new();
        let mut accepted = Vec::new();
        for c in entry.chars() {
            if c == '-' {
                accepted.push(word.len());
            } else {
                word.push(c);
            }
        }
        (word, accepted)
    }

    struct Stats {
        words: usize,
        long_words: usize,
        accepted_long: usize,
        found_long: usize,
        false_breaks: Vec<String>,
    }

    fn check_list(list: &str, lang: &str) -> Stats {
        let mut st =
            Stats { words: 0, long_words: 0, accepted_long: 0, found_long: 0, false_breaks: Vec::new() };
        for entry in entries(list) {
            let (word, accepted) = parse_entry(entry);
            let got = hyphenation_points(&word, lang);
            st.words += 1;
            if got.iter().any(|p| !accepted.contains(p)) {
                st.false_breaks.push(format!("{entry} -> {}", hyph(&word, lang)));
            }
            // Letters, not counting apostrophes.
            if word.chars().filter(|&c| c.is_alphabetic() && !is_apostrophe(c)).count() >= 7 {
                st.long_words += 1;
                st.accepted_long += accepted.len();
                st.found_long += accepted.iter().filter(|p| got.contains(p)).count();
            }
        }
        st
    }

    fn run_list(list: &str, lang: &str) {
        let st = check_list(list, lang);
        let recall = st.found_long as f64 / st.accepted_long.max(1) as f64;
        eprintln!(
            "{lang}: {} words, {} of 7+ letters; recall on those {}/{} = {:.1}%; false breaks {}",
            st.words,
            st.long_words,
            st.found_long,
            st.accepted_long,
            recall * 100.0,
            st.false_breaks.len()
        );
        // Missed breaks, for information.
        for entry in entries(list) {
            let (word, accepted) = parse_entry(entry);
            let got = hyphenation_points(&word, lang);
            if got != accepted {
                eprintln!("  list {entry}  got {}", hyph(&word, lang));
            }
        }
        assert!(st.words >= 200, "{lang}: only {} words", st.words);
        assert!(st.long_words * 2 >= st.words, "{lang}: fewer than half the words have 7+ letters");
        assert!(st.false_breaks.is_empty(), "{lang}: false breaks: {:#?}", st.false_breaks);
        assert!(recall >= 0.9, "{lang}: recall {recall}");
    }

    #[test]
    fn list_ky() {
        run_list(KY, "ky");
    }

    #[test]
    fn list_uz_latn() {
        run_list(UZ_LATN, "uz-Latn");
        // Plain "uz" is Latin for a Latin word.
        run_list(UZ_LATN, "uz");
    }

    #[test]
    fn list_uz_cyrl() {
        run_list(UZ_CYRL, "uz-Cyrl");
        // Plain "uz" picks the Cyrillic rules for a Cyrillic word.
        run_list(UZ_CYRL, "uz");
    }

    #[test]
    fn languages() {
        for l in ["ky", "KY", "ky-Cyrl", "ky-KG", "uz", "uz-Latn", "uz-Cyrl", "UZ-latn", "uz-Latn-UZ"] {
            assert!(handles(l), "{l}");
        }
        for l in ["", "en", "ru", "kk", "tr", "ky-Latn", "uz-Arab", "kyr", "uzb"] {
            assert!(!handles(l), "{l}");
            assert!(hyphenation_points("мектеп", l).is_empty());
            assert!(hyphenation_points("maktab", l).is_empty());
        }
    }

    #[test]
    fn ky_rules() {
        let h = |w: &str| hyph(w, "ky");
        // One consonant between vowels goes right; of two, the last goes right.
        assert_eq!(h("катары"), "ка-та-ры");
        assert_eq!(h("мектеп"), "мек-теп");
        assert_eq!(h("кыргыз"), "кыр-гыз");
        // Three consonants: only the last goes right (native words).
        assert_eq!(h("айткан"), "айт-кан");
        assert_eq!(h("түрктөр"), "түрк-төр");
        // -стан names.
        assert_eq!(h("Кыргызстан"), "Кыр-гыз-стан");
        assert_eq!(h("Казакстандын"), "Ка-зак-стан-дын");
        assert_eq!(h("Пакистан"), "Па-кис-тан");
        // Long vowels are never split and are one vowel.
        assert_eq!(h("тоолор"), "тоо-лор");
        assert_eq!(h("окуучулар"), "окуу-чу-лар");
        assert_eq!(h("бүгүнкүү"), "бү-гүн-күү");
        assert_eq!(h("ооруу"), "ооруу"); // оо-руу would leave a lone (long) vowel
        assert_eq!(h("ээси"), "ээси");
        // No lone vowel, at least two letters at each end.
        assert_eq!(h("ата"), "ата");
        assert_eq!(h("акыл"), "акыл");
        assert_eq!(h("эмне"), "эм-не");
        assert_eq!(h("кара"), "ка-ра");
        assert_eq!(h("калемди"), "ка-лем-ди");
        // One-syllable words.
        for w in ["тоо", "жол", "Ош", "спорт", "үй", "айт", "мээ", "Ноябрь"] {
            if w != "Ноябрь" {
                assert!(hyphenation_points(w, "ky").is_empty(), "{w}");
            }
        }
        // ь and ъ stay with the consonant before them.
        assert_eq!(h("Ноябрь"), "Но-ябрь");
        assert_eq!(h("апрелде"), "ап-рел-де");
        assert_eq!(h("компьютер"), "ком-пью-тер");
        assert_eq!(h("сентябрда"), "сен-тябр-да");
        assert_eq!(h("съездге"), "съезд-ге");
        // е ё ю я after a vowel are й + vowel; й is a consonant.
        assert_eq!(h("оюнчу"), "оюн-чу");
        assert_eq!(h("союздаш"), "со-юз-даш");
        assert_eq!(h("аялдар"), "аял-дар");
        assert_eq!(h("айлык"), "ай-лык");
        assert_eq!(h("үйлөр"), "үй-лөр");
        assert_eq!(h("кайра"), "кай-ра");
        // Capitals like lower case.
        assert_eq!(h("БИШКЕК"), "БИШ-КЕК");
        assert_eq!(h("Бишкек"), "Биш-кек");
        // Loan words, mechanically.
        assert_eq!(h("редакция"), "ре-дак-ция");
        assert_eq!(h("организация"), "ор-га-ни-за-ция");
        assert_eq!(h("журналист"), "жур-на-лист");
    }

    #[test]
    fn uz_latn_rules() {
        let h = |w: &str| hyph(w, "uz-Latn");
        assert_eq!(h("kitob"), "ki-tob");
        assert_eq!(h("maktab"), "mak-tab");
        assert_eq!(h("Toshkent"), "Tosh-kent");
        assert_eq!(h("Samarqand"), "Sa-mar-qand");
        // oʻ gʻ with every apostrophe.
        for a in ['\u{2BB}', '\'', '\u{2018}', '\u{2019}', '\u{2BC}'] {
            let w = format!("o{a}qituvchi");
            assert_eq!(h(&w), format!("o{a}qi-tuv-chi"));
            let w = format!("Far{}{a}ona", 'g');
            assert_eq!(h(&w), format!("Far-g{a}o-na"));
        }
        assert_eq!(h("OʻZBEKISTON"), "OʻZ-BE-KIS-TON");
        // sh ch ng are one letter, never split.
        assert_eq!(h("bosh"), "bosh");
        assert_eq!(h("ishchi"), "ish-chi");
        assert_eq!(h("pechak"), "pe-chak");
        assert_eq!(h("dengiz"), "de-ngiz");
        assert_eq!(h("tonggi"), "tong-gi");
        assert_eq!(h("Shahrisabz"), "Shah-ri-sabz");
        // n + gʻ is not ng.
        assert_eq!(h("tongʻotar"), "ton-gʻo-tar");
        // The tutuq belgisi stays left and never starts a line.
        assert_eq!(h("maʼno"), "maʼ-no");
        assert_eq!(h("sanʼat"), "sanʼ-at");
        assert_eq!(h("san'at"), "san'-at");
        assert_eq!(h("mas’uliyat"), "mas’-u-li-yat");
        assert_eq!(h("taʼlim"), "taʼ-lim");
        assert_eq!(h("eʼlon"), "eʼlon"); // eʼ- is a lone vowel
                                         // No lone vowel, two letters each side; one-syllable words.
        assert_eq!(h("ota"), "ota");
        assert_eq!(h("ona"), "ona");
        assert_eq!(h("oila"), "oi-la");
        assert_eq!(h("radio"), "ra-dio");
        for w in ["non", "suv", "tosh", "choy", "ishq", "oʻn", "gʻisht"] {
            assert!(hyphenation_points(w, "uz").is_empty(), "{w}");
        }
        // A Cyrillic word under "uz" or even "uz-Latn" gets the Cyrillic rules.
        assert_eq!(hyph("мактаб", "uz"), "мак-таб");
        assert_eq!(hyph("мактаб", "uz-Latn"), "мак-таб");
    }

    #[test]
    fn uz_cyrl_rules() {
        let h = |w: &str| hyph(w, "uz-Cyrl");
        assert_eq!(h("китоб"), "ки-тоб");
        assert_eq!(h("Тошкент"), "Тош-кент");
        assert_eq!(h("Ўзбекистон"), "Ўз-бе-кис-тон");
        assert_eq!(h("ўқитувчи"), "ўқи-тув-чи");
        assert_eq!(h("ЎҚИТУВЧИ"), "ЎҚИ-ТУВ-ЧИ");
        assert_eq!(h("денгиз"), "де-нгиз");
        // ъ stays with the letter before it and closes the syllable.
        assert_eq!(h("маъно"), "маъ-но");
        assert_eq!(h("санъат"), "санъ-ат");
        assert_eq!(h("таълим"), "таъ-лим");
        assert_eq!(h("мўъжиза"), "мўъ-жи-за");
        assert_eq!(h("ота"), "ота");
        assert_eq!(h("она"), "она");
        for w in ["нон", "сув", "тош", "чой", "ғишт"] {
            assert!(hyphenation_points(w, "uz-Cyrl").is_empty(), "{w}");
        }
    }

    #[test]
    fn odd_inputs() {
        let inputs = [
            "",
            "a",
            "а",
            "ʼ",
            "'",
            "''",
            "ʻʻʻ",
            "o'",
            "g'",
            "ng",
            "нг",
            "ъ",
            "ь",
            "ьа",
            "ъъъъ",
            "aaaaaaa",
            "аааааааа",
            "оооооо",
            "ssshhhh",
            "x",
            "mak1tab",
            "мек2теп",
            "123456",
            "maktabмектеп",
            "мектепmaktab",
            "Straße",
            "İstanbul",
            "ﬁnal",
            "йй",
            "яяяяяя",
            "еее",
            "мектеп\u{301}",
            "ме\u{301}ктеп",
            "и\u{306}ыл",
            "maʼʼʼno",
            "ʼmaktab",
            "maktabʼ",
            "o\u{2BB}\u{2BB}zbek",
            "Oʻ",
            "OʻOʻOʻOʻ",
            "😀😀😀",
            "mak😀tab",
            "\u{200D}",
            "a\u{AD}b",
            "ЎЎЎЎЎ",
            "ққақақа",
            "a b c d",
            "ТООЛОР",
            "ТООлор",
            "sh'h",
            "n'g'",
            "ngngng",
        ];
        for lang in ["ky", "uz", "uz-Latn", "uz-Cyrl", "en", ""] {
            for w in inputs {
                let pts = hyphenation_points(w, lang);
                let mut prev = 0;
                for &p in &pts {
                    assert!(p > prev && p < w.len(), "{w:?} {lang}: {pts:?}");
                    assert!(w.is_char_boundary(p), "{w:?} {lang}: {pts:?}");
                    prev = p;
                }
            }
        }
        // Non-letters leave the word unbroken.
        assert!(hyphenation_points("mak1tab", "uz").is_empty());
        assert!(hyphenation_points("мектеп\u{302}", "ky").is_empty());
        // Decomposed letters and stress marks: breaks only before whole letters.
        assert_eq!(hyph("ме\u{301}ктеп", "ky"), "ме\u{301}к-теп");
        assert_eq!(hyph("кии\u{306}ин", "ky"), "ки-и\u{306}ин");
        assert_eq!(hyph("би\u{301}и\u{306}ик", "ky"), "би\u{301}-и\u{306}ик");
        assert_eq!(hyph("у\u{306}қитувчи", "uz-Cyrl"), "у\u{306}қи-тув-чи");
        assert_eq!(hyph("бу\u{308}гу\u{308}н", "ky"), "бу\u{308}-гу\u{308}н");
        // Every char of a long pseudo-random string mix, sliced at char boundaries.
        let pool: Vec<char> =
            "аеёиоөуүыэюяйьъбкнңрстмпш aeiouʻʼ'’shcngkqtxyoʻgʻўқғҳнг1😀\u{301}".chars().collect();
        let mut x: u32 = 12345;
        for _ in 0..3000 {
            let mut w = String::new();
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let n = (x >> 16) % 12;
            for _ in 0..n {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                w.push(pool[(x >> 16) as usize % pool.len()]);
            }
            for lang in ["ky", "uz", "uz-Cyrl"] {
                let pts = hyphenation_points(&w, lang);
                let mut prev = 0;
                for &p in &pts {
                    assert!(p > prev && p < w.len() && w.is_char_boundary(p), "{w:?} {lang}: {pts:?}");
                    prev = p;
                }
            }
        }
    }
}
