//! Resuming a member's place on a new signaling socket, through the real
//! binary over real WebSockets: the messages missed while away arrive, in
//! order and once; the others never see the member leave; a stalled old
//! socket is closed; a wrong token is refused with a clear error.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;

mod common;

use common::{Server, Ws, create_open_meeting, start};

async fn open(server: &Server, meeting: &str) -> Ws {
    let url = format!("ws://{}/ws/{meeting}", server.authority);
    tokio_tungstenite::connect_async(url).await.unwrap().0
}

async fn send(ws: &mut Ws, json: Value) {
    ws.send(Message::Text(json.to_string().into()))
        .await
        .unwrap();
}

/// The next text message as JSON, or `None` when the socket closed or
/// nothing came within 5 s.
async fn next(ws: &mut Ws) -> Option<Value> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .ok()??;
        match frame {
            Ok(Message::Text(t)) => return serde_json::from_str(t.as_str()).ok(),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The next message of `kind`, skipping others (pongs, offers).
async fn next_of(ws: &mut Ws, kind: &str) -> Value {
    loop {
        let m = next(ws)
            .await
            .unwrap_or_else(|| panic!("no {kind} before the socket went quiet"));
        if m["type"] == kind {
            return m;
        }
    }
}

/// Joins; returns the socket, the member's id and resume token, and the
/// highest `seq` seen.
async fn join(server: &Server, meeting: &str) -> (Ws, u64, String, u64) {
    let mut ws = open(server, meeting).await;
    send(&mut ws, serde_json::json!({"v": 1, "type": "join"})).await;
    let welcome = next_of(&mut ws, "welcome").await;
    let resumable = next_of(&mut ws, "resumable").await;
    assert_eq!(
        resumable["seq"].as_u64(),
        welcome["seq"].as_u64().map(|s| s + 1)
    );
    assert_eq!(resumable["grace_s"], 30);
    (
        ws,
        welcome["you"].as_u64().unwrap(),
        resumable["token"].as_str().unwrap().to_owned(),
        resumable["seq"].as_u64().unwrap(),
    )
}

fn media_state(audio_muted: bool) -> Value {
    serde_json::json!({"v": 1, "type": "media_state", "audio_muted": audio_muted, "video_muted": false})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_socket_takes_the_place_back_and_gets_what_it_missed() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let meeting = create_open_meeting(&server);
    let (ada, ada_id, token, seen) = join(&server, &meeting).await;
    // Ada's socket dies without a word (a network change).
    drop(ada);
    let (mut bob, bob_id, _, _) = join(&server, &meeting).await;
    // While Ada is away, things happen that she must not miss.
    send(&mut bob, media_state(true)).await;
    send(&mut bob, media_state(false)).await;

    let mut ada = open(&server, &meeting).await;
    send(
        &mut ada,
        serde_json::json!({"v": 1, "type": "resume", "token": token, "seen": seen}),
    )
    .await;
    let resumed = next(&mut ada).await.unwrap();
    assert_eq!(resumed["type"], "resumed", "{resumed}");
    assert_eq!(resumed["you"].as_u64(), Some(ada_id));
    // Bob's arrival and both of his updates, numbered on from `seen`, in
    // order and once.
    let mut missed = Vec::new();
    while missed.len() < 3 {
        let m = next(&mut ada).await.expect("the missed messages");
        if m["type"] == "subscribe_offer" {
            continue;
        }
        missed.push(m);
    }
    let seqs: Vec<u64> = missed.iter().filter_map(|m| m["seq"].as_u64()).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]) && seqs[0] > seen,
        "{missed:?}"
    );
    assert_eq!(missed[0]["type"], "participant_joined");
    assert_eq!(missed[0]["participant"]["id"].as_u64(), Some(bob_id));
    assert_eq!(missed[1]["participant"]["audio_muted"], true);
    assert_eq!(missed[2]["participant"]["audio_muted"], false);

    // She speaks as herself again: Bob hears her update, and never heard
    // that she left.
    send(&mut ada, media_state(true)).await;
    loop {
        let m = next(&mut bob).await.expect("Ada's update");
        assert_ne!(m["type"], "participant_left", "{m}");
        if m["type"] == "participant_updated" && m["participant"]["id"].as_u64() == Some(ada_id) {
            assert_eq!(m["participant"]["audio_muted"], true);
            break;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_socket_is_replaced_and_a_wrong_token_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let meeting = create_open_meeting(&server);
    let (mut old, ada_id, token, seen) = join(&server, &meeting).await;

    let mut stranger = open(&server, &meeting).await;
    send(
        &mut stranger,
        serde_json::json!({"v": 1, "type": "resume", "token": "AAAAAAAAAAAAAAAAAAAAAA", "seen": 0}),
    )
    .await;
    let refused = next(&mut stranger).await.unwrap();
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["code"], "cannot_resume");
    assert_eq!(refused["fatal"], true);
    assert!(next(&mut stranger).await.is_none(), "closed after refusing");

    // The old socket still stands (the server cannot tell it is stalled);
    // a new one with the token takes over and the old one is closed.
    let mut new = open(&server, &meeting).await;
    send(
        &mut new,
        serde_json::json!({"v": 1, "type": "resume", "token": token, "seen": seen}),
    )
    .await;
    assert_eq!(next(&mut new).await.unwrap()["you"].as_u64(), Some(ada_id));
    assert!(next(&mut old).await.is_none(), "the old socket is closed");
    send(
        &mut new,
        serde_json::json!({"v": 1, "type": "ping", "seen": seen}),
    )
    .await;
    assert_eq!(next_of(&mut new, "pong").await["type"], "pong");
    // A resumed member cannot join again on the same socket.
    send(&mut new, serde_json::json!({"v": 1, "type": "join"})).await;
    assert_eq!(next_of(&mut new, "error").await["code"], "already_joined");
}

/// A TCP relay in front of the server that can cut every connection through
/// it at once, without a close frame, as a lost network does, or freeze
/// them: the server's bytes dropped while the connections stay up, as a
/// half-open connection or a server that stopped writing looks.
struct Cutter {
    authority: String,
    open: std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
    /// One per connection so far: set, that connection's server side is
    /// dropped on the floor.
    frozen: std::sync::Arc<std::sync::Mutex<Vec<std::sync::Arc<std::sync::atomic::AtomicBool>>>>,
}

impl Cutter {
    fn to(server: &Server) -> Self {
        use std::net::{TcpListener, TcpStream};
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let authority = listener.local_addr().unwrap().to_string();
        let open = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let frozen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (target, kept, flags) = (server.authority.clone(), open.clone(), frozen.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                let Ok(upstream) = TcpStream::connect(&target) else {
                    continue;
                };
                let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
                flags.lock().unwrap().push(flag.clone());
                let pairs = [
                    (
                        client.try_clone().unwrap(),
                        upstream.try_clone().unwrap(),
                        None,
                    ),
                    (
                        upstream.try_clone().unwrap(),
                        client.try_clone().unwrap(),
                        Some(flag),
                    ),
                ];
                kept.lock().unwrap().extend([client, upstream]);
                for (mut from, mut to, frozen) in pairs {
                    std::thread::spawn(move || {
                        use std::io::{Read as _, Write as _};
                        let mut buf = [0u8; 16 * 1024];
                        while let Ok(n @ 1..) = from.read(&mut buf) {
                            let dropped = frozen
                                .as_ref()
                                .is_some_and(|f| f.load(std::sync::atomic::Ordering::Relaxed));
                            if !dropped && to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                }
            }
        });
        Self {
            authority,
            open,
            frozen,
        }
    }

    fn freeze(&self) {
        for flag in self.frozen.lock().unwrap().iter() {
            flag.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    fn cut(&self) {
        for stream in self.open.lock().unwrap().drain(..) {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Grace joins directly for `seconds`, Ada through a [`Cutter`] for one
/// second less (so she leaves first); returned 3 s later, both in the group
/// with media flowing.
struct RelayedMeeting {
    _dir: tempfile::TempDir,
    _server: Server,
    cutter: Cutter,
    direct: String,
    grace: std::thread::JoinHandle<std::process::Output>,
    ada: std::thread::JoinHandle<std::process::Output>,
}

impl RelayedMeeting {
    fn start(seconds: u32) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let server = start(dir.path(), &[]);
        let meeting = create_open_meeting(&server);
        let cutter = Cutter::to(&server);
        let direct = format!("http://{}/m/{meeting}", server.authority);
        let relayed = format!("http://{}/m/{meeting}", cutter.authority);
        let grace_for = seconds.to_string();
        let grace = common::join(&direct, "Grace Hopper", &["--duration", &grace_for]);
        std::thread::sleep(Duration::from_millis(300));
        let ada_for = (seconds - 1).to_string();
        let ada = common::join(&relayed, "Ada Lovelace", &["--duration", &ada_for]);
        std::thread::sleep(Duration::from_secs(3));
        Self {
            _dir: dir,
            _server: server,
            cutter,
            direct,
            grace,
            ada,
        }
    }
}

/// `conclave join` whose signaling is cut mid-meeting comes back on a new
/// socket by itself: same place, same MLS group (no commit after the cut),
/// media on throughout.
#[test]
fn a_native_client_whose_signaling_is_cut_takes_its_place_back() {
    let m = RelayedMeeting::start(8);
    let (cutter, grace, ada) = (&m.cutter, m.grace, m.ada);
    let cut_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    cutter.cut();

    let ada = common::report(&ada.join().unwrap());
    let grace = common::report(&grace.join().unwrap());
    assert_eq!(ada["resumes"], 1, "{ada}");
    assert_eq!(ada["rejoins"], 0, "{ada}");
    assert_eq!(ada["errors"], serde_json::json!([]), "{ada}");
    assert_eq!(grace["errors"], serde_json::json!([]), "{grace}");
    // Nobody left or came back while Ada was there: the group stayed in
    // the epoch she joined (Grace's next one is Ada leaving at the end).
    let ada_left = ada["left_at_ms"].as_u64().unwrap();
    for r in [&ada, &grace] {
        let while_away = r["epoch_times"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| (cut_at..ada_left).contains(&e[1].as_u64().unwrap()))
            .count();
        assert_eq!(while_away, 0, "no commit after the cut: {r}");
        // About a second of frames came before the cut; the rest after.
        let peer = &r["received"][0];
        assert!(peer["video_frames"].as_u64().unwrap() > 40, "{r}");
    }
    assert_eq!(ada["epoch_times"].as_array().unwrap().len(), 1, "{ada}");
}

/// A socket that stays up but over which nothing more arrives (the server
/// stopped writing to it, or a network change left it half-open): the
/// native client notices the silence and takes its place back on a new
/// socket, missing nothing the server sent meanwhile.
#[test]
fn a_native_client_whose_signaling_goes_silent_takes_its_place_back() {
    let m = RelayedMeeting::start(21);
    let (cutter, direct, grace, ada) = (&m.cutter, &m.direct, m.grace, m.ada);
    cutter.freeze();
    // Meanwhile Grace says something, which reaches Ada only on the new
    // socket (resent after what she had read).
    std::thread::sleep(Duration::from_secs(1));
    let said = common::join(
        direct,
        "Katherine Johnson",
        &["--duration", "3", "--chat", "hello, Ada"],
    );

    let said = common::report(&said.join().unwrap());
    let ada = common::report(&ada.join().unwrap());
    let grace = common::report(&grace.join().unwrap());
    assert_eq!(said["errors"], serde_json::json!([]), "{said}");
    assert_eq!(ada["resumes"], 1, "{ada}");
    assert_eq!(ada["rejoins"], 0, "{ada}");
    assert_eq!(ada["errors"], serde_json::json!([]), "{ada}");
    assert_eq!(grace["errors"], serde_json::json!([]), "{grace}");
    assert!(
        ada["chat"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["text"] == "hello, Ada"),
        "what was said while the socket was silent arrived: {ada}"
    );
    // In the group from her join to the end, through Katherine's join and
    // leave (whose commits reached her on the new socket), never again.
    let epochs: Vec<u64> = ada["epoch_times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[0].as_u64().unwrap())
        .collect();
    assert_eq!(epochs, [1, 2, 3], "{ada}");
}
