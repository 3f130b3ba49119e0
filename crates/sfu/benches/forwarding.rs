//! The per-packet path, without sockets: meetings of simulated clients (the
//! same in-memory network as the simulated-meeting tests) run on a fake
//! clock, and only the real time spent inside the SFU's calls is measured,
//! per datagram the SFU sends. Everyone publishes audio and three simulcast
//! layers, so a packet's cost shows how it grows with the meeting.
//!
//! `cargo bench -p conclave-sfu --bench forwarding`

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use support::Net;

/// Meeting sizes measured: a call, a team meeting, a class.
const SIZES: [u64; 3] = [4, 8, 16];
/// Simulated time before measuring: every peer connected, layers chosen.
const SETTLE: Duration = Duration::from_secs(3);

fn forwarding(c: &mut Criterion) {
    let mut group = c.benchmark_group("sfu time per datagram sent");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    for size in SIZES {
        let mut net = Net::new(size);
        net.run(SETTLE);
        assert!(net.sfu_sent > 0, "the meeting of {size} forwarded nothing");
        group.bench_function(format!("all on camera, {size} people"), |b| {
            b.iter_custom(|iters| {
                let (busy, sent) = (net.sfu_busy, net.sfu_sent);
                while net.sfu_sent - sent < iters {
                    net.step();
                }
                // Steps end between datagrams: scale to exactly `iters`.
                let per = (net.sfu_busy - busy).as_secs_f64() / (net.sfu_sent - sent) as f64;
                Duration::from_secs_f64(per * iters as f64)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, forwarding);
criterion_main!(benches);
