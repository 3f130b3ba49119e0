//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/*`)
//! through its target, on stable, as part of the normal test run. A crash
//! found by fuzzing and committed as a seed stays fixed this way.

use std::path::{Path, PathBuf};
use std::time::Instant;

use conclave_fuzzing::TARGETS;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_committed_corpus_file_replays_without_a_crash() {
    let corpus = fuzz_dir().join("corpus");
    for (name, body) in TARGETS {
        let files = sorted_files(&corpus.join(name));
        assert!(!files.is_empty(), "target {name} has no seeds");
        let started = Instant::now();
        for file in &files {
            let data = std::fs::read(file).expect("corpus file");
            // A panic names the file, so the failure can be rerun alone with
            // `cargo +nightly fuzz run <target> <file>`.
            eprintln!("{name}: {}", file.display());
            body(&data);
        }
        println!("{name}: {} files in {:.2?}", files.len(), started.elapsed());
    }
}

#[test]
fn every_fuzz_target_has_a_body_and_a_corpus() {
    let dir = fuzz_dir();
    let targets: Vec<String> = sorted_files(&dir.join("fuzz_targets"))
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .collect();
    let mut known: Vec<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    known.sort();
    assert_eq!(targets, known, "fuzz/fuzz_targets and TARGETS disagree");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("fuzz/Cargo.toml");
    for name in &known {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/Cargo.toml has no [[bin]] for {name}"
        );
    }
}
