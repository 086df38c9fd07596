//! Picture credits at the end of a line: "(AP Photo/Jane Doe)", "Photo by Jane Doe/Agency",
//! "Credit: Agency/Jane Doe", "… // Stock Agency", "…|Jane Doe|CC BY 2.0".

use std::sync::LazyLock;

use crosscheck_text::lexicon::List;
use regex::Regex;

/// The longest credit, in characters, that a tail may hold.
const CREDIT_MAX_CHARS: usize = 90;

/// Escaped alternatives of a lexicon list in every language, longest first (so that
/// `epa-efe` wins over `epa`).
fn alternatives(lists: &[List]) -> String {
    let mut words: Vec<&str> = lists.iter().flat_map(|&l| super::every_language(l)).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    // "Photo: Name", "Photo by Name/Agency", "(AP Photo/Name)", "Credit: AP/Name", "写真：名前".
    let labels = alternatives(&[List::CreditLabels]);
    let agencies = alternatives(&[List::NewsAgencies, List::PictureCredits]);
    // Invariant: the alternatives are escaped, so the pattern is valid.
    Regex::new(&format!(
        r"(?i)(?:^|[^\p{{L}}\p{{N}}])(\(?\s*(?:(?:{agencies})\s+)?(?:{labels})s?\s*(?:[:：/]|\s+by\s)\s*\S[^:;()!?]{{1,{CREDIT_MAX_CHARS}}}\)?)\s*$"
    ))
    .expect("credit label pattern builds")
});

static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    // "REUTERS/Jane Doe", "(Agency/Jane Doe)", "Jane Doe/Agency".
    let agencies = alternatives(&[List::NewsAgencies, List::PictureCredits]);
    // Invariant: the alternatives are escaped, so the pattern is valid.
    Regex::new(&format!(
        r"(?i)(?:^|[\s(\[])(\(?(?:(?:{agencies})\s*/\s*\p{{Lu}}[\p{{L}}\p{{M}} .'-]{{1,60}}|\p{{Lu}}[\p{{L}}\p{{M}}.'-]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}.'-]*){{0,3}}\s*/\s*(?:{agencies}))\)?)\s*$"
    ))
    .expect("slashed credit pattern builds")
});

static SEPARATED: LazyLock<Regex> = LazyLock::new(|| {
    // "… // Agency", "…|Name|Licence": a last segment after `//` or `|` naming an agency or a
    // licence, with the short segments before it.
    let agencies = alternatives(&[List::NewsAgencies, List::PictureCredits]);
    // Invariant: the alternatives are escaped, so the pattern is valid.
    Regex::new(&format!(
        r"(?i)((?:\s*(?://|\|)\s*[^|/]{{1,40}}?)*\s*(?://|\|)\s*[^|/]{{0,30}}(?:^|[^\p{{L}}])(?:{agencies})(?:[^\p{{L}}][^|/]{{0,20}})?)\s*$"
    ))
    .expect("separated credit pattern builds")
});

/// Where a picture credit closing `line` begins, as a byte offset, if the line ends with one.
///
/// ## What it does
/// Recognises a credit at the end of a line in three forms: a credit label of any language of
/// the lexicon ([`List::CreditLabels`]) followed by a colon, a slash or "by" and a name ("Photo:
/// Jane Doe", "Photo by Jane Doe/Agency", "(AP Photo/Jane Doe)", "Credit: AP/Jane Doe"); an
/// agency of [`List::NewsAgencies`] joined to a name by a slash ("AGENCY/Jane Doe", "Jane
/// Doe/AGENCY"); or a last segment after `//` or `|` naming an agency or a picture licence
/// ("… // Stock Agency", "…|Jane Doe|CC BY 2.0"). A credit never ends like a sentence.
///
/// ## Why
/// Captions sit inside the article container with their credit glued to their end; the
/// credit marks the line as a caption (page furniture) however long the caption runs, and a
/// credit left in a paragraph reads as a name to the fusion stage.
///
/// ## Example
/// ```
/// use crosscheck_extract::chrome::credit_tail;
///
/// let line = "Crews clear the old pier on Monday. (AP Photo/Jane Doe)";
/// assert_eq!(credit_tail(line).map(|i| &line[i..]), Some("(AP Photo/Jane Doe)"));
/// assert_eq!(credit_tail("The photo agency said it would appeal the ruling."), None);
/// ```
///
/// ## Limitations
/// A credit naming an agency the lexicon does not know, without a label ("Jane Doe/Harbour
/// Pictures"), is not found. A sentence that ends on a label and a name without a full stop
/// ("the source: Harbour officials") is taken for a credit.
///
/// ## References
/// - Kohlschütter, Fankhauser, Nejdl (2010), "Boilerplate detection using shallow text
///   features": short, formulaic blocks as boilerplate.
pub fn credit_tail(line: &str) -> Option<usize> {
    let t = line.trim_end();
    if t.ends_with(['.', '!', '?', ',', ';', ':']) && !t.ends_with(".)") {
        return None;
    }
    // Every form needs a separator near the end; most lines have none, and skip the patterns.
    let mut from = t.len().saturating_sub(4 * CREDIT_MAX_CHARS);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let tail = &t[from..];
    if !tail.contains(['/', '|', ':', '：']) && !tail.contains(" by ") && !tail.contains(" By ") {
        return None;
    }
    [&*LABELLED, &*SLASHED, &*SEPARATED]
        .iter()
        .filter_map(|re| re.captures(t).and_then(|c| c.get(1)))
        .map(|m| m.start() + (m.as_str().len() - m.as_str().trim_start().len()))
        .filter(|&start| {
            let credit = &t[start..];
            credit.chars().count() <= CREDIT_MAX_CHARS + 20 && !credit.contains(". ")
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! tails {
        ($($line:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(credit_tail($line).map(|i| &$line[i..]), $want, "{}", $line);
        )*};
    }

    #[test]
    fn finds_credits_and_leaves_prose() {
        tails! {
            "Ferry crews at the quay on Sunday, May 3, 2026. (AP Photo/Mara Quell)" => Some("(AP Photo/Mara Quell)"),
            "The mayor cuts the ribbon. Credit: AP/Tom Brask" => Some("Credit: AP/Tom Brask"),
            "The council met on Friday. Photo by Ida Wern/EPA-EFE" => Some("Photo by Ida Wern/EPA-EFE"),
            "Smoke over the hills. REUTERS/Ola Senn" => Some("REUTERS/Ola Senn"),
            "Crowds on the bridge at dusk // Shutterstock" => Some("// Shutterstock"),
            "A pharmacy shelf|Ana Holt|CC BY 2.0" => Some("|Ana Holt|CC BY 2.0"),
            "Firefighters at the depot. Photo: Lin Karo" => Some("Photo: Lin Karo"),
            "Le maire devant la mairie. Crédit : Jean Rame" => Some("Crédit : Jean Rame"),
            "Der Hafen am Morgen. Foto: dpa" => Some("Foto: dpa"),
            "消防員在現場。圖片：本台記者" => Some("圖片：本台記者"),
            "The photo agency said it would appeal the ruling." => None,
            "A Reuters/Ipsos poll found support had slipped." => None,
            "She said the image was real, and the council agreed." => None,
            "The photo shows the pier" => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,120}") {
            if let Some(i) = credit_tail(&s) {
                assert!(s.is_char_boundary(i));
            }
        }
    }
}
