//! The kernel's arrival stamps on UDP sockets (`SO_TIMESTAMPNS`), for
//! delays that end when a datagram arrived rather than when a busy reader
//! got round to it. Shared by the load generator's receivers and the
//! server's media cores (`media/batch.rs`), which read them per datagram.
//! Linux only.

use std::io;
use std::os::fd::AsFd;
use std::time::{Duration, Instant, SystemTime};

use nix::sys::socket::ControlMessageOwned;

/// Control-message room per datagram for one `SCM_TIMESTAMPNS` (a header
/// and a `timespec`, 32 bytes on 64-bit Linux), with room to spare: a
/// smaller buffer cuts the stamp off and the datagram is dated when read.
pub const CMSG_SPACE: usize = 64;

/// A stamp this much older than the read is taken for a step of the wall
/// clock (the kernel stamps in wall-clock time), not a wait, and the
/// datagram is dated when read. A socket's buffer drains within
/// milliseconds even on a loaded core; 5 s is far past any real wait.
const MAX_PLAUSIBLE_WAIT: Duration = Duration::from_secs(5);

/// Asks the kernel to stamp each datagram `socket` receives with its
/// arrival. Linux turns stamping on a moment after the first socket asks
/// (a deferred switch); until then datagrams come without a stamp.
pub fn enable(socket: &impl AsFd) -> io::Result<()> {
    nix::sys::socket::setsockopt(socket, nix::sys::socket::sockopt::ReceiveTimestampns, &true)
        .map_err(io::Error::from)
}

/// The arrival stamp among a datagram's control messages, if any.
pub fn stamp_of(mut cmsgs: impl Iterator<Item = ControlMessageOwned>) -> Option<SystemTime> {
    cmsgs.find_map(|c| match c {
        ControlMessageOwned::ScmTimestampns(ts) => Some(
            std::time::UNIX_EPOCH
                + Duration::new(
                    u64::try_from(ts.tv_sec()).ok()?,
                    u32::try_from(ts.tv_nsec()).ok()?,
                ),
        ),
        _ => None,
    })
}

/// When a datagram read at `read_at` (monotonic) and `read_wall` (the wall
/// clock, read together with it) arrived: the stamp's age carries it over
/// to the monotonic clock. Without a stamp, or with an implausible one, it
/// is dated when read.
pub fn arrival(stamp: Option<SystemTime>, read_at: Instant, read_wall: SystemTime) -> Instant {
    stamp
        .and_then(|at| read_wall.duration_since(at).ok())
        .filter(|waited| *waited < MAX_PLAUSIBLE_WAIT)
        .and_then(|waited| read_at.checked_sub(waited))
        .unwrap_or(read_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamps_age_dates_the_arrival_and_a_clock_step_does_not() {
        let (read_at, read_wall) = (Instant::now(), SystemTime::now());
        let waited = Duration::from_millis(30);
        assert_eq!(
            arrival(Some(read_wall - waited), read_at, read_wall),
            read_at - waited
        );
        assert_eq!(arrival(None, read_at, read_wall), read_at);
        // The wall clock stepped: a stamp from the "future" or from far in
        // the past is not a wait.
        assert_eq!(
            arrival(Some(read_wall + waited), read_at, read_wall),
            read_at
        );
        assert_eq!(
            arrival(
                Some(read_wall - Duration::from_secs(60)),
                read_at,
                read_wall
            ),
            read_at
        );
    }
}
