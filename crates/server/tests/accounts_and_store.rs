//! Organiser accounts and the meeting store through the real binary:
//! `conclave user add` from stdin, signing in and out, who may create
//! meetings, cookie flags, cross-site posts, meetings that end or expire,
//! and a `kill -9` that loses nothing committed.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

mod common;

use common::{BIN, Server, start};

const PASSWORD: &str = "correct horse battery";

/// Runs `conclave ARGS --data-dir DIR`, feeding `stdin`; (success, stdout).
fn conclave(dir: &Path, args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request; `headers` are extra lines like `Cookie: a=b`.
fn request(server: &Server, method: &str, path: &str, headers: &[&str], body: &str) -> Response {
    let mut tcp = std::net::TcpStream::connect(&server.authority).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        server.authority,
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    tcp.write_all(head.as_bytes()).unwrap();
    tcp.write_all(body.as_bytes()).unwrap();
    let mut raw = String::new();
    tcp.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

const FORM: &str = "Content-Type: application/x-www-form-urlencoded";

fn sign_in(server: &Server, name: &str, password: &str) -> Response {
    let body = format!("name={name}&password={}", password.replace(' ', "+"));
    request(server, "POST", "/api/session", &[FORM], &body)
}

/// The `Cookie:` header line for the session a sign-in set.
fn cookie_of(response: &Response) -> String {
    let set = response.header("set-cookie").expect("a session cookie");
    format!("Cookie: {}", set.split(';').next().unwrap())
}

fn create(server: &Server, headers: &[&str], body: &str) -> Response {
    request(server, "POST", "/api/meetings", headers, body)
}

fn created_json(response: &Response) -> serde_json::Value {
    assert_eq!(response.status, 201, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

#[test]
fn an_organiser_added_from_stdin_signs_in_and_only_then_creates_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &["--create-meetings", "organisers"]);
    // Added while the server runs: both use the database at once.
    let (ok, out) = conclave(
        dir.path(),
        &["user", "add", "Ada"],
        &format!("{PASSWORD}\n"),
    );
    assert!(ok, "{out}");
    let (ok, out) = conclave(dir.path(), &["user", "add", "Bob"], "short\n");
    assert!(!ok, "a too-short password is refused: {out}");
    let (ok, out) = conclave(dir.path(), &["user", "list"], "");
    assert!(ok && out.trim() == "Ada", "{out}");

    let refused = create(&server, &[], "");
    assert_eq!(refused.status, 401);
    assert!(refused.body.contains("sign in"), "{}", refused.body);
    let info: serde_json::Value =
        serde_json::from_str(&request(&server, "GET", "/api/session", &[], "").body).unwrap();
    assert_eq!(info["signed_in"], false);
    assert_eq!(info["create_meetings"], "organisers");
    assert_eq!(request(&server, "GET", "/signin", &[], "").status, 200);

    let signed_in = sign_in(&server, "Ada", PASSWORD);
    assert_eq!(signed_in.status, 303);
    assert_eq!(signed_in.header("location"), Some("/"));
    let set_cookie = signed_in.header("set-cookie").unwrap();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
        assert!(set_cookie.contains(flag), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain HTTP: {set_cookie}");
    let cookie = cookie_of(&signed_in);

    let meeting = created_json(&create(&server, &[&cookie], ""));
    let id = meeting["id"].as_str().unwrap();
    assert_eq!(meeting["link"], format!("/m/{id}"));
    assert!(meeting["host_link"].as_str().unwrap().contains("#host="));
    let info: serde_json::Value =
        serde_json::from_str(&request(&server, "GET", "/api/session", &[&cookie], "").body)
            .unwrap();
    assert_eq!(info["signed_in"], true);
    assert_eq!(info["name"], "Ada");

    let out = request(&server, "POST", "/api/session/end", &[&cookie], "");
    assert_eq!(out.status, 303);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(create(&server, &[&cookie], "").status, 401, "signed out");

    let again = cookie_of(&sign_in(&server, "Ada", PASSWORD));
    let (ok, out) = conclave(dir.path(), &["user", "remove", "Ada"], "");
    assert!(ok, "{out}");
    assert_eq!(
        create(&server, &[&again], "").status,
        401,
        "removed users' sessions end"
    );
}

#[test]
fn a_wrong_password_and_an_unknown_user_get_the_same_answer_in_comparable_time() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = conclave(
        dir.path(),
        &["user", "add", "Ada"],
        &format!("{PASSWORD}\n"),
    );
    assert!(ok, "{out}");
    let server = start(dir.path(), &[]);
    let timed = |name: &str, password: &str| {
        let t = Instant::now();
        let r = sign_in(&server, name, password);
        (r, t.elapsed())
    };
    let mut wrong = Duration::ZERO;
    let mut unknown = Duration::ZERO;
    for i in 0..3 {
        let (a, ta) = timed("Ada", "not the password");
        let (b, tb) = timed(&format!("Nobody{i}"), "not the password");
        for r in [&a, &b] {
            assert_eq!(r.status, 303);
            assert_eq!(r.header("location"), Some("/signin?failed"));
            assert!(r.header("set-cookie").is_none());
        }
        assert_eq!(a.body, b.body);
        wrong += ta;
        unknown += tb;
    }
    // Without the dummy check an unknown user would be answered in a
    // fraction of a millisecond, against tens for a real argon2id check.
    assert!(
        unknown * 3 > wrong && wrong * 3 > unknown,
        "wrong password {wrong:?} vs unknown user {unknown:?}"
    );
    // Attempts from one address run into the limit (10 at once).
    let limited = (0..10).any(|i| sign_in(&server, &format!("Guess{i}"), "x").status == 429);
    assert!(limited, "sign-in attempts are rate-limited");
}

#[test]
fn cross_site_posts_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = conclave(
        dir.path(),
        &["user", "add", "Ada"],
        &format!("{PASSWORD}\n"),
    );
    assert!(ok, "{out}");
    let server = start(dir.path(), &["--create-meetings", "organisers"]);
    let evil = "Origin: http://evil.example";
    let own = format!("Origin: http://{}", server.authority);
    let r = request(
        &server,
        "POST",
        "/api/session",
        &[FORM, evil],
        &format!("name=Ada&password={}", PASSWORD.replace(' ', "+")),
    );
    assert_eq!(r.status, 403, "login CSRF");
    assert!(r.header("set-cookie").is_none());
    let cookie = cookie_of(&sign_in(&server, "Ada", PASSWORD));
    assert_eq!(create(&server, &[&cookie, evil], "").status, 403);
    assert_eq!(
        request(&server, "POST", "/api/session/end", &[&cookie, evil], "").status,
        403
    );
    created_json(&create(&server, &[&cookie, &own], ""));
}

#[tokio::test]
async fn kill_9_mid_meeting_keeps_meetings_settings_accounts_and_audit() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let (ok, out) = conclave(
        dir.path(),
        &["user", "add", "Ada"],
        &format!("{PASSWORD}\n"),
    );
    assert!(ok, "{out}");
    let meeting = created_json(&create(
        &server,
        &["Content-Type: application/json"],
        r#"{"lobby":false,"max_participants":5,"passcode":"open sesame","screen_share":"hosts"}"#,
    ));
    let id = meeting["id"].as_str().unwrap().to_owned();
    assert_eq!(meeting["link"], format!("/m/{id}?passcode=open+sesame"));

    let (mut ws, _) = tokio_tungstenite::connect_async(format!(
        "ws://{}/ws/{id}?passcode=open+sesame",
        server.authority
    ))
    .await
    .unwrap();
    ws.send(Message::Text(r#"{"v":1,"type":"join"}"#.into()))
        .await
        .unwrap();
    let welcome = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .unwrap();
    assert!(format!("{welcome:?}").contains("welcome"));
    // The join is audited within moments; wait until it is committed.
    let show = |dir: &Path| conclave(dir, &["meeting", "show", &id], "").1;
    let deadline = Instant::now() + Duration::from_secs(5);
    while !show(dir.path()).contains("joined p") {
        assert!(Instant::now() < deadline, "{}", show(dir.path()));
        std::thread::sleep(Duration::from_millis(50));
    }

    // SIGKILL mid-meeting: no shutdown code runs.
    let mut server = server;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    drop(ws);
    let server = start(dir.path(), &[]);

    let shown = show(dir.path());
    for line in [
        "lobby: false",
        "max_participants: 5",
        "passcode: set",
        "screen_share: Hosts",
        "ended_at: -",
        " created\n",
        " joined p",
    ] {
        assert!(shown.contains(line), "{line:?} missing from:\n{shown}");
    }
    assert!(!shown.contains("Grace"), "no names in the store");
    assert!(!shown.contains("open sesame"), "no passcode in the store");
    // The passcode survived too: without it the meeting stays hidden.
    assert_eq!(
        request(&server, "GET", &format!("/m/{id}"), &[], "").status,
        404
    );
    assert_eq!(
        request(
            &server,
            "GET",
            &format!("/m/{id}?passcode=open+sesame"),
            &[],
            ""
        )
        .status,
        200
    );
    let (ok, out) = conclave(dir.path(), &["user", "list"], "");
    assert!(ok && out.contains("Ada"), "{out}");
    assert_eq!(sign_in(&server, "Ada", PASSWORD).status, 303);
    let db = std::fs::read(dir.path().join("conclave.sqlite")).unwrap();
    assert!(!db.windows(5).any(|w| w == b"Grace"));
}

#[test]
fn meeting_create_with_a_passcode_prints_links_carrying_it_and_stores_only_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let url = format!("http://{}", server.authority);
    let create = ["meeting", "create", "--passcode", "--url", url.as_str()];

    let (ok, out) = conclave(dir.path(), &create, "\n");
    assert!(!ok && out.contains("cannot be empty"), "{out}");

    let (ok, out) = conclave(dir.path(), &create, "open sesame\n");
    assert!(ok, "{out}");
    let link = out
        .lines()
        .find_map(|l| l.strip_prefix("Participant link: "))
        .unwrap();
    let host_link = out
        .lines()
        .find_map(|l| l.strip_prefix("Host link: "))
        .unwrap();
    assert!(link.contains("?passcode=open+sesame#pub="), "{link}");
    assert!(
        host_link.contains("?passcode=open+sesame#host="),
        "{host_link}"
    );
    let path = link
        .strip_prefix(url.as_str())
        .and_then(|p| p.split('#').next())
        .unwrap();
    let id = path
        .strip_prefix("/m/")
        .and_then(|p| p.split('?').next())
        .unwrap();

    // The running server reads the meeting the command wrote: hidden
    // without the passcode, open with it.
    assert_eq!(
        request(&server, "GET", &format!("/m/{id}"), &[], "").status,
        404
    );
    assert_eq!(request(&server, "GET", path, &[], "").status, 200);
    let (_, shown) = conclave(dir.path(), &["meeting", "show", id], "");
    assert!(shown.contains("passcode: set"), "{shown}");
    assert!(!shown.contains("open sesame"));
    for file in ["conclave.sqlite", "conclave.sqlite-wal"] {
        let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
        assert!(
            !bytes.windows(11).any(|w| w == b"open sesame"),
            "the passcode itself is in {file}"
        );
    }
    // One id in 64 begins with '-': it is still read as an id, not a flag.
    let (ok, out) = conclave(
        dir.path(),
        &["meeting", "show", "-AAAAAAAAAAAAAAAAAAAAA"],
        "",
    );
    assert!(!ok && out.contains("no such meeting"), "{out}");
}

#[tokio::test]
async fn ended_and_expired_meetings_answer_exactly_like_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &["--meeting-ttl", "3s"]);
    let unknown = "AAAAAAAAAAAAAAAAAAAAAA";
    let page = |id: &str| request(&server, "GET", &format!("/m/{id}"), &[], "");
    let socket = |id: String| {
        let url = format!("ws://{}/ws/{id}", server.authority);
        async move {
            tokio_tungstenite::connect_async(url)
                .await
                .map(|_| ())
                .unwrap_err()
                .to_string()
        }
    };
    let none = page(unknown);
    assert_eq!(none.status, 404);
    assert!(none.body.contains("No such meeting"));
    let refused = socket(unknown.into()).await;

    let ended = created_json(&create(&server, &[], ""));
    let expiring = created_json(&create(&server, &[], ""));
    let id = ended["id"].as_str().unwrap().to_owned();
    let secret = ended["host_link"]
        .as_str()
        .unwrap()
        .split("#host=")
        .nth(1)
        .unwrap()
        .to_owned();

    let (mut ws, _) =
        tokio_tungstenite::connect_async(format!("ws://{}/ws/{id}", server.authority))
            .await
            .unwrap();
    ws.send(Message::Text(r#"{"v":1,"type":"join"}"#.into()))
        .await
        .unwrap();

    let end = |secret: &str| {
        request(
            &server,
            "POST",
            &format!("/api/meetings/{id}/end"),
            &["Content-Type: application/json"],
            &format!(r#"{{"host_secret":"{secret}"}}"#),
        )
    };
    let wrong = end("not-the-secret");
    assert_eq!(
        (wrong.status, &wrong.body),
        (404, &none.body),
        "a wrong secret looks like no meeting"
    );
    assert_eq!(end(&secret).status, 204);
    // Whoever was inside is told, and let go.
    let mut told = false;
    while let Ok(Some(Ok(frame))) = tokio::time::timeout(Duration::from_secs(5), ws.next()).await {
        if let Message::Text(t) = frame {
            told |= t.contains("meeting_ended");
        }
    }
    assert!(told, "participants learn the meeting ended");
    let again = end(&secret);
    assert_eq!((again.status, &again.body), (404, &none.body));

    let gone = page(&id);
    assert_eq!((gone.status, &gone.body), (none.status, &none.body));
    assert_eq!(gone.header("content-type"), none.header("content-type"));
    assert_eq!(socket(id.clone()).await, refused);

    let expiring = expiring["id"].as_str().unwrap().to_owned();
    assert_eq!(page(&expiring).status, 200);
    std::thread::sleep(Duration::from_millis(3100));
    let expired = page(&expiring);
    assert_eq!((expired.status, &expired.body), (none.status, &none.body));
    assert_eq!(socket(expiring).await, refused);
    let shown = conclave(dir.path(), &["meeting", "show", &id], "").1;
    assert!(
        shown.contains("ended_at: 1") && shown.contains(" ended"),
        "{shown}"
    );
}

#[tokio::test]
async fn meeting_options_are_checked_and_the_stored_cap_holds_when_the_meeting_goes_live() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let json = "Content-Type: application/json";
    for bad in [
        r#"{"max_participants":1}"#,
        r#"{"max_participants":1000}"#,
        r#"{"lobby":"yes"}"#,
        r#"{"owner":"me"}"#,
        "not json",
    ] {
        assert_eq!(create(&server, &[json], bad).status, 400, "{bad}");
    }
    let meeting = created_json(&create(
        &server,
        &[json],
        r#"{"max_participants":2,"lobby":false}"#,
    ));
    let id = meeting["id"].as_str().unwrap();
    let mut answers = Vec::new();
    let mut sockets = Vec::new();
    for _ in 0..3 {
        let url = format!("ws://{}/ws/{id}", server.authority);
        let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        ws.send(Message::Text(r#"{"v":1,"type":"join"}"#.to_owned().into()))
            .await
            .unwrap();
        let first = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .unwrap();
        answers.push(format!("{first:?}"));
        sockets.push(ws);
    }
    assert!(answers[0].contains("welcome") && answers[1].contains("welcome"));
    assert!(answers[2].contains("meeting_full"), "{}", answers[2]);
}
