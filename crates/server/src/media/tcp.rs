//! ICE-TCP (RFC 6544): media for networks that block UDP. The server
//! offers a passive TCP candidate on each media address (same port number
//! as the UDP socket); a browser that cannot reach UDP connects and carries
//! STUN, DTLS and SRTP as RFC 4571 frames (a two-byte length, then one
//! datagram). Each connection has a reader and a writer task here; the
//! datagrams go to and from the media task, which hands them to the same
//! sans-IO SFU as UDP ones.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// A listening media socket and the address clients reach it at.
pub struct MediaListener {
    pub listener: TcpListener,
    pub candidate: SocketAddr,
}

/// From a connection to the media task.
pub enum TcpEvent {
    Opened {
        remote: SocketAddr,
        writer: mpsc::Sender<Vec<u8>>,
    },
    Frame {
        remote: SocketAddr,
        local: SocketAddr,
        data: Vec<u8>,
    },
    Closed {
        remote: SocketAddr,
    },
}

/// Largest frame accepted. WebRTC datagrams stay under the path MTU (about
/// 1200-1500 bytes); RFC 4571 allows 64 KiB, but a bigger frame is not a
/// browser's and would only cost memory.
const MAX_FRAME: usize = 2048;

/// A connection silent this long is closed. ICE consent checks come every
/// few seconds on a live connection (RFC 7675: at most 5 s apart on
/// average), so 30 s of nothing means the client is gone; shorter would cut
/// a connection through a brief stall.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Frames queued towards one client. A client whose TCP window stays shut
/// (a slow link) loses packets once this fills, as it would over UDP, and
/// the SFU's congestion control sees the loss; queuing more only adds delay.
const WRITE_QUEUE: usize = 256;

/// Connections open at once, server-wide. Two per participant on TCP (the
/// publishing and the subscribing peer), so about 500 people behind
/// UDP-blocking firewalls; each costs two tasks and a few KiB of buffers.
const MAX_CONNECTIONS: usize = 1024;

/// Connections from one address at once. A school or office behind one NAT
/// shares an address: 64 is 32 people on TCP there, while one host alone
/// cannot take every slot.
const MAX_PER_ADDRESS: usize = 64;

/// Counts connections per address and in all, so the caps hold.
#[derive(Default)]
struct Counts {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// Releases a connection's place in the counts when it ends.
struct Place {
    counts: Arc<Mutex<Counts>>,
    ip: IpAddr,
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.by_address.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.by_address.remove(&self.ip);
            }
        }
    }
}

fn take_place(counts: &Arc<Mutex<Counts>>, ip: IpAddr) -> Option<Place> {
    let mut c = counts.lock().unwrap_or_else(|e| e.into_inner());
    let from_here = c.by_address.get(&ip).copied().unwrap_or(0);
    if c.total >= MAX_CONNECTIONS || from_here >= MAX_PER_ADDRESS {
        return None;
    }
    c.total += 1;
    c.by_address.insert(ip, from_here + 1);
    Some(Place {
        counts: Arc::clone(counts),
        ip,
    })
}

/// Accepts connections on every listener until the media task is gone.
pub fn spawn_listeners(listeners: Vec<MediaListener>, events: mpsc::Sender<TcpEvent>) {
    let counts = Arc::new(Mutex::new(Counts::default()));
    for MediaListener {
        listener,
        candidate,
    } in listeners
    {
        let events = events.clone();
        let counts = Arc::clone(&counts);
        tokio::spawn(async move {
            loop {
                let (stream, remote) = match listener.accept().await {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // Out of descriptors, most likely: wait rather than spin.
                        tracing::debug!("media tcp accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                if events.is_closed() {
                    break;
                }
                let Some(place) = take_place(&counts, remote.ip()) else {
                    tracing::debug!("media tcp connection refused: too many open");
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, remote, candidate, events.clone(), place));
            }
        });
    }
}

async fn serve(
    stream: TcpStream,
    remote: SocketAddr,
    local: SocketAddr,
    events: mpsc::Sender<TcpEvent>,
    _place: Place,
) {
    let (read, write) = stream.into_split();
    let (writer, queue) = mpsc::channel(WRITE_QUEUE);
    if events
        .send(TcpEvent::Opened { remote, writer })
        .await
        .is_err()
    {
        return;
    }
    let writing = tokio::spawn(write_frames(write, queue));
    let mut read = BufReader::new(read);
    loop {
        let frame = tokio::time::timeout(IDLE_TIMEOUT, read_frame(&mut read)).await;
        let Ok(Some(data)) = frame else {
            break; // silent too long, closed, or not RFC 4571
        };
        // The media task busy: drop the frame, as a full UDP buffer would.
        if let Err(mpsc::error::TrySendError::Closed(_)) = events.try_send(TcpEvent::Frame {
            remote,
            local,
            data,
        }) {
            break;
        }
    }
    writing.abort();
    let _ = events.send(TcpEvent::Closed { remote }).await;
}

/// One RFC 4571 frame, or `None` when the stream ends or breaks the rules.
async fn read_frame<R: AsyncReadExt + Unpin>(read: &mut R) -> Option<Vec<u8>> {
    let len = usize::from(read.read_u16().await.ok()?);
    if len == 0 || len > MAX_FRAME {
        return None;
    }
    let mut data = vec![0; len];
    read.read_exact(&mut data).await.ok()?;
    Some(data)
}

async fn write_frames(write: OwnedWriteHalf, mut queue: mpsc::Receiver<Vec<u8>>) {
    let mut out = BufWriter::new(write);
    while let Some(frame) = queue.recv().await {
        let mut next = Some(frame);
        // Everything already queued goes out in one flush.
        while let Some(frame) = next {
            let Ok(len) = u16::try_from(frame.len()) else {
                next = queue.try_recv().ok();
                continue;
            };
            if out.write_u16(len).await.is_err() || out.write_all(&frame).await.is_err() {
                return;
            }
            next = queue.try_recv().ok();
        }
        if out.flush().await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_are_read_whole_and_bad_lengths_end_the_stream() {
        let mut ok: &[u8] = &[0, 3, 1, 2, 3, 0, 1, 9];
        assert_eq!(read_frame(&mut ok).await, Some(vec![1, 2, 3]));
        assert_eq!(read_frame(&mut ok).await, Some(vec![9]));
        assert_eq!(read_frame(&mut ok).await, None, "end of stream");
        let mut empty: &[u8] = &[0, 0];
        assert_eq!(read_frame(&mut empty).await, None, "a zero-length frame");
        let big = u16::try_from(MAX_FRAME + 1).unwrap().to_be_bytes();
        let mut too_big: &[u8] = &[big[0], big[1], 0, 0];
        assert_eq!(read_frame(&mut too_big).await, None, "an oversized frame");
        let mut short: &[u8] = &[0, 5, 1, 2];
        assert_eq!(read_frame(&mut short).await, None, "a cut frame");
    }

    #[test]
    fn connections_are_capped_per_address_and_in_all() {
        let counts = Arc::new(Mutex::new(Counts::default()));
        let one: IpAddr = "192.0.2.1".parse().unwrap();
        let places: Vec<Place> = (0..MAX_PER_ADDRESS)
            .map(|_| take_place(&counts, one).unwrap())
            .collect();
        assert!(take_place(&counts, one).is_none(), "one address is capped");
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(take_place(&counts, other).is_some(), "others still get in");
        drop(places);
        assert!(take_place(&counts, one).is_some(), "places come back");
        assert_eq!(counts.lock().unwrap().total, 0, "every place was released");
    }
}
