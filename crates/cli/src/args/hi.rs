use std::path::PathBuf;

use anyhow::{Context, bail};

use super::low::{InputArgs, LowArgs, LowCommand};

/// Validated arguments.
#[derive(Debug)]
pub(crate) struct HiArgs {
    /// What to do.
    pub(crate) command: Command,
    /// Where to read articles from.
    pub(crate) paths: Vec<PathBuf>,
    /// The per-document size limit in bytes.
    pub(crate) max_doc_bytes: usize,
    /// Whether a progress bar may be shown.
    pub(crate) progress: bool,
}

/// The command to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    /// `crosscheck extract`.
    Extract,
}

impl HiArgs {
    /// Validates what clap parsed.
    pub(crate) fn from_low(low: LowArgs) -> anyhow::Result<HiArgs> {
        let (command, input) = match low.command {
            LowCommand::Extract(a) => (Command::Extract, a.input),
        };
        let InputArgs { paths, max_doc_size, quiet } = input;
        let max_doc_bytes = parse_size(&max_doc_size)
            .with_context(|| format!("invalid --max-doc-size {max_doc_size:?}"))?;
        Ok(HiArgs { command, paths, max_doc_bytes, progress: !quiet })
    }
}

/// Parses `1048576`, `512K`, `64M`, `1G` (binary multiples).
fn parse_size(s: &str) -> anyhow::Result<usize> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m: usize = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                _ => bail!("unknown size suffix {c:?}, expected K, M or G"),
            };
            (&s[..i], m)
        }
        _ => (s, 1),
    };
    let n: usize = digits.parse().context("expected a number of bytes")?;
    n.checked_mul(mult).filter(|&n| n > 0).context("size must be positive and fit in memory")
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10").unwrap(), 10);
        assert_eq!(parse_size("2K").unwrap(), 2048);
        assert_eq!(parse_size("64m").unwrap(), 64 << 20);
        assert!(parse_size("0").is_err());
        assert!(parse_size("5X").is_err());
        assert!(parse_size("M").is_err());
    }
}
