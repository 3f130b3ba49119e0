//! One str0m peer connection and what the SFU tracks about it.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use str0m::bwe::Bitrate;
use str0m::config::DtlsCert;
use str0m::net::TcpType;
use str0m::{Candidate, Rtc};

use crate::{Candidates, INITIAL_ESTIMATE_BPS, SfuError};

/// How often a subscriber peer's stats (the loss its receiver reports) are
/// read. Receiver reports come about once a second; reading more often
/// finds nothing new, less often slows the reaction to a lossy link.
const STATS_INTERVAL: Duration = Duration::from_secs(1);

/// How often a publisher's microphone hears the SFU's receiver report (and
/// with it the loss floor of `protection.rs`): a sender's Opus encoder turns
/// on in-band FEC only when a report says there is loss, so str0m's default
/// of 5 s left a listener on a lossy link unprotected for up to that long.
/// Once a second costs one small RTCP packet a second per microphone; much
/// faster would only add packets, since the encoder smooths the figure.
const PUBLISHER_AUDIO_REPORT_INTERVAL: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum PeerRole {
    /// Receives a participant's media; the client offers.
    Publisher,
    /// Sends other participants' media; the SFU offers.
    Subscriber,
}

pub(crate) struct Peer {
    /// Boxed: str0m's state is about 10 KB, and the participants' map holds
    /// peers by value, so unboxed every slot of its spare capacity (and both
    /// tables while it grows) would cost that much.
    pub rtc: Box<Rtc>,
    pub next_timeout: Instant,
    /// Whether the SFU's timers hold an entry for `next_timeout` (not after
    /// it fired, nor for a dead peer).
    pub armed: bool,
    /// `MediaFailed` is reported once per peer.
    pub failed_reported: bool,
    /// When its ICE went quiet (the client's checks stopped: an outage, a
    /// suspended laptop), if it has not come back since.
    pub ice_lost_at: Option<Instant>,
}

impl Peer {
    /// A peer just given packets to send is due now: str0m stamps and
    /// paces queued packets in its next timeout, and polling it first would
    /// only be told that (a whole pass through its outputs per forwarded
    /// packet). Returns whether the timers need a new entry for it. Every
    /// packet written in one wake-up then shares the one timeout.
    pub fn due_now(&mut self, now: Instant) -> bool {
        if self.armed && self.next_timeout <= now {
            return false;
        }
        self.armed = true;
        self.next_timeout = now;
        true
    }

    pub fn new(
        role: PeerRole,
        candidates: &Candidates,
        dtls_cert: Option<&DtlsCert>,
        now: Instant,
    ) -> Result<Self, SfuError> {
        let mut builder = Rtc::builder()
            // ICE-lite: the server has fixed addresses and never initiates
            // checks, which is what lets one UDP socket per address serve
            // every peer.
            .set_ice_lite(true)
            // RTP mode: str0m hands us packets, not depacketised frames, so
            // payloads (end-to-end encrypted later) pass through untouched.
            .set_rtp_mode(true)
            .clear_codecs()
            .enable_opus(true, false)
            .enable_vp8(true)
            // Meetings use no data channels (chat goes end-to-end encrypted
            // through signaling), so once the peer holds its SRTP keys DTLS
            // has nothing left to do: its engine (handshake transcript,
            // flight buffers, record ciphers) is 7-8 KB a peer, a tenth of
            // a listener's memory here. A peer that goes ends through
            // signaling and ICE, never a DTLS alert.
            .set_release_dtls_after_handshake(true);
        if let Some(cert) = dtls_cert {
            builder = builder.set_dtls_cert(cert.clone());
        }
        if role == PeerRole::Publisher {
            builder = builder.set_rtcp_report_interval_audio(PUBLISHER_AUDIO_REPORT_INTERVAL);
        }
        if role == PeerRole::Subscriber {
            builder = builder
                .enable_bwe(Some(Bitrate::bps(INITIAL_ESTIMATE_BPS)))
                // The loss receivers report, for layer choice: once a
                // second per stream, as often as their reports come.
                .set_stats_interval(Some(STATS_INTERVAL));
        }
        let mut rtc = builder.build(now);
        if role == PeerRole::Subscriber {
            // No video yet: see `Subscriptions::automatic_padding`.
            rtc.bwe().set_automatic_padding(false);
        }
        if candidates.udp.is_empty() && candidates.tcp.is_empty() {
            return Err(SfuError::Refused("no media address".into()));
        }
        let bad = |address: SocketAddr| {
            move |e: str0m::error::IceError| {
                SfuError::Refused(format!("bad media address {address}: {e}"))
            }
        };
        for &address in &candidates.udp {
            rtc.add_local_candidate(Candidate::host(address, "udp").map_err(bad(address))?);
        }
        for &address in &candidates.tcp {
            // Passive: the client connects to us (RFC 6544), as a server
            // behind a UDP-blocking firewall's open TCP port must be reached.
            let candidate = Candidate::builder()
                .tcp()
                .host(address)
                .tcptype(TcpType::Passive)
                .build()
                .map_err(bad(address))?;
            rtc.add_local_candidate(candidate);
        }
        Ok(Self {
            rtc: Box::new(rtc),
            next_timeout: now,
            armed: false,
            failed_reported: false,
            ice_lost_at: None,
        })
    }
}
