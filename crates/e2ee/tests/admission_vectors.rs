//! Interop vectors for the meeting key (docs/admission.md), shared with the
//! browser client's unit tests. The file is written once by this test from
//! a fresh key and then only checked: Rust must derive the same public key
//! from the seed, open the sealed knock and verify the endorsement, and the
//! web client's tests check the same file, so both sides read what the
//! other writes. Delete the file and run this test to make a new one.

use std::path::Path;

use conclave_e2ee::{Knock, MeetingKey, MeetingPublicKey};
use serde_json::{Value, json};

const FILE: &str = "../../web/tests/unit/data/admission-vectors.json";
const MEETING_ID: &str = "q8cW1l3n0zZ9_bTk2xY4Aw";

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn write_new(path: &Path) {
    let key = MeetingKey::generate().expect("a fresh key");
    let knock = Knock {
        participant: 42,
        name: "Grace Hopper".into(),
        key_package: b64(b"not a real key package, only sealed bytes"),
        box_key: None,
    };
    let sealed = key
        .public()
        .seal_knock(MEETING_ID, &knock)
        .expect("sealing");
    let signature_key = [7u8; 32];
    let vectors = json!({
        "seed_b64url": key.to_link_part().as_str(),
        "pub_b64url": key.public().to_link_part(),
        "meeting_id": MEETING_ID,
        "sealed_knock": sealed,
        "knock_plaintext": knock,
        "endorsement": {
            "participant": 42,
            "signature_key": b64(&signature_key),
            "endorsement": b64(&key.endorse(42, &signature_key)),
        },
    });
    let text = serde_json::to_string_pretty(&vectors).expect("json") + "\n";
    std::fs::write(path, text).expect("writing the vectors");
}

#[test]
fn rust_reads_the_shared_admission_vectors() {
    use base64::Engine as _;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
    if !path.exists() {
        write_new(&path);
    }
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("vectors file"))
        .expect("vectors are JSON");
    let text = |p: &str| v.pointer(p).and_then(Value::as_str).expect(p).to_owned();
    let key = MeetingKey::from_link_part(&text("/seed_b64url")).expect("seed");
    assert_eq!(key.public().to_link_part(), text("/pub_b64url"));
    let public = MeetingPublicKey::from_link_part(&text("/pub_b64url")).expect("pub");
    let opened = key
        .open_knock(&text("/meeting_id"), &text("/sealed_knock"))
        .expect("the sealed knock opens");
    let expected: Knock =
        serde_json::from_value(v["knock_plaintext"].clone()).expect("knock plaintext");
    assert_eq!(opened, expected);
    let decode = |p: &str| {
        base64::engine::general_purpose::STANDARD
            .decode(text(p))
            .expect(p)
    };
    let participant = v
        .pointer("/endorsement/participant")
        .and_then(Value::as_u64)
        .expect("participant");
    assert!(public.verifies_host(
        participant,
        &decode("/endorsement/signature_key"),
        &decode("/endorsement/endorsement")
    ));
    assert!(!public.verifies_host(
        participant + 1,
        &decode("/endorsement/signature_key"),
        &decode("/endorsement/endorsement")
    ));
}
