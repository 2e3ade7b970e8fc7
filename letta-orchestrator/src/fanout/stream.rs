//! The scheduler: pulls items lazily, keeps one send per agent in flight, and drives every send
//! inside the result stream, so dropping the stream cancels all of them.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::stream::{FuturesUnordered, Stream, StreamExt};
use letta_core::ids::AgentId;
use letta_core::types::MessageCreate;

use super::item::{FanoutItem, FanoutResult};
use super::progress::{FanoutEvent, Progress};
use super::{Observer, Order};
use crate::reconcile::{ReconcilingSender, new_otid};

type Input<K> = Pin<Box<dyn Stream<Item = FanoutItem<K>> + Send>>;
type SendFuture<K> = Pin<Box<dyn Future<Output = FanoutResult<K>> + Send>>;

/// An item taken from the input, waiting for its agent or running.
struct Admitted<K> {
    index: u64,
    key: K,
    message: MessageCreate,
}

/// The results of a fan-out, as a [`Stream`]; built by [`Fanout::run`](super::Fanout::run).
///
/// Nothing happens until it is polled. Dropping it cancels the sends in flight (at most the
/// concurrency limit; those may still have run on the server, which reconciliation by their `otid`
/// can tell) and sends nothing more.
#[must_use = "a fan-out sends nothing until its stream is polled"]
pub struct FanoutStream<K = ()> {
    input: Option<Input<K>>,
    sender: Arc<ReconcilingSender>,
    observer: Option<Observer>,
    progress: Arc<Progress>,
    concurrency: usize,
    window: usize,
    order: Order,
    next_index: u64,
    /// Items held: queued, in flight, or finished and waiting to be yielded. At most `window`.
    held: usize,
    /// Waiting items per agent, in input order; an agent's entry goes when its queue empties.
    queues: HashMap<AgentId, VecDeque<Admitted<K>>>,
    /// Agents with a send in flight.
    busy: HashSet<AgentId>,
    /// Idle agents with waiting items, oldest item first: the earliest input goes out first, which
    /// keeps the reorder buffer short in input order.
    runnable: BinaryHeap<Reverse<(u64, AgentId)>>,
    in_flight: FuturesUnordered<SendFuture<K>>,
    /// Finished items waiting for earlier ones (input order only).
    reorder: BTreeMap<u64, FanoutResult<K>>,
    next_yield: u64,
}

// No field is ever pinned in place: the input and the sends are boxed.
impl<K> Unpin for FanoutStream<K> {}

impl<K> std::fmt::Debug for FanoutStream<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FanoutStream")
            .field("concurrency", &self.concurrency)
            .field("window", &self.window)
            .field("order", &self.order)
            .field("progress", &self.progress.snapshot())
            .finish_non_exhaustive()
    }
}

impl<K: Send + 'static> FanoutStream<K> {
    pub(super) fn new(
        input: Input<K>,
        sender: Arc<ReconcilingSender>,
        observer: Option<Observer>,
        concurrency: usize,
        window: usize,
        order: Order,
    ) -> Self {
        Self {
            input: Some(input),
            sender,
            observer,
            progress: Arc::new(Progress::default()),
            concurrency,
            window,
            order,
            next_index: 0,
            held: 0,
            queues: HashMap::new(),
            busy: HashSet::new(),
            runnable: BinaryHeap::new(),
            in_flight: FuturesUnordered::new(),
            reorder: BTreeMap::new(),
            next_yield: 0,
        }
    }

    /// The live counters of this fan-out; the handle stays readable after the stream is gone.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }

    /// Takes items from the input while the window has room.
    fn pull(&mut self, cx: &mut Context<'_>) {
        while self.held < self.window {
            let Some(input) = self.input.as_mut() else {
                return;
            };
            match input.as_mut().poll_next(cx) {
                Poll::Ready(Some(item)) => self.admit(item),
                Poll::Ready(None) => self.input = None,
                Poll::Pending => return,
            }
        }
    }

    fn admit(&mut self, item: FanoutItem<K>) {
        let FanoutItem {
            agent,
            mut message,
            key,
        } = item;
        // Fixed now, so the result names the otid every attempt used.
        message.otid.get_or_insert_with(new_otid);
        let index = self.next_index;
        self.next_index += 1;
        self.held += 1;
        self.progress.pulled();
        let queue = self.queues.entry(agent.clone()).or_default();
        if queue.is_empty() && !self.busy.contains(&agent) {
            self.runnable.push(Reverse((index, agent)));
        }
        queue.push_back(Admitted { index, key, message });
    }

    /// Starts sends for idle agents up to the concurrency limit.
    fn start(&mut self) {
        while self.in_flight.len() < self.concurrency {
            let Some(Reverse((_, agent))) = self.runnable.pop() else {
                return;
            };
            let Some(queue) = self.queues.get_mut(&agent) else {
                continue;
            };
            let Some(item) = queue.pop_front() else {
                self.queues.remove(&agent);
                continue;
            };
            if queue.is_empty() {
                self.queues.remove(&agent);
            }
            self.busy.insert(agent.clone());
            self.progress.sent();
            if let Some(observer) = &self.observer {
                observer(&FanoutEvent::Sent {
                    index: item.index,
                    agent: &agent,
                });
            }
            self.in_flight.push(Box::pin(send_one(
                Arc::clone(&self.sender),
                agent,
                item,
                Arc::clone(&self.progress),
                self.observer.clone(),
            )));
        }
    }

    /// Frees the agent of a finished send and reports it.
    fn finish(&mut self, result: &FanoutResult<K>) {
        self.busy.remove(&result.agent);
        if let Some(next) = self.queues.get(&result.agent).and_then(|q| q.front()) {
            self.runnable.push(Reverse((next.index, result.agent.clone())));
        }
        self.progress.finished(&result.outcome);
        if let Some(observer) = &self.observer {
            let (index, agent) = (result.index, &result.agent);
            observer(&match &result.outcome {
                Ok(_) => FanoutEvent::Done { index, agent },
                Err(error) => FanoutEvent::Failed { index, agent, error },
            });
        }
    }

    fn hand_over(&mut self, result: FanoutResult<K>) -> Poll<Option<FanoutResult<K>>> {
        self.held -= 1;
        self.progress.yielded();
        Poll::Ready(Some(result))
    }
}

impl<K: Send + 'static> Stream for FanoutStream<K> {
    type Item = FanoutResult<K>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(entry) = this.reorder.first_entry() {
                if *entry.key() == this.next_yield {
                    this.next_yield += 1;
                    let result = entry.remove();
                    return this.hand_over(result);
                }
            }
            this.pull(cx);
            this.start();
            match this.in_flight.poll_next_unpin(cx) {
                Poll::Ready(Some(result)) => {
                    this.finish(&result);
                    match this.order {
                        Order::Completed => return this.hand_over(result),
                        Order::Input => {
                            this.reorder.insert(result.index, result);
                        }
                    }
                }
                // Nothing in flight: then nothing is queued either (idle agents with waiting
                // items were just started), and every finished item has been yielded.
                Poll::Ready(None) if this.input.is_none() => return Poll::Ready(None),
                // Waiting for the input (its waker is set) or for a send.
                Poll::Ready(None) | Poll::Pending => return Poll::Pending,
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let upper = self.input.as_ref().map_or(Some(self.held), |input| {
            input.size_hint().1.map(|n| n.saturating_add(self.held))
        });
        (self.held, upper)
    }
}

async fn send_one<K>(
    sender: Arc<ReconcilingSender>,
    agent: AgentId,
    item: Admitted<K>,
    progress: Arc<Progress>,
    observer: Option<Observer>,
) -> FanoutResult<K> {
    let Admitted { index, key, message } = item;
    let outcome = sender
        .send_observed(&agent, message.clone(), |resend| {
            progress.retried();
            if let Some(observer) = &observer {
                observer(&FanoutEvent::Retried {
                    index,
                    agent: resend.agent_id,
                    attempt: resend.attempt,
                    error: resend.error,
                });
            }
        })
        .await;
    FanoutResult {
        index,
        key,
        agent,
        message,
        outcome,
    }
}
