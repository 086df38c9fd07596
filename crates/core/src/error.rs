use std::fmt;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from parsing a vocabulary value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A date that is not `YYYY-MM-DD` or not a real calendar day.
    InvalidDate {
        /// The text that failed to parse.
        input: String,
    },
    /// A month that is not `YYYY-MM` or has no month 1 to 12.
    InvalidMonth {
        /// The text that failed to parse.
        input: String,
    },
    /// A publication date that is neither a day (`YYYY-MM-DD`) nor a month (`YYYY-MM`).
    InvalidPublished {
        /// The text that failed to parse.
        input: String,
    },
    /// A language code that is not two or three ASCII letters.
    InvalidLang {
        /// The text that failed to parse.
        input: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidDate { input } => {
                write!(f, "invalid date {input:?}, expected YYYY-MM-DD")
            }
            Error::InvalidMonth { input } => {
                write!(f, "invalid month {input:?}, expected YYYY-MM")
            }
            Error::InvalidPublished { input } => {
                write!(f, "invalid publication date {input:?}, expected YYYY-MM-DD or YYYY-MM")
            }
            Error::InvalidLang { input } => {
                write!(f, "invalid language code {input:?}, expected an ISO 639 code")
            }
        }
    }
}

impl std::error::Error for Error {}
