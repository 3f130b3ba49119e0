//! When a meeting stops opening and when its row is deleted: decisions on
//! times passed in, so tests need no clock.

use std::time::Duration;

use super::{MeetingTimes, UnixTime};

/// A meeting nobody joined for this long ends by itself. 30 days keeps a
/// weekly or monthly meeting's link working between uses, while a link
/// forgotten in an old e-mail stops opening within a month.
pub const DEFAULT_MEETING_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

/// How long an ended meeting's row and audit log are kept before the
/// housekeeping task deletes them. 7 days leaves an operator a week to look
/// into what happened in a meeting; longer keeps more metadata about who met
/// when, which is exactly what should not pile up.
pub const DEFAULT_MEETING_RETENTION: Duration = Duration::from_secs(7 * 24 * 3600);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetime {
    /// Since creation or the last join or leave.
    pub ttl: Duration,
    /// After the end, before deletion.
    pub retention: Duration,
}

impl Default for Lifetime {
    fn default() -> Self {
        Self {
            ttl: DEFAULT_MEETING_TTL,
            retention: DEFAULT_MEETING_RETENTION,
        }
    }
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

impl Lifetime {
    /// Whether a meeting's link opens anything at `now`: not ended by a
    /// host, and used within the lifetime.
    pub fn is_open(&self, times: &MeetingTimes, now: UnixTime) -> bool {
        times.ended_at.is_none() && now < self.expires_at(times.last_used_at)
    }

    /// When a meeting last used at `last_used` ends by itself.
    pub fn expires_at(&self, last_used: UnixTime) -> UnixTime {
        last_used.saturating_add(secs(self.ttl))
    }

    /// Meetings last used at or before this are expired at `now`.
    pub fn unused_since(&self, now: UnixTime) -> UnixTime {
        now.saturating_sub(secs(self.ttl))
    }

    /// Meetings ended at or before this are deleted at `now`.
    pub fn delete_ended_before(&self, now: UnixTime) -> UnixTime {
        now.saturating_sub(secs(self.retention))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 3600;

    fn times(created: i64, used: i64, ended: Option<i64>) -> MeetingTimes {
        MeetingTimes {
            created_at: created,
            last_used_at: used,
            ended_at: ended,
        }
    }

    #[test]
    fn a_meeting_opens_until_its_lifetime_after_the_last_use() {
        let l = Lifetime::default();
        let t = times(1_000, 1_000, None);
        assert!(l.is_open(&t, 1_000));
        assert!(l.is_open(&t, 1_000 + 30 * DAY - 1));
        assert!(!l.is_open(&t, 1_000 + 30 * DAY));
        let used_later = times(1_000, 1_000 + 20 * DAY, None);
        assert!(l.is_open(&used_later, 1_000 + 40 * DAY), "a join renews it");
    }

    #[test]
    fn an_ended_meeting_never_opens_again() {
        let l = Lifetime::default();
        assert!(!l.is_open(&times(1_000, 1_000, Some(1_001)), 1_002));
    }

    #[test]
    fn cutoffs_for_expiry_and_deletion() {
        let l = Lifetime {
            ttl: Duration::from_secs(10),
            retention: Duration::from_secs(100),
        };
        assert_eq!(l.unused_since(1_000), 990);
        assert_eq!(l.delete_ended_before(1_000), 900);
        assert_eq!(l.expires_at(i64::MAX), i64::MAX, "no overflow");
    }
}
