//! The real binary as a test server: `conclave serve` on a free loopback
//! port with its own data directory, killed when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_conclave");

pub struct Server {
    pub child: Child,
    /// `host:port` of its HTTP listener.
    pub authority: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `conclave serve` on `dir` with `extra` flags and waits for the URL.
pub fn start(dir: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--media-port",
            "0",
            "--data-dir",
        ])
        .arg(dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut url = None;
    for line in lines.by_ref() {
        if let Some(rest) = line.unwrap().strip_prefix("Open ") {
            url = rest.split_whitespace().next().map(str::to_owned);
            break;
        }
    }
    // Keep reading: the server prints more, and a closed pipe would stop it.
    std::thread::spawn(move || lines.for_each(drop));
    let url = url.expect("the server printed its URL");
    Server {
        child,
        authority: url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned(),
    }
}
