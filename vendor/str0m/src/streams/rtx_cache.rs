use std::sync::Arc;
use std::time::Duration;
use std::time::Instant;

use crate::io::DATAGRAM_MAX_PACKET_SIZE;
use crate::packet::Vp8Patch;
use crate::rtp_::{
    ExtensionValues, Frequency, MediaTime, Pt, RtpHeader, SeqNo, Ssrc, VideoOrientation,
};

use super::RtpPacket;
use super::rtx_cache_buf::EvictingBuffer;

const RTX_CACHE_SIZE_QUANTIZER: usize = 25;
const RTX_CACHE_QUANTIZE_SLOTS: usize = DATAGRAM_MAX_PACKET_SIZE / RTX_CACHE_SIZE_QUANTIZER;

/// Slots a cache starts with once its first packet arrives.
const INITIAL_SLOTS: usize = 10;

#[derive(Debug)]
pub(crate) struct RtxCache {
    max_packet_count: usize,
    max_packet_age: Duration,
    /// Conclave patch: when set, packets are kept for `RTT_MULTIPLE` round
    /// trips but at least this long (and at most `max_packet_age`).
    rtt_floor: Option<Duration>,
    /// Conclave patch: how long packets are kept now.
    packet_age: Duration,
    // Conclave patch: everything else is made with the first packet cached,
    // so a stream that never caches (an audio stream, not nackable; a
    // receiver's idle m-line) carries little here instead of 1.2 KB.
    held: Option<Box<Held>>,
}

/// Conclave patch: round trips a resend cache that follows the round trip
/// keeps packets for. A NACK comes a round trip after the loss at best, and
/// the receiver asks again a round trip later if the resend is lost too;
/// libwebrtc's sender keeps max(1 s, 3 round trips) for the same reason.
const RTT_MULTIPLE: u32 = 3;

#[derive(Debug)]
struct Held {
    // Data, new additions here probably need to be cleared in [`clear`].
    packet_by_seq_no: EvictingBuffer<CachedPacket>,

    // Technically we want [Option<SeqNo>; X] to indicate the absence of
    // a SeqNo. However We can half the storage space by using the sentinel
    // values SeqNo::MAX to indicate None
    seq_no_by_quantized_size: [SeqNo; RTX_CACHE_QUANTIZE_SLOTS],

    // Conclave patch: the packet handed out for a resend, rebuilt from its
    // compact entry; made on the first resend (most streams on a clean
    // link never resend).
    scratch: Option<Box<RtpPacket>>,

    // Conclave patch: the SSRC of the stream's packets, kept once rather
    // than in every entry (a packet with another is kept whole).
    ssrc: Ssrc,
}

/// Conclave patch: what a resend needs of a sent packet, in a fifth of an
/// `RtpPacket`'s size. A forwarding server keeps a second or more of
/// every video stream it sends; with whole `RtpPacket`s (408 bytes, most
/// of it header extension values a forwarded packet never carries) these
/// slots were the largest part of its memory per receiver. A header with
/// anything beyond the fields below is kept whole, boxed. The sequence
/// number is the slot's position in the buffer, the SSRC the stream's and
/// the time of caching the slot's, so none is kept twice.
#[derive(Debug)]
struct CachedPacket {
    payload: Arc<[u8]>,
    time_numer: u64,
    whole_header: Option<Box<RtpHeader>>,
    time_frequency: Frequency,
    rtp_time: u32,
    vp8_patch: Option<Vp8Patch>,
    header_len: u16,
    version: u8,
    has_padding: bool,
    has_extension: bool,
    marker: bool,
    payload_type: Pt,
    audio_level: Option<i8>,
    voice_activity: Option<bool>,
    video_orientation: Option<VideoOrientation>,
}

// Conclave patch: with the slot's position and time, 80 bytes a slot (120
// before the sequence number, SSRC and times were kept once).
const _: () = assert!(std::mem::size_of::<Option<CachedPacket>>() <= 64);

impl CachedPacket {
    fn new(packet: RtpPacket, stream_ssrc: Ssrc) -> Self {
        let RtpPacket {
            seq_no,
            time,
            header,
            payload,
            vp8_patch,
            timestamp: _,
            last_sender_info: _,
            nackable: _,
        } = packet;
        let ev = &header.ext_vals;
        let compact = header.csrc_count == 0
            && u16::try_from(header.header_len).is_ok()
            && header.ssrc == stream_ssrc
            && header.sequence_number == *seq_no as u16
            && {
                // Listed whole, so a field added upstream is a compile error
                // here rather than a value silently lost on resend.
                let ExtensionValues {
                    audio_level: _,
                    voice_activity: _,
                    video_orientation: _,
                    // The send path sets MID and RID on every send (resends
                    // included) for as long as the receiver needs them.
                    mid: _,
                    rid: _,
                    video_content_type,
                    tx_time_offs,
                    abs_send_time,
                    abs_capture_time,
                    transport_cc,
                    play_delay_min,
                    play_delay_max,
                    video_timing,
                    rid_repair,
                    frame_mark,
                    user_values,
                } = ev;
                video_content_type.is_none()
                    && tx_time_offs.is_none()
                    && abs_send_time.is_none()
                    && abs_capture_time.is_none()
                    && transport_cc.is_none()
                    && play_delay_min.is_none()
                    && play_delay_max.is_none()
                    && video_timing.is_none()
                    && rid_repair.is_none()
                    && frame_mark.is_none()
                    && user_values.is_empty()
            };
        CachedPacket {
            payload,
            time_numer: time.numer(),
            time_frequency: time.frequency(),
            vp8_patch,
            header_len: u16::try_from(header.header_len).unwrap_or(0),
            version: header.version,
            has_padding: header.has_padding,
            has_extension: header.has_extension,
            marker: header.marker,
            payload_type: header.payload_type,
            rtp_time: header.timestamp,
            audio_level: ev.audio_level,
            voice_activity: ev.voice_activity,
            video_orientation: ev.video_orientation,
            whole_header: (!compact).then(|| Box::new(header)),
        }
    }

    /// Writes the packet as it was cached at `cached_at`, under `seq_no`,
    /// into `into`.
    fn restore(&self, seq_no: SeqNo, cached_at: Instant, ssrc: Ssrc, into: &mut RtpPacket) {
        into.seq_no = seq_no;
        into.time = MediaTime::new(self.time_numer, self.time_frequency);
        into.payload = Arc::clone(&self.payload);
        into.timestamp = cached_at;
        into.vp8_patch = self.vp8_patch;
        into.last_sender_info = None;
        into.nackable = true;
        into.header = match &self.whole_header {
            Some(header) => RtpHeader::clone(header),
            None => RtpHeader {
                version: self.version,
                has_padding: self.has_padding,
                has_extension: self.has_extension,
                csrc_count: 0,
                marker: self.marker,
                payload_type: self.payload_type,
                sequence_number: *seq_no as u16,
                timestamp: self.rtp_time,
                ssrc,
                csrc: [0; 15],
                ext_vals: ExtensionValues {
                    audio_level: self.audio_level,
                    voice_activity: self.voice_activity,
                    video_orientation: self.video_orientation,
                    ..Default::default()
                },
                header_len: usize::from(self.header_len),
            },
        };
    }
}

impl RtxCache {
    pub fn new(max_packet_count: usize, max_packet_age: Duration) -> Self {
        Self {
            max_packet_count,
            max_packet_age,
            rtt_floor: None,
            packet_age: max_packet_age,
            held: None,
        }
    }

    /// Conclave patch: keeps packets for [`RTT_MULTIPLE`] round trips
    /// (see [`RtxCache::follow_rtt`]), but at least `floor` and at most the
    /// cache's `max_packet_age`; `floor` until a round trip is known.
    pub fn keep_by_rtt(&mut self, floor: Duration) {
        self.rtt_floor = Some(floor);
        self.set_packet_age(floor.min(self.max_packet_age));
    }

    /// Conclave patch: the stream's latest round-trip time.
    pub fn follow_rtt(&mut self, rtt: Duration) {
        let Some(floor) = self.rtt_floor else {
            return;
        };
        let age = rtt
            .saturating_mul(RTT_MULTIPLE)
            .max(floor)
            .min(self.max_packet_age);
        self.set_packet_age(age);
    }

    fn set_packet_age(&mut self, age: Duration) {
        self.packet_age = age;
        if let Some(held) = &mut self.held {
            held.packet_by_seq_no.set_max_age(age);
        }
    }

    pub fn cache_sent_packet(&mut self, packet: RtpPacket, now: Instant) {
        assert!(packet.nackable);
        let seq_no = packet.seq_no;
        let quantized_size = packet.payload.len() / RTX_CACHE_SIZE_QUANTIZER;
        let (count, age) = (self.max_packet_count, self.packet_age);
        let held = self.held.get_or_insert_with(|| {
            Box::new(Held {
                packet_by_seq_no: EvictingBuffer::new(INITIAL_SLOTS, age, count),
                seq_no_by_quantized_size: [SeqNo::MAX; RTX_CACHE_QUANTIZE_SLOTS],
                scratch: None,
                ssrc: packet.header.ssrc,
            })
        });
        let cached = CachedPacket::new(packet, held.ssrc);
        held.packet_by_seq_no.push(*seq_no, now, cached);
        held.seq_no_by_quantized_size[quantized_size] = seq_no;
        held.packet_by_seq_no.maybe_evict(now);
    }

    pub fn last_cached_seq_no(&self) -> Option<SeqNo> {
        Some(self.held.as_ref()?.packet_by_seq_no.last_position()?.into())
    }

    pub fn has_packet(&self, seq_no: SeqNo) -> bool {
        self.held
            .as_ref()
            .is_some_and(|held| held.packet_by_seq_no.get(*seq_no).is_some())
    }

    pub fn get_cached_packet_by_seq_no(&mut self, seq_no: SeqNo) -> Option<&mut RtpPacket> {
        let held = self.held.as_deref_mut()?;
        let (cached_at, cached) = held.packet_by_seq_no.get_timed(*seq_no)?;
        let scratch = held
            .scratch
            .get_or_insert_with(|| Box::new(RtpPacket::blank()));
        cached.restore(seq_no, cached_at, held.ssrc, scratch);
        Some(scratch)
    }

    pub fn get_cached_packet_smaller_than(&mut self, max_size: usize) -> Option<&mut RtpPacket> {
        let quantized_size = max_size / RTX_CACHE_SIZE_QUANTIZER;
        let held = self.held.as_ref()?;

        let seq_no = *held.seq_no_by_quantized_size[..quantized_size]
            .iter()
            .rev()
            .filter(|seq_no| !seq_no.is_max())
            .find(|seq_no| held.packet_by_seq_no.contains(***seq_no))?;

        self.get_cached_packet_by_seq_no(seq_no)
    }

    pub(crate) fn last_packet(&self) -> Option<&[u8]> {
        let packet = self.held.as_ref()?.packet_by_seq_no.last()?;
        Some(packet.payload.as_ref())
    }

    pub(crate) fn clear(&mut self) {
        if let Some(held) = &mut self.held {
            held.packet_by_seq_no.clear();
            held.seq_no_by_quantized_size = [SeqNo::MAX; RTX_CACHE_QUANTIZE_SLOTS];
        }
    }
}

#[cfg(test)]
mod test {
    use crate::rtp_::MediaTime;
    use crate::rtp_::RtpHeader;

    use super::*;

    fn after(now: Instant, millis: u64) -> Instant {
        now + Duration::from_millis(millis)
    }

    fn packet(now: Instant, seq_no: u64, millis: u64) -> RtpPacket {
        RtpPacket {
            header: RtpHeader::default(),
            seq_no: seq_no.into(),
            time: MediaTime::from_90khz(0),
            payload: millis.to_be_bytes().into(),
            vp8_patch: None,
            timestamp: after(now, millis),
            last_sender_info: None,
            nackable: true,
        }
    }

    #[test]
    fn rtx_cache_0_sized() {
        let now = Instant::now();
        let mut rtx_cache = RtxCache::new(0, Duration::from_secs(3));
        rtx_cache.cache_sent_packet(packet(now, 1, 10), after(now, 10));
        assert_eq!(
            Some(&mut packet(now, 1, 10)),
            rtx_cache.get_cached_packet_by_seq_no(1.into())
        );
        assert_eq!(
            Some(&mut packet(now, 1, 10)),
            rtx_cache.get_cached_packet_smaller_than(1000)
        );
    }

    #[test]
    fn rtx_cache_0_duration() {
        let now = Instant::now();
        let mut rtx_cache = RtxCache::new(10, Duration::from_secs(0));
        rtx_cache.cache_sent_packet(packet(now, 1, 10), after(now, 10));
        assert_eq!(None, rtx_cache.get_cached_packet_by_seq_no(1.into()));
        assert_eq!(None, rtx_cache.get_cached_packet_smaller_than(1000));
    }

    #[test]
    fn rtx_cache_1_sized() {
        let now = Instant::now();
        let mut rtx_cache = RtxCache::new(1, Duration::from_secs(3));
        rtx_cache.cache_sent_packet(packet(now, 1, 10), after(now, 10));
        assert_eq!(
            Some(&mut packet(now, 1, 10)),
            rtx_cache.get_cached_packet_by_seq_no(1.into())
        );
        assert_eq!(
            Some(&mut packet(now, 1, 10)),
            rtx_cache.get_cached_packet_smaller_than(1000)
        );
        assert_eq!(
            Some(&mut packet(now, 1, 10)),
            rtx_cache.get_cached_packet_smaller_than(25)
        );
        assert_eq!(None, rtx_cache.get_cached_packet_smaller_than(24));
        rtx_cache.cache_sent_packet(packet(now, 2, 20), after(now, 20));
        assert_eq!(
            Some(&mut packet(now, 2, 20)),
            rtx_cache.get_cached_packet_by_seq_no(2.into())
        );
    }

    #[test]
    fn rtx_cache_100_sized_backwards() {
        let now = Instant::now();
        let mut rtx_cache = RtxCache::new(100, Duration::from_secs(3));

        for i in 1..=200 {
            let seq_no = 201 - i;
            let pkt = packet(now, seq_no, (201 - i) * 10);
            let now = after(now, i * 10);
            rtx_cache.cache_sent_packet(pkt, now);
        }

        // Conclave patch: a cached packet comes back dated when it was
        // cached (sent), not when it was written: the compact entry keeps
        // one time, and the send path reads a packet's own time only for
        // regular sends, never for a resend. Seq 200 was cached first,
        // 10 ms in.
        let mut expected = packet(now, 200, 2000);
        expected.timestamp = after(now, 10);
        assert_eq!(
            Some(&mut expected),
            rtx_cache.get_cached_packet_by_seq_no(200.into())
        );
        assert_eq!(None, rtx_cache.get_cached_packet_by_seq_no(100.into()));
        assert_eq!(None, rtx_cache.get_cached_packet_by_seq_no(101.into()));
    }

    #[test]
    fn rtx_cache_eviction() {
        let now = Instant::now();
        // Cache can take all entries
        let mut rtx_cache = RtxCache::new(400, Duration::from_secs(1));
        for i in 1..=200 {
            let seq_no = i;
            let pkt = packet(now, seq_no, i * 10);
            let now = after(now, i * 10);
            rtx_cache.cache_sent_packet(pkt, now);
        }

        assert_eq!(None, rtx_cache.get_cached_packet_by_seq_no(99.into()));

        assert_eq!(
            Some(&mut packet(now, 100, 1000)),
            rtx_cache.get_cached_packet_by_seq_no(100.into())
        );
        assert_eq!(
            Some(&mut packet(now, 200, 2000)),
            rtx_cache.get_cached_packet_by_seq_no(200.into())
        );
    }
}
