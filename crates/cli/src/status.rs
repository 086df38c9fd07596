use std::process::ExitCode;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Every item was processed.
    Success,
    /// Some items failed; the rest were processed.
    ItemErrors,
    /// Nothing could be processed.
    Fatal,
}

impl ExitStatus {
    /// The status of a run that processed `ok` items and failed on `failed`.
    pub(crate) fn from_counts(ok: usize, failed: usize) -> ExitStatus {
        match (ok, failed) {
            (_, 0) => ExitStatus::Success,
            (0, _) => ExitStatus::Fatal,
            _ => ExitStatus::ItemErrors,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::ItemErrors => 1,
            ExitStatus::Fatal => 2,
        })
    }
}
