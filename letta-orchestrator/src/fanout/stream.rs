//! The scheduler: pulls items lazily, runs each as soon as its agent is free (one send per
//! agent, [`OnePerAgent`]) and a slot is (the concurrency limit), and drives every send inside
//! the result stream, so dropping the stream cancels all of them.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::stream::{FuturesUnordered, Stream, StreamExt};
use letta_core::ids::AgentId;
use letta_core::types::MessageCreate;
use tokio::sync::Semaphore;

use super::item::{FanoutItem, FanoutResult};
use super::progress::{FanoutEvent, Progress};
use super::{Observer, Order};
use crate::per_agent::OnePerAgent;
use crate::reconcile::{ReconcilingSender, new_otid};

type Input<K> = Pin<Box<dyn Stream<Item = FanoutItem<K>> + Send>>;
type SendFuture<K> = Pin<Box<dyn Future<Output = FanoutResult<K>> + Send>>;

/// What every item's send shares.
struct Sending {
    sender: Arc<ReconcilingSender>,
    agents: OnePerAgent,
    /// One permit per send allowed at once.
    slots: Semaphore,
    progress: Arc<Progress>,
    observer: Option<Observer>,
}

/// An item taken from the input, waiting for its agent or a slot, or running.
struct Admitted<K> {
    index: u64,
    key: K,
    agent: AgentId,
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
    sending: Arc<Sending>,
    concurrency: usize,
    window: usize,
    order: Order,
    next_index: u64,
    /// Items held: waiting, in flight, or finished and waiting to be yielded. At most `window`.
    held: usize,
    /// Every item taken and not finished: waiting for its agent or a slot, or sending.
    pending: FuturesUnordered<SendFuture<K>>,
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
            .field("progress", &self.sending.progress.snapshot())
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
            sending: Arc::new(Sending {
                sender,
                agents: OnePerAgent::default(),
                slots: Semaphore::new(concurrency),
                progress: Arc::new(Progress::default()),
                observer,
            }),
            concurrency,
            window,
            order,
            next_index: 0,
            held: 0,
            pending: FuturesUnordered::new(),
            reorder: BTreeMap::new(),
            next_yield: 0,
        }
    }

    /// The live counters of this fan-out; the handle stays readable after the stream is gone.
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.sending.progress)
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
        self.sending.progress.pulled();
        let item = Admitted {
            index,
            key,
            agent,
            message,
        };
        self.pending
            .push(Box::pin(send_one(Arc::clone(&self.sending), item)));
    }

    /// Reports a finished send.
    fn finish(&mut self, result: &FanoutResult<K>) {
        self.sending.progress.finished(&result.outcome);
        if let Some(observer) = &self.sending.observer {
            let (index, agent) = (result.index, &result.agent);
            observer(&match &result.outcome {
                Ok(_) => FanoutEvent::Done { index, agent },
                Err(error) => FanoutEvent::Failed { index, agent, error },
            });
        }
    }

    fn hand_over(&mut self, result: FanoutResult<K>) -> Poll<Option<FanoutResult<K>>> {
        self.held -= 1;
        self.sending.progress.yielded();
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
            match this.pending.poll_next_unpin(cx) {
                Poll::Ready(Some(result)) => {
                    this.finish(&result);
                    match this.order {
                        Order::Completed => return this.hand_over(result),
                        Order::Input => {
                            this.reorder.insert(result.index, result);
                        }
                    }
                }
                // Nothing pending, and every finished item has been yielded.
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

async fn send_one<K>(sending: Arc<Sending>, item: Admitted<K>) -> FanoutResult<K> {
    let Admitted {
        index,
        key,
        agent,
        message,
    } = item;
    // The agent first, then a slot, so an item waiting for its agent holds no slot. Neither
    // queue is ever closed, so neither wait fails; the permits are held until the send ends.
    let _agent_free = sending.agents.acquire(&agent).await;
    let _slot = sending.slots.acquire().await;
    let progress = &sending.progress;
    let observer = &sending.observer;
    progress.sent();
    if let Some(observer) = observer {
        observer(&FanoutEvent::Sent { index, agent: &agent });
    }
    let outcome = sending
        .sender
        .send_observed(&agent, message.clone(), |resend| {
            progress.retried();
            if let Some(observer) = observer {
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
