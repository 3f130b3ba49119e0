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
pub(crate) const STEP_UP_LOSS: f32 = 0.02;

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
    /// What a step up may plan with: the budget, or less while the link's
    /// last congestion is remembered (see [`StepUpCeiling`]).
    pub step_up_budget_bps: u64,
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
            step_up_budget_bps: budget_bps,
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
                    <= link.budget_bps.min(link.step_up_budget_bps)
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

/// Whether the budget alone pushed a track below `choice`'s predecessor
/// `link.current`: without a budget (and without stepping up) the track
/// would have held a higher layer. A smaller tile, heavy loss or a layer the
/// publisher stopped sending are not congestion.
pub fn stepped_down_by_budget(
    layers: &[LayerStatus],
    wanted_height: u32,
    link: Link,
    choice: Option<usize>,
) -> bool {
    let Some(choice) = choice else {
        return false;
    };
    let unbounded = Link {
        budget_bps: u64::MAX,
        step_up_budget_bps: 0,
        may_step_up: false,
        ..link
    };
    choose_layer(layers, wanted_height, unbounded).is_some_and(|held| choice < held)
}

/// How long a link's congestion caps its step ups at first. The estimate
/// grows back to half again what is sent within seconds of a congestion,
/// whatever the link can carry (str0m does not probe), so without a memory
/// the SFU stepped a 500 kbit/s receiver up into the same wall every 10-15
/// s: each time a key frame, the link overfilled, a 400 ms round trip and a
/// frozen picture. A minute keeps a slow link steady; a link that was only
/// briefly congested waits that long for a sharper picture.
const CEILING_HOLD: Duration = Duration::from_secs(60);

/// A step up that the link refuses again soon after the cap lifts doubles
/// the hold, up to this. Five minutes between attempts on a link that is
/// truly slow; a link that improved gets its picture back by then.
const CEILING_HOLD_MAX: Duration = Duration::from_secs(300);

/// The video budget a receiver's link had when it last could not carry what
/// it was sent, remembered for a while: step ups (and new tracks) may plan
/// only within it, holding a layer is unaffected. The cap lifts after
/// [`CEILING_HOLD`], doubled for a link that congests again soon after.
#[derive(Clone, Copy, Debug, Default)]
pub struct StepUpCeiling {
    /// The budget step ups may plan with, and until when.
    cap: Option<(u64, Instant)>,
    /// How long the current (or last) cap holds.
    hold: Duration,
    /// When the last cap lifted.
    lifted_at: Option<Instant>,
}

impl StepUpCeiling {
    /// What step ups may plan with now, if the link's congestion is still
    /// remembered.
    pub fn limit(&mut self, now: Instant) -> Option<u64> {
        let (bps, until) = self.cap?;
        if now < until {
            return Some(bps);
        }
        self.cap = None;
        self.lifted_at = Some(until);
        None
    }

    /// The budget forced a step down: `budget_bps` is what the link carries
    /// for video now.
    pub fn congested(&mut self, budget_bps: u64, now: Instant) {
        if self.limit(now).is_some() {
            // Still congested under the cap: lower it, but do not prolong it.
            if let Some((bps, _)) = &mut self.cap {
                *bps = (*bps).min(budget_bps);
            }
            return;
        }
        // The link refused the step up that the lifted cap let through.
        let refused_again = self
            .lifted_at
            .is_some_and(|at| now.saturating_duration_since(at) < self.hold);
        self.hold = if refused_again {
            (self.hold * 2).min(CEILING_HOLD_MAX)
        } else {
            CEILING_HOLD
        };
        self.cap = Some((budget_bps, now + self.hold));
    }
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
            step_up_budget_bps: budget_bps,
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
    fn a_remembered_congestion_caps_step_ups_but_not_holding() {
        let l = three([true; 3]);
        let capped = |current, step_up_budget_bps| Link {
            step_up_budget_bps,
            ..on(10_000_000, current, 0.0, true)
        };
        assert_eq!(choose_layer(&l, 720, capped(0, 300_000)), Some(0));
        assert_eq!(choose_layer(&l, 720, capped(0, 700_000)), Some(1));
        assert_eq!(choose_layer(&l, 720, capped(2, 0)), Some(2), "held");
        let first = Link {
            current: None,
            ..capped(0, 300_000)
        };
        assert_eq!(choose_layer(&l, 720, first), Some(0), "a new track too");
    }

    #[test]
    fn only_the_budget_counts_as_congestion() {
        let l = three([true; 3]);
        let tight = on(200_000, 1, 0.0, true);
        let choice = choose_layer(&l, 720, tight);
        assert_eq!(choice, Some(0));
        assert!(stepped_down_by_budget(&l, 720, tight, choice));
        // A smaller tile, heavy loss, a layer gone: not the link's rate.
        let plenty = on(10_000_000, 1, 0.0, true);
        assert!(!stepped_down_by_budget(&l, 180, plenty, Some(0)));
        let lossy = on(10_000_000, 1, 0.15, true);
        assert!(!stepped_down_by_budget(&l, 720, lossy, Some(0)));
        let gone = three([true, false, false]);
        assert!(!stepped_down_by_budget(&gone, 720, plenty, Some(0)));
        assert!(!stepped_down_by_budget(&l, 720, plenty, Some(1)), "held");
    }

    #[test]
    fn the_ceiling_holds_then_lifts_and_doubles_for_a_link_that_refuses_again() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        let mut c = StepUpCeiling::default();
        assert_eq!(c.limit(t0), None);
        c.congested(400_000, t0);
        assert_eq!(c.limit(t0 + s(30)), Some(400_000));
        // Congested again under the cap: lower, not longer.
        c.congested(350_000, t0 + s(30));
        assert_eq!(c.limit(t0 + s(59)), Some(350_000));
        assert_eq!(c.limit(t0 + CEILING_HOLD), None);
        // The step up it let through fails: twice as long.
        let again = t0 + CEILING_HOLD + s(5);
        c.congested(380_000, again);
        assert_eq!(c.limit(again + CEILING_HOLD), Some(380_000));
        assert_eq!(c.limit(again + 2 * CEILING_HOLD), None);
        // Then up to the maximum, never beyond.
        let mut at = again + 2 * CEILING_HOLD;
        for _ in 0..5 {
            c.congested(380_000, at + s(1));
            at += s(1) + c.hold;
            assert_eq!(c.limit(at), None);
        }
        assert_eq!(c.hold, CEILING_HOLD_MAX);
        // A link that stayed fine for a whole hold starts over.
        c.congested(500_000, at + CEILING_HOLD_MAX);
        assert_eq!(c.hold, CEILING_HOLD);
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
