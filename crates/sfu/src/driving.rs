//! Driving the peers: the SFU's inputs (datagrams, time) and outputs
//! (datagrams, events), its timers, and what str0m's events mean to it.

use std::net::SocketAddr;
use std::time::Instant;

use conclave_signaling::ParticipantId;
use str0m::net::{Protocol, Receive, Transmit};
use str0m::{Event, IceConnectionState, Input};

use crate::peer::{Peer, PeerRole};
use crate::timers::Due;
use crate::{ICE_RECONNECT_GRACE, LAYER_REVIEW_INTERVAL, Sfu, SfuEvent};

impl Sfu {
    /// Feeds one datagram from the shared UDP socket. Returns whether any
    /// peer claimed it.
    pub fn handle_datagram(
        &mut self,
        now: Instant,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        self.handle_receive(now, Protocol::Udp, source, destination, data)
    }

    /// A datagram over `proto`: for TCP, one RFC 4571 frame, its length
    /// prefix removed, with the connection's remote and local addresses.
    pub fn handle_receive(
        &mut self,
        now: Instant,
        proto: Protocol,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        let Ok(contents) = data.try_into() else {
            return false;
        };
        let input = Input::Receive(
            now,
            Receive {
                proto,
                source,
                destination,
                contents,
            },
        );
        // The learnt route first; the peer still checks the datagram is
        // its own (`accepts`: ICE credentials, its remote address). Only an
        // address not seen before (a new peer, a changed network) costs a
        // scan of every peer, str0m's own way to demultiplex.
        let routed = self
            .routes
            .get(&(proto, source))
            .copied()
            .filter(|&(pid, role)| {
                self.participants
                    .get(&pid)
                    .and_then(|p| p.peer(role))
                    .is_some_and(|peer| peer.rtc.accepts(&input))
            });
        let owner = routed.or_else(|| {
            self.participants.iter().find_map(|(pid, p)| {
                [PeerRole::Publisher, PeerRole::Subscriber]
                    .into_iter()
                    .find(|&role| p.peer(role).is_some_and(|peer| peer.rtc.accepts(&input)))
                    .map(|role| (*pid, role))
            })
        });
        let Some((pid, role)) = owner else {
            return false;
        };
        if routed.is_none() {
            // One remote address per peer at a time (ICE-lite keeps the
            // pair the client nominated), so the map stays two entries per
            // participant however often a network changes.
            self.routes.retain(|_, owner| *owner != (pid, role));
            self.routes.insert((proto, source), (pid, role));
        }
        if let Some(p) = self.participants.get_mut(&pid) {
            p.heard_at = Some(now);
            if let Some(peer) = p.peer_mut(role)
                && let Err(e) = peer.rtc.handle_input(input)
            {
                tracing::debug!(participant = %pid, ?role, "peer input failed: {e}");
                peer.rtc.disconnect();
            }
        }
        self.dirty.push((pid, role));
        self.drive(now);
        true
    }

    /// Advances time: only the peers and rooms whose deadline has come.
    pub fn handle_timeout(&mut self, now: Instant) {
        // Taken out first: a peer driven below may ask for a timeout at
        // `now` again, which is the next call's, not another turn of this
        // one's.
        let mut due_now = std::mem::take(&mut self.due_scratch);
        while let Some(entry) = self.timers.pop_due(now) {
            due_now.push(entry);
        }
        for (at, due) in due_now.drain(..) {
            match due {
                Due::Peer(pid, role) => {
                    let Some(peer) = self.peer_mut(pid, role) else {
                        continue; // gone since
                    };
                    if !peer.armed || peer.next_timeout != at {
                        continue; // superseded by a later deadline
                    }
                    peer.armed = false;
                    if let Err(e) = peer.rtc.handle_input(Input::Timeout(now)) {
                        tracing::debug!(participant = %pid, ?role, "timeout failed: {e}");
                        peer.rtc.disconnect();
                    }
                    self.dirty.push((pid, role));
                    // Drained now, not once all due peers have had their
                    // timeout: a timeout queues its reports as str0m structs
                    // of about 1 KB each (two per stream at a report round),
                    // and peers joined together have their rounds together,
                    // so holding them all to the end of the pass was a peak
                    // of several KB per peer at once.
                    self.drive(now);
                }
                Due::IceGrace(pid, role) => {
                    let Some(peer) = self.peer_mut(pid, role) else {
                        continue;
                    };
                    if peer.ice_lost_at.is_some_and(|lost| {
                        now.saturating_duration_since(lost) >= ICE_RECONNECT_GRACE
                    }) {
                        tracing::debug!(participant = %pid, ?role, "ice quiet too long: peer given up");
                        peer.rtc.disconnect();
                        self.dirty.push((pid, role));
                    }
                }
                Due::RecordingKeyframes(key) => {
                    let Some(room) = self.rooms.get_mut(&key) else {
                        continue;
                    };
                    if room.recording_keyframes_at != Some(at) {
                        continue;
                    }
                    room.recording_keyframes_at = None;
                    if room.recording {
                        self.request_room_keyframes(key, now);
                    }
                }
                Due::Speaker(key) => {
                    let Some(room) = self.rooms.get_mut(&key) else {
                        continue;
                    };
                    if room.speaker.next_evaluation() != at {
                        continue;
                    }
                    let change = room.speaker.evaluate(now);
                    self.timers
                        .schedule(room.speaker.next_evaluation(), Due::Speaker(key));
                    if let Some(participant) = change {
                        if let Some(speaker) = participant
                            && room.order.spoke(speaker)
                        {
                            self.select_video(key, now);
                        }
                        self.events.push_back(SfuEvent::ActiveSpeaker {
                            room: key,
                            participant,
                        });
                    }
                }
            }
        }
        self.due_scratch = due_now;
        if now >= self.next_layer_review {
            self.next_layer_review = now + LAYER_REVIEW_INTERVAL;
            let ids: Vec<ParticipantId> = self.participants.keys().copied().collect();
            for id in ids {
                self.review_layers_of(id, now);
            }
            self.protect_audio();
        }
        self.drive(now);
        let live = 2 * self.participants.len() + self.rooms.len();
        if self.timers.needs_rebuild(live) {
            self.rebuild_timers();
        }
    }

    /// When [`Sfu::handle_timeout`] wants to be called next.
    pub fn poll_timeout(&self) -> Instant {
        self.timers
            .earliest()
            .map_or(self.next_layer_review, |t| t.min(self.next_layer_review))
    }

    /// Puts a peer's current deadline in the timers.
    pub(crate) fn arm(&mut self, id: ParticipantId, role: PeerRole) {
        if let Some(peer) = self.peer_mut(id, role) {
            peer.armed = true;
            let at = peer.next_timeout;
            self.timers.schedule(at, Due::Peer(id, role));
        }
    }

    /// Drops every stale timer entry: the live deadlines only.
    fn rebuild_timers(&mut self) {
        let peers = self.participants.iter().flat_map(|(id, p)| {
            [PeerRole::Publisher, PeerRole::Subscriber]
                .into_iter()
                .filter_map(|role| Some((p.peer(role)?, role)))
                .filter(|(peer, _)| peer.armed)
                .map(|(peer, role)| (peer.next_timeout, Due::Peer(*id, role)))
        });
        let rooms = self
            .rooms
            .iter()
            .map(|(key, room)| (room.speaker.next_evaluation(), Due::Speaker(*key)));
        let recordings = self.rooms.iter().filter_map(|(key, room)| {
            room.recording_keyframes_at
                .map(|at| (at, Due::RecordingKeyframes(*key)))
        });
        let live: Vec<(Instant, Due)> = peers.chain(rooms).chain(recordings).collect();
        self.timers.rebuild(live);
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    /// Whether [`Sfu::poll_event`] has something (without taking it).
    pub fn has_events(&self) -> bool {
        !self.events.is_empty()
    }

    pub fn poll_event(&mut self) -> Option<SfuEvent> {
        self.events.pop_front()
    }

    pub(crate) fn peer_mut(&mut self, id: ParticipantId, role: PeerRole) -> Option<&mut Peer> {
        self.participants.get_mut(&id)?.peer_mut(role)
    }

    /// Polls every dirty peer until it has nothing more to say, acting on its
    /// events (which may dirty other peers).
    pub(crate) fn drive(&mut self, now: Instant) {
        while let Some((id, role)) = self.dirty.pop() {
            while let Some(peer) = self
                .participants
                .get_mut(&id)
                .and_then(|p| p.peer_mut(role))
            {
                if !peer.rtc.is_alive() {
                    if !peer.failed_reported {
                        peer.failed_reported = true;
                        self.events
                            .push_back(SfuEvent::MediaFailed { participant: id });
                    }
                    // A dead peer has nothing to time out; the shell removes it.
                    peer.armed = false;
                    break;
                }
                match peer.rtc.poll_output() {
                    Ok(str0m::Output::Timeout(t)) => {
                        if !peer.armed || peer.next_timeout != t {
                            peer.next_timeout = t;
                            peer.armed = true;
                            self.timers.schedule(t, Due::Peer(id, role));
                        }
                        break;
                    }
                    Ok(str0m::Output::Transmit(t)) => self.transmits.push_back(t),
                    Ok(str0m::Output::Event(e)) => self.handle_event(id, role, e, now),
                    Err(e) => {
                        tracing::debug!(participant = %id, ?role, "peer failed: {e}");
                        peer.rtc.disconnect();
                    }
                }
            }
        }
    }

    fn handle_event(&mut self, id: ParticipantId, role: PeerRole, event: Event, now: Instant) {
        match event {
            Event::RtpPacket(packet) if role == PeerRole::Publisher => {
                self.forward(id, packet, now);
            }
            Event::KeyframeRequest(req) if role == PeerRole::Subscriber => {
                let track = self
                    .participants
                    .get(&id)
                    .and_then(|p| p.subscriptions.by_mid(req.mid))
                    .and_then(|s| s.current_layer.map(|l| (s.track, l)));
                if let Some((track, layer)) = track {
                    self.request_keyframe(track, layer, req.kind, now);
                }
            }
            Event::EgressBitrateEstimate(str0m::bwe::BweKind::Twcc { estimate, .. })
                if role == PeerRole::Subscriber =>
            {
                if let Some(p) = self.participants.get_mut(&id) {
                    p.subscriptions.estimate_bps = estimate.as_u64();
                }
            }
            Event::PeerStats(stats) if role == PeerRole::Subscriber => {
                if let (Some(loss), Some(p)) =
                    (stats.egress_loss_fraction, self.participants.get_mut(&id))
                {
                    p.subscriptions.record_transport_loss(loss);
                }
            }
            Event::MediaEgressStats(stats) if role == PeerRole::Subscriber => {
                if let (Some(loss), Some(p)) = (stats.loss, self.participants.get_mut(&id)) {
                    p.subscriptions.record_loss(stats.mid, loss);
                }
            }
            // Quiet ICE is not yet a lost peer: a dropped Wi-Fi link or a
            // network change comes back within seconds, and the client's
            // checks then revive the same peer, keys and all.
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) => {
                if let Some(peer) = self.peer_mut(id, role) {
                    peer.ice_lost_at = Some(now);
                    self.timers
                        .schedule(now + ICE_RECONNECT_GRACE, Due::IceGrace(id, role));
                }
            }
            Event::IceConnectionStateChange(
                IceConnectionState::Connected | IceConnectionState::Completed,
            ) => {
                if let Some(peer) = self.peer_mut(id, role) {
                    peer.ice_lost_at = None;
                }
            }
            _ => {}
        }
    }
}
