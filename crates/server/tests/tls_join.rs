//! The real binary end to end over HTTPS: `conclave serve --tls-self-signed`
//! prints its certificate fingerprint, and native participants that pin it
//! join, exchange encrypted media and report it; a wrong pin is refused.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BIN: &str = env!("CARGO_BIN_EXE_conclave");

struct Server {
    child: Child,
    url: String,
    fingerprint: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_tls_server() -> Server {
    let dir = tempfile::tempdir().unwrap();
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
            "--tls-self-signed",
            "--data-dir",
        ])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (mut url, mut fingerprint) = (None, None);
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Open ") {
            url = rest.split_whitespace().next().map(str::to_owned);
        }
        if let Some(fp) = line.strip_prefix("TLS certificate SHA-256 fingerprint: ") {
            fingerprint = Some(fp.trim().to_owned());
        }
        if url.is_some() && fingerprint.is_some() {
            break;
        }
    }
    // Keep reading: the server prints more, and a closed pipe would stop it.
    std::thread::spawn(move || lines.for_each(drop));
    Server {
        child,
        url: url.expect("the server printed its URL"),
        fingerprint: fingerprint.expect("the server printed its fingerprint"),
        _dir: dir,
    }
}

/// One request over TLS, trusting only the pinned certificate; the whole
/// response.
async fn https(server: &Server, request: impl Fn(&str) -> String) -> String {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let pin = conclave_client::tls::parse_fingerprint(&server.fingerprint).unwrap();
    let config = conclave_client::tls::client_config(Some(pin)).unwrap();
    let authority = server
        .url
        .trim_start_matches("https://")
        .trim_end_matches('/')
        .to_owned();
    let tcp = tokio::net::TcpStream::connect(&authority).await.unwrap();
    let connector = tokio_rustls::TlsConnector::from(Arc::clone(&config));
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let mut tls = connector.connect(name, tcp).await.unwrap();
    tls.write_all(request(&authority).as_bytes()).await.unwrap();
    let mut body = Vec::new();
    let _ = tls.read_to_end(&mut body).await;
    String::from_utf8_lossy(&body).into_owned()
}

/// `POST /api/meetings` over TLS.
async fn create_meeting(server: &Server) -> String {
    let text = https(server, |authority| {
        format!(
            "POST /api/meetings HTTP/1.1\r\nHost: {authority}\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{{\"lobby\":false}}"
        )
    })
    .await;
    assert!(text.starts_with("HTTP/1.1 201"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text[text.find('{').unwrap()..]).unwrap();
    json["link"].as_str().unwrap().to_owned()
}

#[test]
fn natives_pinning_the_self_signed_certificate_meet_over_https() {
    let server = start_tls_server();
    assert!(server.url.starts_with("https://127.0.0.1:"));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let link = runtime.block_on(create_meeting(&server));
    let link = format!("{}{}", server.url.trim_end_matches('/'), link);

    let out = Command::new(BIN)
        .args([
            "join",
            &link,
            "--name",
            "Nat",
            "--count",
            "2",
            "--duration",
            "20",
        ])
        .args(["--expect-peers", "1", "--exit-early", "--report", "json"])
        .args(["--tls-fingerprint", &server.fingerprint])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "join failed: {stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    for r in reports {
        let from = &r["received"][0];
        assert!(from["audio_frames"].as_u64().unwrap() > 0, "{r}");
        assert!(from["video_frames"].as_u64().unwrap() > 0, "{r}");
    }
    assert_eq!(reports[0]["members"].as_array().unwrap().len(), 2);

    let wrong = "00".repeat(32);
    let out = Command::new(BIN)
        .args([
            "join",
            &link,
            "--name",
            "Eve",
            "--duration",
            "5",
            "--tls-fingerprint",
            &wrong,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fingerprint"), "{err}");
}

#[test]
fn session_cookies_are_secure_and_host_prefixed_under_tls() {
    let server = start_tls_server();
    let mut add = Command::new(BIN)
        .args(["user", "add", "Ada", "--data-dir"])
        .arg(server._dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = add.stdin.take().unwrap();
        stdin.write_all(b"correct horse battery\n").unwrap();
    }
    assert!(add.wait().unwrap().success());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let response = runtime.block_on(https(&server, |authority| {
        let body = "name=Ada&password=correct+horse+battery";
        format!(
            "POST /api/session HTTP/1.1\r\nHost: {authority}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }));
    assert!(response.starts_with("HTTP/1.1 303"), "{response}");
    let cookie = response
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap_or_else(|| panic!("{response}"));
    assert!(cookie.contains("__Host-conclave_session="), "{cookie}");
    for flag in ["; Secure", "; HttpOnly", "; SameSite=Strict", "; Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
}
