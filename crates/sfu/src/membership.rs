//! Who is in which room: a participant's arrival (its two peers, what is
//! already published there) and departure (withdrawn from everyone else).

use std::collections::HashMap;
use std::time::Instant;

use conclave_signaling::{ParticipantId, TrackId, TrackSource};

use crate::peer::{Peer, PeerRole};
use crate::selection::{AudioGate, SpeakingOrder, VideoChoice};
use crate::speaker::ActiveSpeaker;
use crate::subscription::Subscriptions;
use crate::timers::Due;
use crate::{INITIAL_ESTIMATE_BPS, Participant, Room, RoomKey, Sfu, SfuError, SfuEvent};

impl Sfu {
    /// Adds a participant to a room. Everything already published there is
    /// offered to them at once.
    pub fn add_participant(
        &mut self,
        room: RoomKey,
        id: ParticipantId,
        now: Instant,
    ) -> Result<(), SfuError> {
        if self.participants.contains_key(&id) {
            return Err(SfuError::AlreadyJoined(id));
        }
        let participant = Participant {
            room,
            publisher: None,
            subscriber: Peer::new(
                PeerRole::Subscriber,
                &self.candidates,
                self.dtls_cert.as_ref(),
                now,
            )?,
            published: Vec::new(),
            routes: HashMap::new(),
            subscriptions: Subscriptions::new(INITIAL_ESTIMATE_BPS),
            heard_at: None,
            video: VideoChoice::new(self.default_last_n),
            paused_told: Vec::new(),
        };
        self.participants.insert(id, participant);
        self.arm(id, PeerRole::Subscriber);
        let timers = &mut self.timers;
        let room_state = self.rooms.entry(room).or_insert_with(|| {
            let speaker = ActiveSpeaker::new(now);
            timers.schedule(speaker.next_evaluation(), Due::Speaker(room));
            Room {
                members: Vec::new(),
                speaker,
                order: SpeakingOrder::default(),
                audio: AudioGate::default(),
                recording: false,
                recording_keyframes_at: None,
            }
        });
        room_state.members.push(id);
        room_state.order.join(id);
        let existing: Vec<(TrackId, TrackSource)> = self
            .tracks
            .iter()
            .filter(|(_, t)| t.room == room && t.owner != id)
            .map(|(tid, t)| (*tid, t.source))
            .collect();
        if let Some(p) = self.participants.get_mut(&id) {
            for (track, source) in existing {
                p.subscriptions.add(track, source);
            }
        }
        self.negotiate(id);
        // After the offer: a client hears of its tracks before which of
        // them are paused.
        self.select_video(room, now);
        Ok(())
    }

    /// Removes a participant and everything they published.
    pub fn remove_participant(&mut self, id: ParticipantId, now: Instant) {
        let Some(mut p) = self.participants.remove(&id) else {
            return;
        };
        if let Some(publisher) = &mut p.publisher {
            publisher.rtc.disconnect();
        }
        p.subscriber.rtc.disconnect();
        for track in p.published.drain(..) {
            self.unpublish(track);
        }
        if let Some(room) = self.rooms.get_mut(&p.room) {
            room.members.retain(|m| *m != id);
            room.order.leave(id);
            room.audio.forget(id);
            if let Some(change) = room.speaker.forget(id) {
                self.events.push_back(SfuEvent::ActiveSpeaker {
                    room: p.room,
                    participant: change,
                });
            }
            if room.members.is_empty() {
                self.rooms.remove(&p.room);
            }
        }
        self.select_video(p.room, now);
        self.dirty.retain(|(pid, _)| *pid != id);
        self.routes.retain(|_, (pid, _)| *pid != id);
        self.drive(now);
    }
}
