//! The SFU core driven over an in-memory network: participant A publishes a
//! microphone and a simulcast camera, participant B subscribes. Once both
//! are connected (ICE, DTLS, SRTP), the input decides what happens: RTP that
//! A writes with header values and payloads of the input's choosing (sealed
//! by A's real SRTP, so it reaches the SFU's routing), raw datagrams from
//! A's, B's or a stranger's address, keyframe requests and tile sizes from
//! B, departures, and the passing of time.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use conclave_sfu::{RoomKey, Sfu, SfuEvent};
use conclave_signaling::{ParticipantId, PublishedTrack, SubscribedTrack, TrackSource};
use str0m::change::{SdpAnswer, SdpOffer, SdpPendingOffer};
use str0m::config::DtlsCert;
use str0m::format::Codec;
use str0m::media::{Direction, KeyframeRequestKind, MediaKind, Mid, Rid, Simulcast};
use str0m::media::{Pt, SimulcastLayer};
use str0m::net::{Protocol, Receive};
use str0m::rtp::{ExtensionValues, RtpWrite, SeqNo, Ssrc};
use str0m::{Candidate, Event, Input as RtcInput, Output, Rtc};

use crate::input::Input;

const SFU_ADDR: ([u8; 4], u16) = ([127, 0, 0, 1], 40000);
const A_ADDR: ([u8; 4], u16) = ([127, 0, 1, 1], 5000);
const B_ADDR: ([u8; 4], u16) = ([127, 0, 1, 2], 5001);
const STRANGER_ADDR: ([u8; 4], u16) = ([127, 0, 1, 9], 6000);
const RIDS: [&str; 3] = ["q", "h", "f"];
const A: ParticipantId = ParticipantId(1);
const B: ParticipantId = ParticipantId(2);
/// Enough operations for layer switches and key frame requests to happen,
/// few enough that one input stays fast.
const MAX_OPS: usize = 256;

struct Peer {
    rtc: Rtc,
    addr: SocketAddr,
    next_timeout: Instant,
}

/// The simulated clients' DTLS certificate, made once: generating one costs
/// more than a whole short scenario. (The SFU's peers make their own.)
fn client_cert() -> Option<DtlsCert> {
    static CERT: OnceLock<Option<DtlsCert>> = OnceLock::new();
    CERT.get_or_init(|| {
        str0m::crypto::from_feature_flags()
            .dtls_provider
            .generate_certificate()
    })
    .clone()
}

impl Peer {
    fn new(addr: SocketAddr, now: Instant) -> Self {
        let mut builder = Rtc::builder();
        if let Some(cert) = client_cert() {
            builder = builder.set_dtls_cert(cert);
        }
        let mut rtc = builder
            .set_rtp_mode(true)
            .clear_codecs()
            .enable_opus(true, false)
            .enable_vp8(true)
            .build(now);
        if let Ok(c) = Candidate::host(addr, "udp") {
            rtc.add_local_candidate(c);
        }
        Self {
            rtc,
            addr,
            next_timeout: now,
        }
    }

    fn pt(&self, codec: Codec) -> Option<Pt> {
        self.rtc
            .codec_config()
            .params()
            .iter()
            .find(|p| p.spec().codec == codec)
            .map(|p| p.pt())
    }
}

struct Net {
    sfu: Sfu,
    sfu_addr: SocketAddr,
    now: Instant,
    /// A's publishing connection and B's subscribing one; `None` once gone.
    a: Option<Peer>,
    b: Option<Peer>,
    audio_mid: Mid,
    video_mid: Mid,
    seq: HashMap<(Mid, Option<Rid>), u64>,
    /// What B was told it receives, and the SSRCs it saw.
    b_tracks: Vec<SubscribedTrack>,
    b_ssrcs: Vec<Ssrc>,
    media_failed: Vec<ParticipantId>,
}

impl Net {
    /// Both connections up, or `None` if the handshake did not finish (it
    /// always does: nothing of the input is used yet).
    fn connected() -> Option<Self> {
        let now = Instant::now();
        let sfu_addr = SocketAddr::from(SFU_ADDR);
        let mut net = Net {
            sfu: Sfu::new(vec![sfu_addr], now),
            sfu_addr,
            now,
            a: Some(Peer::new(SocketAddr::from(A_ADDR), now)),
            b: Some(Peer::new(SocketAddr::from(B_ADDR), now)),
            audio_mid: Mid::from("a"),
            video_mid: Mid::from("v"),
            seq: HashMap::new(),
            b_tracks: Vec::new(),
            b_ssrcs: Vec::new(),
            media_failed: Vec::new(),
        };
        net.sfu.add_participant(RoomKey(1), A, now).ok()?;
        net.sfu.add_participant(RoomKey(1), B, now).ok()?;
        let (offer, pending, tracks) = net.publish_offer()?;
        let answer = net.sfu.handle_publish_offer(A, &offer, &tracks, now).ok()?;
        let answer = SdpAnswer::from_sdp_string(&answer).ok()?;
        net.a
            .as_mut()?
            .rtc
            .sdp_api()
            .accept_answer(pending, answer)
            .ok()?;
        net.pump();
        for _ in 0..200 {
            let up = |p: &Option<Peer>| p.as_ref().is_some_and(|p| p.rtc.is_connected());
            if up(&net.a) && up(&net.b) {
                return Some(net);
            }
            net.advance(Duration::from_millis(10));
        }
        None
    }

    fn publish_offer(&mut self) -> Option<(String, SdpPendingOffer, Vec<PublishedTrack>)> {
        let a = self.a.as_mut()?;
        let mut api = a.rtc.sdp_api();
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
        let (offer, pending) = api.apply()?;
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
        Some((offer.to_sdp_string(), pending, tracks))
    }

    /// Signaling: subscribe offers to B (answered at once), failures noted.
    fn signal(&mut self) {
        while let Some(event) = self.sfu.poll_event() {
            match event {
                SfuEvent::SubscribeOffer {
                    participant,
                    sdp,
                    tracks,
                } if participant == B => {
                    let Some(b) = self.b.as_mut() else { continue };
                    let Ok(offer) = SdpOffer::from_sdp_string(&sdp) else {
                        panic!("the SFU wrote an offer it cannot parse: {sdp}");
                    };
                    let Ok(answer) = b.rtc.sdp_api().accept_offer(offer) else {
                        continue;
                    };
                    self.b_tracks = tracks;
                    let answer = answer.to_sdp_string();
                    if let Err(e) = self.sfu.handle_subscribe_answer(B, &answer, self.now) {
                        panic!("the SFU refused B's answer to its own offer: {e}");
                    }
                }
                SfuEvent::MediaFailed { participant } => self.media_failed.push(participant),
                _ => {}
            }
        }
    }

    /// Moves datagrams until the network is quiet.
    fn pump(&mut self) {
        // What the peers sent while taking the SFU's datagrams, for the SFU.
        let mut outbox: Vec<str0m::net::Transmit> = Vec::new();
        for _ in 0..1000 {
            let mut moved = !outbox.is_empty();
            for t in outbox.drain(..) {
                self.sfu
                    .handle_datagram(self.now, t.source, t.destination, &t.contents);
            }
            for peer in [self.a.as_mut(), self.b.as_mut()].into_iter().flatten() {
                let mut events = Vec::new();
                loop {
                    match peer.rtc.poll_output() {
                        Ok(Output::Timeout(t)) => {
                            peer.next_timeout = t;
                            break;
                        }
                        Ok(Output::Transmit(t)) => {
                            moved = true;
                            self.sfu.handle_datagram(
                                self.now,
                                t.source,
                                t.destination,
                                &t.contents,
                            );
                        }
                        Ok(Output::Event(e)) => events.push(e),
                        Err(_) => break,
                    }
                }
                for e in events {
                    if let Event::RtpPacket(p) = e
                        && !self.b_ssrcs.contains(&p.header.ssrc)
                    {
                        self.b_ssrcs.push(p.header.ssrc);
                    }
                }
            }
            while let Some(t) = self.sfu.poll_transmit() {
                moved = true;
                let peer = [self.a.as_mut(), self.b.as_mut()]
                    .into_iter()
                    .flatten()
                    .find(|p| p.addr == t.destination);
                if let (Some(peer), Ok(contents)) = (peer, (&t.contents[..]).try_into()) {
                    let _ = peer.rtc.handle_input(RtcInput::Receive(
                        self.now,
                        Receive {
                            proto: Protocol::Udp,
                            source: self.sfu_addr,
                            destination: t.destination,
                            contents,
                        },
                    ));
                    // str0m holds one received packet for its next event:
                    // taken before the next datagram, as a real client does.
                    loop {
                        match peer.rtc.poll_output() {
                            Ok(Output::Timeout(t)) => {
                                peer.next_timeout = t;
                                break;
                            }
                            Ok(Output::Transmit(t)) => outbox.push(t),
                            Ok(Output::Event(Event::RtpPacket(p)))
                                if !self.b_ssrcs.contains(&p.header.ssrc) =>
                            {
                                self.b_ssrcs.push(p.header.ssrc);
                            }
                            Ok(Output::Event(_)) => {}
                            Err(_) => break,
                        }
                    }
                }
            }
            self.signal();
            if !moved {
                return;
            }
        }
        panic!("the network never went quiet");
    }

    /// Lets `d` pass, waking everyone exactly when they asked to be.
    fn advance(&mut self, d: Duration) {
        let end = self.now + d;
        for _ in 0..10_000 {
            let mut next = self.sfu.poll_timeout();
            for p in [self.a.as_ref(), self.b.as_ref()].into_iter().flatten() {
                next = next.min(p.next_timeout);
            }
            if next > end {
                break;
            }
            self.now = next.max(self.now + Duration::from_micros(50));
            let now = self.now;
            for p in [self.a.as_mut(), self.b.as_mut()].into_iter().flatten() {
                if p.next_timeout <= now {
                    let _ = p.rtc.handle_input(RtcInput::Timeout(now));
                }
            }
            self.sfu.handle_timeout(now);
            self.pump();
        }
        self.now = self.now.max(end);
    }

    fn send_rtp(&mut self, input: &mut Input) {
        let target = input.below(5);
        let (mid, rid, video) = match target {
            0 => (self.audio_mid, None, false),
            // No rid on a simulcast m-line: str0m has no such stream.
            4 => (self.video_mid, None, true),
            i => (self.video_mid, Some(Rid::from(RIDS[i - 1])), true),
        };
        let seq_mode = input.u8();
        let ts = input.u32();
        let marker = input.bool();
        let level = input.u8();
        let payload = input.bytes(1200).to_vec();
        let Some(a) = self.a.as_mut() else { return };
        let codec = if video { Codec::Vp8 } else { Codec::Opus };
        let Some(pt) = a.pt(codec) else { return };
        let seq = self.seq.entry((mid, rid)).or_insert(1);
        // Mostly in order, sometimes reordered, duplicated or far ahead.
        *seq = match seq_mode % 8 {
            0 => seq.saturating_sub(u64::from(seq_mode >> 3)).max(1),
            1 => *seq,
            2 => *seq + (u64::from(seq_mode) << 8),
            _ => *seq + 1,
        };
        let seq_no = SeqNo::from(*seq);
        let exts = ExtensionValues {
            audio_level: (level & 0x80 != 0).then_some(-((level & 0x7f) as i8)),
            ..Default::default()
        };
        let now = self.now;
        let mut direct = a.rtc.direct_api();
        let Some(stream) = direct.stream_tx_by_mid(mid, rid) else {
            return;
        };
        stream.write_rtp(
            RtpWrite::new(pt, seq_no, ts, now, payload)
                .marker(marker)
                .ext_vals(exts),
        );
    }

    fn raw_datagram(&mut self, from: SocketAddr, data: &[u8]) {
        let (now, to) = (self.now, self.sfu_addr);
        self.sfu.handle_datagram(now, from, to, data);
    }
}

/// See the module comment.
pub fn sfu_datagrams(data: &[u8]) {
    let Some(mut net) = Net::connected() else {
        panic!("two peers on a perfect network failed to connect");
    };
    let mut input = Input::new(data);
    for _ in 0..MAX_OPS {
        if input.is_empty() {
            break;
        }
        match input.u8() % 10 {
            0..=2 => net.send_rtp(&mut input),
            3 => {
                let bytes = input.bytes(1500);
                net.raw_datagram(SocketAddr::from(A_ADDR), bytes);
            }
            4 => {
                let bytes = input.bytes(1500);
                net.raw_datagram(SocketAddr::from(B_ADDR), bytes);
            }
            5 => {
                let bytes = input.bytes(1500);
                net.raw_datagram(SocketAddr::from(STRANGER_ADDR), bytes);
            }
            6 => {
                let ms = u64::from(input.u16() % 3000);
                net.advance(Duration::from_millis(ms));
            }
            7 => {
                let (w, h) = (u32::from(input.u16()), u32::from(input.u16()));
                let track = input.below(4);
                let now = net.now;
                if let Some(t) = net.b_tracks.get(track).map(|t| t.track) {
                    let _ = net.sfu.set_video_size(B, t, w, h, now);
                }
            }
            8 => {
                let which = input.below(8);
                let kind = if input.bool() {
                    KeyframeRequestKind::Pli
                } else {
                    KeyframeRequestKind::Fir
                };
                if let (Some(b), Some(ssrc)) = (net.b.as_mut(), net.b_ssrcs.get(which))
                    && let Some(stream) = b.rtc.direct_api().stream_rx(ssrc)
                {
                    stream.request_keyframe(kind);
                }
            }
            _ => {
                let who = if input.bool() { A } else { B };
                let now = net.now;
                net.sfu.remove_participant(who, now);
                if who == A {
                    net.a = None;
                } else {
                    net.b = None;
                }
            }
        }
        net.pump();
    }
    net.advance(Duration::from_millis(100));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One frame interval of media from A as `sfu_datagrams` reads it:
    /// audio, then a VP8 packet on each simulcast layer, then 33 ms.
    fn frame(key: bool) -> Vec<u8> {
        let mut ops = Vec::new();
        for target in 0u16..4 {
            let payload: &[u8] = match (target, key) {
                (0, _) => b"opus",
                (_, true) => &[0x10, 0x00, 0xaa],
                (_, false) => &[0x10, 0x01, 0xaa],
            };
            ops.push(0);
            ops.extend(target.to_be_bytes());
            ops.extend([3, 0, 0, 0, 0, 1, 0x80 | 30]);
            ops.extend((payload.len() as u16).to_be_bytes());
            ops.extend(payload);
        }
        ops.extend([6, 0, 33]);
        ops
    }

    #[test]
    fn the_harness_delivers_a_publishers_media_to_the_subscriber() {
        let mut net = Net::connected().expect("connected");
        // Layers are chosen every 500 ms, then switched at a key frame.
        let ops: Vec<u8> = (0..30).flat_map(|i| frame(i % 10 == 0)).collect();
        let mut input = Input::new(&ops);
        while !input.is_empty() {
            let op = input.u8();
            match op {
                0 => net.send_rtp(&mut input),
                6 => {
                    let ms = u64::from(input.u16());
                    net.advance(Duration::from_millis(ms));
                }
                _ => unreachable!(),
            }
            net.pump();
        }
        assert_eq!(net.b_tracks.len(), 2, "microphone and camera offered");
        assert_eq!(net.b_ssrcs.len(), 2, "both arrived at B");
        assert!(net.media_failed.is_empty());
    }
}
