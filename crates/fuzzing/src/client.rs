//! The native client (`conclave join`) as a hostile or broken server would
//! meet it: a sequence of signaling texts, each after a delay, fed to the
//! sans-IO [`Participant`] exactly as its runner does (decode, then handle).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use conclave_client::Participant;
use conclave_signaling::{MAX_MESSAGE_BYTES, decode_client, decode_server, encode};

use crate::input::Input;

/// Messages per input: enough for a join, a group, a few commits.
const MAX_MESSAGES: usize = 32;

/// See the module comment. Everything the client answers must be something
/// the server accepts.
pub fn client_server_messages(data: &[u8]) {
    let mut input = Input::new(data);
    let mut now = Instant::now();
    let publish = SocketAddr::from(([127, 0, 0, 1], 5000));
    let subscribe = SocketAddr::from(([127, 0, 0, 1], 5001));
    let mut p = match Participant::new("Fuzz", publish, subscribe, None, now) {
        Ok(p) => p,
        Err(e) => panic!("the committed fixtures failed to load: {e}"),
    };
    for _ in 0..MAX_MESSAGES {
        if input.is_empty() {
            break;
        }
        now += Duration::from_millis(u64::from(input.u16() % 2000));
        let text = String::from_utf8_lossy(input.bytes(usize::from(u16::MAX)));
        if let Ok(message) = decode_server(&text) {
            p.handle_server(message, now);
        }
        if p.poll_timeout() <= now {
            p.handle_timeout(now);
        }
        while let Some(answer) = p.poll_signaling() {
            let wire = encode(&answer);
            if wire.len() <= MAX_MESSAGE_BYTES {
                assert!(decode_client(&wire).is_ok(), "server would refuse {wire}");
            }
        }
        while p.poll_transmit().is_some() {}
    }
}
