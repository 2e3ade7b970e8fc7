//! 500 sends across 50 agents, through a proxy that faults about one request in five, against
//! the real Letta server: every send ends as a success or a typed error, and the agents'
//! histories show no duplicate and no lost turn.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::{LettaMessage, ListMessagesParams, MessageCreate, MessageRole};
use letta_orchestrator::layers::RecommendedLayers;
use letta_orchestrator::layers::limit::LimitConfig;
use letta_orchestrator::layers::retry::{RetryBudget, RetryConfig};
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender};
use letta_orchestrator::{Replies, TurnSource};
use letta_testkit::fault_proxy::{Fault, FaultProxy, FaultRule};

const AGENTS: usize = 50;
const SENDS_PER_AGENT: usize = 10;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_faulted_sends_leave_no_duplicate_and_no_lost_turn() {
    let server = letta_testkit::shared_selected();
    let direct = LettaClient::new(server.base_url()).unwrap();
    let mut agents = Vec::new();
    for _ in 0..AGENTS {
        let request = server
            .llm()
            .agent_request(letta_testkit::unique_name("fault"))
            .build();
        let agent = direct.agents().create(&request).await.unwrap();
        agents.push(agent.id);
    }

    let proxy = FaultProxy::in_front_of(server).unwrap();
    let sends = "/v1/agents/*/messages";
    proxy.push_rule(
        FaultRule::new(Fault::ResetBeforeForward)
            .method("POST")
            .path(sends)
            .probability(0.07, 1),
    );
    proxy.push_rule(
        FaultRule::new(Fault::ResetAfterForward)
            .method("POST")
            .path(sends)
            .probability(0.07, 2),
    );
    proxy.push_rule(
        FaultRule::new(Fault::Status {
            status: 503,
            retry_after: Some("0".into()),
            retry_after_ms: None,
        })
        .method("POST")
        .path(sends)
        .probability(0.06, 3),
    );
    // The reconciling reads are faulted too; the retry layer repeats them.
    proxy.push_rule(
        FaultRule::new(Fault::Status {
            status: 503,
            retry_after: None,
            retry_after_ms: None,
        })
        .method("GET")
        .path(sends)
        .probability(0.2, 4),
    );

    let client = LettaClient::builder()
        .base_url(proxy.base_url())
        .layers_with(
            RetryConfig::default()
                .max_attempts(4)
                .base_delay(Duration::from_millis(20))
                .budget(RetryBudget::unlimited()),
            LimitConfig::recommended(),
        )
        .build()
        .unwrap();
    let sender = Arc::new(ReconcilingSender::new(client, ReconcileConfig::default()));

    let mut tasks = Vec::new();
    for agent in agents.clone() {
        let sender = sender.clone();
        tasks.push(tokio::spawn(async move {
            let mut results = Vec::new();
            for n in 0..SENDS_PER_AGENT {
                let otid = format!("otid-{agent}-{n}");
                let text = format!("message {n}");
                let outcome = sender
                    .send(
                        &agent,
                        MessageCreate::builder(MessageRole::User, text.clone())
                            .otid(otid.clone())
                            .build(),
                    )
                    .await;
                results.push((otid, text, outcome));
            }
            (agent, results)
        }));
    }

    let (mut answered, mut recovered, mut errors) = (0, 0, 0);
    let mut reported: HashMap<String, bool> = HashMap::new();
    let mut per_agent: Vec<(AgentId, Vec<String>)> = Vec::new();
    for task in tasks {
        let (agent, results) = task.await.unwrap();
        let mut otids = Vec::new();
        for (otid, text, outcome) in results {
            match outcome {
                Ok(outcome) => {
                    assert_eq!(
                        outcome.assistant_texts(),
                        vec![format!("You said: {text}")],
                        "{otid}"
                    );
                    match outcome.source {
                        TurnSource::Answered => answered += 1,
                        _ => recovered += 1,
                    }
                    reported.insert(otid.clone(), true);
                }
                Err(e) => {
                    // A typed error that says what happened.
                    assert!(!e.to_string().is_empty());
                    errors += 1;
                    reported.insert(otid.clone(), false);
                }
            }
            otids.push(otid);
        }
        per_agent.push((agent, otids));
    }

    let (mut duplicates, mut lost, mut unreported) = (0, 0, 0);
    for (agent, otids) in &per_agent {
        let history = direct
            .agents()
            .messages(agent)
            .list(&ListMessagesParams::builder().limit(1000).build())
            .await
            .unwrap();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for m in &history {
            if let LettaMessage::User(u) = m {
                if let Some(otid) = &u.meta.otid {
                    *seen.entry(otid.clone()).or_default() += 1;
                }
            }
        }
        for otid in otids {
            let count = seen.get(otid).copied().unwrap_or(0);
            if count > 1 {
                duplicates += 1;
            }
            match (reported[otid], count) {
                (true, 0) => lost += 1,
                (false, n) if n > 0 => unreported += 1,
                _ => {}
            }
        }
    }
    let stats = proxy.stats();
    // Straight to stderr, past the test harness's capture, so the run's log shows the counts.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "faulted sends: {} sends across {AGENTS} agents; proxy saw {} requests and injected {} faults \
         (reset before: {}, reset after: {}, status: {}); outcomes: {answered} answered, {recovered} recovered, \
         {errors} typed errors; duplicates: {duplicates}, lost: {lost}, turns that happened but were reported as errors: {unreported}",
        AGENTS * SENDS_PER_AGENT,
        stats.requests,
        stats.injected.len(),
        stats.reset_before,
        stats.reset_after,
        stats.status,
    );
    assert_eq!(answered + recovered + errors, AGENTS * SENDS_PER_AGENT);
    assert!(
        stats.injected.len() * 100 >= stats.requests * 10,
        "too few faults to mean anything"
    );
    assert_eq!(duplicates, 0, "duplicate turns");
    assert_eq!(lost, 0, "lost turns");
}
