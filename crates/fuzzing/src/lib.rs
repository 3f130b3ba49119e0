//! The bodies of Conclave's fuzz targets, one function per input surface
//! that takes bytes from the network or from clients.
//!
//! `fuzz/` (cargo-fuzz, nightly) calls these functions, and
//! `tests/corpus.rs` replays every committed corpus file through them on
//! stable, so each target's regression seeds run with the normal tests.
//! A function panics only when it finds a bug: a crash, or a property of the
//! code under test that does not hold.

mod admission;
mod client;
mod delivery;
mod input;
mod sframe;
mod sfu_net;
mod sfu_state;
mod signaling;

pub use admission::admission;
pub use client::client_server_messages;
pub use delivery::delivery_service;
pub use sframe::{sframe_decrypt, sframe_roundtrip};
pub use sfu_net::sfu_datagrams;
pub use sfu_state::{rtp_rewrite, vp8_descriptor};
pub use signaling::signaling;

/// A target's body: takes any bytes, panics only on a bug.
pub type Body = fn(&[u8]);

/// Every target: its name (as in `fuzz/fuzz_targets/` and `fuzz/corpus/`)
/// and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("signaling", signaling),
    ("vp8_descriptor", vp8_descriptor),
    ("rtp_rewrite", rtp_rewrite),
    ("sframe_decrypt", sframe_decrypt),
    ("sframe_roundtrip", sframe_roundtrip),
    ("sfu_datagrams", sfu_datagrams),
    ("delivery_service", delivery_service),
    ("client_server_messages", client_server_messages),
    ("admission", admission),
];
