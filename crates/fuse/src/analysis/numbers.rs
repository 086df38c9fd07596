//! Numbers in prose: digits with separators and number words.

/// The value of an English number word from two to ninety (`seven`, `forty`).
pub(crate) fn number_word(w: &str) -> Option<u64> {
    const SMALL: [&str; 19] = [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = SMALL.iter().position(|&s| s == w) {
        return Some(i as u64 + 2);
    }
    let tens = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    tens.iter().position(|&s| s == w).map(|i| (i as u64 + 3) * 10)
}

/// The integer part of a number written in digits, with `,` thousands separators (`40,000`,
/// `3.5`).
pub(crate) fn parse_number(s: &str) -> Option<u64> {
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    let int = digits.split('.').next()?;
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 15 {
        return None;
    }
    int.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalise() {
        assert_eq!(parse_number("40,000"), Some(40_000));
        assert_eq!(parse_number("3.5"), Some(3));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(number_word("twelve"), Some(12));
        assert_eq!(number_word("forty"), Some(40));
        assert_eq!(number_word("one"), None);
    }
}
