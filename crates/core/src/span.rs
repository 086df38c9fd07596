use serde::{Deserialize, Serialize};

use crate::DocId;

/// A byte range `start..end` into a document's raw content.
///
/// Offsets are `u32`: documents are capped well below 4 GiB by ingest's size limit, and half-size
/// offsets keep token and sentence tables compact (as in ruff's `TextRange`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// The first byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`; `end` is raised to `start` if it is smaller.
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end: end.max(start) }
    }

    /// A span from `usize` offsets, saturating at `u32::MAX`.
    pub fn from_usize(start: usize, end: usize) -> Span {
        let clamp = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Span::new(clamp(start), clamp(end))
    }

    /// The number of bytes covered.
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `usize` range.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies entirely within this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers in `s`, or `None` when it is out of bounds or not on `char`
    /// boundaries.
    pub fn slice(self, s: &str) -> Option<&str> {
        s.get(self.range())
    }

    /// The span shifted right by `by` bytes.
    #[must_use]
    pub fn shift(self, by: u32) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// Where a piece of information came from: a document and a span of its raw content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Provenance {
    /// The document.
    pub doc: DocId,
    /// The bytes of its raw content.
    pub span: Span,
}

impl Provenance {
    /// Provenance for `span` of `doc`.
    pub fn new(doc: DocId, span: Span) -> Provenance {
        Provenance { doc, span }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_checks_bounds_and_boundaries() {
        let s = "héllo";
        assert_eq!(Span::new(0, 1).slice(s), Some("h"));
        assert_eq!(Span::new(1, 2).slice(s), None, "inside a two-byte char");
        assert_eq!(Span::new(0, 99).slice(s), None);
        assert_eq!(Span::new(5, 2), Span::new(5, 5));
    }

    #[test]
    fn cover_and_contains() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(a.cover(b).contains(a));
        assert!(!a.contains(b));
    }
}
