//! Message batches on the real server: agents on the scripted LLM's Anthropic emulation, whose
//! Message Batches API the server's batch poller drives to the end.

use std::collections::BTreeSet;
use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::LettaError;
use letta_core::types::Replies;
use letta_core::types::{
    AgentState, BatchCreate, JobStatus, JobType, LettaBatchRequest, LettaMessage, ListBatchMessagesParams,
    ListMessagesParams, Message, MessageCreate, MessageRole, ModelEndpointType,
};
use letta_core::wait::WaitOptions;

use crate::{anthropic_agent_request, client, unique};

async fn anthropic_agent(client: &letta_core::LettaClient, prefix: &str) -> AgentState {
    client
        .agents()
        .create(&anthropic_agent_request(&unique(prefix)).build())
        .await
        .expect("create an Anthropic agent")
}

/// The `message` argument of the `send_message` call among `messages`.
fn reply_of(messages: &[Message]) -> Option<String> {
    messages.iter().find_map(|m| {
        let call = m.tool_call()?;
        (call.function.name == "send_message").then(|| {
            serde_json::from_str::<serde_json::Value>(&call.function.arguments).ok()?["message"]
                .as_str()
                .map(str::to_owned)
        })?
    })
}

#[tokio::test]
async fn an_anthropic_agent_answers_through_the_messages_api() {
    let client = client();
    let agent = anthropic_agent(&client, "claude").await;
    assert_eq!(agent.llm_config.model_endpoint_type, ModelEndpointType::Anthropic);
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("hello claude"))
        .await
        .unwrap();
    assert_eq!(
        reply.assistant_texts(),
        vec!["You said: hello claude".to_string()]
    );
}

#[tokio::test]
async fn a_batch_runs_every_agent_and_completes() {
    let client = client();
    let first = anthropic_agent(&client, "batch-a").await;
    let second = anthropic_agent(&client, "batch-b").await;
    let batch = client
        .batches()
        .create(&BatchCreate::new([
            LettaBatchRequest::new(first.id.clone(), MessageCreate::user("batch one")),
            LettaBatchRequest::new(second.id.clone(), MessageCreate::user("#reply batch two answer")),
        ]))
        .await
        .unwrap();
    assert!(batch.id.as_str().starts_with("job-"), "{}", batch.id);
    assert_eq!(batch.job_type, JobType::Batch);
    assert_eq!(batch.status, JobStatus::Running);

    let done = client
        .batches()
        .wait(&batch.id, &WaitOptions::within(Duration::from_secs(90)))
        .await
        .unwrap();
    assert_eq!(done.status, JobStatus::Completed);
    assert!(done.completed_at.is_some());
    assert!(
        !client
            .batches()
            .list()
            .await
            .unwrap()
            .iter()
            .any(|b| b.id == batch.id)
    );
    let as_job = client.jobs().retrieve(&batch.id).await.unwrap();
    assert_eq!(
        (as_job.id.clone(), as_job.job_type.clone()),
        (batch.id.clone(), JobType::Batch)
    );

    // Each agent's step: the message, the scripted send_message call, and the tool's result.
    let all = client
        .batches()
        .messages(&batch.id, &ListBatchMessagesParams::default())
        .await
        .unwrap();
    for (agent, text, reply) in [
        (&first, "batch one", "You said: batch one"),
        (&second, "#reply batch two answer", "batch two answer"),
    ] {
        let own: Vec<Message> = client
            .batches()
            .messages(
                &batch.id,
                &ListBatchMessagesParams::builder()
                    .agent_id(agent.id.clone())
                    .build(),
            )
            .await
            .unwrap();
        assert!(own.iter().all(|m| m.agent_id.as_ref() == Some(&agent.id)));
        assert!(own.iter().all(|m| m.batch_item_id.is_some()));
        let roles: BTreeSet<String> = own.iter().map(|m| m.role.to_string()).collect();
        assert_eq!(
            roles,
            BTreeSet::from(["assistant".into(), "tool".into(), "user".into()])
        );
        assert!(
            own.iter()
                .any(|m| m.role == MessageRole::User && m.text() == text)
        );
        assert_eq!(reply_of(&own).as_deref(), Some(reply));
        // 0.7.29 cannot run a batch's tools: it builds its tool executor with missing arguments.
        let tool = own.iter().find(|m| m.role == MessageRole::Tool).unwrap();
        assert!(tool.text().contains("Failed to call tool"), "{}", tool.text());

        // The reply is in the agent's own conversation too.
        let conversation = client
            .agents()
            .messages(&agent.id)
            .list(&ListMessagesParams::builder().limit(50).build())
            .await
            .unwrap();
        assert!(
            conversation
                .iter()
                .any(|m| matches!(m, LettaMessage::Assistant(a) if a.content.text() == reply)),
            "{conversation:?}"
        );
    }
    assert_eq!(all.len(), 6);

    // Walking page by page, oldest first, gives the same messages once each.
    let walked: Vec<Message> = client
        .batches()
        .messages_all(
            &batch.id,
            &ListBatchMessagesParams::builder()
                .limit(1)
                .sort_descending(false)
                .build(),
        )
        .try_collect()
        .await
        .unwrap();
    let ids = |ms: &[Message]| ms.iter().map(|m| m.id.to_string()).collect::<Vec<_>>();
    let mut newest_first = ids(&all);
    newest_first.reverse();
    assert_eq!(ids(&walked), newest_first);

    // Why the walk does not use the cursor: 0.7.29 fails on any, with an unhandled 500 that also
    // closes the connection (so on a client of its own, whose pool is not used again).
    let err = crate::client()
        .batches()
        .messages(
            &batch.id,
            &ListBatchMessagesParams::builder().cursor(&all[0].id).build(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500), "{err}");

    let deleted = client.jobs().delete(&batch.id).await.unwrap();
    assert_eq!(deleted.id, batch.id);
    assert!(
        client
            .batches()
            .retrieve(&batch.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn a_running_batch_can_be_waited_for_and_cancelled() {
    let client = client();
    let agent = anthropic_agent(&client, "batch-held").await;
    // `#hold` keeps the emulated provider batch in progress until it is cancelled.
    let batch = client
        .batches()
        .create(&BatchCreate::new([LettaBatchRequest::new(
            agent.id.clone(),
            MessageCreate::user("#hold until cancelled"),
        )]))
        .await
        .unwrap();
    let err = client
        .batches()
        .wait(&batch.id, &WaitOptions::within(Duration::from_secs(3)))
        .await
        .unwrap_err();
    match err {
        LettaError::WaitTimeout {
            what,
            id,
            last_status,
            after,
        } => {
            assert_eq!(
                (what, id.as_str(), last_status.as_str()),
                ("batch", batch.id.as_str(), "running")
            );
            assert!(after >= Duration::from_secs(3));
        }
        other => panic!("expected a wait timeout, got {other}"),
    }
    let running = client.batches().list().await.unwrap();
    assert!(running.iter().any(|b| b.id == batch.id));
    assert!(running.iter().all(|b| b.job_type == JobType::Batch));

    let cancelled = client.batches().cancel(&batch.id).await.unwrap();
    assert_eq!(cancelled.status, JobStatus::Cancelled);
    assert!(
        !client
            .batches()
            .list()
            .await
            .unwrap()
            .iter()
            .any(|b| b.id == batch.id)
    );
    // Only the message went in; no step ran.
    let messages = client
        .batches()
        .messages(&batch.id, &ListBatchMessagesParams::default())
        .await
        .unwrap();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].role, MessageRole::User);
}

#[tokio::test]
async fn jobs_list_only_plain_jobs() {
    let client = client();
    for job in client.jobs().list(None).await.unwrap() {
        assert_eq!(job.job_type, JobType::Job, "{job:?}");
    }
    for job in client.jobs().list_active().await.unwrap() {
        assert!(!job.status.is_terminal(), "{job:?}");
    }
}

#[tokio::test]
async fn an_empty_batch_is_refused_before_anything_is_sent() {
    let client = client();
    let err = client.batches().create(&BatchCreate::new([])).await.unwrap_err();
    assert!(
        matches!(err, LettaError::InvalidInput(ref m) if m.contains("at least one request")),
        "{err}"
    );
    let mut request = LettaBatchRequest::new("agent-x", MessageCreate::user("x"));
    request.messages.clear();
    let err = client
        .batches()
        .create(&BatchCreate::new([request]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, LettaError::InvalidInput(ref m) if m.contains("agent-x")),
        "{err}"
    );
}
