//! CPU time and peak memory of the current process, from `/proc` (Linux only).

use std::time::Duration;

/// CPU time (user + system) used so far by all live threads of this process.
///
/// It sums `/proc/self/task/*/schedstat` (nanoseconds on CPU) rather than reading
/// `/proc/self/stat`, whose clock-tick resolution (10 ms) is too coarse for one-second runs.
/// Time of threads that have already exited is not counted; the benches keep their threads.
pub fn process_cpu() -> Duration {
    let mut total = 0u64;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) else {
                continue;
            };
            total += text
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Duration::from_nanos(total)
}

/// Context switches (voluntary and not) of all live threads of this process so far: a client
/// that makes its threads sleep and wake more per request pays for it in kernel time.
pub fn context_switches() -> u64 {
    let mut total = 0u64;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let Ok(text) = std::fs::read_to_string(task.path().join("status")) else {
                continue;
            };
            total += text
                .lines()
                .filter(|l| {
                    l.starts_with("voluntary_ctxt_switches:") || l.starts_with("nonvoluntary_ctxt_switches:")
                })
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>();
        }
    }
    total
}

/// A `kB` field of `/proc/self/status`, in bytes.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kb * 1024)
}

/// Peak resident set size of this process so far (`VmHWM`), in bytes.
pub fn peak_rss() -> Option<u64> {
    status_kb("VmHWM:")
}

/// Current resident set size (`VmRSS`), in bytes.
pub fn current_rss() -> Option<u64> {
    status_kb("VmRSS:")
}
