//! A short smoke run of `conclave bench` (issue 8): the harness starts its
//! own server, connects simulated participants, forwards through the real
//! SFU and through the bare relay, and prints the stable JSON. It asserts
//! that the run completes and packets flowed, never a speed: speeds are for
//! BENCHMARKS.md, measured on a quiet machine.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_conclave");

/// Runs `conclave bench ARGS`, which must succeed; its stdout as JSON.
fn bench(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = Command::new(BIN).arg("bench").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_short_bench_run_forwards_packets_and_prints_the_stable_json() {
    let report = bench(
        &[
            "--scenario",
            "small-meetings",
            "--size",
            "1",
            "--seconds",
            "2",
            "--compare",
            "relay",
            "--json",
        ]
        .map(std::ffi::OsStr::new),
    );
    let s = &report["scenarios"]["small-meetings"];
    assert_eq!(s["participants"], 4, "{report}");
    for system in ["conclave", "relay"] {
        let f = &s[system];
        assert!(f["pps"].as_f64().unwrap() > 0.0, "{system}: {report}");
        for key in ["pps_per_core", "cpu_s_per_mpkt"] {
            assert!(f[key].is_number(), "{system}.{key}: {report}");
        }
        assert!(f.get("kib_per_subscriber").is_some() && f.get("p99_ms").is_some());
    }
    let conclave = &s["conclave"];
    assert_eq!(conclave["subscribers"], 4, "everyone received: {report}");
    assert!(conclave["p99_ms"].is_number(), "{report}");
    assert!(conclave["kib_per_subscriber"].is_number(), "{report}");
    // Read from the server's own /metrics.
    assert!(
        conclave["server_sent_pps"].as_f64().unwrap() > 0.0,
        "{report}"
    );
    assert!(conclave["dropped_packets"].is_number(), "{report}");
    // The server's own delay, from its histogram: media was forwarded in
    // the window, so there is one, and it is a delay, not a date.
    for key in ["server_p50_ms", "server_p99_ms"] {
        let ms = conclave[key].as_f64().unwrap_or(-1.0);
        assert!(ms > 0.0 && ms < 60_000.0, "{key}: {report}");
    }
    assert!(
        conclave["server_p50_ms"].as_f64() <= conclave["server_p99_ms"].as_f64(),
        "{report}"
    );
    assert!(s["janus"].is_null());
    assert!(s["ratios"]["vs_relay"].as_f64().unwrap() > 0.0, "{report}");
}

#[test]
fn a_sweep_prints_one_report_per_size_and_plots_them() {
    let dir = tempfile::tempdir().unwrap();
    let plot = dir.path().join("plot.svg");
    let mut args = [
        "--scenario",
        "small-meetings",
        "--sweep",
        "1,2",
        "--seconds",
        "1",
        "--json",
        "--plot",
    ]
    .map(std::ffi::OsStr::new)
    .to_vec();
    args.push(plot.as_os_str());
    let sweep = bench(&args);
    let participants: Vec<u64> = sweep["sweep"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["scenarios"]["small-meetings"]["participants"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(participants, [4, 8], "{sweep}");
    let svg = std::fs::read_to_string(&plot).unwrap();
    assert!(svg.starts_with("<svg "), "{svg}");
    // One line of two points in each of the two panels.
    assert_eq!(svg.matches("<circle").count(), 4, "{svg}");
    assert_eq!(svg.matches(">small-meetings<").count(), 2, "{svg}");
}

/// Janus's VideoRoom (Debian's `janus`, which scripts/test.sh installs)
/// under the same participants, in a network namespace of the harness's
/// own: that needs root, which CI has. Asserts that Janus received and
/// forwarded packets to every receiver and that the ratios are reported.
#[test]
fn janus_runs_side_by_side_and_the_ratio_is_reported() {
    if !Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
    {
        eprintln!(
            "skipped: --compare janus needs root for its network namespace (CI runs as root)"
        );
        return;
    }
    let report = bench(
        &[
            "--scenario",
            "big-meeting",
            "--size",
            "3",
            "--seconds",
            "2",
            "--compare",
            "janus",
            "--json",
        ]
        .map(std::ffi::OsStr::new),
    );
    let s = &report["scenarios"]["big-meeting"];
    let janus = &s["janus"];
    assert!(janus["pps"].as_f64().unwrap() > 0.0, "{report}");
    assert_eq!(janus["subscribers"], 3, "everyone received: {report}");
    assert!(janus["pps_per_core"].as_f64().unwrap() > 0.0, "{report}");
    assert!(janus["kib_per_subscriber"].is_number(), "{report}");
    assert!(janus["p99_ms"].is_number(), "{report}");
    assert_eq!(janus["errors"], serde_json::json!([]), "{report}");
    assert!(s["ratios"]["vs_janus"].as_f64().unwrap() > 0.0, "{report}");
    let by_figure = &s["ratios"]["figures_vs_janus"];
    for key in [
        "pps",
        "pps_per_core",
        "cpu_s_per_mpkt",
        "kib_per_subscriber",
        "p99_ms",
    ] {
        assert!(by_figure[key].is_number(), "{key}: {report}");
    }
    assert!(s["relay"].is_null());
}
