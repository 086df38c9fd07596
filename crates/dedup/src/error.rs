/// An error from configuring deduplication.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DedupError {
    /// The similarity threshold is not in `(0, 1]`.
    #[error("invalid near-duplicate threshold {value}, expected a number in (0, 1]")]
    InvalidThreshold {
        /// The threshold given.
        value: f64,
    },
    /// The shingle size is 0 or larger than the largest supported.
    #[error("invalid shingle size {value}, expected 1 to {max} words")]
    InvalidShingle {
        /// The size given.
        value: usize,
        /// The largest supported size.
        max: usize,
    },
    /// The number of permutations is 0 or too large.
    #[error("invalid number of permutations {value}, expected 1 to {max}")]
    InvalidPermutations {
        /// The number given.
        value: usize,
        /// The largest supported number.
        max: usize,
    },
    /// The LSH bands do not fit in the signature.
    #[error("{bands} bands of {rows} rows do not fit in {permutations} permutations")]
    InvalidBands {
        /// The number of bands.
        bands: usize,
        /// The rows per band.
        rows: usize,
        /// The signature length.
        permutations: usize,
    },
    /// The bound on candidates verified per document is 0.
    #[error("invalid candidate bound 0, expected at least 1 candidate verified per document")]
    InvalidCandidates,
    /// A reuse detection setting is out of range.
    #[error("invalid reuse setting {name} = {value}, expected a positive number")]
    InvalidReuse {
        /// The setting.
        name: &'static str,
        /// The value given.
        value: usize,
    },
}
