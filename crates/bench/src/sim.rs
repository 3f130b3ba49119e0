//! A simulated participant: the signaling and WebRTC of a browser, none of
//! its media or keys. It publishes what a browser publishes (three
//! simulcast VP8 layers at 30 fps, Opus every 20 ms) as frames shaped like
//! encrypted ones (the clear VP8 header a server reads, then opaque bytes
//! of the right size), and subscribes like one (str0m answers with
//! receiver reports, NACKs and key-frame requests). No MLS, no SFrame: the
//! real clients stay for correctness runs; this one is cheap enough that
//! one core drives many hundreds of streams.
//!
//! Sans-IO like the rest: `handle_*` with the time, `poll_*` for output.
//! [`SimMedia`] is the media, the same against every server;
//! [`SimParticipant`] puts Conclave's signaling around it.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use conclave_signaling::{
    ClientMessage, PublishedTrack, ServerMessage, TrackSource, decode_server_numbered, encode,
};
use str0m::change::{SdpAnswer, SdpOffer, SdpPendingOffer};
use str0m::format::Codec;
use str0m::media::{
    Direction, Frequency, MediaKind, MediaTime, Mid, Rid, Simulcast, SimulcastLayer,
};
use str0m::net::{Protocol, Receive, Transmit};
use str0m::{Candidate, Event, Input, Output, Rtc};

/// Simulcast layers as a browser sends them, lowest first: rid, bytes per
/// frame at 30 fps, picture size. 100/300/600 kbit/s is what Chromium's
/// encoder gives a 720p camera split 1/4, 1/2, 1.
pub const LAYERS: [(&str, usize, (u16, u16)); 3] = [
    ("q", 417, (320, 180)),
    ("h", 1250, (640, 360)),
    ("f", 2500, (1280, 720)),
];
const VIDEO_FRAME: Duration = Duration::from_micros(33_333);
/// Opus at about 32 kbit/s in 20 ms frames, plus SFrame's header and tag.
const AUDIO_BYTES: usize = 100;
const AUDIO_FRAME: Duration = Duration::from_millis(20);
/// The clear start of a VP8 frame, as a browser that leaves the codec's
/// header unencrypted sends it (RFC 6386 §9.1): the 3-byte frame tag, whose
/// lowest bit says key frame or not (the only byte Conclave's SFU reads),
/// then on key frames the start code and the picture size (which Janus
/// checks before it calls a frame a key frame and switches a receiver's
/// layer on it, and from which Conclave's SFU learns each layer's height:
/// little-endian 14-bit width and height, no scaling). Delta frames carry
/// opaque bytes there.
const VP8_HEADER: usize = 10;
const VP8_START_CODE: [u8; 3] = [0x9d, 0x01, 0x2a];
/// After the header, the send time in microseconds since the run began, so
/// receivers measure the latency the server adds.
const STAMP: std::ops::Range<usize> = VP8_HEADER..VP8_HEADER + 8;

/// What this participant sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sends {
    pub audio: bool,
    pub video: bool,
}

/// What one participant measured.
#[derive(Debug, Default, Clone)]
pub struct SimStats {
    /// RTP packets that arrived on the subscribing connection.
    pub rtp_received: u64,
    pub frames_received: u64,
    /// One-way delay of received frames, sender to receiver, microseconds.
    pub delays_us: Vec<u32>,
    /// From `welcome` to the first received frame.
    pub join_to_first_frame: Option<Duration>,
    pub frames_sent: u64,
    pub errors: Vec<String>,
}

struct Source {
    mid: Mid,
    rid: Option<Rid>,
    /// Picture size its key frames announce.
    size: (u16, u16),
    bytes: usize,
    period: Duration,
    clock: u32,
    due: Instant,
    rtp_time: u64,
    keyframe_wanted: bool,
}

/// The media side of a simulated participant, whatever server it talks to:
/// one publishing and one subscribing str0m connection, the sources that
/// feed the first and the counters that read the second. The signaling
/// around it (Conclave's in [`SimParticipant`], Janus's in
/// `crate::janus`) hands it SDP and says when the participant joined.
pub struct SimMedia {
    sends: Sends,
    epoch: Instant,
    publish_addr: SocketAddr,
    subscribe_addr: SocketAddr,
    publisher: Rtc,
    subscriber: Rtc,
    pending_publish: Option<SdpPendingOffer>,
    sources: Vec<Source>,
    transmits: Vec<Transmit>,
    next_rtc: Instant,
    joined_at: Option<Instant>,
    stats: SimStats,
    /// The subscribed m-lines that carry other participants' tracks (the
    /// only ones whose frames count).
    counted: HashSet<Mid>,
    filler: Vec<u8>,
    /// Delays are recorded only inside the measured window, not while
    /// everyone is still connecting.
    measuring: bool,
    /// When the datagram being handled reached this machine's socket.
    arrived: Option<Instant>,
}

/// A Conclave participant: [`SimMedia`] behind Conclave's signaling.
pub struct SimParticipant {
    media: SimMedia,
    outgoing: Vec<ClientMessage>,
    /// The last numbered server message handled, and the last one
    /// acknowledged: as a browser does, the participant acknowledges in
    /// every ping and after every [`ACK_EVERY`] messages, so the server
    /// keeps for a resume only what it would keep for a browser.
    seen: u64,
    acknowledged: u64,
}

/// Numbered messages handled before they are acknowledged without waiting
/// for the next ping: the browser client's `ACK_EVERY`.
const ACK_EVERY: u64 = 128;

fn build_rtc(local: SocketAddr, now: Instant) -> Rtc {
    let mut rtc = Rtc::builder()
        .clear_codecs()
        .enable_opus(true, false)
        .enable_vp8(true)
        .build(now);
    if let Ok(c) = Candidate::host(local, "udp") {
        rtc.add_local_candidate(c);
    }
    rtc
}

impl SimMedia {
    pub fn new(
        sends: Sends,
        publish_addr: SocketAddr,
        subscribe_addr: SocketAddr,
        epoch: Instant,
        now: Instant,
    ) -> Self {
        Self {
            sends,
            epoch,
            publish_addr,
            subscribe_addr,
            publisher: build_rtc(publish_addr, now),
            subscriber: build_rtc(subscribe_addr, now),
            pending_publish: None,
            sources: Vec::new(),
            transmits: Vec::new(),
            next_rtc: now,
            joined_at: None,
            stats: SimStats::default(),
            counted: HashSet::new(),
            // Incompressible-looking bytes, as ciphertext is.
            filler: (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                .collect(),
            measuring: false,
            arrived: None,
        }
    }

    pub fn sends(&self) -> Sends {
        self.sends
    }

    pub fn set_measuring(&mut self, measuring: bool) {
        self.measuring = measuring;
    }

    pub fn stats(&self) -> &SimStats {
        &self.stats
    }

    pub fn record_error(&mut self, error: String) {
        self.stats.errors.push(error);
    }

    /// The server admitted the participant (Conclave's `welcome`, Janus's
    /// `joined`): join-to-first-frame counts from here.
    pub fn mark_joined(&mut self, now: Instant) {
        self.joined_at.get_or_insert(now);
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop()
    }

    /// The publishing offer (audio, then video in three simulcast layers,
    /// lowest first), with the m-line of each track; `None` when there is
    /// nothing to send.
    pub fn publish_offer(&mut self, now: Instant) -> Option<(String, Vec<(Mid, MediaKind)>)> {
        if !(self.sends.audio || self.sends.video) {
            return None;
        }
        let mut api = self.publisher.sdp_api();
        let audio = self
            .sends
            .audio
            .then(|| api.add_media(MediaKind::Audio, Direction::SendOnly, None, None, None));
        let simulcast = Simulcast {
            send: LAYERS
                .iter()
                .map(|(rid, _, _)| SimulcastLayer::new(rid))
                .collect(),
            recv: vec![],
        };
        let video = self.sends.video.then(|| {
            api.add_media(
                MediaKind::Video,
                Direction::SendOnly,
                None,
                None,
                Some(simulcast),
            )
        });
        let (offer, pending) = api.apply()?;
        self.pending_publish = Some(pending);
        let mut tracks = Vec::new();
        if let Some(mid) = audio {
            tracks.push((mid, MediaKind::Audio));
            self.sources.push(Source {
                mid,
                rid: None,
                size: (0, 0),
                bytes: AUDIO_BYTES,
                period: AUDIO_FRAME,
                clock: 48_000,
                due: now,
                rtp_time: 0,
                keyframe_wanted: false,
            });
        }
        if let Some(mid) = video {
            tracks.push((mid, MediaKind::Video));
            for (rid, bytes, size) in LAYERS {
                self.sources.push(Source {
                    mid,
                    rid: Some(Rid::from(rid)),
                    size,
                    bytes,
                    period: VIDEO_FRAME,
                    clock: 90_000,
                    due: now,
                    rtp_time: 0,
                    keyframe_wanted: true,
                });
            }
        }
        self.drain(now);
        Some((offer.to_sdp_string(), tracks))
    }

    pub fn accept_publish_answer(&mut self, sdp: &str, now: Instant) {
        match (SdpAnswer::from_sdp_string(sdp), self.pending_publish.take()) {
            (Ok(answer), Some(pending)) => {
                if let Err(e) = self.publisher.sdp_api().accept_answer(pending, answer) {
                    self.stats.errors.push(format!("publish answer: {e}"));
                }
            }
            (Err(e), _) => self.stats.errors.push(format!("publish answer: {e}")),
            (Ok(_), None) => {}
        }
        self.drain(now);
    }

    /// Answers the server's offer of other participants' tracks; `counted`
    /// are the m-lines that carry them. `None` (and an error recorded) if
    /// the offer is unusable.
    pub fn accept_subscribe_offer(
        &mut self,
        sdp: &str,
        counted: impl IntoIterator<Item = Mid>,
        now: Instant,
    ) -> Option<String> {
        let answer = SdpOffer::from_sdp_string(sdp)
            .map_err(|e| e.to_string())
            .and_then(|o| {
                self.subscriber
                    .sdp_api()
                    .accept_offer(o)
                    .map_err(|e| e.to_string())
            });
        let answer = match answer {
            Ok(answer) => {
                self.counted = counted.into_iter().collect();
                Some(answer.to_sdp_string())
            }
            Err(e) => {
                self.stats.errors.push(format!("subscribe offer: {e}"));
                None
            }
        };
        self.drain(now);
        answer
    }

    /// A datagram that arrived on the socket bound to `destination`,
    /// handled at `now`; `arrived` is when the kernel took it in (earlier
    /// when this load generator was busy elsewhere), where the delays
    /// measured from it end.
    pub fn handle_datagram(
        &mut self,
        now: Instant,
        arrived: Instant,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) {
        let Ok(contents) = data.try_into() else {
            return;
        };
        let input = Input::Receive(
            now,
            Receive {
                proto: Protocol::Udp,
                source,
                destination,
                contents,
            },
        );
        let rtc = if destination == self.subscribe_addr {
            // RTP, not RTCP (RFC 5761: RTCP packet types are 192-223), and
            // not the pacer's padding (the P bit; no sender here pads
            // media): what the server forwarded, not what it made up.
            if data.len() > 12
                && data[0] >> 6 == 2
                && data[0] & 0x20 == 0
                && !(192..=223).contains(&data[1])
            {
                self.stats.rtp_received += 1;
            }
            &mut self.subscriber
        } else if destination == self.publish_addr {
            &mut self.publisher
        } else {
            return;
        };
        if rtc.accepts(&input)
            && let Err(e) = rtc.handle_input(input)
        {
            self.stats.errors.push(format!("media input: {e}"));
        }
        self.arrived = Some(arrived.min(now));
        self.drain(now);
        self.arrived = None;
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        for rtc in [&mut self.publisher, &mut self.subscriber] {
            if let Err(e) = rtc.handle_input(Input::Timeout(now)) {
                self.stats.errors.push(format!("media timeout: {e}"));
            }
        }
        self.send_media(now);
        self.drain(now);
    }

    pub fn poll_timeout(&self) -> Instant {
        self.sources
            .iter()
            .map(|s| s.due)
            .fold(self.next_rtc, Instant::min)
    }

    fn send_media(&mut self, now: Instant) {
        let connected = self.publisher.is_connected();
        let stamp = u64::try_from(now.duration_since(self.epoch).as_micros()).unwrap_or(u64::MAX);
        for source in &mut self.sources {
            while source.due <= now {
                source.due += source.period;
                let step = u64::from(source.clock) * source.period.as_micros() as u64 / 1_000_000;
                source.rtp_time += step;
                if !connected {
                    continue;
                }
                let Some(writer) = self.publisher.writer(source.mid) else {
                    continue;
                };
                let codec = if source.rid.is_some() {
                    Codec::Vp8
                } else {
                    Codec::Opus
                };
                let Some(pt) = writer
                    .payload_params()
                    .find(|p| p.spec().codec == codec)
                    .map(|p| p.pt())
                else {
                    continue;
                };
                let Some(freq) = Frequency::new(source.clock) else {
                    continue;
                };
                let mut frame = Vec::with_capacity(source.bytes);
                // VP8's inverse key-frame bit: 0 = key frame.
                frame.extend_from_slice(&[u8::from(!source.keyframe_wanted), 0, 0]);
                if source.keyframe_wanted {
                    frame.extend_from_slice(&VP8_START_CODE);
                    frame.extend_from_slice(&source.size.0.to_le_bytes());
                    frame.extend_from_slice(&source.size.1.to_le_bytes());
                } else {
                    frame.extend_from_slice(&self.filler[..VP8_HEADER - 3]);
                }
                frame.extend_from_slice(&stamp.to_be_bytes());
                while frame.len() < source.bytes {
                    let take = (source.bytes - frame.len()).min(self.filler.len());
                    frame.extend_from_slice(&self.filler[..take]);
                }
                let writer = match source.rid {
                    Some(rid) => writer.rid(rid),
                    None => writer,
                };
                let time = MediaTime::new(source.rtp_time, freq);
                if writer.write(pt, now, time, frame).is_ok() {
                    self.stats.frames_sent += 1;
                    source.keyframe_wanted = false;
                }
            }
        }
    }

    fn drain(&mut self, now: Instant) {
        let mut next = now + Duration::from_secs(1);
        for publisher in [true, false] {
            loop {
                let rtc = if publisher {
                    &mut self.publisher
                } else {
                    &mut self.subscriber
                };
                match rtc.poll_output() {
                    Ok(Output::Timeout(t)) => {
                        next = next.min(t);
                        break;
                    }
                    Ok(Output::Transmit(t)) => self.transmits.push(t),
                    Ok(Output::Event(e)) => self.handle_event(e, now),
                    Err(e) => {
                        self.stats.errors.push(format!("media: {e}"));
                        break;
                    }
                }
            }
        }
        self.next_rtc = next;
    }

    fn handle_event(&mut self, event: Event, now: Instant) {
        match event {
            Event::MediaData(data) => {
                if !self.counted.contains(&data.mid) {
                    return;
                }
                self.stats.frames_received += 1;
                if self.stats.join_to_first_frame.is_none()
                    && let Some(at) = self.joined_at
                {
                    self.stats.join_to_first_frame = Some(now.duration_since(at));
                }
                if !self.measuring {
                    return;
                }
                if let Some(sent) = data
                    .data
                    .get(STAMP)
                    .and_then(|b| <[u8; 8]>::try_from(b).ok())
                    .map(u64::from_be_bytes)
                {
                    // A frame completed by this datagram counts to its
                    // arrival; one str0m let out later (after a reorder or
                    // a resend) to when it did.
                    let at = self.arrived.unwrap_or(now);
                    let at = u64::try_from(at.saturating_duration_since(self.epoch).as_micros())
                        .unwrap_or(u64::MAX);
                    let delay = at.saturating_sub(sent);
                    self.stats
                        .delays_us
                        .push(u32::try_from(delay).unwrap_or(u32::MAX));
                }
            }
            Event::KeyframeRequest(request) => {
                for s in &mut self.sources {
                    if s.mid == request.mid && (request.rid.is_none() || s.rid == request.rid) {
                        s.keyframe_wanted = true;
                    }
                }
            }
            _ => {}
        }
    }
}

impl SimParticipant {
    pub fn new(
        sends: Sends,
        publish_addr: SocketAddr,
        subscribe_addr: SocketAddr,
        epoch: Instant,
        now: Instant,
    ) -> Self {
        Self {
            media: SimMedia::new(sends, publish_addr, subscribe_addr, epoch, now),
            outgoing: vec![ClientMessage::Join {
                host_secret: None,
                device: None,
            }],
            seen: 0,
            acknowledged: 0,
        }
    }

    fn ping(&mut self) -> ClientMessage {
        self.acknowledged = self.seen;
        ClientMessage::Ping {
            seen: (self.seen > 0).then_some(self.seen),
        }
    }

    pub fn poll_signaling(&mut self) -> Option<ClientMessage> {
        (!self.outgoing.is_empty()).then(|| self.outgoing.remove(0))
    }

    pub fn handle_server(&mut self, message: ServerMessage, now: Instant) {
        match message {
            ServerMessage::Welcome { .. } => {
                self.media.mark_joined(now);
                if let Some((sdp, tracks)) = self.media.publish_offer(now) {
                    let tracks = tracks
                        .into_iter()
                        .map(|(mid, kind)| PublishedTrack {
                            mid: mid.to_string(),
                            source: match kind {
                                MediaKind::Audio => TrackSource::Microphone,
                                MediaKind::Video => TrackSource::Camera,
                            },
                        })
                        .collect();
                    self.outgoing
                        .push(ClientMessage::PublishOffer { sdp, tracks });
                }
            }
            ServerMessage::PublishAnswer { sdp } => self.media.accept_publish_answer(&sdp, now),
            ServerMessage::SubscribeOffer { sdp, tracks } => {
                let counted = tracks.iter().map(|t| Mid::from(t.mid.as_str()));
                if let Some(sdp) = self.media.accept_subscribe_offer(&sdp, counted, now) {
                    self.outgoing.push(ClientMessage::SubscribeAnswer { sdp });
                }
            }
            ServerMessage::Error { message, fatal, .. } if fatal => {
                self.media.record_error(message);
            }
            _ => {}
        }
    }
}

impl crate::load::Signaling for SimParticipant {
    fn media(&mut self) -> &mut SimMedia {
        &mut self.media
    }

    fn poll_message(&mut self) -> Option<String> {
        self.poll_signaling().map(|m| encode(&m))
    }

    fn handle_message(&mut self, text: &str, now: Instant) {
        if let Ok((seq, m)) = decode_server_numbered(text) {
            if let Some(seq) = seq {
                self.seen = self.seen.max(seq);
                if self.seen >= self.acknowledged + ACK_EVERY {
                    let ping = self.ping();
                    self.outgoing.push(ping);
                }
            }
            self.handle_server(m, now);
        }
    }

    fn keepalive(&mut self) -> Option<String> {
        Some(encode(&self.ping()))
    }

    fn leave(&mut self) -> Option<String> {
        Some(encode(&ClientMessage::Leave))
    }
}
