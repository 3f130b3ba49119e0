//! Recordings that stay end-to-end encrypted (docs/recording.md).
//!
//! - [`file`]: the append-only file the server writes while it forwards:
//!   each packet's RTP timing and its SFrame-encrypted payload, and the
//!   epoch keys hosts' clients sealed to the recording key. Nothing the
//!   server writes is readable by it.
//! - [`store`]: one directory per recording under the data directory, with
//!   its retention.
//! - [`depacketize`] and [`export`]: offline, with the recording key (the
//!   meeting key from a host link, or an organisation's key), back to whole
//!   frames, decrypted, into a WebM file.
//!
//! No sockets or threads here: the server's shell owns the writer thread,
//! the CLI owns the files it reads and writes.

pub mod depacketize;
pub mod export;
pub mod file;
pub mod store;

pub use export::{ExportError, ExportReport, ExportedTrack, OpenedEpoch, export, open_keys};
pub use file::Source;
pub use store::{Meta, Store, StoreError};
