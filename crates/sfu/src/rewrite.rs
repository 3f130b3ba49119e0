//! Sequence number and timestamp rewriting for one outgoing video stream.
//!
//! A receiver sees one continuous RTP stream per remote track even though the
//! SFU switches between simulcast layers (each with its own sequence and
//! timestamp spaces). Offsets change only at a switch point (a key frame of
//! the new layer), so packet order and gaps inside a layer are preserved and
//! the receiver's NACKs still name the right packets.

use std::time::Instant;

/// Where a freshly created outgoing stream starts. Below 2^16 so the SRTP
/// rollover counter starts at zero on both sides (see str0m's `RtpWrite`).
const FIRST_OUT_SEQ: u64 = 1;

#[derive(Debug)]
pub struct Rewriter {
    clock_rate: u32,
    seq_offset: u64,
    ts_offset: u32,
    /// Packets of the current layer older than its switch point are dropped:
    /// they would land before the key frame the receiver resynchronised on.
    first_in_seq: u64,
    last_out_seq: Option<u64>,
    last_out_ts: u32,
    last_out_at: Option<Instant>,
}

impl Rewriter {
    pub fn new(clock_rate: u32) -> Self {
        Self {
            clock_rate,
            seq_offset: 0,
            ts_offset: 0,
            first_in_seq: 0,
            last_out_seq: None,
            last_out_ts: 0,
            last_out_at: None,
        }
    }

    pub fn clock_rate(&self) -> u32 {
        self.clock_rate
    }

    /// Rebases the offsets so that the packet `(in_seq, in_ts)` of a new
    /// source follows the last packet sent without a gap.
    pub fn switch(&mut self, in_seq: u64, in_ts: u32, now: Instant) {
        // Sequence numbers wrap like everything else here (as RTP's do): a
        // stream that reached u64::MAX continues at 0, it does not panic.
        let next_seq = self
            .last_out_seq
            .map_or(FIRST_OUT_SEQ, |s| s.wrapping_add(1));
        self.seq_offset = next_seq.wrapping_sub(in_seq);
        let next_ts = match self.last_out_at {
            // Advance by the wall time since the last packet, at least one
            // tick, so the receiver's jitter buffer sees time move forward.
            Some(at) => {
                let elapsed = now.saturating_duration_since(at);
                let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
                let ticks = (micros.saturating_mul(u64::from(self.clock_rate)) / 1_000_000).max(1);
                self.last_out_ts.wrapping_add(ticks as u32)
            }
            None => in_ts,
        };
        self.ts_offset = next_ts.wrapping_sub(in_ts);
        self.first_in_seq = in_seq;
    }

    /// Maps an incoming packet of the current source, or `None` to drop it.
    pub fn rewrite(&mut self, in_seq: u64, in_ts: u32, now: Instant) -> Option<(u64, u32)> {
        if in_seq < self.first_in_seq {
            return None;
        }
        let out_seq = in_seq.wrapping_add(self.seq_offset);
        let out_ts = in_ts.wrapping_add(self.ts_offset);
        if self.last_out_seq.is_none_or(|last| out_seq > last) {
            self.last_out_seq = Some(out_seq);
            self.last_out_ts = out_ts;
            self.last_out_at = Some(now);
        }
        Some((out_seq, out_ts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_layer_switch_continues_the_sequence_without_gaps() {
        let t0 = Instant::now();
        let mut r = Rewriter::new(90_000);
        r.switch(5000, 1_000_000, t0);
        assert_eq!(r.rewrite(5000, 1_000_000, t0), Some((1, 1_000_000)));
        assert_eq!(r.rewrite(5001, 1_003_000, t0), Some((2, 1_003_000)));
        // Reordered packet of the same layer keeps its place.
        assert_eq!(r.rewrite(5003, 1_006_000, t0), Some((4, 1_006_000)));
        assert_eq!(r.rewrite(5002, 1_006_000, t0), Some((3, 1_006_000)));

        // Switch to another layer with unrelated numbering, 40 ms later.
        let t1 = t0 + Duration::from_millis(40);
        r.switch(100, 7, t1);
        let (seq, ts) = r.rewrite(100, 7, t1).unwrap();
        assert_eq!(seq, 5);
        assert_eq!(ts, 1_006_000 + 3600);
        // Stale packet of the new layer from before its key frame is dropped.
        assert_eq!(r.rewrite(99, 4, t1), None);
    }

    #[test]
    fn extreme_sequence_numbers_and_gaps_wrap_instead_of_panicking() {
        // Found by fuzzing: a switch after the output reached u64::MAX
        // overflowed.
        let t0 = Instant::now();
        let mut r = Rewriter::new(90_000);
        r.switch(0, 0, t0);
        assert_eq!(r.rewrite(u64::MAX - 1, 0, t0), Some((u64::MAX, 0)));
        let years = t0 + Duration::from_secs(10 * 365 * 24 * 3600);
        r.switch(7, 7, years);
        assert_eq!(r.rewrite(7, 7, years).map(|(seq, _)| seq), Some(0));
    }

    #[test]
    fn sequence_numbers_survive_wrapping_of_the_input() {
        let t0 = Instant::now();
        let mut r = Rewriter::new(48_000);
        r.switch(70_000, u32::MAX - 10, t0);
        assert_eq!(
            r.rewrite(70_000, u32::MAX - 10, t0),
            Some((1, u32::MAX - 10))
        );
        assert_eq!(r.rewrite(70_001, 5, t0), Some((2, 5)));
    }
}
