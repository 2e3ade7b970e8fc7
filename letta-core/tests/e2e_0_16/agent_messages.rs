//! An agent's messages on the real 0.16.8: sends (whole, streamed, async), the listing, a refused
//! edit, a preview of the model request, cancelling a running turn, the tool-approval round trip, a
//! tool run outside any turn, and the Turbopuffer-only message search.

use std::time::Duration;

use letta_core::StreamEvent;
use letta_core::types::{
    ApprovalCreate, CancelRunsRequest, JobStatus, LettaMessage, LettaRequest, LettaStreamingRequest,
    ListMessagesParams, MessageContent, MessageCreate, MessageSearchRequest, MessageUpdate, Replies,
    StopReasonType, ToolCallOutcome, ToolCreate, ToolExecuteRequest, ToolReturnStatus,
};
use letta_core::wait::WaitOptions;

use crate::{client, new_agent, unique};
use letta_testkit::gate::Gate;

#[tokio::test]
async fn messages_are_sent_streamed_listed_edited_and_previewed() {
    let client = client();
    let agent = new_agent(&client, "msgs").await;
    let messages = client.agents().messages(&agent.id);

    let turn = messages
        .send(&MessageCreate::user("#reply whole answer").into())
        .await
        .unwrap();
    assert_eq!(turn.assistant_texts(), ["whole answer"]);
    assert_eq!(
        turn.stop_reason.as_ref().map(|s| s.stop_reason.clone()),
        Some(StopReasonType::EndTurn)
    );

    let events = messages
        .stream(LettaStreamingRequest::tokens(MessageCreate::user(
            "#reply streamed in several token chunks",
        )))
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    let text: String = events
        .iter()
        .filter_map(|e| e.as_message().and_then(LettaMessage::assistant_text))
        .collect();
    assert_eq!(text, "streamed in several token chunks", "{events:?}");
    assert!(matches!(events.first(), Some(StreamEvent::Ping(_))), "{events:?}");
    assert!(events.iter().any(|e| matches!(e, StreamEvent::StopReason(_))));

    let listed = messages
        .list(&ListMessagesParams::builder().limit(50).build())
        .await
        .unwrap();
    let said: Vec<String> = listed.iter().filter_map(LettaMessage::assistant_text).collect();
    assert_eq!(
        said,
        ["whole answer", "streamed in several token chunks"],
        "{listed:?}"
    );
    let asked = listed
        .iter()
        .find_map(|m| match m {
            LettaMessage::User(u) if u.content.text() == "#reply whole answer" => Some(u.meta.id.clone()),
            _ => None,
        })
        .expect("the first user message is listed");
    // 0.16.8 keeps messages immutable (a fork shares them): an edit is refused.
    let refused = messages
        .modify(
            &asked,
            &MessageUpdate::User {
                content: MessageContent::from("an edited question"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(405), "{refused}");
    assert!(
        refused
            .to_string()
            .contains("Message editing is no longer supported"),
        "{refused}"
    );
    let relisted = messages.list(&ListMessagesParams::default()).await.unwrap();
    assert!(relisted.iter().any(|m| matches!(m, LettaMessage::User(u)
        if u.meta.id == asked && u.content.text() == "#reply whole answer")));

    let payload = messages
        .preview(LettaStreamingRequest::steps(MessageCreate::user(
            "what would be sent",
        )))
        .await
        .unwrap();
    let payload = serde_json::to_string(&payload).unwrap();
    assert!(
        payload.contains("what would be sent") && payload.contains(letta_testkit::llm::MODEL),
        "{payload}"
    );
    // A preview runs nothing.
    let after = messages.list(&ListMessagesParams::default()).await.unwrap();
    assert_eq!(after.len(), relisted.len());

    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn an_async_send_is_cancelled_while_it_runs() {
    let client = client();
    let agent = new_agent(&client, "cancel").await;
    let gate = Gate::attach(&client, &agent.id).await;
    let messages = client.agents().messages(&agent.id);
    let run = messages
        .send_async(LettaRequest::from(MessageCreate::user(gate.call())))
        .await
        .unwrap();
    assert!(!run.status.is_terminal(), "{run:?}");
    let cancelled = messages
        .cancel(&CancelRunsRequest::builder().run_ids([run.id.clone()]).build())
        .await
        .unwrap();
    assert_eq!(
        cancelled.get(&run.id).map(String::as_str),
        Some("cancelled"),
        "{cancelled:?}"
    );
    gate.open();
    let read = client
        .runs()
        .wait(&run.id, &WaitOptions::within(Duration::from_secs(120)))
        .await
        .unwrap();
    assert_eq!(read.status, JobStatus::Cancelled, "{read:?}");
    gate.remove(&client).await;
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_tool_that_needs_approval_waits_for_the_callers_answer() {
    let client = client();
    let agent = new_agent(&client, "approve").await;
    let name = unique("shout").replace('-', "_");
    let tool = client
        .tools()
        .create(&ToolCreate::python(format!(
            r#"
def {name}(text: str) -> str:
    """Shouts the text.

    Args:
        text (str): What to shout.

    Returns:
        str: The text in capitals.
    """
    return text.upper()
"#
        )))
        .await
        .unwrap();
    client.agents().tools(&agent.id).attach(&tool.id).await.unwrap();
    client
        .agents()
        .modify_tool_approval(&agent.id, &name, true)
        .await
        .unwrap();

    let messages = client.agents().messages(&agent.id);
    let asked = messages
        .send(&MessageCreate::user(format!(r#"#call {name} {{"text": "quiet words"}}"#)).into())
        .await
        .unwrap();
    assert_eq!(
        asked.stop_reason.as_ref().map(|s| s.stop_reason.as_str()),
        Some("requires_approval"),
        "{asked:?}"
    );
    let call = asked
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::ApprovalRequest(request) => request.tool_call.clone(),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no approval request: {asked:?}"));
    assert_eq!(call.name.as_deref(), Some(name.as_str()));

    // While the approval is pending the agent takes no new message.
    let pending = messages
        .send(&MessageCreate::user("#reply not now").into())
        .await
        .unwrap_err();
    assert_eq!(pending.status().map(|s| s.as_u16()), Some(409), "{pending}");

    let call_id = call.tool_call_id.clone().expect("the call has an ID");
    let answered = messages
        .send(LettaRequest::answer(ApprovalCreate::new([
            ToolCallOutcome::approve(call_id),
        ])))
        .await
        .unwrap();
    assert_eq!(
        answered.assistant_texts(),
        ["Tool returned: QUIET WORDS"],
        "{answered:?}"
    );

    // Run directly, outside any turn: no approval asked.
    let mut args = letta_core::types::JsonMap::new();
    args.insert("text".into(), "direct".into());
    let ran = client
        .agents()
        .run_tool(&agent.id, &name, &ToolExecuteRequest::new(args))
        .await
        .unwrap();
    assert_eq!(ran.status, ToolReturnStatus::Success, "{ran:?}");
    assert_eq!(ran.func_return, Some(serde_json::json!("DIRECT")), "{ran:?}");

    client.agents().delete(&agent.id).await.unwrap();
    client.tools().delete(&tool.id).await.unwrap();
}

#[tokio::test]
async fn message_search_needs_turbopuffer_which_a_self_hosted_server_lacks() {
    let client = client();
    let error = client
        .agents()
        .search_messages(&MessageSearchRequest::builder().query("anything").build())
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
    assert!(error.to_string().contains("Turbopuffer"), "{error}");
}
