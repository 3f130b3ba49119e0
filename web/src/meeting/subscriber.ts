// The subscribing connection: everyone else's tracks, sent by the SFU. The
// server makes every offer; this side only answers, one offer at a time, and
// keeps the server's map of which m-line carries whose track.

import type { ParticipantId } from '../protocol/ParticipantId';
import type { SubscribedTrack } from '../protocol/SubscribedTrack';
import type { TrackSource } from '../protocol/TrackSource';

/** A remote track that is live on this connection, ready to be shown. */
export interface RemoteTrack {
  info: SubscribedTrack;
  media: MediaStreamTrack;
}

/**
 * Puts the decryption transform on a receiver (first call, from ontrack,
 * before media flows) or tells it whose track the m-line now carries.
 * `info` is null for an m-line the server's map does not list (yet).
 */
export type ProtectReceiver = (receiver: RTCRtpReceiver, mid: string, info: SubscribedTrack | null) => void;

export class Subscriber {
  readonly pc = new RTCPeerConnection({ iceServers: [] });
  private tracks: SubscribedTrack[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly sendAnswer: (sdp: string) => void,
    private readonly onTracks: (tracks: RemoteTrack[]) => void,
    private readonly onError: (e: Error) => void,
    private readonly protect: ProtectReceiver,
  ) {
    // A track can arrive before or after the offer's map is known to us;
    // resolving both ways round keeps tiles right whichever comes first.
    this.pc.addEventListener('track', (event) => {
      // Every receiver decrypts, even one the map does not name yet: nothing
      // undecrypted ever reaches a decoder.
      const mid = event.transceiver.mid;
      if (mid !== null) this.protect(event.receiver, mid, this.trackForMid(mid) ?? null);
      this.publish();
    });
  }

  /** Called with each `subscribe_offer`. */
  offer(sdp: string, tracks: SubscribedTrack[]): void {
    this.chain = this.chain
      .then(async () => {
        if (this.pc.signalingState === 'closed') return;
        this.tracks = tracks;
        await this.pc.setRemoteDescription({ type: 'offer', sdp });
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        const local = this.pc.localDescription?.sdp;
        if (!local) throw new Error('no local description after setLocalDescription');
        this.sendAnswer(local);
        // Reused m-lines: the worker must know whose frames they now carry.
        for (const tx of this.pc.getTransceivers()) {
          if (tx.mid !== null) this.protect(tx.receiver, tx.mid, this.trackForMid(tx.mid) ?? null);
        }
        this.publish();
      })
      .catch((e: unknown) => this.onError(e instanceof Error ? e : new Error(String(e))));
  }

  /**
   * Forgets a participant's tracks at once, before the server's next offer
   * removes them, so their tiles do not linger for a round trip.
   */
  forgetParticipant(id: ParticipantId): void {
    this.tracks = this.tracks.filter((t) => t.participant !== id);
    this.publish();
  }

  /** Which subscribed track a receive m-line carries, for stats. */
  trackForMid(mid: string): SubscribedTrack | undefined {
    return this.tracks.find((t) => t.mid === mid);
  }

  close(): void {
    this.pc.close();
  }

  private publish(): void {
    if (this.pc.signalingState === 'closed') return;
    const byMid = new Map<string, RTCRtpTransceiver>();
    for (const tx of this.pc.getTransceivers()) {
      if (tx.mid !== null && tx.currentDirection !== 'stopped') byMid.set(tx.mid, tx);
    }
    const live: RemoteTrack[] = [];
    for (const info of this.tracks) {
      const tx = byMid.get(info.mid);
      if (!tx) continue;
      const media = tx.receiver.track;
      // A map entry whose m-line has the wrong kind is a server bug; showing
      // audio as a tile (or the reverse) would only confuse.
      if (media.readyState === 'live' && media.kind === kindOf(info.source)) live.push({ info, media });
    }
    this.onTracks(live);
  }
}

function kindOf(source: TrackSource): 'audio' | 'video' {
  return source === 'microphone' || source === 'screen_audio' ? 'audio' : 'video';
}
