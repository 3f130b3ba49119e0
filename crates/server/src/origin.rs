//! Which web pages may drive this server from a visitor's browser: its own
//! pages, and the configured public origin (for a reverse proxy that changes
//! the scheme or the Host). Browsers name the page behind every WebSocket
//! and every `POST` in the `Origin` header; a request without one does not
//! come from a web page (the native client, curl) and is not refused here.
//! Over plain HTTP, the `Host` a request names must also be one this server
//! answers to, which is what stops a page that rebinds its own name to this
//! server. This module only decides; the routes turn a refusal into a
//! response.

use axum::http::header::{self, HeaderMap};
use axum::http::uri::Authority;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scheme {
    Http,
    Https,
}

impl Scheme {
    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// A web origin, normalised: lower-case host, explicit port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    scheme: Scheme,
    host: String,
    port: u16,
}

impl Origin {
    /// Parses `scheme://host[:port]` as browsers send it. Anything else
    /// (`null`, a path, user info, another scheme) is not an origin this
    /// server can be, so it is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let (scheme, authority) = text.split_once("://")?;
        let scheme = if scheme.eq_ignore_ascii_case("http") {
            Scheme::Http
        } else if scheme.eq_ignore_ascii_case("https") {
            Scheme::Https
        } else {
            return None;
        };
        Self::from_authority(scheme, authority)
    }

    /// Whether pages of this origin are served over TLS.
    pub fn is_https(&self) -> bool {
        self.scheme == Scheme::Https
    }

    fn from_authority(scheme: Scheme, authority: &str) -> Option<Self> {
        if authority.is_empty() || authority.contains(['/', '?', '#', '@']) {
            return None;
        }
        let authority: Authority = authority.parse().ok()?;
        Some(Origin {
            scheme,
            host: authority.host().to_ascii_lowercase(),
            port: authority.port_u16().unwrap_or(scheme.default_port()),
        })
    }
}

/// The request came from a page of another site (or named no page we could
/// read), so it is refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("cross-site request refused: this server only accepts requests from its own pages")]
pub struct CrossOrigin;

#[derive(Clone, Debug)]
pub struct OriginPolicy {
    scheme: Scheme,
    public: Option<Origin>,
}

impl OriginPolicy {
    /// `tls` is whether this server itself speaks HTTPS: its own pages then
    /// have an `https` origin.
    pub fn new(tls: bool, public: Option<Origin>) -> Self {
        Self {
            scheme: if tls { Scheme::Https } else { Scheme::Http },
            public,
        }
    }

    pub fn check(&self, headers: &HeaderMap) -> Result<(), CrossOrigin> {
        let Some(value) = single(headers, header::ORIGIN).map_err(|()| CrossOrigin)? else {
            return Ok(());
        };
        let origin = value
            .to_str()
            .ok()
            .and_then(Origin::parse)
            .ok_or(CrossOrigin)?;
        if self.public.as_ref() == Some(&origin) {
            return Ok(());
        }
        // The page's origin must be the very address the browser is talking
        // to: the Host it sent, on this server's scheme.
        let own = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| Origin::from_authority(self.scheme, h));
        if own == Some(origin) {
            Ok(())
        } else {
            Err(CrossOrigin)
        }
    }
}

/// The header's one value, `None` when absent; sent twice, it is refused
/// (which of the two a proxy or the browser meant cannot be known).
fn single(
    headers: &HeaderMap,
    name: header::HeaderName,
) -> Result<Option<&axum::http::HeaderValue>, ()> {
    let mut values = headers.get_all(name).iter();
    let first = values.next();
    if values.next().is_some() {
        return Err(());
    }
    Ok(first)
}

/// A host name this server answers to over plain HTTP, normalised: lower
/// case, no trailing dot, no port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostName(String);

impl HostName {
    /// Parses a bare DNS name as an operator writes it (`meet.school.lan`).
    /// Ports, schemes, paths and IP addresses are refused: addresses are
    /// always accepted, and a port would not change what a page can rebind.
    pub fn parse(text: &str) -> Option<Self> {
        let name = normalise(text)?;
        let labels_ok = name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        if !labels_ok || name.len() > 253 || is_address(&name) {
            return None;
        }
        Some(HostName(name))
    }
}

fn normalise(host: &str) -> Option<String> {
    let host = host.strip_suffix('.').unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn is_address(host: &str) -> bool {
    host.parse::<std::net::Ipv4Addr>().is_ok()
        || host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .is_some_and(|h| h.parse::<std::net::Ipv6Addr>().is_ok())
}

/// The request named a host this server was not told it is: refused, so a
/// page cannot point its own name at this server and read it (DNS
/// rebinding).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "this server does not answer to that host name over plain HTTP: use its IP address, \
     or its operator adds the name with --allowed-host"
)]
pub struct UnknownHost;

/// Which `Host` a plain-HTTP request may name. A hostile page can make its
/// own name resolve to this server (DNS rebinding, the classic attack on a
/// server on loopback or an intranet); the browser then treats this
/// server's answers as that page's own, and the `Origin` check passes,
/// since page and Host name the same site. The name in `Host` is what gives
/// it away. Over HTTPS the certificate already binds the name (the browser
/// refuses the attacker's name before any request), so any Host passes.
#[derive(Clone, Debug)]
pub struct HostPolicy {
    /// `None`: the server speaks TLS, so the name is checked by then.
    names: Option<Vec<HostName>>,
}

impl HostPolicy {
    /// Plain HTTP answers to IP addresses, `localhost` (and names under
    /// it, which browsers resolve to loopback themselves), the public
    /// origin's host and `allowed`.
    pub fn new(tls: bool, public: Option<&Origin>, allowed: &[HostName]) -> Self {
        if tls {
            return Self { names: None };
        }
        let mut names: Vec<HostName> = allowed.to_vec();
        if let Some(name) = public.and_then(|o| HostName::parse(&o.host)) {
            names.push(name);
        }
        Self { names: Some(names) }
    }

    pub fn check(&self, headers: &HeaderMap) -> Result<(), UnknownHost> {
        let Some(names) = &self.names else {
            return Ok(());
        };
        // HTTP/1.0 clients and HTTP/2 (`:authority`) may send no Host;
        // browsers always do over HTTP/1.1, which is what this serves.
        let Some(value) = single(headers, header::HOST).map_err(|()| UnknownHost)? else {
            return Ok(());
        };
        let host = value
            .to_str()
            .ok()
            .filter(|h| !h.contains('@'))
            .and_then(|h| h.parse::<Authority>().ok())
            .and_then(|a| normalise(a.host()))
            .ok_or(UnknownHost)?;
        let known = is_address(&host)
            || host == "localhost"
            || host.ends_with(".localhost")
            || names.iter().any(|n| n.0 == host);
        if known { Ok(()) } else { Err(UnknownHost) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        h
    }

    #[test]
    fn requests_without_an_origin_are_not_from_a_web_page_and_pass() {
        let policy = OriginPolicy::new(false, None);
        assert_eq!(
            policy.check(&headers(&[("host", "127.0.0.1:8080")])),
            Ok(())
        );
        assert_eq!(policy.check(&headers(&[])), Ok(()));
    }

    #[test]
    fn the_servers_own_pages_pass_with_default_ports_and_any_case() {
        let plain = OriginPolicy::new(false, None);
        let h = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert_eq!(plain.check(&h), Ok(()));
        let h = headers(&[
            ("host", "Meet.Example.org"),
            ("origin", "http://meet.example.org:80"),
        ]);
        assert_eq!(plain.check(&h), Ok(()));
        let h = headers(&[("host", "[::1]:8080"), ("origin", "http://[::1]:8080")]);
        assert_eq!(plain.check(&h), Ok(()));
        let tls = OriginPolicy::new(true, None);
        let h = headers(&[
            ("host", "meet.example.org"),
            ("origin", "https://meet.example.org"),
        ]);
        assert_eq!(tls.check(&h), Ok(()));
    }

    #[test]
    fn other_sites_schemes_ports_and_opaque_origins_are_refused() {
        let plain = OriginPolicy::new(false, None);
        for origin in [
            "http://evil.example",
            "https://127.0.0.1:8080",
            "http://127.0.0.1:8081",
            "http://127.0.0.1",
            "null",
            "file://",
            "http://127.0.0.1:8080/path",
            "http://user@127.0.0.1:8080",
        ] {
            let h = headers(&[("host", "127.0.0.1:8080"), ("origin", origin)]);
            assert_eq!(plain.check(&h), Err(CrossOrigin), "{origin}");
        }
        let no_host = headers(&[("origin", "http://127.0.0.1:8080")]);
        assert_eq!(plain.check(&no_host), Err(CrossOrigin));
        let twice = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert_eq!(plain.check(&twice), Err(CrossOrigin));
    }

    #[test]
    fn a_configured_public_origin_passes_behind_a_proxy() {
        let public = Origin::parse("https://meet.example.org").unwrap();
        let policy = OriginPolicy::new(false, Some(public));
        let h = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "https://meet.example.org"),
        ]);
        assert_eq!(policy.check(&h), Ok(()));
        let h = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "https://evil.example"),
        ]);
        assert_eq!(policy.check(&h), Err(CrossOrigin));
    }

    #[test]
    fn plain_http_answers_to_addresses_localhost_and_named_hosts_only() {
        let allowed = [HostName::parse("Meet.School.lan.").unwrap()];
        let public = Origin::parse("https://meet.example.org").unwrap();
        let policy = HostPolicy::new(false, Some(&public), &allowed);
        for host in [
            "127.0.0.1:8080",
            "10.1.2.3",
            "[::1]:8080",
            "[fe80::1]",
            "localhost:8080",
            "LocalHost.",
            "app.localhost:8080",
            "meet.school.lan:8080",
            "MEET.SCHOOL.LAN.",
            "meet.example.org",
        ] {
            assert_eq!(policy.check(&headers(&[("host", host)])), Ok(()), "{host}");
        }
        for host in [
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "school.lan",
            "meet.school.lan.evil.example",
            "",
            "user@127.0.0.1",
        ] {
            assert_eq!(
                policy.check(&headers(&[("host", host)])),
                Err(UnknownHost),
                "{host}"
            );
        }
        let twice = headers(&[("host", "127.0.0.1"), ("host", "evil.example")]);
        assert_eq!(policy.check(&twice), Err(UnknownHost));
        assert_eq!(
            policy.check(&headers(&[])),
            Ok(()),
            "no Host: not a browser"
        );
    }

    #[test]
    fn over_tls_the_certificate_binds_the_name_and_any_host_passes() {
        let policy = HostPolicy::new(true, None, &[]);
        assert_eq!(
            policy.check(&headers(&[("host", "meet.example.org")])),
            Ok(())
        );
    }

    #[test]
    fn allowed_host_names_are_bare_dns_names() {
        assert_eq!(
            HostName::parse("Meet.School.LAN."),
            Some(HostName("meet.school.lan".into()))
        );
        for bad in [
            "",
            ".",
            "meet.school.lan:8080",
            "http://meet.school.lan",
            "meet..lan",
            "127.0.0.1",
            "[::1]",
            "meet/school",
            "me et",
        ] {
            assert_eq!(HostName::parse(bad), None, "{bad:?}");
        }
    }
}
