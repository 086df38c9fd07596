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
    /// Whether the run is over and whether the spinner was drawn, under one lock, so that the
    /// spinner never appears after [`Progress::finish`] cleared it.
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    done: bool,
    drawn: bool,
}

impl Progress {
    /// A spinner counting `what`, if `enabled` and stderr is a terminal.
    pub(crate) fn new(enabled: bool, what: &'static str) -> Progress {
        Progress::on(enabled && std::io::stderr().is_terminal(), what)
    }

    /// A spinner counting `what`, drawn on stderr after [`DELAY`] if `shown`.
    fn on(shown: bool, what: &'static str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let state = Arc::new(Mutex::new(State::default()));
        if shown {
            // Invariant: the template is a constant known to parse.
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {human_pos} {msg} ({per_sec}, {elapsed})")
            {
                bar.set_style(style);
            }
            bar.set_message(what);
            let (bar, state) = (bar.clone(), state.clone());
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
                if !state.done {
                    state.drawn = true;
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(200));
                }
            });
        }
        Progress { bar, state }
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
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.done = true;
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::Progress;

    use std::time::Duration;

    fn drawn(p: &Progress) -> bool {
        p.state.lock().unwrap().drawn
    }

    /// Off a terminal no spinner is ever drawn, even after the delay, yet the count is kept.
    #[test]
    fn no_spinner_off_a_terminal() {
        let p = Progress::on(false, "articles");
        for _ in 0..3 {
            p.inc();
        }
        std::thread::sleep(super::DELAY + Duration::from_millis(300));
        assert!(!drawn(&p) && p.bar.is_hidden());
        assert_eq!(p.bar.position(), 3);
        p.finish();
        assert!(p.bar.is_finished());
    }

    /// On a terminal the spinner appears only once the run has gone on for a second, and never
    /// after a quicker run is over.
    #[test]
    fn no_spinner_in_the_first_second() {
        let quick = Progress::on(true, "articles");
        quick.inc();
        std::thread::sleep(super::DELAY / 2);
        assert!(!drawn(&quick), "a spinner before a second");
        quick.finish();
        std::thread::sleep(super::DELAY);
        assert!(!drawn(&quick), "a spinner after the run");
        let slow = Progress::on(true, "articles");
        std::thread::sleep(super::DELAY + Duration::from_millis(300));
        assert!(drawn(&slow), "no spinner after a second");
        slow.finish();
    }
}
