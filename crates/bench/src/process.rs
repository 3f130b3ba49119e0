//! CPU time and memory of a process or thread, from Linux's `/proc`: the
//! server's own figures, so the load generator sharing the machine does not
//! distort them.

use std::process::Child;
use std::time::Duration;

/// A child process (a server under test) killed and reaped when dropped,
/// so a failed run leaves nothing behind.
pub struct KillOnDrop(pub Child);

impl std::ops::Deref for KillOnDrop {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for KillOnDrop {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Clock ticks per second of `/proc/*/stat` (`USER_HZ`); 100 on every Linux
/// this runs on (it is fixed by the kernel ABI, not by `CONFIG_HZ`).
const TICKS_PER_SECOND: u64 = 100;

/// User plus system CPU time of a process (`/proc/PID/stat`) or, with a
/// thread id, of one thread (`/proc/PID/task/TID/stat`).
pub fn cpu_time(pid: u32, tid: Option<u32>) -> Option<Duration> {
    // A thread's figure comes from `schedstat` in nanoseconds where the
    // kernel keeps it: a lightly loaded thread (the bare relay in a short
    // run) can spend less than one 10-ms tick, and a zero would void every
    // ratio against it.
    if let Some(ns) = tid.and_then(|tid| {
        std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/schedstat"))
            .ok()?
            .split_whitespace()
            .next()?
            .parse::<u64>()
            .ok()
    }) {
        return Some(Duration::from_nanos(ns));
    }
    let path = match tid {
        Some(tid) => format!("/proc/{pid}/task/{tid}/stat"),
        None => format!("/proc/{pid}/stat"),
    };
    let text = std::fs::read_to_string(path).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces:
    // count fields after its closing parenthesis.
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13
    // after the state field that follows the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis(
        (utime + stime) * 1000 / TICKS_PER_SECOND,
    ))
}

/// Memory a process holds for its own data, in KiB: its resident
/// anonymous and shared memory (`RssAnon` + `RssShmem` of
/// `/proc/PID/status`), which is what serving people costs. Its resident
/// file pages (`RssFile`: the program's code and libraries, paged in as
/// code first runs) are left out: they are a one-time cost, shared and
/// reclaimable, and charging them to the first dozens of subscribers made
/// a small scenario's figure mostly code (3 MB of 17 MB in
/// `small-meetings`). Kernels without those fields give `VmRSS`.
pub fn memory_kib(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    memory_from_status(&text)
}

fn memory_from_status(status: &str) -> Option<u64> {
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
    };
    match (field("RssAnon:"), field("RssShmem:")) {
        (Some(anon), shmem) => Some(anon + shmem.unwrap_or(0)),
        (None, _) => field("VmRSS:"),
    }
}

/// The calling thread's id (for [`cpu_time`] of a relay thread).
pub fn thread_id() -> u32 {
    std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|p| p.file_name()?.to_str()?.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process_and_thread() {
        let pid = std::process::id();
        // Burn a little CPU so the counters move off zero.
        let mut x = 0u64;
        let start = std::time::Instant::now();
        while start.elapsed() < Duration::from_millis(50) {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        assert!(x != 1);
        assert!(cpu_time(pid, None).is_some());
        assert!(cpu_time(pid, Some(thread_id())).is_some());
        assert!(memory_kib(pid).is_some_and(|k| k > 0));
        assert!(cpu_time(u32::MAX, None).is_none());
    }

    #[test]
    fn memory_counts_the_process_data_not_its_code() {
        let status = "Name:\tconclave\nVmRSS:\t   34412 kB\nRssAnon:\t   15840 kB\n\
                      RssFile:\t   18572 kB\nRssShmem:\t      12 kB\n";
        assert_eq!(memory_from_status(status), Some(15852));
        // An old kernel without the split: the whole resident set.
        assert_eq!(memory_from_status("VmRSS:\t 900 kB\n"), Some(900));
        assert_eq!(memory_from_status("Name:\tx\n"), None);
    }
}
