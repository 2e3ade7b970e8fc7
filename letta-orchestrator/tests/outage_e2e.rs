//! Fan-outs of 200 items over 20 agents against the real Letta server (its own, not the shared
//! one: the Letta process is killed here), through the fault proxy, with an outage part-way:
//! (a) connections refused for 10 s, (b) connections accepted and never answered for 10 s,
//! (c) the Letta process killed and started again on the same database. Every item must end
//! answered or recovered exactly once, or not sent; no item reported failed or unknown may have
//! a turn in the agent's history once the server is back; no turn may be duplicated.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use letta_core::LettaClient;
use letta_core::ids::AgentId;
use letta_core::types::{AgentCreate, LettaMessage, ListMessagesParams, MessageCreate};
use letta_orchestrator::fanout::{Fanout, FanoutItem, FanoutResult};
use letta_orchestrator::layers::RecommendedLayers;
use letta_orchestrator::reconcile::{ReconcileConfig, ReconcilingSender, SendError};
use letta_orchestrator::{Replies, TurnSource};
use letta_testkit::fault_proxy::FaultProxy;
use letta_testkit::{LettaRelease, LettaServer};

const AGENTS: usize = 20;
const ITEMS: usize = 200;
const OUTAGE: Duration = Duration::from_secs(10);
/// Items done before the outage starts.
const BEFORE_OUTAGE: u64 = 40;

#[derive(Debug, Clone, Copy)]
enum Outage {
    Refused,
    BlackHole,
    Restart,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fan_outs_ride_out_outages_with_no_duplicate_and_no_misreported_turn() {
    let server = Arc::new(
        tokio::task::spawn_blocking(|| {
            LettaServer::start_version(LettaRelease::from_env().expect("LETTA_SERVER_VERSION"))
        })
        .await
        .unwrap()
        .expect("an own Letta server"),
    );
    let direct = LettaClient::new(server.base_url()).unwrap();
    let agents = create_agents(&direct, &server).await;
    let proxy = FaultProxy::in_front_of(&server).unwrap();
    // A call timeout of a few seconds, so a black-holed call ends; one send per agent.
    let client = LettaClient::builder()
        .base_url(proxy.base_url())
        .timeout(Duration::from_secs(6))
        .recommended_layers()
        .build()
        .unwrap();
    let config = ReconcileConfig {
        // Longer than a step takes when the server is busy, so a slow turn is found.
        grace: Duration::from_secs(5),
        reconcile_deadline: Duration::from_secs(150),
        unreachable_deadline: Duration::from_secs(30),
        backoff_max: Duration::from_secs(2),
        ..ReconcileConfig::default()
    };
    let fanout = Fanout::new(ReconcilingSender::new(client, config)).concurrency(8);

    let mut failures = Vec::new();
    for outage in [Outage::Refused, Outage::BlackHole, Outage::Restart] {
        let summary = run_scenario(outage, &fanout, &agents, &proxy, &server, &direct).await;
        if let Err(problem) = summary {
            failures.push(problem);
        }
    }
    tokio::task::spawn_blocking(move || drop(server)).await.unwrap();
    assert!(failures.is_empty(), "{failures:#?}");
}

async fn run_scenario(
    outage: Outage,
    fanout: &Fanout,
    agents: &[AgentId],
    proxy: &FaultProxy,
    server: &Arc<LettaServer>,
    direct: &LettaClient,
) -> Result<(), String> {
    let name = match outage {
        Outage::Refused => "refused 10s",
        Outage::BlackHole => "black hole 10s",
        Outage::Restart => "letta killed and restarted",
    };
    let started = Instant::now();
    let items: Vec<_> = (0..ITEMS)
        .map(|n| {
            let agent = agents[n % AGENTS].clone();
            FanoutItem::keyed(n, agent, MessageCreate::user(format!("{name} item {n}")))
        })
        .collect();
    let mut stream = fanout.run(items);
    let progress = stream.progress();
    let collector = tokio::spawn(async move {
        let mut results = Vec::new();
        while let Some(result) = stream.next().await {
            results.push(result);
        }
        results
    });
    while progress.snapshot().done < BEFORE_OUTAGE {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let outage_started = Instant::now();
    match outage {
        Outage::Refused | Outage::BlackHole => {
            if matches!(outage, Outage::Refused) {
                proxy.refuse_connections().unwrap();
            } else {
                proxy.black_hole().unwrap();
            }
            tokio::time::sleep(OUTAGE).await;
            proxy.restore().unwrap();
        }
        Outage::Restart => {
            let before = server.process_ids()[1];
            let restarting = Arc::clone(server);
            tokio::task::spawn_blocking(move || restarting.restart_letta())
                .await
                .unwrap()
                .expect("the Letta server comes back");
            assert_ne!(server.process_ids()[1], before, "a new Letta process");
        }
    }
    let down_for = outage_started.elapsed();
    let results = collector.await.unwrap();
    let fanned = started.elapsed();
    let mut check = check(&results, agents, direct).await;
    let resent = progress.snapshot().retried;
    if resent == 0 {
        check
            .problems
            .push("no send was resent: the outage hit nothing".into());
    }
    let held = proxy.stats().black_holed;
    proxy.clear();
    if matches!(outage, Outage::BlackHole) && held == 0 {
        check.problems.push("the black hole held no connection".into());
    }
    // Straight to stderr, past the test harness's capture, so the run's log shows it.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "outage {name}: {ITEMS} items: {} answered, {} recovered, {} not sent, {} unknown, {} other errors; \
         {} duplicate turns; {} misreported; {resent} resends; down {:.1}s, fan-out {:.1}s",
        check.answered,
        check.recovered,
        check.not_sent,
        check.unknown,
        check.other,
        check.duplicates,
        check.misreported,
        down_for.as_secs_f64(),
        fanned.as_secs_f64(),
    );
    if check.problems.is_empty() {
        Ok(())
    } else {
        Err(format!("outage {name}: {:#?}", check.problems))
    }
}

#[derive(Default)]
struct Check {
    answered: usize,
    recovered: usize,
    not_sent: usize,
    unknown: usize,
    other: usize,
    duplicates: usize,
    misreported: usize,
    problems: Vec<String>,
}

/// Compares every result with the agents' whole histories.
async fn check(results: &[FanoutResult<usize>], agents: &[AgentId], direct: &LettaClient) -> Check {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for agent in agents {
        let history: Vec<LettaMessage> = direct
            .agents()
            .messages(agent)
            .list_all(&ListMessagesParams::builder().limit(100).build())
            .map(|m| m.expect("the history reads once the server is back"))
            .collect()
            .await;
        for m in &history {
            if let LettaMessage::User(u) = m {
                if let Some(otid) = &u.meta.otid {
                    *seen.entry(otid.clone()).or_default() += 1;
                }
            }
        }
    }
    let mut check = Check::default();
    if results.len() != ITEMS {
        check
            .problems
            .push(format!("{} results for {ITEMS} items", results.len()));
    }
    for result in results {
        let otid = result.otid().expect("every item has an otid").to_owned();
        let count = seen.get(&otid).copied().unwrap_or(0);
        if count > 1 {
            check.duplicates += 1;
            check.problems.push(format!("item {}: {count} turns", result.key));
        }
        let text = result.message.content.text();
        match &result.outcome {
            Ok(outcome) => {
                match outcome.source {
                    TurnSource::Recovered => check.recovered += 1,
                    _ => check.answered += 1,
                }
                if outcome.assistant_texts() != [format!("You said: {text}")] {
                    check.problems.push(format!(
                        "item {}: reply {:?}",
                        result.key,
                        outcome.assistant_texts()
                    ));
                }
                if count == 0 {
                    check
                        .problems
                        .push(format!("item {}: answered but not in the history", result.key));
                }
            }
            Err(error) => {
                match error {
                    SendError::NotSent { .. } => check.not_sent += 1,
                    SendError::Unknown { .. } => check.unknown += 1,
                    _ => check.other += 1,
                }
                if !matches!(error, SendError::NotSent { .. }) {
                    check.problems.push(format!("item {}: {error}", result.key));
                }
                if count > 0 {
                    check.misreported += 1;
                    check
                        .problems
                        .push(format!("item {}: reported {error} but its turn ran", result.key));
                }
            }
        }
    }
    check
}

async fn create_agents(direct: &LettaClient, server: &LettaServer) -> Vec<AgentId> {
    let requests: Vec<AgentCreate> = (0..AGENTS)
        .map(|i| server.llm().agent_request(format!("outage-{i}")).build())
        .collect();
    futures_util::stream::iter(requests)
        .map(|request| async move { direct.agents().create(&request).await.unwrap().id })
        .buffered(4)
        .collect()
        .await
}
