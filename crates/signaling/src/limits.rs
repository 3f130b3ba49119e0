//! Size limits on everything a client can send. A limit that is hit answers
//! with a clear error; nothing is truncated silently.

/// Largest WebSocket text message accepted. The biggest messages are a
/// commit together with its Welcome ([`MAX_COMMIT_BYTES`] +
/// [`MAX_WELCOME_BYTES`]), as the committer of a 1000-person meeting sends
/// them, plus 128 KiB for the JSON around them; everything else is under
/// 64 KiB (SDP offers are ~10 KiB). The per-socket message rate bounds what
/// this lets one socket make the server parse.
pub const MAX_MESSAGE_BYTES: usize = MAX_COMMIT_BYTES + MAX_WELCOME_BYTES + 128 * 1024;

/// How much a WebSocket reads (and tungstenite zero-fills) per read call.
/// Its default, 128 KiB, is zeroed on every read however small the
/// message: a quarter of a 200-participant load generator's CPU went to
/// that memset. Signaling messages are mostly under 1 KiB; bigger ones
/// (SDP, commits, Welcomes) just take several reads. It is also held per
/// socket for as long as the socket lives: at 8 KiB it was 6% of the
/// server's memory per listener in a 200-person meeting, and at 2 KiB
/// still 3%. A call's steady state (pings, acknowledgements, answers of a
/// few hundred bytes) fits in one read of 1 KiB; a 100-KB commit takes
/// 100 reads instead of 50, a few microseconds.
pub const WS_READ_BUFFER_BYTES: usize = 1024;

/// A chat message is at most 4000 characters of text; its MLS encryption
/// and base64 add about half again.
pub const MAX_MLS_APPLICATION_BYTES: usize = 16 * 1024;

/// Most members an application message may be addressed to: an
/// introduction goes to the people one commit added, so a commit's worth;
/// a longer list would only make the server loop for one sender.
pub const MAX_APPLICATION_RECIPIENTS: usize = MAX_ADDS_PER_COMMIT;

/// Longest chat message, in characters (checked by clients before
/// encrypting; the server only sees the ciphertext size).
pub const MAX_CHAT_CHARS: usize = 4000;

/// Largest SDP blob inside a message (the bulk of any message).
pub const MAX_SDP_BYTES: usize = 60 * 1024;

/// A display name is shown on tiles and in the roster: long enough for
/// "Dr. Firstname Double-Barrelled Lastname (Ministry of X)", short enough
/// that it cannot be used to push megabytes to every participant.
pub const MAX_NAME_CHARS: usize = 64;

/// One microphone, one camera and one screen share (with its audio) per
/// participant; a few spare for a client that re-adds a track.
pub const MAX_TRACKS_PER_OFFER: usize = 8;

/// The most recent speakers' cameras a client may ask for: a 10×10 grid,
/// beyond what any screen shows legibly; more would only make the server
/// walk longer lists at every speaker change.
pub const MAX_LAST_N: usize = 100;

/// Participants a client may pin (always get the camera of): a wall of
/// interpreters or panellists, not the whole audience.
pub const MAX_PINNED: usize = 25;

/// Largest MLS KeyPackage (base64). Ours are about 0.6 KiB (a basic
/// credential with a name of at most 64 characters, two public keys, two
/// signatures, capabilities); 4 KiB leaves room for a bigger credential or a
/// few extensions, while twelve junk "key packages" can no longer swell into
/// a multi-megabyte commit request pushed to a member.
pub const MAX_KEY_PACKAGE_BYTES: usize = 4 * 1024;

/// Adds batched into one commit request. In a large meeting joiners are
/// gathered for a few seconds so that every member processes one commit for
/// many arrivals (the delivery service's `join_batch_wait`): an audience of
/// 1000 arriving over a minute is 17 a second, so a 4-s batch is about 64.
/// With [`MAX_KEY_PACKAGE_BYTES`] this bounds a request at 256 KiB (ours are
/// 0.6 KiB each, 40 KiB for a full batch); a bigger batch would let junk
/// KeyPackages swell a commit that every member downloads.
pub const MAX_ADDS_PER_COMMIT: usize = 64;

/// Largest commit (base64). A commit carries its Add proposals inline (up to
/// [`MAX_ADDS_PER_COMMIT`] KeyPackages, 256 KiB at the largest KeyPackage we
/// accept, 40 KiB for ours) plus an update path: one HPKE ciphertext (~90
/// bytes) per node of each copath resolution, which in a tree whose inner
/// nodes are blank (members who never committed) is nearly one per member,
/// about 120 KiB in base64 for 1000. 448 KiB covers both at once while
/// bounding what one member can make the server fan out to everyone; with
/// the Welcome it still fits one [`MAX_MESSAGE_BYTES`] message.
pub const MAX_COMMIT_BYTES: usize = 448 * 1024;

/// Largest Welcome (base64): it carries the ratchet tree, about 0.5 KiB per
/// member in base64, so 1 MiB covers meetings of well over 1000 (the
/// server's own cap on participants is lower by default); together with a
/// commit it still fits in one [`MAX_MESSAGE_BYTES`] message.
pub const MAX_WELCOME_BYTES: usize = 1024 * 1024;

/// Participants listed in one commit's `added` or `removed`, or one
/// request's `removes`: a whole meeting leaving at once.
pub const MAX_COMMIT_CHANGES: usize = 1024;

/// A client's own words on why it asks to rejoin the group (for logs and
/// diagnostics only; never shown to others).
pub const MAX_REASON_CHARS: usize = 200;

/// An m-line id: browsers use small integers ("0", "1", …); 32 characters
/// is plenty and keeps a track list from carrying kilobytes of ids.
pub const MAX_MID_CHARS: usize = 32;

/// A sealed knock (base64): a KeyPackage ([`MAX_KEY_PACKAGE_BYTES`]), a name
/// and the HPKE overhead (48 bytes). 8 KiB fits the largest KeyPackage we
/// accept; a knock flood cannot push more than this per knocker to hosts.
pub const MAX_KNOCK_BYTES: usize = 8 * 1024;

/// A host endorsement (base64 of a 64-byte Ed25519 signature is 88 bytes),
/// or a meeting key sealed to a co-host (32-byte seed + 32-byte HPKE
/// encapsulation + 16-byte tag = 108 bytes in base64); room for longer
/// schemes later.
pub const MAX_ENDORSEMENT_BYTES: usize = 256;

/// One epoch's sealed recording key (base64): a 16-byte base key and the
/// epoch's roster (leaf, participant and a name of up to 64 characters per
/// member, as JSON, about 100 bytes each) plus the HPKE overhead, in base64.
/// 192 KiB holds a roster of about 1400 members and stays inside one
/// message ([`MAX_MESSAGE_BYTES`]); the server stores every one it accepts,
/// so the bound is also what a host can make it write per epoch.
pub const MAX_RECORDING_KEY_BYTES: usize = 192 * 1024;

/// The device token a browser keeps per meeting (22 base64url characters
/// for 128 bits); a bound so a client cannot make the server hash megabytes.
pub const MAX_DEVICE_BYTES: usize = 64;
