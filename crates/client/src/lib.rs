//! The native Conclave participant. [`Participant`] is the sans-IO core (one
//! person in a meeting: signaling, two str0m peers, MLS, SFrame, recorded
//! media); [`runner`] connects any number of them to a real server.

pub mod fixtures;
pub mod media_tcp;
mod participant;
pub mod report;
pub mod runner;
pub mod tls;

pub use participant::{
    Admission, AdmitPolicy, MediaTransport, Participant, ParticipantError, TCP_FALLBACK_AFTER,
};
pub use report::Report;
