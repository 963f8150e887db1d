//! What the CLI test files share: running the `nutgraf` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The `nutgraf ARGS` command, its standard streams piped, not yet started.
#[allow(dead_code)]
pub fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nutgraf"));
    c.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs `nutgraf ARGS`, writing `stdin` (if any) to its standard input, and waits for it.
pub fn nutgraf(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = command(args).spawn().expect("nutgraf runs");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            // A run that stops early (a usage error) may close its input unread.
            if let Err(e) = pipe.write_all(bytes) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
            }
        }
    }
    child.wait_with_output().expect("nutgraf finishes")
}
