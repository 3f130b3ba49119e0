use std::collections::VecDeque;
use std::iter::Sum;
use std::ops::{AddAssign, SubAssign};
use std::time::{Duration, Instant};

/// Holds a history values of type T for up to a certain Duration, as well as the
/// cumulated (total) value.
#[derive(Debug)]
pub(crate) struct ValueHistory<T> {
    value: T,
    history: VecDeque<(Instant, T)>,
    max_time: Duration,
}

const DEFAULT_VALUE_HISTORY_DURATION: Duration = Duration::from_secs(1);

/// Conclave patch: a value pushed within this long of the newest entry is
/// added to it, so a history holds at most about 20 entries a second rather
/// than one per packet (a video stream's resend ratio keeps two of them,
/// sent and resent bytes; 45-90 entries of 24 bytes a second, per stream
/// per receiver, before). An entry is purged by its first value's time, so
/// the window may end up to this much early, no later: the resend ratio it
/// feeds is re-evaluated only every 50 ms anyway.
const GRANULE: Duration = Duration::from_millis(50);

impl<T: Default> Default for ValueHistory<T> {
    fn default() -> Self {
        Self {
            value: Default::default(),
            history: Default::default(),
            max_time: DEFAULT_VALUE_HISTORY_DURATION,
        }
    }
}

impl<T> ValueHistory<T>
where
    T: Copy + AddAssign + SubAssign + Sum,
{
    /// Adds a timed value
    /// Note: time should always monotonically increase in subsequent calls to add()
    pub fn push(&mut self, t: Instant, v: T) {
        self.value += v;
        if let Some((last_t, last_v)) = self.history.back_mut()
            && t.saturating_duration_since(*last_t) < GRANULE
        {
            *last_v += v;
            return;
        }
        self.history.push_back((t, v));
    }

    /// Returns the sum of all values in the history up to max_time. Might
    /// return stale value unless [`ValueHistory::purge_old`] is called before.
    pub fn sum(&self) -> T {
        self.value
    }

    /// Recalculates sum purging values older than `now - max_time`.
    pub fn purge_old(&mut self, now: Instant) {
        while {
            let Some(front_t) = self.history.front().map(|v| v.0) else {
                return;
            };
            now.duration_since(front_t) > self.max_time
        } {
            if let Some((_, v)) = self.history.pop_front() {
                self.value -= v;
            }
        }
    }
}

#[allow(clippy::unchecked_time_subtraction)]
#[cfg(test)]
mod test {
    use std::time::{Duration, Instant};

    use super::ValueHistory;

    #[test]
    fn with_value_test() {
        let now = Instant::now();

        let mut h = ValueHistory {
            value: 11,
            max_time: Duration::from_secs(1),
            ..Default::default()
        };

        assert_eq!(h.sum(), 11);
        h.purge_old(now);
        assert_eq!(h.sum(), 11);
        h.push(now - Duration::from_millis(1500), 22);
        h.push(now - Duration::from_millis(500), 22);
        assert_eq!(h.sum(), 11 + 22 + 22);
        h.purge_old(now);
        assert_eq!(h.sum(), 11 + 22);
        h.push(now, 0);
        assert_eq!(h.sum(), 11 + 22);
    }

    #[test]
    fn test() {
        let now = Instant::now();
        let mut h = ValueHistory::default();

        assert_eq!(h.sum(), 0);
        h.push(now - Duration::from_millis(1500), 22);
        assert_eq!(h.sum(), 22);
        h.purge_old(now);
        assert_eq!(h.sum(), 0);
        h.push(now - Duration::from_millis(700), 22);
        h.push(now - Duration::from_millis(500), 33);
        assert_eq!(h.sum(), 22 + 33);
        h.purge_old(now);
        assert_eq!(h.sum(), 22 + 33);

        h.purge_old(now + Duration::from_millis(400));
        assert_eq!(h.sum(), 33);
        h.purge_old(now + Duration::from_millis(600));
        assert_eq!(h.sum(), 0);
    }

    /// Conclave patch: values close together share an entry, and the sum
    /// is the same.
    #[test]
    fn values_within_a_granule_share_an_entry() {
        let now = Instant::now();
        let mut h = ValueHistory::default();
        for i in 0..100u64 {
            h.push(now + Duration::from_millis(i * 10), 1);
        }
        assert_eq!(h.sum(), 100);
        assert_eq!(h.history.len(), 20, "one entry per 50 ms");
        h.purge_old(now + Duration::from_millis(1_495));
        assert_eq!(h.sum(), 50, "the first half second has gone");
    }
}
