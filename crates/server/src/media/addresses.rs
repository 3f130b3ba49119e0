//! Where the media sockets bind and which addresses they advertise.
//!
//! With `--public-ip` the operator has said where clients reach this
//! machine (perhaps a NAT's address, not local at all): one socket, that
//! one address. Without it, the server offers every address of its own,
//! one socket each, so that a browser finds one it will pair with: stock
//! Firefox gathers no loopback candidate and will not pair its LAN address
//! with a server's 127.0.0.1, while Chromium on the same machine will. HTTP
//! stays where `--listen` put it; only media is reachable on the host's
//! addresses, and media needs the ICE credentials that only signaling hands
//! out.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// One media socket: where it binds, and the address clients are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaBinding {
    pub bind: SocketAddr,
    pub advertise: IpAddr,
}

/// Most sockets opened for the host's own addresses. Each is one more
/// candidate in every offer and one more socket to poll; a host with more
/// addresses than this (container bridges, many VLANs) should name the one
/// clients use with `--public-ip`.
const MAX_HOST_ADDRESSES: usize = 8;

/// The media sockets for a server listening on `listen`.
///
/// - `public_ip` given: one socket, on that address when HTTP listens on a
///   specific one (so a loopback-only server stays loopback-only), else on
///   all interfaces.
/// - none given: one socket per address of this host (`host`), the listen
///   address first when it is specific. IPv6 is offered when HTTP listens
///   on IPv6; link-local addresses never (they need a scope id no browser
///   candidate carries).
pub fn plan(
    listen: IpAddr,
    public_ip: Option<IpAddr>,
    port: u16,
    host: &[IpAddr],
) -> Vec<MediaBinding> {
    if let Some(public_ip) = public_ip {
        let bind = if listen.is_unspecified() {
            listen
        } else {
            public_ip
        };
        return vec![MediaBinding {
            bind: SocketAddr::new(bind, port),
            advertise: public_ip,
        }];
    }
    let mut chosen: Vec<IpAddr> = Vec::new();
    if !listen.is_unspecified() {
        chosen.push(listen);
    }
    for &ip in host {
        if chosen.len() >= MAX_HOST_ADDRESSES {
            break;
        }
        if usable(ip, listen) && !chosen.contains(&ip) {
            chosen.push(ip);
        }
    }
    chosen
        .into_iter()
        .map(|ip| MediaBinding {
            bind: SocketAddr::new(ip, port),
            advertise: ip,
        })
        .collect()
}

fn usable(ip: IpAddr, listen: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !v4.is_unspecified() && !v4.is_link_local() && !v4.is_multicast(),
        IpAddr::V6(v6) => {
            listen.is_ipv6()
                && !v6.is_unspecified()
                && !v6.is_multicast()
                && !v6.is_unicast_link_local()
        }
    }
}

/// This host's addresses, as the OS lists them (none if it cannot).
pub fn of_this_host() -> Vec<IpAddr> {
    match if_addrs::get_if_addrs() {
        Ok(interfaces) => interfaces.into_iter().map(|i| i.ip()).collect(),
        Err(e) => {
            tracing::warn!("listing this host's addresses failed: {e}");
            Vec::new()
        }
    }
}

/// The address to show in "Open http://…" when HTTP listens on every
/// interface: the first media address another machine could reach.
pub fn shown(advertised: &[IpAddr]) -> IpAddr {
    advertised
        .iter()
        .find(|ip| !ip.is_loopback())
        .or(advertised.first())
        .copied()
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// Loopback addresses, for a host whose own list came back empty.
pub const LOOPBACK: [IpAddr; 2] = [
    IpAddr::V4(Ipv4Addr::LOCALHOST),
    IpAddr::V6(Ipv6Addr::LOCALHOST),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn advertised(b: &[MediaBinding]) -> Vec<String> {
        b.iter().map(|b| b.bind.to_string()).collect()
    }

    const HOST: [&str; 5] = ["127.0.0.1", "192.168.1.20", "169.254.3.4", "::1", "fe80::1"];

    fn host() -> Vec<IpAddr> {
        HOST.iter().map(|s| ip(s)).collect()
    }

    #[test]
    fn a_loopback_server_also_offers_its_lan_address_for_firefox() {
        let b = plan(ip("127.0.0.1"), None, 40000, &host());
        assert_eq!(
            advertised(&b),
            ["127.0.0.1:40000", "192.168.1.20:40000"],
            "loopback first, the LAN address, no link-local, no IPv6 on an IPv4 listener"
        );
        assert!(b.iter().all(|b| b.bind.ip() == b.advertise));
    }

    #[test]
    fn every_interface_without_public_ip_offers_the_hosts_addresses() {
        let b = plan(ip("0.0.0.0"), None, 0, &host());
        assert_eq!(advertised(&b), ["127.0.0.1:0", "192.168.1.20:0"]);
        let ips: Vec<IpAddr> = b.iter().map(|b| b.advertise).collect();
        assert_eq!(shown(&ips), ip("192.168.1.20"));
        let v6 = plan(ip("::"), None, 0, &host());
        assert!(advertised(&v6).contains(&"[::1]:0".to_owned()));
        assert!(!advertised(&v6).iter().any(|a| a.contains("fe80")));
    }

    #[test]
    fn a_public_ip_is_the_one_address_offered() {
        let behind_nat = plan(ip("0.0.0.0"), Some(ip("192.0.2.7")), 40000, &host());
        assert_eq!(
            behind_nat,
            [MediaBinding {
                bind: "0.0.0.0:40000".parse().unwrap(),
                advertise: ip("192.0.2.7"),
            }]
        );
        let loopback_only = plan(ip("127.0.0.1"), Some(ip("127.0.0.1")), 0, &host());
        assert_eq!(advertised(&loopback_only), ["127.0.0.1:0"]);
    }

    #[test]
    fn a_host_with_many_addresses_offers_a_bounded_few() {
        let many: Vec<IpAddr> = (1..=50).map(|i| ip(&format!("10.0.{i}.1"))).collect();
        assert_eq!(
            plan(ip("127.0.0.1"), None, 0, &many).len(),
            MAX_HOST_ADDRESSES
        );
    }
}
