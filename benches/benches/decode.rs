//! Criterion microbenches of decoding, on one core: an `AgentState`, a message page, and the long
//! SSE stream of the replay server into typed events, each with its throughput in MB/s. And the
//! client's own cost without a network: `client/*` runs the same two answers through
//! `LettaClient` (URL, headers, the tower transport boundary, the call timeout, decoding) over an
//! in-memory transport, to set beside `decode/*`, which is the decoding alone. A custom transport
//! takes the client's `tower` path; the default client skips it (the `clients` bench measures
//! that one, over the network).
//!
//! `cargo bench -p letta-benches --bench decode`. The bodies are the recorded fixtures of
//! `letta_benches::replay`; the stream goes through `MessageStream` (the client's own SSE path) on a
//! current-thread runtime, so all of it runs on the calling thread.

// `criterion_group!` defines a public function that cannot carry a doc comment.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures_util::StreamExt;
use letta_benches::replay::Fixtures;
use letta_core::ids::AgentId;
use letta_core::stream::MessageStream;
use letta_core::transport::{TransportRequest, TransportResponse, full_body};
use letta_core::types::{AgentState, LettaMessage, ListMessagesParams};
use letta_core::{LettaClient, LettaError};

fn decode(c: &mut Criterion) {
    let fixtures = Fixtures::recorded();
    let mut group = c.benchmark_group("decode");

    group.throughput(Throughput::BytesDecimal(fixtures.agent_state.len() as u64));
    group.bench_function("agent_state", |b| {
        b.iter(|| serde_json::from_slice::<AgentState>(&fixtures.agent_state).expect("agent state"))
    });

    group.throughput(Throughput::BytesDecimal(fixtures.messages_page.len() as u64));
    group.bench_function("message_page", |b| {
        b.iter(|| serde_json::from_slice::<Vec<LettaMessage>>(&fixtures.messages_page).expect("page"))
    });

    let stream = fixtures.long_stream();
    // Timers on: the client's call timeout needs them (the `client/*` benches).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    group.throughput(Throughput::BytesDecimal(stream.len() as u64));
    group.sample_size(20);
    group.bench_function("sse_stream", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let mut events = MessageStream::from_body(full_body(stream.clone()));
                let mut n = 0u32;
                while let Some(event) = events.next().await {
                    std::hint::black_box(event.expect("event"));
                    n += 1;
                }
                n
            })
        })
    });
    group.finish();

    // The answer depends only on the path, like the replay server's.
    let (agent, page) = (fixtures.agent_state.clone(), fixtures.messages_page.clone());
    let transport = tower::service_fn(move |request: TransportRequest| {
        let body = if request.uri().path().ends_with("/messages") {
            page.clone()
        } else {
            agent.clone()
        };
        async move { Ok::<TransportResponse, LettaError>(http::Response::new(full_body(body))) }
    });
    let client = LettaClient::builder()
        .base_url("http://127.0.0.1:8283")
        .transport(transport)
        .build()
        .expect("client");
    let id = AgentId::from("agent-00000000-0000-4000-8000-000000000000".to_owned());
    let mut group = c.benchmark_group("client");
    group.throughput(Throughput::BytesDecimal(fixtures.agent_state.len() as u64));
    group.bench_function("retrieve_agent_in_memory", |b| {
        b.iter(|| runtime.block_on(client.agents().retrieve(&id)).expect("agent"))
    });
    group.throughput(Throughput::BytesDecimal(fixtures.messages_page.len() as u64));
    let params = ListMessagesParams::default();
    group.bench_function("list_messages_in_memory", |b| {
        b.iter(|| {
            runtime
                .block_on(client.agents().messages(&id).list(&params))
                .expect("page")
        })
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
