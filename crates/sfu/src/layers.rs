//! Which simulcast layer each receiver gets. Pure functions of what the
//! receiver asked for (the size of its tile) and what it can take (its
//! bandwidth estimate and the loss it reports, with hysteresis, so that an
//! estimate wobbling around one layer's rate does not flip the picture
//! back and forth); the forwarding code applies the answer only at the next
//! key frame of the chosen layer.

use std::time::{Duration, Instant};

/// The web client publishes layers at 1/4, 1/2 and full size of a capture of
/// at most 720 lines, lowest first (see docs/signaling.md). A layer's real
/// height is known from its first key frame (whose size stays in the clear,
/// see `vp8::keyframe_size`); until then the SFU assumes that contract.
const TOP_LAYER_HEIGHT: u32 = 720;

/// A layer with no packet for this long is treated as gone (the browser stops
/// sending upper layers when its CPU or uplink is short). 1.5 s is a few
/// frame intervals even at low frame rates, yet short enough that a receiver
/// falls back before its picture freezes for long.
pub const LAYER_INACTIVE_AFTER: Duration = Duration::from_millis(1500);

/// Stepping up to a layer needs the estimate to cover it with this much to
/// spare (percent of its rate); holding a layer needs only the layer
/// itself. Between the two the choice stays put (as Signal's SFU does): each
/// switch costs a key frame, and a receiver switched up into a link that
/// only just fits it overfills the link at the first key frame. 130% keeps
/// a 600 kbit/s layer until the estimate falls below it, yet asks 780
/// kbit/s before giving it back.
const STEP_UP_HEADROOM_PERCENT: u64 = 130;

/// No step up while the receiver reports more than this fraction of packets
/// lost: the link is already short, whatever the estimate says. 2% is above
/// what a healthy Wi-Fi link loses.
const STEP_UP_LOSS: f32 = 0.02;

/// At this much loss the current layer is given up for the one below,
/// whatever the estimate: retransmissions no longer repair the picture, and
/// a smaller layer means fewer packets per frame to lose. Random loss below
/// it is left to NACK and key frames.
const STEP_DOWN_LOSS: f32 = 0.10;

/// What the selector knows of the receiver's link for one choice.
#[derive(Clone, Copy, Debug)]
pub struct Link {
    /// What video may use of the receiver's estimated bandwidth.
    pub budget_bps: u64,
    /// The layer chosen for this track last time, if any.
    pub current: Option<usize>,
    /// Fraction of packets the receiver reports lost, 0.0 to 1.0.
    pub loss: f32,
    /// False for a while after a step down (see `UP_COOLDOWN` where it is set).
    pub may_step_up: bool,
}

impl Link {
    /// A first choice on a clean link.
    pub fn fresh(budget_bps: u64) -> Self {
        Self {
            budget_bps,
            current: None,
            loss: 0.0,
            may_step_up: true,
        }
    }
}

/// What the selector knows of one incoming layer.
#[derive(Clone, Copy, Debug, Default)]
pub struct LayerStatus {
    pub active: bool,
    pub bitrate_bps: u64,
    /// Lines per picture, from the layer's last key frame; `None` before one.
    pub height: Option<u32>,
}

/// Nominal height of layer `index` out of `count` layers.
fn nominal_height(index: usize, count: usize) -> u32 {
    let halvings = (count - 1 - index) as u32;
    TOP_LAYER_HEIGHT >> halvings.min(8)
}

/// Chooses a layer for a tile `wanted_height` pixels tall (physical pixels)
/// on `link`. Returns `None` when the tile is hidden or no layer is
/// arriving at all.
pub fn choose_layer(layers: &[LayerStatus], wanted_height: u32, link: Link) -> Option<usize> {
    if wanted_height == 0 || layers.is_empty() {
        return None;
    }
    let count = layers.len();
    // The smallest layer at least as tall as the tile, so it is never upscaled
    // more than necessary; the top layer when the tile is bigger than all.
    let by_size = (0..count)
        .find(|&i| layers[i].height.unwrap_or_else(|| nominal_height(i, count)) >= wanted_height)
        .unwrap_or(count - 1);
    let current = link.current.filter(|&c| c < count);
    let ceiling = match current {
        Some(c) if link.loss >= STEP_DOWN_LOSS => c.saturating_sub(1).min(by_size),
        _ => by_size,
    };
    let fits = |i: usize| match current {
        // Holding or stepping down: the layer itself must fit.
        Some(c) if i <= c => layers[i].bitrate_bps <= link.budget_bps,
        // Stepping up (or a first choice): with headroom, on a clean link.
        _ => {
            link.may_step_up
                && link.loss < STEP_UP_LOSS
                && layers[i]
                    .bitrate_bps
                    .saturating_mul(STEP_UP_HEADROOM_PERCENT)
                    / 100
                    <= link.budget_bps
        }
    };
    // Step down while the layer does not fit; the lowest layer is always
    // allowed so a congested receiver sees a small picture, not none.
    let mut choice = ceiling;
    while choice > 0 && !fits(choice) {
        choice -= 1;
    }
    // Prefer an active layer at or below the choice, then any active above.
    (0..=choice)
        .rev()
        .find(|&i| layers[i].active)
        .or_else(|| (choice + 1..count).find(|&i| layers[i].active))
}

/// A simple bitrate meter over one-second windows, enough to tell layers
/// apart (they differ by about 3x) without per-packet allocation.
#[derive(Clone, Copy, Debug)]
pub struct BitrateMeter {
    window_start: Instant,
    window_bytes: u64,
    last_bps: u64,
}

/// Window length: long enough to cover a key frame burst, short enough to
/// notice a layer that was dropped within a couple of seconds.
const METER_WINDOW: Duration = Duration::from_secs(1);

impl BitrateMeter {
    pub fn new(now: Instant) -> Self {
        Self {
            window_start: now,
            window_bytes: 0,
            last_bps: 0,
        }
    }

    pub fn record(&mut self, bytes: usize, now: Instant) {
        let elapsed = now.saturating_duration_since(self.window_start);
        if elapsed >= METER_WINDOW {
            self.last_bps = self.window_bytes * 8 * 1000 / (elapsed.as_millis().max(1) as u64);
            self.window_start = now;
            self.window_bytes = 0;
        }
        self.window_bytes += bytes as u64;
    }

    pub fn bps(&self) -> u64 {
        self.last_bps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three(active: [bool; 3]) -> [LayerStatus; 3] {
        let rates = [150_000, 500_000, 1_500_000];
        std::array::from_fn(|i| LayerStatus {
            active: active[i],
            bitrate_bps: rates[i],
            height: None,
        })
    }

    #[test]
    fn tile_size_picks_the_layer() {
        let l = three([true; 3]);
        assert_eq!(
            choose_layer(&l, 0, Link::fresh(u64::MAX)),
            None,
            "hidden tile"
        );
        assert_eq!(choose_layer(&l, 120, Link::fresh(u64::MAX)), Some(0));
        assert_eq!(choose_layer(&l, 180, Link::fresh(u64::MAX)), Some(0));
        assert_eq!(choose_layer(&l, 300, Link::fresh(u64::MAX)), Some(1));
        assert_eq!(choose_layer(&l, 700, Link::fresh(u64::MAX)), Some(2));
        assert_eq!(choose_layer(&l, 2000, Link::fresh(u64::MAX)), Some(2));
    }

    #[test]
    fn real_heights_from_key_frames_replace_the_nominal_ones() {
        // A 640x480 camera (or the native client): layers of 120, 240 and
        // 480 lines, not the nominal 180, 360 and 720.
        let mut l = three([true; 3]);
        for (layer, height) in l.iter_mut().zip([120, 240, 480]) {
            layer.height = Some(height);
        }
        let any = Link::fresh(u64::MAX);
        assert_eq!(choose_layer(&l, 150, any), Some(1), "nominal would give 0");
        assert_eq!(choose_layer(&l, 360, any), Some(2), "nominal would give 1");
        assert_eq!(choose_layer(&l, 100, any), Some(0));
        assert_eq!(choose_layer(&l, 700, any), Some(2));
    }

    #[test]
    fn bandwidth_caps_the_layer_but_never_below_the_lowest() {
        let l = three([true; 3]);
        assert_eq!(choose_layer(&l, 720, Link::fresh(700_000)), Some(1));
        assert_eq!(choose_layer(&l, 720, Link::fresh(200_000)), Some(0));
        assert_eq!(choose_layer(&l, 720, Link::fresh(10_000)), Some(0));
    }

    #[test]
    fn missing_layers_fall_back_to_what_arrives() {
        assert_eq!(
            choose_layer(&three([true, true, false]), 720, Link::fresh(u64::MAX)),
            Some(1)
        );
        assert_eq!(
            choose_layer(&three([false, false, true]), 120, Link::fresh(u64::MAX)),
            Some(2)
        );
        assert_eq!(
            choose_layer(&three([false; 3]), 720, Link::fresh(u64::MAX)),
            None
        );
    }

    #[test]
    fn single_layer_tracks_always_forward_when_shown() {
        let l = [LayerStatus {
            active: true,
            bitrate_bps: 2_000_000,
            height: None,
        }];
        assert_eq!(choose_layer(&l, 100, Link::fresh(1)), Some(0));
        assert_eq!(choose_layer(&l, 0, Link::fresh(1)), None);
    }

    fn on(budget_bps: u64, current: usize, loss: f32, may_step_up: bool) -> Link {
        Link {
            budget_bps,
            current: Some(current),
            loss,
            may_step_up,
        }
    }

    #[test]
    fn a_layer_is_held_on_its_rate_but_stepped_up_to_only_with_headroom() {
        let l = three([true; 3]);
        // 500 kbit/s layer: held at 520 kbit/s, not taken at 520 from below.
        assert_eq!(choose_layer(&l, 360, on(520_000, 1, 0.0, true)), Some(1));
        assert_eq!(choose_layer(&l, 360, on(520_000, 0, 0.0, true)), Some(0));
        assert_eq!(choose_layer(&l, 360, on(650_000, 0, 0.0, true)), Some(1));
        // Below its own rate it is given up.
        assert_eq!(choose_layer(&l, 360, on(480_000, 1, 0.0, true)), Some(0));
    }

    #[test]
    fn a_lossy_link_is_not_stepped_up_and_heavy_loss_steps_down() {
        let l = three([true; 3]);
        let plenty = 10_000_000;
        assert_eq!(
            choose_layer(&l, 720, on(plenty, 0, 0.05, true)),
            Some(0),
            "5% loss: stay"
        );
        assert_eq!(
            choose_layer(&l, 720, on(plenty, 1, 0.05, true)),
            Some(1),
            "5% loss: hold"
        );
        assert_eq!(
            choose_layer(&l, 720, on(plenty, 2, 0.15, true)),
            Some(1),
            "15%: one down"
        );
        assert_eq!(
            choose_layer(&l, 720, on(plenty, 0, 0.15, true)),
            Some(0),
            "never below the lowest"
        );
        assert_eq!(
            choose_layer(&l, 720, on(plenty, 0, 0.0, true)),
            Some(2),
            "clean: up"
        );
    }

    #[test]
    fn no_step_up_while_cooling_down_after_a_step_down() {
        let l = three([true; 3]);
        assert_eq!(
            choose_layer(&l, 720, on(10_000_000, 0, 0.0, false)),
            Some(0)
        );
        assert_eq!(
            choose_layer(&l, 720, on(10_000_000, 1, 0.0, false)),
            Some(1)
        );
    }

    #[test]
    fn meter_reports_the_last_full_window() {
        let t0 = Instant::now();
        let mut m = BitrateMeter::new(t0);
        for i in 0..100 {
            m.record(1250, t0 + Duration::from_millis(i * 10));
        }
        m.record(0, t0 + Duration::from_secs(1));
        assert_eq!(m.bps(), 1_000_000);
    }
}
