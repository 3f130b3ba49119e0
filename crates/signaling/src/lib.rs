//! The signaling wire protocol between clients and `conclave serve`.
//!
//! Every message is one JSON object carrying `"v"` (the protocol version) and
//! `"type"`. The types are defined here once; the web client's TypeScript types
//! are generated from them (`cargo test -p conclave-signaling` writes
//! `web/src/protocol/`), so the two can never drift apart.
//!
//! This module owns parsing and size limits. It never decides what a message
//! means for a meeting: that is `conclave-room`'s job.

mod ids;
mod limits;
mod messages;
mod names;

pub use ids::{MAX_ID, ParticipantId, TrackId};
pub use limits::{
    MAX_ADDS_PER_COMMIT, MAX_APPLICATION_RECIPIENTS, MAX_CHAT_CHARS, MAX_COMMIT_BYTES,
    MAX_COMMIT_CHANGES, MAX_DEVICE_BYTES, MAX_ENDORSEMENT_BYTES, MAX_KEY_PACKAGE_BYTES,
    MAX_KNOCK_BYTES, MAX_LAST_N, MAX_MESSAGE_BYTES, MAX_MID_CHARS, MAX_MLS_APPLICATION_BYTES,
    MAX_NAME_CHARS, MAX_PINNED, MAX_REASON_CHARS, MAX_RECORDING_KEY_BYTES, MAX_SDP_BYTES,
    MAX_TRACKS_PER_OFFER, MAX_WELCOME_BYTES, WS_READ_BUFFER_BYTES,
};
pub use messages::{
    ClientMessage, ErrorCode, IceServer, MediaKind, MlsAdd, ParticipantInfo, PublishedTrack,
    ServerMessage, Shared, SubscribedTrack, TrackSource, decode_client, decode_server,
    decode_server_numbered, encode, encode_body, encode_numbered, frame_numbered,
};
pub use names::{MAX_MARK_RUN, NameError, ROLE_WORDS, skeleton, validate_name};

/// The protocol version spoken by this build. A client speaking another
/// version gets a clear `unsupported_version` error instead of undefined
/// behaviour.
pub const PROTOCOL_VERSION: u8 = 1;

/// Why a signaling message was refused. Each maps to one [`ErrorCode`] the
/// client can show.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("message is {size} bytes, the limit is {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("message is not valid JSON for this protocol: {0}")]
    Malformed(String),
    #[error("protocol version {0} is not supported (this server speaks {PROTOCOL_VERSION})")]
    UnsupportedVersion(u64),
    #[error("{0}")]
    Invalid(String),
}

impl DecodeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DecodeError::TooLarge { .. } => ErrorCode::TooLarge,
            DecodeError::Malformed(_) => ErrorCode::BadMessage,
            DecodeError::UnsupportedVersion(_) => ErrorCode::UnsupportedVersion,
            DecodeError::Invalid(_) => ErrorCode::BadMessage,
        }
    }
}
