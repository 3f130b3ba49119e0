//! All live meetings on this node: each meeting's core
//! (`conclave_room::room::Room`: roles, lobby, delivery service) wired to
//! the SFU. Sans-IO like its parts: the media task in `media.rs` feeds it
//! commands, datagrams and time, and sends what it polls out. The glue is
//! thin on purpose: a room says who entered or left, and this turns that
//! into SFU calls; media messages go to the SFU after the room's checks.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use conclave_room::lobby::DeviceHash;
use conclave_room::room::{Audit, Room, RoomOutput, RoomSettings};
use conclave_sfu::{Candidates, RoomKey, Sfu, SfuEvent};
use conclave_signaling::{ClientMessage, ErrorCode, ParticipantId, ServerMessage, TrackSource};
use str0m::net::{Protocol, Transmit};

use crate::meeting_id::MeetingId;
use crate::store::{AuditEvent, ScreenShare};

/// What the conference needs the shell to do: for one participant's
/// socket, or for the store.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Send(ParticipantId, ServerMessage),
    /// Close the socket (after sending what was queued).
    Close(ParticipantId),
    /// Append to the meeting's audit log (opaque ids only, never names).
    Audit(MeetingId, AuditEvent),
    /// A host started (`active`) or a recording stopped: open or close the
    /// meeting's recording file. Its packets come from
    /// [`Conference::poll_recorded`].
    Recording {
        room: RoomKey,
        meeting: MeetingId,
        active: bool,
    },
    /// A host's client sealed an epoch's keys: append them to the file.
    RecordingKey {
        room: RoomKey,
        from: ParticipantId,
        epoch: u64,
        sealed: String,
    },
}

impl From<Audit> for AuditEvent {
    fn from(a: Audit) -> Self {
        match a {
            Audit::Joined(p) => AuditEvent::Joined(p),
            Audit::Left(p) => AuditEvent::Left(p),
            Audit::Knocked(p) => AuditEvent::Knocked(p),
            Audit::Admitted(p, by) => AuditEvent::Admitted(p, by),
            Audit::Denied(p) => AuditEvent::Denied(p),
            Audit::Removed(p) => AuditEvent::Removed(p),
            Audit::Promoted(p, by) => AuditEvent::Promoted(p, by),
            Audit::Locked => AuditEvent::Locked,
            Audit::Unlocked => AuditEvent::Unlocked,
            Audit::ScreenSharing(true) => AuditEvent::ScreenShare(ScreenShare::Everyone),
            Audit::ScreenSharing(false) => AuditEvent::ScreenShare(ScreenShare::Hosts),
            Audit::Ended => AuditEvent::Ended,
            Audit::RecordingStarted(by) => AuditEvent::RecordingStarted(by),
            Audit::RecordingStopped(by) => AuditEvent::RecordingStopped(by),
        }
    }
}

/// What the shell knows about one `join`.
#[derive(Debug, Clone)]
pub struct JoinRequest {
    /// The socket showed the meeting's host secret.
    pub host: bool,
    /// The meeting's own participant cap, from its stored settings.
    pub cap: Option<usize>,
    /// The meeting's stored settings: guests wait in a lobby; locked.
    pub lobby: bool,
    pub locked: bool,
    /// Whether non-hosts may share a screen (the stored setting).
    pub screen_sharing: bool,
    pub device: Option<DeviceHash>,
}

impl Default for JoinRequest {
    fn default() -> Self {
        Self {
            host: false,
            cap: None,
            lobby: false,
            locked: false,
            screen_sharing: true,
            device: None,
        }
    }
}

struct Live {
    room: Room,
    key: RoomKey,
}

pub struct Conference {
    sfu: Sfu,
    meetings: HashMap<MeetingId, Live>,
    keys: HashMap<RoomKey, MeetingId>,
    /// Everyone in or waiting at some meeting, and which.
    participants: HashMap<ParticipantId, MeetingId>,
    next_key: u64,
    max_participants: usize,
    deliveries: VecDeque<Delivery>,
    /// Meetings ended lately, and when. A socket let in before the end may
    /// still send its `join` (within its join deadline, 10 s by default);
    /// it is refused instead of reopening the meeting.
    ended: HashMap<MeetingId, Instant>,
    /// The earliest of every room's deadlines, as of the last change to any.
    rooms_deadline: Option<Instant>,
}

/// How long an ended meeting is remembered here. Well beyond any socket's
/// join deadline; after it, the lookup that every new socket passes keeps
/// the meeting shut, and the memory is freed.
const ENDED_MEMORY: Duration = Duration::from_secs(60);

impl Conference {
    /// Recent speakers' cameras a participant gets until it asks otherwise.
    pub fn set_default_last_n(&mut self, n: usize) {
        self.sfu.set_default_last_n(n);
    }

    pub fn new(candidates: impl Into<Candidates>, max_participants: usize, now: Instant) -> Self {
        Self {
            sfu: Sfu::new(candidates, now),
            meetings: HashMap::new(),
            keys: HashMap::new(),
            participants: HashMap::new(),
            next_key: 1,
            max_participants,
            deliveries: VecDeque::new(),
            ended: HashMap::new(),
            rooms_deadline: None,
        }
    }

    /// Live meetings (for `/metrics`).
    pub fn meeting_count(&self) -> usize {
        self.meetings.len()
    }

    /// Members of all meetings (not counting people waiting).
    pub fn participant_count(&self) -> usize {
        self.meetings.values().map(|l| l.room.len()).sum()
    }

    /// WebRTC connections the SFU holds (for `/metrics`).
    pub fn peer_count(&self) -> usize {
        self.sfu.peer_count()
    }

    /// A socket asked to join `meeting` (which the shell checked exists),
    /// with the server's cap and no lobby.
    #[cfg(test)]
    pub fn handle_join(&mut self, id: ParticipantId, meeting: MeetingId, host: bool, now: Instant) {
        let request = JoinRequest {
            host,
            ..JoinRequest::default()
        };
        self.handle_join_request(id, meeting, request, now);
    }

    /// A socket asked to join `meeting` (which the shell checked exists).
    /// The request's settings are read when the meeting goes live (its
    /// first arrival); after that the live state (a lock by a host) rules.
    pub fn handle_join_request(
        &mut self,
        id: ParticipantId,
        meeting: MeetingId,
        request: JoinRequest,
        now: Instant,
    ) {
        if self.participants.contains_key(&id) {
            self.error(id, ErrorCode::AlreadyJoined, "already joined", false);
            return;
        }
        self.ended
            .retain(|_, at| now.saturating_duration_since(*at) < ENDED_MEMORY);
        if self.ended.contains_key(&meeting) {
            self.error(id, ErrorCode::NoSuchMeeting, "the meeting has ended", true);
            return;
        }
        let next_key = &mut self.next_key;
        let keys = &mut self.keys;
        let settings = RoomSettings {
            max_participants: request
                .cap
                .map_or(self.max_participants, |c| c.clamp(1, self.max_participants)),
            lobby: request.lobby,
            locked: request.locked,
            screen_sharing: request.screen_sharing,
        };
        let live = self.meetings.entry(meeting.clone()).or_insert_with(|| {
            let key = RoomKey(*next_key);
            *next_key += 1;
            keys.insert(key, meeting.clone());
            Live {
                room: Room::new(settings, now),
                key,
            }
        });
        self.participants.insert(id, meeting.clone());
        live.room
            .handle_arrival(id, request.host, request.device, now);
        self.collect(now);
    }

    /// Any message after `join`.
    pub fn handle_message(&mut self, id: ParticipantId, message: ClientMessage, now: Instant) {
        let Some(meeting) = self.participants.get(&id).cloned() else {
            self.error(id, ErrorCode::NotJoined, "send join first", false);
            return;
        };
        let Some(live) = self.meetings.get_mut(&meeting) else {
            return;
        };
        let member = live.room.role(id).is_some();
        match message {
            // Media: the SFU's, for members only.
            ClientMessage::PublishOffer { sdp, tracks } if member => {
                let shares = tracks
                    .iter()
                    .any(|t| matches!(t.source, TrackSource::Screen | TrackSource::ScreenAudio));
                if shares && !live.room.may_share_screen(id) {
                    self.error(
                        id,
                        ErrorCode::NotAllowed,
                        "a host has turned screen sharing off for participants",
                        false,
                    );
                } else {
                    match self.sfu.handle_publish_offer(id, &sdp, &tracks, now) {
                        Ok(answer) => {
                            self.deliveries.push_back(Delivery::Send(
                                id,
                                ServerMessage::PublishAnswer { sdp: answer },
                            ));
                            let sharing = tracks.iter().any(|t| t.source == TrackSource::Screen);
                            live.room.handle_screen_sharing(id, sharing);
                        }
                        Err(e) => self.error(id, ErrorCode::Negotiation, &e.to_string(), false),
                    }
                }
            }
            ClientMessage::SubscribeAnswer { sdp } if member => {
                if let Err(e) = self.sfu.handle_subscribe_answer(id, &sdp, now) {
                    self.error(id, ErrorCode::Negotiation, &e.to_string(), false);
                }
            }
            ClientMessage::RestartIce if member => {
                if let Err(e) = self.sfu.handle_restart_ice(id) {
                    self.error(id, ErrorCode::Negotiation, &e.to_string(), false);
                }
            }
            ClientMessage::VideoSize {
                track,
                width,
                height,
            } if member => {
                if let Err(e) = self.sfu.set_video_size(id, track, width, height, now) {
                    self.error(id, ErrorCode::BadMessage, &e.to_string(), false);
                }
            }
            ClientMessage::VideoSelection { last_n, pinned } if member => {
                let last_n = last_n.map(usize::from);
                if let Err(e) = self.sfu.set_video_choice(id, last_n, pinned, now) {
                    self.error(id, ErrorCode::BadMessage, &e.to_string(), false);
                }
            }
            message => live.room.handle_message(id, message, now),
        }
        self.collect(now);
    }

    /// The socket closed (or failed): the participant is gone.
    pub fn handle_disconnected(&mut self, id: ParticipantId, now: Instant) {
        if let Some(live) = self
            .participants
            .get(&id)
            .and_then(|m| self.meetings.get_mut(m))
        {
            live.room.handle_disconnected(id, now);
        }
        self.participants.remove(&id);
        self.collect(now);
    }

    /// The meeting was ended (by a host, or it expired): everyone in it is
    /// told and let go, as if the link had never existed.
    pub fn handle_end(&mut self, meeting: &MeetingId, now: Instant) {
        self.ended.insert(meeting.clone(), now);
        if let Some(live) = self.meetings.get_mut(meeting) {
            live.room.handle_end(now);
        }
        self.collect(now);
    }

    pub fn handle_datagram(
        &mut self,
        now: Instant,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        self.handle_receive(now, Protocol::Udp, source, destination, data)
    }

    /// A datagram over UDP or, as one RFC 4571 frame, over ICE-TCP.
    pub fn handle_receive(
        &mut self,
        now: Instant,
        proto: Protocol,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        let claimed = self
            .sfu
            .handle_receive(now, proto, source, destination, data);
        // The per-packet path: a datagram changes no room unless the SFU
        // has something to tell one (a failed peer, a new speaker, an
        // offer). Walking every meeting per packet cost more than the
        // forwarding itself once meetings were many.
        if self.sfu.has_events() {
            self.collect(now);
        }
        claimed
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        self.sfu.handle_timeout(now);
        // Most wake-ups are a peer's (str0m's pacing and RTCP); the rooms
        // are walked only when one of them is due.
        if self.rooms_deadline.is_some_and(|t| t <= now) {
            let sfu = &self.sfu;
            for live in self.meetings.values_mut() {
                if live.room.poll_timeout().is_some_and(|t| t <= now) {
                    // Someone silent on signaling may still be sending media
                    // (a stalled socket after an outage): asked only when a
                    // deadline comes, not per packet.
                    live.room.handle_media_heard(|id| sfu.media_heard_at(id));
                    live.room.handle_timeout(now);
                }
            }
            self.collect(now);
        } else if self.sfu.has_events() {
            self.collect(now);
        }
    }

    pub fn poll_timeout(&self) -> Instant {
        match self.rooms_deadline {
            Some(rooms) => rooms.min(self.sfu.poll_timeout()),
            None => self.sfu.poll_timeout(),
        }
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.sfu.poll_transmit()
    }

    /// The next packet of a recorded meeting, still encrypted end to end.
    pub fn poll_recorded(&mut self) -> Option<conclave_sfu::recording::RecordedPacket> {
        self.sfu.poll_recorded()
    }

    /// The shell could not record `room` (no store, a full disk): the
    /// recording stops and its hosts are told.
    pub fn handle_recording_failed(&mut self, room: RoomKey, reason: &str, now: Instant) {
        if let Some(live) = self.keys.get(&room).and_then(|m| self.meetings.get_mut(m)) {
            live.room.handle_recording_failed(reason);
        }
        self.collect(now);
    }

    pub fn poll_delivery(&mut self) -> Option<Delivery> {
        self.deliveries.pop_front()
    }

    fn error(&mut self, id: ParticipantId, code: ErrorCode, message: &str, fatal: bool) {
        self.deliveries.push_back(Delivery::Send(
            id,
            ServerMessage::Error {
                code,
                message: message.to_owned(),
                fatal,
            },
        ));
        if fatal {
            self.deliveries.push_back(Delivery::Close(id));
        }
    }

    /// Moves the rooms' and the SFU's outputs into deliveries, acting on
    /// those that concern the other part. Room messages go first so a
    /// joiner gets `welcome` before its first `subscribe_offer`.
    fn collect(&mut self, now: Instant) {
        loop {
            let mut progressed = false;
            let mut ended = Vec::new();
            for (meeting, live) in &mut self.meetings {
                let _span = tracing::info_span!("meeting", %meeting).entered();
                while let Some(out) = live.room.poll_output() {
                    progressed = true;
                    match out {
                        RoomOutput::Send(to, message) => {
                            self.deliveries.push_back(Delivery::Send(to, message));
                        }
                        RoomOutput::Close(id) => self.deliveries.push_back(Delivery::Close(id)),
                        RoomOutput::Entered(id) => {
                            if let Err(e) = self.sfu.add_participant(live.key, id, now) {
                                tracing::warn!(participant = %id, "media setup failed: {e}");
                                live.room.handle_disconnected(id, now);
                                self.deliveries.push_back(Delivery::Send(
                                    id,
                                    ServerMessage::Error {
                                        code: ErrorCode::ServerBusy,
                                        message: e.to_string(),
                                        fatal: true,
                                    },
                                ));
                                self.deliveries.push_back(Delivery::Close(id));
                            } else if let Some(speaker) = self.sfu.active_speaker(live.key) {
                                // Speaker changes are broadcast when they
                                // happen; a joiner learns the current one.
                                self.deliveries.push_back(Delivery::Send(
                                    id,
                                    ServerMessage::ActiveSpeaker {
                                        participant: Some(speaker),
                                    },
                                ));
                            }
                        }
                        RoomOutput::Left(id) | RoomOutput::Gone(id) => {
                            self.sfu.remove_participant(id, now);
                            self.participants.remove(&id);
                        }
                        RoomOutput::Audit(a) => self
                            .deliveries
                            .push_back(Delivery::Audit(meeting.clone(), a.into())),
                        RoomOutput::Ended => ended.push(meeting.clone()),
                        RoomOutput::Recording(active) => {
                            self.sfu.set_recording(live.key, active, now);
                            self.deliveries.push_back(Delivery::Recording {
                                room: live.key,
                                meeting: meeting.clone(),
                                active,
                            });
                        }
                        RoomOutput::RecordingKey {
                            from,
                            epoch,
                            sealed,
                        } => {
                            // A recorded epoch began: its pictures start here.
                            self.sfu.handle_recorded_epoch(live.key, now);
                            self.deliveries.push_back(Delivery::RecordingKey {
                                room: live.key,
                                from,
                                epoch,
                                sealed,
                            });
                        }
                    }
                }
            }
            for meeting in ended {
                self.ended.insert(meeting, now);
            }
            while let Some(event) = self.sfu.poll_event() {
                progressed = true;
                match event {
                    SfuEvent::SubscribeOffer {
                        participant,
                        sdp,
                        tracks,
                    } => self.deliveries.push_back(Delivery::Send(
                        participant,
                        ServerMessage::SubscribeOffer { sdp, tracks },
                    )),
                    SfuEvent::VideoPaused {
                        participant,
                        tracks,
                    } => self.deliveries.push_back(Delivery::Send(
                        participant,
                        ServerMessage::VideoPaused { tracks },
                    )),
                    SfuEvent::ActiveSpeaker { room, participant } => {
                        if let Some(live) =
                            self.keys.get(&room).and_then(|m| self.meetings.get_mut(m))
                        {
                            live.room.handle_active_speaker(participant);
                        }
                    }
                    SfuEvent::MediaFailed { participant } => {
                        let member = self
                            .participants
                            .get(&participant)
                            .and_then(|m| self.meetings.get_mut(m))
                            .filter(|l| l.room.role(participant).is_some());
                        if let Some(live) = member {
                            tracing::info!(%participant, "media connection failed");
                            live.room.handle_disconnected(participant, now);
                            self.error(
                                participant,
                                ErrorCode::Negotiation,
                                "your media connection failed",
                                true,
                            );
                        }
                    }
                }
            }
            if !progressed {
                break;
            }
        }
        // Every room's outputs are drained now: an empty one has nothing
        // left to say and can go.
        self.meetings.retain(|_, live| {
            let keep = !live.room.is_empty();
            if !keep {
                self.keys.remove(&live.key);
            }
            keep
        });
        // Rooms change only in here (every handler ends by collecting), so
        // their earliest deadline is computed once per change, not per packet.
        self.rooms_deadline = self
            .meetings
            .values()
            .filter_map(|l| l.room.poll_timeout())
            .min();
    }
}

#[cfg(test)]
mod e2ee_tests;
#[cfg(test)]
mod lobby_tests;

#[cfg(test)]
mod tests {
    use super::*;

    const ADA: ParticipantId = ParticipantId(1);
    const BOB: ParticipantId = ParticipantId(2);

    fn conference(now: Instant) -> Conference {
        Conference::new(vec!["127.0.0.1:40000".parse().unwrap()], 10, now)
    }

    fn drain(c: &mut Conference) -> Vec<Delivery> {
        std::iter::from_fn(|| c.poll_delivery()).collect()
    }

    fn errors_to(d: &[Delivery], to: ParticipantId) -> Vec<(ErrorCode, bool)> {
        d.iter()
            .filter_map(|d| match d {
                Delivery::Send(p, ServerMessage::Error { code, fatal, .. }) if *p == to => {
                    Some((*code, *fatal))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn messages_before_join_are_refused_without_closing() {
        let now = Instant::now();
        let mut c = conference(now);
        c.handle_message(ADA, ClientMessage::Ping { seen: None }, now);
        assert_eq!(
            errors_to(&drain(&mut c), ADA),
            [(ErrorCode::NotJoined, false)]
        );
    }

    #[test]
    fn join_welcomes_and_leave_tells_the_others_and_frees_the_meeting() {
        let now = Instant::now();
        let mut c = conference(now);
        let m = MeetingId::generate();
        c.handle_join(ADA, m.clone(), true, now);
        c.handle_join(BOB, m.clone(), false, now);
        let d = drain(&mut c);
        assert!(d.iter().any(|d| matches!(d, Delivery::Send(BOB, ServerMessage::Welcome { participants, .. }) if participants.len() == 2)));
        assert!(d.iter().any(|d| matches!(d, Delivery::Send(ADA, ServerMessage::ParticipantJoined { participant }) if participant.id == BOB)));
        assert_eq!(c.participant_count(), 2);

        c.handle_message(BOB, ClientMessage::Leave, now);
        let d = drain(&mut c);
        assert!(d.contains(&Delivery::Send(
            ADA,
            ServerMessage::ParticipantLeft { id: BOB }
        )));
        assert!(d.contains(&Delivery::Close(BOB)));
        c.handle_disconnected(ADA, now);
        assert_eq!(c.participant_count(), 0);
        assert!(c.meetings.is_empty() && c.keys.is_empty());
    }

    #[test]
    fn garbage_sdp_is_a_negotiation_error_not_a_crash() {
        let now = Instant::now();
        let mut c = conference(now);
        c.handle_join(ADA, MeetingId::generate(), false, now);
        drain(&mut c);
        c.handle_message(
            ADA,
            ClientMessage::PublishOffer {
                sdp: "v=0\r\nthis is not sdp".into(),
                tracks: vec![],
            },
            now,
        );
        c.handle_message(
            ADA,
            ClientMessage::SubscribeAnswer { sdp: "nope".into() },
            now,
        );
        c.handle_message(ADA, ClientMessage::Ping { seen: None }, now);
        let d = drain(&mut c);
        assert_eq!(
            errors_to(&d, ADA),
            [
                (ErrorCode::Negotiation, false),
                (ErrorCode::Negotiation, false)
            ]
        );
        assert!(d.contains(&Delivery::Send(ADA, ServerMessage::Pong)));
    }

    fn audit(d: &[Delivery]) -> Vec<AuditEvent> {
        d.iter()
            .filter_map(|d| match d {
                Delivery::Audit(_, e) => Some(*e),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn joins_and_leaves_are_audited_by_opaque_id() {
        let now = Instant::now();
        let mut c = conference(now);
        let m = MeetingId::generate();
        c.handle_join(ADA, m.clone(), true, now);
        c.handle_message(ADA, ClientMessage::Leave, now);
        let d = drain(&mut c);
        assert_eq!(audit(&d), [AuditEvent::Joined(ADA), AuditEvent::Left(ADA)]);
    }

    #[test]
    fn the_stored_cap_applies_when_the_meeting_goes_live() {
        let now = Instant::now();
        let mut c = conference(now);
        let m = MeetingId::generate();
        for (id, host) in [(ADA, true), (BOB, false)] {
            let request = JoinRequest {
                host,
                cap: Some(1),
                ..JoinRequest::default()
            };
            c.handle_join_request(id, m.clone(), request, now);
        }
        let d = drain(&mut c);
        assert_eq!(errors_to(&d, BOB), [(ErrorCode::MeetingFull, false)]);
        assert_eq!(audit(&d), [AuditEvent::Joined(ADA)]);
    }

    #[test]
    fn ending_a_meeting_lets_everyone_go_and_frees_it() {
        let now = Instant::now();
        let mut c = conference(now);
        let m = MeetingId::generate();
        c.handle_join(ADA, m.clone(), true, now);
        c.handle_join(BOB, m.clone(), false, now);
        drain(&mut c);
        c.handle_end(&m, now);
        let d = drain(&mut c);
        for p in [ADA, BOB] {
            assert_eq!(errors_to(&d, p), [(ErrorCode::NoSuchMeeting, true)]);
            assert!(d.contains(&Delivery::Close(p)));
        }
        assert_eq!(c.participant_count(), 0);
        assert!(c.meetings.is_empty());

        // A socket let in just before the end cannot reopen it.
        c.handle_join(ParticipantId(3), m.clone(), false, now);
        let d = drain(&mut c);
        assert_eq!(
            errors_to(&d, ParticipantId(3)),
            [(ErrorCode::NoSuchMeeting, true)]
        );
        assert!(c.meetings.is_empty());
        // The memory is freed later; the shell's lookup keeps it shut.
        c.handle_join(ParticipantId(4), m, false, now + ENDED_MEMORY);
        assert!(c.ended.is_empty());
    }

    #[test]
    fn a_silent_participant_is_removed_for_everyone() {
        let t0 = Instant::now();
        let mut c = conference(t0);
        let m = MeetingId::generate();
        c.handle_join(ADA, m.clone(), false, t0);
        c.handle_join(BOB, m, false, t0);
        drain(&mut c);
        let mut t = t0;
        while t < t0 + conclave_room::SILENCE_TIMEOUT + Duration::from_secs(1) {
            t += Duration::from_secs(1);
            c.handle_message(ADA, ClientMessage::Ping { seen: None }, t);
            c.handle_timeout(t);
        }
        let d = drain(&mut c);
        assert!(d.contains(&Delivery::Send(
            ADA,
            ServerMessage::ParticipantLeft { id: BOB }
        )));
        assert!(d.contains(&Delivery::Close(BOB)));
        assert_eq!(c.participant_count(), 1);
    }
}
