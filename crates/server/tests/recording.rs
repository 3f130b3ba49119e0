//! End-to-end encrypted recordings with the real binary and native
//! clients: a host records, the server stores only ciphertext, and only
//! the meeting key (from the host link) turns the file into a WebM that
//! ffmpeg decodes. A wrong key fails clearly; a server killed mid-recording
//! leaves a file that still exports; nobody but a host can start one.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::thread;
use std::time::Duration;

use common::{BIN, Server, join, report, start};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

const MARKER: &str = "RECORDING-PLAINTEXT-MARKER";

fn conclave(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .output()
        .unwrap()
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `conclave meeting create`: (participant link, host link).
fn create_meeting(dir: &Path, server: &Server) -> (String, String) {
    let url = format!("http://{}", server.authority);
    let created = ok(
        conclave(dir, &["meeting", "create", "--url", &url]),
        "meeting create",
    );
    let link = |label: &str| {
        created
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .unwrap_or_else(|| panic!("no {label} in {created}"))
            .trim()
            .to_owned()
    };
    (link("Participant link:"), link("Host link:"))
}

/// The ids `conclave recording list` prints, with whether each stopped.
fn recordings(dir: &Path) -> Vec<(String, bool)> {
    ok(conclave(dir, &["recording", "list"]), "recording list")
        .lines()
        .filter(|l| !l.starts_with("no recordings"))
        .map(|l| {
            let id = l.split_whitespace().next().unwrap().to_owned();
            (id, !l.contains("stopped running"))
        })
        .collect()
}

fn write_key(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `conclave recording export ID --key KEY --out OUT` on the data directory.
fn export(data: &Path, id: &str, key: &Path, out: &Path) -> Output {
    conclave(
        data,
        &[
            "recording",
            "export",
            id,
            "--key",
            key.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

/// A plain HTTP/1.1 POST to the test server: (status, body).
fn post(server: &Server, path: &str, body: &str) -> (u16, Vec<u8>) {
    use std::io::{Read as _, Write as _};
    let mut tcp = std::net::TcpStream::connect(&server.authority).unwrap();
    write!(
        tcp,
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        server.authority,
        body.len()
    )
    .unwrap();
    let mut response = Vec::new();
    tcp.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = response[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    (status, body)
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16)
            .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[line_end + 2..line_end + 2 + size]);
        raw = &raw[line_end + 2 + size + 2..];
    }
}

/// `ffprobe`'s streams (codec type per stream) and duration in seconds.
fn probe(file: &Path) -> (Vec<String>, f64) {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration:stream=codec_type,codec_name",
            "-of",
            "json",
        ])
        .arg(file)
        .output()
        .expect("ffprobe (Debian's ffmpeg; scripts/test.sh installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let streams = json["streams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}/{}",
                s["codec_type"].as_str().unwrap(),
                s["codec_name"].as_str().unwrap()
            )
        })
        .collect();
    let duration = json["format"]["duration"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap();
    (streams, duration)
}

/// Decodes the given streams of `file` with ffmpeg; its complaints, if any.
fn decode_errors(file: &Path, streams: &[u64]) -> String {
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-v", "error", "-i"]).arg(file);
    for s in streams {
        cmd.args(["-map", &format!("0:{s}")]);
    }
    // Timestamps as the file has them (a video's rate varies): ffmpeg's
    // default would round them to a guessed frame rate and complain.
    let out = cmd
        .args(["-enc_time_base", "-1", "-f", "null", "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The WebM stream indexes (track number − 1) export printed for `name`.
fn streams_of(export_out: &str, name: &str) -> Vec<u64> {
    export_out
        .lines()
        .filter(|l| l.contains(&format!(" of {name} (")))
        .filter_map(|l| {
            l.trim()
                .strip_prefix("track ")?
                .split(':')
                .next()?
                .parse::<u64>()
                .ok()
        })
        .map(|n| n - 1)
        .collect()
}

#[test]
fn a_recorded_meeting_opens_only_with_its_key_and_exports_to_a_webm_players_decode() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let server = start(data, &[]);
    let (participant_link, host_link) = create_meeting(data, &server);

    // Grace and Hedy knock first; Ada (the host) admits them and records
    // from the moment she is in the group. Hedy sends a plaintext marker in
    // every frame and leaves early: the server asks the group to remove her.
    let grace = join(&participant_link, "Grace Hopper", &["--duration", "14"]);
    let hedy = join(
        &participant_link,
        "Hedy Lamarr",
        &["--duration", "8", "--marker", MARKER],
    );
    thread::sleep(Duration::from_millis(500));
    let ada = join(
        &host_link,
        "Ada Lovelace",
        &["--record", "--admit-all", "--duration", "14"],
    );
    let ada = report(&ada.join().unwrap());
    let grace = report(&grace.join().unwrap());
    let hedy = report(&hedy.join().unwrap());
    for r in [&ada, &grace, &hedy] {
        assert_eq!(r["recording_seen"], true, "every member is told: {r}");
        // ... and not by the server alone: the group's own roster said so,
        // by Ada's commit, before any key was sealed.
        assert_eq!(r["recording_in_group"], true, "{r}");
    }
    assert!(
        !ada["recording_epochs_sealed"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{ada}"
    );
    assert!(
        grace["recording_epochs_sealed"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The last host left: the recording stopped by itself.
    thread::sleep(Duration::from_millis(1500));
    let listed = recordings(data);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let (id, stopped) = &listed[0];
    assert!(stopped, "{listed:?}");

    // On disk: ciphertext only. No frame's plaintext, no name (the roster
    // travels sealed).
    let stored = std::fs::read(data.join("recordings").join(id).join("media.crec")).unwrap();
    for secret in [MARKER, "Grace Hopper", "Hedy Lamarr", "Ada Lovelace"] {
        assert!(
            !stored.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret:?} in the stored recording"
        );
    }

    // With the host link: a WebM with each sender's camera and microphone.
    let key = write_key(data, "host-link.txt", &host_link);
    let webm = data.join("meeting.webm");
    let exported = ok(export(data, id, &key, &webm), "export");
    eprintln!("{exported}");
    let (streams, duration) = probe(&webm);
    let video = streams.iter().filter(|s| *s == "video/vp8").count();
    let audio = streams.iter().filter(|s| *s == "audio/opus").count();
    assert_eq!((video, audio), (3, 3), "{streams:?}\n{exported}");
    assert!((8.0..20.0).contains(&duration), "duration {duration} s");
    // Ada's and Grace's frames are the fixtures' real VP8 and Opus (Hedy's
    // carry the test marker, which no decoder expects).
    let clean: Vec<u64> = ["Ada Lovelace", "Grace Hopper"]
        .iter()
        .flat_map(|n| streams_of(&exported, n))
        .collect();
    assert_eq!(clean.len(), 4, "{exported}");
    assert_eq!(decode_errors(&webm, &clean), "");

    // Who each epoch was encrypted to: the epochs after Hedy left have keys
    // her client never held; those while she was in, it did.
    let info = ok(
        conclave(
            data,
            &["recording", "info", id, "--key", key.to_str().unwrap()],
        ),
        "info",
    );
    eprintln!("{info}");
    let hedy_keys: Vec<&str> = hedy["key_fingerprints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let mut with_hedy = 0;
    let mut after_hedy = 0;
    for line in info.lines() {
        let fingerprint = line
            .split("key ")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap();
        if line.contains("Hedy Lamarr") {
            with_hedy += 1;
            assert!(hedy_keys.contains(&fingerprint), "{line} / {hedy_keys:?}");
        } else if with_hedy > 0 {
            after_hedy += 1;
            assert!(
                !hedy_keys.contains(&fingerprint),
                "Hedy held a later key: {line}"
            );
        }
    }
    assert!(with_hedy > 0 && after_hedy > 0, "{info}");

    // Another meeting's host link, the participant link: clear refusals,
    // and no half-written file.
    let (_, other_host) = create_meeting(data, &server);
    let wrong = write_key(data, "other-host-link.txt", &other_host);
    let refused_out = data.join("wrong.webm");
    let out = export(data, id, &wrong, &refused_out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("opens none"), "{err}");
    assert!(!refused_out.exists());
    let participant = write_key(data, "participant-link.txt", &participant_link);
    let out = export(data, id, &participant, &refused_out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("participant link"),
        "{err}"
    );

    // A host fetches the ciphertext over HTTP with the host link's secret
    // (what the page decrypts); anyone else learns nothing.
    let meeting_id = host_link
        .split("/m/")
        .nth(1)
        .unwrap()
        .split('#')
        .next()
        .unwrap();
    let host_secret = host_link
        .split("#host=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let proof = format!("{{\"host_secret\": \"{host_secret}\"}}");
    let (status, listed) = post(
        &server,
        &format!("/api/meetings/{meeting_id}/recordings"),
        &proof,
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&listed));
    let listed: serde_json::Value = serde_json::from_slice(&listed).unwrap();
    assert_eq!(listed[0]["id"], id.as_str(), "{listed}");
    assert_eq!(listed[0]["bytes"], stored.len() as u64);
    let (status, fetched) = post(
        &server,
        &format!("/api/meetings/{meeting_id}/recordings/{id}"),
        &proof,
    );
    assert_eq!(status, 200);
    assert!(fetched == stored, "the download is the stored file");
    let wrong = r#"{"host_secret": "AAAAAAAAAAAAAAAAAAAAAA"}"#;
    for path in [
        format!("/api/meetings/{meeting_id}/recordings"),
        format!("/api/meetings/{meeting_id}/recordings/{id}"),
        format!("/api/meetings/{meeting_id}/recordings/..%2F..%2Fetc"),
    ] {
        let (status, _) = post(&server, &path, wrong);
        assert_eq!(status, 404, "{path} with a wrong secret");
    }
    let (status, _) = post(
        &server,
        &format!("/api/meetings/{meeting_id}/recordings/..%2F..%2Fetc"),
        &proof,
    );
    assert_eq!(status, 404, "only recording ids reach the store");

    // The audit log has the start, the stop and the download, by opaque id.
    let shown = ok(
        conclave(data, &["meeting", "show", meeting_id]),
        "meeting show",
    );
    assert!(shown.contains("recording started by "), "{shown}");
    assert!(shown.contains("recording stopped"), "{shown}");
    assert!(shown.contains("recording downloaded by a host"), "{shown}");

    // A host deletes it over HTTP (audited); the files are gone.
    let delete = format!("/api/meetings/{meeting_id}/recordings/{id}/delete");
    assert_eq!(post(&server, &delete, wrong).0, 404);
    assert!(data.join("recordings").join(id).exists());
    assert_eq!(post(&server, &delete, &proof).0, 204);
    assert!(recordings(data).is_empty());
    assert!(!data.join("recordings").join(id).exists());
    assert_eq!(post(&server, &delete, &proof).0, 404, "gone is gone");
    let shown = ok(
        conclave(data, &["meeting", "show", meeting_id]),
        "meeting show",
    );
    assert!(shown.contains("recording deleted by a host"), "{shown}");
    let out = conclave(data, &["recording", "delete", id]);
    assert!(!out.status.success(), "the CLI says it is gone");
}

#[test]
fn a_server_killed_mid_recording_leaves_a_file_that_exports() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut server = start(data, &[]);
    let (_, host_link) = create_meeting(data, &server);
    let ada = join(
        &host_link,
        "Ada Lovelace",
        &["--record", "--duration", "10"],
    );
    thread::sleep(Duration::from_secs(7));
    // SIGKILL: no chance to flush or note the end.
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let _ = ada.join();

    let listed = recordings(data);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let (id, stopped) = &listed[0];
    assert!(!stopped, "nobody noted the end: {listed:?}");
    let key = write_key(data, "host-link.txt", &host_link);
    let webm = data.join("killed.webm");
    let exported = ok(export(data, id, &key, &webm), "export after kill -9");
    eprintln!("{exported}");
    let (streams, duration) = probe(&webm);
    assert_eq!(streams.len(), 2, "{streams:?}");
    assert!(duration > 3.0, "duration {duration} s");
    assert_eq!(decode_errors(&webm, &[0, 1]), "");
    // The operator deletes it from the command line.
    ok(
        conclave(data, &["recording", "delete", id]),
        "recording delete",
    );
    assert!(recordings(data).is_empty());
}

/// An organisation's recording key (`conclave recording keygen`, given to
/// `serve` and to `meeting create`): the links carry it, hosts' clients seal
/// to it, and its private key opens the recording where the host link does
/// not.
#[test]
fn an_organisation_key_opens_recordings_its_hosts_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let org_key = data.join("archive.key");
    let public = ok(
        conclave(
            data,
            &["recording", "keygen", "--out", org_key.to_str().unwrap()],
        ),
        "keygen",
    );
    let public = public.trim();
    assert_eq!(public.len(), 43, "{public}");
    let private = std::fs::read_to_string(&org_key).unwrap();
    assert!(private.starts_with("conclave-recording-key:"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&org_key).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the private key is the owner's alone");
    }
    let again = conclave(
        data,
        &["recording", "keygen", "--out", org_key.to_str().unwrap()],
    );
    assert!(
        !again.status.success(),
        "an existing key is never overwritten"
    );

    let server = start(data, &["--recording-public-key", public]);
    let url = format!("http://{}", server.authority);
    let created = ok(
        conclave(
            data,
            &[
                "meeting",
                "create",
                "--url",
                &url,
                "--recording-public-key",
                public,
            ],
        ),
        "meeting create",
    );
    let host_link = created
        .lines()
        .find_map(|l| l.strip_prefix("Host link:"))
        .unwrap()
        .trim()
        .to_owned();
    assert!(
        host_link.ends_with(&format!("&rec={public}")),
        "{host_link}"
    );
    assert!(created.contains("#pub=") && created.matches("&rec=").count() == 2);
    let ada = join(&host_link, "Ada Lovelace", &["--record", "--duration", "8"]);
    let ada = report(&ada.join().unwrap());
    assert!(
        !ada["recording_epochs_sealed"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{ada}"
    );
    thread::sleep(Duration::from_millis(1500));
    let listed = recordings(data);
    let (id, _) = &listed[0];

    let host_key = write_key(data, "host-link.txt", &host_link);
    let webm = data.join("archive.webm");
    let out = export(data, id, &host_key, &webm);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("opens none"),
        "the host cannot: {err}"
    );
    let exported = ok(
        export(data, id, &org_key, &webm),
        "export with the organisation's key",
    );
    eprintln!("{exported}");
    let (streams, duration) = probe(&webm);
    assert_eq!(streams.len(), 2, "{streams:?}");
    assert!(duration > 4.0, "duration {duration} s");

    // The landing page's meetings get it too, for the page to put in links.
    let (status, body) = post(&server, "/api/meetings", "");
    assert_eq!(status, 201);
    let created: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(created["recording_key"], public);

    // A damaged key is refused where it is given.
    let bad = conclave(
        data,
        &["meeting", "create", "--recording-public-key", "short"],
    );
    assert!(!bad.status.success());
}

/// Raw protocol: in a meeting without a host nobody can start a recording
/// or hand in keys, and nothing is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_is_refused_unless_a_host_starts_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[]);
    let meeting = common::create_open_meeting(&server);
    let url = format!("ws://{}/ws/{meeting}", server.authority);
    let mut ws: common::Ws = tokio_tungstenite::connect_async(url).await.unwrap().0;
    let send = |v: serde_json::Value| Message::Text(v.to_string().into());
    ws.send(send(serde_json::json!({"v": 1, "type": "join"})))
        .await
        .unwrap();
    let mut errors = Vec::new();
    ws.send(send(serde_json::json!({"v": 1, "type": "start_recording"})))
        .await
        .unwrap();
    ws.send(send(
        serde_json::json!({"v": 1, "type": "recording_key", "epoch": 0, "sealed": "AAAA"}),
    ))
    .await
    .unwrap();
    while errors.len() < 2 {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("an answer")
            .expect("the socket stays open")
            .unwrap();
        let Message::Text(text) = frame else { continue };
        let m: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
        assert_ne!(m["type"], "recording", "a guest started a recording: {m}");
        if m["type"] == "error" {
            assert_eq!(m["fatal"], false, "{m}");
            errors.push(m["code"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(errors, ["not_host", "not_recording"]);
    assert!(recordings(dir.path()).is_empty());
}
