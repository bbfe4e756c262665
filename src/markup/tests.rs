//! Tests of the markup parser through `Rich::parse`, with fuzzing against pulldown-cmark.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::text::append_text;
use super::*;

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

fn emph(content: Vec<Inline>) -> Inline {
    Inline::Emph(content)
}

fn strong(content: Vec<Inline>) -> Inline {
    Inline::Strong(content)
}

fn link(url: &str, content: Vec<Inline>) -> Inline {
    Inline::Link { url: url.parse().unwrap(), content }
}

fn span(lang: &str, content: Vec<Inline>) -> Inline {
    Inline::Span { lang: lang.parse().unwrap(), content }
}

fn cite(ids: &[&str]) -> Inline {
    Inline::Cite(ids.iter().map(|id| id.to_string()).collect())
}

/// Parses text that must have no problems.
fn parse(source: &str) -> Vec<Inline> {
    let rich = Rich::parse(source);
    assert_eq!(rich.problems, vec![], "problems in {source:?}");
    assert_well_formed(&rich.inlines);
    rich.inlines
}

/// Parses text that must come out as exactly one text run, without problems.
fn assert_literal(source: &str, expected: &str) {
    assert_eq!(parse(source), vec![text(expected)], "for {source:?}");
}

/// Parses text with exactly one problem, which is returned.
fn one_problem(source: &str) -> (Vec<Inline>, Problem) {
    let rich = Rich::parse(source);
    assert_eq!(rich.problems.len(), 1, "problems in {source:?}: {:?}", rich.problems);
    assert_well_formed(&rich.inlines);
    (rich.inlines, rich.problems[0].clone())
}

/// No empty text, no two texts side by side.
fn assert_well_formed(inlines: &[Inline]) {
    for pair in inlines.windows(2) {
        assert!(!matches!(pair, [Inline::Text(_), Inline::Text(_)]), "unmerged texts in {inlines:?}");
    }
    for inline in inlines {
        match inline {
            Inline::Text(t) => assert!(!t.is_empty(), "empty text in {inlines:?}"),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => assert_well_formed(c),
            Inline::Span { content, .. } => assert_well_formed(content),
            Inline::Cite(ids) => assert!(!ids.is_empty()),
        }
    }
}

fn depth(inlines: &[Inline]) -> usize {
    let inner = |inline: &Inline| match inline {
        Inline::Text(_) | Inline::Cite(_) => 0,
        Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => depth(c),
        Inline::Span { content, .. } => depth(content),
    };
    inlines.iter().map(|i| 1 + inner(i)).max().unwrap_or(0)
}

#[test]
fn plain_text_is_one_run_as_written() {
    for source in [
        "Kloop is an independent outlet.",
        "«Клооп» — независимое издание, 2007 год.",
        "Oʻzbekiston va Qirgʻiziston; oʻqituvchi, gʻoya.",
        "Prices rose 5% (from 100 to 105) — see p. 3!",
        "a + b = c; x > y & y < z",
    ] {
        assert_literal(source, source);
    }
    assert_eq!(parse(""), vec![]);
    assert_literal("  spaced  ", "  spaced  ");
}

#[test]
fn emphasis_and_strong_with_either_delimiter() {
    assert_eq!(parse("*a*"), vec![emph(vec![text("a")])]);
    assert_eq!(parse("_a_"), vec![emph(vec![text("a")])]);
    assert_eq!(parse("**a**"), vec![strong(vec![text("a")])]);
    assert_eq!(parse("__a__"), vec![strong(vec![text("a")])]);
    assert_eq!(
        parse("Kloop is *independent*, __really__."),
        vec![
            text("Kloop is "),
            emph(vec![text("independent")]),
            text(", "),
            strong(vec![text("really")]),
            text(".")
        ]
    );
    assert_eq!(parse("*Клооп*"), vec![emph(vec![text("Клооп")])]);
}

#[test]
fn emphasis_nests_as_commonmark_does() {
    assert_eq!(parse("***a***"), vec![emph(vec![strong(vec![text("a")])])]);
    assert_eq!(parse("*a **b** c*"), vec![emph(vec![text("a "), strong(vec![text("b")]), text(" c")])]);
    assert_eq!(parse("__a _b_ c__"), vec![strong(vec![text("a "), emph(vec![text("b")]), text(" c")])]);
    assert_eq!(parse("****a****"), vec![strong(vec![strong(vec![text("a")])])]);
}

#[test]
fn unpaired_or_intraword_delimiters_stay_text() {
    for source in ["*a", "a*", "**", "* a *", "a * b", "snake_case_name", "oʻzbek_tili_kitob", "_a", "2 * 3"]
    {
        assert_literal(source, source);
    }
    assert_eq!(parse("**a*"), vec![text("*"), emph(vec![text("a")])]);
}

#[test]
fn links() {
    assert_eq!(
        parse("Read [Kloop](https://kloop.kg/) daily"),
        vec![text("Read "), link("https://kloop.kg/", vec![text("Kloop")]), text(" daily")]
    );
    let expected = vec![link("https://kloop.kg", vec![text("a")])];
    assert_eq!(parse("[a](https://kloop.kg \"Kloop\")"), expected);
    assert_eq!(parse("[a](https://kloop.kg 'Kloop')"), expected);
    assert_eq!(parse("[a]( <https://kloop.kg> )"), expected);
    assert_eq!(
        parse("[w](https://en.wikipedia.org/wiki/Kloop_(media))"),
        vec![link("https://en.wikipedia.org/wiki/Kloop_(media)", vec![text("w")])]
    );
    assert_eq!(parse("[a](https://x.org/a\\_b)"), vec![link("https://x.org/a_b", vec![text("a")])]);
    assert_eq!(parse("[a [b] c](https://x.org)"), vec![link("https://x.org", vec![text("a [b] c")])]);
    assert_eq!(parse("![photo](https://x.org)"), vec![text("!"), link("https://x.org", vec![text("photo")])]);
}

#[test]
fn emphasis_and_links_nest_both_ways() {
    assert_eq!(
        parse("[*Kloop* **media**](https://kloop.kg)"),
        vec![link(
            "https://kloop.kg",
            vec![emph(vec![text("Kloop")]), text(" "), strong(vec![text("media")])]
        )]
    );
    assert_eq!(
        parse("**see [Kloop](https://kloop.kg)**"),
        vec![strong(vec![text("see "), link("https://kloop.kg", vec![text("Kloop")])])]
    );
    // Emphasis never pairs across a link's brackets.
    assert_eq!(
        parse("*a [b* c](https://x.org)"),
        vec![text("*a "), link("https://x.org", vec![text("b* c")])]
    );
}

#[test]
fn bad_link_addresses_are_problems() {
    let (inlines, problem) = one_problem("See [Kloop](kloop.kg).");
    assert_eq!(inlines, vec![text("See [Kloop](kloop.kg).")]);
    assert_eq!(problem.offset, 4);
    assert_eq!(problem.message, "`kloop.kg` is not a web address");
    assert_eq!(problem.hint, "write it in full, e.g. https://example.org/");
    for (source, message) in [
        ("[a](javascript:alert(1))", "`javascript:alert(1)` is not a web address"),
        ("[a](https://x.org not a title)", "`https://x.org not a title` is not a web address"),
        ("[a]()", "This link has no web address"),
        ("[](https://x.org)", "This link has no text to show"),
        ("[ ](https://x.org)", "This link has no text to show"),
    ] {
        let (inlines, problem) = one_problem(source);
        assert_eq!((inlines, problem.offset), (vec![text(source)], 0), "for {source:?}");
        assert_eq!(problem.message, message);
    }
}

#[test]
fn unclosed_link_address_is_a_problem() {
    let (inlines, problem) = one_problem("Кыргызстан [text](https://x.org");
    assert_eq!(inlines, vec![text("Кыргызстан [text](https://x.org")]);
    assert_eq!(problem.offset, "Кыргызстан ".len());
    assert_eq!(problem.message, "This link's address has no closing )");
    let (_, problem) = one_problem("[a](https://x.org (note) and more");
    assert_eq!(problem.offset, 0);
}

#[test]
fn a_link_inside_a_link_is_a_problem() {
    let (inlines, problem) = one_problem("[a [b](https://b.org) c](https://a.org)");
    assert_eq!(
        inlines,
        vec![text("[a "), link("https://b.org", vec![text("b")]), text(" c](https://a.org)")]
    );
    assert_eq!((problem.offset, problem.message.as_str()), (0, "A link cannot contain another link"));
}

#[test]
fn autolinks_to_web_addresses_are_links() {
    assert_eq!(
        parse("see <https://kloop.kg/a_b_c>."),
        vec![text("see "), link("https://kloop.kg/a_b_c", vec![text("https://kloop.kg/a_b_c")]), text(".")]
    );
    assert_literal("<mailto:a_b*c*@x.org> <ftp://x.org>", "<mailto:a_b*c*@x.org> <ftp://x.org>");
    let (inlines, problem) = one_problem("a <https://localhost>");
    assert_eq!(inlines, vec![text("a <https://localhost>")]);
    assert_eq!((problem.offset, problem.message.as_str()), (2, "`https://localhost` is not a web address"));
}

#[test]
fn citations() {
    assert_eq!(parse("[@kloop]"), vec![cite(&["kloop"])]);
    assert_eq!(parse("Founded 2007 [@a; @b]."), vec![text("Founded 2007 "), cite(&["a", "b"]), text(".")]);
    assert_eq!(parse("[ @a ;@b_2019 ; @c-d.e ]"), vec![cite(&["a", "b_2019", "c-d.e"])]);
    assert_eq!(parse("[@клооп_2019]"), vec![cite(&["клооп_2019"])]);
    assert_eq!(parse("[@a_b_c]"), vec![cite(&["a_b_c"])]);
    assert_eq!(parse("*a [@x] b*"), vec![emph(vec![text("a "), cite(&["x"]), text(" b")])]);
}

#[test]
fn malformed_citations_are_problems() {
    for source in ["[@]", "[@a; b]", "[@a, @b]", "[@a;]", "[@ a]", "[@a b]", "[@a [x]]", "[@a*]"] {
        let (inlines, problem) = one_problem(source);
        assert_eq!(inlines.iter().filter(|i| matches!(i, Inline::Cite(_))).count(), 0, "{source:?}");
        assert_eq!(problem.offset, 0);
        assert_eq!(problem.message, format!("`{source}` is not a citation"));
        assert!(problem.hint.contains("[@id]") && problem.hint.contains("[@a; @b]"));
    }
    let (inlines, problem) = one_problem("As shown [@kloop");
    assert_eq!(inlines, vec![text("As shown [@kloop")]);
    assert_eq!(problem.offset, 9);
    assert_eq!(problem.message, "This citation has no closing ]");
}

#[test]
fn language_spans() {
    assert_eq!(
        parse("[Oʻzbekiston va Qirgʻiziston]{lang=uz-Latn}"),
        vec![span("uz-Latn", vec![text("Oʻzbekiston va Qirgʻiziston")])]
    );
    assert_eq!(parse("[Клооп]{lang=\"ky\"}"), vec![span("ky", vec![text("Клооп")])]);
    assert_eq!(parse("[Клооп]{ lang='ky' }"), vec![span("ky", vec![text("Клооп")])]);
    assert_eq!(
        parse("[*Kloop* [@k]]{lang=ky}"),
        vec![span("ky", vec![emph(vec![text("Kloop")]), text(" "), cite(&["k"])])]
    );
    assert_eq!(
        parse("[a [b]{lang=ru} [c](https://c.org)]{lang=ky}"),
        vec![span(
            "ky",
            vec![text("a "), span("ru", vec![text("b")]), text(" "), link("https://c.org", vec![text("c")])]
        )]
    );
    assert_eq!(parse("**[x]{lang=en}**"), vec![strong(vec![span("en", vec![text("x")])])]);
    assert_eq!(
        parse("[[x]{lang=en}](https://x.org)"),
        vec![link("https://x.org", vec![span("en", vec![text("x")])])]
    );
}

#[test]
fn bad_span_attributes_are_problems() {
    for (source, message) in [
        ("[a]{lang=english}", "`english` is not a language tag"),
        ("[a]{lang=}", "`{lang=}` is not a language mark: only lang=… is understood"),
        ("[a]{.smallcaps}", "`{.smallcaps}` is not a language mark: only lang=… is understood"),
        ("[a]{lang=ky dir=rtl}", "`{lang=ky dir=rtl}` is not a language mark: only lang=… is understood"),
        ("[a]{}", "`{}` is not a language mark: only lang=… is understood"),
    ] {
        let (inlines, problem) = one_problem(source);
        assert_eq!((inlines, problem.offset), (vec![text(source)], 0), "for {source:?}");
        assert_eq!(problem.message, message);
        assert!(problem.hint.contains("[text]{lang=uz-Latn}"));
    }
}

#[test]
fn unclosed_span_attributes_are_problems() {
    let (inlines, problem) = one_problem("x [text]{lang=ky");
    assert_eq!(inlines, vec![text("x [text]{lang=ky")]);
    assert_eq!(problem.offset, 2);
    assert_eq!(problem.message, "The language mark after these brackets has no closing }");
    // A later span's `}` does not close this one.
    let (inlines, problem) = one_problem("[a]{lang=ky and [b]{lang=ru}");
    assert_eq!(inlines, vec![text("[a]{lang=ky and "), span("ru", vec![text("b")])]);
    assert_eq!(problem.offset, 0);
}

#[test]
fn backslash_escapes() {
    assert_literal(r"\*not emphasis\*", "*not emphasis*");
    assert_literal(r"\[not a link](https://x.org)", "[not a link](https://x.org)");
    assert_literal(r"\[@id]", "[@id]");
    assert_literal(r"a\\b \_ \` \< \& \# \] \{", r"a\b _ ` < & # ] {");
    assert_literal(r"100\ km", "100\u{a0}km");
    assert_literal(r"\a \Ж end\", r"\a \Ж end\");
    assert_eq!(parse(r"*a\*b*"), vec![emph(vec![text("a*b")])]);
    assert_eq!(parse(r"\**a*"), vec![text("*"), emph(vec![text("a")])]);
}

#[test]
fn raw_html_and_entities_stay_text_as_written() {
    for source in [
        "<script>alert(1)</script>",
        "<b>x</b>",
        "Tom & Jerry",
        "&amp; &lt; &#65; &copy;",
        "]]>",
        "<![CDATA[ x ]]>",
        "<a href=\"https://x.org/a_b*c*d\">x</a>",
        "<!-- *not* a comment -->",
        "a < b > c",
        "<a title=\"[x](https://y.org) [@id]\">",
    ] {
        assert_literal(source, source);
    }
    assert_eq!(parse("<i>*a*</i>"), vec![text("<i>"), emph(vec![text("a")]), text("</i>")]);
}

#[test]
fn code_spans_are_kept_with_their_backticks() {
    assert_literal("use `*x*` here", "use `*x*` here");
    assert_literal("``a ` [b](c) ``", "``a ` [b](c) ``");
    assert_literal("`a\\*b`", "`a\\*b`");
    assert_literal("one ` tick", "one ` tick");
    assert_literal("```", "```");
    assert_eq!(
        parse("[`x`](https://x.org) *`y`*"),
        vec![link("https://x.org", vec![text("`x`")]), text(" "), emph(vec![text("`y`")])]
    );
}

#[test]
fn block_starters_stay_literal() {
    for source in [
        "# Heading",
        "## Heading",
        "- item",
        "* item",
        "+ item",
        "> quote",
        "1. first",
        "2007. A year",
        "1) first",
        "    indented code",
        "\tindented",
        "---",
        "***",
        "___",
        "* * *",
        "===",
        "```rust",
        "~~~",
        "<div>block</div>",
        "[label]: http://x",
        "[label]: https://x.org \"title\"",
        "[^1]: footnote",
        "| a | b |",
        ": definition",
        "- [ ] task",
    ] {
        assert_literal(source, source);
    }
}

#[test]
fn line_breaks_are_spaces_and_start_no_block() {
    assert_literal(
        "Kloop\n# Heading\n- item\n> quote\n2007. year",
        "Kloop # Heading - item > quote 2007. year",
    );
    assert_literal("a\r\nb\rc\n\nd", "a b c d");
    assert_literal("hard  \n  break\\\nhere", "hard break here");
    assert_literal("Title\n===\nmore\n---", "Title === more ---");
    assert_literal("`code\nspan`", "`code span`");
    assert_eq!(parse("*a\nb*"), vec![emph(vec![text("a b")])]);
}

#[test]
fn literal_brackets_stay_text() {
    for source in ["[sic]", "a [b] c", "a ] b", "[]", "[text] (not a link)", "[a][b]", "x [[y]] z"] {
        assert_literal(source, source);
    }
    assert_eq!(parse("[*a*]"), vec![text("["), emph(vec![text("a")]), text("]")]);
}

#[test]
fn unclosed_brackets_are_problems() {
    let (inlines, problem) = one_problem("see [1");
    assert_eq!(inlines, vec![text("see [1")]);
    assert_eq!(problem.offset, 4);
    assert_eq!(problem.message, "This [ has no closing ]");
    assert!(problem.hint.contains(r"write \[ for a literal bracket"));
    let rich = Rich::parse("Ош [a [b] [c");
    let offsets: Vec<usize> = rich.problems.iter().map(|p| p.offset).collect();
    assert_eq!(offsets, vec!["Ош ".len(), "Ош [a [b] ".len()]);
    assert_eq!(rich.inlines, vec![text("Ош [a [b] [c")]);
}

#[test]
fn problems_are_listed_up_to_a_limit() {
    let rich = Rich::parse(&"[".repeat(1000));
    assert_eq!(rich.problems.len(), MAX_PROBLEMS + 1);
    let last = rich.problems.last().unwrap();
    assert_eq!(
        (last.offset, last.message.as_str()),
        (100, "900 more markup mistakes in this text are not listed")
    );
    assert!(rich.problems.windows(2).take(MAX_PROBLEMS - 1).all(|p| p[0].offset < p[1].offset));
}

#[test]
fn deep_nesting_is_bounded() {
    let spans = format!("{}x{}", "[".repeat(40), "]{lang=ky}".repeat(40));
    let rich = Rich::parse(&spans);
    assert_eq!(depth(&rich.inlines), MAX_CONSTRUCT_DEPTH + 1, "32 spans around a text");
    assert_eq!(rich.problems.len(), 8);
    assert!(rich.problems[0].message.contains("nested more than 32 deep"));
    assert_eq!(rich.plain_text(), format!("{}x{}", "[".repeat(8), "]{lang=ky}".repeat(8)));

    let stars = format!("{}a{}", "*".repeat(1000), "*".repeat(1000));
    let rich = Rich::parse(&stars);
    assert_eq!(depth(&rich.inlines), MAX_EMPHASIS_DEPTH + 1);
    assert_eq!(rich.plain_text(), "a");
}

#[test]
fn plain_text_and_citations() {
    let rich = Rich::parse(
        "Kloop is *independent* [@kloop], see [site](https://kloop.kg) [Клооп [@a; @b]]{lang=ky}.",
    );
    assert_eq!(rich.plain_text(), "Kloop is independent , see site Клооп .");
    assert_eq!(rich.citations(), vec!["kloop", "a", "b"]);
    assert_eq!(rich.to_string(), rich.source);
    assert_eq!(Rich::from("x"), Rich::parse("x"));
}

/// (name, input) for text that would be slow in a naive parser.
fn pathological_inputs() -> Vec<(&'static str, String)> {
    let n = 200_000;
    let repeat = |unit: &str| unit.repeat(n / unit.len());
    vec![
        ("open brackets", repeat("[")),
        ("close brackets", repeat("]")),
        ("stars", repeat("*")),
        ("underscores", repeat("_")),
        ("backslashes", repeat("\\")),
        ("backticks", repeat("`a")),
        ("backtick runs", repeat("``a`")),
        ("angles", repeat("<http:x")),
        ("open parens", repeat("[a](")),
        ("open braces", repeat("[a]{")),
        ("citations", repeat("[@a; ")),
        ("nested stars", format!("{}a{}", "*".repeat(n / 2), "*".repeat(n / 2))),
        ("nested mix", format!("{}x{}", "*_".repeat(n / 4), "_*".repeat(n / 4))),
        ("nested spans", format!("{}a{}", "[".repeat(n / 12), "]{lang=ky}".repeat(n / 12))),
        ("nested links", format!("{}a{}", "[".repeat(n / 16), "](https://x.org)".repeat(n / 16))),
        ("links", repeat("[*a*](https://x.org)* ")),
    ]
}

#[test]
fn pathological_inputs_parse_correctly() {
    for (name, input) in pathological_inputs() {
        let rich = Rich::parse(&input);
        assert_well_formed(&rich.inlines);
        assert!(rich.problems.len() <= MAX_PROBLEMS + 1, "{name}");
        let plain = rich.plain_text();
        match name {
            "close brackets" | "stars" | "underscores" | "angles" | "open parens" | "open braces" => {
                assert_eq!(plain, input, "{name}")
            }
            "open brackets" => assert_eq!(rich.inlines, vec![text(&input)]),
            "backslashes" => assert_eq!(plain, "\\".repeat(input.len() / 2)),
            "nested stars" => assert_eq!(plain, "a"),
            "links" => assert_eq!(rich.inlines.len(), 2 * (input.len() / 22)),
            _ => assert!(!plain.is_empty(), "{name}"),
        }
    }
}

const FUZZ_ROUNDS: usize = 20_000;
const FUZZ_LEN: usize = 40;

/// A small deterministic pseudo-random generator (xorshift), so the fuzz test repeats.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn text(&mut self, pieces: &[&str]) -> String {
        let len = self.below(FUZZ_LEN);
        (0..len).map(|_| pieces[self.below(pieces.len())]).collect()
    }
}

/// The letters and digits a reader gets, in order (links' addresses left out).
fn letters(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.extend(t.chars().filter(|c| c.is_alphanumeric())),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => letters(c, out),
            Inline::Span { lang, content } => {
                letters(content, out);
                out.push_str("lang");
                out.extend(lang.as_str().chars().filter(|c| c.is_alphanumeric()));
            }
            Inline::Cite(ids) => {
                ids.iter().for_each(|id| out.extend(id.chars().filter(|c| c.is_alphanumeric())))
            }
        }
    }
}

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut long = long.chars();
    short.chars().all(|c| long.any(|l| l == c))
}

#[test]
fn fuzzed_markup_never_panics_or_loses_text() {
    let mut pieces: Vec<&str> = "*_[]()!{}@\\<>&#-+ `\n;abЖыʻo".split("").filter(|p| !p.is_empty()).collect();
    let tokens =
        "https://a.org|lang=ky|@id|1.|<b>|\\ |](https://a.org)|]{lang=ky}|[@a]|**|``|<https://a.org>";
    pieces.extend(tokens.split('|').chain(["\"", "'", ":", "/", ".", "=", "\r", "\t", "\u{a0}"]));
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for _ in 0..FUZZ_ROUNDS {
        let source = random.text(&pieces);
        let rich = Rich::parse(&source);
        assert_well_formed(&rich.inlines);
        assert!(rich.problems.iter().all(|p| source.is_char_boundary(p.offset) && p.offset < source.len()));
        let expected: String = source.chars().filter(|c| c.is_alphanumeric()).collect();
        let mut got = String::new();
        letters(&rich.inlines, &mut got);
        let has_link = format!("{:?}", rich.inlines).contains("Link");
        assert!(if has_link { is_subsequence(&got, &expected) } else { got == expected }, "{source:?}");
        assert_eq!(Rich::parse(&source), rich, "not deterministic: {source:?}");
    }
}

/// pulldown-cmark's own tree for a paragraph of emphasis and text only.
fn commonmark_emphasis(source: &str) -> Vec<Inline> {
    let mut stack = vec![Vec::new()];
    for event in Parser::new_ext(source, Options::empty()) {
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong) => stack.push(Vec::new()),
            Event::End(end @ (TagEnd::Emphasis | TagEnd::Strong)) => {
                let content = stack.pop().unwrap();
                let node = if end == TagEnd::Strong { strong(content) } else { emph(content) };
                stack.last_mut().unwrap().push(node);
            }
            Event::Text(t) => append_text(stack.last_mut().unwrap(), |out| out.push_str(&t)),
            _ => {}
        }
    }
    stack.pop().unwrap()
}

#[test]
fn emphasis_pairs_exactly_as_in_commonmark() {
    let pieces: Vec<&str> = "**__ *_ ab".split("").filter(|p| !p.is_empty()).collect();
    let mut random = Random(7);
    for _ in 0..FUZZ_ROUNDS {
        // Starting and ending with a letter, pulldown-cmark reads it as one plain paragraph.
        let source = format!("x{}y", random.text(&pieces));
        assert_eq!(parse(&source), commonmark_emphasis(&source), "{source:?}");
    }
}

#[test]
fn fuzzed_text_without_markup_is_kept_whole() {
    let pieces: Vec<&str> = " aЖʻo1.,#-+!(){}@;&>".split("").filter(|p| !p.is_empty()).collect();
    let mut random = Random(42);
    for _ in 0..5_000 {
        let source = random.text(&pieces);
        let expected = if source.is_empty() { vec![] } else { vec![text(&source)] };
        assert_eq!(parse(&source), expected, "{source:?}");
        // The same through both passes, not only the short path for text without syntax.
        assert_eq!(Rich::parse_markup(&source).inlines, expected, "{source:?}");
    }
}

#[test]
fn text_without_syntax_parses_the_same_on_the_short_path() {
    let samples = [
        "",
        " ",
        "  leading and trailing  ",
        "\tTabbed\ttext\t",
        "Kloop's $700 million (2019) & AT&T; &amp; © – “quotes” «ёлки» Oʻzbekiston",
        "a {lang=ky} b } { ( ) ! @ # % ^ = + - ~ | / ? , . ; :",
        "\u{a0}no-break\u{a0}",
        "#notaheading 1. notalist > notaquote",
        "    four spaces first",
        "ends with a space ",
        "\u{200b}\u{301}\u{feff}",
    ];
    for sample in samples {
        assert!(!sample.bytes().any(is_syntax), "{sample:?} holds syntax");
        assert_eq!(Rich::parse(sample), Rich::parse_markup(sample), "{sample:?}");
    }
}
