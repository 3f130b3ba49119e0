//! The web client, embedded in the binary at build time from `web/dist`
//! (built by `npm run build` in `web/` and committed), so running the server
//! needs no Node.js.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::Embed)]
#[folder = "../../web/dist"]
struct Dist;

/// Serves one embedded file, or 404.
pub fn serve(path: &str, status: StatusCode) -> Response {
    match Dist::get(path) {
        Some(file) => {
            let mime = file.metadata.mimetype().to_owned();
            let mut response = (status, file.data.into_owned()).into_response();
            if let Ok(v) = HeaderValue::from_str(&mime) {
                response.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            response
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_the_server_routes_to_are_embedded() {
        for page in [
            "index.html",
            "meeting.html",
            "not-found.html",
            "signin.html",
        ] {
            assert!(Dist::get(page).is_some(), "{page} missing from web/dist");
        }
    }
}
