//! This module contains the Frankenstein test utilities.
//!
//! The Frankenstein test utilities are used to build and manipulate test
//! structures in a way that is not possible with the public API. This is
//! useful for testing and fuzzing.

mod codec;
mod commit;
mod credentials;
mod crypto;
mod extensions;
mod framing;
mod group_info;
mod key_package;
mod leaf_node;
mod proposals;

pub use self::commit::*;
pub use self::credentials::*;
pub use self::crypto::*;
pub use self::extensions::*;
pub use self::framing::*;
pub use self::key_package::*;
pub use self::leaf_node::*;
pub use self::proposals::*;
