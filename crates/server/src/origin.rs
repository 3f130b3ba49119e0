//! Which web pages may drive this server from a visitor's browser: its own
//! pages, and the configured public origin (for a reverse proxy that changes
//! the scheme or the Host). Browsers name the page behind every WebSocket
//! and every `POST` in the `Origin` header; a request without one does not
//! come from a web page (the native client, curl) and is not refused here.
//! This module only decides; the routes turn a refusal into a response.

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
        let mut values = headers.get_all(header::ORIGIN).iter();
        let Some(value) = values.next() else {
            return Ok(());
        };
        if values.next().is_some() {
            return Err(CrossOrigin);
        }
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
}
