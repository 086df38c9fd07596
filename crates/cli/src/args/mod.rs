//! Command-line arguments: [`LowArgs`] as clap parses them, [`HiArgs`] validated for the commands.

mod hi;
mod low;

pub(crate) use hi::{Command, FuseOpts, HiArgs};
pub(crate) use low::LowArgs;
