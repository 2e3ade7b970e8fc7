//! Runs started with `send_async`, their messages, steps and usage; steps and provider traces.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::ids::RunId;
use letta_core::types::{
    JobStatus, JobType, LettaMessage, LettaRequest, ListRunMessagesParams, ListRunStepsParams,
    ListRunsParams, ListStepsParams, MessageCreate, MessageRole, SortOrder,
};
use letta_core::wait::WaitOptions;

use crate::{client, new_agent};

const CALL: &str = r#"#call archival_memory_insert {"content": "Runs are background steps."}"#;

#[tokio::test]
async fn an_async_send_runs_to_completion_with_messages_steps_and_usage() {
    let client = client();
    let agent = new_agent(&client, "runner").await;
    let run = client
        .agents()
        .messages(&agent.id)
        .send_async(&LettaRequest::from(MessageCreate::user(CALL)))
        .await
        .unwrap();
    assert_eq!(run.agent_id(), Some(agent.id.clone()));
    let done = client
        .runs()
        .wait(&run.id, &WaitOptions::within(Duration::from_secs(60)))
        .await
        .unwrap();
    assert_eq!(done.status, JobStatus::Completed);
    assert_eq!(done.job_type, Some(JobType::Run));
    assert!(done.completed_at.is_some());
    assert_eq!(client.runs().retrieve(&run.id).await.unwrap(), done);

    // 0.7.29 lists only the user's 50 oldest runs (this test server has fewer), and replaces a
    // finished run's metadata with its result, so the agent filter no longer finds it.
    let all = client.runs().list(&ListRunsParams::default()).await.unwrap();
    assert!(all.iter().any(|r| r.id == run.id));
    assert_eq!(done.agent_id(), None);
    assert!(done.metadata.as_ref().is_some_and(|m| m.contains_key("result")));
    let of_agent = client
        .runs()
        .list(&ListRunsParams::agent(agent.id.clone()))
        .await
        .unwrap();
    assert!(of_agent.is_empty(), "{of_agent:?}");
    let active = client
        .runs()
        .list_active(&ListRunsParams::default())
        .await
        .unwrap();
    assert!(active.iter().all(|r| !r.status.is_terminal()), "{active:?}");
    assert!(!active.iter().any(|r| r.id == run.id));

    // Messages: newest first by default; the walk goes oldest first.
    let newest_first = client
        .runs()
        .messages(&run.id, &ListRunMessagesParams::default())
        .await
        .unwrap();
    assert!(
        matches!(newest_first.first(), Some(LettaMessage::Assistant(a))
            if a.content.text() == "Tool returned: None"),
        "{newest_first:?}"
    );
    let walked: Vec<LettaMessage> = client
        .runs()
        .messages_all(&run.id, &ListRunMessagesParams::builder().limit(2).build())
        .try_collect()
        .await
        .unwrap();
    assert!(matches!(walked.first(), Some(LettaMessage::User(u)) if u.content.text() == CALL));
    let key = |m: &LettaMessage| (m.id().map(|i| i.to_string()), m.message_type().to_owned());
    let walked_keys: BTreeSet<_> = walked.iter().map(key).collect();
    assert_eq!(walked_keys.len(), walked.len(), "no repeats");
    assert_eq!(walked_keys, newest_first.iter().map(key).collect());
    let users = client
        .runs()
        .messages(
            &run.id,
            &ListRunMessagesParams::builder()
                .role(MessageRole::User)
                .order(SortOrder::Asc)
                .build(),
        )
        .await
        .unwrap();
    assert!(
        users.iter().all(|m| matches!(m, LettaMessage::User(_))),
        "{users:?}"
    );
    assert_eq!(users.len(), 2, "the message and the heartbeat: {users:?}");

    // Steps: the tool call and the reply after the heartbeat.
    let steps = client
        .runs()
        .steps(
            &run.id,
            &ListRunStepsParams::builder().order(SortOrder::Asc).build(),
        )
        .await
        .unwrap();
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert!(steps.iter().all(|s| s.job_id.as_deref() == Some(run.id.as_str())));
    assert!(steps.iter().all(|s| s.agent_id.as_ref() == Some(&agent.id)));
    assert_eq!(steps[0].model.as_deref(), Some(letta_testkit::llm::MODEL));
    let walked: Vec<_> = client
        .runs()
        .steps_all(&run.id, &ListRunStepsParams::builder().limit(1).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(walked, steps);

    let usage = client.runs().usage(&run.id).await.unwrap();
    let step_total: u64 = steps.iter().filter_map(|s| s.total_tokens).sum();
    assert_eq!(usage.total_tokens, step_total);
    assert_eq!(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert!(usage.completion_tokens > 0);

    let deleted = client.runs().delete(&run.id).await.unwrap();
    assert_eq!(deleted.id, run.id);
    assert!(client.runs().retrieve(&run.id).await.unwrap_err().is_not_found());
}

/// The run's messages oldest first, a page (`order=asc`) and a walk, are in the order of the
/// agent's own history: 0.7.29 lists each stored message's items reversed (`[user, assistant,
/// reasoning]`), the client puts them back.
#[tokio::test]
async fn a_runs_messages_come_in_the_order_of_the_agents_history() {
    let client = client();
    let agent = new_agent(&client, "run-order").await;
    let run = client
        .agents()
        .messages(&agent.id)
        .send_async(&LettaRequest::from(MessageCreate::user(CALL)))
        .await
        .unwrap();
    let done = client
        .runs()
        .wait(&run.id, &WaitOptions::within(Duration::from_secs(60)))
        .await
        .unwrap();
    assert_eq!(done.status, JobStatus::Completed);

    let kinds = |messages: &[LettaMessage]| -> Vec<String> {
        messages.iter().map(|m| m.message_type().to_owned()).collect()
    };
    let expected = [
        "user_message",
        "reasoning_message",
        "tool_call_message",
        "tool_return_message",
        "user_message",
        "reasoning_message",
        "assistant_message",
    ];
    for limit in [Some(1), Some(2), None] {
        let walked: Vec<LettaMessage> = client
            .runs()
            .messages_all(
                &run.id,
                &ListRunMessagesParams::builder().maybe_limit(limit).build(),
            )
            .try_collect()
            .await
            .unwrap();
        assert_eq!(kinds(&walked), expected, "page size {limit:?}");
    }
    let walked: Vec<LettaMessage> = client
        .runs()
        .messages_all(&run.id, &ListRunMessagesParams::default())
        .try_collect()
        .await
        .unwrap();

    // The agent's own history of the same turn: same items, same order.
    let history = client
        .agents()
        .messages(&agent.id)
        .list(&Default::default())
        .await
        .unwrap();
    let key = |m: &LettaMessage| (m.id().cloned(), m.message_type().to_owned());
    let in_run: BTreeSet<_> = walked.iter().map(|m| m.id().cloned()).collect();
    let from_history: Vec<_> = history
        .iter()
        .filter(|m| in_run.contains(&m.id().cloned()))
        .map(key)
        .collect();
    assert_eq!(walked.iter().map(key).collect::<Vec<_>>(), from_history);

    // One page oldest first: in order too (the reply tool's return is there, unhidden).
    let page = client
        .runs()
        .messages(
            &run.id,
            &ListRunMessagesParams::builder().order(SortOrder::Asc).build(),
        )
        .await
        .unwrap();
    let shown: Vec<_> = page
        .iter()
        .filter(
            |m| !matches!(m, LettaMessage::ToolReturn(r) if r.meta.name.as_deref() == Some("send_message")),
        )
        .map(key)
        .collect();
    assert_eq!(shown, from_history);
    // Newest first (the server's default) is the exact reverse.
    let mut newest_first = client
        .runs()
        .messages(&run.id, &ListRunMessagesParams::default())
        .await
        .unwrap();
    newest_first.reverse();
    assert_eq!(newest_first, page);
    let _ = writeln!(
        std::io::stderr(),
        "run messages: {} items in the agent history's order ({})",
        walked.len(),
        kinds(&walked).join(", ")
    );
}

#[tokio::test]
async fn steps_are_listed_retrieved_traced_and_tagged_with_a_transaction() {
    let client = client();
    let agent = new_agent(&client, "stepper").await;
    client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("count my steps"))
        .await
        .unwrap();
    let steps = client
        .steps()
        .list(&ListStepsParams::builder().agent_id(agent.id.clone()).build())
        .await
        .unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    let step = &steps[0];
    assert_eq!(step.agent_id.as_ref(), Some(&agent.id));
    assert!(step.prompt_tokens.unwrap_or(0) > 0);
    assert_eq!(step.context_window_limit, Some(16384));
    assert_eq!(client.steps().retrieve(&step.id).await.unwrap(), *step);

    let tagged = client
        .steps()
        .modify_transaction_id(&step.id, "tx-42")
        .await
        .unwrap();
    assert_eq!(tagged.tid.as_deref(), Some("tx-42"));

    let trace = client.telemetry().provider_trace(&step.id).await.unwrap();
    assert_eq!(trace.step_id.as_ref(), Some(&step.id));
    assert_eq!(trace.request_json["model"], letta_testkit::llm::MODEL);
    let prompt = serde_json::Value::Object(trace.request_json.clone()).to_string();
    assert!(prompt.contains("count my steps"), "{prompt}");
    let answer = serde_json::Value::Object(trace.response_json.clone()).to_string();
    assert!(answer.contains("You said: count my steps"), "{answer}");

    // A second send adds a step; the walk sees both, oldest first.
    client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("and one more"))
        .await
        .unwrap();
    let all: Vec<_> = client
        .steps()
        .list_all(
            &ListStepsParams::builder()
                .agent_id(agent.id.clone())
                .limit(1)
                .build(),
        )
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].id, step.id);
    let by_model = client
        .steps()
        .list(
            &ListStepsParams::builder()
                .agent_id(agent.id.clone())
                .model("no-such-model")
                .build(),
        )
        .await
        .unwrap();
    assert!(by_model.is_empty());
}

#[tokio::test]
async fn an_unknown_run_is_not_found() {
    let client = client();
    let err = client
        .runs()
        .wait(
            &RunId::from("run-00000000-0000-4000-8000-000000000000"),
            &WaitOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

/// 0.7.29 accepts `send_async` to an agent that does not exist (it only creates the run), fails
/// the run in the background and then closes the keep-alive connection the answer went out on.
/// A default client (no layers) must report the run's failure, and the idempotent calls that
/// follow on its pooled connections must succeed, never fail on a stale connection.
#[tokio::test]
async fn a_default_client_reports_the_failed_run_of_a_send_to_an_unknown_agent() {
    let client = letta_core::LettaClient::new(crate::server().base_url()).unwrap();
    let unknown = "agent-00000000-0000-4000-8000-000000000000";
    for round in 0..3 {
        let run = client
            .agents()
            .messages(unknown)
            .send_async(&LettaRequest::from(MessageCreate::user("hello?")))
            .await
            .unwrap_or_else(|e| panic!("round {round}: send_async: {e}"));
        let done = client
            .runs()
            .wait(&run.id, &WaitOptions::within(Duration::from_secs(60)))
            .await
            .unwrap_or_else(|e| panic!("round {round}: wait: {e}"));
        assert_eq!(done.status, JobStatus::Failed, "round {round}: {done:?}");
        let error = done
            .metadata
            .as_ref()
            .and_then(|m| m.get("error"))
            .and_then(|e| e.as_str())
            .unwrap_or_default()
            .to_owned();
        assert!(error.contains(unknown), "round {round}: {error:?}");
        // More idempotent calls on the same pool, right away.
        for _ in 0..5 {
            client.runs().retrieve(&run.id).await.unwrap();
            client.agents().count().await.unwrap();
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "default client: send_async to an unknown agent, then runs().wait: the run's failure reported in 3 of 3 rounds"
    );
}

/// 300 calls of a default client on the real server, a third of them `send_async` to an agent
/// that does not exist, after each of which 0.7.29 closes the connection (see above): every
/// idempotent call succeeds (a stale pooled connection is met and the call repeated once), and
/// every send is answered with its run (a send is never repeated, so it is made on a connection
/// the client has not used since the server could have closed it).
#[tokio::test]
async fn three_hundred_calls_of_a_default_client_meet_no_stale_connection_failure() {
    let client = letta_core::LettaClient::new(crate::server().base_url()).unwrap();
    let unknown = "agent-00000000-0000-4000-8000-000000000001";
    let (mut calls, mut sends, mut failures) = (0, 0, Vec::new());
    let mut runs = Vec::new();
    while calls < 300 {
        match client
            .agents()
            .messages(unknown)
            .send_async(&LettaRequest::from(MessageCreate::user("anyone there?")))
            .await
        {
            Ok(run) => runs.push(run.id),
            Err(e) => failures.push(format!("send_async: {e}")),
        }
        sends += 1;
        calls += 1;
        // The server closes the connection once the run has failed in the background; these
        // reads race that close.
        for _ in 0..2 {
            let read = match runs.last() {
                Some(id) => client.runs().retrieve(id).await.map(drop),
                None => client.agents().count().await.map(drop),
            };
            if let Err(e) = read {
                failures.push(format!("retrieve run: {e}"));
            }
            calls += 1;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(failures.is_empty(), "{} failures: {failures:?}", failures.len());
    assert_eq!(runs.len(), sends);
    let last = client
        .runs()
        .wait(
            runs.last().unwrap(),
            &WaitOptions::within(Duration::from_secs(60)),
        )
        .await
        .unwrap();
    assert_eq!(last.status, JobStatus::Failed, "{last:?}");
    let _ = writeln!(
        std::io::stderr(),
        "default client on the real server: {calls} calls ({sends} send_async to an unknown agent, each followed by the server closing its connection): 0 failures"
    );
}
