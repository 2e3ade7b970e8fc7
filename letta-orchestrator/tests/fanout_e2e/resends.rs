//! Sends lost on the way to the server are sent again by the reconciler, reported as `Retried`,
//! and still land once.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use letta_core::types::MessageCreate;
use letta_orchestrator::Replies;
use letta_orchestrator::fanout::{FanoutEvent, FanoutItem};
use letta_orchestrator::reconcile::ReconcileConfig;
use letta_testkit::fault_proxy::{Fault, FaultProxy, FaultRule};

use crate::{counted_fanout_at, create_agents, delete_agents, history, user_texts};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sends_lost_before_the_server_are_resent_reported_and_land_once() {
    let agents = create_agents("fanout-resend", 3).await;
    let proxy = FaultProxy::in_front_of(letta_testkit::shared_selected()).unwrap();
    // The first two sends are cut before the server sees them.
    proxy.push_rule(
        FaultRule::new(Fault::ResetBeforeForward)
            .method("POST")
            .path("/v1/agents/*/messages")
            .times(2),
    );
    let config = ReconcileConfig {
        grace: Duration::from_millis(500),
        ..ReconcileConfig::default()
    };
    let retried = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&retried);
    let (fanout, log) = counted_fanout_at(&proxy.base_url(), config);
    let input: Vec<_> = (0..2)
        .flat_map(|n| {
            agents.iter().enumerate().map(move |(a, agent)| {
                FanoutItem::keyed((a, n), agent, MessageCreate::user(format!("resent {a}/{n}")))
            })
        })
        .collect();
    let mut stream = fanout
        .concurrency(3)
        .on_event(move |event| {
            if let FanoutEvent::Retried { index, attempt, .. } = event {
                seen.lock().unwrap().push((*index, *attempt));
            }
        })
        .run(input);
    let progress = stream.progress();
    let mut results = Vec::new();
    while let Some(result) = stream.next().await {
        results.push(result);
    }

    assert_eq!(results.len(), 6);
    for result in &results {
        let text = result.message.content.text();
        let turn = result.outcome.as_ref().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(turn.assistant_texts(), vec![format!("You said: {text}")]);
    }
    let retried = retried.lock().unwrap().clone();
    assert_eq!(retried.len(), 2, "{retried:?}");
    assert!(retried.iter().all(|(_, attempt)| *attempt == 1), "{retried:?}");
    let snapshot = progress.snapshot();
    assert_eq!((snapshot.sent, snapshot.done, snapshot.retried), (6, 6, 2));
    assert_eq!(
        log.lock().unwrap().started,
        8,
        "6 sends and 2 resends on the wire"
    );
    assert_eq!(proxy.stats().reset_before, 2);

    for (a, agent) in agents.iter().enumerate() {
        let texts = user_texts(&history(agent).await.0);
        for n in 0..2 {
            let wanted = format!("resent {a}/{n}");
            assert_eq!(texts.iter().filter(|t| **t == wanted).count(), 1, "{wanted}");
        }
    }
    delete_agents(&agents).await;
}
