// Capturing local media: microphone, camera and screen.

export interface LocalMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** Why a device is missing, for the person to read; empty when all is well. */
  problem: string;
}

// 720p at 24 fps is the top simulcast layer; the SFU scales down from there.
const CAMERA: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 24 },
};

/**
 * Asks for microphone and camera together (one permission prompt), then each
 * alone, so a person without a camera can still talk and vice versa.
 */
export async function acquireLocalMedia(): Promise<LocalMedia> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { audio: null, video: null, problem: 'This browser cannot capture a camera or microphone here.' };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: CAMERA });
    return { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null, problem: '' };
  } catch (both) {
    const audio = await tryTrack({ audio: true });
    const video = await tryTrack({ video: CAMERA });
    const missing = [audio ? null : 'microphone', video ? null : 'camera'].filter((m) => m !== null);
    const reason = both instanceof Error ? both.message : String(both);
    return { audio, video, problem: `No ${missing.join(' or ')} available (${reason}). You can still join.` };
  }
}

async function tryTrack(constraints: MediaStreamConstraints): Promise<MediaStreamTrack | null> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    return stream.getTracks()[0] ?? null;
  } catch {
    return null;
  }
}

/** Asks the person to pick a screen or window; rejects if they cancel. */
export async function captureScreen(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error('The screen capture has no video.');
  // Screens are mostly text: keep it sharp rather than smooth.
  track.contentHint = 'detail';
  return track;
}

export function stopMedia(media: LocalMedia): void {
  media.audio?.stop();
  media.video?.stop();
}
