//! Order, one send per agent, failures, progress and cancellation, on the real server.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use letta_core::LettaError;
use letta_core::ids::AgentId;
use letta_core::types::MessageCreate;
use letta_orchestrator::Replies;
use letta_orchestrator::fanout::{FanoutEvent, FanoutItem, FanoutResult, Order};
use letta_orchestrator::reconcile::SendError;

use crate::{counted_fanout, create_agents, delete_agents, history, user_texts};

/// `per_agent` items for each agent, round-robin, keyed by (agent, item), with unique texts.
fn items(agents: &[AgentId], per_agent: usize, tag: &str) -> Vec<FanoutItem<(usize, usize)>> {
    (0..per_agent)
        .flat_map(|n| {
            agents.iter().enumerate().map(move |(a, agent)| {
                FanoutItem::keyed(
                    (a, n),
                    agent.clone(),
                    MessageCreate::user(format!("{tag} {a}/{n}")),
                )
            })
        })
        .collect()
}

fn check_turn<K>(result: &FanoutResult<K>) {
    let text = result.message.content.text();
    let turn = result.outcome.as_ref().unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(turn.assistant_texts(), vec![format!("You said: {text}")]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn input_order_mode_yields_in_input_order_and_completed_mode_yields_all() {
    let agents = create_agents("fanout-order", 3).await;
    let (fanout, _) = counted_fanout();
    let fanout = fanout.concurrency(3);

    // Input order, from a stream that is slow to produce (the fan-out waits for it).
    let input = items(&agents, 4, "ordered");
    let slow = futures_util::stream::iter(input).then(|item| async move {
        tokio::time::sleep(Duration::from_millis(5)).await;
        item
    });
    let ordered: Vec<_> = fanout
        .clone()
        .order(Order::Input)
        .run_stream(slow)
        .collect()
        .await;
    assert_eq!(
        ordered.iter().map(|r| r.index).collect::<Vec<_>>(),
        (0..12).collect::<Vec<u64>>()
    );
    for (i, result) in ordered.iter().enumerate() {
        assert_eq!(result.key, (i % 3, i / 3));
        assert_eq!(result.agent, agents[i % 3]);
        check_turn(result);
    }

    let completed: Vec<_> = fanout
        .order(Order::Completed)
        .run(items(&agents, 4, "completed"))
        .collect()
        .await;
    let indices: BTreeSet<u64> = completed.iter().map(|r| r.index).collect();
    assert_eq!(indices, (0..12).collect());
    completed.iter().for_each(check_turn);

    for (a, agent) in agents.iter().enumerate() {
        let texts = user_texts(&history(agent).await.0);
        for n in 0..4 {
            for tag in ["ordered", "completed"] {
                let wanted = format!("{tag} {a}/{n}");
                assert_eq!(texts.iter().filter(|t| **t == wanted).count(), 1, "{wanted}");
            }
        }
    }
    delete_agents(&agents).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_two_sends_for_one_agent_while_others_run_in_parallel() {
    let agents = create_agents("fanout-one-each", 4).await;
    let (fanout, log) = counted_fanout();
    // Twice as many slots as agents: only the per-agent rule keeps an agent to one send.
    let results: Vec<_> = fanout
        .concurrency(8)
        .run(items(&agents, 5, "single"))
        .collect()
        .await;
    assert_eq!(results.len(), 20);
    results.iter().for_each(check_turn);
    {
        let log = log.lock().unwrap();
        assert_eq!(log.started, 20);
        assert_eq!(log.max_per_agent, 1, "sends in flight for one agent");
        assert!(
            log.max_in_flight > 1,
            "sends in flight overall: {}",
            log.max_in_flight
        );
        assert!(
            log.max_in_flight <= 4,
            "at most one per agent: {}",
            log.max_in_flight
        );
    }
    delete_agents(&agents).await;
}

#[derive(Debug, Default, PartialEq)]
struct Counts {
    sent: u64,
    done: u64,
    failed: u64,
    retried: u64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_item_keeps_its_message_and_the_others_succeed_with_matching_progress() {
    let agents = create_agents("fanout-fail", 3).await;
    let missing = AgentId::from("agent-00000000-0000-4000-8000-000000000000");
    let mut input = items(&agents, 3, "mixed");
    input.insert(
        2,
        FanoutItem::keyed((9, 0), missing.clone(), MessageCreate::user("lost 0")),
    );
    input.push(FanoutItem::keyed(
        (9, 1),
        missing.clone(),
        MessageCreate::user("lost 1"),
    ));

    let counts = Arc::new(Mutex::new(Counts::default()));
    let seen = Arc::clone(&counts);
    let (fanout, _) = counted_fanout();
    let mut stream = fanout
        .concurrency(4)
        .on_event(move |event| {
            let mut c = seen.lock().unwrap();
            match event {
                FanoutEvent::Sent { .. } => c.sent += 1,
                FanoutEvent::Done { .. } => c.done += 1,
                FanoutEvent::Failed { .. } => c.failed += 1,
                FanoutEvent::Retried { .. } => c.retried += 1,
                _ => {}
            }
        })
        .run(input);
    let progress = stream.progress();
    let mut results = Vec::new();
    while let Some(result) = stream.next().await {
        results.push(result);
    }

    assert_eq!(results.len(), 11);
    let (failed, ok): (Vec<_>, Vec<_>) = results.iter().partition(|r| r.agent == missing);
    assert_eq!(ok.len(), 9);
    ok.iter().for_each(|r| check_turn(r));
    let mut lost: Vec<_> = failed
        .iter()
        .map(|r| {
            let error = r.outcome.as_ref().expect_err("a missing agent fails");
            assert!(
                matches!(error, SendError::Refused { error: LettaError::Api { status, .. }, .. } if status.as_u16() == 404),
                "{error:?}"
            );
            assert!(r.is_safe_to_resend(), "a refused send did not run");
            assert_eq!(error.otid(), r.otid(), "the error names the otid it was sent with");
            assert!(r.otid().is_some(), "the otid it was sent with is kept");
            (r.index, r.key, r.message.content.text())
        })
        .collect();
    lost.sort();
    assert_eq!(
        lost,
        vec![
            (2, (9, 0), "lost 0".to_string()),
            (10, (9, 1), "lost 1".to_string())
        ]
    );

    let expected = Counts {
        sent: 11,
        done: 9,
        failed: 2,
        retried: 0,
    };
    assert_eq!(*counts.lock().unwrap(), expected);
    let snapshot = progress.snapshot();
    let from_counters = Counts {
        sent: snapshot.sent,
        done: snapshot.done,
        failed: snapshot.failed,
        retried: snapshot.retried,
    };
    assert_eq!(from_counters, expected);
    assert_eq!(
        (snapshot.in_flight, snapshot.pending, snapshot.pulled),
        (0, 0, 11)
    );
    // Refused sends are neither "not sent" nor "unknown": the server answered.
    assert_eq!(
        (snapshot.not_sent, snapshot.unknown, snapshot.recovered),
        (0, 0, 0)
    );
    delete_agents(&agents).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_the_stream_stops_sending() {
    let agents = create_agents("fanout-drop", 4).await;
    let (fanout, log) = counted_fanout();
    let mut stream = fanout.concurrency(4).run(items(&agents, 10, "dropped"));
    let mut taken = Vec::new();
    for _ in 0..6 {
        taken.push(stream.next().await.unwrap());
    }
    drop(stream);
    let at_drop = log.lock().unwrap().started;
    // At most the items taken and the ones in flight when the stream went away.
    assert!(at_drop <= 6 + 4, "{at_drop} sends");
    // Long enough for any send still queued somewhere to show; none may.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = log.lock().unwrap().started;
    assert_eq!(after, at_drop, "no send after the stream was dropped");
    assert_eq!(log.lock().unwrap().in_flight, 0);

    let mut landed = HashMap::new();
    for (a, agent) in agents.iter().enumerate() {
        let texts = user_texts(&history(agent).await.0);
        landed.insert(a, texts.iter().filter(|t| t.starts_with("dropped ")).count());
    }
    let total: usize = landed.values().sum();
    assert!(
        total >= 6 && total <= at_drop,
        "{total} turns landed of {at_drop} sends: {landed:?}"
    );
    delete_agents(&agents).await;
}
