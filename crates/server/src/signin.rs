//! Organisers signing in and out over HTTP: the session cookie, the sign-in
//! form's endpoint, and who the caller is. Password and token rules are in
//! `accounts.rs`; the rows in the store.
//!
//! CSRF: every state-changing request here (and `POST /api/meetings`) is
//! refused when its `Origin` names another site (`OriginPolicy::check`),
//! and the session cookie is `SameSite=Strict`, so a browser never attaches
//! it to a request another site starts. Either alone stops a cross-site
//! form; the Origin check also stops login CSRF (a foreign page signing a
//! visitor into the attacker's account), where no cookie is involved yet.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::accounts::{self, Password, SessionToken};
use crate::config::CreateMeetings;
use crate::http::{AppState, server_error, too_many};
use crate::store::{StoreError, UserId};

/// Argon2id checks running at once (sign-ins, passcodes). Each holds
/// 19 MiB and a core for tens of ms; 2 at once keep a small server's cores
/// and memory for the meetings, and later attempts wait their turn (the
/// rate limits bound how many can wait).
const CONCURRENT_HASHES: usize = 2;

/// How sessions are carried.
#[derive(Clone)]
pub struct Sessions {
    /// `Secure` cookies (the server, or the proxy in front, speaks HTTPS);
    /// the cookie is then also `__Host-` prefixed (no Domain, Path=/).
    secure: bool,
    hashing: Arc<Semaphore>,
}

impl Sessions {
    pub fn new(secure: bool) -> Self {
        Self {
            secure,
            hashing: Arc::new(Semaphore::new(CONCURRENT_HASHES)),
        }
    }

    fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-conclave_session"
        } else {
            "conclave_session"
        }
    }

    /// `Set-Cookie` for a new session.
    fn cookie(&self, token: &SessionToken) -> String {
        format!(
            "{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}",
            self.cookie_name(),
            token.expose(),
            accounts::SESSION_TTL.as_secs(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// `Set-Cookie` that makes the browser forget the session.
    fn clearing_cookie(&self) -> String {
        format!(
            "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}",
            self.cookie_name(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// The session token the request carries, if any.
    fn token(&self, headers: &HeaderMap) -> Option<SessionToken> {
        let name = self.cookie_name();
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| SessionToken::from_cookie(v))
    }

    /// Waits for a turn at argon2 work.
    pub async fn hashing_turn(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        self.hashing.acquire().await.ok()
    }
}

/// The signed-in organiser making this request, if any.
pub async fn current_user(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(UserId, String)>, StoreError> {
    let Some(token) = state.sessions.token(headers) else {
        return Ok(None);
    };
    let hash = token.hash();
    let now = crate::store::now();
    state.store.run(move |s| s.session(&hash, now)).await
}

fn see_other(location: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

fn with_cookie(mut response: Response, cookie: String) -> Response {
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// The sign-in form. No `Debug`: it holds a password.
#[derive(Deserialize)]
pub struct SignInForm {
    name: String,
    password: String,
}

/// `POST /api/session`: a plain form post. Success and failure are both
/// redirects, so the page works without scripts; a wrong password and an
/// unknown user get the very same answer, after the same work (an argon2id
/// check against a dummy hash when there is no such user).
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if let Err(e) = state.origins.check(&headers) {
        return e.into_response();
    }
    let SignInForm { name, password } = form;
    let password = Password::new(password);
    if let Err(who) = state.limits.allow_signin(peer.ip(), &name) {
        return too_many(who);
    }
    const FAILED: &str = "/signin?failed";
    if accounts::check_name(&name).is_err() || password.is_too_long() {
        return see_other(FAILED);
    }
    let Some(_turn) = state.sessions.hashing_turn().await else {
        return server_error("the hashing semaphore closed");
    };
    let now = crate::store::now();
    let outcome = state
        .store
        .run(move |s| {
            let user = s.user(&name)?;
            let stored = user
                .as_ref()
                .map_or(accounts::dummy_hash(), |u| u.password_hash.as_str());
            let matches = accounts::verify_password(&password, stored);
            match user {
                Some(user) if matches => {
                    let token = SessionToken::generate();
                    s.create_session(&token.hash(), user.id, accounts::session_expires_at(now))?;
                    Ok(Some((user.id, token)))
                }
                _ => Ok(None),
            }
        })
        .await;
    match outcome {
        Ok(Some((user, token))) => {
            tracing::info!(user = user.0, "organiser signed in");
            with_cookie(see_other("/"), state.sessions.cookie(&token))
        }
        Ok(None) => {
            tracing::info!("sign-in refused");
            see_other(FAILED)
        }
        Err(e) => server_error(e),
    }
}

/// `POST /api/session/end`: signs out (the session is deleted on the
/// server, not only forgotten by the browser).
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(e) = state.origins.check(&headers) {
        return e.into_response();
    }
    if let Some(token) = state.sessions.token(&headers) {
        let hash = token.hash();
        if let Err(e) = state.store.run(move |s| s.delete_session(&hash)).await {
            return server_error(e);
        }
    }
    with_cookie(
        see_other("/signin?signed-out"),
        state.sessions.clearing_cookie(),
    )
}

#[derive(Serialize)]
struct SessionInfo {
    signed_in: bool,
    /// The organiser's own name, shown back to them.
    name: Option<String>,
    create_meetings: CreateMeetings,
}

/// `GET /api/session`: whether the caller is signed in, and whether they
/// need to be to create meetings (for the landing page).
pub async fn session_info(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match current_user(&state, &headers).await {
        Ok(user) => Json(SessionInfo {
            signed_in: user.is_some(),
            name: user.map(|(_, name)| name),
            create_meetings: state.create_meetings,
        })
        .into_response(),
        Err(e) => server_error(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_strict_and_secure_under_tls() {
        let token = SessionToken::generate();
        let plain = Sessions::new(false).cookie(&token);
        assert!(plain.starts_with("conclave_session="));
        assert!(plain.contains("; HttpOnly"));
        assert!(plain.contains("; SameSite=Strict"));
        assert!(plain.contains("; Path=/"));
        assert!(plain.contains("; Max-Age=43200"));
        assert!(!plain.contains("Secure"));
        let tls = Sessions::new(true).cookie(&token);
        assert!(tls.starts_with("__Host-conclave_session="));
        assert!(tls.ends_with("; Secure"));
        assert!(Sessions::new(true).clearing_cookie().contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_read_from_among_other_cookies() {
        let s = Sessions::new(false);
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            "a=1; conclave_session=tok; b=2".parse().unwrap(),
        );
        assert_eq!(
            s.token(&h).map(|t| t.expose().to_owned()),
            Some("tok".into())
        );
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            "__Host-conclave_session=tok".parse().unwrap(),
        );
        assert!(
            s.token(&h).is_none(),
            "the TLS cookie name is another cookie"
        );
        assert!(Sessions::new(true).token(&h).is_some());
    }
}
