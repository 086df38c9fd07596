//! jusText-style classification of lines by length, link density and stopword density,
//! smoothed over neighbours.

use crosscheck_core::Lang;

/// A line's class, as in jusText.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    /// Prose: long enough and dense in function words.
    Good,
    /// Almost prose: dense in function words but not long.
    NearGood,
    /// Too short to judge alone; takes its class from its neighbours.
    Short,
    /// Boilerplate: link-dense, or long without function words.
    Bad,
}

/// The thresholds of [`classify`], jusText's defaults.
pub(crate) const LENGTH_LOW: usize = 70;
const LENGTH_HIGH: usize = 200;
const STOPWORDS_LOW: f64 = 0.30;
const STOPWORDS_HIGH: f64 = 0.32;
const MAX_LINK_DENSITY: f64 = 0.2;

/// One line as the classifier sees it.
#[derive(Debug, Clone, Copy)]
pub struct LineStats {
    /// Characters in the line.
    pub chars: usize,
    /// Characters inside links.
    pub link_chars: usize,
    /// Share of the line's words that are stopwords of the document's language.
    pub stopword_density: f64,
}

impl LineStats {
    /// The statistics of `line` with `link_chars` characters in links, for language `lang`.
    pub fn new(line: &str, link_chars: usize, lang: Lang) -> LineStats {
        let mut words = 0usize;
        let mut stop = 0usize;
        for w in line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            words += 1;
            if crosscheck_text::is_stopword(lang, &w.to_lowercase()) {
                stop += 1;
            }
        }
        LineStats {
            chars: line.chars().count(),
            link_chars,
            stopword_density: if words == 0 { 0.0 } else { stop as f64 / words as f64 },
        }
    }
}

/// Classifies lines of one document jusText's way, neighbours included.
///
/// ## What it does
/// Gives each line a context-free class: **bad** if more than 20 % of its characters are link
/// text, **short** if under 70 characters, **good** if at least 200 characters with at least 32 %
/// stopwords, **near-good** if at least 30 % stopwords, otherwise **bad**. Then short and
/// near-good lines take a class from the nearest good-or-bad lines around them (the document's
/// edges count as bad): a short line between two good ones is good, otherwise bad unless the bad
/// side is reached through a near-good line; a near-good line is good unless both its
/// neighbours are bad.
///
/// ## Why
/// Boilerplate is short, link-heavy and nearly free of function words ("Home", "Sport",
/// "Sign in"), while prose in any language is about a third function words. Short lines inside
/// an article (a subheading, a one-line quote) sit between prose lines, so the neighbours
/// rescue them, which a per-line rule cannot do.
///
/// ## Example
/// ```
/// use crosscheck_core::Lang;
/// use crosscheck_extract::chrome::{LineClass, LineStats, classify};
///
/// let prose = "The council said on Tuesday that the new bridge over the river would open to \
///              traffic in the spring, after a year of delays that were caused by the floods \
///              and by a long dispute with the builder about the cost of the steel.";
/// let lines = ["Menu", prose, "What comes next", prose, "Sign in"];
/// let stats: Vec<_> = lines.iter().map(|l| LineStats::new(l, 0, Lang::EN)).collect();
/// let classes = classify(&stats);
/// assert_eq!(classes[0], LineClass::Bad);
/// assert_eq!(classes[2], LineClass::Good, "a subheading between two paragraphs");
/// assert_eq!(classes[4], LineClass::Bad);
/// ```
///
/// ## Limitations
/// Needs a stopword list for the document's language (see
/// [`crosscheck_text::STOPWORD_LANGUAGES`]); without one, every long line is bad, so callers
/// skip this rule for other languages. Lists of short items (a fact box) between bad lines are
/// judged bad.
///
/// ## References
/// - Pomikálek (2011), "Removing boilerplate and duplicate content from web corpora",
///   doctoral thesis, Masaryk University, chapter 3 (jusText), whose thresholds are used here.
pub fn classify(lines: &[LineStats]) -> Vec<LineClass> {
    let mut classes: Vec<LineClass> = lines
        .iter()
        .map(|l| {
            if l.chars > 0 && l.link_chars as f64 / l.chars as f64 > MAX_LINK_DENSITY {
                LineClass::Bad
            } else if l.chars < LENGTH_LOW {
                LineClass::Short
            } else if l.stopword_density >= STOPWORDS_HIGH && l.chars >= LENGTH_HIGH {
                LineClass::Good
            } else if l.stopword_density >= STOPWORDS_LOW {
                LineClass::NearGood
            } else {
                LineClass::Bad
            }
        })
        .collect();
    let initial = classes.clone();
    // Short lines first, looking past short and near-good lines.
    for i in 0..classes.len() {
        if initial[i] != LineClass::Short {
            continue;
        }
        let prev = neighbour(&initial, i, Dir::Back, true);
        let next = neighbour(&initial, i, Dir::Forward, true);
        classes[i] = match (prev, next) {
            (LineClass::Good, LineClass::Good) => LineClass::Good,
            (LineClass::Bad, LineClass::Bad) => LineClass::Bad,
            _ => {
                let prev_near = neighbour(&initial, i, Dir::Back, false) == LineClass::NearGood;
                let next_near = neighbour(&initial, i, Dir::Forward, false) == LineClass::NearGood;
                if (prev == LineClass::Bad && prev_near) || (next == LineClass::Bad && next_near) {
                    LineClass::Good
                } else {
                    LineClass::Bad
                }
            }
        };
    }
    let after_short = classes.clone();
    for i in 0..classes.len() {
        if after_short[i] != LineClass::NearGood {
            continue;
        }
        let prev = neighbour(&after_short, i, Dir::Back, true);
        let next = neighbour(&after_short, i, Dir::Forward, true);
        classes[i] = if prev == LineClass::Bad && next == LineClass::Bad {
            LineClass::Bad
        } else {
            LineClass::Good
        };
    }
    classes
}

#[derive(Clone, Copy)]
enum Dir {
    Back,
    Forward,
}

/// The class of the nearest line in `dir` that is not short (nor near-good when
/// `skip_near_good`); the document edge counts as bad.
fn neighbour(classes: &[LineClass], i: usize, dir: Dir, skip_near_good: bool) -> LineClass {
    let skip = |c: LineClass| c == LineClass::Short || (skip_near_good && c == LineClass::NearGood);
    let found = match dir {
        Dir::Back => classes[..i].iter().rev().copied().find(|&c| !skip(c)),
        Dir::Forward => classes.get(i + 1..).unwrap_or(&[]).iter().copied().find(|&c| !skip(c)),
    };
    found.unwrap_or(LineClass::Bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(chars: usize, density: f64) -> LineStats {
        LineStats { chars, link_chars: 0, stopword_density: density }
    }

    #[test]
    fn context_free_classes() {
        let lines = [
            stats(300, 0.4),
            stats(100, 0.31),
            stats(30, 0.0),
            stats(300, 0.05),
            LineStats { chars: 100, link_chars: 50, stopword_density: 0.5 },
        ];
        let c = classify(&lines);
        assert_eq!(c[0], LineClass::Good);
        assert_eq!(c[3], LineClass::Bad);
        assert_eq!(c[4], LineClass::Bad, "link-dense");
    }

    #[test]
    fn near_good_between_bad_is_bad() {
        let c = classify(&[stats(300, 0.0), stats(100, 0.31), stats(300, 0.0)]);
        assert_eq!(c[1], LineClass::Bad);
        let c = classify(&[stats(300, 0.4), stats(100, 0.31), stats(300, 0.0)]);
        assert_eq!(c[1], LineClass::Good);
    }

    #[test]
    fn short_runs_follow_neighbours() {
        let c = classify(&[stats(300, 0.4), stats(20, 0.0), stats(20, 0.0), stats(300, 0.4)]);
        assert_eq!(&c[1..3], &[LineClass::Good, LineClass::Good]);
        let c = classify(&[stats(20, 0.0), stats(300, 0.4), stats(20, 0.0)]);
        assert_eq!(c[0], LineClass::Bad, "the edge counts as a bad neighbour");
        let c = classify(&[stats(300, 0.4), stats(20, 0.0), stats(100, 0.31), stats(300, 0.0)]);
        assert_eq!(c[1], LineClass::Good, "the bad side is reached through a near-good line");
    }
}
