//! 10,000 items against a loopback fake of the send endpoint: the window bounds what is held.

use std::time::Duration;

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::MessageCreate;
use letta_orchestrator::Replies;
use letta_orchestrator::fanout::{Fanout, FanoutItem, Order};
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};
use letta_testkit::fake_sends::FakeSends;

const ITEMS: u64 = 10_000;
const AGENTS: u64 = 250;

fn fanout(fake: &FakeSends) -> Fanout {
    let client = LettaClient::new(fake.base_url()).unwrap();
    Fanout::new(ReconcilingSender::new(client, ReconcileConfig::default()))
        .concurrency(32)
        .window(128)
}

/// Generated lazily, never collected; one in 1,000 goes to a missing agent.
fn items() -> impl Iterator<Item = FanoutItem<u64>> + Send + 'static {
    (0..ITEMS).map(|n| {
        let agent = if n % 1000 == 999 {
            AgentId::from(format!("agent-missing-{n}"))
        } else {
            AgentId::from(format!("agent-fake-{}", n % AGENTS))
        };
        FanoutItem::keyed(n, agent, MessageCreate::user(format!("item {n}")))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_items_never_hold_more_than_the_window() {
    for order in [Order::Completed, Order::Input] {
        let fake = FakeSends::start(Duration::from_millis(2), 1).unwrap();
        let fanout = fanout(&fake).order(order);
        assert_eq!(fanout.window_size(), 128);
        let mut stream = fanout.run(items());
        let progress = stream.progress();
        let (mut count, mut failed, mut next) = (0u64, 0u64, 0u64);
        while let Some(result) = stream.next().await {
            assert!(progress.snapshot().pending <= 128);
            if order == Order::Input {
                assert_eq!(result.index, next);
                next += 1;
            }
            assert_eq!(result.index, result.key);
            match &result.outcome {
                Ok(turn) => assert_eq!(
                    turn.assistant_texts(),
                    vec![format!("You said: item {}", result.key)]
                ),
                Err(e) => {
                    assert_eq!(result.key % 1000, 999, "{e}");
                    assert_eq!(result.message.content.text(), format!("item {}", result.key));
                    failed += 1;
                }
            }
            count += 1;
        }
        let snapshot = progress.snapshot();
        let stats = fake.stats();
        assert_eq!((count, failed), (ITEMS, 10));
        assert_eq!(
            (snapshot.pulled, snapshot.done, snapshot.failed),
            (ITEMS, ITEMS - 10, 10)
        );
        assert!(snapshot.max_pending <= 128, "{snapshot:?}");
        assert!(snapshot.max_in_flight <= 32, "{snapshot:?}");
        assert_eq!(stats.sends, ITEMS);
        assert_eq!(stats.max_in_flight_per_agent, 1, "{stats:?}");
        assert!(stats.max_in_flight <= 32, "{stats:?}");
        crate::report(&format!(
            "fan-out bounded ({order:?}): {snapshot:?}; fake saw {stats:?}"
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_agents_items_wait_while_items_for_idle_agents_go_ahead() {
    let fake = FakeSends::start(Duration::from_millis(5), 1).unwrap();
    // Five items for one agent first, then one each for five others.
    let input: Vec<_> = (0..5)
        .map(|n| FanoutItem::keyed(n, "agent-fake-a", MessageCreate::user(format!("a {n}"))))
        .chain((0..5).map(|n| {
            FanoutItem::keyed(
                5 + n,
                format!("agent-fake-{n}").as_str(),
                MessageCreate::user(format!("other {n}")),
            )
        }))
        .collect();
    let sent = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&sent);
    let results: Vec<_> = fanout(&fake)
        .concurrency(2)
        .window(10)
        .on_event(move |event| {
            if let letta_orchestrator::fanout::FanoutEvent::Sent { index, .. } = event {
                log.lock().unwrap().push(*index);
            }
        })
        .run(input)
        .collect()
        .await;
    assert_eq!(results.len(), 10);
    assert!(results.iter().all(|r| r.is_ok()));
    let sent = sent.lock().unwrap().clone();
    // The first agent's second item waits for its first; the second slot goes to another agent.
    assert_eq!(&sent[..2], &[0, 5], "{sent:?}");
    // Agent a's items still go in their order.
    let a: Vec<_> = sent.iter().copied().filter(|i| *i < 5).collect();
    assert_eq!(a, vec![0, 1, 2, 3, 4]);
    assert_eq!(fake.stats().max_in_flight_per_agent, 1);
}
