//! Large-meeting forwarding with the real binary and native clients: a
//! server started with `--last-n 1` sends each participant one remote
//! camera and tells it which it holds back; a listener asking for none
//! (`--last-n 0`) gets audio only. Everyone still decrypts everyone's audio.
//! Native clients publish three simulcast layers (120, 240 and 480 lines),
//! and the layer each receiver gets follows the tile it reports.

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
    for (name, seconds, tile) in [
        ("Ada Lovelace", "14", None),
        ("Grace Hopper", "12", Some("120")),
        ("Alan Turing", "10", None),
    ] {
        let mut args = vec!["--duration", seconds];
        if let Some(tile) = tile {
            args.extend(["--tile-height", tile]);
        }
        runs.push((name, join(&link, name, &args)));
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
        // The one camera it decrypts came at the layer its tile needs: a
        // 120-line tile only ever the lowest layer; the default medium tile
        // (360 lines) the 480-line layer, which the SFU knows from the key
        // frames' sizes, where nominal heights would have said 360.
        let heights: Vec<Vec<u64>> = received
            .iter()
            .filter(|p| p["video_frames"].as_u64().unwrap_or(0) > 0)
            .map(|p| {
                p["video_heights"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|h| h.as_u64())
                    .collect()
            })
            .collect();
        match name {
            "Grace Hopper" => assert_eq!(heights, [vec![120]], "{name}: {r}"),
            "Katherine Johnson" => assert!(heights.is_empty(), "{name}: {r}"),
            _ => assert_eq!(
                heights
                    .iter()
                    .map(|h| h.last().copied())
                    .collect::<Vec<_>>(),
                [Some(480)],
                "{name}: {r}"
            ),
        }
    }
}
