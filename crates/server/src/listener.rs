//! Accepting HTTP(S) connections and keeping each one on a clock: the caps
//! on connections (per client and in total, see [`ConnectionLimits`]), a
//! deadline for the TLS handshake, for each request's headers and for
//! silence, then hyper serving the router. Nothing here knows a route;
//! nothing in the routes knows a socket. A WebSocket leaves these clocks
//! when it upgrades (it has its own in `ws.rs`) but keeps its place in the
//! caps until it closes.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::time::Instant;
use tokio_rustls::TlsAcceptor;

use crate::connection_limits::{ConnectionLimits, ConnectionPermit, Refused};

/// Connections held at once, WebSockets included. Each costs a file
/// descriptor and a few KB of buffers (hyper reads in 8 KB steps), so 4,096
/// stays under 100 MB even when every one is mid-request, and leaves room for
/// the signaling socket cap (1,000 by default) plus page loads. Lowered
/// automatically to what the process's file descriptor limit allows.
pub const DEFAULT_MAX_CONNECTIONS: usize = 4096;

/// Connections one client (IPv4 address or IPv6 /64) may hold. A browser
/// holds one WebSocket and, while loading a page, up to six HTTP connections;
/// 256 lets a school of ~100 behind one NAT address load the meeting page at
/// the same moment, while one address can take at most a sixteenth of the
/// total: sixteen addresses are needed to fill the server, and they are
/// dropped again by the timeouts below unless they keep working.
pub const DEFAULT_MAX_CONNECTIONS_PER_CLIENT: usize = 256;

/// From accept to a finished TLS handshake. The handshake is two round
/// trips; 10 s covers a satellite link with a lost packet or two, and is
/// short enough that a stalled handshake cannot hold its place for long.
pub const DEFAULT_TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// From when the server is ready for a request (a new connection, or the
/// previous response sent on a kept-alive one) until its headers are all in.
/// A browser sends its headers in one packet right away; 10 s allows for a
/// very bad mobile link. It also bounds how long an idle kept-alive
/// connection is held: a browser that comes back later opens a new one,
/// which costs a round trip and nothing else.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// No byte moving either way on a connection (a request body that stops
/// coming, a client that stops reading the response) for this long closes
/// it. 20 s survives TCP's retransmission backoff on a lossy link (1 + 2 + 4
/// + 8 s); anything slower is not a client that can hold a meeting anyway.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(20);

/// How long requests in flight get to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Pause after `accept` fails for want of resources (file descriptors,
/// memory). Retrying at once would spin a core on the same error; 50 ms lets
/// closing connections free some while costing a legitimate client little.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// File descriptors kept free of connections for everything else the
/// process opens: the database and its journal, the media socket, the TLS
/// files at start, stdio, the runtime's own. 64 is several times what those
/// take.
const DESCRIPTOR_RESERVE: u64 = 64;

#[derive(Clone, Debug)]
pub struct Settings {
    pub max_connections: usize,
    pub max_connections_per_client: usize,
    pub tls_handshake_timeout: Duration,
    pub header_read_timeout: Duration,
    pub idle_timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_connections_per_client: DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
            tls_handshake_timeout: DEFAULT_TLS_HANDSHAKE_TIMEOUT,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
        }
    }
}

/// The connection cap this process can really keep: raises its soft limit on
/// open files as far as the hard limit allows, and returns `wanted` or, if
/// the limit is lower, what fits under it. Without this a cap above the limit
/// would never act: `accept` would fail first and the server stop answering.
#[cfg(unix)]
pub fn fit_to_descriptor_limit(wanted: usize) -> usize {
    let wanted_fds = u64::try_from(wanted)
        .unwrap_or(u64::MAX)
        .saturating_add(DESCRIPTOR_RESERVE);
    match rlimit::increase_nofile_limit(wanted_fds) {
        Ok(limit) if limit >= wanted_fds => wanted,
        Ok(limit) => {
            let fits = usize::try_from(limit.saturating_sub(DESCRIPTOR_RESERVE))
                .unwrap_or(usize::MAX)
                .max(1);
            tracing::warn!(
                "the open file limit ({limit}) allows only {fits} connections, not {wanted}; \
                 raise it (ulimit -n, LimitNOFILE=) to hold more"
            );
            fits
        }
        Err(e) => {
            tracing::warn!("could not read the open file limit: {e}");
            wanted
        }
    }
}

#[cfg(not(unix))]
pub fn fit_to_descriptor_limit(wanted: usize) -> usize {
    wanted
}

/// Serves `router` on `listener` until `shutdown` completes, then gives
/// requests in flight [`SHUTDOWN_GRACE`] to finish.
pub async fn run(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    router: Router,
    settings: Settings,
    shutdown: impl Future<Output = ()>,
) {
    let limits = ConnectionLimits::new(
        settings.max_connections,
        settings.max_connections_per_client,
    );
    let settings = Arc::new(settings);
    // Every connection task holds a receiver until its HTTP phase ends; the
    // sender learns from that when all are done.
    let (stop, stopped) = watch::channel(());
    let mut refusals = Refusals::default();
    tokio::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
        };
        let permit = match limits.try_admit(peer.ip()) {
            Ok(permit) => permit,
            Err(why) => {
                // Dropping the stream closes it before a byte is read.
                refusals.count(&why);
                continue;
            }
        };
        // Signaling is many small messages; waiting to batch them only adds
        // latency.
        let _ = tcp.set_nodelay(true);
        let tls = tls.clone();
        let router = router.clone();
        let settings = Arc::clone(&settings);
        let stopped = stopped.clone();
        tokio::spawn(async move {
            match tls {
                None => serve_http(tcp, peer, permit, router, &settings, stopped).await,
                Some(acceptor) => {
                    match tokio::time::timeout(settings.tls_handshake_timeout, acceptor.accept(tcp))
                        .await
                    {
                        Ok(Ok(stream)) => {
                            serve_http(stream, peer, permit, router, &settings, stopped).await;
                        }
                        Ok(Err(e)) => tracing::debug!("TLS handshake failed: {e}"),
                        Err(_) => tracing::debug!("TLS handshake timed out"),
                    }
                }
            }
        });
    }
    drop(listener);
    drop(stopped);
    let _ = stop.send(());
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, stop.closed()).await;
}

/// Counts refused connections and logs at powers of two, so a flood of them
/// cannot become a flood of log lines.
#[derive(Default)]
struct Refusals {
    per_client: u64,
    total: u64,
}

impl Refusals {
    fn count(&mut self, why: &Refused) {
        let n = match why {
            Refused::PerClient(_) => &mut self.per_client,
            Refused::Total(_) => &mut self.total,
        };
        *n += 1;
        if n.is_power_of_two() {
            tracing::warn!(refused = *n, "refusing connections: {why}");
        }
    }
}

async fn accept_failed(e: &io::Error) {
    // The client gave up between the handshake and accept: nothing to do.
    if matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::warn!("accepting a connection failed: {e}");
    tokio::time::sleep(ACCEPT_RETRY).await;
}

/// Serves HTTP/1.1 on one connection until it closes, goes silent, upgrades
/// to a WebSocket, or the server stops.
async fn serve_http<I>(
    io: I,
    peer: SocketAddr,
    permit: ConnectionPermit,
    router: Router,
    settings: &Settings,
    mut stop: watch::Receiver<()>,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched {
        inner: io,
        activity: Arc::clone(&activity),
        _permit: permit,
    });
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        tower_service::Service::call(&mut router.clone(), request)
    });
    // HTTP/1.1 only: the web client needs nothing more, browsers open
    // WebSockets over it, and it keeps HTTP/2's own flood surface away.
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(settings.header_read_timeout);
    let connection = builder.serve_connection(io, service).with_upgrades();
    tokio::pin!(connection);
    let silence = activity.silent_for(settings.idle_timeout);
    tokio::pin!(silence);
    let mut stopping = false;
    loop {
        tokio::select! {
            // Also ends when the connection upgrades: the WebSocket then owns
            // the stream (and the connection permit inside it).
            result = connection.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!("connection ended: {e}");
                }
                return;
            }
            () = &mut silence => {
                tracing::debug!("closing a connection silent for {:?}", settings.idle_timeout);
                return;
            }
            _ = stop.changed(), if !stopping => {
                stopping = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}

/// When a byte last moved on a connection.
struct Activity {
    start: Instant,
    last_ms: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Self {
            start: Instant::now(),
            last_ms: AtomicU64::new(0),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }

    /// Completes once nothing has moved for `limit`.
    async fn silent_for(&self, limit: Duration) {
        loop {
            let deadline = self.last() + limit;
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep_until(deadline).await;
        }
    }
}

/// A connection's stream that notes every byte moved and carries the
/// connection's place in the caps, so the place is held exactly as long as
/// the socket is open, through a WebSocket upgrade too.
struct Watched<I> {
    inner: I,
    activity: Arc<Activity>,
    _permit: ConnectionPermit,
}

impl<I: AsyncRead + Unpin> AsyncRead for Watched<I> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let result = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.activity.touch();
        }
        result
    }
}

impl<I: AsyncWrite + Unpin> AsyncWrite for Watched<I> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write(cx, buf);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        result
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::{get, post};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn start(settings: Settings) -> SocketAddr {
        let router = Router::new()
            .route("/", get(|| async { "hello" }))
            .route(
                "/peer",
                get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
            )
            .route("/echo", post(|body: String| async move { body }));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(run(
            listener,
            None,
            router,
            settings,
            std::future::pending(),
        ));
        addr
    }

    /// Reads until the server closes; how long that took.
    async fn closed_within(stream: &mut tokio::net::TcpStream, limit: Duration) -> Vec<u8> {
        let mut got = Vec::new();
        tokio::time::timeout(limit, async {
            let mut buf = [0u8; 1024];
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
        })
        .await
        .expect("the server closed the connection in time");
        got
    }

    #[tokio::test]
    async fn handlers_see_the_clients_address() {
        let addr = start(Settings::default()).await;
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let local = s.local_addr().unwrap();
        s.write_all(b"GET /peer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let reply = closed_within(&mut s, Duration::from_secs(5)).await;
        let text = String::from_utf8_lossy(&reply);
        assert!(text.ends_with(&local.to_string()), "{text}");
    }

    #[tokio::test]
    async fn a_request_body_that_stops_coming_is_dropped_after_the_idle_timeout() {
        let addr = start(Settings {
            idle_timeout: Duration::from_millis(300),
            ..Settings::default()
        })
        .await;
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b")
            .await
            .unwrap();
        let reply = closed_within(&mut s, Duration::from_secs(3)).await;
        assert!(reply.is_empty(), "{}", String::from_utf8_lossy(&reply));
    }

    #[tokio::test]
    async fn a_kept_alive_connection_is_closed_after_the_header_timeout() {
        let addr = start(Settings {
            header_read_timeout: Duration::from_millis(300),
            ..Settings::default()
        })
        .await;
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let reply = closed_within(&mut s, Duration::from_secs(3)).await;
        let text = String::from_utf8_lossy(&reply);
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        assert!(text.ends_with("hello"), "{text}");
    }
}
