//! What a running fan-out reports: events to a callback, and counters anyone can read.

use std::sync::atomic::{AtomicU64, Ordering};

use letta_core::LettaError;
use letta_core::ids::AgentId;

use crate::reconcile::SendError;
use crate::turn::Turn;

/// Something that happened to one item, passed to the callback set with
/// [`Fanout::on_event`](super::Fanout::on_event).
///
/// The callback runs inline, on the task that polls the result stream (or, for
/// [`FanoutEvent::Retried`], inside the send), so it must be quick and must not block.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum FanoutEvent<'a> {
    /// The item's send started.
    Sent {
        /// Input index of the item.
        index: u64,
        /// Its agent.
        agent: &'a AgentId,
    },
    /// The reconciler is about to send the item again, after it proved the previous attempt
    /// did not reach the agent.
    Retried {
        /// Input index of the item.
        index: u64,
        /// Its agent.
        agent: &'a AgentId,
        /// 1 for the first resend.
        attempt: u32,
        /// Why the previous attempt failed.
        error: &'a LettaError,
    },
    /// The item's turn happened.
    Done {
        /// Input index of the item.
        index: u64,
        /// Its agent.
        agent: &'a AgentId,
    },
    /// The item ended without a turn; its result carries the error and the message. The
    /// error says whether the message may have run ([`SendError::is_unknown`]) or is safe to
    /// send again ([`SendError::is_safe_to_resend`]).
    Failed {
        /// Input index of the item.
        index: u64,
        /// Its agent.
        agent: &'a AgentId,
        /// What went wrong, and what is known about the turn.
        error: &'a SendError,
    },
}

/// Live counters of one fan-out, shared with the caller through
/// [`FanoutStream::progress`](super::FanoutStream::progress). Fixed size, whatever the input.
#[derive(Debug, Default)]
pub struct Progress {
    pulled: AtomicU64,
    sent: AtomicU64,
    done: AtomicU64,
    recovered: AtomicU64,
    not_sent: AtomicU64,
    unknown: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
    in_flight: AtomicU64,
    max_in_flight: AtomicU64,
    pending: AtomicU64,
    max_pending: AtomicU64,
}

/// A copy of the [`Progress`] counters at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ProgressSnapshot {
    /// Items taken from the input so far.
    pub pulled: u64,
    /// Sends started (first attempts only).
    pub sent: u64,
    /// Items whose turn happened (answered, or recovered from the agent's history).
    pub done: u64,
    /// Of the `done` items, those whose answer was lost and whose turn was read back from the
    /// agent's history.
    pub recovered: u64,
    /// Items that provably did not run ([`SendError::NotSent`]): safe to send again.
    pub not_sent: u64,
    /// Items that may have run ([`SendError::Unknown`]): settle them before sending again.
    pub unknown: u64,
    /// Items that ended without a turn for another known reason: refused by the server, a
    /// turn without a reply, an invalid request.
    pub failed: u64,
    /// Resends made by the reconciler.
    pub retried: u64,
    /// Sends running now.
    pub in_flight: u64,
    /// The most sends that ran at once.
    pub max_in_flight: u64,
    /// Items taken from the input and not yet handed to the caller (queued, in flight, or
    /// finished and waiting for their turn in input order).
    pub pending: u64,
    /// The most items ever pending at once; never more than the window.
    pub max_pending: u64,
}

impl Progress {
    /// The counters now. Each is exact; taken together they may be a few events apart while the
    /// fan-out runs.
    pub fn snapshot(&self) -> ProgressSnapshot {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        ProgressSnapshot {
            pulled: get(&self.pulled),
            sent: get(&self.sent),
            done: get(&self.done),
            recovered: get(&self.recovered),
            not_sent: get(&self.not_sent),
            unknown: get(&self.unknown),
            failed: get(&self.failed),
            retried: get(&self.retried),
            in_flight: get(&self.in_flight),
            max_in_flight: get(&self.max_in_flight),
            pending: get(&self.pending),
            max_pending: get(&self.max_pending),
        }
    }

    pub(super) fn pulled(&self) {
        self.pulled.fetch_add(1, Ordering::Relaxed);
        let now = self.pending.fetch_add(1, Ordering::Relaxed) + 1;
        self.max_pending.fetch_max(now, Ordering::Relaxed);
    }

    pub(super) fn yielded(&self) {
        self.pending.fetch_sub(1, Ordering::Relaxed);
    }

    pub(super) fn sent(&self) {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let now = self.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
        self.max_in_flight.fetch_max(now, Ordering::Relaxed);
    }

    pub(super) fn finished(&self, outcome: &Result<Turn, SendError>) {
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
        if outcome.as_ref().is_ok_and(Turn::is_recovered) {
            self.recovered.fetch_add(1, Ordering::Relaxed);
        }
        let counter = match outcome {
            Ok(_) => &self.done,
            Err(SendError::NotSent { .. }) => &self.not_sent,
            Err(SendError::Unknown { .. }) => &self.unknown,
            Err(_) => &self.failed,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) fn retried(&self) {
        self.retried.fetch_add(1, Ordering::Relaxed);
    }
}
