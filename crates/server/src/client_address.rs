//! Who counts as one client for rate limits and connection caps: an IPv4
//! address, or an IPv6 /64 prefix. It never decides anything itself.

use std::net::{IpAddr, Ipv6Addr};

/// The part of a client's address that limits are kept by.
///
/// One IPv6 subscriber is handed at least a /64 (RFC 6177 recommends more),
/// so it can use 2^64 addresses at will: counting per exact IPv6 address
/// would give every such client unlimited budgets. Counting per /64 puts
/// everything one subscriber owns in one bucket. IPv4 stays per address:
/// neighbours in an IPv4 /24 are usually different people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientKey(IpAddr);

/// The prefix length an IPv6 client is counted by (see [`ClientKey`]).
const IPV6_CLIENT_PREFIX: u32 = 64;

impl ClientKey {
    pub fn of(ip: IpAddr) -> Self {
        // A dual-stack listener sees IPv4 clients as `::ffff:a.b.c.d`; those
        // must count per IPv4 address, not share one /64 with all of IPv4.
        match ip.to_canonical() {
            IpAddr::V4(v4) => ClientKey(IpAddr::V4(v4)),
            IpAddr::V6(v6) => {
                let mask = u128::MAX << (128 - IPV6_CLIENT_PREFIX);
                ClientKey(IpAddr::V6(Ipv6Addr::from_bits(v6.to_bits() & mask)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> ClientKey {
        ClientKey::of(s.parse().unwrap())
    }

    #[test]
    fn ipv6_addresses_in_one_slash_64_are_one_client() {
        assert_eq!(
            key("2001:db8:1:2::1"),
            key("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
    }

    #[test]
    fn ipv4_addresses_are_clients_of_their_own_even_when_mapped_to_ipv6() {
        assert_ne!(key("192.0.2.1"), key("192.0.2.2"));
        assert_eq!(key("::ffff:192.0.2.1"), key("192.0.2.1"));
        assert_ne!(key("::ffff:192.0.2.1"), key("::ffff:192.0.2.2"));
    }
}
