//! Streams that survive a dropped connection, on the real 0.16.8 (background mode, Redis): a
//! stream the fault proxy cuts mid-turn resumes after its last event, and a run is re-attached
//! from a fresh client by run ID and `seq_id`; either way every event arrives once, in order,
//! exactly as the run's whole stream (read again from its start) has them.

use futures_util::{StreamExt, TryStreamExt};
use letta_core::ids::RunId;
use letta_core::types::{LettaStreamingRequest, MessageCreate, RetrieveStreamRequest};
use letta_core::{LettaClient, StreamEvent};
use letta_testkit::fault_proxy::{Fault, FaultProxy, FaultRule};

use crate::recording::{self, Recorder};
use crate::{client, new_agent, server};

const WORDS: &str = "one two three four five six seven eight nine ten eleven twelve";

fn long_reply() -> LettaStreamingRequest {
    LettaStreamingRequest::tokens(MessageCreate::user(format!("#reply {WORDS}")))
}

/// The run's whole stream, read again from its start.
async fn whole_run(client: &LettaClient, run_id: &RunId) -> Vec<StreamEvent> {
    client
        .runs()
        .stream(run_id, &RetrieveStreamRequest::after(0))
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap()
}

/// `(seq_id, assistant text)` of each numbered event, and the stop reasons and usages.
fn shape(events: &[StreamEvent]) -> (Vec<(u64, String)>, usize, usize) {
    let numbered = events
        .iter()
        .filter_map(|e| {
            let text = e
                .as_message()
                .and_then(|m| m.assistant_text())
                .unwrap_or_default();
            e.seq_id().map(|seq| (seq, text))
        })
        .collect();
    let stops = events
        .iter()
        .filter(|e| matches!(e, StreamEvent::StopReason(_)))
        .count();
    let usages = events
        .iter()
        .filter(|e| matches!(e, StreamEvent::Usage(_)))
        .count();
    (numbered, stops, usages)
}

fn text(numbered: &[(u64, String)]) -> String {
    numbered.iter().map(|(_, t)| t.as_str()).collect()
}

#[tokio::test]
async fn a_stream_cut_mid_turn_resumes_and_delivers_every_event_once() {
    let proxy = FaultProxy::in_front_of(server()).unwrap();
    // The send's stream is cut after three events; the re-open is not.
    proxy.push_rule(
        FaultRule::new(Fault::CutStreamAfter { events: 3 })
            .method("POST")
            .path("/v1/agents/*/messages/stream")
            .times(1),
    );
    let client = LettaClient::builder()
        .base_url(proxy.base_url())
        .layer(Recorder::layer(recording::V0_16))
        .build()
        .unwrap();
    let agent = new_agent(&client, "cut").await;
    let mut stream = client
        .agents()
        .messages(&agent.id)
        .stream_background(long_reply())
        .await
        .unwrap();
    let mut delivered = Vec::new();
    while let Some(event) = stream.next().await {
        delivered.push(event.expect("the stream resumes instead of failing"));
    }
    assert_eq!(proxy.stats().cut_streams, 1, "the proxy did cut the stream");
    let run_id = stream.run_id().expect("the run was named").clone();

    let (got, stops, usages) = shape(&delivered);
    let (want, _, _) = shape(&whole_run(&client, &run_id).await);
    assert!(got.len() > 3, "events after the cut arrived: {got:?}");
    assert_eq!(got, want, "every event once, in order, as the run has them");
    assert!(got.windows(2).all(|w| w[0].0 < w[1].0), "{got:?}");
    assert_eq!((stops, usages), (1, 1));
    assert_eq!(text(&got).split_whitespace().collect::<Vec<_>>().join(" "), WORDS);
    assert_eq!(stream.last_seq_id(), got.last().map(|(seq, _)| *seq));
    client.agents().delete(&agent.id).await.unwrap();
}

#[tokio::test]
async fn a_run_is_reattached_from_a_fresh_client_by_run_id_and_seq_id() {
    let first = client();
    let agent = new_agent(&first, "attach").await;
    let mut stream = first
        .agents()
        .messages(&agent.id)
        .stream_background(long_reply())
        .await
        .unwrap();
    // The first process reads a few events, notes where it is, and goes away.
    let mut before = Vec::new();
    for _ in 0..4 {
        before.push(stream.next().await.expect("an event").unwrap());
    }
    let run_id = stream.run_id().expect("the run was named").clone();
    let last = stream.last_seq_id().expect("numbered events");
    drop(stream);
    drop(first);

    let fresh = client();
    let after: Vec<StreamEvent> = fresh
        .runs()
        .attach(&run_id, Some(last))
        .try_collect()
        .await
        .unwrap();
    let (got_before, _, _) = shape(&before);
    let (got_after, stops, usages) = shape(&after);
    assert!(got_after.iter().all(|(seq, _)| *seq > last), "{got_after:?}");
    let mut got = got_before;
    got.extend(got_after);
    let (want, _, _) = shape(&whole_run(&fresh, &run_id).await);
    assert_eq!(got, want, "together, every event once, in order");
    assert_eq!((stops, usages), (1, 1));
    assert_eq!(text(&got).split_whitespace().collect::<Vec<_>>().join(" "), WORDS);
    fresh.agents().delete(&agent.id).await.unwrap();
}
