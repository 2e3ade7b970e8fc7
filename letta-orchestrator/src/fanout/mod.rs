//! Fan-out: many messages to many agents, with bounded memory and concurrency.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use letta_core::types::MessageCreate;
//! use letta_orchestrator::fanout::{Fanout, FanoutEvent, FanoutItem, Order};
//! use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};
//! use letta_orchestrator::Replies;
//!
//! # async fn run(agents: Vec<letta_core::ids::AgentId>) -> Result<(), letta_core::LettaError> {
//! let client = letta_core::LettaClient::from_env()?;
//! let sender = ReconcilingSender::new(client, ReconcileConfig::default());
//! // 10 questions for each agent, made as they are pulled: never collected.
//! let items = (0..10).flat_map(move |n| {
//!     let agents = agents.clone();
//!     agents.into_iter().map(move |agent| {
//!         FanoutItem::keyed(n, agent, MessageCreate::user(format!("Question {n}")))
//!     })
//! });
//! let mut results = Fanout::new(sender)
//!     .concurrency(32)
//!     .order(Order::Completed)
//!     .on_event(|event| {
//!         if let FanoutEvent::Failed { index, error, .. } = event {
//!             eprintln!("item {index} failed: {error}");
//!         }
//!     })
//!     .run(items);
//! let progress = results.progress();
//! while let Some(result) = results.next().await {
//!     match &result.outcome {
//!         Ok(turn) => println!("{} / question {}: {:?}", result.agent, result.key, turn.assistant_texts()),
//!         // The message (with its otid) is still here: nothing is lost.
//!         Err(error) => eprintln!("{:?} not answered: {error}", result.message.content),
//!     }
//! }
//! println!("{:?}", progress.snapshot());
//! # Ok(()) }
//! ```
//!
//! Semantics:
//!
//! - **Lazy, bounded input.** Items come from any iterator ([`Fanout::run`]) or stream
//!   ([`Fanout::run_stream`]) and are pulled only while fewer than `window` items are held
//!   (queued, in flight, or finished and waiting to be yielded in input order), so memory stays
//!   bounded whatever the input's length. The window must span at least `concurrency` distinct
//!   agents to keep every slot busy: interleave agents in the input (round-robin) rather than
//!   sending all of one agent's items in a row.
//! - **Concurrency.** At most `concurrency` sends run at once, and never two for one agent (an
//!   agent runs one step at a time; a second send would wait on the server or interleave
//!   turns). An item waits for its agent first (an agent's items go in input order), then for a
//!   slot, so an item for a busy agent holds no slot and items for idle agents go ahead; slots
//!   go to items in the order their agents became free for them.
//! - **Results** come as sends complete ([`Order::Completed`]) or in input order
//!   ([`Order::Input`], reordered within the window). Each carries the item's index, key, agent,
//!   message and outcome: the agent's [`Turn`](crate::Turn) or the error ([`FanoutResult`]); a
//!   failure never stops the others.
//! - **No duplicate turn.** Every send goes through [`ReconcilingSender`], which resends only
//!   when a turn provably did not happen; resends are reported as [`FanoutEvent::Retried`].
//! - **Failures say what is known** ([`SendError`](crate::reconcile::SendError)): an item that
//!   provably did not run is `NotSent` (safe to send again, [`FanoutResult::is_safe_to_resend`]);
//!   one that may have run is `Unknown` and keeps its agent and `otid`, so it can be settled
//!   later with [`ReconcilingSender::settle`]; the progress counters count them apart.
//! - **Progress** goes to an optional callback ([`Fanout::on_event`]) and to fixed-size
//!   counters ([`FanoutStream::progress`]); nothing is buffered for them.
//! - **Cancellation.** Sends run inside the result stream (no task is spawned): dropping it
//!   cancels those in flight and sends nothing more.

mod item;
mod progress;
mod stream;

use std::sync::Arc;

use futures_util::stream::Stream;

pub use item::{FanoutItem, FanoutResult};
pub use progress::{FanoutEvent, Progress, ProgressSnapshot};
pub use stream::FanoutStream;

use crate::reconcile::ReconcilingSender;

type Observer = Arc<dyn Fn(&FanoutEvent<'_>) + Send + Sync>;

/// The order results come out in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As each send completes: the fastest way through.
    #[default]
    Completed,
    /// In input order. A slow item holds back the ones after it (up to the window), which can
    /// slow the fan-out down.
    Input,
}

/// Default limit of sends at once.
pub const DEFAULT_CONCURRENCY: usize = 16;

/// How many items the window holds per unit of concurrency, unless set with [`Fanout::window`]:
/// enough slack for idle agents to be found while others are busy.
pub const DEFAULT_WINDOW_PER_SLOT: usize = 4;

/// A fan-out configuration; [`Fanout::run`] starts one. Cheap to clone and reusable.
#[derive(Clone)]
pub struct Fanout {
    sender: Arc<ReconcilingSender>,
    concurrency: usize,
    window: Option<usize>,
    order: Order,
    observer: Option<Observer>,
}

impl std::fmt::Debug for Fanout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fanout")
            .field("sender", &self.sender)
            .field("concurrency", &self.concurrency)
            .field("window", &self.window_size())
            .field("order", &self.order)
            .field("observer", &self.observer.is_some())
            .finish()
    }
}

impl Fanout {
    /// A fan-out sending through `sender`, with [`DEFAULT_CONCURRENCY`], results as completed.
    pub fn new(sender: ReconcilingSender) -> Self {
        Self {
            sender: Arc::new(sender),
            concurrency: DEFAULT_CONCURRENCY,
            window: None,
            order: Order::Completed,
            observer: None,
        }
    }

    /// At most `n` sends at once (0 counts as 1).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// At most `n` items held at once (see the module docs); raised to the concurrency if lower.
    /// Default: [`DEFAULT_WINDOW_PER_SLOT`] times the concurrency.
    pub fn window(mut self, n: usize) -> Self {
        self.window = Some(n);
        self
    }

    /// The order results come out in.
    pub fn order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    /// Calls `f` for every [`FanoutEvent`]. It runs inline, so it must be quick.
    pub fn on_event(mut self, f: impl Fn(&FanoutEvent<'_>) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(f));
        self
    }

    /// The window in effect.
    pub fn window_size(&self) -> usize {
        self.window
            .unwrap_or(self.concurrency.saturating_mul(DEFAULT_WINDOW_PER_SLOT))
            .max(self.concurrency)
    }

    /// Fans `items` out; they are pulled from the iterator as the window frees up.
    pub fn run<I, K>(&self, items: I) -> FanoutStream<K>
    where
        I: IntoIterator<Item = FanoutItem<K>>,
        I::IntoIter: Send + 'static,
        K: Send + 'static,
    {
        self.run_stream(futures_util::stream::iter(items))
    }

    /// Fans out the items of a stream, polled as the window frees up.
    pub fn run_stream<S, K>(&self, items: S) -> FanoutStream<K>
    where
        S: Stream<Item = FanoutItem<K>> + Send + 'static,
        K: Send + 'static,
    {
        FanoutStream::new(
            Box::pin(items),
            Arc::clone(&self.sender),
            self.observer.clone(),
            self.concurrency,
            self.window_size(),
            self.order,
        )
    }
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;

    use super::*;
    use crate::reconcile::ReconcileConfig;

    fn fanout() -> Fanout {
        // Never contacted: nothing here sends.
        let client = letta_core::LettaClient::new("http://127.0.0.1:9").unwrap();
        Fanout::new(ReconcilingSender::new(client, ReconcileConfig::default()))
    }

    #[test]
    fn the_stream_moves_across_tasks_and_the_configuration_is_shared() {
        fn send<T: Send>() {}
        fn send_sync<T: Send + Sync>() {}
        send::<FanoutStream<String>>();
        send_sync::<Fanout>();
    }

    #[test]
    fn limits_are_never_zero_and_the_window_covers_the_concurrency() {
        assert_eq!(fanout().concurrency(0).window_size(), DEFAULT_WINDOW_PER_SLOT);
        assert_eq!(fanout().concurrency(8).window_size(), 8 * DEFAULT_WINDOW_PER_SLOT);
        assert_eq!(fanout().concurrency(8).window(3).window_size(), 8);
        assert_eq!(fanout().concurrency(8).window(100).window_size(), 100);
    }

    #[tokio::test]
    async fn an_empty_input_ends_at_once() {
        let mut stream = fanout().run(Vec::<FanoutItem>::new());
        assert!(stream.next().await.is_none());
        assert_eq!(stream.progress().snapshot(), ProgressSnapshot::default());
    }
}
