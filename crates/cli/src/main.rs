//! The `crosscheck` binary: parses arguments, runs a command, maps its outcome to an exit status.

#![allow(clippy::print_stdout, clippy::print_stderr, reason = "the cli crate prints")]

mod args;
mod commands;
mod status;

use std::process::ExitCode;

use clap::Parser;

use crate::status::ExitStatus;

fn main() -> ExitCode {
    let args = args::LowArgs::parse();
    let status = match args::HiArgs::from_low(args).and_then(|hi| commands::run(&hi)) {
        Ok(status) => status,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitStatus::Success.into();
            }
            // The chain may quote a file name or a title: no control character reaches the
            // terminal raw.
            let message = format!("crosscheck: error: {err:#}");
            eprintln!("{}", crosscheck::report::terminal_safe(&message));
            ExitStatus::Fatal
        }
    };
    status.into()
}

/// Whether the error is a closed stdout (`crosscheck ... | head`), which is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
        e.downcast_ref::<std::io::Error>().is_some_and(io)
            // JSON written straight to stdout reports the pipe through its own error type.
            || e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}
