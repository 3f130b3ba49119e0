//! Meetings spread over media cores: with `--media-cores 2` each meeting
//! lives on one core, chosen from its id, and each core has its own media
//! port. Two meetings on different cores both carry end-to-end encrypted
//! media between native clients, both cores do the work, and `/metrics`
//! adds up what each core holds.

mod common;

use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use common::{Server, create_open_meeting, join, report, start};

/// The server's placement rule (`media::core_of`): a fold of the id's bytes.
fn core_of(meeting: &str, cores: usize) -> usize {
    let folded = meeting
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    (folded % cores as u64) as usize
}

fn metrics(server: &Server) -> String {
    let mut tcp = std::net::TcpStream::connect(&server.authority).unwrap();
    write!(
        tcp,
        "GET /metrics HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.authority
    )
    .unwrap();
    let mut response = String::new();
    tcp.read_to_string(&mut response).unwrap();
    response
}

/// The value of a metric line that starts with `name` (labels included).
fn value(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {text}"))
}

#[test]
fn meetings_on_different_cores_each_carry_their_media() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &["--media-cores", "2"]);
    // Random ids: a meeting for each core within a few tries (the creation
    // limit allows a burst well beyond what this needs).
    let mut on: [Option<String>; 2] = [None, None];
    while on.iter().any(Option::is_none) {
        let meeting = create_open_meeting(&server);
        let core = core_of(&meeting, 2);
        on[core].get_or_insert(meeting);
    }
    let runs: Vec<_> = on
        .iter()
        .flatten()
        .enumerate()
        .flat_map(|(core, meeting)| {
            let link = format!("http://{}/m/{meeting}", server.authority);
            ["Ada", "Grace"].map(|name| {
                let name = format!("{name} {core}");
                (name.clone(), join(&link, &name, &["--duration", "5"]))
            })
        })
        .collect();

    // Both meetings are counted, whichever core holds them.
    let deadline = Instant::now() + Duration::from_secs(4);
    loop {
        let text = metrics(&server);
        let (people, meetings, peers) = (
            value(&text, "conclave_participants"),
            value(&text, "conclave_meetings"),
            value(&text, "conclave_peers"),
        );
        // Everyone publishes: a receiving and a publishing connection each.
        if (people, meetings, peers) == (4.0, 2.0, 8.0) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "4 participants in 2 meetings on 8 connections: {people} in {meetings} on {peers}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    for (name, run) in runs {
        let r = report(&run.join().unwrap());
        let received = r["received"].as_array().unwrap();
        assert_eq!(received.len(), 1, "{name} meets only its own meeting: {r}");
        let peer = &received[0];
        let core = name.chars().last().unwrap();
        assert!(
            peer["name"].as_str().unwrap().ends_with(core),
            "{name}: {r}"
        );
        assert!(peer["audio_frames"].as_u64().unwrap() > 20, "{name}: {r}");
        assert!(peer["video_frames"].as_u64().unwrap() > 10, "{name}: {r}");
        assert_eq!(r["errors"], serde_json::json!([]), "{name}: {r}");
    }
    let text = metrics(&server);
    for core in 0..2 {
        let busy = value(
            &text,
            &format!("conclave_media_core_busy_seconds_total{{core=\"{core}\"}}"),
        );
        assert!(busy > 0.0, "core {core} forwarded a meeting: {text}");
    }
}
