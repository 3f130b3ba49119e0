// The publishing connection: this client's microphone, camera and screen,
// sent to the SFU. Owns the RTCPeerConnection and serialises its offers so
// that only one is ever outstanding (the server answers them in order, and a
// second offer before an answer would be glare).

import type { PublishedTrack } from '../protocol/PublishedTrack';
import type { TrackSource } from '../protocol/TrackSource';

// Simulcast layers, lowest first as the protocol requires. Bitrates fit
// 180p / 360p / 720p of a talking head.
const CAMERA_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'f', maxBitrate: 1_500_000 },
];

// An answer that has not come by then will not come; better to say so.
const ANSWER_TIMEOUT_MS = 15_000;

export type SendOffer = (sdp: string, tracks: PublishedTrack[]) => void;
/** Puts the encryption transform on a sender before any media flows. */
export type ProtectSender = (sender: RTCRtpSender, source: TrackSource) => void;

export class Publisher {
  readonly pc: RTCPeerConnection;
  private readonly sources = new Map<RTCRtpTransceiver, TrackSource>();
  private screen: RTCRtpTransceiver | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private waitingAnswer: { resolve: (sdp: string) => void; reject: (e: Error) => void } | null = null;
  private closed = false;

  /** `iceServers`: the meeting server's TURN relays, if it offers any (no third party's, ever). */
  constructor(
    private readonly sendOffer: SendOffer,
    private readonly protect: ProtectSender,
    iceServers: RTCIceServer[] = [],
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
  }

  /** Adds the microphone and camera and sends the first offer. */
  start(audio: MediaStreamTrack | null, video: MediaStreamTrack | null): Promise<void> {
    if (audio) {
      const tx = this.pc.addTransceiver(audio, { direction: 'sendonly' });
      this.protect(tx.sender, 'microphone');
      this.sources.set(tx, 'microphone');
    }
    if (video) {
      const tx = this.pc.addTransceiver(video, { direction: 'sendonly', sendEncodings: CAMERA_ENCODINGS });
      this.protect(tx.sender, 'camera');
      this.sources.set(tx, 'camera');
    }
    return this.negotiate();
  }

  get sharingScreen(): boolean {
    return this.screen !== null;
  }

  /** Publishes a screen capture as one more video (one encoding, no simulcast). */
  startScreen(track: MediaStreamTrack): Promise<void> {
    if (this.screen) throw new Error('already sharing a screen');
    const tx = this.pc.addTransceiver(track, { direction: 'sendonly' });
    this.protect(tx.sender, 'screen');
    this.sources.set(tx, 'screen');
    this.screen = tx;
    return this.negotiate();
  }

  stopScreen(): Promise<void> {
    const tx = this.screen;
    if (!tx) return Promise.resolve();
    this.screen = null;
    this.sources.delete(tx);
    tx.sender.track?.stop();
    tx.stop();
    return this.negotiate();
  }

  /** Called with the server's `publish_answer`. */
  answer(sdp: string): void {
    const waiting = this.waitingAnswer;
    this.waitingAnswer = null;
    if (waiting) waiting.resolve(sdp);
    else console.warn('conclave: publish_answer without an outstanding offer');
  }

  /** A new offer with fresh ICE credentials: the path to the server was lost (iceRestart.ts). */
  restartIce(): Promise<void> {
    this.pc.restartIce();
    return this.negotiate();
  }

  /** Called when the server refuses our offer (`error` with code negotiation). */
  refused(message: string): void {
    const waiting = this.waitingAnswer;
    this.waitingAnswer = null;
    waiting?.reject(new Error(message));
  }

  close(): void {
    this.closed = true;
    this.refused('the publishing connection was closed');
    this.pc.close();
  }

  /**
   * Asks for a new offer/answer round. Requests made while one is waiting to
   * start share it: the offer describes the transceivers as they are then.
   */
  private negotiate(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.negotiateOnce();
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async negotiateOnce(): Promise<void> {
    if (this.closed) return;
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description after setLocalDescription');
    // mids are assigned by setLocalDescription, so the list is built after it.
    const tracks: PublishedTrack[] = [];
    for (const [tx, source] of this.sources) {
      if (tx.mid !== null && tx.direction !== 'stopped') tracks.push({ mid: tx.mid, source });
    }
    const answer = new Promise<string>((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.waitingAnswer = null;
        reject(new Error('The server did not answer our media offer.'));
      }, ANSWER_TIMEOUT_MS);
      this.waitingAnswer = {
        resolve: (s) => {
          window.clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          window.clearTimeout(timer);
          reject(e);
        },
      };
    });
    this.sendOffer(sdp, tracks);
    const answerSdp = await answer;
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }
}
