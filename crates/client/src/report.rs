//! What `conclave join --report json` prints: what this participant saw.

use serde::Serialize;

/// Now, as Unix milliseconds (0 on a clock set before 1970).
pub fn unix_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[derive(Serialize, Debug, Clone)]
pub struct PeerReport {
    pub participant: u64,
    pub name: String,
    pub audio_frames: u64,
    pub video_frames: u64,
    /// Frames that failed to decrypt while this participant held the
    /// group's keys: wrong keys, tampering, or keys that came too late.
    pub decrypt_failures: u64,
    /// Frames sent before this participant first had the group's keys (or
    /// in the 10 s after, while senders may still use the epoch before its
    /// own): no member can open those, by design, so they are not failures.
    pub before_joining: u64,
    /// Frames whose plaintext ended with the `--marker` (tests).
    pub markers_seen: u64,
    /// Picture heights of the key frames decrypted from this peer, each
    /// once, in the order first seen: the simulcast layers the SFU sent.
    pub video_heights: Vec<u16>,
}

#[derive(Serialize, Debug, Clone)]
pub struct ChatLine {
    pub from: String,
    pub text: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct Report {
    pub participant: u64,
    pub name: String,
    pub security_code: Option<String>,
    /// Every code this participant showed, one per epoch it went through.
    pub security_codes_seen: Vec<String>,
    /// Every epoch it entered and when (Unix ms, this machine's clock).
    pub epoch_times: Vec<(u64, u64)>,
    /// When it opened its signaling socket and when it left (Unix ms).
    pub started_at_ms: u64,
    pub left_at_ms: u64,
    pub epoch: Option<u64>,
    /// The MLS group's members, by the names in their credentials.
    pub members: Vec<String>,
    /// Members whose credential could not be read (listed in `members` as
    /// unknown). Anything but 0 is an alarm: someone holds the keys whom
    /// this client cannot name.
    pub unknown_members: usize,
    /// Times this participant had to rejoin the group.
    pub rejoins: u32,
    /// Times its signaling socket was lost and a new one took its place
    /// back (`resume`), still in the same group.
    pub resumes: u32,
    /// Times a media connection lost its path and this client restarted
    /// ICE on it (new credentials, fresh checks) to bring it back.
    pub ice_restarts: u32,
    /// What the sending and the receiving connection's media last arrived
    /// over (`udp` or `tcp`; `None` before any).
    pub publish_over: Option<String>,
    pub subscribe_over: Option<String>,
    pub frames_sent: u64,
    pub received: Vec<PeerReport>,
    pub chat: Vec<ChatLine>,
    pub errors: Vec<String>,
    /// This participant waited in the lobby and knocked.
    pub knocked: bool,
    /// A host made this participant a co-host.
    pub promoted: bool,
    /// For a knocker: milliseconds from the host's admission reaching it
    /// to its first decrypted video frame.
    pub admission_to_first_video_ms: Option<u64>,
    /// As a host: the names it admitted from knocks.
    pub admitted: Vec<String>,
    /// As a host: the names still knocking that it did not admit.
    pub knocking: Vec<String>,
    /// Set when this client refused the group's membership (someone let
    /// in without a host): it left the group and decrypts nothing more.
    pub tampered: Option<String>,
    /// Remote cameras the server held back at the end (not among this
    /// client's last N speakers), and the most it held back at once.
    pub video_paused: usize,
    pub video_paused_most: usize,
    /// The server said this meeting was being recorded at some point.
    pub recording_seen: bool,
    /// The group's own roster (a host's commit, docs/recording.md) said so.
    pub recording_in_group: bool,
    /// As a host while a recording ran: the epochs whose keys it sealed to
    /// the recording key.
    pub recording_epochs_sealed: Vec<u64>,
    /// A short fingerprint of every epoch's media base key this client
    /// held (docs/recording.md): tests compare them with a recording's keys
    /// to show what a removed member never had. Reveals nothing of a key.
    pub key_fingerprints: Vec<String>,
}

impl Report {
    /// A few lines for people (the default output).
    pub fn human(&self) -> String {
        let mut s = format!(
            "{} (participant {}): epoch {}, security code {}\n  members: {}\n  sent {} frames\n",
            self.name,
            self.participant,
            self.epoch.map_or_else(|| "-".into(), |e| e.to_string()),
            self.security_code.as_deref().unwrap_or("-"),
            self.members.join(", "),
            self.frames_sent,
        );
        if self.unknown_members > 0 {
            s += &format!(
                "  WARNING: {} member(s) of the encrypted group cannot be identified\n",
                self.unknown_members
            );
        }
        for r in &self.received {
            s += &format!(
                "  from {} ({}): {} audio, {} video frames decrypted, {} failed\n",
                r.name, r.participant, r.audio_frames, r.video_frames, r.decrypt_failures
            );
            if r.before_joining > 0 {
                s += &format!(
                    "    {} sent before this participant had the group's keys\n",
                    r.before_joining
                );
            }
            if !r.video_heights.is_empty() {
                let heights: Vec<String> =
                    r.video_heights.iter().map(|h| format!("{h}p")).collect();
                s += &format!("    video received at {}\n", heights.join(", then "));
            }
        }
        for c in &self.chat {
            s += &format!("  chat {}: {}\n", c.from, c.text);
        }
        if self.recording_seen {
            s += "  this meeting was recorded\n";
        }
        if self.video_paused_most > 0 {
            s += &format!(
                "  cameras held back (not among the last speakers): {} now, {} at most\n",
                self.video_paused, self.video_paused_most
            );
        }
        if let Some(t) = &self.tampered {
            s += &format!("  ALARM: {t}\n");
        }
        for n in &self.admitted {
            s += &format!("  admitted {n}\n");
        }
        for e in &self.errors {
            s += &format!("  error: {e}\n");
        }
        s
    }
}
