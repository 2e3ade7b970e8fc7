//! Runs and steps on the real 0.16.8: an async send's run read back whole (messages, steps,
//! usage, metrics), its steps with their messages, metrics, feedback and transaction ID, the
//! provider trace, the ClickHouse-only run trace, and the two routes 0.16.8 breaks (deleting a
//! run, listing steps, recording a step's transaction ID).

use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::types::{
    FeedbackType, JobStatus, LettaMessage, LettaRequest, ListRunMessagesParams, ListRunStepsParams,
    ListRunsParams, ListStepMessagesParams, ListStepsParams, MessageCreate, SortOrder, StepFeedback,
};
use letta_core::wait::WaitOptions;

use crate::{client, new_agent, unique};

#[tokio::test]
async fn an_async_run_reads_back_with_messages_steps_usage_and_metrics() {
    let client = client();
    let agent = new_agent(&client, "runs").await;
    let run = client
        .agents()
        .messages(&agent.id)
        .send_async(LettaRequest::from(MessageCreate::user(
            "#reply done in the background",
        )))
        .await
        .unwrap();
    let done = client
        .runs()
        .wait(&run.id, &WaitOptions::within(Duration::from_secs(120)))
        .await
        .unwrap();
    assert_eq!(done.status, JobStatus::Completed, "{done:?}");
    assert_eq!(done.agent_id.as_ref(), Some(&agent.id));
    assert_eq!(client.runs().retrieve(&run.id).await.unwrap().id, run.id);

    let of_agent = client
        .runs()
        .list(&ListRunsParams::agent(agent.id.clone()))
        .await
        .unwrap();
    assert_eq!(of_agent.iter().map(|r| &r.id).collect::<Vec<_>>(), [&run.id]);
    let active = client
        .runs()
        .list_active(&ListRunsParams::agent(agent.id.clone()))
        .await
        .unwrap();
    assert!(active.is_empty(), "{active:?}");

    let messages = client
        .runs()
        .messages(&run.id, &ListRunMessagesParams::default())
        .await
        .unwrap();
    let said: Vec<String> = messages.iter().filter_map(LettaMessage::assistant_text).collect();
    assert_eq!(said, ["done in the background"], "{messages:?}");
    let walked: Vec<LettaMessage> = client
        .runs()
        .messages_all(&run.id, &ListRunMessagesParams::builder().limit(1).build())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(walked.len(), messages.len());

    let steps = client
        .runs()
        .steps(
            &run.id,
            &ListRunStepsParams::builder().order(SortOrder::Asc).build(),
        )
        .await
        .unwrap();
    assert_eq!(steps.len(), 1, "a v1 agent answers in one step: {steps:?}");
    assert_eq!(steps[0].agent_id.as_ref(), Some(&agent.id));
    assert_eq!(steps[0].model.as_deref(), Some(letta_testkit::llm::MODEL));

    let usage = client.runs().usage(&run.id).await.unwrap();
    assert!(usage.total_tokens > 0, "{usage:?}");
    let metrics = client.runs().metrics(&run.id).await.unwrap();
    assert_eq!(metrics.id, run.id);
    assert_eq!(metrics.num_steps, Some(1), "{metrics:?}");

    // Run traces live in ClickHouse, which a self-hosted server does not have.
    let trace = client.runs().trace(&run.id, Some(10)).await.unwrap_err();
    assert_eq!(trace.status().map(|s| s.as_u16()), Some(501), "{trace}");

    // 0.16.8's route calls a run-manager method that does not exist (`delete_run_by_id`): every
    // delete fails, and the run stays.
    let refused = client.runs().delete(&run.id).await.unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(500), "{refused}");
    assert!(
        refused.to_string().contains("An unknown error occurred"),
        "{refused}"
    );
    assert_eq!(client.runs().retrieve(&run.id).await.unwrap().id, run.id);
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_step_reads_back_with_messages_metrics_feedback_and_traces() {
    let client = client();
    let agent = new_agent(&client, "steps").await;
    let turn = client
        .agents()
        .messages(&agent.id)
        .send(&MessageCreate::user("#reply one step").into())
        .await
        .unwrap();
    let step_id = turn
        .messages
        .iter()
        .find_map(|m| m.meta().and_then(|meta| meta.step_id.clone()))
        .expect("the reply names its step");

    // 0.16.8's route passes its `order` to the step manager as a bool where a string is
    // expected: every listing fails, whatever the filters.
    let refused = client
        .steps()
        .list(&ListStepsParams::builder().agent_id(agent.id.clone()).build())
        .await
        .unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(400), "{refused}");
    assert!(
        refused.to_string().contains("Argument order does not match type"),
        "{refused}"
    );
    let step = client.steps().retrieve(&step_id).await.unwrap();
    assert_eq!(step.agent_id.as_ref(), Some(&agent.id));

    let messages = client
        .steps()
        .messages(&step_id, &ListStepMessagesParams::default())
        .await
        .unwrap();
    // As `GET /v1/messages/{id}` does, this route gives a letta_v1_agent's text reply as a
    // reasoning message.
    assert!(
        matches!(messages.as_slice(), [LettaMessage::User(u), LettaMessage::Reasoning(r)]
            if u.content.text() == "#reply one step" && r.reasoning == "one step"),
        "{messages:?}"
    );
    let metrics = client.steps().metrics(&step_id).await.unwrap();
    assert_eq!(metrics.id, step_id);
    assert_eq!(metrics.run_id, step.run_id, "{metrics:?}");

    let tag = unique("tag");
    let rated = client
        .steps()
        .modify_feedback(
            &step_id,
            &StepFeedback::builder()
                .feedback(FeedbackType::Positive)
                .tags([tag.clone()])
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(rated.feedback, Some(FeedbackType::Positive));
    assert!(rated.tags.contains(&tag), "{rated:?}");
    let transaction = unique("tx");
    // 0.16.8's route calls a user-manager method that no longer exists (`get_user_or_default`):
    // every call fails, and the step keeps no transaction ID.
    let refused = client
        .steps()
        .modify_transaction_id(&step_id, &transaction)
        .await
        .unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(500), "{refused}");
    assert_eq!(client.steps().retrieve(&step_id).await.unwrap().tid, None);

    // The provider trace: the model request holds the user's text, when the server keeps it.
    match client.steps().trace(&step_id).await.unwrap() {
        Some(trace) => {
            let request = serde_json::to_string(&trace.request_json).unwrap();
            assert!(request.contains("#reply one step"), "{request}");
        }
        None => {
            let error = client.telemetry().provider_trace(&step_id).await.unwrap_err();
            panic!("no provider trace kept: {error}");
        }
    }
    let telemetry = client.telemetry().provider_trace(&step_id).await.unwrap();
    assert_eq!(telemetry.step_id.as_ref(), Some(&step_id));

    client.agents().delete(&agent.id).await.unwrap();
}
