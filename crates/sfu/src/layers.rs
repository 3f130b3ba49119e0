//! Which simulcast layer each receiver gets. Pure functions of what the
//! receiver asked for (the size of its tile) and what it can take (its
//! bandwidth estimate); the forwarding code applies the answer only at the
//! next key frame of the chosen layer.

use std::time::{Duration, Instant};

/// The web client publishes layers at 1/4, 1/2 and full size of a capture of
/// at most 720 lines, lowest first (see docs/signaling.md). The SFU cannot
/// read frame sizes from encrypted payloads, so it relies on that contract.
const TOP_LAYER_HEIGHT: u32 = 720;

/// A layer with no packet for this long is treated as gone (the browser stops
/// sending upper layers when its CPU or uplink is short). 1.5 s is a few
/// frame intervals even at low frame rates, yet short enough that a receiver
/// falls back before its picture freezes for long.
pub const LAYER_INACTIVE_AFTER: Duration = Duration::from_millis(1500);

/// What the selector knows of one incoming layer.
#[derive(Clone, Copy, Debug, Default)]
pub struct LayerStatus {
    pub active: bool,
    pub bitrate_bps: u64,
}

/// Nominal height of layer `index` out of `count` layers.
fn nominal_height(index: usize, count: usize) -> u32 {
    let halvings = (count - 1 - index) as u32;
    TOP_LAYER_HEIGHT >> halvings.min(8)
}

/// Chooses a layer for a tile `wanted_height` pixels tall (physical pixels)
/// within `budget_bps`. Returns `None` when the tile is hidden or no layer is
/// arriving at all.
pub fn choose_layer(layers: &[LayerStatus], wanted_height: u32, budget_bps: u64) -> Option<usize> {
    if wanted_height == 0 || layers.is_empty() {
        return None;
    }
    let count = layers.len();
    // The smallest layer at least as tall as the tile, so it is never upscaled
    // more than necessary; the top layer when the tile is bigger than all.
    let by_size = (0..count)
        .find(|&i| nominal_height(i, count) >= wanted_height)
        .unwrap_or(count - 1);
    // Step down while the layer does not fit the budget; the lowest layer is
    // always allowed so a congested receiver sees a small picture, not none.
    let mut choice = by_size;
    while choice > 0 && layers[choice].bitrate_bps > budget_bps {
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
        })
    }

    #[test]
    fn tile_size_picks_the_layer() {
        let l = three([true; 3]);
        assert_eq!(choose_layer(&l, 0, u64::MAX), None, "hidden tile");
        assert_eq!(choose_layer(&l, 120, u64::MAX), Some(0));
        assert_eq!(choose_layer(&l, 180, u64::MAX), Some(0));
        assert_eq!(choose_layer(&l, 300, u64::MAX), Some(1));
        assert_eq!(choose_layer(&l, 700, u64::MAX), Some(2));
        assert_eq!(choose_layer(&l, 2000, u64::MAX), Some(2));
    }

    #[test]
    fn bandwidth_caps_the_layer_but_never_below_the_lowest() {
        let l = three([true; 3]);
        assert_eq!(choose_layer(&l, 720, 600_000), Some(1));
        assert_eq!(choose_layer(&l, 720, 200_000), Some(0));
        assert_eq!(choose_layer(&l, 720, 10_000), Some(0));
    }

    #[test]
    fn missing_layers_fall_back_to_what_arrives() {
        assert_eq!(
            choose_layer(&three([true, true, false]), 720, u64::MAX),
            Some(1)
        );
        assert_eq!(
            choose_layer(&three([false, false, true]), 120, u64::MAX),
            Some(2)
        );
        assert_eq!(choose_layer(&three([false; 3]), 720, u64::MAX), None);
    }

    #[test]
    fn single_layer_tracks_always_forward_when_shown() {
        let l = [LayerStatus {
            active: true,
            bitrate_bps: 2_000_000,
        }];
        assert_eq!(choose_layer(&l, 100, 1), Some(0));
        assert_eq!(choose_layer(&l, 0, 1), None);
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
