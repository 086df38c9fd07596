//! One module per subcommand.

mod cluster;
mod dedup;
mod export;
mod extract;
mod fuse;
mod ingest;
mod serve;
mod show;
mod stories;
mod progress;

use crate::args::{Command, HiArgs};
use crate::status::ExitStatus;

/// Runs the command `args` asks for.
pub(crate) fn run(args: &HiArgs) -> anyhow::Result<ExitStatus> {
    match args.command {
        Command::Extract => extract::run(args),
        Command::Dedup => dedup::run(args),
        Command::Cluster => cluster::run(args),
        Command::Fuse => fuse::run(args),
        Command::Ingest => ingest::run(args),
        Command::Stories => stories::run(args),
        Command::Show => show::run(args),
        Command::Export => export::run(args),
        Command::Serve => serve::run(args),
    }
}

/// The pipeline configured from the arguments.
fn pipeline(args: &HiArgs) -> crosscheck::Pipeline {
    crosscheck::PipelineBuilder::new().max_doc_bytes(args.max_doc_bytes).build()
}
