//! 1,000 messages over 100 agents: every turn happens exactly once.

use std::collections::HashMap;
use std::time::Instant;

use futures_util::StreamExt;
use letta_core::types::{LettaMessage, MessageCreate};
use letta_orchestrator::Replies;
use letta_orchestrator::fanout::{FanoutItem, Order};

use crate::{counted_fanout, create_agents, delete_agents, history, report};

const AGENTS: usize = 100;
const PER_AGENT: usize = 10;

fn text(agent: usize, item: usize) -> String {
    format!("agent {agent} item {item}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_messages_over_a_hundred_agents_each_land_exactly_once() {
    let agents = create_agents("fanout-acceptance", AGENTS).await;
    let (fanout, log) = counted_fanout();
    let fanout = fanout.concurrency(24);
    // Round-robin over the agents, made lazily.
    let ids = agents.clone();
    let items = (0..PER_AGENT).flat_map(move |item| {
        let ids = ids.clone();
        (0..AGENTS)
            .map(move |a| FanoutItem::keyed((a, item), ids[a].clone(), MessageCreate::user(text(a, item))))
    });

    let started = Instant::now();
    let mut stream = fanout.order(Order::Completed).run(items);
    let progress = stream.progress();
    let mut results = Vec::new();
    while let Some(result) = stream.next().await {
        results.push(result);
    }
    let wall = started.elapsed();
    let snapshot = progress.snapshot();
    report(&format!(
        "fan-out acceptance: {} messages over {AGENTS} agents at concurrency 24 on the real server: \
         {:.1} s wall ({:.1} sends/s); {} done, {} failed, {} resent; max in flight {}",
        AGENTS * PER_AGENT,
        wall.as_secs_f64(),
        (AGENTS * PER_AGENT) as f64 / wall.as_secs_f64(),
        snapshot.done,
        snapshot.failed,
        snapshot.retried,
        snapshot.max_in_flight,
    ));

    assert_eq!(results.len(), AGENTS * PER_AGENT);
    let mut seen = HashMap::new();
    for result in &results {
        let (a, item) = result.key;
        assert_eq!(result.agent, agents[a]);
        assert_eq!(result.message.content.text(), text(a, item));
        let turn = result
            .outcome
            .as_ref()
            .unwrap_or_else(|e| panic!("{a}/{item}: {e}"));
        assert_eq!(
            turn.assistant_texts(),
            vec![format!("You said: {}", text(a, item))]
        );
        *seen.entry(result.key).or_insert(0) += 1;
    }
    assert_eq!(seen.len(), AGENTS * PER_AGENT, "every key once");
    assert_eq!((snapshot.sent, snapshot.done, snapshot.failed), (1000, 1000, 0));
    {
        let log = log.lock().unwrap();
        assert_eq!(log.max_per_agent, 1, "one send per agent at a time");
        assert!(log.max_in_flight <= 24, "{}", log.max_in_flight);
        assert_eq!(log.started as u64, snapshot.sent + snapshot.retried);
    }

    for (a, agent) in agents.iter().enumerate() {
        let (messages, state) = history(agent).await;
        let in_context = state.message_ids.clone().unwrap_or_default();
        for item in 0..PER_AGENT {
            let wanted = text(a, item);
            let users: Vec<_> = messages
                .iter()
                .filter_map(|m| match m {
                    LettaMessage::User(u) if u.content.text() == wanted => Some(u.meta.id.clone()),
                    _ => None,
                })
                .collect();
            assert_eq!(users.len(), 1, "{wanted}: user messages in history");
            let times = in_context.iter().filter(|id| *id == users[0].as_str()).count();
            assert_eq!(times, 1, "{wanted}: times its message is in context");
            let reply = format!("You said: {wanted}");
            let replies = messages
                .iter()
                .filter(|m| matches!(m, LettaMessage::Assistant(r) if r.content.text() == reply))
                .count();
            assert_eq!(replies, 1, "{reply}");
        }
    }
    report(&format!(
        "fan-out acceptance checked: {} results; each of the {} turns is exactly once in its \
         agent's history and in-context message_ids",
        results.len(),
        AGENTS * PER_AGENT
    ));
    delete_agents(&agents).await;
}
