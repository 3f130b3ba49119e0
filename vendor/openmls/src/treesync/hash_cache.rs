//! Conclave patch: the tree hashes of a [`TreeSync`](super::TreeSync)'s nodes,
//! kept from one commit to the next.
//!
//! Upstream recomputes the tree hash of every node of the tree for every
//! commit (twice while processing one): in a group of 1000 that is about 2000
//! hashes of serialised nodes, most of a member's work on a commit of Adds.
//! A commit changes only a few leaves and the parents above them, so every
//! other subtree hashes as it did: the diff takes those hashes from here and
//! recomputes only the subtrees it changed.
//!
//! The cache is never serialised and never compared: a tree read from storage
//! starts without it and fills it at its next merge. It can only ever be
//! missing a hash (then the hash is recomputed), never hold a stale one: a
//! merge keeps the hashes computed for exactly the merged tree, which are
//! those of every subtree the diff changed.

use std::fmt;

use crate::binary_tree::array_representation::{TreeNodeIndex, TreeSize};

/// A node's tree hash, as computed for the tree it was merged into.
pub(crate) type ComputedHash = (TreeNodeIndex, Vec<u8>);

#[derive(Default, Clone)]
pub(crate) struct TreeHashCache {
    /// Indexed by a node's place in the array representation.
    hashes: Vec<Option<Vec<u8>>>,
}

impl TreeHashCache {
    /// The cached tree hash of the subtree under `node`, if any.
    pub(crate) fn get(&self, node: TreeNodeIndex) -> Option<&[u8]> {
        self.hashes
            .get(node.position() as usize)
            .and_then(|hash| hash.as_deref())
    }

    /// Bring the cache to the tree after a merge: `size` is the merged tree's,
    /// `sets_nodes` whether the diff set any node, `computed` the hashes
    /// computed for the merged tree. Computing the root's hash recomputes every node the
    /// diff set and every node above one, so with `computed` the rest still
    /// hold. A diff that was stored and read back comes without them; then
    /// nothing is known to hold and the cache starts over.
    pub(crate) fn merge(
        &mut self,
        size: TreeSize,
        sets_nodes: bool,
        computed: Vec<ComputedHash>,
    ) {
        if computed.is_empty() && sets_nodes {
            self.hashes.clear();
        }
        let width = (size.leaf_count() as usize * 2).saturating_sub(1);
        self.hashes.resize(width, None);
        for (node, hash) in computed {
            if let Some(slot) = self.hashes.get_mut(node.position() as usize) {
                *slot = Some(hash);
            }
        }
    }
}

/// A cache is a copy of what the tree determines, so two trees are equal
/// whatever their caches hold.
impl PartialEq for TreeHashCache {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl fmt::Debug for TreeHashCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.hashes.iter().filter(|hash| hash.is_some()).count();
        write!(f, "TreeHashCache({cached} of {} nodes)", self.hashes.len())
    }
}
