//! Media over TCP for the runner: the connections behind the participant's
//! active ICE-TCP candidates (RFC 6544), each datagram framed with a
//! two-byte length (RFC 4571). The participant names a connection by its
//! candidate's address and the server's; this opens one the first time a
//! transmit names it, and again after it closed.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// A connection the server does not accept within this long is given up;
/// the next check over it tries again. ICE retries its checks for longer,
/// and a SYN that a firewall drops would otherwise hold the attempt for the
/// kernel's minutes.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Frames queued for one connection's writer. A full queue drops the frame,
/// as a full UDP socket buffer would: ICE, NACKs and congestion control
/// deal with it, and a stalled connection cannot hold the participant.
const WRITE_QUEUE: usize = 256;

/// What the connections hand back to the participant's loop.
#[derive(Debug)]
pub enum Inbound {
    /// One datagram from `remote` over the connection named by `local`.
    Frame {
        local: SocketAddr,
        remote: SocketAddr,
        data: Vec<u8>,
    },
    /// The connection failed or closed; the next transmit reopens it.
    Closed {
        local: SocketAddr,
        remote: SocketAddr,
    },
}

struct Link {
    frames: mpsc::Sender<Vec<u8>>,
    task: JoinHandle<()>,
}

/// One participant's media connections over TCP.
pub struct TcpLinks {
    /// The address connections are made from (load runs give each
    /// participant its own).
    from: IpAddr,
    links: HashMap<(SocketAddr, SocketAddr), Link>,
    inbound: mpsc::Sender<Inbound>,
}

impl TcpLinks {
    /// The links, and where what they receive arrives.
    pub fn new(from: IpAddr) -> (Self, mpsc::Receiver<Inbound>) {
        // Reading stops while the participant is behind, which is TCP's
        // own back-pressure on the server.
        let (inbound, received) = mpsc::channel(WRITE_QUEUE);
        let links = Self {
            from,
            links: HashMap::new(),
            inbound,
        };
        (links, received)
    }

    /// Sends `data` to `remote` over the connection named `local`, opening
    /// it if there is none. Returns false when the frame was dropped.
    pub fn send(&mut self, local: SocketAddr, remote: SocketAddr, data: &[u8]) -> bool {
        let Ok(len) = u16::try_from(data.len()) else {
            return false;
        };
        let mut frame = Vec::with_capacity(2 + data.len());
        frame.extend_from_slice(&len.to_be_bytes());
        frame.extend_from_slice(data);
        let link = self.links.entry((local, remote)).or_insert_with(|| {
            let (frames, queued) = mpsc::channel(WRITE_QUEUE);
            let task = tokio::spawn(run_link(
                self.from,
                local,
                remote,
                queued,
                self.inbound.clone(),
            ));
            Link { frames, task }
        });
        link.frames.try_send(frame).is_ok()
    }

    /// Forgets a connection that closed, so the next transmit reopens it.
    pub fn closed(&mut self, local: SocketAddr, remote: SocketAddr) {
        if let Some(link) = self.links.remove(&(local, remote)) {
            link.task.abort();
        }
    }

    /// How many connections are open or opening.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }
}

impl Drop for TcpLinks {
    fn drop(&mut self) {
        for link in self.links.values() {
            link.task.abort();
        }
    }
}

/// Connects, then writes what is queued and reads frames until either
/// side ends; says `Closed` however it ends.
async fn run_link(
    from: IpAddr,
    local: SocketAddr,
    remote: SocketAddr,
    mut queued: mpsc::Receiver<Vec<u8>>,
    inbound: mpsc::Sender<Inbound>,
) {
    match connect(from, remote).await {
        Ok(stream) => {
            let (mut reader, mut writer) = stream.into_split();
            let write = async {
                while let Some(frame) = queued.recv().await {
                    if writer.write_all(&frame).await.is_err() {
                        break;
                    }
                }
            };
            let read = async {
                while let Ok(len) = reader.read_u16().await {
                    let mut data = vec![0; usize::from(len)];
                    if reader.read_exact(&mut data).await.is_err() {
                        break;
                    }
                    let frame = Inbound::Frame {
                        local,
                        remote,
                        data,
                    };
                    if inbound.send(frame).await.is_err() {
                        break;
                    }
                }
            };
            tokio::select! {
                () = write => {}
                () = read => {}
            }
        }
        Err(e) => tracing::debug!("media over TCP to {remote}: {e}"),
    }
    let _ = inbound.send(Inbound::Closed { local, remote }).await;
}

async fn connect(from: IpAddr, remote: SocketAddr) -> std::io::Result<tokio::net::TcpStream> {
    let socket = match from {
        IpAddr::V4(_) => TcpSocket::new_v4()?,
        IpAddr::V6(_) => TcpSocket::new_v6()?,
    };
    socket.bind(SocketAddr::new(from, 0))?;
    let stream = tokio::time::timeout(CONNECT_TIMEOUT, socket.connect(remote))
        .await
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
    // Media frames are small and late ones are worthless: no Nagle delay.
    stream.set_nodelay(true)?;
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn frames_go_out_length_prefixed_and_come_back_as_datagrams() {
        let server = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let remote = server.local_addr().unwrap();
        let local: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let (mut links, mut inbound) = TcpLinks::new("127.0.0.1".parse().unwrap());
        assert!(links.send(local, remote, b"hello"));
        let (mut conn, _) = server.accept().await.unwrap();
        let mut got = [0u8; 7];
        conn.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"\x00\x05hello");
        // Two frames in one segment, and one split across two.
        conn.write_all(b"\x00\x01a\x00\x02bc\x00").await.unwrap();
        conn.write_all(b"\x03def").await.unwrap();
        for want in [&b"a"[..], b"bc", b"def"] {
            match inbound.recv().await.unwrap() {
                Inbound::Frame {
                    local: l,
                    remote: r,
                    data,
                } => {
                    assert_eq!((l, r), (local, remote));
                    assert_eq!(data, want);
                }
                other => panic!("{other:?}"),
            }
        }
        // The server goes away: the link says so and is reopened on the
        // next send.
        drop(conn);
        assert!(matches!(
            inbound.recv().await.unwrap(),
            Inbound::Closed { .. }
        ));
        links.closed(local, remote);
        assert!(links.is_empty());
        assert!(links.send(local, remote, b"again"));
        let (mut conn, _) = server.accept().await.unwrap();
        let mut got = [0u8; 7];
        conn.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"\x00\x05again");
        assert_eq!(links.len(), 1);
    }

    #[tokio::test]
    async fn a_refused_connection_is_reported_closed_and_oversized_frames_are_dropped() {
        // A port nothing listens on: bind one, note it, let it go.
        let remote = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let local: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let (mut links, mut inbound) = TcpLinks::new("127.0.0.1".parse().unwrap());
        assert!(!links.send(local, remote, &vec![0; 70_000]));
        assert!(
            links.is_empty(),
            "nothing opened for a frame that cannot be framed"
        );
        assert!(links.send(local, remote, b"x"));
        assert!(matches!(
            inbound.recv().await.unwrap(),
            Inbound::Closed { .. }
        ));
    }
}
