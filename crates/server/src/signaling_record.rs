//! `--record-signaling FILE`: every signaling message the server receives
//! or sends, one JSON line each, for tests that prove what the server never
//! learns (names, chat). It records nothing the server does not already
//! handle in the clear, and it is off unless asked for.

use std::io::Write as _;
use std::path::Path;
use std::sync::mpsc;

/// A handle to the writer thread; cloned into every socket.
#[derive(Clone)]
pub struct SignalingRecord {
    lines: mpsc::Sender<String>,
}

#[derive(Clone, Copy)]
pub enum Direction {
    In,
    Out,
}

impl SignalingRecord {
    /// Opens (appends to) `path` and starts the thread that writes it, so
    /// sockets never wait on the disk.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        let (lines, rx) = mpsc::channel::<String>();
        std::thread::Builder::new()
            .name("signaling-record".into())
            .spawn(move || {
                let mut out = std::io::LineWriter::new(file);
                for line in rx {
                    if let Err(e) = out.write_all(line.as_bytes()) {
                        tracing::warn!("signaling record: {e}; recording stops");
                        return;
                    }
                }
            })?;
        Ok(Self { lines })
    }

    pub fn record(&self, direction: Direction, text: &str) {
        let dir = match direction {
            Direction::In => "in",
            Direction::Out => "out",
        };
        let mut line = serde_json::json!({ "dir": dir, "text": text }).to_string();
        line.push('\n');
        // The writer thread is gone only if writing failed; it said so.
        let _ = self.lines.send(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_one_json_line_per_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.jsonl");
        let record = SignalingRecord::open(&path).unwrap();
        record.record(Direction::In, r#"{"v":1,"type":"ping"}"#);
        record.record(Direction::Out, "two\nlines");
        drop(record);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let text = loop {
            let text = std::fs::read_to_string(&path).unwrap();
            if text.lines().count() == 2 || std::time::Instant::now() > deadline {
                break text;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["dir"], "in");
        assert_eq!(lines[0]["text"], r#"{"v":1,"type":"ping"}"#);
        assert_eq!(lines[1]["dir"], "out");
        assert_eq!(lines[1]["text"], "two\nlines");
    }
}
