//! A tiny harness: a temporary [`Dir`] to write inputs into and a [`TestCommand`] that runs the
//! real binary inside it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary directory holding a test's inputs; removed on drop.
pub(crate) struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    /// A new empty directory.
    pub(crate) fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("creating a temporary directory") }
    }

    /// The directory's path.
    pub(crate) fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes `contents` to `name` (parents created).
    pub(crate) fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.tmp.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// A command running `crosscheck` with this directory as its working directory.
    pub(crate) fn command(&self) -> TestCommand {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
        cmd.current_dir(self.tmp.path());
        TestCommand { cmd, stdin: None }
    }
}

/// The path of a file or folder relative to the workspace root.
pub(crate) fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

/// A configured run of the binary.
pub(crate) struct TestCommand {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl TestCommand {
    /// Adds arguments.
    pub(crate) fn args<I, S>(&mut self, args: I) -> &mut TestCommand
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    /// Adds one argument.
    pub(crate) fn arg(&mut self, arg: impl AsRef<std::ffi::OsStr>) -> &mut TestCommand {
        self.cmd.arg(arg);
        self
    }

    /// Feeds `data` on stdin.
    pub(crate) fn stdin(&mut self, data: impl Into<Vec<u8>>) -> &mut TestCommand {
        self.stdin = Some(data.into());
        self
    }

    /// Runs the command and returns its output, whatever its status.
    pub(crate) fn output(&mut self) -> Output {
        self.cmd.stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawning crosscheck");
        if let Some(data) = self.stdin.take() {
            let mut stdin = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                let _ = stdin.write_all(&data);
            });
        }
        child.wait_with_output().unwrap()
    }

    /// Runs the command, asserts it exited with `code`, and returns stdout.
    pub(crate) fn expect_code(&mut self, code: i32) -> String {
        let out = self.output();
        assert_eq!(
            out.status.code(),
            Some(code),
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs the command, asserts success, and returns stdout.
    pub(crate) fn stdout(&mut self) -> String {
        self.expect_code(0)
    }
}

/// Parses JSON Lines output.
pub(crate) fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}
