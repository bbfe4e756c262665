//! Makes an organisation file N times as long as data/kloop.yaml: the sections and the timeline
//! repeated N times, every id given a copy suffix so that the file stays valid.

/// The text of data/kloop.yaml with its sections and timeline repeated `times` times.
pub fn scaled_kloop(times: usize) -> String {
    let text = std::fs::read_to_string("data/kloop.yaml").expect("data/kloop.yaml");
    let (head, rest) = text.split_once("\nsections:\n").expect("a sections block");
    let (sections, rest) = rest.split_once("\ntimeline:\n").expect("a timeline block");
    let (timeline, sources) = rest.split_once("\nsources:\n").expect("a sources block");
    let mut out = format!("{head}\nsections:\n");
    for copy in 0..times {
        out.push_str(&suffix_ids(sections, copy));
        out.push('\n');
    }
    out.push_str("\ntimeline:\n");
    for copy in 0..times {
        out.push_str(&suffix_ids(timeline, copy));
        out.push('\n');
    }
    out.push_str("\nsources:\n");
    out.push_str(sources);
    out
}

/// Appends `-c{copy}` to every section id and every timeline reference in the block.
fn suffix_ids(block: &str, copy: usize) -> String {
    block
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("- id: ") || trimmed.starts_with("section: ") {
                format!("{line}-c{copy}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
