//! One module per subcommand.

mod extract;
mod progress;

use crate::args::{Command, HiArgs};
use crate::status::ExitStatus;

/// Runs the command `args` asks for.
pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    match args.command {
        Command::Extract => extract::run(args),
    }
}

/// The pipeline configured from the arguments.
fn pipeline(args: &HiArgs) -> crosscheck::Pipeline {
    crosscheck::PipelineBuilder::new().max_doc_bytes(args.max_doc_bytes).build()
}
