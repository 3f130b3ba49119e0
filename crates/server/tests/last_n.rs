//! Large-meeting forwarding with the real binary and native clients: a
//! server started with `--last-n 1` sends each participant one remote
//! camera and tells it which it holds back; a listener asking for none
//! (`--last-n 0`) gets audio only. Everyone still decrypts everyone's audio.

mod common;

use common::{create_open_meeting, join, report, start};

#[test]
fn each_participant_gets_its_last_n_cameras_and_every_microphone() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &["--last-n", "1"]);
    let meeting = create_open_meeting(&server);
    let link = format!("http://{}/m/{meeting}", server.authority);
    // Those who came first stay longest, so nobody's first camera in the
    // speaking order (join order: native clients send no audio level)
    // leaves before them.
    let mut runs = Vec::new();
    for (name, seconds) in [
        ("Ada Lovelace", "14"),
        ("Grace Hopper", "12"),
        ("Alan Turing", "10"),
    ] {
        runs.push((name, join(&link, name, &["--duration", seconds])));
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    runs.push((
        "Katherine Johnson",
        join(
            &link,
            "Katherine Johnson",
            &["--duration", "10", "--last-n", "0"],
        ),
    ));
    for (name, run) in runs {
        let out = run.join().unwrap();
        let r = report(&out);
        let listener = name == "Katherine Johnson";
        let received = r["received"].as_array().unwrap();
        let with = |kind: &str| {
            received
                .iter()
                .filter(|p| p[kind].as_u64().unwrap_or(0) > 0)
                .count()
        };
        assert_eq!(with("audio_frames"), 3, "{name} hears everyone: {r}");
        let (cameras, held) = if listener { (0, 3) } else { (1, 2) };
        assert_eq!(with("video_frames"), cameras, "{name}'s cameras: {r}");
        assert_eq!(r["video_paused_most"], held, "{name} is told: {r}");
        assert_eq!(r["errors"], serde_json::json!([]), "{name}: {r}");
    }
}
