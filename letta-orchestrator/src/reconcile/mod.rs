//! Sends that never duplicate or lose an agent turn, and say what is known when they fail.
//!
//! A send runs an agent step, and Letta 0.7.x does not deduplicate repeated sends. So a send is
//! never simply retried. Each message gets a client-made `otid`, the same on every attempt, and
//! a failed attempt is classified by what it proves:
//!
//! - **Nothing was sent** (the connection failed before the request was written): the send is
//!   made again after a jittered, capped exponential backoff, for as long as
//!   [`ReconcileConfig::unreachable_deadline`] allows (default 30 s, so a short outage is ridden
//!   out instead of using up every resend at once).
//! - **The server refused it** (a 4xx other than 408 and 429): it did not run; returned at once.
//! - **It may have run** (a timeout, a connection lost after the request was written, a 5xx,
//!   408 or 429, an answer that does not decode): the agent's recent history is searched for
//!   the `otid`. A history read that fails (the server is down) only means "not known yet": it
//!   is repeated with the same backoff until [`ReconcileConfig::reconcile_deadline`] (default
//!   180 s, enough to ride out a server restart of a minute or two).
//!   - found with the agent's reply: the turn happened; its messages are returned;
//!   - found without a reply even after [`ReconcileConfig::grace`]: the turn ran but ended
//!     without a reply;
//!   - not found, still not after the grace period (a request in flight could land late): the
//!     turn did not happen, and the message is sent again (at most
//!     [`ReconcileConfig::max_resends`] times).
//!
//! # Outcomes, and what to do with each
//!
//! | result | meaning | what to do |
//! | --- | --- | --- |
//! | `Ok(`[`Turn`]`)`, source [`TurnSource::Answered`] | the server answered | use the reply |
//! | `Ok(`[`Turn`]`)`, source [`TurnSource::Recovered`] | the answer was lost; the turn was read back from the history | use the reply |
//! | `Err(`[`SendError::NotSent`]`)` | provably not run | send again (same `otid`) once the server is back |
//! | `Err(`[`SendError::Unknown`]`)` | may have run; the history could not be read in time | **settle it with [`ReconcilingSender::settle`] before resending** |
//! | `Err(`[`SendError::Refused`]`)` | the server refused it (4xx); not run | fix the cause |
//! | `Err(`[`SendError::NoReply`]`)` | it ran, but the turn has no reply | do not resend; inspect the turn |
//! | `Err(`[`SendError::InvalidInput`]`)` | nothing was sent | fix the request |
//!
//! An unknown outcome carries the agent, the `otid` and the send's own error (never a history
//! lookup's; the last lookup error is kept beside it). A batch job records those and, on
//! resume, calls [`ReconcilingSender::settle`]: the turn ([`Settled::Recovered`]), a turn
//! without reply ([`Settled::NoReply`]), or [`Settled::NotFound`] (safe to send again); an
//! `Err` there means the history still cannot be read.
//!
//! ```no_run
//! use letta_orchestrator::layers::RecommendedLayers;
//! use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender, SendError, Settled};
//! use letta_orchestrator::Replies;
//!
//! # async fn run(agent: letta_core::ids::AgentId) -> Result<(), Box<dyn std::error::Error>> {
//! let client = letta_core::LettaClient::builder().recommended_layers().build()?;
//! let sender = ReconcilingSender::new(client, ReconcileConfig::default());
//! match sender.send(&agent, letta_core::types::MessageCreate::user("Hi")).await {
//!     Ok(turn) => println!("{:?} ({:?})", turn.assistant_texts(), turn.source),
//!     Err(SendError::Unknown { agent_id, otid, .. }) => {
//!         // Keep (agent_id, otid); later, once the server is back, settle before resending:
//!         match sender.settle(&agent_id, &otid).await? {
//!             Settled::Recovered(turn) => println!("it ran: {} messages", turn.messages.len()),
//!             Settled::NotFound => println!("it did not run: safe to send again"),
//!             other => println!("it ran without a reply: {other:?}"),
//!         }
//!     }
//!     Err(error) if error.is_safe_to_resend() => println!("did not run: {error}"),
//!     Err(error) => return Err(error.into()),
//! }
//! # Ok(()) }
//! ```

mod answer;
mod error;
mod history;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use letta_core::ids::AgentId;
use letta_core::types::{LettaMessage, LettaRequest, MessageCreate};
use letta_core::{FailureClass, LettaClient, LettaError};
use tokio::time::Instant;

pub use error::SendError;
pub use history::Settled;

use crate::layers::retry::{Backoff, Jitter};
use crate::turn::{Turn, TurnSource};
use history::Found;

/// How hard to try. The defaults ride out a server restart of a minute or two.
#[derive(Debug, Clone, PartialEq)]
pub struct ReconcileConfig {
    /// Sends after the first one made because the agent's history proved the previous attempt
    /// did not run. Default 3. (Resends after connection failures are bounded by
    /// [`unreachable_deadline`](Self::unreachable_deadline) instead.)
    pub max_resends: u32,
    /// How many recent stored messages to search for the `otid`. Default 60.
    pub lookback: u32,
    /// How long the history must show the message missing (or without a reply) before that is
    /// believed, so a request in flight can land and a started turn can finish. Counted from
    /// the first successful history read. Default 3 s.
    ///
    /// 0.7.x stores a turn's messages (the user's included) only when its step ends, so after a
    /// call timeout a step still running on the server looks like a missing message. Keep the
    /// client's call timeout well above the longest step (the default 300 s is), or raise this
    /// to cover what may remain of a step after a timeout; otherwise such a message is sent again.
    pub grace: Duration,
    /// How long, from the failure that made the outcome unknown, the history is read (with
    /// backoff) before the send is reported [`SendError::Unknown`]. Default 180 s.
    pub reconcile_deadline: Duration,
    /// How long a send keeps being made again while the server cannot be reached (the
    /// connection fails before anything is sent), counted from the first such failure in a
    /// row; then it is reported [`SendError::NotSent`]. Default 30 s.
    pub unreachable_deadline: Duration,
    /// The ceiling of the first backoff delay (between history reads that failed, and between
    /// sends that could not connect); it doubles each time. Default 250 ms.
    pub backoff_base: Duration,
    /// The most a backoff delay can be. Default 5 s.
    pub backoff_max: Duration,
    /// How backoff delays are randomised. Default [`Jitter::Full`].
    pub jitter: Jitter,
}

impl Default for ReconcileConfig {
    fn default() -> Self {
        Self {
            max_resends: 3,
            lookback: 60,
            grace: Duration::from_secs(3),
            reconcile_deadline: Duration::from_secs(180),
            unreachable_deadline: Duration::from_secs(30),
            backoff_base: Duration::from_millis(250),
            backoff_max: Duration::from_secs(5),
            jitter: Jitter::Full,
        }
    }
}

/// A send about to be repeated, as reported to [`ReconcilingSender::send_observed`].
#[derive(Debug)]
#[non_exhaustive]
pub struct Resend<'a> {
    /// The agent the message goes to.
    pub agent_id: &'a AgentId,
    /// The message's `otid`, the same on every attempt.
    pub otid: &'a str,
    /// Which resend this is: 1 for the first repeat.
    pub attempt: u32,
    /// The failure of the previous attempt.
    pub error: &'a LettaError,
    /// Whether the agent's history was searched first (the previous attempt may have reached the
    /// server); `false` when the connection provably failed before the request was sent.
    pub reconciled: bool,
}

/// Sends messages to agents with reconciliation (see the module docs). Cheap to clone; clones
/// share the backoff's random source.
#[derive(Debug, Clone)]
pub struct ReconcilingSender {
    client: LettaClient,
    config: ReconcileConfig,
    backoff: Backoff,
}

/// What a failed attempt proves.
enum Class {
    /// The connection failed before anything was sent.
    NotSent,
    /// The server refused the request.
    Refused,
    /// The request was rejected before sending.
    Invalid,
    /// It may have run.
    MaybeRan,
}

/// What reconciling one attempt that may have run concluded.
/// How a send that may have run is found in the agent's history.
#[derive(Clone, Copy)]
enum Lookup<'a> {
    /// By the `otid` of its first message.
    Otid,
    /// An answer to pending tool calls, which the server stores without its `otid`: by the call
    /// IDs it answers.
    Answer(&'a std::collections::HashSet<String>),
}

impl Lookup<'_> {
    /// The recovered turn, from what the lookup found.
    fn turn(self, found: Vec<LettaMessage>) -> Turn {
        match self {
            // The history from the request's own message on: the turn starts after it.
            Lookup::Otid => Turn::recovered(found),
            // The messages after the answer already.
            Lookup::Answer(_) => Turn::new(found, TurnSource::Recovered),
        }
    }
}

enum Reconciled {
    Turn(Vec<LettaMessage>),
    WithoutReply(Vec<LettaMessage>),
    /// The history shows it did not run.
    Absent,
    /// The history could not be read before the deadline.
    Unknown(Option<Box<LettaError>>),
}

impl ReconcilingSender {
    /// A sender over `client` (whose layers still apply; a retry layer never repeats a send).
    pub fn new(client: LettaClient, config: ReconcileConfig) -> Self {
        let backoff = Backoff::new(config.backoff_base, config.backoff_max, config.jitter);
        Self {
            client,
            config,
            backoff,
        }
    }

    /// The client sends go through.
    pub fn client(&self) -> &LettaClient {
        &self.client
    }

    /// The configuration in effect.
    pub fn config(&self) -> &ReconcileConfig {
        &self.config
    }

    /// Sends one message and returns the turn it caused, exactly once.
    pub async fn send(&self, agent: impl Into<AgentId>, message: MessageCreate) -> Result<Turn, SendError> {
        self.send_observed(agent, message, |_| {}).await
    }

    /// Like [`ReconcilingSender::send`], and calls `on_resend` before each repeat of the send, so
    /// callers can count or log resends (progress reporting, metrics).
    pub async fn send_observed<F>(
        &self,
        agent: impl Into<AgentId>,
        message: MessageCreate,
        on_resend: F,
    ) -> Result<Turn, SendError>
    where
        F: FnMut(&Resend<'_>) + Send,
    {
        self.send_request_observed(agent, LettaRequest::new([message]), on_resend)
            .await
    }

    /// Sends a request (its messages form one turn) and returns the turn it caused, exactly once.
    ///
    /// The first message carries the `otid` that identifies the turn (one is made when it has
    /// none). The request's `use_assistant_message` choice also applies to the history lookup,
    /// so a recovered turn has the same shape as an answered one.
    pub async fn send_request(
        &self,
        agent: impl Into<AgentId>,
        request: LettaRequest,
    ) -> Result<Turn, SendError> {
        self.send_request_observed(agent, request, |_| {}).await
    }

    /// Like [`ReconcilingSender::send_request`], and calls `on_resend` before each repeat.
    pub async fn send_request_observed<F>(
        &self,
        agent: impl Into<AgentId>,
        mut request: LettaRequest,
        mut on_resend: F,
    ) -> Result<Turn, SendError>
    where
        F: FnMut(&Resend<'_>) + Send,
    {
        let agent_id = &agent.into();
        let Some(first) = request.messages.first_mut() else {
            return Err(SendError::InvalidInput {
                agent_id: agent_id.clone(),
                error: LettaError::InvalidInput("a send needs at least one message; nothing was sent".into()),
            });
        };
        let otid = first.otid.get_or_insert_with(new_otid).clone();
        self.send_until_settled(agent_id, &otid, request, Lookup::Otid, &mut on_resend)
            .await
    }

    /// Sends `request` until it is answered or its fate is settled: refused, not sent past the
    /// deadlines, or, when it may have run, looked up in the history (by `lookup`) and found,
    /// found without a reply, found absent (sent again, within `max_resends`) or left unknown.
    async fn send_until_settled<F>(
        &self,
        agent_id: &AgentId,
        otid: &str,
        request: LettaRequest,
        lookup: Lookup<'_>,
        on_resend: &mut F,
    ) -> Result<Turn, SendError>
    where
        F: FnMut(&Resend<'_>) + Send,
    {
        let otid = otid.to_owned();
        let messages = self.client.agents().messages(agent_id);
        let (mut resends, mut reconciled_resends) = (0, 0);
        // Connection failures in a row, and when the first of them happened.
        let mut unreachable: Option<(Instant, u32)> = None;
        loop {
            let error = match messages.send(&request).await {
                Ok(response) => return Ok(Turn::answered(response)),
                Err(e) => e,
            };
            let (agent, otid_owned) = (agent_id.clone(), otid.clone());
            let reconciled = match classify(&error) {
                Class::Refused => {
                    return Err(SendError::Refused {
                        agent_id: agent,
                        otid: otid_owned,
                        error,
                    });
                }
                Class::Invalid => {
                    return Err(SendError::InvalidInput {
                        agent_id: agent,
                        error,
                    });
                }
                Class::NotSent => {
                    let (since, failures) = unreachable.get_or_insert((Instant::now(), 0));
                    *failures += 1;
                    let delay = self.backoff.delay(*failures);
                    if since.elapsed().saturating_add(delay) > self.config.unreachable_deadline {
                        tracing::warn!(agent = %agent_id, otid, error = %error, "server unreachable past the deadline; not sent");
                        return Err(SendError::NotSent {
                            agent_id: agent,
                            otid: otid_owned,
                            error,
                        });
                    }
                    tracing::info!(agent = %agent_id, otid, error = %error, ?delay, "not sent; sending again after a delay");
                    tokio::time::sleep(delay).await;
                    false
                }
                Class::MaybeRan => {
                    unreachable = None;
                    tracing::warn!(agent = %agent_id, otid, error = %error, "send outcome unknown; reconciling");
                    match self.reconcile(agent_id, lookup, &otid, &request).await {
                        Reconciled::Turn(messages) => return Ok(lookup.turn(messages)),
                        Reconciled::WithoutReply(messages) => {
                            return Err(SendError::NoReply {
                                agent_id: agent,
                                otid: otid_owned,
                                error,
                                messages,
                            });
                        }
                        Reconciled::Unknown(last_lookup_error) => {
                            return Err(SendError::Unknown {
                                agent_id: agent,
                                otid: otid_owned,
                                error,
                                last_lookup_error,
                            });
                        }
                        Reconciled::Absent if reconciled_resends >= self.config.max_resends => {
                            return Err(SendError::NotSent {
                                agent_id: agent,
                                otid: otid_owned,
                                error,
                            });
                        }
                        Reconciled::Absent => {
                            reconciled_resends += 1;
                            true
                        }
                    }
                }
            };
            resends += 1;
            on_resend(&Resend {
                agent_id,
                otid: &otid,
                attempt: resends,
                error: &error,
                reconciled,
            });
        }
    }

    /// Reads the history until it settles what happened to the send (`otid`, found by
    /// `lookup`), or the deadline passes.
    async fn reconcile(
        &self,
        agent_id: &AgentId,
        lookup: Lookup<'_>,
        otid: &str,
        request: &LettaRequest,
    ) -> Reconciled {
        // A deadline too far to represent (`Duration::MAX`) means no deadline.
        let deadline = Instant::now().checked_add(self.config.reconcile_deadline);
        // When a successful read first showed the message missing or without a reply.
        let mut unsettled_since: Option<Instant> = None;
        let mut last_lookup_error = None;
        let mut failures = 0;
        loop {
            let looked = match lookup {
                Lookup::Otid => self.look(agent_id, otid, request).await,
                Lookup::Answer(call_ids) => self.look_for_answer(agent_id, call_ids, request).await,
            };
            let wait = match looked {
                Ok(Found::Turn(turn)) => return Reconciled::Turn(turn),
                Ok(found) => {
                    failures = 0;
                    let since = *unsettled_since.get_or_insert_with(Instant::now);
                    if since.elapsed() >= self.config.grace {
                        return match found {
                            Found::WithoutReply(turn) => Reconciled::WithoutReply(turn),
                            _ => Reconciled::Absent,
                        };
                    }
                    GRACE_POLL.min(self.config.grace.saturating_sub(since.elapsed()))
                }
                Err(e) => {
                    failures += 1;
                    tracing::info!(agent = %agent_id, otid, error = %e, "history not readable yet; the outcome stays unknown");
                    last_lookup_error = Some(Box::new(e));
                    self.backoff.delay(failures)
                }
            };
            if deadline
                .is_some_and(|deadline| Instant::now().checked_add(wait).is_none_or(|at| at > deadline))
            {
                return Reconciled::Unknown(last_lookup_error);
            }
            tokio::time::sleep(wait).await;
        }
    }
}

/// How often the history is read while waiting out the grace period.
const GRACE_POLL: Duration = Duration::from_millis(250);

/// What a failed send attempt proves about the turn.
fn classify(error: &LettaError) -> Class {
    match error.failure_class() {
        FailureClass::NotSent => Class::NotSent,
        FailureClass::Refused if error.is_client_side() => Class::Invalid,
        FailureClass::Refused => Class::Refused,
        // Timeouts, transport errors after sending, 5xx, 408, 429, undecodable answers (the
        // server said 2xx: it ran), and anything new: the turn may have run.
        _ => Class::MaybeRan,
    }
}

/// A client-made ID, unique per process run.
pub(crate) fn new_otid() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "letta-rs-{}-{nanos:x}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}
