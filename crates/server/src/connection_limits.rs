//! How many TCP connections the server holds: per client (see
//! [`ClientKey`]) and in total. A connection is counted from accept until its
//! socket closes, WebSockets included, so one client cannot hold the server's
//! sockets (or its file descriptors) however it behaves. It never touches a
//! socket itself; the listener asks it before serving one.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use crate::client_address::ClientKey;

/// Why a connection was not admitted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refused {
    #[error("this client already holds {0} connections")]
    PerClient(usize),
    #[error("the server already holds {0} connections")]
    Total(usize),
}

pub struct ConnectionLimits {
    max_total: usize,
    max_per_client: usize,
    counts: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    total: usize,
    per_client: HashMap<ClientKey, usize>,
}

/// One admitted connection; dropping it frees its place.
pub struct ConnectionPermit {
    limits: Arc<ConnectionLimits>,
    client: ClientKey,
}

impl ConnectionLimits {
    pub fn new(max_total: usize, max_per_client: usize) -> Arc<Self> {
        Arc::new(Self {
            max_total,
            max_per_client,
            counts: Mutex::new(Counts::default()),
        })
    }

    pub fn try_admit(self: &Arc<Self>, ip: IpAddr) -> Result<ConnectionPermit, Refused> {
        let client = ClientKey::of(ip);
        // A panic elsewhere while holding the lock leaves consistent counts
        // (every update is a single step), so a poisoned lock is still usable.
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if counts.total >= self.max_total {
            return Err(Refused::Total(self.max_total));
        }
        let held = counts.per_client.entry(client).or_insert(0);
        if *held >= self.max_per_client {
            return Err(Refused::PerClient(self.max_per_client));
        }
        *held += 1;
        counts.total += 1;
        Ok(ConnectionPermit {
            limits: Arc::clone(self),
            client,
        })
    }

    #[cfg(test)]
    fn total(&self) -> usize {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
    }
}

impl Drop for ConnectionPermit {
    fn drop(&mut self) {
        let mut counts = self
            .limits
            .counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        counts.total = counts.total.saturating_sub(1);
        if let Some(held) = counts.per_client.get_mut(&self.client) {
            *held = held.saturating_sub(1);
            if *held == 0 {
                // Forget clients without connections, so the table is as
                // big as the number of connected clients, never more.
                counts.per_client.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn one_client_cannot_hold_more_than_its_share() {
        let limits = ConnectionLimits::new(100, 3);
        let held: Vec<_> = (0..3)
            .map(|_| limits.try_admit(ip("192.0.2.1")).unwrap())
            .collect();
        assert_eq!(
            limits.try_admit(ip("192.0.2.1")).err(),
            Some(Refused::PerClient(3))
        );
        assert_eq!(
            limits.try_admit(ip("2001:db8::1")).map(|_| ()).err(),
            None,
            "another client is unaffected"
        );
        drop(held);
        assert!(limits.try_admit(ip("192.0.2.1")).is_ok(), "places free up");
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_slash_64() {
        let limits = ConnectionLimits::new(100, 2);
        let _a = limits.try_admit(ip("2001:db8:0:1::1")).unwrap();
        let _b = limits.try_admit(ip("2001:db8:0:1::2")).unwrap();
        assert_eq!(
            limits.try_admit(ip("2001:db8:0:1::3")).err(),
            Some(Refused::PerClient(2))
        );
    }

    #[test]
    fn the_total_cap_holds_across_clients_and_frees_on_close() {
        let limits = ConnectionLimits::new(4, 2);
        let held: Vec<_> = ["192.0.2.1", "192.0.2.1", "192.0.2.2", "192.0.2.3"]
            .iter()
            .map(|a| limits.try_admit(ip(a)).unwrap())
            .collect();
        assert_eq!(
            limits.try_admit(ip("192.0.2.4")).err(),
            Some(Refused::Total(4))
        );
        assert_eq!(limits.total(), 4);
        drop(held);
        assert_eq!(limits.total(), 0);
        assert!(limits.counts.lock().unwrap().per_client.is_empty());
    }
}
