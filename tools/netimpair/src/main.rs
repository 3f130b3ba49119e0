//! Holds each packet an iptables `NFQUEUE` rule hands it for DELAY ± JITTER
//! milliseconds, drops a share LOSS of them, and lets the rest through:
//! what `tc … netem delay … loss …` does, for kernels built without
//! `sch_netem`. Per-packet random delay reorders packets, as netem does.
//!
//! Example, in a router namespace, impairing what goes to 10.0.0.2:
//!   iptables -A FORWARD -d 10.0.0.2 -j NFQUEUE --queue-num 3
//!   netimpair --queue 3 --delay-ms 80 --jitter-ms 20 --loss 0.05

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::io::ErrorKind;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Parser;
use nfq::{Queue, Verdict};
use rand::Rng as _;

#[derive(Parser)]
struct Args {
    /// The NFQUEUE number the iptables rule sends packets to.
    #[arg(long)]
    queue: u16,
    /// Mean added delay.
    #[arg(long, default_value_t = 0)]
    delay_ms: u64,
    /// Uniform spread around the mean: DELAY ± JITTER.
    #[arg(long, default_value_t = 0)]
    jitter_ms: u64,
    /// Share of packets dropped, 0 to 1.
    #[arg(long, default_value_t = 0.0)]
    loss: f64,
}

/// Packets held at once. At a meeting's few thousand packets per second
/// and 100 ms of delay a few hundred are in flight; beyond this the kernel
/// lets packets through undelayed (fail open) rather than stall the link.
const MAX_HELD: u32 = 8192;

/// How long to sleep when nothing is due and nothing arrived: short enough
/// that release times stay within a millisecond of their target.
const IDLE: Duration = Duration::from_micros(200);

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        (0.0..=1.0).contains(&args.loss),
        "--loss is a share between 0 and 1"
    );
    anyhow::ensure!(
        args.jitter_ms <= args.delay_ms,
        "--jitter-ms cannot exceed --delay-ms"
    );
    let mut queue = Queue::open().context("opening NFQUEUE (needs root or CAP_NET_ADMIN)")?;
    queue.bind(args.queue).context("binding the queue")?;
    queue.set_queue_max_len(args.queue, MAX_HELD)?;
    queue.set_fail_open(args.queue, true)?;
    queue.set_nonblocking(true);
    let mut rng = rand::rng();
    // Release times (with a counter that keeps equal times in arrival
    // order), and the packets they release.
    let mut due: BinaryHeap<Reverse<(Instant, u64)>> = BinaryHeap::new();
    let mut held: HashMap<u64, nfq::Message> = HashMap::new();
    let mut order = 0u64;
    loop {
        let now = Instant::now();
        while due.peek().is_some_and(|Reverse((at, _))| *at <= now) {
            if let Some(Reverse((_, n))) = due.pop()
                && let Some(mut msg) = held.remove(&n)
            {
                msg.set_verdict(Verdict::Accept);
                queue.verdict(msg)?;
            }
        }
        match queue.recv() {
            Ok(mut msg) => {
                if args.loss > 0.0 && rng.random_bool(args.loss) {
                    msg.set_verdict(Verdict::Drop);
                    queue.verdict(msg)?;
                    continue;
                }
                let spread = if args.jitter_ms > 0 {
                    rng.random_range(0..=2 * args.jitter_ms)
                } else {
                    0
                };
                let delay = Duration::from_millis(args.delay_ms - args.jitter_ms + spread);
                if delay.is_zero() {
                    msg.set_verdict(Verdict::Accept);
                    queue.verdict(msg)?;
                } else {
                    order += 1;
                    due.push(Reverse((now + delay, order)));
                    held.insert(order, msg);
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => std::thread::sleep(IDLE),
            Err(e) => return Err(e).context("reading the queue"),
        }
    }
}
