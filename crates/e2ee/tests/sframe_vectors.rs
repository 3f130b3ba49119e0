//! The official RFC 9605 test vectors (copied from the RFC's repository into
//! `tests/data`), run through the same `sframe` API the product uses.

use serde_json::Value;
use sframe::CipherSuite;
use sframe::frame::{EncryptedFrameView, MediaFrameView, MonotonicCounter};
use sframe::header::SframeHeader;
use sframe::key::{DecryptionKey, EncryptionKey};

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/sframe-test-vectors.json")).expect("vectors parse")
}

fn hex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("valid hex")
}

fn suite(id: u64) -> CipherSuite {
    match id {
        1 => CipherSuite::AesCtr128HmacSha256_80,
        2 => CipherSuite::AesCtr128HmacSha256_64,
        3 => CipherSuite::AesCtr128HmacSha256_32,
        4 => CipherSuite::AesGcm128Sha256,
        5 => CipherSuite::AesGcm256Sha512,
        other => panic!("unknown cipher suite {other}"),
    }
}

#[test]
fn every_header_vector_encodes_and_decodes() {
    let v = vectors();
    let headers = v["header"].as_array().unwrap();
    assert!(headers.len() > 200);
    for h in headers {
        let kid = h["kid"].as_u64().unwrap();
        let ctr = h["ctr"].as_u64().unwrap();
        let encoded = hex(&h["encoded"]);
        let header = SframeHeader::new(kid, ctr);
        let mut buf = vec![0u8; header.len()];
        header.serialize(&mut buf).unwrap();
        assert_eq!(buf, encoded, "kid {kid} ctr {ctr}");
        let parsed = SframeHeader::deserialize(&encoded).unwrap();
        assert_eq!((parsed.key_id(), parsed.counter()), (kid, ctr));
    }
}

#[test]
fn every_sframe_vector_encrypts_and_decrypts() {
    let v = vectors();
    let cases = v["sframe"].as_array().unwrap();
    assert_eq!(cases.len(), 5, "one per cipher suite");
    for case in cases {
        let suite = suite(case["cipher_suite"].as_u64().unwrap());
        let kid = case["kid"].as_u64().unwrap();
        let ctr = case["ctr"].as_u64().unwrap();
        let base_key = hex(&case["base_key"]);
        let metadata = hex(&case["metadata"]);
        let pt = hex(&case["pt"]);
        let ct = hex(&case["ct"]);

        let enc = EncryptionKey::derive_from(suite, kid, &base_key).unwrap();
        let mut counter = MonotonicCounter::with_start_value(ctr, u64::MAX);
        let frame = MediaFrameView::try_with_meta_data(&mut counter, &pt, &metadata).unwrap();
        let mut out = Vec::new();
        frame.encrypt_into(&enc, &mut out).unwrap();
        // Our buffers carry the metadata in front of the SFrame ciphertext.
        assert_eq!(&out[..metadata.len()], &metadata[..]);
        assert_eq!(&out[metadata.len()..], &ct[..], "suite {suite:?}");

        let dec = DecryptionKey::derive_from(suite, kid, &base_key).unwrap();
        let view = EncryptedFrameView::try_with_meta_data(&ct, &metadata).unwrap();
        let mut plain = Vec::new();
        view.decrypt_into(&dec, &mut plain).unwrap();
        assert_eq!(&plain[metadata.len()..], &pt[..], "suite {suite:?}");

        // Any flipped bit of header, ciphertext or metadata is refused.
        let mut bad = ct.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let view = EncryptedFrameView::try_with_meta_data(&bad, &metadata).unwrap();
        assert!(view.decrypt_into(&dec, &mut plain).is_err());
        let mut bad_meta = metadata.clone();
        bad_meta[0] ^= 1;
        let view = EncryptedFrameView::try_with_meta_data(&ct, &bad_meta).unwrap();
        assert!(view.decrypt_into(&dec, &mut plain).is_err());
    }
}

/// The vector for Conclave's suite (0x0004) through Conclave's own backend
/// (`conclave_e2ee::cipher`, cipher kept per KID), not just the crate's.
#[test]
fn the_media_suite_vector_passes_through_conclaves_backend() {
    use conclave_e2ee::cipher::{DecryptionKey as Dk, EncryptionKey as Ek};
    let v = vectors();
    let case = v["sframe"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cipher_suite"] == 4)
        .expect("a suite 4 vector");
    let kid = case["kid"].as_u64().unwrap();
    let ctr = case["ctr"].as_u64().unwrap();
    let base_key = hex(&case["base_key"]);
    let metadata = hex(&case["metadata"]);
    let pt = hex(&case["pt"]);
    let ct = hex(&case["ct"]);
    let enc = Ek::derive_from(CipherSuite::AesGcm128Sha256, kid, &base_key).unwrap();
    let mut counter = MonotonicCounter::with_start_value(ctr, u64::MAX);
    let frame = MediaFrameView::try_with_meta_data(&mut counter, &pt, &metadata).unwrap();
    let mut out = Vec::new();
    frame.encrypt_into(&enc, &mut out).unwrap();
    assert_eq!(&out[metadata.len()..], &ct[..]);
    let dec = Dk::derive_from(CipherSuite::AesGcm128Sha256, kid, &base_key).unwrap();
    let view = EncryptedFrameView::try_with_meta_data(&ct, &metadata).unwrap();
    let mut plain = Vec::new();
    view.decrypt_into(&dec, &mut plain).unwrap();
    assert_eq!(&plain[metadata.len()..], &pt[..]);
    let mut bad = ct.clone();
    bad[6] ^= 0x80;
    let view = EncryptedFrameView::try_with_meta_data(&bad, &metadata).unwrap();
    assert!(view.decrypt_into(&dec, &mut plain).is_err());
}
