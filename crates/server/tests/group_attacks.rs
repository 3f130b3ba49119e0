//! Attacks on the MLS delivery service through the real binary, from
//! outside, as the review did them: raw WebSocket clients that send what no
//! honest client would. Each asserts the attack is refused and the server
//! keeps serving honest participants.

use std::process::{Command, Stdio};
use std::time::Duration;

use conclave_signaling::{MAX_KEY_PACKAGE_BYTES, ServerMessage, decode_server};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

mod common;

use common::{BIN, Server, Ws, create_open_meeting, start};

/// A server on its own data directory, which lives as long as the server.
struct TestServer {
    server: Server,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for TestServer {
    type Target = Server;
    fn deref(&self) -> &Server {
        &self.server
    }
}

fn start_server() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    TestServer {
        server: start(dir.path(), &[]),
        _dir: dir,
    }
}

async fn join_raw(server: &Server, meeting: &str) -> Ws {
    let url = format!("ws://{}/ws/{meeting}", server.authority);
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    send(&mut ws, r#"{"v":1,"type":"join"}"#).await;
    assert!(matches!(
        next(&mut ws).await,
        Some(ServerMessage::Welcome { .. })
    ));
    ws
}

async fn send(ws: &mut Ws, text: &str) {
    ws.send(Message::Text(text.to_owned().into()))
        .await
        .unwrap();
}

async fn next(ws: &mut Ws) -> Option<ServerMessage> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .ok()??;
        if let Ok(Message::Text(t)) = frame {
            match decode_server(t.as_str()).ok() {
                // The socket's resume token, not part of any flow tested here.
                Some(ServerMessage::Resumable { .. }) => continue,
                m => return m,
            }
        }
    }
}

/// Two native participants (`conclave join`) meet and decrypt each other.
fn natives_meet(server: &Server, meeting: &str) {
    let out = Command::new(BIN)
        .args(["join", &format!("http://{}/m/{meeting}", server.authority)])
        .args([
            "--name",
            "Honest",
            "--count",
            "2",
            "--expect-peers",
            "1",
            "--exit-early",
        ])
        .args(["--duration", "20", "--report", "json"])
        .stderr(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "conclave join failed: {stdout}");
}

/// Review item 6: key packages had no size limit; twelve junk ones of
/// 256 KiB became one 2.75 MiB commit request pushed to a committer. Now a
/// KeyPackage above 4 KiB is refused with a clear error, nothing reaches
/// a member, and honest participants still meet.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_key_packages_are_refused_and_the_server_keeps_serving() {
    let server = start_server();
    let meeting = create_open_meeting(&server);
    let mut member = join_raw(&server, &meeting).await;
    send(
        &mut member,
        r#"{"v":1,"type":"mls_key_package","key_package":"AAAA"}"#,
    )
    .await;
    assert!(matches!(
        next(&mut member).await,
        Some(ServerMessage::MlsCreateGroup)
    ));
    send(&mut member, r#"{"v":1,"type":"mls_group_created"}"#).await;

    let junk = "A".repeat(MAX_KEY_PACKAGE_BYTES + 4);
    for _ in 0..12 {
        let mut attacker = join_raw(&server, &meeting).await;
        send(
            &mut attacker,
            &format!(r#"{{"v":1,"type":"mls_key_package","key_package":"{junk}"}}"#),
        )
        .await;
        loop {
            match next(&mut attacker).await {
                Some(ServerMessage::Error { code, fatal, .. }) => {
                    assert_eq!(code, conclave_signaling::ErrorCode::TooLarge);
                    assert!(!fatal);
                    break;
                }
                Some(
                    ServerMessage::ParticipantJoined { .. } | ServerMessage::ParticipantLeft { .. },
                ) => {}
                other => panic!("expected a too_large error, got {other:?}"),
            }
        }
    }
    // Nothing was queued for the member to commit.
    loop {
        match tokio::time::timeout(Duration::from_millis(300), member.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => {
                let m = decode_server(t.as_str()).unwrap();
                assert!(
                    !matches!(m, ServerMessage::MlsCommitRequest { .. }),
                    "no commit request carries junk: {m:?}"
                );
            }
            Ok(Some(Ok(_))) => {}
            _ => break,
        }
    }
    drop(member);
    natives_meet(&server, &create_open_meeting(&server));
}
