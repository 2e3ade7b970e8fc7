//! Conversations as handles: several threads of one agent with their own histories, and sends
//! to one busy conversation that wait their turn and land exactly once, in order. Letta 0.16+;
//! on 0.7.29 the typed refusal comes before anything is sent.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use futures_util::{StreamExt, TryStreamExt};
use letta_core::LettaError;
use letta_core::types::{LettaMessage, ListRunsParams};
use letta_orchestrator::reconcile::SendError;
use letta_orchestrator::{AgentHandle, ConversationHandle, Replies};
use letta_testkit::LettaRelease;
use letta_testkit::fault_proxy::{Fault, FaultProxy, FaultRule};
use tokio::sync::Notify;

use crate::new_agent;
use letta_testkit::gate::Gate;

fn on_0_16() -> bool {
    letta_testkit::shared_selected().release() == LettaRelease::V0_16_8
}

/// 0.7.29 has no conversations: each call is refused before anything is sent.
async fn refused_on_0_7(agent: &AgentHandle) {
    let error = agent.new_conversation().await.unwrap_err();
    assert!(matches!(error, LettaError::NotServed { .. }), "{error:?}");
    let error = agent
        .conversation("conv-none")
        .send("#reply hi")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            SendError::InvalidInput {
                error: LettaError::NotServed { .. },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_safe_to_resend());
    eprintln!("note: Letta 0.7.29 has no conversations; only the refusal was checked");
}

/// The conversation's `(user texts, assistant texts)`, oldest first.
async fn said(conversation: &ConversationHandle) -> (Vec<String>, Vec<String>) {
    let history = conversation.history().await.unwrap();
    let users = history
        .iter()
        .filter_map(|m| match m {
            LettaMessage::User(u) => Some(u.content.text()),
            _ => None,
        })
        .collect();
    let replies = history.iter().filter_map(LettaMessage::assistant_text).collect();
    (users, replies)
}

#[tokio::test]
async fn several_conversations_of_one_agent_keep_their_own_histories() {
    let agent = new_agent("convs").await;
    if !on_0_16() {
        refused_on_0_7(&agent).await;
        agent.delete().await.unwrap();
        return;
    }
    let work = agent.new_conversation().await.unwrap();
    let home = agent.new_conversation().await.unwrap();
    assert_ne!(work.id(), home.id());
    assert_eq!(work.agent_id(), agent.id());

    let (a, b) = tokio::join!(work.send("#reply alpha"), home.send("#reply beta"));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.assistant_texts(), ["alpha"], "{a:?}");
    assert_eq!(b.assistant_texts(), ["beta"], "{b:?}");
    assert!(!a.is_recovered());
    assert_eq!(a.usage.as_ref().map(|u| u.step_count), Some(1));

    // Opened again by ID: the same thread.
    let reopened = agent.conversation(work.id().clone());
    let c = reopened.send("#reply gamma").await.unwrap();
    assert_eq!(c.assistant_texts(), ["gamma"]);

    let mut streamed = home.stream("#reply streamed").await.unwrap();
    let mut texts = Vec::new();
    while let Some(event) = streamed.try_next().await.unwrap() {
        texts.extend(event.as_message().and_then(LettaMessage::assistant_text));
    }
    assert_eq!(texts, ["streamed"]);
    // A long turn of the conversation, resumable from its progress like the agent's own.
    let mut long = home.send_background("#reply at length").await.unwrap();
    let first = long.next().await.expect("an event").unwrap();
    let progress = long.progress();
    assert_eq!(progress.last_seq_id, first.seq_id());
    drop(long);
    let resumed = agent.resume(&progress).await.unwrap().await.unwrap();
    assert_eq!(resumed.assistant_texts(), ["at length"]);

    assert_eq!(
        said(&work).await,
        (
            vec!["#reply alpha".to_owned(), "#reply gamma".to_owned()],
            vec!["alpha".to_owned(), "gamma".to_owned()]
        )
    );
    assert_eq!(
        said(&home).await,
        (
            vec![
                "#reply beta".to_owned(),
                "#reply streamed".to_owned(),
                "#reply at length".to_owned()
            ],
            vec!["beta".to_owned(), "streamed".to_owned(), "at length".to_owned()]
        )
    );
    let listed: BTreeSet<_> = agent
        .conversations()
        .await
        .unwrap()
        .iter()
        .map(|c| c.id().clone())
        .collect();
    assert_eq!(listed, BTreeSet::from([work.id().clone(), home.id().clone()]));

    work.delete().await.unwrap();
    home.delete().await.unwrap();
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn two_concurrent_sends_to_one_conversation_both_land_once_in_order() {
    let agent = new_agent("conv-busy").await;
    if !on_0_16() {
        refused_on_0_7(&agent).await;
        agent.delete().await.unwrap();
        return;
    }
    let gate = Gate::attach(agent.client(), agent.id()).await;
    let conversation = agent.new_conversation().await.unwrap();

    // The first send holds the conversation until the gate opens.
    let first = tokio::spawn({
        let conversation = conversation.clone();
        let call = gate.call();
        async move { conversation.send(call).await }
    });
    let active = ListRunsParams::agent(agent.id().clone());
    // Waits (polling) until the first send's run holds the conversation.
    let held = async {
        while agent
            .client()
            .runs()
            .list_active(&active)
            .await
            .unwrap()
            .is_empty()
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(120), held)
        .await
        .expect("the first send's run started");

    // The second send finds the conversation busy, says so, and waits its turn.
    let busy = Arc::new(Notify::new());
    let times = Arc::new(AtomicU32::new(0));
    let second = tokio::spawn({
        let conversation = conversation.clone();
        let (busy, times) = (busy.clone(), times.clone());
        async move {
            let request = letta_core::types::LettaRequest::new([letta_core::types::MessageCreate::user(
                "#reply second",
            )]);
            conversation
                .send_observed(request, move |wait| {
                    times.store(wait.times, Ordering::SeqCst);
                    assert!(wait.busy.run_id.is_some(), "the busy answer names the run");
                    busy.notify_one();
                })
                .await
        }
    });
    tokio::time::timeout(Duration::from_secs(120), busy.notified())
        .await
        .expect("the second send found the conversation busy");
    // A send that will not wait is refused as not sent: the busy answer proves it did not land.
    let impatient = conversation
        .clone()
        .with_busy_wait(Duration::ZERO)
        .send("#reply too late")
        .await
        .unwrap_err();
    assert!(
        matches!(&impatient, SendError::NotSent { error, .. } if error.status().map(|s| s.as_u16()) == Some(409)),
        "{impatient:?}"
    );
    assert!(impatient.is_safe_to_resend());
    gate.open();

    let first = first.await.unwrap().unwrap();
    let second = second.await.unwrap().unwrap();
    assert_eq!(first.assistant_texts(), ["Tool returned: opened"], "{first:?}");
    assert_eq!(second.assistant_texts(), ["second"], "{second:?}");
    assert!(times.load(Ordering::SeqCst) >= 1);

    // Each message once, in the order the server ran them; the refused one not at all.
    assert_eq!(
        said(&conversation).await,
        (
            vec![gate.call(), "#reply second".to_owned()],
            vec!["Tool returned: opened".to_owned(), "second".to_owned()]
        )
    );
    conversation.delete().await.unwrap();
    gate.remove(agent.client()).await;
    agent.delete().await.unwrap();
}

#[tokio::test]
async fn a_lost_answer_is_found_by_its_otid_and_a_cut_stream_resumes_never_twice() {
    let agent = new_agent("conv-lost").await;
    if !on_0_16() {
        refused_on_0_7(&agent).await;
        agent.delete().await.unwrap();
        return;
    }
    let proxy = FaultProxy::in_front_of(letta_testkit::shared_selected()).unwrap();
    let through_proxy = letta_core::LettaClient::builder()
        .base_url(proxy.base_url())
        .build()
        .unwrap();
    let faulty = AgentHandle::new(through_proxy, agent.id().clone());
    let conversation = faulty.new_conversation().await.unwrap();
    let send_rule = |fault| {
        FaultRule::new(fault)
            .method("POST")
            .path("/v1/conversations/*/messages")
            .times(1)
    };

    // The turn ran but its answer was lost: found by the otid, not run again.
    proxy.push_rule(send_rule(Fault::ResetAfterForward));
    let kept = conversation.send("#reply kept").await.unwrap();
    assert_eq!(kept.assistant_texts(), ["kept"], "{kept:?}");
    assert!(kept.is_recovered());
    assert_eq!(proxy.stats().reset_after, 1);

    // The send never reached the server: its otid is unknown there, so it is sent again.
    proxy.push_rule(send_rule(Fault::ResetBeforeForward));
    let resent = conversation.send("#reply resent").await.unwrap();
    assert_eq!(resent.assistant_texts(), ["resent"], "{resent:?}");
    assert!(!resent.is_recovered());
    assert_eq!(proxy.stats().reset_before, 1);

    // The stream broke mid-turn: re-opened after its last event.
    proxy.push_rule(send_rule(Fault::CutStreamAfter { events: 1 }));
    let cut = conversation.send("#reply cut short").await.unwrap();
    assert_eq!(cut.assistant_texts(), ["cut short"], "{cut:?}");
    assert_eq!(proxy.stats().cut_streams, 1);

    let readback = agent.conversation(conversation.id().clone());
    assert_eq!(
        said(&readback).await,
        (
            vec![
                "#reply kept".to_owned(),
                "#reply resent".to_owned(),
                "#reply cut short".to_owned()
            ],
            vec!["kept".to_owned(), "resent".to_owned(), "cut short".to_owned()]
        ),
        "each message once"
    );
    readback.delete().await.unwrap();
    agent.delete().await.unwrap();
}
