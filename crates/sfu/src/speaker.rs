//! Active speaker detection from the audio-level RTP header extension
//! (RFC 6464). The level is metadata the sender's browser attaches outside
//! the encrypted payload; we never decode audio.

use std::time::{Duration, Instant};

use conclave_signaling::ParticipantId;

/// How often the loudest speaker is re-evaluated. Shorter reacts faster but
/// makes the highlight flicker between people who talk over each other.
const EVALUATION_INTERVAL: Duration = Duration::from_millis(500);

/// Audio level (dBov, 0 loudest, -127 silence) above which someone counts as
/// speaking. Browsers report about -30 for normal speech close to the mic and
/// -60 and below for room noise.
const SPEAKING_THRESHOLD_DBOV: f32 = -50.0;

/// A challenger must be this many dB louder than the current speaker to take
/// over, so the highlight does not bounce between two similar voices.
const SWITCH_MARGIN_DB: f32 = 3.0;

#[derive(Default, Clone, Copy)]
struct Window {
    sum: f32,
    count: u32,
}

/// Sans-IO detector: feed levels with [`ActiveSpeaker::record`], call
/// [`ActiveSpeaker::evaluate`] when [`ActiveSpeaker::next_evaluation`] is due.
pub struct ActiveSpeaker {
    levels: Vec<(ParticipantId, Window)>,
    current: Option<ParticipantId>,
    next_evaluation: Instant,
}

impl ActiveSpeaker {
    pub fn new(now: Instant) -> Self {
        Self {
            levels: Vec::new(),
            current: None,
            next_evaluation: now + EVALUATION_INTERVAL,
        }
    }

    pub fn record(&mut self, participant: ParticipantId, level_dbov: i8) {
        let level = f32::from(level_dbov.min(0));
        if let Some((_, w)) = self.levels.iter_mut().find(|(p, _)| *p == participant) {
            w.sum += level;
            w.count += 1;
        } else {
            self.levels.push((
                participant,
                Window {
                    sum: level,
                    count: 1,
                },
            ));
        }
    }

    pub fn forget(&mut self, participant: ParticipantId) -> Option<Option<ParticipantId>> {
        self.levels.retain(|(p, _)| *p != participant);
        if self.current == Some(participant) {
            self.current = None;
            return Some(None);
        }
        None
    }

    pub fn current(&self) -> Option<ParticipantId> {
        self.current
    }

    pub fn next_evaluation(&self) -> Instant {
        self.next_evaluation
    }

    /// Returns the new active speaker when it changed.
    pub fn evaluate(&mut self, now: Instant) -> Option<Option<ParticipantId>> {
        if now < self.next_evaluation {
            return None;
        }
        self.next_evaluation = now + EVALUATION_INTERVAL;
        let average = |w: &Window| {
            if w.count == 0 {
                -127.0
            } else {
                w.sum / w.count as f32
            }
        };
        let current_level = self
            .current
            .and_then(|c| self.levels.iter().find(|(p, _)| *p == c))
            .map_or(-127.0, |(_, w)| average(w));
        let loudest = self
            .levels
            .iter()
            .map(|(p, w)| (*p, average(w)))
            .filter(|(_, l)| *l >= SPEAKING_THRESHOLD_DBOV)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        for (_, w) in &mut self.levels {
            *w = Window::default();
        }
        let next = match loudest {
            Some((p, level)) if Some(p) != self.current => {
                if current_level >= SPEAKING_THRESHOLD_DBOV
                    && level < current_level + SWITCH_MARGIN_DB
                {
                    self.current
                } else {
                    Some(p)
                }
            }
            Some(_) => self.current,
            None => None,
        };
        if next != self.current {
            self.current = next;
            Some(next)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: ParticipantId = ParticipantId(1);
    const B: ParticipantId = ParticipantId(2);

    #[test]
    fn loudest_speaker_wins_and_silence_clears_it() {
        let t0 = Instant::now();
        let mut s = ActiveSpeaker::new(t0);
        s.record(A, -30);
        s.record(B, -70);
        assert_eq!(s.evaluate(t0), None, "not due yet");
        let t1 = t0 + EVALUATION_INTERVAL;
        assert_eq!(s.evaluate(t1), Some(Some(A)));
        s.record(A, -100);
        s.record(B, -100);
        assert_eq!(s.evaluate(t1 + EVALUATION_INTERVAL), Some(None));
    }

    #[test]
    fn a_similar_voice_does_not_steal_the_highlight() {
        let t0 = Instant::now();
        let mut s = ActiveSpeaker::new(t0);
        s.record(A, -30);
        let mut t = t0 + EVALUATION_INTERVAL;
        assert_eq!(s.evaluate(t), Some(Some(A)));
        s.record(A, -30);
        s.record(B, -29);
        t += EVALUATION_INTERVAL;
        assert_eq!(s.evaluate(t), None);
        s.record(A, -30);
        s.record(B, -20);
        t += EVALUATION_INTERVAL;
        assert_eq!(s.evaluate(t), Some(Some(B)));
    }

    #[test]
    fn forgetting_the_speaker_clears_it() {
        let t0 = Instant::now();
        let mut s = ActiveSpeaker::new(t0);
        s.record(A, -30);
        s.evaluate(t0 + EVALUATION_INTERVAL);
        assert_eq!(s.forget(A), Some(None));
        assert_eq!(s.forget(B), None);
    }
}
