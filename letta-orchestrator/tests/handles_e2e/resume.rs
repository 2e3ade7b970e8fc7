//! Long turns that survive the client: a child process (this test binary run again) starts a
//! background turn, prints each event and its progress, and is killed mid-turn; this process
//! resumes from the last progress printed and gets the rest of the turn, each event once.
//! Letta 0.16+; on 0.7.29 the typed refusal comes before anything is sent.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use futures_util::{StreamExt, TryStreamExt};
use letta_core::types::{JobStatus, RetrieveStreamRequest};
use letta_core::{LettaClient, LettaError, StreamEvent};
use letta_orchestrator::{AgentHandle, Replies, TurnProgress};
use letta_testkit::LettaRelease;
use serde_json::json;

use crate::{client, new_agent};

const WORDS: &str = "one two three four five six seven eight nine ten eleven twelve";

/// Set (to the server's base URL) for the child process only.
const CHILD_BASE_URL: &str = "LETTA_H4_RESUME_CHILD_BASE_URL";
/// The agent the child sends to.
const CHILD_AGENT: &str = "LETTA_H4_RESUME_CHILD_AGENT";
/// How many events the child reads before it stops and waits to be killed.
const CHILD_EVENTS: usize = 4;

/// A numbered event as `(seq_id, assistant text)`.
type Numbered = (u64, String);

fn numbered(event: &StreamEvent) -> Option<Numbered> {
    let text = event
        .as_message()
        .and_then(|m| m.assistant_text())
        .unwrap_or_default();
    event.seq_id().map(|seq| (seq, text))
}

fn text(events: &[Numbered]) -> String {
    let joined: String = events.iter().map(|(_, t)| t.as_str()).collect();
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The child: not a test of its own (it returns at once unless the parent started it).
#[tokio::test]
async fn child_starts_a_background_turn_and_is_killed() {
    let Ok(base_url) = std::env::var(CHILD_BASE_URL) else {
        return;
    };
    let agent_id = std::env::var(CHILD_AGENT).expect("the parent names the agent");
    let client = LettaClient::builder().base_url(base_url).build().unwrap();
    let agent = AgentHandle::new(client, agent_id);
    let mut turn = agent.send_background(format!("#reply {WORDS}")).await.unwrap();
    for _ in 0..CHILD_EVENTS {
        let event = turn.next().await.expect("an event").unwrap();
        let line = json!({"numbered": numbered(&event)});
        println!("EVENT {line}");
        println!("PROGRESS {}", serde_json::to_string(&turn.progress()).unwrap());
    }
    println!("PAUSED");
    // Stopped mid-turn, as a process that hangs until it is killed.
    std::future::pending::<()>().await;
}

/// Starts the child on `agent`; returns what it printed up to its pause, once it is killed.
async fn run_child_until_paused(agent: &AgentHandle) -> (Vec<Option<Numbered>>, TurnProgress) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "resume::child_starts_a_background_turn_and_is_killed",
            "--nocapture",
        ])
        .env(CHILD_BASE_URL, letta_testkit::shared_selected().base_url())
        .env(CHILD_AGENT, agent.id().as_str())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the child process");
    let stdout = child.stdout.take().unwrap();
    tokio::task::spawn_blocking(move || {
        let (mut events, mut progress) = (Vec::new(), None);
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap();
            if let Some(event) = line.strip_prefix("EVENT ") {
                let event: serde_json::Value = serde_json::from_str(event).unwrap();
                events.push(serde_json::from_value(event["numbered"].clone()).unwrap());
            } else if let Some(saved) = line.strip_prefix("PROGRESS ") {
                progress = Some(serde_json::from_str(saved).unwrap());
            } else if line == "PAUSED" {
                break;
            }
        }
        child.kill().expect("kill the child");
        child.wait().unwrap();
        let progress = progress.unwrap_or_else(|| panic!("the child printed no progress: {events:?}"));
        (events, progress)
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_turn_resumed_by_another_process_after_a_kill_delivers_the_rest_once() {
    let agent = new_agent("resume").await;
    if letta_testkit::shared_selected().release() != LettaRelease::V0_16_8 {
        let error = agent.send_background("#reply never").await.unwrap_err();
        assert!(matches!(error, LettaError::NotServed { .. }), "{error:?}");
        let progress = TurnProgress::new(agent.id().clone(), "run-none", Some(3));
        let error = agent.resume(&progress).await.unwrap_err();
        assert!(matches!(error, LettaError::NotServed { .. }), "{error:?}");
        eprintln!("note: Letta 0.7.29 has no background runs; only the refusal was checked");
        agent.delete().await.unwrap();
        return;
    }

    let (child_events, progress) = run_child_until_paused(&agent).await;
    assert_eq!(child_events.len(), CHILD_EVENTS, "{child_events:?}");
    assert_eq!(progress.agent_id, *agent.id());
    let child_numbered: Vec<Numbered> = child_events.into_iter().flatten().collect();
    assert_eq!(progress.last_seq_id, child_numbered.last().map(|(seq, _)| *seq));

    // A fresh process's view: a new client, the saved progress only.
    let saved = serde_json::to_string(&progress).unwrap();
    let progress: TurnProgress = serde_json::from_str(&saved).unwrap();
    let resumer = AgentHandle::new(client(), progress.agent_id.clone());
    let mut resumed = resumer.resume(&progress).await.unwrap();
    assert_eq!(resumed.run_id(), &progress.run_id);
    let mut rest = Vec::new();
    while let Some(event) = resumed.next().await {
        rest.push(event.unwrap());
    }
    let stops = rest
        .iter()
        .filter(|e| matches!(e, StreamEvent::StopReason(_)))
        .count();
    let usages = rest.iter().filter(|e| matches!(e, StreamEvent::Usage(_))).count();
    assert_eq!((stops, usages), (1, 1), "the turn's end arrives once: {rest:?}");
    let rest: Vec<Numbered> = rest.iter().filter_map(numbered).collect();
    assert!(!rest.is_empty(), "events after the kill arrived");
    assert_eq!(resumed.progress().last_seq_id, rest.last().map(|(seq, _)| *seq));

    // The child's events and the resumed ones are the run's whole stream, each once, in order.
    let whole: Vec<Numbered> = resumer
        .client()
        .runs()
        .stream(&progress.run_id, &RetrieveStreamRequest::after(0))
        .await
        .unwrap()
        .try_collect::<Vec<_>>()
        .await
        .unwrap()
        .iter()
        .filter_map(numbered)
        .collect();
    let mut together = child_numbered.clone();
    together.extend(rest.iter().cloned());
    assert_eq!(together, whole);
    assert!(together.windows(2).all(|w| w[0].0 < w[1].0), "{together:?}");
    assert_eq!(text(&together), WORDS);
    assert_ne!(text(&child_numbered), WORDS, "the child was cut mid-turn");

    let turn = resumed.finish().await.unwrap();
    assert_eq!(turn.assistant_texts(), [WORDS]);
    let run = turn.run().expect("a run's turn");
    assert_eq!((&run.id, &run.status), (&progress.run_id, &JobStatus::Completed));
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn resuming_a_turn_followed_to_its_end_delivers_nothing_again() {
    let agent = new_agent("resume-end").await;
    if letta_testkit::shared_selected().release() != LettaRelease::V0_16_8 {
        eprintln!("note: Letta 0.7.29 has no background runs (the refusal is checked beside)");
        agent.delete().await.unwrap();
        return;
    }
    let mut turn = agent.send_background("#reply all of it").await.unwrap();
    let mut seen = Vec::new();
    while let Some(event) = turn.next().await {
        seen.push(event.unwrap());
    }
    let progress = turn.progress();
    assert!(
        progress.stop_reason_delivered && progress.usage_delivered,
        "{progress:?}"
    );
    let seen: Vec<Numbered> = seen.iter().filter_map(numbered).collect();
    assert_eq!(text(&seen), "all of it");
    assert_eq!(progress.last_seq_id, seen.last().map(|(seq, _)| *seq));

    // The stop reason and usage have no seq_id: the saved progress keeps them from coming again.
    let saved: TurnProgress = serde_json::from_str(&serde_json::to_string(&progress).unwrap()).unwrap();
    let mut again = agent.resume(&saved).await.unwrap();
    let mut more = Vec::new();
    while let Some(event) = again.next().await {
        more.push(event.unwrap());
    }
    assert!(more.is_empty(), "{more:?}");
    let turn = again.await.unwrap();
    assert_eq!(turn.assistant_texts(), ["all of it"]);
    agent.delete().await.unwrap();
}
