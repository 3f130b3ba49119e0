//! Issue 7's malicious delivery service, against the real native client
//! (`conclave join`'s runner): a scripted server that asks a guest to add
//! someone, injects an Add committed by a member who is not a host, or
//! swaps the KeyPackage of an admitted knock. The native client refuses
//! every one: a guest commits no Add, a member leaves the group with an
//! alarm rather than accept one, and a host commits only what it admitted.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use conclave_client::AdmitPolicy;
use conclave_client::runner::{JoinOptions, run};
use conclave_e2ee::{AddRequest, Group, Knock, MeetingKey};
use conclave_signaling::{ClientMessage, ServerMessage, decode_client, encode};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

type Ws = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

const MEETING: &str = "AAAAAAAAAAAAAAAAAAAAAA";

async fn send(ws: &mut Ws, message: &ServerMessage) {
    ws.send(Message::Text(encode(message).into()))
        .await
        .unwrap();
}

/// The next client message of one of the given types (others skipped), or
/// None if none comes within two seconds.
async fn next_of(ws: &mut Ws, types: &[&str]) -> Option<ClientMessage> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
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

fn copy(key: &MeetingKey) -> MeetingKey {
    MeetingKey::from_link_part(&key.to_link_part()).unwrap()
}

/// Starts the runner on `fragment` against a scripted server; returns the
/// client task and the server's end of its socket, after its `join`.
async fn client(
    fragment: String,
    admit: AdmitPolicy,
) -> (
    tokio::task::JoinHandle<
        Result<Vec<conclave_client::Report>, conclave_client::runner::RunError>,
    >,
    Ws,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(run(JoinOptions {
        link: format!("http://127.0.0.1:{port}/m/{MEETING}#{fragment}"),
        name: "Native Guest".into(),
        duration: Duration::from_secs(20),
        count: 1,
        marker: None,
        until_peers: None,
        chat: None,
        tls_fingerprint: None,
        admit,
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
        Some(ClientMessage::Join {
            device: Some(_),
            ..
        })
    ));
    (task, ws)
}

fn knock(key: &MeetingKey, you: u64, name: &str) -> (String, Vec<u8>) {
    let g = {
        let mut g = Group::new(you, name).unwrap();
        g.enforce(key.public(), None);
        g
    };
    let kp = g.key_package().unwrap();
    let sealed = key
        .public()
        .seal_knock(
            MEETING,
            &Knock {
                participant: you,
                name: name.into(),
                key_package: B64.encode(&kp),
                box_key: None,
            },
        )
        .unwrap();
    (sealed, kp)
}

#[tokio::test]
async fn a_native_guest_adds_nobody_and_leaves_a_group_a_non_host_added_to() {
    let key = MeetingKey::generate().unwrap();
    let (task, mut ws) = client(
        format!("pub={}", key.public().to_link_part()),
        AdmitPolicy::Nobody,
    )
    .await;
    send(
        &mut ws,
        &ServerMessage::Lobby {
            you: conclave_signaling::ParticipantId(5),
        },
    )
    .await;
    let Some(ClientMessage::Knock { sealed }) = next_of(&mut ws, &["knock"]).await else {
        panic!("the guest knocks");
    };
    let opened = key.open_knock(MEETING, &sealed).unwrap();
    assert_eq!(
        (opened.participant, opened.name.as_str()),
        (5, "Native Guest")
    );

    // The real host Ada admits Bob (2) and the native guest (5).
    let mut ada = Group::new(1, "Ada").unwrap();
    ada.enforce(key.public(), Some(copy(&key)));
    ada.create().unwrap();
    let mut bob = Group::new(2, "Bob").unwrap();
    bob.enforce(key.public(), None);
    let bob_kp = bob.key_package().unwrap();
    let guest_kp = B64.decode(&opened.key_package).unwrap();
    ada.admit(2, bob_kp.clone(), "Bob".into());
    ada.admit(5, guest_kp.clone(), opened.name.clone());
    let add = |p: u64, kp: &[u8]| AddRequest {
        participant: p,
        key_package: kp.to_vec(),
        knock: true,
        host_endorsement: None,
    };
    let out = ada
        .commit_requests(&[add(2, &bob_kp), add(5, &guest_kp)], &[])
        .unwrap();
    assert_eq!(out.added, [2, 5]);
    ada.merge_pending().unwrap();
    let welcome = out.welcome.unwrap();
    bob.join(&welcome).unwrap();
    send(
        &mut ws,
        &ServerMessage::Welcome {
            you: conclave_signaling::ParticipantId(5),
            participants: vec![],
        },
    )
    .await;
    send(
        &mut ws,
        &ServerMessage::MlsWelcome {
            welcome: B64.encode(&welcome),
        },
    )
    .await;
    assert!(
        next_of(&mut ws, &["mls_key_package", "mls_rejoin"])
            .await
            .is_none(),
        "an admitted knocker joins from the Welcome and sends no KeyPackage"
    );

    // The server asks the guest to add an intruder it says a host admitted.
    let (_, intruder_kp) = knock(&key, 9, "Intruder");
    send(
        &mut ws,
        &ServerMessage::MlsCommitRequest {
            epoch: 1,
            adds: vec![conclave_signaling::MlsAdd {
                participant: conclave_signaling::ParticipantId(9),
                key_package: B64.encode(&intruder_kp),
                knock: Some(true),
                host_endorsement: None,
            }],
            removes: vec![],
            update: false,
            recording: None,
        },
    )
    .await;
    match next_of(&mut ws, &["mls_commit"]).await {
        Some(ClientMessage::MlsCommit { added, welcome, .. }) => {
            assert!(added.is_empty() && welcome.is_none(), "a guest adds nobody");
        }
        other => panic!("expected a commit without the Add, got {other:?}"),
    }
    send(
        &mut ws,
        &ServerMessage::MlsCommitRejected {
            epoch: 1,
            reason: "test".into(),
        },
    )
    .await;

    // Bob, a member but no host, commits the intruder's Add anyway and the
    // server forwards it: the guest refuses it and leaves the group.
    bob.play_malicious_member();
    let rogue = bob.commit(&[(9, intruder_kp)], &[]).unwrap();
    assert_eq!(rogue.added, [9]);
    send(
        &mut ws,
        &ServerMessage::MlsCommit {
            epoch: 1,
            from: conclave_signaling::ParticipantId(2),
            commit: B64.encode(&rogue.commit).into(),
        },
    )
    .await;
    assert!(
        next_of(&mut ws, &["mls_rejoin", "knock"]).await.is_none(),
        "a client that saw tampering does not ask back in by itself"
    );
    // It has left (and closed its socket).
    let _ = ws.close(None).await;
    let report = &task.await.unwrap().unwrap()[0];
    let tampered = report.tampered.as_deref().unwrap_or_default();
    assert!(tampered.contains("participant 9"), "{report:?}");
    assert!(report.epoch.is_none(), "the group state is gone");
}

#[tokio::test]
async fn a_native_host_commits_only_the_key_package_sealed_in_the_knock_it_admitted() {
    let key = MeetingKey::generate().unwrap();
    let (task, mut ws) = client(
        format!("host=secret&key={}", key.to_link_part().as_str()),
        AdmitPolicy::Everyone,
    )
    .await;
    let you = conclave_signaling::ParticipantId(1);
    send(
        &mut ws,
        &ServerMessage::Welcome {
            you,
            participants: vec![],
        },
    )
    .await;
    let Some(ClientMessage::MlsKeyPackage {
        host_endorsement: Some(_),
        ..
    }) = next_of(&mut ws, &["mls_key_package"]).await
    else {
        panic!("a host hands in its KeyPackage with its endorsement");
    };
    send(&mut ws, &ServerMessage::MlsCreateGroup).await;
    assert!(next_of(&mut ws, &["mls_group_created"]).await.is_some());

    let (sealed, admitted_kp) = knock(&key, 7, "Grace");
    let grace = conclave_signaling::ParticipantId(7);
    send(
        &mut ws,
        &ServerMessage::Knock {
            participant: grace,
            sealed,
        },
    )
    .await;
    match next_of(&mut ws, &["admit"]).await {
        Some(ClientMessage::Admit {
            participant,
            key_package,
        }) => {
            assert_eq!(participant, grace);
            assert_eq!(B64.decode(key_package).unwrap(), admitted_kp);
        }
        other => panic!("expected an admit, got {other:?}"),
    }
    // A knock that does not open with this meeting's key is not admitted.
    let other = MeetingKey::generate().unwrap();
    let (foreign, _) = knock(&other, 8, "Mallory");
    send(
        &mut ws,
        &ServerMessage::Knock {
            participant: conclave_signaling::ParticipantId(8),
            sealed: foreign,
        },
    )
    .await;
    assert!(next_of(&mut ws, &["admit"]).await.is_none());

    // The server swaps Grace's KeyPackage for one of its own making.
    let (_, swapped) = knock(&key, 7, "Grace");
    let request = |kp: &[u8]| ServerMessage::MlsCommitRequest {
        epoch: 0,
        adds: vec![conclave_signaling::MlsAdd {
            participant: grace,
            key_package: B64.encode(kp),
            knock: Some(true),
            host_endorsement: None,
        }],
        removes: vec![],
        update: false,
        recording: None,
    };
    send(&mut ws, &request(&swapped)).await;
    match next_of(&mut ws, &["mls_commit"]).await {
        Some(ClientMessage::MlsCommit { added, .. }) => assert!(added.is_empty()),
        other => panic!("expected a commit without the swapped Add, got {other:?}"),
    }
    send(
        &mut ws,
        &ServerMessage::MlsCommitRejected {
            epoch: 0,
            reason: "test".into(),
        },
    )
    .await;
    // With the KeyPackage it admitted, the host commits the Add.
    send(&mut ws, &request(&admitted_kp)).await;
    match next_of(&mut ws, &["mls_commit"]).await {
        Some(ClientMessage::MlsCommit { added, welcome, .. }) => {
            assert_eq!(added, [grace]);
            assert!(welcome.is_some());
        }
        other => panic!("expected a commit adding Grace, got {other:?}"),
    }
    ws.close(None).await.unwrap();
    let report = &task.await.unwrap().unwrap()[0];
    assert_eq!(report.admitted, ["Grace"]);
    assert!(
        report.errors.iter().any(|e| e.contains("did not open")),
        "{report:?}"
    );
}
