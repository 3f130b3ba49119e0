//! All live meetings on this node: each meeting's state machine
//! (`conclave_room::Meeting`) wired to the SFU. Sans-IO like its parts: the
//! media task in `media.rs` feeds it commands, datagrams and time, and sends
//! what it polls out.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use conclave_room::delivery::{CommitIn, CommitterPolicy, DeliveryError, DeliveryService};
use conclave_room::lobby::{DeviceHash, Lobby, LobbyError};
use conclave_room::{Meeting, Output as MeetingOutput};
use conclave_sfu::{RoomKey, Sfu, SfuEvent};
use conclave_signaling::{
    ClientMessage, ErrorCode, ParticipantId, ServerMessage, TrackSource, validate_name,
};
use str0m::net::Transmit;

use crate::meeting_id::MeetingId;
use crate::store::AuditEvent;

/// What the conference needs the shell to do: for one participant's
/// socket, or for the store.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Send(ParticipantId, ServerMessage),
    /// Close the socket (after sending what was queued).
    Close(ParticipantId),
    /// Append to the meeting's audit log (opaque ids only, never names).
    Audit(MeetingId, AuditEvent),
}

struct Live {
    meeting: Meeting,
    /// The meeting's MLS delivery service (orders commits; holds no keys).
    delivery: DeliveryService,
    room: RoomKey,
    lobby: Lobby,
    /// Guests wait in the lobby (the meeting's stored setting).
    lobby_enabled: bool,
    /// Members who showed the host secret.
    hosts: BTreeSet<ParticipantId>,
    /// Members' device hashes, to block a removed one from knocking again.
    devices: HashMap<ParticipantId, DeviceHash>,
    /// Whether non-hosts may share a screen.
    screen_sharing: bool,
}

/// What the shell knows about one `join`.
#[derive(Debug, Clone)]
pub struct JoinRequest {
    pub name: String,
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
            name: String::new(),
            host: false,
            cap: None,
            lobby: false,
            locked: false,
            screen_sharing: true,
            device: None,
        }
    }
}

impl Live {
    fn poll_timeout(&self) -> Option<Instant> {
        match (self.meeting.poll_timeout(), self.delivery.poll_timeout()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

pub struct Conference {
    sfu: Sfu,
    meetings: HashMap<MeetingId, Live>,
    rooms: HashMap<RoomKey, MeetingId>,
    members: HashMap<ParticipantId, MeetingId>,
    /// People in some meeting's lobby (not members of anything yet).
    waiting: HashMap<ParticipantId, MeetingId>,
    next_room: u64,
    max_participants: usize,
    deliveries: VecDeque<Delivery>,
    /// Meetings ended lately, and when. A socket let in before the end may
    /// still send its `join` (within its join deadline, 10 s by default);
    /// it is refused instead of reopening the meeting.
    ended: HashMap<MeetingId, Instant>,
}

/// How long an ended meeting is remembered here. Well beyond any socket's
/// join deadline; after it, the lookup that every new socket passes keeps
/// the meeting shut, and the memory is freed.
const ENDED_MEMORY: Duration = Duration::from_secs(60);

impl Conference {
    pub fn new(media_address: SocketAddr, max_participants: usize, now: Instant) -> Self {
        Self {
            sfu: Sfu::new(media_address, now),
            meetings: HashMap::new(),
            rooms: HashMap::new(),
            members: HashMap::new(),
            waiting: HashMap::new(),
            next_room: 1,
            max_participants,
            deliveries: VecDeque::new(),
            ended: HashMap::new(),
        }
    }

    #[cfg(test)]
    pub fn participant_count(&self) -> usize {
        self.members.len()
    }

    /// A socket asked to join `meeting` (which the shell checked exists),
    /// with the server's cap and no lobby.
    #[cfg(test)]
    pub fn handle_join(
        &mut self,
        id: ParticipantId,
        meeting: MeetingId,
        name: &str,
        host: bool,
        now: Instant,
    ) {
        let request = JoinRequest {
            name: name.to_owned(),
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
        if self.members.contains_key(&id) || self.waiting.contains_key(&id) {
            self.error(id, ErrorCode::AlreadyJoined, "already joined", false);
            return;
        }
        self.ended
            .retain(|_, at| now.saturating_duration_since(*at) < ENDED_MEMORY);
        if self.ended.contains_key(&meeting) {
            self.error(id, ErrorCode::NoSuchMeeting, "the meeting has ended", true);
            return;
        }
        let next_room = &mut self.next_room;
        let rooms = &mut self.rooms;
        let max = request
            .cap
            .map_or(self.max_participants, |c| c.clamp(1, self.max_participants));
        let live = self.meetings.entry(meeting.clone()).or_insert_with(|| {
            let room = RoomKey(*next_room);
            *next_room += 1;
            rooms.insert(room, meeting.clone());
            Live {
                meeting: Meeting::new(max),
                delivery: DeliveryService::new(CommitterPolicy::LongestPresent),
                room,
                lobby: Lobby::new(request.locked),
                lobby_enabled: request.lobby,
                hosts: BTreeSet::new(),
                devices: HashMap::new(),
                screen_sharing: request.screen_sharing,
            }
        });
        if !request.host {
            let refusal = if live.lobby.is_blocked(request.device.as_ref()) {
                Some(LobbyError::Blocked)
            } else if live.lobby.is_locked() {
                Some(LobbyError::Locked)
            } else {
                None
            };
            if let Some(e) = refusal {
                self.error(id, e.code(), &e.to_string(), true);
                self.drop_if_empty(&meeting);
                return;
            }
        }
        if !request.host && live.lobby_enabled {
            let name = match validate_name(&request.name) {
                Ok(n) => n,
                Err(e) => {
                    self.error(id, ErrorCode::InvalidName, &e.to_string(), false);
                    self.drop_if_empty(&meeting);
                    return;
                }
            };
            match live.lobby.handle_arrival(id, name, request.device) {
                Ok(()) => {
                    self.waiting.insert(id, meeting.clone());
                    tracing::info!(participant = %id, %meeting, "waiting in the lobby");
                    self.deliveries
                        .push_back(Delivery::Send(id, ServerMessage::Lobby { you: id }));
                }
                Err(e) => {
                    self.error(id, e.code(), &e.to_string(), e.is_fatal());
                    self.drop_if_empty(&meeting);
                }
            }
            return;
        }
        self.enter(
            &meeting,
            id,
            &request.name,
            request.host,
            request.device,
            now,
        );
        self.collect(now);
    }

    /// Lets `id` into the meeting: its signaling, the SFU and (once its
    /// KeyPackage is committed) the MLS group. `false` if it was refused.
    fn enter(
        &mut self,
        meeting: &MeetingId,
        id: ParticipantId,
        name: &str,
        host: bool,
        device: Option<DeviceHash>,
        now: Instant,
    ) -> bool {
        let Some(live) = self.meetings.get_mut(meeting) else {
            return false;
        };
        match live.meeting.handle_join(id, name, host, now) {
            Ok(()) => {
                let room = live.room;
                if host {
                    live.hosts.insert(id);
                    live.delivery.set_host(id);
                }
                if let Some(d) = device {
                    live.devices.insert(id, d);
                }
                let locked = live.lobby.is_locked();
                let screen_sharing = live.screen_sharing;
                // A host who arrives sees who is waiting, and admits
                // nobody by arriving.
                let knocks: Vec<(ParticipantId, String)> = if host {
                    live.lobby
                        .knocks()
                        .map(|(p, s)| (p, s.to_owned()))
                        .collect()
                } else {
                    Vec::new()
                };
                self.members.insert(id, meeting.clone());
                tracing::info!(participant = %id, %meeting, "joined");
                self.deliveries
                    .push_back(Delivery::Audit(meeting.clone(), AuditEvent::Joined(id)));
                // Queued behind `welcome` (collected first).
                self.collect(now);
                if locked {
                    self.deliveries
                        .push_back(Delivery::Send(id, ServerMessage::MeetingLocked { locked }));
                }
                if !screen_sharing {
                    self.deliveries.push_back(Delivery::Send(
                        id,
                        ServerMessage::ScreenSharingAllowed { allowed: false },
                    ));
                }
                for (participant, sealed) in knocks {
                    self.deliveries.push_back(Delivery::Send(
                        id,
                        ServerMessage::Knock {
                            participant,
                            sealed,
                        },
                    ));
                }
                if let Err(e) = self.sfu.add_participant(room, id, now) {
                    tracing::warn!(participant = %id, "media setup failed: {e}");
                    self.leave(meeting, id, now);
                    self.error(id, ErrorCode::ServerBusy, &e.to_string(), true);
                    return false;
                } else if let Some(speaker) = self.sfu.active_speaker(room) {
                    // Speaker changes are broadcast when they happen; a
                    // joiner learns the current one here.
                    self.collect(now);
                    self.deliveries.push_back(Delivery::Send(
                        id,
                        ServerMessage::ActiveSpeaker {
                            participant: Some(speaker),
                        },
                    ));
                }
                true
            }
            Err(e) => {
                self.error(id, e.code(), &e.to_string(), false);
                self.drop_if_empty(meeting);
                false
            }
        }
    }

    fn drop_if_empty(&mut self, meeting: &MeetingId) {
        if self
            .meetings
            .get(meeting)
            .is_some_and(|l| l.meeting.is_empty() && l.lobby.is_empty())
        {
            self.drop_meeting(meeting);
        }
    }

    /// A message from someone waiting in the lobby: a knock, a ping, or
    /// leaving. Nothing else of the meeting is theirs to reach.
    fn handle_waiting_message(
        &mut self,
        id: ParticipantId,
        meeting: &MeetingId,
        message: ClientMessage,
        now: Instant,
    ) {
        match message {
            ClientMessage::Knock { sealed } => {
                let Some(live) = self.meetings.get_mut(meeting) else {
                    return;
                };
                match live.lobby.handle_knock(id, sealed.clone(), false, now) {
                    Ok(()) => {
                        tracing::info!(participant = %id, "knocked");
                        self.deliveries
                            .push_back(Delivery::Audit(meeting.clone(), AuditEvent::Knocked(id)));
                        self.send_to_hosts(
                            meeting,
                            ServerMessage::Knock {
                                participant: id,
                                sealed,
                            },
                        );
                    }
                    Err(e) => {
                        if e.is_fatal() {
                            self.leave_lobby(meeting, id);
                        }
                        self.error(id, e.code(), &e.to_string(), e.is_fatal());
                    }
                }
            }
            ClientMessage::Ping => self
                .deliveries
                .push_back(Delivery::Send(id, ServerMessage::Pong)),
            ClientMessage::Leave => {
                self.leave_lobby(meeting, id);
                self.deliveries.push_back(Delivery::Close(id));
            }
            ClientMessage::Join { .. } => {
                self.error(id, ErrorCode::AlreadyJoined, "already joined", false);
            }
            _ => self.error(
                id,
                ErrorCode::NotJoined,
                "you are waiting for a host to admit you",
                false,
            ),
        }
    }

    /// Someone leaves the lobby without a decision (socket closed, left,
    /// refused). Hosts stop seeing the knock.
    fn leave_lobby(&mut self, meeting: &MeetingId, id: ParticipantId) {
        self.waiting.remove(&id);
        let shown = self
            .meetings
            .get_mut(meeting)
            .is_some_and(|l| l.lobby.handle_leave(id));
        if shown {
            self.send_to_hosts(meeting, ServerMessage::KnockWithdrawn { participant: id });
        }
        self.drop_if_empty(meeting);
    }

    fn send_to_hosts(&mut self, meeting: &MeetingId, message: ServerMessage) {
        if let Some(live) = self.meetings.get(meeting) {
            for h in &live.hosts {
                self.deliveries
                    .push_back(Delivery::Send(*h, message.clone()));
            }
        }
    }

    fn is_host(&self, meeting: &MeetingId, id: ParticipantId) -> bool {
        self.meetings
            .get(meeting)
            .is_some_and(|l| l.hosts.contains(&id))
    }

    /// A host's decision or control. Every one is refused to non-hosts.
    fn handle_host_message(
        &mut self,
        host: ParticipantId,
        meeting: &MeetingId,
        message: ClientMessage,
        now: Instant,
    ) {
        if !self.is_host(meeting, host) {
            self.error(host, ErrorCode::NotHost, "only a host may do that", false);
            return;
        }
        match message {
            ClientMessage::Admit {
                participant,
                key_package,
            } => self.admit(meeting, host, participant, key_package, now),
            ClientMessage::Deny { participant } => {
                let Some(live) = self.meetings.get_mut(meeting) else {
                    return;
                };
                let waiting = live.lobby.is_waiting(participant);
                match live.lobby.deny(participant) {
                    Ok(blocked) => {
                        self.send_to_hosts(meeting, ServerMessage::KnockWithdrawn { participant });
                        if waiting {
                            self.waiting.remove(&participant);
                            self.deliveries.push_back(Delivery::Audit(
                                meeting.clone(),
                                AuditEvent::Denied(participant),
                            ));
                            self.deliveries.push_back(Delivery::Send(
                                participant,
                                ServerMessage::Denied { blocked },
                            ));
                            self.deliveries.push_back(Delivery::Close(participant));
                        }
                    }
                    Err(e) => self.error(host, e.code(), "nobody by that id is knocking", false),
                }
            }
            ClientMessage::Lock { locked } => {
                let Some(live) = self.meetings.get_mut(meeting) else {
                    return;
                };
                if live.lobby.is_locked() != locked {
                    live.lobby.set_locked(locked);
                    live.meeting
                        .broadcast(ServerMessage::MeetingLocked { locked });
                    let event = if locked {
                        AuditEvent::Locked
                    } else {
                        AuditEvent::Unlocked
                    };
                    self.deliveries
                        .push_back(Delivery::Audit(meeting.clone(), event));
                }
            }
            ClientMessage::Remove { participant } => self.remove(meeting, host, participant, now),
            ClientMessage::Promote {
                participant,
                sealed_key,
            } => self.promote(meeting, host, participant, sealed_key),
            ClientMessage::MuteParticipant { participant } => {
                if self.members.get(&participant) == Some(meeting) {
                    self.deliveries
                        .push_back(Delivery::Send(participant, ServerMessage::MutedByHost));
                } else {
                    self.error(host, ErrorCode::BadMessage, "no such participant", false);
                }
            }
            ClientMessage::ScreenSharing { allowed } => {
                if let Some(live) = self.meetings.get_mut(meeting)
                    && live.screen_sharing != allowed
                {
                    live.screen_sharing = allowed;
                    live.meeting
                        .broadcast(ServerMessage::ScreenSharingAllowed { allowed });
                }
            }
            ClientMessage::EndMeeting => {
                tracing::info!(%meeting, "ended by a host");
                self.deliveries
                    .push_back(Delivery::Audit(meeting.clone(), AuditEvent::Ended));
                self.handle_end(meeting, now);
            }
            _ => {}
        }
    }

    fn admit(
        &mut self,
        meeting: &MeetingId,
        host: ParticipantId,
        participant: ParticipantId,
        key_package: String,
        now: Instant,
    ) {
        let Some(live) = self.meetings.get_mut(meeting) else {
            return;
        };
        let admitted = match live.lobby.admit(participant) {
            Ok(a) => a,
            Err(e) => {
                self.error(host, e.code(), "nobody by that id is knocking", false);
                return;
            }
        };
        self.send_to_hosts(meeting, ServerMessage::KnockWithdrawn { participant });
        if let Some(waiting) = admitted {
            self.waiting.remove(&participant);
            if !self.enter(
                meeting,
                participant,
                &waiting.name,
                false,
                waiting.device,
                now,
            ) {
                self.deliveries.push_back(Delivery::Close(participant));
                return;
            }
        }
        tracing::info!(%participant, admitted_by = %host, "admitted");
        self.deliveries.push_back(Delivery::Audit(
            meeting.clone(),
            AuditEvent::Admitted(participant, host),
        ));
        let result = self
            .meetings
            .get_mut(meeting)
            .map(|live| live.delivery.handle_admitted(participant, key_package, now));
        self.delivery_result(meeting, participant, result, now);
    }

    /// A host makes a member a co-host. The server cannot check the sealed
    /// key; it only routes knocks to the co-host from now on and asks it to
    /// commit admitted Adds. Clients accept its commits only once its own
    /// endorsement (which needs the key) is in the group's roster.
    fn promote(
        &mut self,
        meeting: &MeetingId,
        host: ParticipantId,
        participant: ParticipantId,
        sealed_key: String,
    ) {
        if self.members.get(&participant) != Some(meeting) {
            self.error(host, ErrorCode::BadMessage, "no such participant", false);
            return;
        }
        let Some(live) = self.meetings.get_mut(meeting) else {
            return;
        };
        live.hosts.insert(participant);
        live.delivery.set_host(participant);
        live.meeting.handle_promoted(participant);
        let knocks: Vec<(ParticipantId, String)> = live
            .lobby
            .knocks()
            .map(|(p, s)| (p, s.to_owned()))
            .collect();
        tracing::info!(%participant, promoted_by = %host, "promoted to co-host");
        self.deliveries.push_back(Delivery::Audit(
            meeting.clone(),
            AuditEvent::Promoted(participant, host),
        ));
        self.deliveries.push_back(Delivery::Send(
            participant,
            ServerMessage::Promoted { sealed_key },
        ));
        for (p, sealed) in knocks {
            self.deliveries.push_back(Delivery::Send(
                participant,
                ServerMessage::Knock {
                    participant: p,
                    sealed,
                },
            ));
        }
    }

    /// A host removes someone: out of media and signaling now, out of the
    /// MLS group with the next commit, and its device may not knock again.
    fn remove(
        &mut self,
        meeting: &MeetingId,
        host: ParticipantId,
        participant: ParticipantId,
        now: Instant,
    ) {
        let Some(live) = self.meetings.get_mut(meeting) else {
            return;
        };
        if live.lobby.turn_away(participant) {
            self.waiting.remove(&participant);
            self.send_to_hosts(meeting, ServerMessage::KnockWithdrawn { participant });
            self.deliveries.push_back(Delivery::Send(
                participant,
                ServerMessage::Denied { blocked: true },
            ));
            self.deliveries.push_back(Delivery::Close(participant));
            return;
        }
        if self.members.get(&participant) != Some(meeting) {
            self.error(host, ErrorCode::BadMessage, "no such participant", false);
            return;
        }
        if let Some(device) = live.devices.get(&participant).copied() {
            live.lobby.block(device);
        }
        tracing::info!(%participant, "removed by a host");
        self.deliveries.push_back(Delivery::Audit(
            meeting.clone(),
            AuditEvent::Removed(participant),
        ));
        self.deliveries
            .push_back(Delivery::Send(participant, ServerMessage::Removed));
        self.leave(meeting, participant, now);
        self.deliveries.push_back(Delivery::Close(participant));
    }

    /// Any message after `join`.
    pub fn handle_message(&mut self, id: ParticipantId, message: ClientMessage, now: Instant) {
        if let Some(meeting) = self.waiting.get(&id).cloned() {
            self.handle_waiting_message(id, &meeting, message, now);
            self.collect(now);
            return;
        }
        let Some(meeting) = self.members.get(&id).cloned() else {
            self.error(id, ErrorCode::NotJoined, "send join first", false);
            return;
        };
        if let Some(live) = self.meetings.get_mut(&meeting) {
            live.meeting.handle_heard(id, now);
        }
        match message {
            ClientMessage::Join { .. } => {
                self.error(id, ErrorCode::AlreadyJoined, "already joined", false);
            }
            ClientMessage::PublishOffer { sdp, tracks } => {
                let shares = tracks
                    .iter()
                    .any(|t| matches!(t.source, TrackSource::Screen | TrackSource::ScreenAudio));
                let forbidden = self
                    .meetings
                    .get(&meeting)
                    .is_some_and(|l| !l.screen_sharing && !l.hosts.contains(&id));
                if shares && forbidden {
                    self.error(
                        id,
                        ErrorCode::NotAllowed,
                        "a host has turned screen sharing off for participants",
                        false,
                    );
                    self.collect(now);
                    return;
                }
                match self.sfu.handle_publish_offer(id, &sdp, &tracks, now) {
                    Ok(answer) => {
                        self.deliveries.push_back(Delivery::Send(
                            id,
                            ServerMessage::PublishAnswer { sdp: answer },
                        ));
                        let sharing = tracks.iter().any(|t| t.source == TrackSource::Screen);
                        if let Some(live) = self.meetings.get_mut(&meeting) {
                            live.meeting.handle_screen_sharing(id, sharing);
                        }
                    }
                    Err(e) => self.error(id, ErrorCode::Negotiation, &e.to_string(), false),
                }
            }
            ClientMessage::SubscribeAnswer { sdp } => {
                if let Err(e) = self.sfu.handle_subscribe_answer(id, &sdp, now) {
                    self.error(id, ErrorCode::Negotiation, &e.to_string(), false);
                }
            }
            ClientMessage::VideoSize {
                track,
                width,
                height,
            } => {
                if let Err(e) = self.sfu.set_video_size(id, track, width, height, now) {
                    self.error(id, ErrorCode::BadMessage, &e.to_string(), false);
                }
            }
            ClientMessage::MediaState {
                audio_muted,
                video_muted,
            } => {
                if let Some(live) = self.meetings.get_mut(&meeting) {
                    live.meeting
                        .handle_media_state(id, audio_muted, video_muted);
                }
            }
            ClientMessage::Ping => self
                .deliveries
                .push_back(Delivery::Send(id, ServerMessage::Pong)),
            ClientMessage::Leave => {
                self.leave(&meeting, id, now);
                self.deliveries.push_back(Delivery::Close(id));
            }
            ClientMessage::MlsKeyPackage {
                key_package,
                host_endorsement,
            } => {
                if self.needs_admission(&meeting, id) {
                    return;
                }
                let result = self.meetings.get_mut(&meeting).map(|live| {
                    live.delivery
                        .handle_key_package(id, key_package, host_endorsement, now)
                });
                self.delivery_result(&meeting, id, result, now);
            }
            ClientMessage::MlsRejoin {
                key_package,
                reason,
                host_endorsement,
            } => {
                if self.needs_admission(&meeting, id) {
                    return;
                }
                tracing::info!(participant = %id, reason = %reason.escape_debug(), "rejoining the MLS group");
                let result = self.meetings.get_mut(&meeting).map(|live| {
                    live.delivery
                        .handle_rejoin(id, key_package, host_endorsement, now)
                });
                self.delivery_result(&meeting, id, result, now);
            }
            ClientMessage::Knock { sealed } => {
                // A member that lost its group state knocks again: a host
                // decides again, as for anyone else.
                let Some(live) = self.meetings.get_mut(&meeting) else {
                    return;
                };
                if !live.lobby_enabled {
                    self.error(
                        id,
                        ErrorCode::BadMessage,
                        "this meeting has no lobby",
                        false,
                    );
                } else {
                    match live.lobby.handle_knock(id, sealed.clone(), true, now) {
                        Ok(()) => self.send_to_hosts(
                            &meeting,
                            ServerMessage::Knock {
                                participant: id,
                                sealed,
                            },
                        ),
                        Err(e) => self.error(id, e.code(), &e.to_string(), false),
                    }
                }
            }
            message @ (ClientMessage::Admit { .. }
            | ClientMessage::Deny { .. }
            | ClientMessage::Lock { .. }
            | ClientMessage::Remove { .. }
            | ClientMessage::EndMeeting
            | ClientMessage::MuteParticipant { .. }
            | ClientMessage::ScreenSharing { .. }
            | ClientMessage::Promote { .. }) => {
                self.handle_host_message(id, &meeting, message, now);
            }
            ClientMessage::MlsGroupCreated => {
                let result = self
                    .meetings
                    .get_mut(&meeting)
                    .map(|live| live.delivery.handle_group_created(id, now));
                self.delivery_result(&meeting, id, result, now);
            }
            ClientMessage::MlsCommit {
                epoch,
                commit,
                welcome,
                added,
                removed,
            } => {
                if let Some(live) = self.meetings.get_mut(&meeting) {
                    let commit = CommitIn {
                        epoch,
                        commit,
                        welcome,
                        added,
                        removed,
                    };
                    live.delivery.handle_commit(id, commit, now);
                }
            }
            ClientMessage::MlsApplication { epoch, message } => {
                let result = self
                    .meetings
                    .get_mut(&meeting)
                    .map(|live| live.delivery.handle_application(id, epoch, message));
                self.delivery_result(&meeting, id, result, now);
            }
        }
        self.collect(now);
    }

    /// In a meeting with a lobby only hosts hand their KeyPackage to the
    /// delivery service; everyone else's comes sealed in a knock a host
    /// admitted. Refuses (and answers) when that applies to `id`.
    fn needs_admission(&mut self, meeting: &MeetingId, id: ParticipantId) -> bool {
        let applies = self
            .meetings
            .get(meeting)
            .is_some_and(|l| l.lobby_enabled && !l.hosts.contains(&id));
        if applies {
            self.error(
                id,
                ErrorCode::NotHost,
                "in a meeting with a lobby, only a host's client adds you: knock",
                false,
            );
        }
        applies
    }

    /// The socket closed (or failed): the participant is gone.
    pub fn handle_disconnected(&mut self, id: ParticipantId, now: Instant) {
        if let Some(meeting) = self.waiting.get(&id).cloned() {
            self.leave_lobby(&meeting, id);
            self.collect(now);
            return;
        }
        if let Some(meeting) = self.members.get(&id).cloned() {
            self.leave(&meeting, id, now);
            self.collect(now);
        }
    }

    /// The meeting was ended (by a host, or it expired): everyone in it is
    /// told and let go, as if the link had never existed.
    pub fn handle_end(&mut self, meeting: &MeetingId, now: Instant) {
        self.ended.insert(meeting.clone(), now);
        let inside: Vec<ParticipantId> = self
            .members
            .iter()
            .filter(|(_, m)| *m == meeting)
            .map(|(p, _)| *p)
            .collect();
        let waiting: Vec<ParticipantId> = self
            .waiting
            .iter()
            .filter(|(_, m)| *m == meeting)
            .map(|(p, _)| *p)
            .collect();
        for id in waiting {
            self.waiting.remove(&id);
            if let Some(live) = self.meetings.get_mut(meeting) {
                live.lobby.handle_leave(id);
            }
            self.deliveries
                .push_back(Delivery::Send(id, ServerMessage::MeetingEnded));
            self.deliveries.push_back(Delivery::Close(id));
        }
        for id in inside {
            self.leave(meeting, id, now);
            self.deliveries
                .push_back(Delivery::Send(id, ServerMessage::MeetingEnded));
            self.error(id, ErrorCode::NoSuchMeeting, "the meeting has ended", true);
        }
        self.drop_if_empty(meeting);
        self.collect(now);
    }

    pub fn handle_datagram(
        &mut self,
        now: Instant,
        source: SocketAddr,
        destination: SocketAddr,
        data: &[u8],
    ) -> bool {
        let claimed = self.sfu.handle_datagram(now, source, destination, data);
        self.collect(now);
        claimed
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        self.sfu.handle_timeout(now);
        for live in self.meetings.values_mut() {
            if live.meeting.poll_timeout().is_some_and(|t| t <= now) {
                live.meeting.handle_timeout(now);
            }
            if live.delivery.poll_timeout().is_some_and(|t| t <= now) {
                live.delivery.handle_timeout(now);
            }
        }
        self.collect(now);
    }

    pub fn poll_timeout(&self) -> Instant {
        self.meetings
            .values()
            .filter_map(Live::poll_timeout)
            .fold(self.sfu.poll_timeout(), Instant::min)
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.sfu.poll_transmit()
    }

    pub fn poll_delivery(&mut self) -> Option<Delivery> {
        self.deliveries.pop_front()
    }

    /// Answers a refusal from the delivery service; one that ends the
    /// socket also takes the participant out of the meeting.
    fn delivery_result(
        &mut self,
        meeting: &MeetingId,
        id: ParticipantId,
        result: Option<Result<(), DeliveryError>>,
        now: Instant,
    ) {
        if let Some(Err(e)) = result {
            if e.is_fatal() {
                tracing::info!(participant = %id, "removed: {e}");
                self.leave(meeting, id, now);
            }
            self.error(id, e.code(), &e.to_string(), e.is_fatal());
        }
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

    fn leave(&mut self, meeting: &MeetingId, id: ParticipantId, now: Instant) {
        self.members.remove(&id);
        if let Some(live) = self.meetings.get_mut(meeting) {
            live.meeting.handle_leave(id);
            live.delivery.handle_leave(id, now);
            live.hosts.remove(&id);
            live.devices.remove(&id);
            // A member's pending re-knock goes with it.
            if live.lobby.handle_leave(id) {
                self.send_to_hosts(meeting, ServerMessage::KnockWithdrawn { participant: id });
            }
            tracing::info!(participant = %id, %meeting, "left");
            self.deliveries
                .push_back(Delivery::Audit(meeting.clone(), AuditEvent::Left(id)));
            self.drop_if_empty(meeting);
        }
        self.sfu.remove_participant(id, now);
    }

    fn drop_meeting(&mut self, meeting: &MeetingId) {
        if let Some(mut live) = self.meetings.remove(meeting) {
            // Flush what the meeting still had to say before it goes.
            while let Some(out) = live.meeting.poll_output() {
                if let MeetingOutput::Send { to, message } = out {
                    self.deliveries.push_back(Delivery::Send(to, message));
                }
            }
            self.rooms.remove(&live.room);
        }
    }

    /// Moves the meetings' and the SFU's outputs into deliveries, acting on
    /// those that concern the other part. Meeting messages go first so a
    /// joiner gets `welcome` before its first `subscribe_offer`.
    fn collect(&mut self, now: Instant) {
        loop {
            let mut progressed = false;
            let mut evicted = Vec::new();
            for live in self.meetings.values_mut() {
                for (to, message) in live.delivery.drain_outputs() {
                    progressed = true;
                    self.deliveries.push_back(Delivery::Send(to, message));
                }
                while let Some(out) = live.meeting.poll_output() {
                    progressed = true;
                    match out {
                        MeetingOutput::Send { to, message } => {
                            self.deliveries.push_back(Delivery::Send(to, message));
                        }
                        MeetingOutput::Evict { participant } => evicted.push(participant),
                    }
                }
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
                    SfuEvent::ActiveSpeaker { room, participant } => {
                        if let Some(live) =
                            self.rooms.get(&room).and_then(|m| self.meetings.get_mut(m))
                        {
                            live.meeting
                                .broadcast(ServerMessage::ActiveSpeaker { participant });
                        }
                    }
                    SfuEvent::MediaFailed { participant } => {
                        if let Some(meeting) = self.members.get(&participant).cloned() {
                            tracing::info!(%participant, "media connection failed");
                            self.leave(&meeting, participant, now);
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
            for participant in evicted {
                tracing::info!(%participant, "silent for too long, removed");
                if let Some(meeting) = self.members.get(&participant).cloned() {
                    if let Some(live) = self.meetings.get_mut(&meeting) {
                        live.delivery.handle_leave(participant, now);
                    }
                    self.deliveries
                        .push_back(Delivery::Audit(meeting, AuditEvent::Left(participant)));
                }
                self.members.remove(&participant);
                self.sfu.remove_participant(participant, now);
                self.deliveries.push_back(Delivery::Close(participant));
            }
            let empty: Vec<MeetingId> = self
                .meetings
                .iter()
                .filter(|(_, l)| l.meeting.is_empty() && l.lobby.is_empty())
                .map(|(m, _)| m.clone())
                .collect();
            for m in empty {
                self.drop_meeting(&m);
            }
            if !progressed {
                break;
            }
        }
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
        Conference::new("127.0.0.1:40000".parse().unwrap(), 10, now)
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
        c.handle_message(ADA, ClientMessage::Ping, now);
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
        c.handle_join(ADA, m.clone(), "Ada", true, now);
        c.handle_join(BOB, m.clone(), "Bob", false, now);
        let d = drain(&mut c);
        assert!(d.iter().any(|d| matches!(d, Delivery::Send(BOB, ServerMessage::Welcome { participants, .. }) if participants.len() == 2)));
        assert!(d.iter().any(|d| matches!(d, Delivery::Send(ADA, ServerMessage::ParticipantJoined { participant }) if participant.name == "Bob")));
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
        assert!(c.meetings.is_empty() && c.rooms.is_empty());
    }

    #[test]
    fn a_bad_name_is_refused_and_can_be_corrected() {
        let now = Instant::now();
        let mut c = conference(now);
        let m = MeetingId::generate();
        c.handle_join(ADA, m.clone(), "   ", false, now);
        assert_eq!(
            errors_to(&drain(&mut c), ADA),
            [(ErrorCode::InvalidName, false)]
        );
        assert!(
            c.meetings.is_empty(),
            "a refused join leaves no empty meeting behind"
        );
        c.handle_join(ADA, m, "Ada", false, now);
        let first_message = drain(&mut c)
            .into_iter()
            .find(|d| matches!(d, Delivery::Send(..)));
        assert!(matches!(
            first_message,
            Some(Delivery::Send(ADA, ServerMessage::Welcome { .. }))
        ));
    }

    #[test]
    fn garbage_sdp_is_a_negotiation_error_not_a_crash() {
        let now = Instant::now();
        let mut c = conference(now);
        c.handle_join(ADA, MeetingId::generate(), "Ada", false, now);
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
        c.handle_message(ADA, ClientMessage::Ping, now);
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
        c.handle_join(ADA, m.clone(), "Ada", true, now);
        c.handle_message(ADA, ClientMessage::Leave, now);
        let d = drain(&mut c);
        assert_eq!(audit(&d), [AuditEvent::Joined(ADA), AuditEvent::Left(ADA)]);
    }

    #[test]
    fn the_stored_cap_applies_when_the_meeting_goes_live() {
        let now = Instant::now();
        let mut c = conference(now);
        let m = MeetingId::generate();
        for (id, name, host) in [(ADA, "Ada", true), (BOB, "Bob", false)] {
            let request = JoinRequest {
                name: name.into(),
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
        c.handle_join(ADA, m.clone(), "Ada", true, now);
        c.handle_join(BOB, m.clone(), "Bob", false, now);
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
        c.handle_join(ParticipantId(3), m.clone(), "Cy", false, now);
        let d = drain(&mut c);
        assert_eq!(
            errors_to(&d, ParticipantId(3)),
            [(ErrorCode::NoSuchMeeting, true)]
        );
        assert!(c.meetings.is_empty());
        // The memory is freed later; the shell's lookup keeps it shut.
        c.handle_join(ParticipantId(4), m, "Di", false, now + ENDED_MEMORY);
        assert!(c.ended.is_empty());
    }

    #[test]
    fn a_silent_participant_is_removed_for_everyone() {
        let t0 = Instant::now();
        let mut c = conference(t0);
        let m = MeetingId::generate();
        c.handle_join(ADA, m.clone(), "Ada", false, t0);
        c.handle_join(BOB, m, "Bob", false, t0);
        drain(&mut c);
        let mut t = t0;
        while t < t0 + conclave_room::SILENCE_TIMEOUT + Duration::from_secs(1) {
            t += Duration::from_secs(1);
            c.handle_message(ADA, ClientMessage::Ping, t);
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
