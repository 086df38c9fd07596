use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A spinner on stderr counting items, shown only when stderr is a terminal and the run has gone
/// on long enough to be worth it; hidden otherwise.
pub(crate) fn spinner(enabled: bool, what: &'static str) -> ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    // Invariant: the template is a constant known to parse.
    if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} {msg} ({per_sec}, {elapsed})")
    {
        bar.set_style(style);
    }
    bar.set_message(what);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
