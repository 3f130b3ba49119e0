//! The media tasks: the thin tokio shell around [`Conference`]. There is one
//! per media core ([`Shards`]), on a thread of its own ([`spawn_core`]), each
//! with its own meetings, its own UDP sockets (one per advertised address,
//! on the core's own port) and ICE-TCP connections ([`tcp`]); nothing is
//! shared between them per packet. Each receives signaling commands from the
//! socket tasks of its meetings and drives time. Everything it does with the
//! network is here; everything it decides is in the sans-IO cores.

use std::collections::HashMap;
use std::future::poll_fn;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::Poll;
use std::time::Instant;

use conclave_sfu::Candidates;
use conclave_signaling::{ClientMessage, ParticipantId, ServerMessage};
use str0m::net::Protocol;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

pub mod addresses;
pub mod batch;
pub mod recorder;
pub mod sessions;
pub mod tcp;

use batch::RecvBatch;
use recorder::{Recorders, RecordingConfig};
use sessions::{Closed, Sent, Sessions, SocketId};
use tcp::{MediaListener, TcpEvent};

use crate::conference::{Conference, Delivery, JoinRequest};
use crate::meeting_id::MeetingId;
use crate::metrics::Metrics;
use crate::store::{AuditEntry, AuditEvent};

/// A bound media socket and the address clients reach it at (what its
/// datagrams were sent to, as far as ICE is concerned).
pub struct MediaSocket {
    pub socket: UdpSocket,
    pub candidate: SocketAddr,
}

/// From a signaling socket to the media task.
pub enum Command {
    Join {
        id: ParticipantId,
        socket: SocketId,
        meeting: MeetingId,
        request: JoinRequest,
        outbox: mpsc::Sender<Outbound>,
    },
    /// A new socket takes over a member's place (`resume`); the answer is
    /// the member it now speaks for.
    Resume {
        token: String,
        seen: u64,
        socket: SocketId,
        outbox: mpsc::Sender<Outbound>,
        reply: tokio::sync::oneshot::Sender<Result<ParticipantId, sessions::ResumeError>>,
    },
    Message {
        id: ParticipantId,
        socket: SocketId,
        message: ClientMessage,
    },
    Disconnected {
        id: ParticipantId,
        socket: SocketId,
        /// The client closed the socket properly (a close frame): leaving,
        /// not lost.
        on_purpose: bool,
    },
    /// The meeting ended: everyone in it goes.
    End { meeting: MeetingId },
}

/// Audit entries on their way to the store, in order. Unbounded because
/// the media task must never wait on the disk; entries come only from
/// joins and leaves, which the socket cap and rate limits already bound.
pub type AuditSender = mpsc::UnboundedSender<(MeetingId, AuditEntry)>;

/// From the media task to a signaling socket. Messages are behind a
/// pointer: every socket's queue keeps its slots in blocks of 32 whatever
/// it holds, and a message inline (64 bytes) made those blocks 4 KiB of
/// each member's memory; the numbered ones are also the copy kept for a
/// resume, shared rather than cloned.
#[derive(Debug)]
pub enum Outbound {
    /// Not part of the numbered stream (the socket's own errors, `resumed`).
    Message(Box<ServerMessage>),
    /// The `seq`th message to this member since it joined.
    Numbered {
        seq: u64,
        message: Arc<sessions::SharedMessage>,
    },
    Close,
}

/// How often `/metrics`' participant and meeting gauges are refreshed: a
/// scrape every 15 s or so needs no fresher figure, and counting costs a
/// walk over every meeting.
const GAUGE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

/// How long a media core lets datagrams gather after a wake-up that found
/// only a few, before it reads again. Going to sleep and waking cost more
/// than handling the two or three datagrams such a wake-up carried (a
/// quarter of the server's time at 13k packets/s, BENCHMARKS.md); after
/// this pause a read takes what arrived meanwhile in one call and one pass
/// over the peers. It adds at most this much delay to a packet, and only
/// when the core is lightly loaded: a read that fills its batch means more
/// is waiting, and the core reads on at once. 1 ms is far below what a
/// receiver's jitter buffer holds (20 ms and more), while a shorter pause
/// gathers too little at moderate load to save anything.
pub const COALESCE: std::time::Duration = std::time::Duration::from_millis(1);

/// Frames from all ICE-TCP connections on their way to the media task. A
/// burst beyond it is dropped, as a full UDP receive buffer would drop it.
const TCP_EVENT_QUEUE: usize = 4096;

/// The media cores' command queues. A meeting always lives on the same
/// core, chosen from its id alone, so every socket of a meeting (joins,
/// messages, resumes) and the server's own `End` reach the one core that
/// holds it, with no table to keep.
#[derive(Clone)]
pub struct Shards(std::sync::Arc<[mpsc::Sender<Command>]>);

impl Shards {
    /// # Panics
    /// With no core at all (the configuration always has at least one).
    pub fn new(cores: Vec<mpsc::Sender<Command>>) -> Self {
        assert!(!cores.is_empty(), "at least one media core");
        Self(cores.into())
    }

    /// The core `meeting` lives on.
    pub fn for_meeting(&self, meeting: &MeetingId) -> &mpsc::Sender<Command> {
        &self.0[core_of(meeting.as_str(), self.0.len())]
    }
}

/// Which of `cores` a meeting lives on: a fold of its id's bytes. Ids are
/// random (128 bits), so meetings spread evenly; the rule needs no state
/// and is the same on every run, which tests rely on.
pub fn core_of(meeting: &str, cores: usize) -> usize {
    let folded = meeting
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    // `cores` is at most 16, so both conversions are exact.
    (folded % cores.max(1) as u64) as usize
}

/// What every meeting on this server gets.
#[derive(Debug, Clone, Copy)]
pub struct MeetingDefaults {
    pub max_participants: usize,
    /// Recent speakers' cameras a participant gets until it asks otherwise.
    pub last_n: usize,
}

/// Everything a media core runs with, apart from its sockets.
pub struct CoreSetup {
    pub core: usize,
    pub defaults: MeetingDefaults,
    pub commands: mpsc::Receiver<Command>,
    pub audit: AuditSender,
    pub metrics: std::sync::Arc<Metrics>,
    pub recordings: Option<RecordingConfig>,
}

/// Starts a media core on a thread of its own, with a single-threaded
/// runtime that reads its sockets. A datagram then wakes the thread that
/// handles it, where on the shared multi-threaded runtime a wake-up could
/// also wake or hand work to another worker thread (a third fewer context
/// switches, BENCHMARKS.md), and the core may block its own thread for
/// [`COALESCE`]. The cost is one thread per core that signaling work cannot
/// borrow, which is the point.
///
/// The sockets were bound on the calling runtime; they move to the core's.
pub fn spawn_core(
    sockets: Vec<MediaSocket>,
    listeners: Vec<MediaListener>,
    setup: CoreSetup,
) -> std::io::Result<()> {
    let sockets = sockets
        .into_iter()
        .map(|s| Ok((s.socket.into_std()?, s.candidate)))
        .collect::<std::io::Result<Vec<_>>>()?;
    let listeners = listeners
        .into_iter()
        .map(|l| Ok((l.listener.into_std()?, l.candidate)))
        .collect::<std::io::Result<Vec<_>>>()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name(format!("media-{}", setup.core))
        .spawn(move || {
            runtime.block_on(async move {
                let registered = register(sockets, listeners);
                match registered {
                    Ok((sockets, listeners)) => run(sockets, listeners, setup).await,
                    Err(e) => tracing::error!(core = setup.core, "media core cannot start: {e}"),
                }
            });
        })?;
    Ok(())
}

/// Hands sockets to the runtime this is called on.
fn register(
    sockets: Vec<(std::net::UdpSocket, SocketAddr)>,
    listeners: Vec<(std::net::TcpListener, SocketAddr)>,
) -> std::io::Result<(Vec<MediaSocket>, Vec<MediaListener>)> {
    let sockets = sockets
        .into_iter()
        .map(|(socket, candidate)| {
            Ok(MediaSocket {
                socket: UdpSocket::from_std(socket)?,
                candidate,
            })
        })
        .collect::<std::io::Result<_>>()?;
    let listeners = listeners
        .into_iter()
        .map(|(listener, candidate)| {
            Ok(MediaListener {
                listener: tokio::net::TcpListener::from_std(listener)?,
                candidate,
            })
        })
        .collect::<std::io::Result<_>>()?;
    Ok((sockets, listeners))
}

/// One media core's loop, until its command queue closes.
pub async fn run(sockets: Vec<MediaSocket>, listeners: Vec<MediaListener>, setup: CoreSetup) {
    let CoreSetup {
        core,
        defaults,
        mut commands,
        audit,
        metrics,
        recordings,
    } = setup;
    let mut recorders = Recorders::new(recordings);
    let candidates = Candidates {
        udp: sockets.iter().map(|s| s.candidate).collect(),
        tcp: listeners.iter().map(|l| l.candidate).collect(),
    };
    let mut conference = Conference::new(candidates, defaults.max_participants, Instant::now());
    conference.set_default_last_n(defaults.last_n);
    let (tcp_events, mut tcp_rx) = mpsc::channel(TCP_EVENT_QUEUE);
    tcp::spawn_listeners(listeners, tcp_events);
    let mut tcp_writers: HashMap<SocketAddr, mpsc::Sender<Vec<u8>>> = HashMap::new();
    let mut next_socket = 0;
    let mut sessions: Sessions<mpsc::Sender<Outbound>> = Sessions::default();
    let mut received = RecvBatch::default();
    for s in &sockets {
        // Without stamps the delay is counted from the read: still a
        // figure, only a smaller one.
        if let Err(e) = batch::stamp_arrivals(&s.socket) {
            tracing::warn!("udp arrival stamps unavailable, delays counted from the read: {e}");
        }
    }
    // When this wake-up's media packets arrived, for the forwarding delay
    // once its output is sent; kept between wake-ups for its capacity.
    let mut media_arrivals: Vec<Instant> = Vec::with_capacity(batch::BATCH);
    // Per socket, what this wake-up sends from it (one `sendmmsg` per
    // batch); kept between wake-ups so their capacity is reused.
    let mut outgoing: Vec<Vec<str0m::net::Transmit>> = sockets.iter().map(|_| Vec::new()).collect();
    let mut send_failures: u64 = 0;
    let mut next_gauges = Instant::now();
    // This core's share of the server-wide gauges, as last added to them.
    let (mut counted_participants, mut counted_meetings, mut counted_peers) = (0i64, 0i64, 0i64);
    let busy = metrics.core_busy(core);
    loop {
        let deadline = conference.poll_timeout();
        let deadline = sessions
            .poll_timeout()
            .map_or(deadline, |t| t.min(deadline));
        let mut light = false;
        tokio::select! {
            command = commands.recv() => {
                let Some(command) = command else { break };
                let now = Instant::now();
                match command {
                    Command::Join { id, socket, meeting, request, outbox } => {
                        sessions.open(id, socket, outbox);
                        conference.handle_join_request(id, meeting, request, now);
                    }
                    Command::Resume { token, seen, socket, outbox, reply } => {
                        let resumed = sessions.resume(&token, seen, socket, outbox);
                        if let Ok(id) = resumed {
                            tracing::info!(participant = %id, "signaling resumed on a new socket");
                        }
                        let _ = reply.send(resumed);
                    }
                    Command::End { meeting } => conference.handle_end(&meeting, now),
                    Command::Message { id, socket, message } => {
                        // A superseded socket's late messages are not the member's.
                        if sessions.is_current(id, socket) {
                            match message {
                                ClientMessage::Ping { seen: Some(seq) } => {
                                    sessions.acknowledge(id, socket, seq);
                                }
                                ClientMessage::SubscribeAnswer { .. } => sessions.answered(id, socket),
                                _ => {}
                            }
                            conference.handle_message(id, message, now);
                        }
                    }
                    Command::Disconnected { id, socket, on_purpose } => {
                        match sessions.close_socket(id, socket, on_purpose, now) {
                            Closed::Gone => conference.handle_disconnected(id, now),
                            Closed::Held => {
                                tracing::info!(participant = %id, "signaling socket lost; place held for a resume");
                            }
                            Closed::Stale => {}
                        }
                    }
                }
            }
            (on, read) = recv_any(&sockets, &mut received, &mut next_socket) => match read {
                Ok(n) => {
                    light = n < batch::BATCH;
                    metrics.received_packets.inc_by(n as u64);
                    let now = Instant::now();
                    for (data, source, arrived) in received.datagrams() {
                        if is_rtp(data) {
                            media_arrivals.push(arrived);
                        }
                        conference.handle_datagram(now, source, sockets[on].candidate, data);
                    }
                }
                Err(e) => tracing::debug!("udp receive failed: {e}"),
            },
            Some(event) = tcp_rx.recv() => match event {
                TcpEvent::Opened { remote, writer } => {
                    tcp_writers.insert(remote, writer);
                }
                TcpEvent::Frame { remote, local, data } => {
                    metrics.received_packets.inc();
                    conference.handle_receive(Instant::now(), Protocol::Tcp, remote, local, &data);
                }
                TcpEvent::Closed { remote } => {
                    tcp_writers.remove(&remote);
                }
            },
            _ = tokio::time::sleep_until(deadline.into()) => {}
        }
        // Timers run in every wake-up they are due by, not only when the
        // sleep above ends: packets just forwarded to receivers are due at
        // once (str0m stamps and paces them in a timeout), so they leave in
        // this wake-up's batch rather than a wake-up later.
        let now = Instant::now();
        if sessions.poll_timeout().is_some_and(|t| t <= now) {
            for id in sessions.handle_timeout(now) {
                tracing::info!(participant = %id, "not back within the resume grace; gone");
                conference.handle_disconnected(id, now);
            }
        }
        if conference.poll_timeout() <= now {
            conference.handle_timeout(now);
        }
        let woke = now;
        let mut flushed = batch::Flushed::default();
        while let Some(t) = conference.poll_transmit() {
            match t.proto {
                // The socket whose address the peer's ICE pair uses:
                // replies must come from where the client sent to.
                Protocol::Udp => match sockets.iter().position(|s| s.candidate == t.source) {
                    Some(on) => outgoing[on].push(t),
                    None => flushed.dropped += 1,
                },
                // A full queue (a client's TCP window shut) drops, as UDP would.
                Protocol::Tcp => {
                    let len = t.contents.len() as u64;
                    let sent = tcp_writers
                        .get(&t.destination)
                        .is_some_and(|w| w.try_send(t.contents.to_vec()).is_ok());
                    if sent {
                        flushed.sent += 1;
                        flushed.bytes += len;
                    } else {
                        flushed.dropped += 1;
                    }
                }
                _ => flushed.dropped += 1,
            }
        }
        // UDP: a full socket buffer drops packets, as the network would;
        // the peers' congestion control and NACKs deal with it.
        for (socket, transmits) in sockets.iter().zip(&mut outgoing) {
            if !transmits.is_empty() {
                let f = batch::send(&socket.socket, transmits);
                transmits.clear();
                flushed.sent += f.sent;
                flushed.bytes += f.bytes;
                flushed.dropped += f.dropped;
            }
        }
        // What this wake-up forwarded is with the kernel now: its media
        // packets' time in the server ends here. One observation per packet
        // received (a lock each), not per copy sent.
        if !media_arrivals.is_empty() {
            let sent_at = Instant::now();
            for arrived in media_arrivals.drain(..) {
                metrics
                    .forward_delay_seconds
                    .observe(sent_at.saturating_duration_since(arrived).as_secs_f64());
            }
        }
        metrics.sent_packets.inc_by(flushed.sent);
        metrics.sent_bytes.inc_by(flushed.bytes);
        if flushed.dropped > 0 {
            metrics.dropped_packets.inc_by(flushed.dropped);
            let before = send_failures;
            send_failures += flushed.dropped;
            // Logged at each power of two, not per packet.
            if send_failures.ilog2() != before.checked_ilog2().unwrap_or(u32::MAX) {
                tracing::warn!(send_failures, "udp send buffer full, dropping packets");
            }
        }
        while let Some(packet) = conference.poll_recorded() {
            recorders.packet(packet);
        }
        while let Some(room) = recorders.poll_failed() {
            conference.handle_recording_failed(room, "writing it to disk failed", Instant::now());
        }
        deliver(&mut conference, &mut sessions, &audit, &mut recorders);
        // Counting people walks every meeting: once a second, not per packet.
        // Each core adds the change in its own count, so the gauges hold the
        // sum over cores.
        if woke >= next_gauges {
            next_gauges = woke + GAUGE_INTERVAL;
            let participants = i64::try_from(conference.participant_count()).unwrap_or(i64::MAX);
            let meetings = i64::try_from(conference.meeting_count()).unwrap_or(i64::MAX);
            let peers = i64::try_from(conference.peer_count()).unwrap_or(i64::MAX);
            metrics
                .participants
                .inc_by(participants - counted_participants);
            metrics.meetings.inc_by(meetings - counted_meetings);
            metrics.peers.inc_by(peers - counted_peers);
            (counted_participants, counted_meetings, counted_peers) =
                (participants, meetings, peers);
        }
        // The wait for the next event is not work; the time since waking is.
        let worked = woke.elapsed();
        metrics.add_busy(worked);
        busy.inc_by(worked.as_secs_f64());
        // This thread is the core's alone (`spawn_core`): blocking it holds
        // back nothing but the core's own next read.
        if light && worked < COALESCE {
            std::thread::sleep(COALESCE - worked);
        }
    }
}

/// Whether a datagram is RTP media (RFC 7983: first byte 128-191), not
/// RTCP (RFC 5761: packet types 192-223 in the second byte), STUN or DTLS.
fn is_rtp(data: &[u8]) -> bool {
    data.len() >= 12 && (128..=191).contains(&data[0]) && !(192..=223).contains(&data[1])
}

/// The next datagrams on any socket, up to a batch in one system call:
/// which socket, and how many (in `batch`). Sockets are asked in turn from
/// `*next`, so a busy one cannot starve the others.
async fn recv_any(
    sockets: &[MediaSocket],
    batch: &mut RecvBatch,
    next: &mut usize,
) -> (usize, std::io::Result<usize>) {
    poll_fn(|cx| {
        let count = sockets.len();
        for k in 0..count {
            let on = (*next + k) % count;
            // Readiness can be stale: a read that finds nothing clears it
            // and the socket is polled again, which registers the waker.
            while let Poll::Ready(ready) = sockets[on].socket.poll_recv_ready(cx) {
                if let Err(e) = ready {
                    return Poll::Ready((on, Err(e)));
                }
                match batch.read(&sockets[on].socket) {
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                    read => {
                        *next = (on + 1) % count;
                        return Poll::Ready((on, read));
                    }
                }
            }
        }
        Poll::Pending
    })
    .await
}

fn deliver(
    conference: &mut Conference,
    sessions: &mut Sessions<mpsc::Sender<Outbound>>,
    audit: &AuditSender,
    recorders: &mut Recorders,
) {
    while let Some(delivery) = conference.poll_delivery() {
        match delivery {
            Delivery::Send(id, message) => {
                if sessions.send(id, message, Instant::now()) == Sent::Lost {
                    // A client that cannot keep up with signaling (or whose
                    // socket task is gone) and cannot resume is dropped
                    // rather than buffered without bound.
                    tracing::info!(participant = %id, "signaling backlog full, disconnecting");
                    sessions.close(id);
                    conference.handle_disconnected(id, Instant::now());
                }
            }
            Delivery::Close(id) => sessions.close(id),
            Delivery::Audit(meeting, event) => record(audit, meeting, event),
            Delivery::Recording {
                room,
                meeting,
                active: true,
            } => {
                if let Err(reason) = recorders.start(room, &meeting) {
                    tracing::warn!(%meeting, "recording could not start: {reason}");
                    conference.handle_recording_failed(room, &reason, Instant::now());
                }
            }
            Delivery::Recording {
                room,
                active: false,
                ..
            } => recorders.stop(room),
            Delivery::RecordingKey {
                room,
                from,
                epoch,
                sealed,
            } => recorders.key(room, from, epoch, sealed),
        }
    }
}

fn record(audit: &AuditSender, meeting: MeetingId, event: AuditEvent) {
    let entry = AuditEntry {
        at: crate::store::now(),
        event,
    };
    if audit.send((meeting, entry)).is_err() {
        tracing::warn!("the audit writer is gone; an audit entry was lost");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_stays_on_one_core_and_meetings_spread_over_all() {
        let ids: Vec<String> = (0..400)
            .map(|_| MeetingId::generate().as_str().to_owned())
            .collect();
        let mut per_core = [0usize; 4];
        for id in &ids {
            let core = core_of(id, 4);
            assert_eq!(core, core_of(id, 4), "the same core every time");
            assert_eq!(core_of(id, 1), 0);
            per_core[core] += 1;
        }
        // 100 expected per core (8.7 standard deviation); half that either
        // way is far outside chance, yet a core left out would fail.
        assert!(
            per_core.iter().all(|&n| (50..=150).contains(&n)),
            "{per_core:?}"
        );
    }

    #[test]
    fn only_rtp_media_counts_as_forwarded() {
        let mut rtp = [0u8; 20];
        rtp[0] = 0x80;
        rtp[1] = 96;
        assert!(is_rtp(&rtp));
        rtp[1] = 96 | 0x80; // the marker bit: still media
        assert!(is_rtp(&rtp));
        let mut rtcp = rtp;
        rtcp[1] = 201; // a receiver report
        assert!(!is_rtp(&rtcp));
        let stun = [0u8; 20];
        assert!(!is_rtp(&stun));
        let mut dtls = [0u8; 20];
        dtls[0] = 22;
        assert!(!is_rtp(&dtls));
        assert!(!is_rtp(&rtp[..8]), "shorter than an RTP header");
    }
}
