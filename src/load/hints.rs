//! "Did you mean": the field or id a mistyped or unknown name most likely stands for.

/// The field an unknown field `wrong` stands for, where `allowed` are the fields: the same name
/// written differently, a synonym, or a slip of the keyboard.
pub(super) fn field_meant<'a>(wrong: &str, allowed: &[&'a str]) -> Option<&'a str> {
    meant(wrong, allowed).or_else(|| nearest(wrong, allowed.iter().copied()))
}

/// The hint for an unknown field: the field it stands for (`meant`, from `field_meant`), else
/// the list of fields.
pub(super) fn unknown_field(meant: Option<&str>, allowed: &[&str]) -> String {
    match meant {
        Some(name) => format!("did you mean `{name}`?"),
        None if allowed.is_empty() => "this place takes no fields".to_string(),
        None => format!("allowed here: {}", allowed.join(", ")),
    }
}

/// Other words people use for a field, by the field they mean. A word counts only where the
/// format allows its field (`history` means `timeline` at the top level, nothing inside `facts`).
const SYNONYMS: &[(&str, &[&str])] = &[
    ("launched", &["founded", "founding", "started"]),
    ("url", &["website", "site", "homepage", "web", "link", "href"]),
    ("licence", &["license"]),
    ("people", &["staff", "director", "directors", "ceo", "leaders", "team"]),
    ("editors", &["editor", "editor_in_chief"]),
    ("founders", &["founder"]),
    ("headquarters", &["location", "city", "hq", "address"]),
    ("owner", &["owners", "ownership"]),
    ("lead", &["description", "summary", "intro", "about"]),
    ("timeline", &["events", "history"]),
    ("sources", &["references", "bibliography", "citations"]),
    ("type", &["kind", "kinds", "types", "category"]),
    ("prepared_by", &["author", "publisher", "issuer", "preparedby", "by"]),
    ("accessed", &["accessed_on", "retrieved"]),
    ("languages", &["language"]),
    ("language", &["languages"]),
    ("paragraphs", &["text", "body", "paragraph"]),
    // A person's `title` is a job; elsewhere a heading is a title and a title is a name.
    ("role", &["title", "position", "job"]),
    ("title", &["heading", "name"]),
    ("name", &["title"]),
];

/// The allowed field `wrong` stands for: the same name written differently (`Prepared-By`), or
/// a synonym.
fn meant<'a>(wrong: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let word = wrong.trim().to_lowercase().replace(['-', ' '], "_");
    let is_allowed = |name: &str| allowed.iter().copied().find(|a| *a == name);
    is_allowed(&word).or_else(|| {
        SYNONYMS
            .iter()
            .filter(|(_, words)| words.contains(&word.as_str()))
            .find_map(|(name, _)| is_allowed(name))
    })
}

/// Names longer than this are never compared: every field name and id is shorter, and comparing
/// long texts costs the product of their lengths.
const MAX_COMPARED: usize = 64;

/// The name nearest to `wrong`, when it is near enough to be a slip of the keyboard.
pub(crate) fn nearest<'a>(wrong: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wrong.chars().count();
    if length > MAX_COMPARED {
        return None;
    }
    names
        .into_iter()
        .filter_map(|name| {
            let name_length = name.chars().count();
            let allowed = (name_length / 3).max(2);
            // A difference in length alone already counts as that many edits.
            if name_length > MAX_COMPARED || length.abs_diff(name_length) > allowed {
                return None;
            }
            let distance = edit_distance(wrong, name);
            (distance <= allowed).then_some((distance, name))
        })
        .min()
        .map(|(_, name)| name)
}

/// Levenshtein distance over characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_suggests_only_near_names_and_never_compares_long_texts() {
        assert_eq!(nearest("raid", ["history", "raids"]), Some("raids"));
        assert_eq!(nearest("government", ["history", "raids"]), None);
        // Both a million characters long: comparing them would take a million squared steps.
        let long = "a".repeat(1_000_000);
        assert_eq!(nearest(&long, [long.as_str()]), None);
    }

    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(edit_distance("foundr", "founders"), 2);
        assert_eq!(edit_distance("titel", "title"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
