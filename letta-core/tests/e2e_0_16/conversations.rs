//! Conversations on the real 0.16.8: threads of one agent with their own context, every
//! operation of `/v1/conversations`, and the lock that answers a concurrent send with 409 busy.

use std::time::Duration;

use futures_util::StreamExt;
use letta_core::StreamEvent;
use letta_core::ids::ConversationId;
use letta_core::types::{
    ConversationBusy, ConversationCompaction, ConversationCreate, ConversationUpdate, JobStatus,
    LettaMessage, LettaStreamingRequest, ListConversationMessagesParams, ListConversationsParams,
    MessageCreate, MessageRole, Replies, RetrieveStreamRequest,
};

use letta_core::wait::WaitOptions;

use crate::{client, new_agent, unique};
use letta_testkit::gate::Gate;

/// The assistant texts among stream events.
fn texts(events: &[StreamEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| e.as_message().and_then(LettaMessage::assistant_text))
        .collect()
}

#[tokio::test]
async fn a_conversation_is_created_listed_sent_to_forked_and_deleted() {
    let client = client();
    let agent = new_agent(&client, "conv").await;
    let conversations = client.conversations();
    let summary = unique("summary");
    let conversation = conversations
        .create(
            &agent.id,
            &ConversationCreate::builder().summary(summary.clone()).build(),
        )
        .await
        .unwrap();
    assert_eq!(conversation.agent_id, agent.id);
    assert_eq!(conversation.summary.as_deref(), Some(summary.as_str()));
    let id = &conversation.id;
    assert_eq!(conversations.retrieve(id).await.unwrap().id, *id);

    let listed = conversations
        .list(
            &ListConversationsParams::builder()
                .agent_id(agent.id.clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(listed.iter().map(|c| &c.id).collect::<Vec<_>>(), [id]);

    let renamed = unique("renamed");
    let modified = conversations
        .modify(
            id,
            &ConversationUpdate::builder().summary(renamed.clone()).build(),
        )
        .await
        .unwrap();
    assert_eq!(modified.summary.as_deref(), Some(renamed.as_str()));
    let found = conversations
        .list(
            &ListConversationsParams::builder()
                .summary_search(renamed.clone())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(found.iter().map(|c| &c.id).collect::<Vec<_>>(), [id]);

    let reply = conversations
        .send(id, MessageCreate::user("#reply in the thread"))
        .await
        .unwrap();
    assert_eq!(reply.assistant_texts(), ["in the thread"], "{reply:?}");
    let streamed = conversations
        .stream(
            id,
            LettaStreamingRequest::steps(MessageCreate::user("#reply streamed too")),
        )
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    assert_eq!(texts(&streamed), ["streamed too"], "{streamed:?}");

    let history = conversations
        .messages(id, &ListConversationMessagesParams::default())
        .await
        .unwrap();
    let said: Vec<String> = history.iter().filter_map(LettaMessage::assistant_text).collect();
    // Newest first.
    assert_eq!(said, ["streamed too", "in the thread"], "{history:?}");
    let walked: Vec<LettaMessage> = conversations
        .messages_all(id, &ListConversationMessagesParams::default())
        .map(|m| m.unwrap())
        .collect()
        .await;
    let walked: Vec<String> = walked.iter().filter_map(LettaMessage::assistant_text).collect();
    assert_eq!(walked, ["in the thread", "streamed too"]);
    // The agent's own context did not get the conversation's messages.
    let in_context = client
        .agents()
        .retrieve(&agent.id)
        .await
        .unwrap()
        .message_ids
        .unwrap_or_default();
    assert!(
        history
            .iter()
            .filter_map(LettaMessage::id)
            .all(|m| !in_context.contains(m)),
        "{in_context:?}"
    );

    let payload = conversations
        .preview(id, MessageCreate::user("#reply what would go out"))
        .await
        .unwrap();
    let sent = serde_json::to_string(&payload).unwrap();
    assert!(
        sent.contains("what would go out") && sent.contains("in the thread"),
        "{sent}"
    );

    let prompt = conversations.recompile(id, None, true).await.unwrap();
    assert!(
        prompt.contains("<memory_blocks>") || prompt.contains("persona"),
        "{prompt}"
    );

    let fork = conversations.fork(id, None).await.unwrap();
    assert_ne!(fork.id, *id);
    assert_eq!(fork.agent_id, agent.id);
    let forked = conversations
        .messages(&fork.id, &ListConversationMessagesParams::default())
        .await
        .unwrap();
    let forked: Vec<String> = forked.iter().filter_map(LettaMessage::assistant_text).collect();
    assert_eq!(forked, ["streamed too", "in the thread"]);

    let compacted = conversations
        .compact(
            id,
            // The default sliding window keeps this short a conversation whole (400).
            &ConversationCompaction::builder()
                .compaction_settings(serde_json::json!({"mode": "all"}))
                .build(),
        )
        .await
        .unwrap();
    assert!(
        compacted.num_messages_after < compacted.num_messages_before,
        "{compacted:?}"
    );

    for c in [&fork.id, id] {
        conversations.delete(c).await.unwrap();
        let gone = conversations.retrieve(c).await.unwrap_err();
        assert_eq!(gone.status().map(|s| s.as_u16()), Some(404), "{gone}");
    }
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_send_to_a_busy_conversation_is_refused_409_and_the_run_can_be_followed() {
    let client = client();
    let agent = new_agent(&client, "busy").await;
    let gate = Gate::attach(&client, &agent.id).await;
    let conversations = client.conversations();
    let conversation = conversations
        .create(&agent.id, &ConversationCreate::default())
        .await
        .unwrap();
    let id = &conversation.id;

    let otid = unique("otid");
    let held = MessageCreate::builder(MessageRole::User, gate.call())
        .otid(otid.clone())
        .build();
    let mut request = LettaStreamingRequest::steps(held);
    request.background = Some(true);
    let mut first = conversations.stream(id, request).await.unwrap();
    // The server takes the lock before it answers: once the first event (a ping naming the
    // run) is in, the conversation is held until the gate opens.
    let mut seen = Vec::new();
    while let Some(event) = first.next().await {
        let event = event.unwrap();
        let named = event.run_id().is_some();
        seen.push(event);
        if named {
            break;
        }
    }
    let run_id = seen
        .iter()
        .find_map(StreamEvent::run_id)
        .expect("a background stream names its run");

    // Only streamed sends take the conversation's lock: a second one is refused.
    let second = LettaStreamingRequest::steps(MessageCreate::user("#reply me too"));
    let error = conversations.stream(id, second).await.unwrap_err();
    let busy = ConversationBusy::from_error(&error).unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!(busy.run_id.as_ref(), Some(&run_id), "{error:?}");
    // 0.16.8 runs a non-streamed send (`streaming: false`) without the lock, beside the held turn.
    let unlocked = conversations
        .send(id, MessageCreate::user("#reply beside it"))
        .await
        .unwrap();
    assert_eq!(unlocked.assistant_texts(), ["beside it"]);
    let active = client
        .runs()
        .list_active(&letta_core::types::ListRunsParams::agent(agent.id.clone()))
        .await
        .unwrap();
    assert!(active.iter().any(|r| r.id == run_id), "{active:?}");

    gate.open();
    while let Some(event) = first.next().await {
        seen.push(event.unwrap());
    }
    assert_eq!(texts(&seen), ["Tool returned: opened"], "{seen:?}");

    // The finished background run is re-read from the start through its message's otid.
    let again = conversations
        .retrieve_stream(id, &RetrieveStreamRequest::builder().otid(otid).build())
        .await
        .unwrap()
        .collect_events()
        .await
        .unwrap();
    assert_eq!(texts(&again), ["Tool returned: opened"], "{again:?}");
    assert!(again.iter().all(|e| e.run_id().is_none_or(|r| r == run_id)));

    // Free again: the next send goes through.
    let reply = conversations
        .send(id, MessageCreate::user("#reply my turn now"))
        .await
        .unwrap();
    assert_eq!(reply.assistant_texts(), ["my turn now"]);

    conversations.delete(id).await.unwrap();
    gate.remove(&client).await;
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_running_conversation_turn_is_cancelled() {
    let client = client();
    let agent = new_agent(&client, "conv-cancel").await;
    let gate = Gate::attach(&client, &agent.id).await;
    let conversations = client.conversations();
    let conversation = conversations
        .create(&agent.id, &ConversationCreate::default())
        .await
        .unwrap();
    let id = &conversation.id;

    // Nothing runs yet: the server says so.
    let idle = conversations.cancel(id, None).await.unwrap_err();
    assert_eq!(idle.status().map(|s| s.as_u16()), Some(409), "{idle}");

    let mut request = LettaStreamingRequest::steps(MessageCreate::user(gate.call()));
    request.background = Some(true);
    let mut stream = conversations.stream(id, request).await.unwrap();
    let mut run_id = None;
    while let Some(event) = stream.next().await {
        let event = event.unwrap();
        run_id = run_id.or(event.run_id());
        if run_id.is_some() {
            break;
        }
    }
    let run_id = run_id.expect("the stream names its run");
    let cancelled = conversations.cancel(id, None).await.unwrap();
    assert_eq!(
        cancelled.get(&run_id).map(String::as_str),
        Some("cancelled"),
        "{cancelled:?}"
    );
    drop(stream);
    gate.open();
    // The turn notices at its next step, after the tool returns.
    let run = client
        .runs()
        .wait(&run_id, &WaitOptions::within(Duration::from_secs(120)))
        .await
        .unwrap();
    assert_eq!(run.status, JobStatus::Cancelled, "{run:?}");

    conversations.delete(id).await.unwrap();
    gate.remove(&client).await;
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn the_default_conversation_is_the_agents_own_thread() {
    let client = client();
    let agent = new_agent(&client, "conv-default").await;
    let default = ConversationId::new("default");
    let turn = client
        .agents()
        .messages(&agent.id)
        .send(&MessageCreate::user("#reply on my own thread").into())
        .await
        .unwrap();
    assert_eq!(turn.assistant_texts(), ["on my own thread"]);
    let history = client
        .conversations()
        .messages(
            &default,
            &ListConversationMessagesParams::builder()
                .agent_id(agent.id.clone())
                .build(),
        )
        .await
        .unwrap();
    let said: Vec<String> = history.iter().filter_map(LettaMessage::assistant_text).collect();
    assert_eq!(said, ["on my own thread"], "{history:?}");
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_background_conversation_send_is_resumable_and_the_same_send_again_rejoins_its_run() {
    let client = client();
    let agent = new_agent(&client, "conv-bg").await;
    let conversations = client.conversations();
    let conversation = conversations
        .create(&agent.id, &ConversationCreate::default())
        .await
        .unwrap();
    let id = &conversation.id;
    let otid = unique("otid");
    let send = || {
        let message = MessageCreate::builder(MessageRole::User, "#reply once only")
            .otid(otid.clone())
            .build();
        LettaStreamingRequest::steps(message)
    };
    let mut first = conversations.stream_background(id, send()).await.unwrap();
    let mut events = Vec::new();
    while let Some(event) = first.next().await {
        events.push(event.unwrap());
    }
    assert_eq!(texts(&events), ["once only"], "{events:?}");
    let run_id = first.run_id().expect("the run was named").clone();
    assert!(first.last_seq_id().is_some());

    // The same send (same otid) again: the server answers with the same run's events; the
    // agent does not run again.
    let mut again = conversations.stream_background(id, send()).await.unwrap();
    let mut replayed = Vec::new();
    while let Some(event) = again.next().await {
        replayed.push(event.unwrap());
    }
    assert_eq!(again.run_id(), Some(&run_id));
    assert_eq!(texts(&replayed), ["once only"], "{replayed:?}");
    let history = conversations
        .messages(id, &ListConversationMessagesParams::default())
        .await
        .unwrap();
    let said: Vec<String> = history.iter().filter_map(LettaMessage::assistant_text).collect();
    assert_eq!(said, ["once only"], "one turn: {history:?}");

    conversations.delete(id).await.unwrap();
    client.agents().delete(&agent.id).await.unwrap();
}
