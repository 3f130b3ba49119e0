//! End-to-end encryption for native clients, exactly as `docs/e2ee.md`
//! specifies (the browser client implements the same in TypeScript):
//!
//! - [`group`]: one participant's view of the meeting's MLS group (openmls,
//!   cipher suite 0x0001), from KeyPackage to commits, Welcomes and chat.
//! - [`media`]: SFrame (RFC 9605, suite 0x0004) on whole audio and video
//!   frames, with keys from the MLS exporter and KIDs per RFC 9605 §5.2.
//! - [`code`]: the security code users compare aloud.
//!
//! Nothing here does I/O. Secrets live in `Zeroizing` buffers and types that
//! hold them have no `Debug`.

pub mod admission;
pub mod cipher;
pub mod code;
pub mod group;
mod live_storage;
pub mod media;
pub mod meeting_key;

pub use code::security_code;
pub use group::{AddRequest, CommitOutcome, Group, GroupError, MemberInfo};
pub use media::{Codec, FrameDecryptor, FrameEncryptor, MediaError, TrackContext, kid};
pub use meeting_key::{
    BoxKey, Knock, MeetingKey, MeetingKeyError, MeetingPublicKey, RecordedMember, RecordingEpoch,
    RecordingKeyPair, RecordingOpener, seal_recording_epoch,
};
