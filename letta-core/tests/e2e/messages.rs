use std::collections::HashSet;
use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::types::Replies;
use letta_core::types::{
    LettaMessage, LettaRequest, ListMessagesParams, ListPassagesParams, MessageCreate, MessageUpdate,
    ToolReturnStatus,
};

use crate::{client, new_agent};

#[tokio::test]
async fn send_returns_the_scripted_reply_with_reasoning_and_usage() {
    let client = client();
    let agent = new_agent(&client, "send").await;
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user("hello there"))
        .await
        .unwrap();
    assert_eq!(reply.assistant_texts(), vec!["You said: hello there".to_string()]);
    let reasoning: Vec<_> = reply
        .messages
        .iter()
        .filter_map(|m| match m {
            LettaMessage::Reasoning(r) => Some(r.reasoning.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(reasoning, vec!["The user said: hello there".to_string()]);
    assert!(reply.usage.step_count >= 1, "{:?}", reply.usage);
    assert!(reply.usage.total_tokens > 0, "{:?}", reply.usage);
}

#[tokio::test]
async fn a_scripted_tool_call_runs_the_real_tool() {
    let client = client();
    let agent = new_agent(&client, "toolcall").await;
    let reply = client
        .agents()
        .messages(&agent.id)
        .send(MessageCreate::user(
            r#"#call archival_memory_insert {"content": "Ada drinks green tea."}"#,
        ))
        .await
        .unwrap();
    let call = reply
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::ToolCall(c) => Some(c.tool_call.clone()),
            _ => None,
        })
        .expect("a tool call");
    assert_eq!(call.name.as_deref(), Some("archival_memory_insert"));
    assert!(call.arguments.unwrap().contains("Ada drinks green tea."));
    let ret = reply
        .messages
        .iter()
        .find_map(|m| match m {
            LettaMessage::ToolReturn(r) => Some(r.clone()),
            _ => None,
        })
        .expect("a tool return");
    assert_eq!(ret.status, ToolReturnStatus::Success);
    assert!(
        reply.assistant_texts()[0].starts_with("Tool returned:"),
        "{:?}",
        reply.assistant_texts()
    );

    let passages = client
        .agents()
        .archival(&agent.id)
        .list(&ListPassagesParams::default())
        .await
        .unwrap();
    assert_eq!(passages.len(), 1);
    assert_eq!(passages[0].text, "Ada drinks green tea.");
}

#[tokio::test]
async fn list_shows_the_conversation_and_list_all_pages_without_repeats() {
    let client = client();
    let agent = new_agent(&client, "history").await;
    let messages = client.agents().messages(&agent.id);
    messages
        .send(MessageCreate::user("first question"))
        .await
        .unwrap();
    messages
        .send(MessageCreate::user("second question"))
        .await
        .unwrap();

    let page = messages
        .list(&ListMessagesParams::builder().limit(100).build())
        .await
        .unwrap();
    let users: Vec<String> = page
        .iter()
        .filter_map(|m| match m {
            LettaMessage::User(u) => Some(u.content.text()),
            _ => None,
        })
        .filter(|t| t.contains("question"))
        .collect();
    assert_eq!(users.len(), 2, "{users:?}");
    assert!(users[0].contains("first question") && users[1].contains("second question"));
    let assistants: Vec<String> = page
        .iter()
        .filter_map(|m| match m {
            LettaMessage::Assistant(a) => Some(a.content.text()),
            _ => None,
        })
        .collect();
    assert!(
        assistants.contains(&"You said: second question".to_string()),
        "{assistants:?}"
    );

    let all: Vec<LettaMessage> = messages
        .list_all(&ListMessagesParams::builder().limit(10).build())
        .try_collect()
        .await
        .unwrap();
    let keys: Vec<(String, String)> = all
        .iter()
        .map(|m| (m.id().unwrap().to_string(), m.message_type().to_owned()))
        .collect();
    let distinct: HashSet<_> = keys.iter().cloned().collect();
    assert_eq!(distinct.len(), keys.len(), "repeated items: {keys:?}");
    let whole: HashSet<_> = page
        .iter()
        .map(|m| (m.id().unwrap().to_string(), m.message_type().to_owned()))
        .collect();
    assert_eq!(distinct, whole);
    // Newest first: the page is oldest first, so the walk is its reverse.
    let newest_first: Vec<_> = all.iter().map(|m| m.id().unwrap().to_string()).collect();
    let mut page_reversed: Vec<_> = page.iter().map(|m| m.id().unwrap().to_string()).collect();
    page_reversed.reverse();
    assert_eq!(newest_first, page_reversed);
}

#[tokio::test]
async fn modify_rewrites_a_stored_message() {
    let client = client();
    let agent = new_agent(&client, "modify").await;
    let messages = client.agents().messages(&agent.id);
    let reply = messages
        .send(MessageCreate::user("please remember"))
        .await
        .unwrap();
    let user_id = messages
        .list(&ListMessagesParams::builder().limit(100).build())
        .await
        .unwrap()
        .into_iter()
        .find_map(|m| match m {
            LettaMessage::User(u) if u.content.text().contains("please remember") => Some(u.meta.id),
            _ => None,
        })
        .expect("the user message");
    let updated = messages
        .modify(
            &user_id,
            &MessageUpdate::User {
                content: "please forget".into(),
            },
        )
        .await
        .unwrap();
    assert!(
        matches!(&updated, LettaMessage::User(u) if u.content.text() == "please forget"),
        "{updated:?}"
    );
    assert!(!reply.messages.is_empty());
    let after = messages
        .list(&ListMessagesParams::builder().limit(100).build())
        .await
        .unwrap();
    let texts: Vec<String> = after
        .iter()
        .filter_map(|m| match m {
            LettaMessage::User(u) if u.meta.id == user_id => Some(u.content.text()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, vec!["please forget".to_string()]);
}

#[tokio::test]
async fn reset_clears_the_conversation() {
    let client = client();
    let agent = new_agent(&client, "reset").await;
    let messages = client.agents().messages(&agent.id);
    messages
        .send(MessageCreate::user("something to forget"))
        .await
        .unwrap();
    let before = client.agents().retrieve(&agent.id).await.unwrap();
    let state = messages.reset(false).await.unwrap();
    let in_context = state.message_ids.unwrap_or_default();
    assert!(in_context.len() < before.message_ids.unwrap_or_default().len());
    assert_eq!(
        in_context.len(),
        1,
        "only the system message stays: {in_context:?}"
    );
    let reply = messages.send(MessageCreate::user("after reset")).await.unwrap();
    assert_eq!(reply.assistant_texts(), vec!["You said: after reset".to_string()]);
}

#[tokio::test]
async fn send_async_returns_a_run_and_the_reply_lands_later() {
    let client = client();
    let agent = new_agent(&client, "async").await;
    let messages = client.agents().messages(&agent.id);
    let run = messages
        .send_async(&LettaRequest::from(MessageCreate::user("in the background")))
        .await
        .unwrap();
    assert!(run.id.as_str().starts_with("run-"), "{}", run.id);
    let mut seen = false;
    for _ in 0..100 {
        let page = messages
            .list(&ListMessagesParams::builder().limit(100).build())
            .await
            .unwrap();
        seen = page.iter().any(
            |m| matches!(m, LettaMessage::Assistant(a) if a.content.text() == "You said: in the background"),
        );
        if seen {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen, "the background run never produced its reply");
}

#[tokio::test]
async fn an_empty_send_is_refused_before_anything_is_sent() {
    let client = client();
    let agent = new_agent(&client, "empty").await;
    let err = client
        .agents()
        .messages(&agent.id)
        .send(&LettaRequest::new([]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, letta_core::LettaError::InvalidInput(ref m) if m.contains("at least one message")),
        "{err}"
    );
}
