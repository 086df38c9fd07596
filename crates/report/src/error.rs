/// An error from writing a report.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The output could not be written.
    #[error("writing the {format} report")]
    Io {
        /// The format being written.
        format: &'static str,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A format name that is not known.
    #[error("unknown report format {name:?}, expected one of text, json, md, csv, html")]
    UnknownFormat {
        /// The name given.
        name: String,
    },
    /// A CSV table name that is not known.
    #[error("unknown csv table {name:?}, expected one of claims, quotes, conflicts, timeline")]
    UnknownTable {
        /// The name given.
        name: String,
    },
}

impl ReportError {
    pub(crate) fn io(format: &'static str) -> impl FnOnce(std::io::Error) -> ReportError {
        move |source| ReportError::Io { format, source }
    }
}
