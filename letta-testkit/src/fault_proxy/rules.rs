//! Which requests get which fault: rules, their matching, and their budgets.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

/// A fault the proxy injects into one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Read the whole request, then reset the client connection without forwarding it: the
    /// server never saw the request.
    ResetBeforeForward,
    /// Forward the whole request, wait for the upstream's whole response (so the server did
    /// the work, streamed or not), then reset the client connection: the client cannot know
    /// the outcome.
    ResetAfterForward,
    /// Wait this long, then forward normally.
    Delay(Duration),
    /// Answer `status` without forwarding, with a small JSON body
    /// `{"detail":"injected fault"}` and the given `Retry-After` / `retry-after-ms` headers.
    Status {
        /// The HTTP status code (e.g. 429 or 503).
        status: u16,
        /// The `Retry-After` header value (seconds or an HTTP date), if any.
        retry_after: Option<String>,
        /// The `retry-after-ms` header value, if any.
        retry_after_ms: Option<u64>,
    },
    /// Forward, but if the response is a `text/event-stream`, close the connection after
    /// this many complete SSE events (so no `[DONE]` arrives if the stream had more). A
    /// chunked stream is cut without its terminating chunk, so the client sees an incomplete
    /// body; other responses pass unchanged.
    CutStreamAfter {
        /// Complete events to let through before the cut.
        events: usize,
    },
    /// Like [`Fault::CutStreamAfter`], but end the body well-formed after this many events
    /// (with its final chunk), so the stream looks complete at the HTTP level and only the
    /// missing `[DONE]` shows it was cut short.
    EndStreamAfter {
        /// Complete events to let through before the end.
        events: usize,
    },
}

/// What a rule sees of a request when deciding whether it matches.
#[derive(Debug, Clone)]
pub struct RequestInfo {
    /// The method, e.g. `"POST"`.
    pub method: String,
    /// The path without the query, e.g. `"/v1/agents/agent-1/messages"`.
    pub path: String,
    /// The query string without `?`, if any.
    pub query: Option<String>,
    /// The request body as sent (still chunked if the client chunked it).
    pub body: Bytes,
}

/// A predicate over requests, for matches a method and path cannot express.
type Predicate = Arc<dyn Fn(&RequestInfo) -> bool + Send + Sync>;

/// How many matching requests a rule faults.
#[derive(Debug, Clone, Copy)]
enum Budget {
    /// The next this many matching requests.
    Times(usize),
    /// Every matching request.
    Always,
    /// Each matching request with probability `p`, drawn from a seeded generator so a given
    /// sequence of matching requests is faulted the same way on every run.
    Probability { p: f64, rng: XorShift },
}

/// One fault rule: which requests (method, path, predicate) and how many of them (budget)
/// get which [`Fault`].
///
/// By default a rule matches every request and applies once:
///
/// ```
/// use letta_testkit::fault_proxy::{Fault, FaultRule};
/// let rule = FaultRule::new(Fault::ResetAfterForward)
///     .method("POST")
///     .path("/v1/agents/*/messages")
///     .probability(0.2, 42);
/// # let _ = rule;
/// ```
#[derive(Clone)]
pub struct FaultRule {
    fault: Fault,
    method: Option<String>,
    /// Path segments to match; `*` matches any one segment.
    segments: Vec<String>,
    /// Whether more request segments may follow the pattern's.
    prefix: bool,
    when: Option<Predicate>,
    budget: Budget,
}

impl fmt::Debug for FaultRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaultRule")
            .field("fault", &self.fault)
            .field("method", &self.method)
            .field("segments", &self.segments)
            .field("prefix", &self.prefix)
            .field("when", &self.when.as_ref().map(|_| "<predicate>"))
            .field("budget", &self.budget)
            .finish()
    }
}

impl FaultRule {
    /// A rule injecting `fault` into the next request of any method and path.
    #[must_use]
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            fault,
            method: None,
            segments: Vec::new(),
            prefix: true,
            when: None,
            budget: Budget::Times(1),
        }
    }

    /// Only requests with this method (case-insensitive).
    #[must_use]
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Only requests whose path is exactly `pattern`, segment by segment, where a `*`
    /// segment matches any one segment; a trailing slash is ignored on both sides.
    #[must_use]
    pub fn path(mut self, pattern: &str) -> Self {
        self.segments = segments(pattern).map(str::to_owned).collect();
        self.prefix = false;
        self
    }

    /// Only requests whose path starts with the segments of `pattern` (`*` as in
    /// [`FaultRule::path`]): `"/v1/agents"` matches `/v1/agents/` and `/v1/agents/x/messages`.
    #[must_use]
    pub fn path_prefix(mut self, pattern: &str) -> Self {
        self.segments = segments(pattern).map(str::to_owned).collect();
        self.prefix = true;
        self
    }

    /// Only requests for which `predicate` is true (on top of method and path).
    #[must_use]
    pub fn when(mut self, predicate: impl Fn(&RequestInfo) -> bool + Send + Sync + 'static) -> Self {
        self.when = Some(Arc::new(predicate));
        self
    }

    /// Apply to the next `n` matching requests, then never again.
    #[must_use]
    pub fn times(mut self, n: usize) -> Self {
        self.budget = Budget::Times(n);
        self
    }

    /// Apply to every matching request.
    #[must_use]
    pub fn always(mut self) -> Self {
        self.budget = Budget::Always;
        self
    }

    /// Apply to each matching request with probability `p` (clamped to 0..=1), drawn from a
    /// generator seeded with `seed`. The n-th matching request gets the same decision on every
    /// run; which request is n-th depends on arrival order when requests run concurrently.
    #[must_use]
    pub fn probability(mut self, p: f64, seed: u64) -> Self {
        self.budget = Budget::Probability {
            p: p.clamp(0.0, 1.0),
            rng: XorShift::new(seed),
        };
        self
    }

    /// The fault this rule injects.
    #[must_use]
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    fn matches(&self, request: &RequestInfo) -> bool {
        if self
            .method
            .as_ref()
            .is_some_and(|m| !m.eq_ignore_ascii_case(&request.method))
        {
            return false;
        }
        let path: Vec<&str> = segments(&request.path).collect();
        let long_enough = if self.prefix {
            path.len() >= self.segments.len()
        } else {
            path.len() == self.segments.len()
        };
        long_enough
            && self
                .segments
                .iter()
                .zip(&path)
                .all(|(want, got)| want == "*" || want == got)
            && self.when.as_ref().is_none_or(|p| p(request))
    }

    /// Whether this rule faults `request`, spending its budget if so.
    pub(super) fn take(&mut self, request: &RequestInfo) -> bool {
        if !self.matches(request) {
            return false;
        }
        match &mut self.budget {
            Budget::Times(0) => false,
            Budget::Times(n) => {
                *n -= 1;
                true
            }
            Budget::Always => true,
            Budget::Probability { p, rng } => rng.next_f64() < *p,
        }
    }
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// xorshift64*: a tiny, seedable generator; statistical quality is ample for picking
/// requests to fault.
#[derive(Debug, Clone, Copy)]
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        // The all-zero state is a fixed point; any other constant will do.
        XorShift(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }

    fn next_f64(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        let out = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
        // The top 53 bits give a uniform value in [0, 1).
        (out >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, path: &str) -> RequestInfo {
        RequestInfo {
            method: method.into(),
            path: path.into(),
            query: None,
            body: Bytes::new(),
        }
    }

    #[test]
    fn matches_method_and_path_pattern() {
        let mut rule = FaultRule::new(Fault::ResetBeforeForward)
            .method("post")
            .path("/v1/agents/*/messages")
            .always();
        assert!(rule.take(&req("POST", "/v1/agents/agent-1/messages")));
        assert!(rule.take(&req("POST", "/v1/agents/agent-1/messages/")));
        assert!(!rule.take(&req("GET", "/v1/agents/agent-1/messages")));
        assert!(!rule.take(&req("POST", "/v1/agents/agent-1/messages/stream")));
        assert!(!rule.take(&req("POST", "/v1/agents/")));
    }

    #[test]
    fn prefix_and_predicate() {
        let mut rule = FaultRule::new(Fault::ResetBeforeForward)
            .path_prefix("/v1/agents")
            .when(|r| r.method != "DELETE")
            .always();
        assert!(rule.take(&req("GET", "/v1/agents/")));
        assert!(rule.take(&req("POST", "/v1/agents/a/messages/stream")));
        assert!(!rule.take(&req("DELETE", "/v1/agents/a")));
        assert!(!rule.take(&req("GET", "/v1/tools/")));
    }

    #[test]
    fn times_budget_runs_out() {
        let mut rule = FaultRule::new(Fault::ResetBeforeForward).times(2);
        let hits = (0..5).filter(|_| rule.take(&req("GET", "/"))).count();
        assert_eq!(hits, 2);
    }

    #[test]
    fn probability_is_reproducible_and_near_p() {
        let run = |seed| {
            let mut rule = FaultRule::new(Fault::ResetBeforeForward).probability(0.2, seed);
            (0..1000).map(|_| rule.take(&req("GET", "/"))).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let hits = run(7).iter().filter(|h| **h).count();
        assert!((150..250).contains(&hits), "{hits}");
    }
}
