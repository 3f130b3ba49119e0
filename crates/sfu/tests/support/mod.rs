//! A whole meeting in one thread: simulated clients (str0m peers, as a
//! browser would be) publish audio and simulcast video through the SFU over
//! an in-memory network, with a fake clock. Nothing here touches a socket.
//! Shared by the simulated-meeting tests and the forwarding benchmark.

// Each user (a test binary, a bench) uses a different part of it.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use conclave_sfu::{RoomKey, Sfu, SfuEvent};
use conclave_signaling::{ParticipantId, PublishedTrack, SubscribedTrack, TrackId, TrackSource};
use str0m::change::{SdpAnswer, SdpOffer, SdpPendingOffer};
use str0m::format::Codec;
use str0m::media::{Direction, MediaKind, Mid, Rid, Simulcast, SimulcastLayer};
use str0m::net::{Protocol, Receive, Transmit};
use str0m::rtp::{ExtensionValues, RtpWrite, SeqNo};
use str0m::{Candidate, Event, Input, Output, Rtc};

pub const SFU_ADDR: &str = "127.0.0.1:40000";
pub const RIDS: [&str; 3] = ["q", "h", "f"];
/// One simulated frame interval (about 30 fps video, and 1.5 audio packets).
pub const TICK: Duration = Duration::from_millis(33);
/// Key frame every second, as a browser does when asked (and at start).
pub const KEYFRAME_EVERY: u64 = 30;

pub struct SimPeer {
    pub rtc: Rtc,
    pub addr: SocketAddr,
    pub next_timeout: Instant,
}

impl SimPeer {
    pub fn new(addr: SocketAddr, now: Instant) -> Self {
        let mut rtc = Rtc::builder()
            .set_rtp_mode(true)
            .clear_codecs()
            .enable_opus(true, false)
            .enable_vp8(true)
            // What the SFU's receiver reports tell a sender (egress stats).
            .set_stats_interval(Some(Duration::from_secs(1)))
            .build(now);
        rtc.add_local_candidate(Candidate::host(addr, "udp").unwrap());
        Self {
            rtc,
            addr,
            next_timeout: now,
        }
    }
}

/// A camera packet as received: its sequence number, whether its payload
/// arrived intact, and its VP8 picture numbers (PictureID, TL0PICIDX).
pub type CameraArrival = (u64, bool, Option<(u16, u8)>);

pub struct SimClient {
    pub id: ParticipantId,
    pub publisher: SimPeer,
    pub subscriber: SimPeer,
    pub audio_mid: Mid,
    pub video_mid: Mid,
    pub frame: u64,
    pub seq: HashMap<(Mid, Option<Rid>), u64>,
    /// mid → what the SFU said it carries.
    pub tracks: HashMap<Mid, SubscribedTrack>,
    /// Packets received per (sender, source).
    pub received: HashMap<(ParticipantId, TrackSource), usize>,
    /// Payloads that arrived whole and unmodified.
    pub intact_payloads: usize,
    pub pending_publish: Option<SdpPendingOffer>,
    /// Layers the SFU asked a key frame of (answered on the next frame).
    pub keyframe_asked: Vec<Option<Rid>>,
    /// The cameras the SFU last said it holds back from this client.
    pub paused: Vec<TrackId>,
    /// Picture size (width, height) per layer, lowest first, written into
    /// key frames as VP8 does; `None` sends bare frame tags.
    pub picture_sizes: Option<[(u16, u16); 3]>,
    /// The loss the SFU's receiver reports last gave per published m-line.
    pub reported_loss: HashMap<Mid, f32>,
    /// Write VP8's running picture numbers (a 15-bit PictureID and a
    /// TL0PICIDX, each layer from its own start, as browsers do).
    pub picture_numbers: bool,
    /// (PictureID, TL0PICIDX) of each camera packet received, in order.
    pub received_picture_numbers: Vec<(u16, u8)>,
    /// Every camera packet received, in arrival order: its sequence number,
    /// whether its payload arrived intact, and its picture numbers.
    pub camera_arrivals: Vec<CameraArrival>,
    /// RTP packets that came to the subscribing peer with the padding bit
    /// (the pacer's padding: media here is never padded).
    pub padded_packets: usize,
}

impl SimClient {
    pub fn new(id: ParticipantId, now: Instant) -> Self {
        let n = id.0 as u8;
        Self {
            id,
            publisher: SimPeer::new(SocketAddr::from(([127, 0, 1, n], 5000)), now),
            subscriber: SimPeer::new(SocketAddr::from(([127, 0, 1, n], 5001)), now),
            audio_mid: Mid::from("a"),
            video_mid: Mid::from("v"),
            frame: 0,
            seq: HashMap::new(),
            tracks: HashMap::new(),
            received: HashMap::new(),
            intact_payloads: 0,
            paused: Vec::new(),
            pending_publish: None,
            keyframe_asked: Vec::new(),
            picture_sizes: None,
            reported_loss: HashMap::new(),
            picture_numbers: false,
            received_picture_numbers: Vec::new(),
            camera_arrivals: Vec::new(),
            padded_packets: 0,
        }
    }

    /// Builds the publish offer: microphone + camera with three simulcast layers.
    pub fn publish_offer(&mut self) -> (String, Vec<PublishedTrack>) {
        let mut api = self.publisher.rtc.sdp_api();
        self.audio_mid = api.add_media(MediaKind::Audio, Direction::SendOnly, None, None, None);
        let simulcast = Simulcast {
            send: RIDS.iter().map(|r| SimulcastLayer::new(r)).collect(),
            recv: vec![],
        };
        self.video_mid = api.add_media(
            MediaKind::Video,
            Direction::SendOnly,
            None,
            None,
            Some(simulcast),
        );
        let (offer, pending) = api.apply().expect("changes");
        self.pending_publish = Some(pending);
        let tracks = vec![
            PublishedTrack {
                mid: self.audio_mid.to_string(),
                source: TrackSource::Microphone,
            },
            PublishedTrack {
                mid: self.video_mid.to_string(),
                source: TrackSource::Camera,
            },
        ];
        (offer.to_sdp_string(), tracks)
    }

    pub fn accept_publish_answer(&mut self, sdp: &str) {
        let answer = SdpAnswer::from_sdp_string(sdp).unwrap();
        let pending = self.pending_publish.take().unwrap();
        self.publisher
            .rtc
            .sdp_api()
            .accept_answer(pending, answer)
            .unwrap();
    }

    pub fn accept_subscribe_offer(&mut self, sdp: &str, tracks: Vec<SubscribedTrack>) -> String {
        let offer = SdpOffer::from_sdp_string(sdp).unwrap();
        let answer = self.subscriber.rtc.sdp_api().accept_offer(offer).unwrap();
        self.tracks = tracks
            .into_iter()
            .map(|t| (Mid::from(t.mid.as_str()), t))
            .collect();
        answer.to_sdp_string()
    }

    /// Writes one frame interval of media: an audio packet and one VP8
    /// packet per simulcast layer. The payload carries a recognisable
    /// marker so receivers can check it arrived untouched.
    pub fn send_media(&mut self, now: Instant) {
        if !self.publisher.rtc.is_connected() {
            return;
        }
        let frame = self.frame;
        self.frame += 1;
        let opus = self
            .publisher
            .rtc
            .codec_config()
            .params()
            .iter()
            .find(|p| p.spec().codec == Codec::Opus)
            .map(|p| p.pt());
        let vp8 = self
            .publisher
            .rtc
            .codec_config()
            .params()
            .iter()
            .find(|p| p.spec().codec == Codec::Vp8)
            .map(|p| p.pt());
        let (Some(opus), Some(vp8)) = (opus, vp8) else {
            return;
        };
        let mut targets: Vec<(Mid, Option<Rid>, bool)> = vec![(self.audio_mid, None, false)];
        for rid in RIDS {
            targets.push((self.video_mid, Some(Rid::from(rid)), true));
        }
        let asked = std::mem::take(&mut self.keyframe_asked);
        for (mid, rid, video) in targets {
            let seq = self.seq.entry((mid, rid)).or_insert(1);
            let seq_no = SeqNo::from(*seq);
            *seq += 1;
            let mut payload = if video {
                let key = frame.is_multiple_of(KEYFRAME_EVERY) || asked.contains(&rid);
                let layer = RIDS.iter().position(|r| rid.as_deref() == Some(*r));
                // VP8 descriptor: S=1, PID=0 (and with X, I, L, T: the
                // picture numbers, layers far apart); then the frame's first
                // byte.
                let mut p = if self.picture_numbers {
                    let start = [100u16, 20_000, 7_000][layer.unwrap_or(0)];
                    let [high, low] = (start.wrapping_add(frame as u16) & 0x7fff).to_be_bytes();
                    let tl0 = ([5u8, 250, 90][layer.unwrap_or(0)]).wrapping_add(frame as u8);
                    // TL0PICIDX comes with a TID byte (RFC 7741): TID 0.
                    vec![0x90, 0xe0, 0x80 | high, low, tl0, 0x00]
                } else {
                    vec![0x10]
                };
                p.push(if key { 0x00 } else { 0x01 });
                if let (true, Some(sizes), Some(layer)) = (key, self.picture_sizes, layer) {
                    // Rest of the frame tag, start code, width, height.
                    let (w, h) = sizes[layer];
                    p.extend_from_slice(&[0x00, 0x00, 0x9d, 0x01, 0x2a]);
                    p.extend_from_slice(&w.to_le_bytes());
                    p.extend_from_slice(&h.to_le_bytes());
                }
                p
            } else {
                vec![]
            };
            payload.extend_from_slice(b"MARKER");
            payload.extend_from_slice(&self.id.0.to_be_bytes());
            // Layers differ in size as real ones do (about 3x per step).
            let size = match rid.as_deref() {
                Some("q") => 150,
                Some("h") => 450,
                Some(_) => 1100,
                None => 80,
            };
            payload.resize(size, 0xab);
            let (pt, clock) = if video { (vp8, 90) } else { (opus, 48) };
            let exts = ExtensionValues {
                // Everyone talks; a higher id is quieter (1 dB a step).
                audio_level: (!video).then_some(-30 - self.id.0 as i8),
                voice_activity: (!video).then_some(true),
                ..Default::default()
            };
            let mut direct = self.publisher.rtc.direct_api();
            let Some(stream) = direct.stream_tx_by_mid(mid, rid) else {
                continue;
            };
            stream.write_rtp(
                RtpWrite::new(pt, seq_no, (frame * 33 * clock) as u32, now, payload)
                    .marker(true)
                    .ext_vals(exts),
            );
        }
    }

    pub fn on_event(&mut self, event: Event) {
        if let Event::MediaEgressStats(stats) = &event {
            if let Some(loss) = stats.loss {
                self.reported_loss.insert(stats.mid, loss);
            }
            return;
        }
        if let Event::KeyframeRequest(req) = event {
            self.keyframe_asked.push(req.rid);
            return;
        }
        if let Event::RtpPacket(p) = event {
            let Some(mid) = self
                .subscriber
                .rtc
                .direct_api()
                .stream_rx(&p.header.ssrc)
                .map(|s| s.mid())
            else {
                return;
            };
            if let Some(t) = self.tracks.get(&mid) {
                *self.received.entry((t.participant, t.source)).or_default() += 1;
                let numbered = t.source == TrackSource::Camera
                    && p.payload.first().is_some_and(|b| b & 0x80 != 0);
                let picture = p
                    .payload
                    .get(2..5)
                    .filter(|_| numbered)
                    .map(|n| (u16::from_be_bytes([n[0] & 0x7f, n[1]]), n[2]));
                if let Some(picture) = picture {
                    self.received_picture_numbers.push(picture);
                }
                let offset = match t.source {
                    TrackSource::Camera if numbered => 7,
                    TrackSource::Camera => 2,
                    _ => 0,
                };
                let expect = [b"MARKER".as_slice(), &t.participant.0.to_be_bytes()].concat();
                let intact = p.payload.get(offset..offset + expect.len()) == Some(&expect[..]);
                if intact {
                    self.intact_payloads += 1;
                }
                if t.source == TrackSource::Camera {
                    self.camera_arrivals.push((*p.seq_no, intact, picture));
                }
            }
        }
    }
}

pub struct Net {
    pub sfu: Sfu,
    pub clients: Vec<SimClient>,
    pub now: Instant,
    pub sfu_addr: SocketAddr,
    /// Real time spent inside the SFU's calls (benchmarks: the clients'
    /// share of the work is not the server's).
    pub sfu_busy: Duration,
    /// Datagrams the SFU sent.
    pub sfu_sent: u64,
    /// A lossy downlink: one datagram in `n` to this participant's
    /// subscribing peer is lost (counted, so the loss is exact).
    lossy: Option<(ParticipantId, u64, u64)>,
    /// A slow downlink: datagrams to this participant's subscribing peer
    /// arrive this long after the SFU sent them.
    slow: Option<(ParticipantId, Duration)>,
    /// Datagrams on a slow downlink, with when they arrive (in send order,
    /// as the delay is the same for all).
    in_flight: VecDeque<(Instant, Transmit)>,
}

impl Net {
    pub fn new(n: u64) -> Self {
        let now = Instant::now();
        let sfu_addr: SocketAddr = SFU_ADDR.parse().unwrap();
        let mut net = Net {
            sfu: Sfu::new(vec![sfu_addr], now),
            clients: Vec::new(),
            now,
            sfu_addr,
            sfu_busy: Duration::ZERO,
            sfu_sent: 0,
            lossy: None,
            slow: None,
            in_flight: VecDeque::new(),
        };
        for i in 1..=n {
            net.join(ParticipantId(i));
        }
        net
    }

    pub fn join(&mut self, id: ParticipantId) {
        let now = self.now;
        self.sfu.add_participant(RoomKey(1), id, now).unwrap();
        let mut client = SimClient::new(id, now);
        let (offer, tracks) = client.publish_offer();
        let answer = self
            .sfu
            .handle_publish_offer(id, &offer, &tracks, now)
            .unwrap();
        client.accept_publish_answer(&answer);
        self.clients.push(client);
        self.signal();
    }

    /// Loses one in `n` datagrams to `id`'s subscriber from now on (`None`:
    /// a clean link again).
    pub fn lose_downlink(&mut self, lossy: Option<(ParticipantId, u64)>) {
        self.lossy = lossy.map(|(id, n)| (id, n, 0));
    }

    /// Delays every datagram to `id`'s subscriber by `delay` from now on.
    pub fn slow_downlink(&mut self, id: ParticipantId, delay: Duration) {
        self.slow = Some((id, delay));
    }

    pub fn leave(&mut self, id: ParticipantId) {
        self.clients.retain(|c| c.id != id);
        self.sfu.remove_participant(id, self.now);
        self.signal();
    }

    /// Delivers SFU events (subscribe offers) and the clients' answers.
    pub fn signal(&mut self) {
        while let Some(event) = self.sfu.poll_event() {
            if let SfuEvent::VideoPaused {
                participant,
                tracks,
            } = &event
                && let Some(c) = self.clients.iter_mut().find(|c| c.id == *participant)
            {
                c.paused = tracks.clone();
            }
            if let SfuEvent::SubscribeOffer {
                participant,
                sdp,
                tracks,
            } = event
                && let Some(c) = self.clients.iter_mut().find(|c| c.id == participant)
            {
                let answer = c.accept_subscribe_offer(&sdp, tracks);
                self.sfu
                    .handle_subscribe_answer(participant, &answer, self.now)
                    .unwrap();
            }
        }
    }

    /// Moves every queued datagram until the network is quiet.
    pub fn pump(&mut self) {
        // What clients sent while taking the SFU's datagrams, for the SFU.
        let mut outbox: Vec<Transmit> = Vec::new();
        for _ in 0..1000 {
            let mut moved = !outbox.is_empty();
            for t in outbox.drain(..) {
                let started = Instant::now();
                self.sfu
                    .handle_datagram(self.now, t.source, t.destination, &t.contents);
                self.sfu_busy += started.elapsed();
            }
            for c in &mut self.clients {
                let mut events = Vec::new();
                for peer in [&mut c.publisher, &mut c.subscriber] {
                    loop {
                        match peer.rtc.poll_output().unwrap() {
                            Output::Timeout(t) => {
                                peer.next_timeout = t;
                                break;
                            }
                            Output::Transmit(t) => {
                                moved = true;
                                let started = Instant::now();
                                self.sfu.handle_datagram(
                                    self.now,
                                    t.source,
                                    t.destination,
                                    &t.contents,
                                );
                                self.sfu_busy += started.elapsed();
                            }
                            Output::Event(e) => events.push(e),
                        }
                    }
                }
                for e in events {
                    c.on_event(e);
                }
            }
            while self
                .in_flight
                .front()
                .is_some_and(|(arrival, _)| *arrival <= self.now)
            {
                if let Some((_, t)) = self.in_flight.pop_front() {
                    moved = true;
                    self.deliver(t, &mut outbox);
                }
            }
            while let Some(t) = self.sfu.poll_transmit() {
                moved = true;
                self.sfu_sent += 1;
                if let Some((id, delay)) = self.slow
                    && self
                        .clients
                        .iter()
                        .any(|c| c.id == id && c.subscriber.addr == t.destination)
                {
                    self.in_flight.push_back((self.now + delay, t));
                    continue;
                }
                self.deliver(t, &mut outbox);
            }
            self.signal();
            if !moved {
                return;
            }
        }
        panic!("network never went quiet");
    }

    /// Hands a datagram from the SFU to the client it is for, the client's
    /// answers to `outbox`.
    fn deliver(&mut self, t: Transmit, outbox: &mut Vec<Transmit>) {
        if let Some(c) = self
            .clients
            .iter_mut()
            .find(|c| c.publisher.addr == t.destination || c.subscriber.addr == t.destination)
        {
            let to_subscriber = c.subscriber.addr == t.destination;
            if let Some((id, n, count)) = &mut self.lossy
                && *id == c.id
                && to_subscriber
            {
                *count += 1;
                if *count % *n == 0 {
                    return;
                }
            }
            // RTP (RFC 5761: RTCP packet types are 192-223) with P set.
            let rtp = t.contents.len() > 12
                && t.contents[0] >> 6 == 2
                && !(192..=223).contains(&t.contents[1]);
            if to_subscriber && rtp && t.contents[0] & 0x20 != 0 {
                c.padded_packets += 1;
            }
            let peer = if to_subscriber {
                &mut c.subscriber
            } else {
                &mut c.publisher
            };
            let input = Input::Receive(
                self.now,
                Receive {
                    proto: Protocol::Udp,
                    source: self.sfu_addr,
                    destination: t.destination,
                    contents: (&t.contents[..]).try_into().unwrap(),
                },
            );
            peer.rtc.handle_input(input).unwrap();
            // str0m holds one received packet for its next event:
            // what a datagram produced is taken before the next one
            // is handed over, as a real client's loop does.
            let mut events = Vec::new();
            loop {
                match peer.rtc.poll_output().unwrap() {
                    Output::Timeout(t) => {
                        peer.next_timeout = t;
                        break;
                    }
                    Output::Transmit(t) => outbox.push(t),
                    Output::Event(e) => events.push(e),
                }
            }
            for e in events {
                c.on_event(e);
            }
        }
    }

    /// One frame interval: media is written at its start, then time moves
    /// from one wake-up to the next exactly as the peers and the SFU ask, as
    /// a real event loop would.
    pub fn step(&mut self) {
        let end = self.now + TICK;
        let now = self.now;
        for c in &mut self.clients {
            c.send_media(now);
        }
        self.pump();
        loop {
            let mut next = self.sfu.poll_timeout();
            for c in &self.clients {
                next = next
                    .min(c.publisher.next_timeout)
                    .min(c.subscriber.next_timeout);
            }
            if let Some((arrival, _)) = self.in_flight.front() {
                next = next.min(*arrival);
            }
            if next > end {
                break;
            }
            // A timer that does not move would stall the simulation; the
            // smallest step keeps it going without skipping real work.
            self.now = next.max(self.now + Duration::from_micros(50));
            let now = self.now;
            for c in &mut self.clients {
                for peer in [&mut c.publisher, &mut c.subscriber] {
                    if peer.next_timeout <= now {
                        peer.rtc.handle_input(Input::Timeout(now)).unwrap();
                    }
                }
            }
            let started = Instant::now();
            self.sfu.handle_timeout(now);
            self.sfu_busy += started.elapsed();
            self.pump();
        }
        self.now = end;
    }

    pub fn run(&mut self, d: Duration) {
        let end = self.now + d;
        while self.now < end {
            self.step();
        }
    }

    pub fn client(&self, id: ParticipantId) -> &SimClient {
        self.clients.iter().find(|c| c.id == id).unwrap()
    }

    pub fn client_mut(&mut self, id: ParticipantId) -> &mut SimClient {
        self.clients.iter_mut().find(|c| c.id == id).unwrap()
    }
}
