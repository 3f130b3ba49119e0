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
    spawn(dir, extra, None)
}

/// As [`start`], at `CONCLAVE_LOG=debug`, with everything the server prints
/// (stdout and stderr) written to `log`.
#[allow(dead_code)] // Each test file includes this module; not every one logs.
pub fn start_logged(dir: &Path, extra: &[&str], log: &Path) -> Server {
    spawn(dir, extra, Some(log))
}

fn spawn(dir: &Path, extra: &[&str], log: Option<&Path>) -> Server {
    let stderr = match log {
        Some(path) => Stdio::from(std::fs::File::create(path).unwrap()),
        // Kept (its tail) so a server that exits at start says why.
        None => Stdio::piped(),
    };
    let mut out_log = log.map(|path| std::fs::OpenOptions::new().append(true).open(path).unwrap());
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--media-port",
            "0",
            // Loopback only: tests never reach the machine's own addresses.
            "--public-ip",
            "127.0.0.1",
            "--data-dir",
        ])
        .arg(dir)
        .args(extra)
        .env("CONCLAVE_LOG", if log.is_some() { "debug" } else { "info" })
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let stderr_tail = child.stderr.take().map(|stderr| {
        std::thread::spawn(move || {
            let mut tail = std::collections::VecDeque::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                // Enough to hold a usage error or a panic's first lines.
                if tail.len() == 40 {
                    tail.pop_front();
                }
                tail.push_back(line);
            }
            Vec::from(tail).join("\n")
        })
    });
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut url = None;
    let mut keep = move |line: &str| {
        if let Some(f) = out_log.as_mut() {
            use std::io::Write as _;
            let _ = writeln!(f, "{line}");
        }
    };
    for line in lines.by_ref() {
        let line = line.unwrap();
        keep(&line);
        if let Some(rest) = line.strip_prefix("Open ") {
            url = rest.split_whitespace().next().map(str::to_owned);
            break;
        }
    }
    // Keep reading: the server prints more, and a closed pipe would stop it.
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            keep(&line);
        }
    });
    let Some(url) = url else {
        let status = child.wait();
        let said = stderr_tail.and_then(|t| t.join().ok()).unwrap_or_default();
        panic!("the server exited ({status:?}) before printing its URL:\n{said}");
    };
    Server {
        child,
        authority: url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned(),
    }
}

/// A WebSocket to the test server, as raw protocol tests hold it.
#[allow(dead_code)] // Not every test file speaks raw WebSocket.
pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// `POST /api/meetings` for a meeting without a lobby; returns its id.
#[allow(dead_code)] // Not every test file makes its meetings this way.
pub fn create_open_meeting(server: &Server) -> String {
    use std::io::{Read as _, Write as _};
    let mut tcp = std::net::TcpStream::connect(&server.authority).unwrap();
    write!(
        tcp,
        "POST /api/meetings HTTP/1.1\r\nHost: {}\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{{\"lobby\":false}}",
        server.authority
    )
    .unwrap();
    let mut response = String::new();
    tcp.read_to_string(&mut response).unwrap();
    let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    let json: serde_json::Value =
        serde_json::from_str(body.trim()).unwrap_or_else(|_| panic!("{response}"));
    json["id"].as_str().unwrap().to_owned()
}

/// `conclave join LINK --name NAME --report json EXTRA…` on a thread of its
/// own; join it for the process's output.
#[allow(dead_code)] // Not every test file runs native clients.
pub fn join(
    link: &str,
    name: &str,
    extra: &[&str],
) -> std::thread::JoinHandle<std::process::Output> {
    let link = link.to_owned();
    let name = name.to_owned();
    let extra: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
    std::thread::spawn(move || {
        Command::new(BIN)
            .args(["join", &link, "--name", &name, "--report", "json"])
            .args(&extra)
            .stderr(Stdio::null())
            .output()
            .unwrap()
    })
}

/// A native client's JSON report (its last line of output).
#[allow(dead_code)] // Not every test file runs native clients.
pub fn report(out: &std::process::Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"))
}
