use std::io::IsTerminal;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its spinner appears: a quick run shows none.
const DELAY: Duration = Duration::from_secs(1);

/// A spinner on stderr counting items (`what`: "articles", "stories"), shown only when stderr
/// is a terminal and the run has gone on for [`DELAY`]. Messages go through
/// [`Progress::message`], which clears the spinner's line first, so a message never shares a
/// line with it.
#[derive(Debug)]
pub(crate) struct Progress {
    bar: ProgressBar,
    /// Set when the run is over, under the lock the delayed start takes, so that the spinner
    /// never appears after [`Progress::finish`] cleared it.
    done: Arc<Mutex<bool>>,
}

impl Progress {
    /// A spinner counting `what`, if `enabled` and stderr is a terminal.
    pub(crate) fn new(enabled: bool, what: &'static str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let done = Arc::new(Mutex::new(false));
        if enabled && std::io::stderr().is_terminal() {
            // Invariant: the template is a constant known to parse.
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {human_pos} {msg} ({per_sec}, {elapsed})")
            {
                bar.set_style(style);
            }
            bar.set_message(what);
            let (bar, done) = (bar.clone(), done.clone());
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                let done = done.lock().unwrap_or_else(PoisonError::into_inner);
                if !*done {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(200));
                }
            });
        }
        Progress { bar, done }
    }

    /// Counts one more item.
    pub(crate) fn inc(&self) {
        self.bar.inc(1);
    }

    /// Prints `line` on stderr, on a line of its own, control characters escaped.
    pub(crate) fn message(&self, line: &str) {
        let line = crosscheck::report::terminal_safe(line);
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// Clears the spinner for good.
    pub(crate) fn finish(&self) {
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        *done = true;
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
