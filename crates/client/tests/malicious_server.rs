//! A scripted malicious server (a test double speaking the signaling
//! protocol over a real WebSocket) in front of the real native client
//! (`conclave join`'s runner): what it may send must not make the client
//! add members browsers cannot see, parse unbounded input, or commit junk.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use conclave_client::runner::{JoinOptions, run};
use conclave_e2ee::Group;
use conclave_signaling::{ClientMessage, MAX_ID, MAX_MESSAGE_BYTES, decode_client};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

async fn send_raw(ws: &mut Ws, json: String) {
    ws.send(Message::Text(json.into())).await.unwrap();
}

/// The next client message of one of the given types (others skipped),
/// or None if none comes within a second.
async fn next_of(ws: &mut Ws, types: &[&str]) -> Option<ClientMessage> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    loop {
        let frame = tokio::time::timeout_at(deadline, ws.next()).await.ok()??;
        let Ok(Message::Text(text)) = frame else {
            continue;
        };
        let msg = decode_client(text.as_str()).expect("the client speaks the protocol");
        let json = serde_json::to_value(&msg).unwrap();
        if types.iter().any(|t| json["type"] == *t) {
            return Some(msg);
        }
    }
}

fn key_package_for(participant: u64) -> String {
    let g = Group::new(participant, "Joiner").unwrap();
    B64.encode(g.key_package().unwrap())
}

/// Review item 1: a server handed a native client a participant id above
/// 2^53 and had it commit an Add for such a member, which browsers then
/// silently left out of their roster. The native client now refuses ids
/// browsers cannot represent, wherever they appear, and keeps working.
#[tokio::test]
async fn a_malicious_server_cannot_make_a_native_client_add_an_id_browsers_cannot_see() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let client = tokio::spawn(run(JoinOptions {
        link: format!("http://127.0.0.1:{port}/m/AAAAAAAAAAAAAAAAAAAAAA"),
        name: "Native".into(),
        duration: Duration::from_secs(20),
        count: 1,
        marker: None,
        until_peers: None,
        chat: None,
        tls_fingerprint: None,
        admit: conclave_client::AdmitPolicy::Nobody,
        promote: vec![],
        record: false,
        last_n: None,
        listen_only: false,
        tile_height: None,
        local_ips_from: None,
        stagger: Duration::ZERO,
        media_transport: Default::default(),
    }));
    let (tcp, _) = listener.accept().await.unwrap();
    let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
    assert!(matches!(
        next_of(&mut ws, &["join"]).await,
        Some(ClientMessage::Join { .. })
    ));

    let huge = MAX_ID + 2;
    send_raw(
        &mut ws,
        format!(r#"{{"v":1,"type":"welcome","you":{huge},"participants":[]}}"#),
    )
    .await;
    assert!(
        next_of(&mut ws, &["mls_key_package"]).await.is_none(),
        "no MLS identity is made for an id browsers cannot represent"
    );

    send_raw(
        &mut ws,
        r#"{"v":1,"type":"welcome","you":5,"participants":[]}"#.into(),
    )
    .await;
    assert!(next_of(&mut ws, &["mls_key_package"]).await.is_some());
    send_raw(&mut ws, r#"{"v":1,"type":"mls_create_group"}"#.into()).await;
    assert!(next_of(&mut ws, &["mls_group_created"]).await.is_some());

    // An Add for a member with an id above 2^53: refused outright.
    let kp = key_package_for(7);
    send_raw(
        &mut ws,
        format!(
            r#"{{"v":1,"type":"mls_commit_request","epoch":0,"adds":[{{"participant":{huge},"key_package":"{kp}"}}],"removes":[],"update":false}}"#
        ),
    )
    .await;
    assert!(next_of(&mut ws, &["mls_commit"]).await.is_none());

    // An oversized message is refused before it is parsed.
    let big = "A".repeat(MAX_MESSAGE_BYTES);
    send_raw(
        &mut ws,
        format!(r#"{{"v":1,"type":"mls_welcome","welcome":"{big}"}}"#),
    )
    .await;

    // A junk KeyPackage next to an honest one: the honest Add lands, the
    // junk one is left out, and the commit says exactly that.
    send_raw(
        &mut ws,
        format!(
            r#"{{"v":1,"type":"mls_commit_request","epoch":0,"adds":[{{"participant":8,"key_package":"3q2+7w=="}},{{"participant":7,"key_package":"{kp}"}}],"removes":[],"update":false}}"#
        ),
    )
    .await;
    match next_of(&mut ws, &["mls_commit"]).await {
        Some(ClientMessage::MlsCommit {
            epoch: 0,
            added,
            removed,
            welcome: Some(_),
            ..
        }) => {
            assert_eq!(added.iter().map(|p| p.0).collect::<Vec<_>>(), [7]);
            assert!(removed.is_empty());
        }
        other => panic!("expected a commit adding 7 only, got {other:?}"),
    }

    ws.close(None).await.unwrap();
    let reports = client.await.unwrap().unwrap();
    let errors = &reports[0].errors;
    assert_eq!(
        errors
            .iter()
            .filter(|e| e.starts_with("refused a server message"))
            .count(),
        3,
        "{errors:?}"
    );
}
