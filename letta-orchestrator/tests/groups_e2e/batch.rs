//! Batch runs: agents on the scripted LLM's Anthropic emulation, whose batch API the server's
//! poller (every second in the testkit) drives to the end. The agents are `memgpt_agent`s (0.7.29's
//! default type): 0.16.8 never finishes a batch of its default `letta_v1_agent`, which the
//! client refuses.

use std::time::Duration;

use letta_core::LettaError;
use letta_core::types::{AgentCreate, AgentType, JobStatus, LettaMessage, MessageCreate, MessageRole};
use letta_orchestrator::Replies;
use letta_orchestrator::batch::{AgentOutcome, BatchError, BatchRun, SubmittedBatch};

use crate::{LLM, anthropic_agent_request, client, handle};

fn on_0_16() -> bool {
    letta_testkit::shared_selected().release() == letta_testkit::LettaRelease::V0_16_8
}

/// An agent both servers can batch: on the Anthropic emulation, replying through `send_message`.
fn batchable(prefix: &str) -> AgentCreate {
    let mut request = anthropic_agent_request(prefix);
    request.agent_type = Some(AgentType::MemgptAgent);
    request
}

#[tokio::test]
async fn a_batch_run_answers_each_agent_and_reports_the_one_that_did_not() {
    let _llm = LLM.read().await;
    let client = client();
    let mut agents = Vec::new();
    for i in 0..3 {
        agents.push(handle(&client, batchable(&format!("batch-{i}"))).await.0);
    }
    let (refused, _) = handle(&client, batchable("batch-refused")).await;
    let (tooling, _) = handle(&client, batchable("batch-tool")).await;

    let mut run = BatchRun::new(client.clone()).timeout(Duration::from_secs(120));
    for (i, agent) in agents.iter().enumerate() {
        run = run.message(agent, MessageCreate::user(format!("batch hello {i}")));
    }
    // The provider refuses this agent's item (the emulation's `#error`).
    let run = run.message(&refused, MessageCreate::user("#error for this one"));
    // This agent's model calls a memory tool first: 0.7.29 fails every tool of a batch step,
    // which makes the agent take another step, in a second provider batch, to reply.
    let call = r##"#call core_memory_append {"label": "human", "content": "likes batches"}"##;
    let started = std::time::Instant::now();
    let results = run
        .message(&tooling, MessageCreate::user(call))
        .run()
        .await
        .unwrap();
    // A figure for the record (`--nocapture`), not an assertion.
    eprintln!(
        "batch of 5 agents (one taking two steps) ended in {:?}",
        started.elapsed()
    );

    assert_eq!(results.status(), &JobStatus::Completed);
    assert_eq!(results.agents.len(), 5);
    for (i, agent) in agents.iter().enumerate() {
        let result = results.agent(agent.id()).expect("a result per agent");
        assert_eq!(result.outcome, AgentOutcome::Replied);
        assert_eq!(
            result.turn.assistant_texts(),
            vec![format!("You said: batch hello {i}")]
        );
        // Grouped per agent, oldest first: the input, then the model's call, then the tool.
        assert!(
            result
                .messages
                .iter()
                .all(|m| m.agent_id.as_ref() == Some(agent.id()))
        );
        let roles: Vec<_> = result.messages.iter().map(|m| m.role.clone()).collect();
        assert_eq!(
            roles,
            vec![MessageRole::User, MessageRole::Assistant, MessageRole::Tool]
        );
        assert_eq!(result.messages[0].text(), format!("batch hello {i}"));
    }
    let tooled = results.agent(tooling.id()).unwrap();
    assert_eq!(tooled.outcome, AgentOutcome::Replied);
    let texts = tooled.turn.assistant_texts();
    assert_eq!(texts.len(), 1, "{texts:?}");
    if on_0_16() {
        // 0.16.8 asks the model for the second step without the first step's messages: the
        // last user message it sees is the agent's login event, which the script echoes.
        assert!(texts[0].starts_with("You said: {"), "{texts:?}");
        assert!(texts[0].contains("\"type\": \"login\""), "{texts:?}");
    } else {
        assert!(
            texts[0].starts_with("Tool returned: Failed to call tool"),
            "{texts:?}"
        );
    }
    let roles: Vec<_> = tooled.messages.iter().map(|m| m.role.clone()).collect();
    assert_eq!(
        roles,
        vec![
            MessageRole::User,
            MessageRole::Assistant,
            MessageRole::Tool,
            MessageRole::User,
            MessageRole::Assistant,
            MessageRole::Tool
        ]
    );

    // Results come in request order, the failed item among them, with its request.
    let order: Vec<_> = results.agents.iter().map(|r| r.agent_id.clone()).collect();
    let mut expected: Vec<_> = agents.iter().map(|a| a.id().clone()).collect();
    expected.extend([refused.id().clone(), tooling.id().clone()]);
    assert_eq!(order, expected);
    let failed: Vec<_> = results.failed().collect();
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(&failed[0].agent_id, refused.id());
    assert_eq!(failed[0].outcome, AgentOutcome::NotRun);
    assert_eq!(
        failed[0].request.messages[0].content.text(),
        "#error for this one"
    );
    let stored: Vec<_> = failed[0]
        .messages
        .iter()
        .map(|m| (m.role.clone(), m.text()))
        .collect();
    assert_eq!(
        stored,
        vec![(MessageRole::User, "#error for this one".to_string())]
    );
    assert!(failed[0].turn.assistant_texts().is_empty());
    assert!(!results.all_replied());

    // Both keep the batch's agents until the batch is deleted: 0.7.29 answers 400, 0.16.8 a 409
    // (its batch items' `agent_id` may not be cleared).
    let err = client.agents().delete(refused.id()).await.unwrap_err();
    let refusal = if on_0_16() { 409 } else { 400 };
    assert_eq!(err.status().map(|s| s.as_u16()), Some(refusal), "{err}");
    let requests = results.agents.iter().map(|r| r.request.clone()).collect();
    let batch = SubmittedBatch::resume(client.clone(), results.batch.id.clone(), requests);
    batch.delete().await.unwrap();
    let gone = batch.status().await.unwrap_err();
    assert_eq!(gone.batch_id(), Some(&results.batch.id));
    assert!(
        matches!(&gone, BatchError::Api { source, .. } if source.is_not_found()),
        "{gone}"
    );
    for agent in agents.iter().chain([&refused, &tooling]) {
        client.agents().delete(agent.id()).await.unwrap();
    }
}

#[tokio::test]
async fn a_batch_that_outlives_its_wait_keeps_its_id_and_can_be_cancelled() {
    let _llm = LLM.read().await;
    let client = client();
    let (agent, _) = handle(&client, batchable("batch-held")).await;
    // `#hold` keeps the emulated provider batch running until it is cancelled.
    let err = BatchRun::new(client.clone())
        .message(&agent, MessageCreate::user("#hold until cancelled"))
        .timeout(Duration::from_secs(3))
        .run()
        .await
        .unwrap_err();
    let (batch_id, requests) = match err {
        BatchError::Timeout {
            batch_id,
            last_status,
            requests,
            ..
        } => {
            assert_eq!(last_status, "running");
            (batch_id, requests)
        }
        other => panic!("expected a timeout, got {other}"),
    };
    assert!(batch_id.as_str().starts_with("job-"), "{batch_id}");
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].agent_id, *agent.id());

    // Resumed by ID: still running, then cancelled.
    let resumed = SubmittedBatch::resume(client.clone(), batch_id.clone(), requests);
    assert_eq!(resumed.status().await.unwrap().status, JobStatus::Running);
    let cancelled = resumed.cancel().await.unwrap();
    assert_eq!(cancelled.status(), &JobStatus::Cancelled);
    assert_eq!(cancelled.batch.id, batch_id);
    let only = &cancelled.agents[0];
    assert_eq!(only.outcome, AgentOutcome::NotRun);
    assert_eq!(only.messages.len(), 1, "{:?}", only.messages);
    assert_eq!(only.messages[0].text(), "#hold until cancelled");
    // Waiting on an ended batch returns at once.
    assert_eq!(resumed.finish().await.unwrap().status(), &JobStatus::Cancelled);
    resumed.delete().await.unwrap();
    match resumed.status().await.unwrap_err() {
        BatchError::Api {
            batch_id: id, source, ..
        } => {
            assert_eq!(id, batch_id);
            assert!(source.is_not_found(), "{source}");
        }
        other => panic!("expected not found, got {other}"),
    }
    client.agents().delete(agent.id()).await.unwrap();
}

#[tokio::test]
async fn a_batch_that_cannot_be_submitted_gives_its_requests_back() {
    let client = client();
    let (agent, _) = handle(&client, batchable("batch-twice")).await;
    let err = BatchRun::new(client.clone())
        .message(&agent, MessageCreate::user("one"))
        .message(&agent, MessageCreate::user("two"))
        .run()
        .await
        .unwrap_err();
    assert!(err.batch_id().is_none());
    assert!(
        matches!(&err, BatchError::Submit { source: LettaError::InvalidInput(m), .. } if m.contains("two requests")),
        "{err}"
    );
    let texts: Vec<_> = err
        .into_requests()
        .iter()
        .map(|r| r.messages[0].content.text())
        .collect();
    assert_eq!(texts, vec!["one", "two"]);

    // The server refuses an agent it does not know; on a client of its own, in case the error
    // closes the connection.
    let missing = "agent-00000000-0000-4000-8000-000000000000";
    let err = BatchRun::new(crate::client())
        .message(
            letta_core::ids::AgentId::new(missing),
            MessageCreate::user("anyone?"),
        )
        .run()
        .await
        .unwrap_err();
    match err {
        BatchError::Submit { source, requests } => {
            assert!(source.status().is_some(), "{source}");
            assert_eq!(requests[0].agent_id.as_str(), missing);
        }
        other => panic!("expected a refused submit, got {other}"),
    }
}

#[tokio::test]
async fn a_batch_with_an_agent_that_replies_in_plain_text_is_refused_on_0_16() {
    if !on_0_16() {
        // 0.7.29 has no `letta_v1_agent`: every agent replies through `send_message`.
        return;
    }
    let client = client();
    let (batchable, _) = handle(&client, batchable("batch-ok")).await;
    let mut plain = anthropic_agent_request("batch-plain");
    plain.agent_type = Some(AgentType::LettaV1Agent);
    let (plain, _) = handle(&client, plain).await;
    let err = BatchRun::new(client.clone())
        .message(&batchable, MessageCreate::user("batch me"))
        .message(&plain, MessageCreate::user("batch me too"))
        .run()
        .await
        .unwrap_err();
    assert!(err.batch_id().is_none());
    let message = err.to_string();
    assert!(message.contains(plain.id().as_str()), "{message}");
    assert!(message.contains("letta_v1_agent"), "{message}");
    assert!(message.contains("nothing was sent"), "{message}");
    let texts: Vec<_> = err
        .into_requests()
        .iter()
        .map(|r| r.messages[0].content.text())
        .collect();
    assert_eq!(texts, vec!["batch me", "batch me too"]);
    // Neither agent got its message.
    for agent in [&batchable, &plain] {
        let history = agent
            .client()
            .agents()
            .messages(agent.id())
            .list(&Default::default())
            .await
            .unwrap();
        assert!(
            !history
                .iter()
                .any(|m| matches!(m, LettaMessage::User(u) if u.content.text().starts_with("batch me"))),
            "{history:?}"
        );
        client.agents().delete(agent.id()).await.unwrap();
    }
}
