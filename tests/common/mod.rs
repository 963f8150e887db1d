//! What the CLI test files share: running the `nutgraf` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `nutgraf ARGS`, writing `stdin` (if any) to its standard input, and waits for it.
pub fn nutgraf(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nutgraf"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nutgraf runs");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("write stdin");
        }
    }
    child.wait_with_output().expect("nutgraf finishes")
}
