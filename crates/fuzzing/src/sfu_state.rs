//! The SFU's own per-packet reading and state: the VP8 payload descriptor
//! (the only payload bytes it reads), the sequence/timestamp rewriter fed
//! with header values a publisher chooses, and the layer selector fed with
//! what receivers report.

use std::time::{Duration, Instant};

use conclave_sfu::layers::{
    BitrateMeter, LayerStatus, Link, StepUpCeiling, choose_layer, stepped_down_by_budget,
};
use conclave_sfu::rewrite::Rewriter;
use conclave_sfu::vp8::{PictureNumbers, starts_keyframe};
use str0m::rtp::Vp8Descriptor;

use crate::input::Input;

/// Reads a payload as the SFU does. A key frame start is a property of the
/// first bytes only: more bytes after them never change the answer. The
/// picture renumbering, switched on one descriptor and patching another,
/// never panics.
pub fn vp8_descriptor(data: &[u8]) {
    if starts_keyframe(data) {
        assert_eq!(data[0] & 0x17, 0x10, "S=1, PID=0");
        let mut longer = data.to_vec();
        longer.extend_from_slice(&[0xff; 8]);
        assert!(starts_keyframe(&longer));
    }
    let mut numbers = PictureNumbers::default();
    let (first, second) = data.split_at(data.len() / 2);
    let (Ok(first), Ok(second)) = (Vp8Descriptor::parse(first), Vp8Descriptor::parse(second))
    else {
        return;
    };
    numbers.switch(&first);
    let _ = numbers.patch(&first);
    numbers.switch(&second);
    let _ = numbers.patch(&second);
}

/// Layer switches and packets with sequence numbers and timestamps chosen
/// by the publisher, at times chosen by the network; layer choices for
/// tile sizes and bandwidth estimates chosen by a receiver.
pub fn rtp_rewrite(data: &[u8]) {
    let mut input = Input::new(data);
    let start = Instant::now();
    let mut now = start;
    let clock_rate = if input.bool() { 90_000 } else { 48_000 };
    let mut rewriter = Rewriter::new(clock_rate);
    let mut meters = [BitrateMeter::new(now); 3];
    let mut ceiling = StepUpCeiling::default();
    let mut last_congestion = None;
    let mut last_out: Option<u64> = None;
    // str0m extends RTP's 16-bit sequence numbers with a 32-bit rollover
    // counter: 48 bits at most, so the rewriter's u64 output never wraps.
    let seq = |input: &mut Input| input.u64() & ((1 << 48) - 1);
    while !input.is_empty() {
        match input.u8() % 5 {
            0 => {
                // The SFU switches at a key frame, and writes that packet
                // at once: it must follow the last one sent without a gap.
                let (seq, ts) = (seq(&mut input), input.u32());
                rewriter.switch(seq, ts, now);
                let (out, _) = rewriter.rewrite(seq, ts, now).expect("switch packet");
                if let Some(last) = last_out {
                    assert_eq!(out, last + 1, "gap at a layer switch");
                }
                last_out = Some(out);
            }
            1 => {
                let (seq, ts) = (seq(&mut input), input.u32());
                if let Some((out, _)) = rewriter.rewrite(seq, ts, now) {
                    last_out = Some(last_out.map_or(out, |l| l.max(out)));
                }
            }
            2 => now += Duration::from_millis(u64::from(input.u32())),
            3 => {
                let layer = input.below(meters.len());
                let bytes = usize::from(input.u16());
                meters[layer].record(bytes, now);
            }
            _ => {
                let active = input.u8();
                let count = 1 + input.below(meters.len());
                let layers: Vec<LayerStatus> = (0..count)
                    .map(|i| LayerStatus {
                        active: active & (1 << i) != 0,
                        bitrate_bps: meters[i].bps(),
                        height: input.bool().then(|| input.u32()),
                    })
                    .collect();
                let (height, budget) = (input.u32(), input.u64());
                let link = Link {
                    budget_bps: budget,
                    step_up_budget_bps: input.u64(),
                    // Any layer index, even one past the end (a track that
                    // lost layers since the last choice).
                    current: input.bool().then(|| input.below(4)),
                    loss: f32::from(input.u8()) / 255.0,
                    may_step_up: input.bool(),
                };
                let choice = choose_layer(&layers, height, link);
                // Must not panic on any layer set, even a stale current one;
                // a cap is never above the latest congestion's budget.
                if stepped_down_by_budget(&layers, height, link, choice) {
                    ceiling.congested(budget, now);
                    last_congestion = Some(budget);
                }
                if let Some(cap) = ceiling.limit(now) {
                    assert!(last_congestion.is_some_and(|b| cap <= b));
                }
                match choice {
                    Some(i) => {
                        assert!(i < count && layers[i].active);
                        assert!(height > 0);
                    }
                    None => assert!(height == 0 || layers.iter().all(|l| !l.active)),
                }
            }
        }
    }
}
