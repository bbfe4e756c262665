//! The printed sheet read as a typographer reads it, from `pdftotext -raw`: how many justified
//! lines end in a hyphen, how many in a row, and whether a paragraph ends on a lone fragment.

mod common;

use std::path::Path;

use common::{build, normalise, pdftotext, BOTH};
use dossier::{load, Paper};

/// The justified lines of Kloop's section paragraphs in reading order, each with whether it is
/// its paragraph's last line.
fn body_lines(paper: Paper) -> Vec<(String, bool)> {
    let loaded = load::load_file(Path::new("data/kloop.yaml")).expect("loads");
    let paragraphs: Vec<String> = loaded
        .organisation
        .all_sections()
        .into_iter()
        .flat_map(|(_, section)| section.paragraphs.iter().map(|p| normalise(&p.plain_text())))
        .collect();
    let text = pdftotext(&build("data/kloop.yaml", paper, BOTH).pdf.expect("a PDF"));
    let mut lines = Vec::new();
    for line in text.lines().map(|l| l.trim_start_matches('\u{c}').trim()) {
        let words = normalise(line.trim_end_matches('\u{ad}'));
        if words.chars().count() < 20 {
            continue;
        }
        let Some(paragraph) = paragraphs.iter().find(|p| p.contains(words.as_str())) else { continue };
        lines.push((line.to_string(), paragraph.ends_with(words.as_str())));
    }
    lines
}

#[test]
fn few_lines_end_in_a_hyphen_never_three_in_a_row_and_no_paragraph_ends_on_a_fragment() {
    for paper in [Paper::A4, Paper::Letter] {
        let lines = body_lines(paper);
        let full: Vec<&(String, bool)> = lines.iter().filter(|(_, last)| !last).collect();
        assert!(full.len() >= 80, "{paper:?}: only {} full-width lines found", full.len());
        let hyphenated = full.iter().filter(|(line, _)| line.ends_with('\u{ad}')).count();
        let share = hyphenated as f32 / full.len() as f32;
        assert!(share <= 0.20, "{paper:?}: {hyphenated} of {} full-width lines end in a hyphen", full.len());
        let mut run = 0;
        for (line, _) in &lines {
            run = if line.ends_with('\u{ad}') { run + 1 } else { 0 };
            assert!(run <= 2, "{paper:?}: three lines in a row end in a hyphen, the third: “{line}”");
        }
        for pair in lines.windows(2) {
            let ((before, _), (last, is_last)) = (&pair[0], &pair[1]);
            if *is_last && before.ends_with('\u{ad}') {
                let fragment: String = last.chars().take_while(|c| c.is_alphabetic()).collect();
                assert!(
                    fragment.chars().count() >= 4,
                    "{paper:?}: a paragraph ends on the fragment “{fragment}” after “{before}”"
                );
            }
        }
    }
}
