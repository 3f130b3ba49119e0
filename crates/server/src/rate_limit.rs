//! Rate limits on everything guessable or costly: creating meetings, looking
//! meetings up (pages and sockets), and messages on one socket. Each client
//! (an IPv4 address or an IPv6 /64, see [`ClientKey`]) has its own budget,
//! and all clients together share a global one, so many addresses cannot add
//! up to unlimited work.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::client_address::ClientKey;

/// Whose budget ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exhausted {
    /// This client's own budget.
    Client,
    /// The budget all clients share.
    Server,
}

#[derive(Clone)]
pub struct Limits {
    create: Arc<DefaultKeyedRateLimiter<ClientKey>>,
    lookup: Arc<DefaultKeyedRateLimiter<ClientKey>>,
    create_total: Arc<DefaultDirectRateLimiter>,
    lookup_total: Arc<DefaultDirectRateLimiter>,
    signin: Arc<DefaultKeyedRateLimiter<ClientKey>>,
    signin_name: Arc<DefaultKeyedRateLimiter<String>>,
    signin_total: Arc<DefaultDirectRateLimiter>,
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
            // few lookups. 60 a minute per client makes guessing 128-bit ids
            // hopeless (it already was) and scanning for them expensive, while
            // a whole school behind one NAT address can still join a class.
            lookup: Arc::new(RateLimiter::keyed(quota(60, 120))),
            // All clients together: a whole staff creating the day's meetings
            // at 8:55 fits in the burst of 120, then one a second. Many
            // addresses (a botnet, or anyone with IPv6 /64s to spare) can
            // then add at most ~86,000 rows a day, a few MB, instead of
            // filling the disk; the price is that such a flood delays
            // everyone's creates, which is better than losing the server.
            create_total: Arc::new(RateLimiter::direct(quota(60, 120))),
            // All clients together: 300 people opening their links in the
            // same minute (about four lookups each) fit in the burst of 1,200,
            // then 10 a second; a scan from many addresses is held to that
            // rate too. A flood makes joins wait for the budget to refill,
            // which is the trade for bounding the work.
            lookup_total: Arc::new(RateLimiter::direct(quota(600, 1200))),
            // Sign-in attempts from one client: a person mistyping a
            // password a few times never waits; a guesser gets 5 a minute,
            // 7,200 a day, hopeless against any real password.
            signin: Arc::new(RateLimiter::keyed(quota(5, 10))),
            // Attempts at one user name, from anywhere: guessing one
            // organiser's password from many addresses is held to the same
            // rate. The price: someone flooding a name slows that
            // organiser's own sign-in while the flood lasts (it never
            // locks the account beyond that).
            signin_name: Arc::new(RateLimiter::keyed(quota(5, 10))),
            // All sign-ins together. Each costs an argon2id check (19 MiB,
            // tens of ms of one core); 60 a minute with a burst of 30 is
            // a whole staff signing in at 8:55, and at most a second of CPU
            // a second under a flood from many addresses.
            signin_total: Arc::new(RateLimiter::direct(quota(60, 30))),
        }
    }

    /// A sign-in attempt from `ip` for the user `name` (whether or not
    /// such a user exists, so the limit says nothing about that).
    pub fn allow_signin(&self, ip: IpAddr, name: &str) -> Result<(), Exhausted> {
        self.signin
            .check_key(&ClientKey::of(ip))
            .map_err(|_| Exhausted::Client)?;
        self.signin_name
            .check_key(&name.to_lowercase())
            .map_err(|_| Exhausted::Client)?;
        self.signin_total.check().map_err(|_| Exhausted::Server)
    }

    pub fn allow_create(&self, ip: IpAddr) -> Result<(), Exhausted> {
        Self::allow(&self.create, &self.create_total, ip)
    }

    pub fn allow_lookup(&self, ip: IpAddr) -> Result<(), Exhausted> {
        Self::allow(&self.lookup, &self.lookup_total, ip)
    }

    /// The client's budget is asked first, so a client that is over its own
    /// limit spends nothing of the budget everyone shares.
    fn allow(
        per_client: &DefaultKeyedRateLimiter<ClientKey>,
        total: &DefaultDirectRateLimiter,
        ip: IpAddr,
    ) -> Result<(), Exhausted> {
        per_client
            .check_key(&ClientKey::of(ip))
            .map_err(|_| Exhausted::Client)?;
        total.check().map_err(|_| Exhausted::Server)
    }

    /// Forgets idle clients so the tables do not grow without bound.
    pub fn housekeeping(&self) {
        self.create.retain_recent();
        self.lookup.retain_recent();
        self.signin.retain_recent();
        self.signin_name.retain_recent();
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

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn creating_meetings_is_limited_per_address() {
        let limits = Limits::new();
        let a = ip("192.0.2.1");
        let allowed = (0..100).filter(|_| limits.allow_create(a).is_ok()).count();
        assert_eq!(allowed, 20, "the burst, then nothing");
        assert_eq!(limits.allow_create(a), Err(Exhausted::Client));
        assert_eq!(
            limits.allow_create(ip("192.0.2.2")),
            Ok(()),
            "other addresses are unaffected"
        );
    }

    #[test]
    fn ipv6_addresses_in_one_slash_64_share_a_budget() {
        let limits = Limits::new();
        let allowed = (0..200u16)
            .filter(|i| {
                let addr = ip(&format!("2001:db8:7:7::{i:x}"));
                limits.allow_lookup(addr).is_ok()
            })
            .count();
        assert_eq!(allowed, 120, "one /64 gets one client's burst");
        assert_eq!(limits.allow_lookup(ip("2001:db8:7:8::1")), Ok(()));
    }

    #[test]
    fn sign_in_is_limited_per_address_and_per_user_name() {
        let limits = Limits::new();
        let a = ip("192.0.2.1");
        let allowed = (0..50)
            .filter(|i| limits.allow_signin(a, &format!("user{i}")).is_ok())
            .count();
        assert_eq!(allowed, 10, "one address, many names");
        let allowed = (0..50u8)
            .filter(|i| {
                limits
                    .allow_signin(ip(&format!("198.51.100.{i}")), "Ada")
                    .is_ok()
            })
            .count();
        assert_eq!(allowed, 10, "one name, many addresses");
        assert_eq!(
            limits.allow_signin(ip("198.51.100.200"), "ADA"),
            Err(Exhausted::Client),
            "names count regardless of case"
        );
        assert_eq!(limits.allow_signin(ip("198.51.100.200"), "Bob"), Ok(()));
    }

    #[test]
    fn many_addresses_together_run_into_the_global_budget() {
        let limits = Limits::new();
        let created = (0..50u8)
            .flat_map(|a| (0..20).map(move |_| a))
            .filter(|a| limits.allow_create(ip(&format!("198.51.100.{a}"))).is_ok())
            .count();
        assert_eq!(created, 120, "the global burst, not 50 × 20");
        assert_eq!(
            limits.allow_create(ip("203.0.113.1")),
            Err(Exhausted::Server),
            "a fresh address is told the server is busy"
        );
        let looked_up = (0..50u8)
            .flat_map(|a| (0..120).map(move |_| a))
            .filter(|a| limits.allow_lookup(ip(&format!("198.51.100.{a}"))).is_ok())
            .count();
        assert_eq!(looked_up, 1200, "the global burst, not 50 × 120");
    }
}
