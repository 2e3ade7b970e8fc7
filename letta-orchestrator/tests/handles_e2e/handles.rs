use futures_util::StreamExt;
use letta_core::LettaError;
use letta_core::types::{JobStatus, LettaMessage, ToolCreate};
use letta_orchestrator::Replies;

use crate::{client, new_agent, reply_kinds, unique};

#[tokio::test]
async fn send_returns_the_agents_turn() {
    let agent = new_agent("send").await;
    let turn = agent.send("good morning").await.unwrap();
    assert_eq!(turn.last_reply().as_deref(), Some("You said: good morning"));
    assert_eq!(turn.assistant_texts(), ["You said: good morning"]);
    assert!(!turn.is_recovered());
    assert_eq!(turn.usage.as_ref().map(|u| u.step_count), Some(1));
    let kinds: Vec<&str> = turn.messages.iter().map(LettaMessage::message_type).collect();
    assert_eq!(kinds, reply_kinds());
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn stream_yields_the_turn_step_by_step() {
    let agent = new_agent("stream").await;
    let mut stream = agent.stream("stream this").await.unwrap();
    let mut kinds = Vec::new();
    let mut reply = None;
    while let Some(event) = stream.next().await {
        let event = event.unwrap();
        if let Some(message) = event.as_message() {
            kinds.push(message.message_type().to_owned());
            if let LettaMessage::Assistant(a) = message {
                reply = Some(a.content.text());
            }
        }
    }
    assert_eq!(kinds, reply_kinds());
    assert_eq!(reply.as_deref(), Some("You said: stream this"));
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn a_background_run_can_be_polled_and_awaited() {
    let agent = new_agent("async").await;
    let mut run = agent.send_async("in the background").await.unwrap();
    assert_eq!(run.agent_id(), agent.id());
    let status = run.poll().await.unwrap();
    assert!(
        matches!(
            status,
            JobStatus::Created | JobStatus::Pending | JobStatus::Running | JobStatus::Completed
        ),
        "{status:?}"
    );
    let id = run.id().clone();
    let outcome = run.await.unwrap();
    let ran = outcome.run().expect("a run's turn");
    assert_eq!(ran.id, id);
    assert_eq!(ran.status, JobStatus::Completed);
    assert_eq!(outcome.assistant_texts(), ["You said: in the background"]);
    // The turn's messages in their real order, as the agent's own history gives them (0.7.29
    // lists a run's messages with each stored message's items reversed).
    let kinds: Vec<&str> = outcome.messages.iter().map(LettaMessage::message_type).collect();
    assert_eq!(kinds, [&["user_message"], reply_kinds()].concat());
    let history = agent
        .client()
        .agents()
        .messages(agent.id())
        .list(&Default::default())
        .await
        .unwrap();
    let key = |m: &LettaMessage| (m.id().cloned(), m.message_type().to_owned());
    let run_ids: Vec<_> = outcome.messages.iter().map(|m| m.id().cloned()).collect();
    let from_history: Vec<_> = history
        .iter()
        .filter(|m| run_ids.contains(&m.id().cloned()))
        .map(key)
        .collect();
    assert_eq!(outcome.messages.iter().map(key).collect::<Vec<_>>(), from_history);
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn memory_by_label_can_be_read_set_and_appended() {
    let agent = new_agent("memory").await;
    assert_eq!(agent.memory("human").await.unwrap(), "Name: Ada");
    agent.set_memory("human", "Name: Grace").await.unwrap();
    let block = agent.append_memory("human", "\nLikes: tea").await.unwrap();
    assert_eq!(block.value, "Name: Grace\nLikes: tea");
    assert_eq!(agent.memory("human").await.unwrap(), "Name: Grace\nLikes: tea");
    // The agent sees its memory in its context.
    let state = agent.state().await.unwrap();
    assert!(
        state
            .memory
            .blocks
            .iter()
            .any(|b| b.label.as_deref() == Some("human") && b.value == "Name: Grace\nLikes: tea")
    );

    // Over the block's limit: refused with a typed error, nothing written.
    let limit = agent.block("human").await.unwrap().limit as usize;
    let error = agent
        .append_memory("human", &"x".repeat(limit))
        .await
        .unwrap_err();
    match &error {
        LettaError::InvalidInput(text) => {
            assert!(text.contains("over its limit"), "{text}");
            assert!(text.contains("nothing was written"), "{text}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(agent.memory("human").await.unwrap(), "Name: Grace\nLikes: tea");

    let missing = agent.memory("no-such-label").await.unwrap_err();
    assert!(missing.is_not_found(), "{missing:?}");
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn archival_memory_is_searched_by_text() {
    let agent = new_agent("archival").await;
    for text in [
        "The train station has a blue clock",
        "Ada prefers green tea in the morning",
        "The quarterly report is due on Friday",
    ] {
        let passages = agent.archival_insert(text).await.unwrap();
        assert_eq!(passages.len(), 1);
        assert_eq!(passages[0].text, text);
    }
    let hits = agent.archival_search("GREEN TEA", 2).await.unwrap();
    let texts: Vec<_> = hits.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["Ada prefers green tea in the morning"]);
    let hits = agent.archival_search("the", 5).await.unwrap();
    assert_eq!(hits.len(), 3, "every passage holds `the`");
    assert!(agent.archival_search("tea morning", 5).await.unwrap().is_empty());
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn tools_attach_and_detach_by_id_or_name() {
    let client = client();
    let agent = new_agent("tools").await;
    let name = unique("shout").replace('-', "_");
    let source = format!(
        "def {name}(text: str) -> str:\n    \"\"\"Shouts.\n\n    Args:\n        text: What to shout.\n    \"\"\"\n    return text.upper()\n"
    );
    let tool = client.tools().create(&ToolCreate::python(source)).await.unwrap();

    let state = agent.attach_tool_named(&name).await.unwrap();
    assert!(state.tools.iter().any(|t| t.id == tool.id), "attached");
    let state = agent.detach_tool_named(&name).await.unwrap();
    assert!(!state.tools.iter().any(|t| t.id == tool.id), "detached");
    let state = agent.attach_tool(&tool.id).await.unwrap();
    assert!(state.tools.iter().any(|t| t.id == tool.id));
    let state = agent.detach_tool(&tool.id).await.unwrap();
    assert!(!state.tools.iter().any(|t| t.id == tool.id));

    let error = agent
        .attach_tool_named("no_such_tool_anywhere")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, LettaError::NotFoundByName { what: "tool", name, .. } if name == "no_such_tool_anywhere"),
        "{error:?}"
    );
    assert!(error.is_not_found(), "{error:?}");
    client.tools().delete(&tool.id).await.unwrap();
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn reset_clears_the_conversation_but_not_memory() {
    let agent = new_agent("reset").await;
    agent.send("one").await.unwrap();
    agent.send("two").await.unwrap();
    let before = agent.state().await.unwrap().message_ids.unwrap_or_default().len();
    let state = agent.reset(false).await.unwrap();
    let after = state.message_ids.unwrap_or_default().len();
    assert!(after < before, "{after} < {before}");
    assert_eq!(after, 1, "only the system message stays in context");
    assert_eq!(agent.memory("human").await.unwrap(), "Name: Ada");
    agent.delete().await.unwrap();
}
