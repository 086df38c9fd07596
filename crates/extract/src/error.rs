use std::fmt;

/// Why a document yielded no article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtractError {
    /// The document holds no article text (an index page, an empty shell).
    NoArticle {
        /// The document.
        doc: String,
        /// Why it was judged not to be an article.
        reason: String,
    },
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtractError::NoArticle { doc, reason } => {
                write!(f, "{doc}: no article text: {reason}")
            }
        }
    }
}

impl std::error::Error for ExtractError {}
