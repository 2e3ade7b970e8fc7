//! Waiting for background work (runs, message batches) to finish, by polling with a bounded
//! timeout. A wait that runs out of time is [`LettaError::WaitTimeout`]; the work itself goes on.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, run_id: letta_core::ids::RunId) -> Result<(), letta_core::LettaError> {
//! use std::time::Duration;
//! use letta_core::wait::WaitOptions;
//! let run = client.runs().wait(&run_id, &WaitOptions::within(Duration::from_secs(30))).await?;
//! println!("{}", run.status);
//! # Ok(()) }
//! ```

use std::future::Future;
use std::time::{Duration, Instant};

use crate::LettaError;
use crate::backoff::{Backoff, Jitter};

/// How long to wait and how often to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// Pause before the second look; it doubles after each look, up to `max_interval`.
    pub interval: Duration,
    /// Longest pause between two looks.
    pub max_interval: Duration,
}

impl Default for WaitOptions {
    /// Two minutes, looking after 200 ms and then at most every 2 s.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(120),
            interval: Duration::from_millis(200),
            max_interval: Duration::from_secs(2),
        }
    }
}

impl WaitOptions {
    /// The default pacing with another timeout.
    pub fn within(timeout: Duration) -> Self {
        Self {
            timeout,
            ..Self::default()
        }
    }
}

/// Calls `fetch` until `finished` says the item is done, returning it; `finished` also gives the
/// status to report if the time runs out.
pub(crate) async fn poll_until<T, F, Fut>(
    what: &'static str,
    id: &str,
    options: &WaitOptions,
    mut fetch: F,
    finished: impl Fn(&T) -> (bool, String),
) -> Result<T, LettaError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, LettaError>>,
{
    let started = Instant::now();
    let interval = options.interval.max(Duration::from_millis(1));
    let schedule = Backoff::new(interval, options.max_interval.max(interval), Jitter::None);
    let mut looks = 0u32;
    loop {
        let item = fetch().await?;
        let (done, status) = finished(&item);
        if done {
            return Ok(item);
        }
        let elapsed = started.elapsed();
        if elapsed >= options.timeout {
            return Err(LettaError::WaitTimeout {
                what,
                id: id.to_owned(),
                last_status: status,
                after: elapsed,
            });
        }
        looks = looks.saturating_add(1);
        tokio::time::sleep(schedule.delay(looks).min(options.timeout - elapsed)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[tokio::test]
    async fn returns_once_finished() {
        let looks = Cell::new(0);
        let options = WaitOptions {
            timeout: Duration::from_secs(5),
            interval: Duration::from_millis(1),
            max_interval: Duration::from_millis(2),
        };
        let got = poll_until(
            "run",
            "run-1",
            &options,
            || {
                looks.set(looks.get() + 1);
                std::future::ready(Ok::<_, LettaError>(looks.get()))
            },
            |n| (*n >= 3, format!("look {n}")),
        )
        .await
        .unwrap();
        assert_eq!(got, 3);
    }

    #[tokio::test]
    async fn a_timeout_names_the_last_status() {
        let options = WaitOptions {
            timeout: Duration::from_millis(20),
            interval: Duration::from_millis(5),
            max_interval: Duration::from_millis(5),
        };
        let err = poll_until(
            "run",
            "run-1",
            &options,
            || std::future::ready(Ok::<_, LettaError>(())),
            |_| (false, "running".to_owned()),
        )
        .await
        .unwrap_err();
        match err {
            LettaError::WaitTimeout {
                what,
                id,
                last_status,
                after,
            } => {
                assert_eq!(
                    (what, id.as_str(), last_status.as_str()),
                    ("run", "run-1", "running")
                );
                assert!(after >= Duration::from_millis(20));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
