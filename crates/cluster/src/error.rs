/// An error from configuring story clustering.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ClusterError {
    /// The join threshold is not in `(0, 1]`.
    #[error("invalid story threshold {value}, expected a number in (0, 1]")]
    InvalidThreshold {
        /// The threshold given.
        value: f64,
    },
    /// The entity weight is not in `[0, 1]`.
    #[error("invalid entity weight {value}, expected a number in [0, 1]")]
    InvalidEntityWeight {
        /// The weight given.
        value: f64,
    },
    /// The shared-neighbour weight is not in `[0, 1]`.
    #[error("invalid neighbour weight {value}, expected a number in [0, 1]")]
    InvalidNeighbourWeight {
        /// The weight given.
        value: f64,
    },
    /// A window of zero days or articles.
    #[error("invalid window {value}, expected at least 1")]
    InvalidWindow {
        /// The window given.
        value: u64,
    },
}
