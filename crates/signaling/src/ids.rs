//! Opaque identifiers. They are not secrets (every participant of a meeting
//! sees them) but they are short and random so logs can show them whole.

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

/// The largest id on the wire and in MLS credentials: JavaScript numbers are
/// doubles, exact only up to 2^53 − 1 (`Number.MAX_SAFE_INTEGER`). An id above
/// it would be one participant to a Rust client and another (or none) to a
/// browser, so both clients refuse it wherever it appears, and the server
/// never hands one out.
pub const MAX_ID: u64 = (1 << 53) - 1;

fn bounded_id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = u64::deserialize(d)?;
    if v > MAX_ID {
        return Err(serde::de::Error::custom(format!(
            "id {v} is above 2^53 - 1, which browsers cannot represent"
        )));
    }
    Ok(v)
}

/// A participant within one meeting, unique for the server's lifetime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../web/src/protocol/", type = "number")]
pub struct ParticipantId(#[serde(deserialize_with = "bounded_id")] pub u64);

impl std::fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "p{}", self.0)
    }
}

/// A published track (one microphone, camera or screen of one participant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../../web/src/protocol/", type = "number")]
pub struct TrackId(#[serde(deserialize_with = "bounded_id")] pub u64);

impl std::fmt::Display for TrackId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "t{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_browsers_cannot_represent_are_refused() {
        assert_eq!(
            serde_json::from_str::<ParticipantId>("9007199254740991").ok(),
            Some(ParticipantId(MAX_ID))
        );
        assert!(serde_json::from_str::<ParticipantId>("9007199254740993").is_err());
        assert!(serde_json::from_str::<TrackId>("18446744073709551615").is_err());
        assert!(serde_json::from_str::<ParticipantId>("-1").is_err());
        assert!(serde_json::from_str::<ParticipantId>("1.5").is_err());
    }
}
