//! The lobby with the real binary and real native clients: a meeting made
//! with `conclave meeting create`, a host running `conclave join` with the
//! host link and `--admit`, guests knocking with the participant link.
//! Only whom the host admits gets in; everyone else waits and decrypts
//! nothing; the audit log has every step by opaque id, never by name.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::thread;

use common::{BIN, start};

fn conclave(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "conclave {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn join(link: &str, name: &str, extra: &[&str]) -> thread::JoinHandle<Output> {
    let link = link.to_owned();
    let name = name.to_owned();
    let extra: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
    thread::spawn(move || {
        Command::new(BIN)
            .args(["join", &link, "--name", &name, "--report", "json"])
            .args(&extra)
            .stderr(Stdio::null())
            .output()
            .unwrap()
    })
}

fn report(out: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn link_after<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label:?} in {text}"))
        .trim()
}

/// A lobby meeting made with `conclave meeting create`, as an operator
/// would: its participant link, host link and id.
struct Created {
    participant_link: String,
    host_link: String,
    id: String,
}

fn create_meeting(dir: &Path, server: &common::Server) -> Created {
    let created = conclave(
        dir,
        &[
            "meeting",
            "create",
            "--url",
            &format!("http://{}", server.authority),
        ],
    );
    let participant_link = link_after(&created, "Participant link:").to_owned();
    let host_link = link_after(&created, "Host link:").to_owned();
    let id = host_link
        .split("/m/")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .unwrap()
        .to_owned();
    Created {
        participant_link,
        host_link,
        id,
    }
}

#[test]
fn only_the_knocker_a_host_admits_gets_in_and_the_audit_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let Created {
        participant_link,
        host_link,
        id,
    } = create_meeting(dir.path(), &server);
    assert!(participant_link.contains("#pub=") && !participant_link.contains("key="));
    assert!(host_link.contains("&key="));

    // The guests come first: nobody is admitted while no host is present,
    // and the host's arrival admits nobody by itself.
    let grace = join(
        &participant_link,
        "Grace Hopper",
        &["--duration", "25", "--expect-peers", "1", "--exit-early"],
    );
    let eve = join(&participant_link, "Eve Mallory", &["--duration", "12"]);
    thread::sleep(std::time::Duration::from_secs(2));
    let ada = join(
        &host_link,
        "Ada Lovelace",
        &[
            "--admit",
            "Grace Hopper",
            // Stays until Grace has had time to see and hear it.
            "--duration",
            "15",
        ],
    );
    let grace = report(&grace.join().unwrap());
    let ada_out = ada.join().unwrap();
    let ada = report(&ada_out);
    let eve = report(&eve.join().unwrap());

    assert_eq!(grace["knocked"], true);
    let admit_to_video = grace["admission_to_first_video_ms"].as_u64().unwrap();
    eprintln!("admission to first decrypted video frame: {admit_to_video} ms");
    assert_eq!(ada["knocked"], false);
    assert_eq!(ada["admitted"], serde_json::json!(["Grace Hopper"]));
    assert!(grace["tampered"].is_null() && ada["tampered"].is_null());
    // Grace left first (early, once she had Ada's media): the code she
    // showed last is one Ada showed too.
    assert!(
        ada["security_codes_seen"]
            .as_array()
            .unwrap()
            .contains(&grace["security_code"]),
        "one security code: {grace} / {ada}"
    );
    let from_ada = &grace["received"][0];
    assert!(from_ada["audio_frames"].as_u64().unwrap() > 0, "{grace}");
    assert!(from_ada["video_frames"].as_u64().unwrap() > 0, "{grace}");
    assert!(ada_out.status.success());
    assert!(
        ada["received"][0]["audio_frames"].as_u64().unwrap() > 0,
        "{ada}"
    );

    // Eve knocked and was never admitted: no epoch, nothing decrypted,
    // nothing of the meeting (the host saw her knock and left it).
    assert_eq!(eve["knocked"], true);
    assert!(eve["epoch"].is_null(), "{eve}");
    assert_eq!(eve["received"], serde_json::json!([]));
    assert_eq!(eve["members"], serde_json::json!([]));

    let shown = conclave(dir.path(), &["meeting", "show", &id]);
    assert!(shown.contains("lobby: true"), "{shown}");
    assert!(shown.contains(" knocked "), "{shown}");
    assert!(shown.contains(" admitted "), "{shown}");
    // Names with spaces cannot occur by chance in base64 ids.
    for name in ["Ada Lovelace", "Grace Hopper", "Eve Mallory"] {
        assert!(!shown.contains(name), "the audit log names {name}: {shown}");
    }
}

/// A host promotes an admitted guest to co-host (the meeting key sealed to
/// the key in her knock) and leaves; the co-host alone admits the next
/// knocker, who joins a group every client accepts.
#[test]
fn a_co_host_admits_after_the_host_has_left() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let Created {
        participant_link,
        host_link,
        id,
    } = create_meeting(dir.path(), &server);

    let grace = join(
        &participant_link,
        "Grace Hopper",
        &["--admit-all", "--duration", "30", "--expect-peers", "1"],
    );
    thread::sleep(std::time::Duration::from_secs(1));
    let ada = join(
        &host_link,
        "Ada Lovelace",
        &[
            "--admit",
            "Grace Hopper",
            "--promote",
            "Grace Hopper",
            "--duration",
            "8",
        ],
    );
    let ada = report(&ada.join().unwrap());
    assert_eq!(
        ada["admitted"],
        serde_json::json!(["Grace Hopper"]),
        "{ada}"
    );
    // Only now, with no host left, does Eve knock.
    let eve = join(
        &participant_link,
        "Eve Mallory",
        &["--duration", "20", "--expect-peers", "1", "--exit-early"],
    );
    let eve_out = eve.join().unwrap();
    let eve = report(&eve_out);
    let grace = report(&grace.join().unwrap());
    assert_eq!(grace["promoted"], true, "{grace}");
    assert_eq!(
        grace["admitted"],
        serde_json::json!(["Eve Mallory"]),
        "{grace}"
    );
    assert!(eve_out.status.success(), "{eve}");
    assert!(eve["tampered"].is_null() && grace["tampered"].is_null());
    assert!(
        grace["security_codes_seen"]
            .as_array()
            .unwrap()
            .contains(&eve["security_code"]),
        "{grace} / {eve}"
    );
    let shown = conclave(dir.path(), &["meeting", "show", &id]);
    assert!(shown.contains(" promoted "), "{shown}");
}

/// `kill -9` mid-meeting loses no lobby decision: knocks, admissions and
/// the lock are in the store, and a restarted server still refuses new
/// knocks on the locked meeting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_meeting_keeps_the_lock_and_every_lobby_decision() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;

    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let Created { host_link, id, .. } = create_meeting(dir.path(), &server);
    let secret = host_link
        .split("#host=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap()
        .to_owned();
    let url = format!("ws://{}/ws/{id}", server.authority);
    let (mut host, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    let (mut guest, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    let send = |text: String| Message::Text(text.into());
    host.send(send(format!(
        r#"{{"v":1,"type":"join","name":"Ada Lovelace","host_secret":"{secret}"}}"#
    )))
    .await
    .unwrap();
    guest
        .send(send(
            r#"{"v":1,"type":"join","name":"Grace Hopper","device":"d1"}"#.into(),
        ))
        .await
        .unwrap();
    // The guest waits; its id is in the `lobby` answer.
    let lobby = loop {
        let Some(Ok(Message::Text(t))) = guest.next().await else {
            panic!("the guest's socket closed");
        };
        if t.contains("\"lobby\"") {
            break serde_json::from_str::<serde_json::Value>(t.as_str()).unwrap();
        }
    };
    let you = lobby["you"].as_u64().unwrap();
    guest
        .send(send(r#"{"v":1,"type":"knock","sealed":"c2VhbGVk"}"#.into()))
        .await
        .unwrap();
    loop {
        let Some(Ok(Message::Text(t))) = host.next().await else {
            panic!("the host's socket closed");
        };
        if t.contains("\"knock\"") {
            break;
        }
    }
    host.send(send(format!(
        r#"{{"v":1,"type":"admit","participant":{you},"key_package":"AAAA"}}"#
    )))
    .await
    .unwrap();
    host.send(send(
        r#"{"v":1,"type":"screen_sharing","allowed":false}"#.into(),
    ))
    .await
    .unwrap();
    host.send(send(r#"{"v":1,"type":"lock","locked":true}"#.into()))
        .await
        .unwrap();
    let show = || conclave(dir.path(), &["meeting", "show", &id]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !show().contains(" locked\n") {
        assert!(std::time::Instant::now() < deadline, "{}", show());
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    let mut server = server;
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    drop((host, guest));
    let server = start(dir.path(), &[]);
    let shown = show();
    for line in [
        "locked: true",
        "screen_share: Hosts",
        " knocked ",
        " admitted ",
        " locked\n",
    ] {
        assert!(shown.contains(line), "{line:?} missing from:\n{shown}");
    }
    // Still locked after the restart: a new knocker is turned away.
    let url = format!("ws://{}/ws/{id}", server.authority);
    let (mut late, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    late.send(send(r#"{"v":1,"type":"join","name":"Eve Mallory"}"#.into()))
        .await
        .unwrap();
    let answer = tokio::time::timeout(std::time::Duration::from_secs(5), late.next())
        .await
        .unwrap();
    assert!(
        format!("{answer:?}").contains("meeting_locked"),
        "{answer:?}"
    );
}
