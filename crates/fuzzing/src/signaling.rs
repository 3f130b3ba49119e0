//! Signaling text as it arrives on a WebSocket, at either end.

use conclave_signaling::{
    ClientMessage, MAX_MESSAGE_BYTES, MAX_MLS_APPLICATION_BYTES, MAX_NAME_CHARS, MAX_SDP_BYTES,
    MAX_TRACKS_PER_OFFER, decode_client, decode_server, encode, validate_name,
};

/// Decodes the bytes as a client message and as a server message. Whatever
/// decodes must respect the limits, survive a re-encode unchanged, and any
/// name in it must validate to a canonical form.
pub fn signaling(data: &[u8]) {
    // Browsers and tungstenite only deliver valid UTF-8 text frames; lossy
    // conversion still lets the fuzzer reach the JSON parser from any bytes.
    let text = String::from_utf8_lossy(data);

    match decode_client(&text) {
        Ok(msg) => {
            check_client_limits(&msg);
            let again = encode(&msg);
            if again.len() <= MAX_MESSAGE_BYTES {
                assert_eq!(decode_client(&again).as_ref(), Ok(&msg), "{again}");
            }
        }
        Err(e) => {
            let _ = (e.code(), e.to_string());
        }
    }
    match decode_server(&text) {
        Ok(msg) => {
            let again = encode(&msg);
            if again.len() <= MAX_MESSAGE_BYTES {
                assert_eq!(decode_server(&again).as_ref(), Ok(&msg), "{again}");
            }
        }
        Err(e) => {
            let _ = (e.code(), e.to_string());
        }
    }
    check_name(&text);
}

fn check_client_limits(msg: &ClientMessage) {
    match msg {
        ClientMessage::PublishOffer { sdp, tracks } => {
            assert!(sdp.len() <= MAX_SDP_BYTES);
            assert!(tracks.len() <= MAX_TRACKS_PER_OFFER);
        }
        ClientMessage::SubscribeAnswer { sdp } => assert!(sdp.len() <= MAX_SDP_BYTES),
        ClientMessage::MlsApplication { message, .. } => {
            assert!(message.len() <= MAX_MLS_APPLICATION_BYTES);
        }
        _ => {}
    }
}

/// An accepted name is trimmed, bounded, free of control characters, and
/// accepted unchanged a second time.
fn check_name(raw: &str) {
    if let Ok(name) = validate_name(raw) {
        assert!(!name.is_empty());
        assert_eq!(name.trim(), name);
        assert!(name.chars().count() <= MAX_NAME_CHARS);
        assert!(!name.chars().any(char::is_control));
        assert_eq!(validate_name(&name).as_deref(), Ok(name.as_str()));
    }
}
