//! The lobby with the real binary and real native clients: a meeting made
//! with `conclave meeting create`, a host running `conclave join` with the
//! host link and `--admit`, guests knocking with the participant link.
//! Only whom the host admits gets in; everyone else waits and decrypts
//! nothing; the audit log has every step by opaque id, never by name.

mod common;

use std::path::Path;
use std::process::Command;
use std::thread;

use common::{BIN, join, report, start};

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
        r#"{{"v":1,"type":"join","host_secret":"{secret}"}}"#
    )))
    .await
    .unwrap();
    guest
        .send(send(r#"{"v":1,"type":"join","device":"d1"}"#.into()))
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
    late.send(send(r#"{"v":1,"type":"join"}"#.into()))
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

/// Issue 7's "the server learns no names": a scripted meeting (two hosts,
/// an admitted guest, chat from each) in which everyone is named and reads
/// everyone's chat inside the group, after which the server's data
/// directory, its debug log and every signaling message it handled (as
/// `--record-signaling` wrote them) contain none of the names or chat texts.
#[test]
fn the_server_learns_no_names_and_no_chat() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let log = dir.path().join("server.log");
    let record = dir.path().join("signaling.jsonl");
    let server = common::start_logged(
        &data,
        &["--record-signaling", record.to_str().unwrap()],
        &log,
    );
    let Created {
        participant_link,
        host_link,
        ..
    } = create_meeting(&data, &server);
    let names = [
        "Zephyrine Quillfeather",
        "Balthazar Nightingale",
        "Ottoline Vantongeren",
    ];
    let chats = [
        "marmalade sextant 7731",
        "quince lantern 4409",
        "<b>tangerine</b> abacus 5150",
    ];
    let host = join(
        &host_link,
        names[0],
        &["--admit", names[1], "--chat", chats[0], "--duration", "16"],
    );
    thread::sleep(std::time::Duration::from_secs(2));
    // A second host is added by whichever member the server asks, who
    // cannot know her name: she introduces herself inside the group, and
    // again to whoever joins later.
    let cohost = join(
        &host_link,
        names[2],
        &["--chat", chats[2], "--duration", "14"],
    );
    thread::sleep(std::time::Duration::from_secs(3));
    let guest = join(
        &participant_link,
        names[1],
        &["--chat", chats[1], "--duration", "8"],
    );
    let guest = report(&guest.join().unwrap());
    let cohost = report(&cohost.join().unwrap());
    let host = report(&host.join().unwrap());
    drop(server);

    // Each read the chat of whoever was there under the sender's name,
    // which only the group could have told them.
    let read = |r: &serde_json::Value, line: (&str, &str)| {
        assert!(r["tampered"].is_null(), "{r}");
        let said: Vec<(&str, &str)> = r["chat"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| Some((c["from"].as_str()?, c["text"].as_str()?)))
            .collect();
        assert!(said.contains(&line), "{line:?} not read in {r}");
    };
    read(&host, (names[2], chats[2]));
    read(&host, (names[1], chats[1]));
    read(&cohost, (names[1], chats[1]));
    let members = guest["members"].as_array().unwrap();
    for name in names {
        assert!(members.contains(&name.into()), "{name} unnamed in {guest}");
    }

    let record_text = std::fs::read_to_string(&record).unwrap();
    for must in [r#"\"type\":\"knock\""#, r#"\"type\":\"mls_application\""#] {
        assert!(
            record_text.contains(must),
            "the record lacks {must}, so it proves nothing"
        );
    }
    let mut files = vec![log, record];
    let mut dirs = vec![data];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().ends_with(".sqlite"))
    );
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for secret in names.iter().chain(&chats) {
            // Each word on its own too: nothing of a name may leak, even
            // split or escaped.
            for word in secret.split(' ').filter(|w| w.len() > 4) {
                let word = word.trim_start_matches("<b>").trim_end_matches("</b>");
                assert!(
                    !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
                    "{} contains {word:?}",
                    file.display()
                );
            }
        }
    }
}
