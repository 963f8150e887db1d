//! `--resume`: reopen an output file, keep its complete records, and say which inputs they cover.

use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

/// The one field of a record that resuming reads.
#[derive(Deserialize)]
struct Source<'a> {
    #[serde(borrow)]
    source: Cow<'a, str>,
}

/// Opens `path` (creating it if need be) for appending after its last complete line, a torn
/// last line cut off; returns the file and the `source` of every complete record.
pub fn open(path: &Path) -> io::Result<(File, HashSet<String>)> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    let mut done = HashSet::new();
    let mut kept = 0u64;
    {
        let mut r = BufReader::with_capacity(1 << 20, &mut file);
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = r.read_until(b'\n', &mut line)?;
            if n == 0 || !line.ends_with(b"\n") {
                break;
            }
            kept += n as u64;
            if let Ok(rec) = serde_json::from_slice::<Source<'_>>(&line) {
                done.insert(rec.source.into_owned());
            }
        }
    }
    file.set_len(kept)?;
    file.seek(SeekFrom::Start(kept))?;
    Ok((file, done))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn complete_records_are_kept_and_a_torn_line_is_cut() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("out.jsonl");
        std::fs::write(
            &path,
            "{\"source\":\"a.html\",\"text\":\"x\"}\n{\"source\":\"b.html\",\"error\":\"e\"}\n{\"source\":\"c.ht",
        )?;
        let (mut f, done) = open(&path)?;
        assert_eq!(done.len(), 2);
        assert!(done.contains("a.html") && done.contains("b.html"));
        f.write_all(b"{\"source\":\"c.html\"}\n")?;
        drop(f);
        let mut text = String::new();
        File::open(&path)?.read_to_string(&mut text)?;
        assert!(
            text.ends_with("\"error\":\"e\"}\n{\"source\":\"c.html\"}\n"),
            "{text}"
        );
        Ok(())
    }
}
