//! Testing prelude for OpenMLS.
//! Include this to get access to all necessary pub(crate) functions of OpenMLS testing.

pub use crate::ciphersuite::{signable::Verifiable, *};

// KATs
pub use crate::binary_tree::array_representation::kat_treemath;
pub use crate::key_packages::KeyPackage;
pub use crate::schedule::tests_and_kats::kats::key_schedule::{self, KeyScheduleTestVector};
// TODO: #624 - re-enable test vectors.
// pub use crate::group::tests::{
//     kat_messages::{self, MessagesTestVector},
//     kat_transcripts::{self, TranscriptTestVector},
// };
// pub use crate::tree::tests_and_kats::kats::kat_encryption::{self, EncryptionTestVector};
// pub use crate::treesync::tests_and_kats::kats::kat_tree_kem::{self, TreeKemTestVector};
