//! Audio protection for links its sender cannot see.
//!
//! A browser's Opus encoder adds in-band FEC (each packet also carries a
//! coarse copy of the one before, so one lost packet is rebuilt from the
//! next) as the receiver reports for its stream say packets are lost. Through
//! a forwarding server the sender only hears of its own link: a listener on a
//! lossy downlink got no protection at all. So every microphone's sender is
//! told the worst loss among the other members' downlinks, by raising the
//! "fraction lost" of the receiver reports the SFU sends it for that stream
//! (a str0m patch, `vendor/README.md`). Congestion control reads the
//! reports' cumulative count, which stays true, so the sender's bandwidth
//! estimate is not disturbed; libopus takes the FEC out of the primary
//! bitrate, so the stream does not grow either.

use conclave_signaling::{MediaKind, ParticipantId};

use crate::Sfu;

/// Below this the sender is told nothing: Opus treats under 1% as no loss,
/// and concealment hides the odd lost packet as well as FEC would.
const MIN_REPORTED_LOSS: f32 = 0.01;
/// At most this much: libwebrtc's encoder plans for at most 20% loss, and a
/// link losing more is congested, where the layer choice (fewer packets)
/// helps rather than redundancy.
const MAX_REPORTED_LOSS: f32 = 0.20;

/// What to tell a sender, from the loss on its listeners' downlinks.
pub(crate) fn reported_loss(listener_losses: impl IntoIterator<Item = f32>) -> f32 {
    let worst = listener_losses.into_iter().fold(0.0, f32::max);
    if worst < MIN_REPORTED_LOSS {
        0.0
    } else {
        worst.min(MAX_REPORTED_LOSS)
    }
}

impl Sfu {
    /// Tells each microphone's sender of the loss on the other members'
    /// downlinks (see the module's comment). Runs with the layer review:
    /// the losses it reads are smoothed over receiver reports a second
    /// apart, and an encoder averages what it is told over seconds.
    pub(crate) fn protect_audio(&mut self) {
        let Sfu {
            rooms,
            participants,
            tracks,
            ..
        } = self;
        for room in rooms.values() {
            // The worst and second-worst downlinks: a sender's own link is
            // not among its listeners'.
            let mut worst: (Option<ParticipantId>, f32) = (None, 0.0);
            let mut second = 0.0f32;
            for id in &room.members {
                let Some(p) = participants.get(id) else {
                    continue;
                };
                let loss = p.subscriptions.audio_loss();
                if loss > worst.1 {
                    second = worst.1;
                    worst = (Some(*id), loss);
                } else {
                    second = second.max(loss);
                }
            }
            for id in &room.members {
                let Some(p) = participants.get_mut(id) else {
                    continue;
                };
                let listeners = if worst.0 == Some(*id) {
                    second
                } else {
                    worst.1
                };
                let floor = reported_loss([listeners]);
                let crate::Participant {
                    publisher, routes, ..
                } = p;
                let Some(publisher) = publisher else {
                    continue;
                };
                for (ssrc, (track, _)) in routes.iter() {
                    let audio = tracks
                        .get(track)
                        .is_some_and(|t| t.source.kind() == MediaKind::Audio);
                    if !audio {
                        continue;
                    }
                    if let Some(stream) = publisher.rtc.direct_api().stream_rx(ssrc) {
                        stream.set_reported_loss_floor(floor);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_listener_is_reported_within_bounds() {
        assert_eq!(reported_loss([]), 0.0, "nobody listening");
        assert_eq!(reported_loss([0.0, 0.005]), 0.0, "under 1%: nothing");
        assert_eq!(reported_loss([0.0, 0.05, 0.02]), 0.05, "the worst");
        assert_eq!(reported_loss([0.6]), MAX_REPORTED_LOSS, "capped");
    }
}
