//! Message batches and jobs on the real 0.16.8: agents on the scripted LLM's Anthropic
//! emulation, whose Message Batches API the server's batch poller drives; a batch is a job, so
//! the jobs routes read, cancel and delete it.

use std::time::Duration;

use letta_core::types::{
    AgentState, AgentType, BatchCreate, JobStatus, JobType, LettaBatchRequest, ListBatchMessagesParams,
    MessageCreate, MessageRole,
};
use letta_core::wait::WaitOptions;

use crate::{client, server, unique};

async fn anthropic_agent(client: &letta_core::LettaClient, prefix: &str) -> AgentState {
    let request = server()
        .llm()
        .anthropic_agent_request(unique(prefix))
        // The batch runner resumes a step through `send_message`, which a letta_v1_agent (the
        // default type) lacks.
        .agent_type(AgentType::MemgptAgent)
        .memory_blocks(letta_testkit::llm::memory_blocks())
        .build();
    client
        .agents()
        .create(&request)
        .await
        .expect("create an Anthropic agent")
}

#[tokio::test]
async fn a_batch_runs_its_agent_and_is_read_as_a_job() {
    let client = client();
    let agent = anthropic_agent(&client, "batch").await;
    let batch = client
        .batches()
        .create(&BatchCreate::new([LettaBatchRequest::new(
            agent.id.clone(),
            MessageCreate::user("#reply from the batch"),
        )]))
        .await
        .unwrap();
    assert_eq!(batch.status, JobStatus::Running);
    let done = client
        .batches()
        .wait(&batch.id, &WaitOptions::within(Duration::from_secs(120)))
        .await
        .unwrap();
    assert_eq!(done.status, JobStatus::Completed, "{done:?}");
    assert_eq!(client.batches().retrieve(&batch.id).await.unwrap().id, batch.id);
    let messages = client
        .batches()
        .messages(&batch.id, &ListBatchMessagesParams::default())
        .await
        .unwrap();
    assert!(
        messages
            .iter()
            .any(|m| m.role == MessageRole::User && m.text() == "#reply from the batch"),
        "{messages:?}"
    );
    assert!(messages.iter().all(|m| m.agent_id.as_ref() == Some(&agent.id)));

    let job = client.jobs().retrieve(&batch.id).await.unwrap();
    assert_eq!(job.status, JobStatus::Completed);
    // The jobs listings hold plain jobs only, not batches.
    let jobs = client.jobs().list(None).await.unwrap();
    assert!(
        jobs.iter()
            .all(|j| j.id != batch.id && j.job_type == JobType::Job),
        "{jobs:?}"
    );
    let deleted = client.jobs().delete(&batch.id).await.unwrap();
    assert_eq!(deleted.id, batch.id);
    assert!(
        client
            .jobs()
            .retrieve(&batch.id)
            .await
            .unwrap_err()
            .is_not_found()
    );
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn held_batches_are_listed_active_and_cancelled_as_batches_and_as_jobs() {
    let client = client();
    let agent = anthropic_agent(&client, "batch-held").await;
    // `#hold` keeps the emulated provider batch in progress until it is cancelled.
    let held = || {
        BatchCreate::new([LettaBatchRequest::new(
            agent.id.clone(),
            MessageCreate::user("#hold until cancelled"),
        )])
    };
    let first = client.batches().create(&held()).await.unwrap();
    let second = client.batches().create(&held()).await.unwrap();

    let running = client.batches().list().await.unwrap();
    assert!(running.iter().any(|b| b.id == first.id), "{running:?}");
    // Running batches are jobs, but the jobs listings hold plain jobs only.
    let active = client.jobs().list_active().await.unwrap();
    assert!(
        active
            .iter()
            .all(|j| j.job_type == JobType::Job && !j.status.is_terminal()),
        "{active:?}"
    );
    assert_eq!(
        client.jobs().retrieve(&second.id).await.unwrap().status,
        JobStatus::Running
    );

    let cancelled = client.batches().cancel(&first.id).await.unwrap();
    assert_eq!(cancelled.status, JobStatus::Cancelled);
    // 0.16.8 cancels the job, then fails to answer (its route returns a bool where a job is
    // due: 500). The provider's batch is left running: a batch cancel stops it.
    let refused = client.jobs().cancel(&second.id).await.unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(500), "{refused}");
    assert_eq!(
        client.jobs().retrieve(&second.id).await.unwrap().status,
        JobStatus::Cancelled
    );
    client.batches().cancel(&second.id).await.unwrap();
    let running = client.batches().list().await.unwrap();
    assert!(
        !running.iter().any(|b| b.id == first.id || b.id == second.id),
        "{running:?}"
    );

    for id in [&first.id, &second.id] {
        client.jobs().delete(id).await.unwrap();
    }
    client.agents().delete(&agent.id).await.unwrap();
}
