//! Offers and answers: the client's offer for its publishing connection
//! (which announces tracks), the SFU's offers for each subscribing
//! connection (which carry everyone else's tracks), ICE restarts, and
//! withdrawing a track from everyone when it ends.

use std::collections::HashMap;
use std::time::Instant;

use conclave_signaling::{ParticipantId, PublishedTrack, TrackId, TrackSource};
use str0m::change::{SdpAnswer, SdpOffer};
use str0m::media::{MediaKind, Mid};

use crate::layers::BitrateMeter;
use crate::peer::{Peer, PeerRole};
use crate::{Layer, Sfu, SfuError, SfuEvent, Track};

impl Sfu {
    /// Applies the client's offer for its publishing connection and returns
    /// the answer. `tracks` says which m-line carries which source.
    pub fn handle_publish_offer(
        &mut self,
        id: ParticipantId,
        sdp: &str,
        tracks: &[PublishedTrack],
        now: Instant,
    ) -> Result<String, SfuError> {
        let offer = SdpOffer::from_sdp_string(sdp).map_err(|e| SfuError::BadSdp(e.to_string()))?;
        let p = self
            .participants
            .get_mut(&id)
            .ok_or(SfuError::UnknownParticipant(id))?;
        let publisher = match &mut p.publisher {
            Some(publisher) => publisher,
            None => p.publisher.insert(Peer::new(
                PeerRole::Publisher,
                &self.candidates,
                self.dtls_cert.as_ref(),
                now,
            )?),
        };
        let answer = publisher
            .rtc
            .sdp_api()
            .accept_offer(offer)
            .map_err(|e| SfuError::Refused(e.to_string()))?;
        let room = p.room;

        // Work out which announced tracks are live in the new session.
        let mut live: Vec<(Mid, TrackSource, Vec<str0m::media::Rid>)> = Vec::new();
        for t in tracks {
            let mid = Mid::from(t.mid.as_str());
            let Some(media) = publisher.rtc.media(mid) else {
                tracing::debug!(participant = %id, "announced track has no m-line");
                continue;
            };
            let kind_matches = matches!(
                (media.kind(), t.source.kind()),
                (MediaKind::Audio, conclave_signaling::MediaKind::Audio)
                    | (MediaKind::Video, conclave_signaling::MediaKind::Video)
            );
            if !kind_matches || media.stopped() || media.disabled() {
                continue;
            }
            let rids = match media.rids_rx() {
                str0m::media::Rids::Specific(v) => v.clone(),
                _ => Vec::new(),
            };
            live.push((mid, t.source, rids));
        }

        // Tracks that went away.
        let gone: Vec<TrackId> = p
            .published
            .iter()
            .copied()
            .filter(|tid| {
                self.tracks.get(tid).is_none_or(|t| {
                    !live
                        .iter()
                        .any(|(mid, source, _)| *mid == t.mid && *source == t.source)
                })
            })
            .collect();
        for tid in &gone {
            p.published.retain(|t| t != tid);
        }
        // Tracks that are new.
        let mut added = Vec::new();
        for (mid, source, rids) in live {
            let exists = p.published.iter().any(|tid| {
                self.tracks
                    .get(tid)
                    .is_some_and(|t| t.mid == mid && t.source == source)
            });
            if exists {
                continue;
            }
            let tid = TrackId(self.next_track);
            self.next_track += 1;
            let layer_count = rids.len().max(1);
            let layers = (0..layer_count)
                .map(|_| Layer {
                    ssrc: None,
                    meter: BitrateMeter::new(now),
                    last_packet_at: None,
                    last_keyframe_request: None,
                    height: None,
                })
                .collect();
            self.tracks.insert(
                tid,
                Track {
                    owner: id,
                    room,
                    source,
                    mid,
                    rids,
                    layers,
                },
            );
            p.published.push(tid);
            added.push((tid, source));
        }
        // Routes are relearned from the next packets.
        p.routes.clear();
        self.dirty.push((id, PeerRole::Publisher));

        for tid in gone {
            self.unpublish(tid);
        }
        let members = self
            .rooms
            .get(&room)
            .map(|r| r.members.clone())
            .unwrap_or_default();
        for member in members {
            if member == id {
                continue;
            }
            if let Some(m) = self.participants.get_mut(&member) {
                for (tid, source) in &added {
                    m.subscriptions.add(*tid, *source);
                }
            }
            self.negotiate(member);
        }
        self.select_video(room, now);
        self.drive(now);
        Ok(answer.to_sdp_string())
    }

    /// Applies the client's answer to the last subscribe offer.
    pub fn handle_subscribe_answer(
        &mut self,
        id: ParticipantId,
        sdp: &str,
        now: Instant,
    ) -> Result<(), SfuError> {
        let answer =
            SdpAnswer::from_sdp_string(sdp).map_err(|e| SfuError::BadSdp(e.to_string()))?;
        let p = self
            .participants
            .get_mut(&id)
            .ok_or(SfuError::UnknownParticipant(id))?;
        let pending = p
            .subscriptions
            .pending
            .take()
            .ok_or(SfuError::NoPendingOffer)?;
        p.subscriber
            .rtc
            .sdp_api()
            .accept_answer(pending, answer)
            .map_err(|e| SfuError::Refused(e.to_string()))?;
        p.subscriptions.answered(&mut p.subscriber.rtc);
        self.dirty.push((id, PeerRole::Subscriber));
        self.negotiate(id);
        self.review_layers_of(id, now);
        self.drive(now);
        Ok(())
    }

    /// The client's receiving connection lost its path: the next subscribe
    /// offer (at once, or after the outstanding one is answered) restarts
    /// ICE.
    pub fn handle_restart_ice(&mut self, id: ParticipantId) -> Result<(), SfuError> {
        let p = self
            .participants
            .get_mut(&id)
            .ok_or(SfuError::UnknownParticipant(id))?;
        p.subscriptions.restart_ice = true;
        self.negotiate(id);
        Ok(())
    }

    /// Starts a subscribe negotiation if the participant has changes and no
    /// offer outstanding.
    pub(crate) fn negotiate(&mut self, id: ParticipantId) {
        let Some(p) = self.participants.get_mut(&id) else {
            return;
        };
        let owners: HashMap<TrackId, ParticipantId> = p
            .subscriptions
            .slots()
            .filter_map(|s| self.tracks.get(&s.track).map(|t| (s.track, t.owner)))
            .collect();
        if let Some((sdp, tracks)) = p
            .subscriptions
            .negotiate(&mut p.subscriber.rtc, |tid| owners.get(&tid).copied())
        {
            self.dirty.push((id, PeerRole::Subscriber));
            self.events.push_back(SfuEvent::SubscribeOffer {
                participant: id,
                sdp,
                tracks,
            });
        }
    }

    /// Withdraws a track from every subscriber.
    pub(crate) fn unpublish(&mut self, track: TrackId) {
        let Some(t) = self.tracks.remove(&track) else {
            return;
        };
        let members = self
            .rooms
            .get(&t.room)
            .map(|r| r.members.clone())
            .unwrap_or_default();
        for member in members {
            if let Some(p) = self.participants.get_mut(&member) {
                p.subscriptions.remove(track);
            }
            self.negotiate(member);
        }
    }
}
