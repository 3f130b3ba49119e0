//! SFrame encrypt+decrypt through Conclave's media path, against bare
//! AES-128-GCM (the same RustCrypto implementation the sframe crate uses) on
//! the same frames in the same run. Two baselines: in place (the cipher
//! alone, the strictest), and with a fresh output buffer per frame (what a
//! media path must produce). The goal is a ratio of at least 0.9: SFrame's
//! framing (header, KID lookup, nonce derivation) must cost little next to
//! the cipher itself.

use std::hint::black_box;
use std::time::Instant;

use aes_gcm::aead::{Aead, AeadInOut, KeyInit, Payload};
use aes_gcm::{Aes128Gcm, Nonce};
use conclave_e2ee::{Codec, FrameDecryptor, FrameEncryptor, TrackContext};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// An Opus packet, a VP8 delta frame, a VP8 key frame at 720p.
const SIZES: [(&str, usize); 3] = [
    ("audio-120B", 120),
    ("video-delta-4KiB", 4096),
    ("video-key-48KiB", 49152),
];

fn bench(c: &mut Criterion) {
    let base_key = [7u8; 16];
    for (label, size) in SIZES {
        let mut group = c.benchmark_group(format!("encrypt+decrypt/{label}"));
        group.throughput(Throughput::Bytes(size as u64));
        // A delta frame (P bit set), so the clear prefix is the 3-byte minimum.
        let mut frame = vec![0x31u8; size];
        frame[0] = 0x01;

        let key = Aes128Gcm::new_from_slice(&base_key).expect("16-byte key");
        let mut buf = frame.clone();
        group.bench_function("aes-128-gcm (baseline)", |b| {
            let mut counter = 0u64;
            b.iter(|| {
                counter += 1;
                let mut nonce = [0u8; 12];
                nonce[4..].copy_from_slice(&counter.to_be_bytes());
                let nonce = Nonce::from(nonce);
                let tag = key
                    .encrypt_inout_detached(&nonce, b"hdr", buf.as_mut_slice().into())
                    .expect("encrypt");
                key.decrypt_inout_detached(&nonce, b"hdr", buf.as_mut_slice().into(), &tag)
                    .expect("decrypt");
                black_box(&buf);
            })
        });

        // The same cipher through the allocating AEAD API: a fresh output
        // buffer per frame, as a media path needs (the frame must go on in a
        // new buffer), without any SFrame framing.
        group.bench_function("aes-128-gcm, new output buffer", |b| {
            let mut counter = 0u64;
            b.iter(|| {
                counter += 1;
                let mut nonce = [0u8; 12];
                nonce[4..].copy_from_slice(&counter.to_be_bytes());
                let nonce = Nonce::from(nonce);
                let ct = key
                    .encrypt(
                        &nonce,
                        Payload {
                            msg: &frame,
                            aad: b"hdr",
                        },
                    )
                    .expect("encrypt");
                let pt = key
                    .decrypt(
                        &nonce,
                        Payload {
                            msg: &ct,
                            aad: b"hdr",
                        },
                    )
                    .expect("decrypt");
                black_box(pt);
            })
        });

        let mut enc = FrameEncryptor::new(TrackContext::Camera);
        enc.set_epoch(1, 3, &base_key).expect("key");
        let mut dec = FrameDecryptor::new();
        dec.set_epoch(1, &base_key, Instant::now());
        let (mut wire, mut out) = (Vec::new(), Vec::new());
        group.bench_function("sframe (conclave media path)", |b| {
            b.iter(|| {
                enc.encrypt(black_box(&frame), &mut wire).expect("encrypt");
                dec.decrypt(Codec::Vp8, &wire, &mut out).expect("decrypt");
                black_box(&out);
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
