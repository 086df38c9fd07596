//! Thousands written with a space after the comma (`13, 000`) and decimals with a space after
//! the point (`6. 2`): one number, in text that writes its numbers so.
//!
//! ## What it does
//!
//! Tells whether an article writes thousands as `13, 000` ([`writes_spaced_thousands`]), and
//! joins such a split back into one token ([`join`]): a number of one to three digits, a comma
//! right after it, one space, and a group of exactly three digits. The token spans the whole
//! `13, 000` (its bytes exact), its lowercase form is `13,000`. An article writes thousands so
//! when it never writes a comma between digits (`13,000`) and either splits two numbers so or
//! also spaces other punctuation inside numbers (`5. 9`, `4: 30`): text re-assembled from
//! tokens, as some corpora and feeds give it. Likewise `6. 2` (one to three digits, a point
//! right after them, one space, one or two digits) is 6.2 in an article that never writes a
//! point between digits (`6.2`) and splits two decimals so ([`Spacing::of`]); the sentence
//! splitter has already cut at a point that ends a sentence, and tokens are joined only within
//! one sentence.
//!
//! ## Why
//!
//! Read apart, `nearly 23, 000 refugees` is `nearly 23` of something and a stray `000`: a small
//! count that meets a real one of another kind (`killed seven`) and raises a false conflict, and
//! `less than 1, 000 euros` loses its currency. `10 kilometres (6. 2 miles)` read apart is a
//! distance of 2 miles that meets another outlet's `6 miles`.
//!
//! ## Example
//!
//! In `Work began in 2019. 4 cranes came; the yard employs 1, 200 people`, `1, 200` is 1,200.
//! In `It sold 1,200 tickets to rows 3, 100 and 200`, a text that writes `1,200` tight, `3, 100`
//! stays two numbers.
//!
//! ## Limitations
//!
//! A decimal after a sentence the splitter did not end (`in 2012. 3 more died`) is misread in
//! such a text. A list of numbers whose second member has three digits (`rooms 12, 104 and 106`) in such a
//! text is read as one number unless a number and a comma come before it (`rooms 9, 12, 104`).
//! The article is judged whole: one that mixes both styles keeps every split apart.

use super::token::Tok;

/// How an article spaces the punctuation inside its numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Spacing {
    /// It writes thousands as `13, 000` (see [`writes_spaced_thousands`]).
    pub(crate) thousands: bool,
    /// It writes decimals as `6. 2`.
    pub(crate) decimals: bool,
}

impl Spacing {
    /// The spacing of `text`. Decimals are spaced when no point stands between two digits
    /// (`6.2`) and two points are followed by one space and one or two digits (`6. 2`).
    pub(crate) fn of(text: &str) -> Spacing {
        let b = text.as_bytes();
        let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        let mut split = 0;
        let mut tight = false;
        for i in 1..b.len() {
            if b[i] != b'.' || !digit(i - 1) {
                continue;
            }
            if digit(i + 1) {
                tight = true;
                break;
            }
            if b.get(i + 1) == Some(&b' ') && digit(i + 2) && !(digit(i + 3) && digit(i + 4)) {
                split += 1;
            }
        }
        Spacing { thousands: writes_spaced_thousands(text), decimals: !tight && split >= 2 }
    }
}

/// Whether `text` writes thousands with a space after the comma (`13, 000`): no comma between
/// digits anywhere, and two such splits, or one and another punctuation mark spaced inside a
/// number (`5. 9`, `4: 30`).
pub(crate) fn writes_spaced_thousands(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut splits = 0;
    let mut spaced_other = false;
    for i in 1..b.len() {
        if !digit(i - 1) {
            continue;
        }
        match b[i] {
            b',' if digit(i + 1) => return false,
            b',' if b.get(i + 1) == Some(&b' ') && (i + 2..i + 5).all(digit) && !digit(i + 5) => {
                splits += 1;
            }
            b'.' | b':' if b.get(i + 1) == Some(&b' ') && digit(i + 2) => spaced_other = true,
            _ => {}
        }
    }
    splits >= 2 || (splits == 1 && spaced_other)
}

/// Joins `13`, `,`, `000` (the comma right after the number, one space before the group) into
/// one token `13,000`, repeatedly (`1, 000, 000`). `s` is the text the tokens' offsets minus
/// `base` index. A number after another number and a comma (`9, 12, 104`) is in a list and
/// stays apart.
pub(crate) fn join(toks: &mut Vec<Tok>, s: &str, base: usize) {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    let gap = |a: &Tok, b: &Tok| s.get(a.end - base..b.start - base).unwrap_or("");
    let mut k = 0;
    while k + 2 < toks.len() {
        let (a, comma, group) = (&toks[k], &toks[k + 1], &toks[k + 2]);
        // The first group: one to three digits, or a number already joined (`1,000`).
        let head = digits(&a.lower) && a.lower.len() <= 3
            || a.lower.len() > 4
                && a.lower.as_bytes()[a.lower.len() - 4] == b','
                && digits(&a.lower.replace(',', ""));
        let listed = k >= 2 && toks[k - 1].lower == "," && digits(&toks[k - 2].lower);
        if head
            && !listed
            && comma.lower == ","
            && comma.start == a.end
            && gap(comma, group) == " "
            && digits(&group.lower)
            && group.lower.len() == 3
        {
            let lower = format!("{},{}", a.lower, group.lower);
            let end = group.end;
            toks[k].lower = lower;
            toks[k].end = end;
            toks.drain(k + 1..k + 3);
        } else {
            k += 1;
        }
    }
}

/// Joins `6`, `.`, `2` (the point right after one to three digits, one space before one or two
/// digits) into one token `6.2`. `s` and `base` as for [`join`].
pub(crate) fn join_decimals(toks: &mut Vec<Tok>, s: &str, base: usize) {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    let mut k = 0;
    while k + 2 < toks.len() {
        let (a, point, frac) = (&toks[k], &toks[k + 1], &toks[k + 2]);
        let head = digits(&a.lower) && a.lower.len() <= 3
            || a.lower.contains(',') && !a.lower.contains('.') && digits(&a.lower.replace(',', ""));
        if head
            && point.lower == "."
            && point.start == a.end
            && s.get(point.end - base..frac.start - base) == Some(" ")
            && digits(&frac.lower)
            && frac.lower.len() <= 2
        {
            let lower = format!("{}.{}", a.lower, frac.lower);
            let end = frac.end;
            toks[k].lower = lower;
            toks[k].end = end;
            toks.drain(k + 1..k + 3);
        }
        k += 1;
    }
}
