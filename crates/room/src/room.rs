//! One live meeting as a single sans-IO core: who is in it and in what role,
//! who waits in its lobby, and its MLS delivery service. Inputs are
//! `handle_*(…, now)`, outputs are drained with [`Room::poll_output`]; the
//! shell turns [`RoomOutput::Entered`] and [`RoomOutput::Left`] into SFU
//! calls and everything else into socket writes and audit entries.
//!
//! Every way out of the meeting (leaving, a closed socket, silence, a
//! host's removal, a fatal refusal, the end of the meeting) goes through
//! one path, [`Room::leave`], so roles, devices, pending knocks and the
//! group's membership are always cleaned up together.

use std::collections::{BTreeMap, VecDeque};
use std::time::Instant;

use conclave_signaling::{ClientMessage, ErrorCode, ParticipantId, ServerMessage};

use crate::delivery::{CommitIn, CommitterPolicy, DeliveryError, DeliveryService};
use crate::lobby::{DeviceHash, Lobby, LobbyError, ShownKnock};
use crate::{Meeting, Output as MeetingOutput};

/// What a member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Showed the host secret, or was promoted by a host.
    Host,
    Guest,
}

/// A meeting's settings when it goes live (from the store).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomSettings {
    pub max_participants: usize,
    /// Guests wait in a lobby until a host admits them.
    pub lobby: bool,
    pub locked: bool,
    /// Whether guests may share a screen.
    pub screen_sharing: bool,
}

/// Something for the audit log (opaque ids only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audit {
    Joined(ParticipantId),
    Left(ParticipantId),
    Knocked(ParticipantId),
    /// The participant, and the host who admitted it.
    Admitted(ParticipantId, ParticipantId),
    Denied(ParticipantId),
    Removed(ParticipantId),
    /// The participant, and the host who promoted it.
    Promoted(ParticipantId, ParticipantId),
    Locked,
    Unlocked,
    /// A host let guests share screens (`true`) or stopped them.
    ScreenSharing(bool),
    /// A host ended the meeting.
    Ended,
    /// A host started a recording.
    RecordingStarted(ParticipantId),
    /// The recording stopped: by this host, or `None` when the last host
    /// left (nobody is left to seal its keys) or the meeting ended.
    RecordingStopped(Option<ParticipantId>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomOutput {
    Send(ParticipantId, ServerMessage),
    /// Close the socket (after what was queued for it).
    Close(ParticipantId),
    /// Let in: give it media.
    Entered(ParticipantId),
    /// Out of the meeting: drop its media.
    Left(ParticipantId),
    /// Neither member nor waiting any more (refused or out of the lobby).
    Gone(ParticipantId),
    Audit(Audit),
    /// A host ended the meeting: it is over for everyone.
    Ended,
    /// Start (`true`) or stop storing this meeting's encrypted media.
    Recording(bool),
    /// A host's client sealed one epoch's keys to the recording key: store
    /// it beside the media.
    RecordingKey {
        from: ParticipantId,
        epoch: u64,
        sealed: String,
    },
}

struct Member {
    role: Role,
    device: Option<DeviceHash>,
}

pub struct Room {
    meeting: Meeting,
    delivery: DeliveryService,
    lobby: Lobby,
    settings: RoomSettings,
    members: BTreeMap<ParticipantId, Member>,
    outputs: VecDeque<RoomOutput>,
    /// A host started a recording and it has not stopped.
    recording: bool,
    /// The latest time an input brought, for work that outputs trigger.
    now: Instant,
}

impl Room {
    pub fn new(settings: RoomSettings, now: Instant) -> Self {
        Self {
            now,
            meeting: Meeting::new(settings.max_participants),
            delivery: DeliveryService::new(CommitterPolicy::NewestInLargeGroups),
            lobby: Lobby::new(settings.locked),
            settings,
            members: BTreeMap::new(),
            outputs: VecDeque::new(),
            recording: false,
        }
    }

    /// Nobody in it and nobody waiting: the shell may forget it.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty() && self.lobby.is_empty()
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// The MLS group's members as the delivery service counts them.
    pub fn group_members(&self) -> &[ParticipantId] {
        self.delivery.members()
    }

    pub fn role(&self, id: ParticipantId) -> Option<Role> {
        self.members.get(&id).map(|m| m.role)
    }

    pub fn is_waiting(&self, id: ParticipantId) -> bool {
        self.lobby.is_waiting(id)
    }

    /// Whether `id` may publish a screen now.
    pub fn may_share_screen(&self, id: ParticipantId) -> bool {
        self.settings.screen_sharing || self.role(id) == Some(Role::Host)
    }

    /// A socket's `join`. `host` was established by the shell from the
    /// host secret.
    pub fn handle_arrival(
        &mut self,
        id: ParticipantId,
        host: bool,
        device: Option<DeviceHash>,
        now: Instant,
    ) {
        self.now = now;
        if self.members.contains_key(&id) || self.lobby.is_waiting(id) {
            self.error(id, ErrorCode::AlreadyJoined, "already joined", false);
            return;
        }
        if !host {
            let refusal = if self.lobby.is_blocked(device.as_ref()) {
                Some(LobbyError::Blocked)
            } else if self.lobby.is_locked() {
                Some(LobbyError::Locked)
            } else {
                None
            };
            if let Some(e) = refusal {
                self.error(id, e.code(), &e.to_string(), true);
                self.outputs.push_back(RoomOutput::Gone(id));
                return;
            }
        }
        if host || !self.settings.lobby {
            let role = if host { Role::Host } else { Role::Guest };
            self.enter(id, role, device, now);
            return;
        }
        match self.lobby.handle_arrival(id, device) {
            Ok(()) => {
                tracing::info!(participant = %id, "waiting in the lobby");
                self.send(id, ServerMessage::Lobby { you: id });
                // Told before they knock, so nobody enters a recorded
                // meeting unawares.
                if self.recording {
                    self.send(id, ServerMessage::Recording { active: true });
                }
            }
            Err(e) => {
                self.error(id, e.code(), &e.to_string(), e.is_fatal());
                self.outputs.push_back(RoomOutput::Gone(id));
            }
        }
    }

    /// Lets `id` into the meeting. `false` if the meeting refused it.
    fn enter(
        &mut self,
        id: ParticipantId,
        role: Role,
        device: Option<DeviceHash>,
        now: Instant,
    ) -> bool {
        let host = role == Role::Host;
        if let Err(e) = self.meeting.handle_join(id, host, now) {
            self.error(id, e.code(), &e.to_string(), false);
            self.outputs.push_back(RoomOutput::Gone(id));
            return false;
        }
        self.members.insert(id, Member { role, device });
        tracing::info!(participant = %id, "joined");
        self.outputs.push_back(RoomOutput::Audit(Audit::Joined(id)));
        // `welcome` first, then what a newcomer must know.
        self.drain_meeting();
        if self.lobby.is_locked() {
            self.send(id, ServerMessage::MeetingLocked { locked: true });
        }
        if !self.settings.screen_sharing {
            self.send(id, ServerMessage::ScreenSharingAllowed { allowed: false });
        }
        if self.recording {
            self.send(id, ServerMessage::Recording { active: true });
        }
        if host {
            // A host who arrives sees who is waiting, and admits nobody
            // by arriving.
            self.show_knocks_to(id);
        }
        self.outputs.push_back(RoomOutput::Entered(id));
        true
    }

    fn show_knocks_to(&mut self, host: ParticipantId) {
        let knocks: Vec<(ParticipantId, String)> = self
            .lobby
            .knocks()
            .map(|(p, s)| (p, s.to_owned()))
            .collect();
        for (participant, sealed) in knocks {
            self.send(
                host,
                ServerMessage::Knock {
                    participant,
                    sealed,
                },
            );
        }
    }

    /// Any message after `join`, except the media ones the shell gives the
    /// SFU (offers, answers, video sizes), which it checks with
    /// [`Room::role`] and [`Room::may_share_screen`] first.
    pub fn handle_message(&mut self, id: ParticipantId, message: ClientMessage, now: Instant) {
        self.now = now;
        if self.lobby.is_waiting(id) {
            self.handle_waiting_message(id, message, now);
            return;
        }
        let Some(role) = self.role(id) else {
            self.error(id, ErrorCode::NotJoined, "send join first", false);
            return;
        };
        self.meeting.handle_heard(id, now);
        match message {
            // `resume` is the shell's (a new socket for a member), never a
            // joined socket's.
            ClientMessage::Join { .. } | ClientMessage::Resume { .. } => {
                self.error(id, ErrorCode::AlreadyJoined, "already joined", false);
            }
            ClientMessage::MediaState {
                audio_muted,
                video_muted,
            } => self
                .meeting
                .handle_media_state(id, audio_muted, video_muted),
            ClientMessage::Ping { .. } => self.send(id, ServerMessage::Pong),
            ClientMessage::Leave => {
                self.leave(id, now);
                self.outputs.push_back(RoomOutput::Close(id));
            }
            ClientMessage::MlsKeyPackage {
                key_package,
                host_endorsement,
            } => {
                if !self.needs_admission(id, role) {
                    let r =
                        self.delivery
                            .handle_key_package(id, key_package, host_endorsement, now);
                    self.delivery_result(id, r, now);
                }
            }
            ClientMessage::MlsRejoin {
                key_package,
                reason,
                host_endorsement,
            } => {
                if !self.needs_admission(id, role) {
                    tracing::info!(participant = %id, reason = %reason.escape_debug(), "rejoining the MLS group");
                    let r = self
                        .delivery
                        .handle_rejoin(id, key_package, host_endorsement, now);
                    self.delivery_result(id, r, now);
                }
            }
            ClientMessage::MlsGroupCreated => {
                let r = self.delivery.handle_group_created(id, now);
                self.delivery_result(id, r, now);
            }
            ClientMessage::MlsCommit {
                epoch,
                commit,
                welcome,
                added,
                removed,
            } => {
                let commit = CommitIn {
                    epoch,
                    commit,
                    welcome,
                    added,
                    removed,
                };
                self.delivery.handle_commit(id, commit, now);
            }
            ClientMessage::MlsApplication { epoch, message, to } => {
                let r = self
                    .delivery
                    .handle_application(id, epoch, message, to.as_deref());
                self.delivery_result(id, r, now);
            }
            ClientMessage::Knock { sealed } => self.handle_reknock(id, sealed, now),
            ClientMessage::RecordingKey { epoch, sealed } => {
                if !self.recording {
                    self.error(
                        id,
                        ErrorCode::NotRecording,
                        "no recording is running: a host must start one",
                        false,
                    );
                } else if role != Role::Host {
                    self.error(
                        id,
                        ErrorCode::NotHost,
                        "only a host seals recording keys",
                        false,
                    );
                } else {
                    self.outputs.push_back(RoomOutput::RecordingKey {
                        from: id,
                        epoch,
                        sealed,
                    });
                }
            }
            message @ (ClientMessage::Admit { .. }
            | ClientMessage::Deny { .. }
            | ClientMessage::Lock { .. }
            | ClientMessage::Remove { .. }
            | ClientMessage::EndMeeting
            | ClientMessage::MuteParticipant { .. }
            | ClientMessage::ScreenSharing { .. }
            | ClientMessage::StartRecording
            | ClientMessage::StopRecording
            | ClientMessage::Promote { .. }) => {
                if role == Role::Host {
                    self.handle_host_message(id, message, now);
                } else {
                    self.error(id, ErrorCode::NotHost, "only a host may do that", false);
                }
            }
            // The shell's (SFU) messages: nothing for the room.
            ClientMessage::PublishOffer { .. }
            | ClientMessage::SubscribeAnswer { .. }
            | ClientMessage::RestartIce
            | ClientMessage::VideoSize { .. }
            | ClientMessage::VideoSelection { .. } => {}
        }
    }

    /// A published screen started or stopped (the shell's SFU saw it).
    pub fn handle_screen_sharing(&mut self, id: ParticipantId, sharing: bool) {
        self.meeting.handle_screen_sharing(id, sharing);
    }

    /// Media counts as a sign of life (`MEDIA_ONLY_LIMIT`): `heard` says
    /// when each member's last media datagram arrived, if ever.
    pub fn handle_media_heard(&mut self, heard: impl Fn(ParticipantId) -> Option<Instant>) {
        let ids: Vec<ParticipantId> = self.meeting.member_ids().collect();
        for id in ids {
            if let Some(at) = heard(id) {
                self.meeting.handle_media_heard(id, at);
            }
        }
    }

    /// The SFU's speaker detection.
    pub fn handle_active_speaker(&mut self, participant: Option<ParticipantId>) {
        self.meeting
            .broadcast(ServerMessage::ActiveSpeaker { participant });
    }

    /// The socket closed or failed, or its media failed: whoever `id` was,
    /// it is gone.
    pub fn handle_disconnected(&mut self, id: ParticipantId, now: Instant) {
        self.now = now;
        if self.lobby.is_waiting(id) {
            self.leave_lobby(id);
        } else {
            self.leave(id, now);
        }
    }

    /// The meeting ended (a host, the HTTP endpoint, or expiry): everyone,
    /// waiting or inside, is told and let go.
    pub fn handle_end(&mut self, now: Instant) {
        self.now = now;
        let waiting: Vec<ParticipantId> = self.lobby.waiting().collect();
        for id in waiting {
            self.lobby.handle_leave(id);
            self.send(id, ServerMessage::MeetingEnded);
            self.outputs.push_back(RoomOutput::Close(id));
            self.outputs.push_back(RoomOutput::Gone(id));
        }
        let inside: Vec<ParticipantId> = self.members.keys().copied().collect();
        for id in inside {
            self.leave(id, now);
            self.send(id, ServerMessage::MeetingEnded);
            self.error(id, ErrorCode::NoSuchMeeting, "the meeting has ended", true);
        }
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        self.now = now;
        if self.meeting.poll_timeout().is_some_and(|t| t <= now) {
            self.meeting.handle_timeout(now);
        }
        if self.delivery.poll_timeout().is_some_and(|t| t <= now) {
            self.delivery.handle_timeout(now);
        }
        if self.lobby.poll_timeout().is_some_and(|t| t <= now) {
            let shown = self.lobby.release_held(now);
            self.show_knocks(shown);
        }
    }

    pub fn poll_timeout(&self) -> Option<Instant> {
        [
            self.meeting.poll_timeout(),
            self.delivery.poll_timeout(),
            self.lobby.poll_timeout(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Knocks the lobby lets through now go to every host.
    fn show_knocks(&mut self, shown: Vec<ShownKnock>) {
        for knock in shown {
            if !knock.member {
                tracing::info!(participant = %knock.participant, "knocked");
                self.outputs
                    .push_back(RoomOutput::Audit(Audit::Knocked(knock.participant)));
            }
            self.send_to_hosts(ServerMessage::Knock {
                participant: knock.participant,
                sealed: knock.sealed,
            });
        }
    }

    pub fn poll_output(&mut self) -> Option<RoomOutput> {
        loop {
            if let Some(out) = self.outputs.pop_front() {
                return Some(out);
            }
            let before = self.outputs.len();
            self.drain_meeting();
            for (to, message) in self.delivery.drain_outputs() {
                self.outputs.push_back(RoomOutput::Send(to, message));
            }
            if self.outputs.len() == before {
                return None;
            }
        }
    }

    /// The one way out of the meeting for a member.
    fn leave(&mut self, id: ParticipantId, now: Instant) {
        let Some(_member) = self.members.remove(&id) else {
            return;
        };
        self.meeting.handle_leave(id);
        self.delivery.handle_leave(id, now);
        // A member's pending re-knock goes with it.
        if self.lobby.handle_leave(id) {
            self.send_to_hosts(ServerMessage::KnockWithdrawn { participant: id });
        }
        tracing::info!(participant = %id, "left");
        self.outputs.push_back(RoomOutput::Audit(Audit::Left(id)));
        self.outputs.push_back(RoomOutput::Left(id));
        // Only hosts' clients seal the recording's keys: with none left,
        // whatever was stored from here on could never be opened.
        if self.recording && !self.members.values().any(|m| m.role == Role::Host) {
            tracing::info!("recording stopped: no host left");
            self.outputs
                .push_back(RoomOutput::Audit(Audit::RecordingStopped(None)));
            self.set_recording(false);
            self.delivery.handle_recording(false, None, now);
        } else if self.recording && self.delivery.recording_waits_for() == Some(id) {
            // The host who started it left before its commit said so in
            // the group: another host's commit does, or nothing is sealed.
            let other = self
                .members
                .iter()
                .find(|(_, m)| m.role == Role::Host)
                .map(|(p, _)| *p);
            self.delivery.handle_recording(true, other, now);
        }
    }

    /// Someone leaves the lobby without a decision: hosts stop seeing it.
    fn leave_lobby(&mut self, id: ParticipantId) {
        if self.lobby.handle_leave(id) {
            self.send_to_hosts(ServerMessage::KnockWithdrawn { participant: id });
        }
        self.outputs.push_back(RoomOutput::Gone(id));
    }

    fn handle_waiting_message(&mut self, id: ParticipantId, message: ClientMessage, now: Instant) {
        match message {
            ClientMessage::Knock { sealed } => {
                match self.lobby.handle_knock(id, sealed, false, now) {
                    Ok(shown) => {
                        if !shown.iter().any(|k| k.participant == id) {
                            tracing::info!(participant = %id, "knock waits for the meeting's knock budget");
                        }
                        self.show_knocks(shown);
                    }
                    Err(e) => {
                        if e.is_fatal() {
                            self.leave_lobby(id);
                        }
                        self.error(id, e.code(), &e.to_string(), e.is_fatal());
                    }
                }
            }
            ClientMessage::Ping { .. } => self.send(id, ServerMessage::Pong),
            ClientMessage::Leave => {
                self.leave_lobby(id);
                self.outputs.push_back(RoomOutput::Close(id));
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

    /// A member that lost its group state knocks again: a host decides
    /// again, as for anyone else.
    fn handle_reknock(&mut self, id: ParticipantId, sealed: String, now: Instant) {
        if !self.settings.lobby {
            self.error(
                id,
                ErrorCode::BadMessage,
                "this meeting has no lobby",
                false,
            );
            return;
        }
        match self.lobby.handle_knock(id, sealed, true, now) {
            Ok(shown) => self.show_knocks(shown),
            Err(e) => self.error(id, e.code(), &e.to_string(), false),
        }
    }

    /// In a meeting with a lobby only hosts hand their KeyPackage to the
    /// delivery service; everyone else's comes sealed in a knock a host
    /// admitted. Refuses (and answers) when that applies to `id`.
    fn needs_admission(&mut self, id: ParticipantId, role: Role) -> bool {
        let applies = self.settings.lobby && role != Role::Host;
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

    fn handle_host_message(&mut self, host: ParticipantId, message: ClientMessage, now: Instant) {
        match message {
            ClientMessage::Admit {
                participant,
                key_package,
            } => self.admit(host, participant, key_package, now),
            ClientMessage::Deny { participant } => {
                let waiting = self.lobby.is_waiting(participant);
                match self.lobby.deny(participant) {
                    Ok(blocked) => {
                        self.send_to_hosts(ServerMessage::KnockWithdrawn { participant });
                        if waiting {
                            self.outputs
                                .push_back(RoomOutput::Audit(Audit::Denied(participant)));
                            self.send(participant, ServerMessage::Denied { blocked });
                            self.outputs.push_back(RoomOutput::Close(participant));
                            self.outputs.push_back(RoomOutput::Gone(participant));
                        }
                    }
                    Err(e) => self.error(host, e.code(), "nobody by that id is knocking", false),
                }
            }
            ClientMessage::Lock { locked } if self.lobby.is_locked() != locked => {
                self.lobby.set_locked(locked);
                self.meeting
                    .broadcast(ServerMessage::MeetingLocked { locked });
                let event = if locked {
                    Audit::Locked
                } else {
                    Audit::Unlocked
                };
                self.outputs.push_back(RoomOutput::Audit(event));
            }
            ClientMessage::Remove { participant } => self.remove(host, participant, now),
            ClientMessage::Promote {
                participant,
                sealed_key,
            } => self.promote(host, participant, sealed_key),
            ClientMessage::MuteParticipant { participant } => {
                if self.members.contains_key(&participant) {
                    self.send(participant, ServerMessage::MutedByHost);
                } else {
                    self.error(host, ErrorCode::BadMessage, "no such participant", false);
                }
            }
            ClientMessage::ScreenSharing { allowed } if self.settings.screen_sharing != allowed => {
                self.settings.screen_sharing = allowed;
                self.meeting
                    .broadcast(ServerMessage::ScreenSharingAllowed { allowed });
                self.outputs
                    .push_back(RoomOutput::Audit(Audit::ScreenSharing(allowed)));
            }
            ClientMessage::StartRecording if !self.recording => {
                tracing::info!(by = %host, "recording started");
                self.outputs
                    .push_back(RoomOutput::Audit(Audit::RecordingStarted(host)));
                self.set_recording(true);
                // The group itself says so from its next epoch, by this
                // host's commit: no client seals keys before.
                self.delivery.handle_recording(true, Some(host), now);
            }
            ClientMessage::StopRecording if self.recording => {
                tracing::info!(by = %host, "recording stopped");
                self.outputs
                    .push_back(RoomOutput::Audit(Audit::RecordingStopped(Some(host))));
                self.set_recording(false);
                self.delivery.handle_recording(false, Some(host), now);
            }
            ClientMessage::EndMeeting => {
                tracing::info!("ended by a host");
                self.outputs.push_back(RoomOutput::Audit(Audit::Ended));
                self.handle_end(now);
                self.outputs.push_back(RoomOutput::Ended);
            }
            _ => {}
        }
    }

    fn admit(
        &mut self,
        host: ParticipantId,
        participant: ParticipantId,
        key_package: String,
        now: Instant,
    ) {
        let admitted = match self.lobby.admit(participant) {
            Ok(a) => a,
            Err(e) => {
                self.error(host, e.code(), "nobody by that id is knocking", false);
                return;
            }
        };
        self.send_to_hosts(ServerMessage::KnockWithdrawn { participant });
        if let Some(waiting) = admitted
            && !self.enter(participant, Role::Guest, waiting.device, now)
        {
            self.outputs.push_back(RoomOutput::Close(participant));
            return;
        }
        tracing::info!(%participant, admitted_by = %host, "admitted");
        self.outputs
            .push_back(RoomOutput::Audit(Audit::Admitted(participant, host)));
        let r = self
            .delivery
            .handle_admitted(participant, key_package, host, now);
        self.delivery_result(participant, r, now);
    }

    /// The server cannot check the sealed key; it routes knocks to the
    /// co-host and asks it to commit admitted Adds. Clients accept its
    /// commits only once its own endorsement (which needs the key) is in
    /// the group's roster.
    fn promote(&mut self, host: ParticipantId, participant: ParticipantId, sealed_key: String) {
        let Some(member) = self.members.get_mut(&participant) else {
            self.error(host, ErrorCode::BadMessage, "no such participant", false);
            return;
        };
        member.role = Role::Host;
        self.meeting.handle_promoted(participant);
        tracing::info!(%participant, promoted_by = %host, "promoted to co-host");
        self.outputs
            .push_back(RoomOutput::Audit(Audit::Promoted(participant, host)));
        self.send(participant, ServerMessage::Promoted { sealed_key });
        self.show_knocks_to(participant);
    }

    /// Out of media and signaling now, out of the MLS group with the next
    /// commit, and its device may not knock again.
    fn remove(&mut self, host: ParticipantId, participant: ParticipantId, now: Instant) {
        if self.lobby.turn_away(participant) {
            self.send_to_hosts(ServerMessage::KnockWithdrawn { participant });
            self.send(participant, ServerMessage::Denied { blocked: true });
            self.outputs.push_back(RoomOutput::Close(participant));
            self.outputs.push_back(RoomOutput::Gone(participant));
            return;
        }
        let Some(member) = self.members.get(&participant) else {
            self.error(host, ErrorCode::BadMessage, "no such participant", false);
            return;
        };
        if let Some(device) = member.device {
            self.lobby.block(device);
        }
        tracing::info!(%participant, "removed by a host");
        self.outputs
            .push_back(RoomOutput::Audit(Audit::Removed(participant)));
        self.send(participant, ServerMessage::Removed);
        self.delivery.handle_removed_by_host(participant);
        self.leave(participant, now);
        self.outputs.push_back(RoomOutput::Close(participant));
    }

    /// Answers a refusal from the delivery service; one that ends the
    /// socket also takes the participant out of the meeting.
    fn delivery_result(&mut self, id: ParticipantId, r: Result<(), DeliveryError>, now: Instant) {
        if let Err(e) = r {
            if e.is_fatal() {
                tracing::info!(participant = %id, "removed: {e}");
                self.leave(id, now);
            }
            self.error(id, e.code(), &e.to_string(), e.is_fatal());
        }
    }

    fn drain_meeting(&mut self) {
        while let Some(out) = self.meeting.poll_output() {
            match out {
                MeetingOutput::Send { to, message } => {
                    self.outputs.push_back(RoomOutput::Send(to, message));
                }
                MeetingOutput::Evict { participant } => {
                    tracing::info!(%participant, "silent for too long, removed");
                    // The meeting has already told the others.
                    self.evict(participant);
                }
            }
        }
    }

    /// The meeting state already let `id` go (silence, and it told the
    /// others): the same leave path as everyone, and the socket closes.
    fn evict(&mut self, id: ParticipantId) {
        if self.members.contains_key(&id) {
            self.leave(id, self.now);
            self.outputs.push_back(RoomOutput::Close(id));
        }
    }

    /// The shell could not store the recording (no recording store, a
    /// full disk): it stops, and the hosts are told why.
    pub fn handle_recording_failed(&mut self, reason: &str) {
        if !self.recording {
            return;
        }
        tracing::warn!("recording stopped: {reason}");
        self.outputs
            .push_back(RoomOutput::Audit(Audit::RecordingStopped(None)));
        self.set_recording(false);
        let now = self.now;
        self.delivery.handle_recording(false, None, now);
        let hosts: Vec<ParticipantId> = self
            .members
            .iter()
            .filter(|(_, m)| m.role == Role::Host)
            .map(|(id, _)| *id)
            .collect();
        for h in hosts {
            self.error(
                h,
                ErrorCode::ServerBusy,
                &format!("recording stopped: {reason}"),
                false,
            );
        }
    }

    /// Whether a recording runs. Members and knockers alike are told.
    pub fn is_recording(&self) -> bool {
        self.recording
    }

    fn set_recording(&mut self, active: bool) {
        self.recording = active;
        self.outputs.push_back(RoomOutput::Recording(active));
        self.meeting.broadcast(ServerMessage::Recording { active });
        let waiting: Vec<ParticipantId> = self.lobby.waiting().collect();
        for id in waiting {
            self.send(id, ServerMessage::Recording { active });
        }
    }

    fn send(&mut self, to: ParticipantId, message: ServerMessage) {
        self.outputs.push_back(RoomOutput::Send(to, message));
    }

    fn send_to_hosts(&mut self, message: ServerMessage) {
        let hosts: Vec<ParticipantId> = self
            .members
            .iter()
            .filter(|(_, m)| m.role == Role::Host)
            .map(|(id, _)| *id)
            .collect();
        for h in hosts {
            self.send(h, message.clone());
        }
    }

    fn error(&mut self, id: ParticipantId, code: ErrorCode, message: &str, fatal: bool) {
        self.send(
            id,
            ServerMessage::Error {
                code,
                message: message.to_owned(),
                fatal,
            },
        );
        if fatal {
            self.outputs.push_back(RoomOutput::Close(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SILENCE_TIMEOUT;

    const HOST: ParticipantId = ParticipantId(1);
    const GUEST: ParticipantId = ParticipantId(2);

    fn room(now: Instant) -> Room {
        Room::new(
            RoomSettings {
                max_participants: 10,
                lobby: true,
                locked: false,
                screen_sharing: true,
            },
            now,
        )
    }

    fn drain(r: &mut Room) -> Vec<RoomOutput> {
        std::iter::from_fn(|| r.poll_output()).collect()
    }

    #[test]
    fn a_silent_host_goes_out_by_the_same_path_as_one_who_leaves() {
        let t0 = Instant::now();
        let mut r = room(t0);
        r.handle_arrival(HOST, true, None, t0);
        r.handle_arrival(GUEST, false, Some([1; 32]), t0);
        r.handle_message(GUEST, ClientMessage::Knock { sealed: "s".into() }, t0);
        let out = drain(&mut r);
        assert!(out.contains(&RoomOutput::Entered(HOST)));
        assert!(out.contains(&RoomOutput::Send(
            HOST,
            ServerMessage::Knock {
                participant: GUEST,
                sealed: "s".into()
            }
        )));
        // The host goes silent; the guest keeps pinging in the lobby.
        let later = t0 + SILENCE_TIMEOUT;
        r.handle_message(GUEST, ClientMessage::Ping { seen: None }, later);
        r.handle_timeout(later);
        let out = drain(&mut r);
        for expected in [
            RoomOutput::Left(HOST),
            RoomOutput::Close(HOST),
            RoomOutput::Audit(Audit::Left(HOST)),
        ] {
            assert!(out.contains(&expected), "{expected:?} in {out:?}");
        }
        assert_eq!(r.role(HOST), None);
        assert!(r.group_members().is_empty());
        // Waiting, the guest is still there and admitted by nobody.
        assert!(r.is_waiting(GUEST) && !r.is_empty());
        r.handle_message(GUEST, ClientMessage::Leave, later);
        drain(&mut r);
        assert!(r.is_empty());
    }

    fn recording_told(out: &[RoomOutput], to: ParticipantId, active: bool) -> bool {
        out.contains(&RoomOutput::Send(to, ServerMessage::Recording { active }))
    }

    #[test]
    fn only_a_host_starts_a_recording_and_everyone_including_knockers_is_told() {
        let t0 = Instant::now();
        let mut r = room(t0);
        r.handle_arrival(HOST, true, None, t0);
        r.handle_arrival(GUEST, false, Some([1; 32]), t0);
        drain(&mut r);
        // Keys before any recording are refused: nothing is stored.
        r.handle_message(
            HOST,
            ClientMessage::RecordingKey {
                epoch: 1,
                sealed: "k".into(),
            },
            t0,
        );
        let out = drain(&mut r);
        assert!(
            !out.iter()
                .any(|o| matches!(o, RoomOutput::RecordingKey { .. }))
        );
        assert!(out.iter().any(|o| matches!(
            o,
            RoomOutput::Send(to, ServerMessage::Error { code: ErrorCode::NotRecording, .. }) if *to == HOST
        )));

        r.handle_message(HOST, ClientMessage::StartRecording, t0);
        let out = drain(&mut r);
        assert!(out.contains(&RoomOutput::Recording(true)));
        assert!(out.contains(&RoomOutput::Audit(Audit::RecordingStarted(HOST))));
        assert!(recording_told(&out, HOST, true));
        assert!(
            recording_told(&out, GUEST, true),
            "the knocker is told: {out:?}"
        );
        assert!(r.is_recording());

        r.handle_message(
            HOST,
            ClientMessage::RecordingKey {
                epoch: 1,
                sealed: "k".into(),
            },
            t0,
        );
        assert!(drain(&mut r).contains(&RoomOutput::RecordingKey {
            from: HOST,
            epoch: 1,
            sealed: "k".into()
        }));

        // Admitted, the guest may neither stop it nor hand in keys.
        r.handle_message(GUEST, ClientMessage::Knock { sealed: "s".into() }, t0);
        r.handle_message(
            HOST,
            ClientMessage::Admit {
                participant: GUEST,
                key_package: "kp".into(),
            },
            t0,
        );
        let out = drain(&mut r);
        assert!(recording_told(&out, GUEST, true), "told again on entering");
        for m in [
            ClientMessage::StopRecording,
            ClientMessage::RecordingKey {
                epoch: 2,
                sealed: "x".into(),
            },
        ] {
            r.handle_message(GUEST, m, t0);
            let out = drain(&mut r);
            assert!(!out.contains(&RoomOutput::Recording(false)));
            assert!(
                !out.iter()
                    .any(|o| matches!(o, RoomOutput::RecordingKey { .. }))
            );
            assert!(out.iter().any(|o| matches!(
                o,
                RoomOutput::Send(to, ServerMessage::Error { code: ErrorCode::NotHost, .. }) if *to == GUEST
            )));
        }

        r.handle_message(HOST, ClientMessage::StopRecording, t0);
        let out = drain(&mut r);
        assert!(out.contains(&RoomOutput::Recording(false)));
        assert!(recording_told(&out, GUEST, false));
        assert!(out.contains(&RoomOutput::Audit(Audit::RecordingStopped(Some(HOST)))));
    }

    #[test]
    fn a_recording_whose_host_left_before_committing_it_goes_to_another_host() {
        let t0 = Instant::now();
        let mut r = room(t0);
        r.handle_arrival(HOST, true, None, t0);
        r.handle_arrival(GUEST, true, None, t0);
        drain(&mut r);
        // GUEST (a host) starts it while not in the MLS group yet.
        r.handle_message(GUEST, ClientMessage::StartRecording, t0);
        drain(&mut r);
        assert_eq!(r.delivery.recording_waits_for(), Some(GUEST));
        r.handle_message(GUEST, ClientMessage::Leave, t0);
        drain(&mut r);
        assert!(r.is_recording());
        assert_eq!(r.delivery.recording_waits_for(), Some(HOST));
    }

    #[test]
    fn a_recording_stops_when_the_last_host_leaves() {
        let t0 = Instant::now();
        let mut r = room(t0);
        r.handle_arrival(HOST, true, None, t0);
        r.handle_arrival(GUEST, true, None, t0);
        r.handle_message(HOST, ClientMessage::StartRecording, t0);
        drain(&mut r);
        r.handle_message(HOST, ClientMessage::Leave, t0);
        assert!(r.is_recording(), "another host is still there to seal keys");
        assert!(!drain(&mut r).contains(&RoomOutput::Recording(false)));
        r.handle_message(GUEST, ClientMessage::Leave, t0);
        let out = drain(&mut r);
        assert!(out.contains(&RoomOutput::Recording(false)));
        assert!(out.contains(&RoomOutput::Audit(Audit::RecordingStopped(None))));
        assert!(!r.is_recording());
    }

    /// A commit request and who was asked.
    type Request = (ParticipantId, u64, Vec<ParticipantId>, Vec<ParticipantId>);

    fn commit_request(out: &[RoomOutput]) -> Option<Request> {
        out.iter().find_map(|o| match o {
            RoomOutput::Send(
                to,
                ServerMessage::MlsCommitRequest {
                    epoch,
                    adds,
                    removes,
                    ..
                },
            ) => Some((
                *to,
                *epoch,
                adds.iter().map(|a| a.participant).collect(),
                removes.clone(),
            )),
            _ => None,
        })
    }

    fn answer(r: &mut Room, (by, epoch, added, removed): Request, now: Instant) {
        let welcome = (!added.is_empty()).then(|| "w".to_owned());
        let commit = ClientMessage::MlsCommit {
            epoch,
            commit: "c".into(),
            welcome,
            added,
            removed,
        };
        r.handle_message(by, commit, now);
    }

    #[test]
    fn in_a_large_meeting_departures_wait_for_company_but_a_hosts_removal_rekeys_at_once() {
        let t0 = Instant::now();
        let mut r = Room::new(
            RoomSettings {
                max_participants: 100,
                lobby: false,
                locked: false,
                screen_sharing: true,
            },
            t0,
        );
        let size = crate::delivery::BATCH_JOINS_FROM_MEMBERS as u64 + 10;
        let key_package = |p: ParticipantId| ClientMessage::MlsKeyPackage {
            key_package: format!("kp-{}", p.0),
            host_endorsement: None,
        };
        r.handle_arrival(HOST, true, None, t0);
        r.handle_message(HOST, key_package(HOST), t0);
        drain(&mut r);
        r.handle_message(HOST, ClientMessage::MlsGroupCreated, t0);
        for p in (10..10 + size - 1).map(ParticipantId) {
            r.handle_arrival(p, false, None, t0);
            r.handle_message(p, key_package(p), t0);
        }
        let mut now = t0;
        while (r.group_members().len() as u64) < size {
            let out = drain(&mut r);
            match commit_request(&out) {
                Some(request) => answer(&mut r, request, now),
                None => {
                    now += crate::delivery::MAX_JOIN_BATCH_WAIT;
                    r.handle_timeout(now);
                }
            }
        }
        assert_eq!(commit_request(&drain(&mut r)), None);

        // A guest leaves: its removal waits for company.
        r.handle_message(ParticipantId(10), ClientMessage::Leave, now);
        let out = drain(&mut r);
        assert!(out.contains(&RoomOutput::Left(ParticipantId(10))));
        assert_eq!(commit_request(&out), None);
        assert!(r.group_members().contains(&ParticipantId(10)));
        // A host removes another: that rekeys at once, the departure along.
        r.handle_message(
            HOST,
            ClientMessage::Remove {
                participant: ParticipantId(11),
            },
            now,
        );
        let (_, _, adds, removes) =
            commit_request(&drain(&mut r)).expect("a commit request at once");
        assert!(adds.is_empty());
        assert_eq!(removes, vec![ParticipantId(10), ParticipantId(11)]);
    }
}
