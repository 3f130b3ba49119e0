//! What a receiver gets in a large meeting: video of the last N people who
//! spoke and of the participants it pinned, audio of the loudest few. Both
//! keep a packet's cost from growing with everyone in the meeting, and a
//! receiver's downlink from filling with tiles it cannot show.
//!
//! The SFU still offers every track (the m-lines stay, so a tile comes
//! back without renegotiation); what this decides is whether packets flow.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use conclave_signaling::{ParticipantId, TrackId};

/// Cameras a receiver gets unless it asks for another number: a 5×5 grid,
/// more than any screen shows legibly. Each one costs the receiver a layer's
/// bitrate and the server a packet per frame; a receiver on a phone asks for
/// fewer, one with a wall display for more.
pub const DEFAULT_LAST_N: usize = 25;

pub use conclave_signaling::MAX_LAST_N;

/// Microphones forwarded at once in a meeting with more of them. Five
/// overlapping voices are already unintelligible, and each forwarded
/// microphone costs a packet to every member 50 times a second; fewer would
/// clip the start of a reply while an earlier speaker's seat is still held.
pub const LOUDEST_AUDIO: usize = 5;

/// How often the loudest microphones are re-ranked. Between reviews a
/// louder voice still takes a seat at once (see [`AudioGate::admit`]), so
/// this only bounds how long a fallen-silent speaker keeps one.
const AUDIO_REVIEW_INTERVAL: Duration = Duration::from_millis(200);

/// A microphone not heard for this long loses its rank (muted, or gone): a
/// sender with discontinuous transmission still sends a packet every 400 ms.
const AUDIO_HEARD_WITHIN: Duration = Duration::from_secs(1);

/// Weight of the newest packet's level in a microphone's smoothed level
/// when it is louder than before: at 0.5 a voice that starts reaches its
/// level in two or three packets (40-60 ms, so the first syllable is not
/// lost), while one loud click lifts a quiet microphone only halfway.
const LEVEL_ATTACK: f32 = 0.5;
/// The same when it is quieter: a speaker's pauses between words (a few
/// hundred ms) do not cost their seat.
const LEVEL_RELEASE: f32 = 0.1;

/// Level (dBov) above which a microphone counts as a voice, as for the
/// active speaker (`speaker.rs`): speech is about -30, room noise -60.
const VOICE_DBOV: f32 = -50.0;

/// A voice must be this much louder than the quietest forwarded one to take
/// its seat between reviews, so two similar voices do not swap seats on
/// every packet.
const SEAT_MARGIN_DB: f32 = 3.0;

/// The meeting's members, most recent active speaker first; members who
/// never spoke follow in the order they came.
#[derive(Debug, Default)]
pub struct SpeakingOrder(Vec<ParticipantId>);

impl SpeakingOrder {
    pub fn join(&mut self, id: ParticipantId) {
        if !self.0.contains(&id) {
            self.0.push(id);
        }
    }

    pub fn leave(&mut self, id: ParticipantId) {
        self.0.retain(|p| *p != id);
    }

    /// `id` became the active speaker. Returns whether the order changed.
    pub fn spoke(&mut self, id: ParticipantId) -> bool {
        match self.0.iter().position(|p| *p == id) {
            Some(0) | None => false,
            Some(i) => {
                self.0[..=i].rotate_right(1);
                true
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = ParticipantId> + '_ {
        self.0.iter().copied()
    }
}

/// What one receiver asked to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoChoice {
    pub last_n: usize,
    pub pinned: Vec<ParticipantId>,
}

impl VideoChoice {
    pub fn new(last_n: usize) -> Self {
        Self {
            last_n: last_n.min(MAX_LAST_N),
            pinned: Vec::new(),
        }
    }

    /// The camera tracks this receiver gets, from the meeting's cameras in
    /// speaking order (`cameras`: owner and track). Pinned cameras come
    /// first and count towards N only when they are among the speakers, so
    /// pinning someone never pushes out more than one recent speaker.
    pub fn chosen(&self, me: ParticipantId, cameras: &[(ParticipantId, TrackId)]) -> Vec<TrackId> {
        let mut chosen: Vec<TrackId> = cameras
            .iter()
            .filter(|(owner, _)| *owner != me && self.pinned.contains(owner))
            .map(|(_, t)| *t)
            .collect();
        let mut recent = 0;
        for (owner, track) in cameras {
            if recent >= self.last_n {
                break;
            }
            if *owner == me {
                continue;
            }
            recent += 1;
            if !chosen.contains(track) {
                chosen.push(*track);
            }
        }
        chosen
    }
}

#[derive(Debug)]
struct Voice {
    level: f32,
    heard_at: Instant,
}

/// The meeting's loudest microphones: packets from the others are not
/// forwarded at all, so their cost does not reach every member.
#[derive(Debug, Default)]
pub struct AudioGate {
    voices: HashMap<ParticipantId, Voice>,
    seats: Vec<ParticipantId>,
    next_review: Option<Instant>,
}

impl AudioGate {
    /// Whether a microphone packet with this audio level (dBov, RFC 6464)
    /// is forwarded. A packet without a level is: nothing says it is quiet.
    pub fn admit(&mut self, from: ParticipantId, level: Option<i8>, now: Instant) -> bool {
        let Some(level) = level else {
            return true;
        };
        let level = f32::from(level.min(0));
        let voice = self.voices.entry(from).or_insert(Voice {
            level,
            heard_at: now,
        });
        let weight = if level > voice.level {
            LEVEL_ATTACK
        } else {
            LEVEL_RELEASE
        };
        voice.level = weight * level + (1.0 - weight) * voice.level;
        voice.heard_at = now;
        let smoothed = voice.level;
        if self.next_review.is_none_or(|at| now >= at) {
            self.review(now);
        }
        if self.voices.len() <= LOUDEST_AUDIO || self.seats.contains(&from) {
            return true;
        }
        if smoothed < VOICE_DBOV {
            return false;
        }
        if self.seats.len() < LOUDEST_AUDIO {
            self.seats.push(from);
            return true;
        }
        let quietest = self
            .seats
            .iter()
            .enumerate()
            .map(|(i, p)| (i, self.voices.get(p).map_or(-127.0, |v| v.level)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match quietest {
            Some((i, quiet)) if smoothed > quiet + SEAT_MARGIN_DB => {
                self.seats[i] = from;
                true
            }
            _ => false,
        }
    }

    /// Re-ranks: the loudest microphones heard lately hold the seats.
    fn review(&mut self, now: Instant) {
        self.next_review = Some(now + AUDIO_REVIEW_INTERVAL);
        self.voices
            .retain(|_, v| now.saturating_duration_since(v.heard_at) < AUDIO_HEARD_WITHIN);
        let mut ranked: Vec<(ParticipantId, f32)> =
            self.voices.iter().map(|(p, v)| (*p, v.level)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        self.seats = ranked
            .into_iter()
            .take(LOUDEST_AUDIO)
            .map(|(p, _)| p)
            .collect();
    }

    pub fn forget(&mut self, id: ParticipantId) {
        self.voices.remove(&id);
        self.seats.retain(|p| *p != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: u64) -> ParticipantId {
        ParticipantId(n)
    }

    #[test]
    fn the_latest_speaker_comes_first_and_newcomers_last() {
        let mut order = SpeakingOrder::default();
        for n in 1..=4 {
            order.join(p(n));
        }
        assert!(order.spoke(p(3)));
        assert!(!order.spoke(p(3)), "already first");
        order.join(p(5));
        order.leave(p(1));
        assert_eq!(order.iter().collect::<Vec<_>>(), [p(3), p(2), p(4), p(5)]);
    }

    #[test]
    fn a_receiver_gets_the_last_n_speakers_and_its_pins_but_never_itself() {
        let cameras: Vec<(ParticipantId, TrackId)> =
            (1..=6).map(|n| (p(n), TrackId(10 + n))).collect();
        let mut choice = VideoChoice::new(2);
        assert_eq!(choice.chosen(p(1), &cameras), [TrackId(12), TrackId(13)]);
        assert_eq!(choice.chosen(p(4), &cameras), [TrackId(11), TrackId(12)]);
        choice.pinned = vec![p(6), p(2)];
        assert_eq!(
            choice.chosen(p(1), &cameras),
            [TrackId(12), TrackId(16), TrackId(13)],
            "pins first; a pinned recent speaker still counts as one of N"
        );
        choice.last_n = 0;
        assert_eq!(choice.chosen(p(1), &cameras), [TrackId(12), TrackId(16)]);
        assert_eq!(VideoChoice::new(10_000).last_n, MAX_LAST_N);
    }

    #[test]
    fn few_microphones_all_pass() {
        let t = Instant::now();
        let mut gate = AudioGate::default();
        for n in 1..=LOUDEST_AUDIO as u64 {
            assert!(gate.admit(p(n), Some(-127), t), "silence too");
        }
        assert!(gate.admit(p(99), None, t), "no level: forwarded");
    }

    #[test]
    fn only_the_loudest_pass_and_a_new_voice_takes_the_quietest_seat() {
        let mut t = Instant::now();
        let mut gate = AudioGate::default();
        // Ten microphones: five talking (-30), five quiet (-70).
        let passed = |gate: &mut AudioGate, t: Instant| -> Vec<u64> {
            (1..=10u64)
                .filter(|&n| gate.admit(p(n), Some(if n <= 5 { -30 } else { -70 }), t))
                .collect()
        };
        for _ in 0..50 {
            passed(&mut gate, t);
            t += Duration::from_millis(20);
        }
        assert_eq!(passed(&mut gate, t), [1, 2, 3, 4, 5]);
        // Participant 8 starts talking loudly: it gets a seat within a few
        // packets, before the next review, and someone quieter loses one.
        let mut admitted_after = None;
        for i in 0..20 {
            t += Duration::from_millis(20);
            for n in 1..=7u64 {
                gate.admit(p(n), Some(if n <= 5 { -30 } else { -70 }), t);
            }
            if gate.admit(p(8), Some(-10), t) {
                admitted_after = Some(i);
                break;
            }
        }
        assert!(
            admitted_after.is_some_and(|i| i < 5),
            "a loud voice waits at most a few packets: {admitted_after:?}"
        );
        assert_eq!(gate.seats.len(), LOUDEST_AUDIO);
        assert!(gate.seats.contains(&p(8)));
    }

    #[test]
    fn silent_or_departed_microphones_give_their_seat_up() {
        let mut t = Instant::now();
        let mut gate = AudioGate::default();
        for n in 1..=6u64 {
            gate.admit(p(n), Some(-30), t);
        }
        gate.forget(p(1));
        // 2..6 now fit the seats; 1 is unknown again.
        t += AUDIO_REVIEW_INTERVAL;
        for n in 2..=6u64 {
            assert!(gate.admit(p(n), Some(-30), t));
        }
        // A seventh that stops sending is dropped at a review.
        gate.admit(p(7), Some(-20), t);
        t += AUDIO_HEARD_WITHIN + AUDIO_REVIEW_INTERVAL;
        for n in 2..=6u64 {
            assert!(gate.admit(p(n), Some(-30), t));
        }
        assert!(!gate.seats.contains(&p(7)));
    }
}
