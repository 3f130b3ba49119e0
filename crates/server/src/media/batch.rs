//! Batched UDP: many datagrams per system call (`recvmmsg`, `sendmmsg`)
//! instead of one. A forwarding server sends each packet it receives to
//! everyone else in the meeting, so at a hundred receivers one `sendto` per
//! datagram was a fifth of its CPU (BENCHMARKS.md). Linux only; elsewhere
//! the same calls fall back to a datagram per call.

use std::io;
use std::net::SocketAddr;
use std::time::Instant;

use str0m::net::Transmit;
use tokio::io::Interest;
use tokio::net::UdpSocket;

/// Largest datagram read. WebRTC keeps packets under the path MTU (str0m and
/// browsers stay below 1200-1500 bytes); anything bigger is not ours.
pub const DATAGRAM_MAX: usize = 2048;

/// Datagrams per system call, both ways. 32 fills a read with what a
/// busy socket has queued (64 KiB of buffers) while a wake-up's work stays
/// short; beyond it the gain per call is small and the buffers are not.
pub const BATCH: usize = 32;

/// Asks the kernel to stamp each datagram `socket` receives with its
/// arrival, so the time a datagram waited in the socket (while the core
/// slept, worked on an earlier batch or was not scheduled) counts in the
/// server's forwarding delay. Without it datagrams are dated when read.
pub fn stamp_arrivals(socket: &UdpSocket) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    conclave_bench::stamps::enable(socket)?;
    #[cfg(not(target_os = "linux"))]
    let _ = socket;
    Ok(())
}

/// Datagrams read in one call, where each came from and when it arrived.
pub struct RecvBatch {
    buffers: Vec<u8>,
    /// (buffer slot, length, source, arrival) of each datagram kept.
    received: Vec<(usize, usize, SocketAddr, Instant)>,
}

impl Default for RecvBatch {
    fn default() -> Self {
        Self {
            buffers: vec![0; DATAGRAM_MAX * BATCH],
            received: Vec::with_capacity(BATCH),
        }
    }
}

impl RecvBatch {
    /// The datagrams of the last read, in arrival order, with their sender
    /// and the instant the kernel took them in (see [`stamp_arrivals`]).
    pub fn datagrams(&self) -> impl Iterator<Item = (&[u8], SocketAddr, Instant)> {
        self.received.iter().map(|&(slot, len, source, arrived)| {
            let at = slot * DATAGRAM_MAX;
            (&self.buffers[at..at + len], source, arrived)
        })
    }

    /// Reads what `socket` has queued, up to [`BATCH`] datagrams, without
    /// waiting: `WouldBlock` when there is nothing (and tokio is told the
    /// socket is no longer readable, so the next poll waits for it). A
    /// datagram longer than [`DATAGRAM_MAX`] is cut short by the kernel: it
    /// is not ours, and is left out rather than parsed as if whole.
    pub fn read(&mut self, socket: &UdpSocket) -> io::Result<usize> {
        self.received.clear();
        socket.try_io(Interest::READABLE, || self.read_now(socket))?;
        Ok(self.received.len())
    }

    #[cfg(target_os = "linux")]
    fn read_now(&mut self, socket: &UdpSocket) -> io::Result<()> {
        use conclave_bench::stamps;
        use nix::sys::socket::{MsgFlags, MultiHeaders, SockaddrStorage, recvmmsg};
        use std::io::IoSliceMut;
        use std::os::fd::AsRawFd;

        let mut headers = MultiHeaders::<SockaddrStorage>::preallocate(
            BATCH,
            Some(Vec::with_capacity(stamps::CMSG_SPACE)),
        );
        let mut slices: Vec<[IoSliceMut<'_>; 1]> = self
            .buffers
            .chunks_exact_mut(DATAGRAM_MAX)
            .map(|b| [IoSliceMut::new(b)])
            .collect();
        let results = recvmmsg(
            socket.as_raw_fd(),
            &mut headers,
            slices.iter_mut(),
            MsgFlags::MSG_DONTWAIT,
            None,
        )
        .map_err(io::Error::from)?;
        let (read_at, read_wall) = (Instant::now(), std::time::SystemTime::now());
        for (slot, message) in results.enumerate() {
            let source = message.address.as_ref().and_then(socket_addr);
            let stamp = message.cmsgs().ok().and_then(stamps::stamp_of);
            let arrived = stamps::arrival(stamp, read_at, read_wall);
            if let (Some(source), false) = (source, message.flags.contains(MsgFlags::MSG_TRUNC)) {
                self.received.push((slot, message.bytes, source, arrived));
            }
        }
        Ok(())
    }

    #[cfg(not(target_os = "linux"))]
    fn read_now(&mut self, socket: &UdpSocket) -> io::Result<()> {
        let (len, source) = socket.try_recv_from(&mut self.buffers[..DATAGRAM_MAX])?;
        self.received.push((0, len, source, Instant::now()));
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn socket_addr(address: &nix::sys::socket::SockaddrStorage) -> Option<SocketAddr> {
    if let Some(v4) = address.as_sockaddr_in() {
        Some(SocketAddr::from(*v4))
    } else {
        address.as_sockaddr_in6().map(|v6| SocketAddr::from(*v6))
    }
}

/// What one flush did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Flushed {
    pub sent: u64,
    pub bytes: u64,
    /// Refused by the kernel (a full send buffer, an unreachable address):
    /// dropped, as the network would drop them; congestion control and
    /// NACKs deal with it.
    pub dropped: u64,
}

/// Sends `transmits` (all from `socket`'s address) in order, [`BATCH`] per
/// call. Never waits: what the kernel will not take now is dropped.
pub fn send(socket: &UdpSocket, transmits: &[Transmit]) -> Flushed {
    let mut flushed = Flushed::default();
    let mut rest = transmits;
    while !rest.is_empty() {
        let chunk = &rest[..rest.len().min(BATCH)];
        match socket.try_io(Interest::WRITABLE, || send_now(socket, chunk)) {
            Ok(n) => {
                let n = n.clamp(1, chunk.len());
                flushed.sent += n as u64;
                flushed.bytes += chunk[..n]
                    .iter()
                    .map(|t| t.contents.len() as u64)
                    .sum::<u64>();
                rest = &rest[n..];
            }
            // A full buffer: nothing more goes out this time.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                flushed.dropped += rest.len() as u64;
                break;
            }
            // The first datagram of the chunk was refused (an address the
            // kernel cannot reach): drop it and go on with the others.
            Err(_) => {
                flushed.dropped += 1;
                rest = &rest[1..];
            }
        }
    }
    flushed
}

#[cfg(target_os = "linux")]
fn send_now(socket: &UdpSocket, chunk: &[Transmit]) -> io::Result<usize> {
    use nix::sys::socket::{MsgFlags, MultiHeaders, SockaddrStorage, sendmmsg};
    use std::io::IoSlice;
    use std::os::fd::AsRawFd;

    let mut headers = MultiHeaders::<SockaddrStorage>::preallocate(chunk.len(), None);
    let slices: Vec<[IoSlice<'_>; 1]> = chunk.iter().map(|t| [IoSlice::new(&t.contents)]).collect();
    let addresses: Vec<Option<SockaddrStorage>> = chunk
        .iter()
        .map(|t| Some(SockaddrStorage::from(t.destination)))
        .collect();
    let results = sendmmsg(
        socket.as_raw_fd(),
        &mut headers,
        &slices,
        &addresses,
        [],
        MsgFlags::MSG_DONTWAIT,
    )
    .map_err(io::Error::from)?;
    Ok(results.count())
}

#[cfg(not(target_os = "linux"))]
fn send_now(socket: &UdpSocket, chunk: &[Transmit]) -> io::Result<usize> {
    let t = &chunk[0];
    socket.try_send_to(&t.contents, t.destination).map(|_| 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use str0m::net::Protocol;

    fn transmit(from: SocketAddr, to: SocketAddr, contents: Vec<u8>) -> Transmit {
        Transmit {
            proto: Protocol::Udp,
            source: from,
            destination: to,
            contents: contents.into(),
        }
    }

    #[tokio::test]
    async fn a_batch_goes_out_in_order_and_is_read_back_in_one_call() {
        let a = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let b = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let c = UdpSocket::bind("[::1]:0").await;
        let (from, to) = (a.local_addr().unwrap(), b.local_addr().unwrap());
        let packets: Vec<Transmit> = (0..BATCH + 8)
            .map(|i| transmit(from, to, vec![i as u8; 100 + i]))
            .collect();
        // Readiness is the reactor's news: a fresh socket is writable once
        // it has been polled (the media task always has been).
        a.writable().await.unwrap();
        let flushed = send(&a, &packets);
        assert_eq!(flushed.sent, (BATCH + 8) as u64);
        assert_eq!(flushed.dropped, 0);
        assert_eq!(
            flushed.bytes,
            packets.iter().map(|t| t.contents.len() as u64).sum::<u64>()
        );

        let mut batch = RecvBatch::default();
        let mut got = Vec::new();
        while got.len() < BATCH + 8 {
            b.readable().await.unwrap();
            match batch.read(&b) {
                Ok(n) => {
                    assert!(n <= BATCH);
                    got.extend(batch.datagrams().map(|(d, s, _)| (d.to_vec(), s)));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => panic!("{e}"),
            }
        }
        for (i, (data, source)) in got.iter().enumerate() {
            assert_eq!(*source, from);
            assert_eq!(
                data,
                &vec![i as u8; 100 + i],
                "datagram {i} in order and whole"
            );
        }
        // An IPv6 destination from an IPv4 socket is refused by the kernel:
        // that datagram is dropped and counted, the others still go.
        if let Ok(c) = c {
            let v6 = c.local_addr().unwrap();
            let mixed = vec![
                transmit(from, v6, vec![1; 10]),
                transmit(from, to, vec![2; 10]),
            ];
            let flushed = send(&a, &mixed);
            assert_eq!((flushed.sent, flushed.dropped), (1, 1));
        }
    }

    #[tokio::test]
    async fn a_datagram_that_waited_in_the_socket_is_dated_to_its_arrival() {
        let a = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let b = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        stamp_arrivals(&b).unwrap();
        let to = b.local_addr().unwrap();
        let mut batch = RecvBatch::default();
        // Linux turns stamping on a moment after the first socket asks for
        // it (a deferred switch): until then datagrams come dated when read.
        let mut age = std::time::Duration::ZERO;
        for _ in 0..50 {
            a.send_to(b"media", to).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(40)).await;
            b.readable().await.unwrap();
            let read = batch.read(&b).unwrap();
            assert_eq!(read, 1);
            let (data, _, arrived) = batch.datagrams().next().unwrap();
            assert_eq!(data, b"media");
            age = arrived.elapsed();
            if age >= std::time::Duration::from_millis(30) {
                break;
            }
        }
        assert!(
            age >= std::time::Duration::from_millis(30),
            "a datagram that waited 40 ms is dated {age:?} ago"
        );
        assert!(age < std::time::Duration::from_secs(5), "{age:?}");
    }

    #[tokio::test]
    async fn nothing_queued_is_would_block_and_oversized_datagrams_are_left_out() {
        let b = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let mut batch = RecvBatch::default();
        let err = batch.read(&b).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);

        let a = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let to = b.local_addr().unwrap();
        a.send_to(&vec![7; DATAGRAM_MAX + 100], to).await.unwrap();
        a.send_to(&[8; 20], to).await.unwrap();
        let mut got = Vec::new();
        while got.is_empty() {
            b.readable().await.unwrap();
            if batch.read(&b).is_ok() {
                got.extend(batch.datagrams().map(|(d, _, _)| d.to_vec()));
            }
        }
        assert_eq!(got, [vec![8; 20]], "the cut-short datagram is left out");
    }
}
