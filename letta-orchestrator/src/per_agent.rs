//! At most one send in flight per agent: the one queue the fan-out, map-reduce and the limit
//! layer hold an agent's sends in.
//!
//! An agent runs one step at a time. A second send to it would wait on the server or, on
//! 0.7.29, interleave two turns and lose entries of its in-context `message_ids`, so every
//! path that sends to many agents at once queues sends per agent here, first come, first
//! served.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use letta_core::ids::AgentId;
use tokio::sync::{AcquireError, OwnedSemaphorePermit, Semaphore};

/// Agents seen before idle queues are forgotten, at the least.
const PRUNE_FLOOR: usize = 1024;

/// One queue per agent; a send holds its agent's turn ([`OnePerAgent::acquire`]) while it runs.
#[derive(Debug)]
pub(crate) struct OnePerAgent {
    queues: Mutex<Queues>,
}

#[derive(Debug)]
struct Queues {
    by_agent: HashMap<AgentId, Arc<Semaphore>>,
    /// How many queues there may be before idle ones are forgotten; doubles with the live ones,
    /// so forgetting stays cheap however many agents are busy at once.
    prune_at: usize,
}

impl Default for OnePerAgent {
    fn default() -> Self {
        Self {
            queues: Mutex::new(Queues {
                by_agent: HashMap::new(),
                prune_at: PRUNE_FLOOR,
            }),
        }
    }
}

impl OnePerAgent {
    /// Waits until no other send to `agent` holds its turn (waiters go first come, first
    /// served), and returns the turn: the agent is free again when it is dropped.
    ///
    /// The error only comes from a closed queue, which nothing here closes.
    pub(crate) async fn acquire(&self, agent: &AgentId) -> Result<OwnedSemaphorePermit, AcquireError> {
        self.queue(agent).acquire_owned().await
    }

    fn queue(&self, agent: &AgentId) -> Arc<Semaphore> {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        if queues.by_agent.len() >= queues.prune_at {
            // Forget queues nobody holds or waits on, so the map does not grow with every agent
            // ever seen.
            queues.by_agent.retain(|_, queue| Arc::strong_count(queue) > 1);
            queues.prune_at = PRUNE_FLOOR.max(queues.by_agent.len() * 2);
        }
        queues
            .by_agent
            .entry(agent.clone())
            .or_insert_with(|| Arc::new(Semaphore::new(1)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn one_agent_waits_in_order_and_others_do_not_wait() {
        let queues = Arc::new(OnePerAgent::default());
        let a = AgentId::new("agent-a");
        let first = queues.acquire(&a).await.unwrap();
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for n in 0..3 {
            let (queues, a, order) = (queues.clone(), a.clone(), order.clone());
            waiting.push(tokio::spawn(async move {
                let _turn = queues.acquire(&a).await.unwrap();
                order.lock().unwrap().push(n);
                tokio::time::sleep(Duration::from_millis(1)).await;
            }));
            // Queue them in a known order.
            tokio::task::yield_now().await;
        }
        let other = tokio::time::timeout(Duration::from_secs(1), queues.acquire(&AgentId::new("agent-b")))
            .await
            .expect("another agent does not wait");
        drop(other);
        assert!(
            order.lock().unwrap().is_empty(),
            "agent-a's sends wait for the first"
        );
        drop(first);
        for task in waiting {
            task.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), [0, 1, 2]);
    }

    #[test]
    fn idle_queues_are_forgotten() {
        let queues = OnePerAgent::default();
        let held = queues.queue(&AgentId::new("agent-held"));
        for n in 0..PRUNE_FLOOR * 3 {
            queues.queue(&AgentId::new(format!("agent-{n}")));
        }
        let inner = queues.queues.lock().unwrap();
        assert!(inner.by_agent.len() <= PRUNE_FLOOR, "{}", inner.by_agent.len());
        assert!(inner.by_agent.contains_key(&AgentId::new("agent-held")));
        drop(held);
    }
}
