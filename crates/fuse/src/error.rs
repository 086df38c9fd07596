/// An error from fusing a story.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FuseError {
    /// The story holds no article.
    #[error("story {story} has no article to fuse")]
    EmptyStory {
        /// The story id, or `-` when it had none.
        story: String,
    },
    /// A threshold outside `(0, 1]`.
    #[error("invalid claim threshold {value}, expected a number in (0, 1]")]
    InvalidThreshold {
        /// The value given.
        value: f32,
    },
    /// An article budget of zero.
    #[error("invalid article budget 0, expected at least 1")]
    InvalidBudget,
}
