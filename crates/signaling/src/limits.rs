//! Size limits on everything a client can send. A limit that is hit answers
//! with a clear error; nothing is truncated silently.

/// Largest WebSocket text message accepted. The biggest messages are MLS
/// Welcomes, which carry the ratchet tree: about 300 bytes per member, so a
/// full 100-person meeting needs ~40 KiB in base64. SDP offers are ~10 KiB.
/// 256 KiB leaves headroom for bigger meetings while bounding what one
/// socket can make the server parse.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

/// A chat message is at most 4000 characters of text; its MLS encryption
/// and base64 add about half again.
pub const MAX_MLS_APPLICATION_BYTES: usize = 16 * 1024;

/// Longest chat message, in characters (checked by clients before
/// encrypting; the server only sees the ciphertext size).
pub const MAX_CHAT_CHARS: usize = 4000;

/// Largest SDP blob inside a message (the bulk of any message).
pub const MAX_SDP_BYTES: usize = 60 * 1024;

/// A display name is shown on tiles and in the roster: long enough for
/// "Dr. Firstname Double-Barrelled Lastname (Ministry of X)", short enough
/// that it cannot be used to push megabytes to every participant.
pub const MAX_NAME_CHARS: usize = 64;

/// One microphone, one camera and one screen share (with its audio) per
/// participant; a few spare for a client that re-adds a track.
pub const MAX_TRACKS_PER_OFFER: usize = 8;
