//! Per-client-address rate limits on everything guessable or costly:
//! creating meetings, looking meetings up (pages and sockets), and messages
//! on one socket.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

#[derive(Clone)]
pub struct Limits {
    create: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    lookup: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

fn quota(per_minute: u32, burst: u32) -> Quota {
    let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(per_minute).allow_burst(burst)
}

impl Limits {
    pub fn new() -> Self {
        Self {
            // A teacher setting up a week of classes makes a handful; 10 a
            // minute with a burst of 20 never gets in their way but stops a
            // script from filling the database.
            create: Arc::new(RateLimiter::keyed(quota(10, 20))),
            // Opening a link (page, then socket, then maybe a reload) costs a
            // few lookups. 60 a minute per address makes guessing 128-bit ids
            // hopeless (it already was) and scanning for them expensive, while
            // a whole school behind one NAT address can still join a class.
            lookup: Arc::new(RateLimiter::keyed(quota(60, 120))),
        }
    }

    pub fn allow_create(&self, ip: IpAddr) -> bool {
        self.create.check_key(&ip).is_ok()
    }

    pub fn allow_lookup(&self, ip: IpAddr) -> bool {
        self.lookup.check_key(&ip).is_ok()
    }

    /// Forgets idle addresses so the tables do not grow without bound.
    pub fn housekeeping(&self) {
        self.create.retain_recent();
        self.lookup.retain_recent();
    }
}

/// Messages on one signaling socket. A client sends a few per second at most
/// (pings, sizes, renegotiations); 20/s with a burst of 60 leaves room for a
/// burst of tile resizes while stopping a socket from pinning a core.
pub fn per_socket() -> governor::DefaultDirectRateLimiter {
    RateLimiter::direct(
        Quota::per_second(NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(60).unwrap_or(NonZeroU32::MIN)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creating_meetings_is_limited_per_address() {
        let limits = Limits::new();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let allowed = (0..100).filter(|_| limits.allow_create(a)).count();
        assert_eq!(allowed, 20, "the burst, then nothing");
        assert!(limits.allow_create(b), "other addresses are unaffected");
    }
}
