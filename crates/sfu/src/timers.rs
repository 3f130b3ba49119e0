//! Every peer's and room's next wake-up in one min-heap, so a timeout
//! touches only what is due and finding the next deadline does not walk
//! every participant after each packet.
//!
//! Entries are never updated in place: a new deadline is pushed and the old
//! entry goes stale. The owner checks an entry against the live deadline
//! when it pops it, and a stale entry earlier than the real deadline costs
//! at most one early wake-up that does nothing.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

use conclave_signaling::ParticipantId;

use crate::RoomKey;
use crate::peer::PeerRole;

/// What a deadline belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Due {
    Peer(ParticipantId, PeerRole),
    Speaker(RoomKey),
    /// A peer whose ICE went quiet: given up if it is still quiet then.
    IceGrace(ParticipantId, PeerRole),
    /// A recorded room's second round of key frames for a new epoch.
    RecordingKeyframes(RoomKey),
}

/// Stale entries allowed per live one before the heap is rebuilt. str0m
/// moves a busy peer's deadline on most packets, so stale entries pile up
/// between wake-ups; a rebuild is a walk over everything, so it should be
/// rare: this keeps the heap within a small multiple of what is live.
const STALE_PER_LIVE: usize = 4;
/// Below this the heap is never rebuilt (a small meeting's churn is cheap).
const MIN_REBUILD_LEN: usize = 1024;

#[derive(Default)]
pub(crate) struct Timers {
    heap: BinaryHeap<Reverse<(Instant, Due)>>,
}

impl Timers {
    pub fn schedule(&mut self, at: Instant, due: Due) {
        self.heap.push(Reverse((at, due)));
    }

    /// The earliest deadline (perhaps a stale one, which is earlier than
    /// the real one: never later).
    pub fn earliest(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse((at, _))| *at)
    }

    /// The earliest entry due at `now`, stale ones included: the caller
    /// keeps an entry only if its time is still the owner's deadline.
    /// (Popped one at a time, so a wake-up allocates nothing.)
    pub fn pop_due(&mut self, now: Instant) -> Option<(Instant, Due)> {
        if self.earliest()? > now {
            return None;
        }
        self.heap.pop().map(|Reverse(entry)| entry)
    }

    /// Whether stale entries outnumber live ones enough to rebuild.
    pub fn needs_rebuild(&self, live: usize) -> bool {
        self.heap.len() > MIN_REBUILD_LEN.max(live * STALE_PER_LIVE)
    }

    /// Replaces every entry with the live deadlines given.
    pub fn rebuild(&mut self, live: impl IntoIterator<Item = (Instant, Due)>) {
        self.heap = live.into_iter().map(Reverse).collect();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn peer(n: u64) -> Due {
        Due::Peer(ParticipantId(n), PeerRole::Subscriber)
    }

    #[test]
    fn only_what_is_due_is_taken_earliest_first() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut timers = Timers::default();
        timers.schedule(t0 + ms(30), peer(3));
        timers.schedule(t0 + ms(10), peer(1));
        timers.schedule(t0 + ms(20), Due::Speaker(RoomKey(7)));
        timers.schedule(t0 + ms(15), peer(1));
        assert_eq!(timers.earliest(), Some(t0 + ms(10)));
        let due = |timers: &mut Timers, now| {
            std::iter::from_fn(|| timers.pop_due(now)).collect::<Vec<_>>()
        };
        assert_eq!(
            due(&mut timers, t0 + ms(20)),
            vec![
                (t0 + ms(10), peer(1)),
                (t0 + ms(15), peer(1)),
                (t0 + ms(20), Due::Speaker(RoomKey(7)))
            ]
        );
        assert_eq!(timers.earliest(), Some(t0 + ms(30)));
        assert!(due(&mut timers, t0 + ms(29)).is_empty());
        assert_eq!(due(&mut timers, t0 + ms(30)), vec![(t0 + ms(30), peer(3))]);
        assert_eq!(timers.earliest(), None);
    }

    #[test]
    fn a_rebuild_keeps_only_the_live_deadlines() {
        let t0 = Instant::now();
        let mut timers = Timers::default();
        for i in 0..(MIN_REBUILD_LEN as u64 + 1) {
            timers.schedule(t0 + Duration::from_micros(i), peer(1));
        }
        assert!(timers.needs_rebuild(1));
        timers.rebuild([(t0 + Duration::from_secs(1), peer(1))]);
        assert_eq!(timers.len(), 1);
        assert!(!timers.needs_rebuild(1));
        assert_eq!(timers.earliest(), Some(t0 + Duration::from_secs(1)));
    }
}
