//! Pipelines and map-reduce. The scripted LLM answers a [`typed_reply`] prompt with exactly
//! that reply, so each prompt carries the reply the test expects, computed from the previous
//! step's typed output.

use letta_orchestrator::workflow::{MapReduce, Pipeline, WorkflowError};
use letta_orchestrator::{OutputError, TypedAgent};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{client, spec, typed_reply, unique};

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Words {
    words: Vec<String>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Stats {
    count: usize,
    longest: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Scored {
    item: String,
    length: usize,
}

#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Total {
    total: usize,
    items: usize,
}

/// The scripted way to make an agent reply with `value`.
fn reply_with(value: serde_json::Value) -> String {
    typed_reply(&value)
}

async fn typed<T: JsonSchema + serde::de::DeserializeOwned>(prefix: &str) -> TypedAgent<T> {
    let handle = spec(&unique(prefix))
        .output::<T>()
        .create(&client())
        .await
        .unwrap();
    TypedAgent::assume(handle)
}

#[tokio::test]
async fn a_pipeline_passes_typed_answers_along_and_traces_them() {
    let splitter = typed::<Words>("split").await;
    let counter = typed::<Stats>("count").await;
    // A plain agent: its text reply is the `String` output.
    let writer = TypedAgent::<String>::assume(crate::new_agent("write").await);
    let ids = [
        splitter.handle().id().clone(),
        counter.handle().id().clone(),
        writer.handle().id().clone(),
    ];

    let pipeline = Pipeline::new()
        .step("split", splitter.clone(), |text: &String| {
            reply_with(json!({ "words": text.split_whitespace().collect::<Vec<_>>() }))
        })
        .step("count", counter.clone(), |words: &Words| {
            let longest = words
                .words
                .iter()
                .max_by_key(|w| w.len())
                .cloned()
                .unwrap_or_default();
            reply_with(json!({ "count": words.words.len(), "longest": longest }))
        })
        .step("write", writer.clone(), |stats: &Stats| {
            format!("{} words, the longest is {}", stats.count, stats.longest)
        });
    assert_eq!(pipeline.steps(), ["split", "count", "write"]);

    let done = pipeline
        .run("agents remember conversations".to_string())
        .await
        .unwrap();
    assert_eq!(done.output, "You said: 3 words, the longest is conversations");
    let steps: Vec<_> = done
        .trace
        .entries
        .iter()
        .map(|e| (e.step.as_str(), e.agent.clone()))
        .collect();
    assert_eq!(
        steps,
        [
            ("split", ids[0].clone()),
            ("count", ids[1].clone()),
            ("write", ids[2].clone())
        ]
    );
    let split_reply: Words = serde_json::from_str(&done.trace.entries[0].reply).unwrap();
    assert_eq!(split_reply.words, ["agents", "remember", "conversations"]);
    assert!(
        done.trace.entries[1]
            .prompt
            .contains(r#""longest":"conversations""#)
    );
    assert_eq!(
        done.trace.entries[2].reply,
        "You said: 3 words, the longest is conversations"
    );

    // A step whose answer does not fit stops the run, naming the step, keeping its prompt
    // and the trace before it.
    let broken = Pipeline::new()
        .step("split", splitter.clone(), |text: &String| {
            reply_with(json!({ "words": [text] }))
        })
        .step("count", counter.clone(), |_: &Words| {
            reply_with(json!({ "count": "many" }))
        });
    let error = broken.run("x".to_string()).await.unwrap_err();
    match &error {
        WorkflowError::Step { failure, trace } => {
            assert_eq!(failure.step, "count");
            assert_eq!(&failure.agent, counter.handle().id());
            assert!(failure.prompt.contains(r#""count":"many""#), "{}", failure.prompt);
            assert!(matches!(failure.error, OutputError::Mismatch { .. }));
            assert_eq!(trace.entries.len(), 1);
            assert_eq!(trace.entries[0].step, "split");
        }
        other => panic!("expected a step failure, got {other:?}"),
    }
    assert!(error.to_string().contains("step `count` failed"), "{error}");

    for agent in [splitter.handle(), counter.handle(), writer.handle()] {
        agent.clone().delete().await.unwrap();
    }
}

#[tokio::test]
async fn map_reduce_spreads_items_and_reduces_their_typed_outputs() {
    let mut mappers = Vec::new();
    for _ in 0..3 {
        mappers.push(typed::<Scored>("mapper").await);
    }
    let reducer = typed::<Total>("reducer").await;
    let items: Vec<String> = ["ant", "bee", "cicada", "dragonfly", "earwig", "flea", "gnat"]
        .map(String::from)
        .to_vec();
    let job = MapReduce::new(
        mappers.clone(),
        |item: &String| reply_with(json!({ "item": item, "length": item.len() })),
        reducer.clone(),
        |scored: &[Scored]| {
            let total: usize = scored.iter().map(|s| s.length).sum();
            reply_with(json!({ "total": total, "items": scored.len() }))
        },
    );
    let done = job.run(items.clone()).await.unwrap();
    assert_eq!(done.result.output, Total { total: 35, items: 7 });
    let mapped: Vec<_> = done.mapped.iter().map(|(i, s)| (*i, s.item.clone())).collect();
    let expected: Vec<_> = items.iter().cloned().enumerate().collect();
    assert_eq!(mapped, expected);
    // Item i went to mapper i % 3; the reducer answered last.
    let entries = &done.result.trace.entries;
    assert_eq!(entries.len(), 8);
    for (i, entry) in entries[..7].iter().enumerate() {
        assert_eq!(entry.step, format!("map[{i}]"));
        assert_eq!(&entry.agent, mappers[i % 3].handle().id());
    }
    assert_eq!(entries[7].step, "reduce");
    assert_eq!(&entries[7].agent, reducer.handle().id());
    // Each mapper's history holds exactly its own items.
    for (lane, mapper) in mappers.iter().enumerate() {
        let history = mapper
            .handle()
            .client()
            .agents()
            .messages(mapper.handle().id())
            .list(
                &letta_core::types::ListMessagesParams::builder()
                    .use_assistant_message(false)
                    .limit(100)
                    .build(),
            )
            .await
            .unwrap();
        let seen: Vec<String> = history
            .iter()
            .filter_map(|m| match m {
                letta_core::types::LettaMessage::User(u) => Some(u.content.text()),
                _ => None,
            })
            .filter(|text| text.contains("\"item\":"))
            .collect();
        let mine: Vec<_> = (lane..7).step_by(3).map(|i| items[i].as_str()).collect();
        assert_eq!(seen.len(), mine.len(), "{seen:?}");
        for (text, item) in seen.iter().zip(&mine) {
            assert!(text.contains(&format!("\"item\":\"{item}\"")), "{text} vs {item}");
        }
    }

    // A failing item: by default the run fails with it; skipping reduces over the rest.
    let picky = |item: &String| {
        if item == "bee" {
            "#reply not a score".to_string()
        } else {
            reply_with(json!({ "item": item, "length": item.len() }))
        }
    };
    let reduce = |scored: &[Scored]| {
        reply_with(json!({ "total": scored.iter().map(|s| s.length).sum::<usize>(), "items": scored.len() }))
    };
    let strict = MapReduce::new(mappers.clone(), picky, reducer.clone(), reduce);
    let error = strict.run(items[..3].to_vec()).await.unwrap_err();
    match &error {
        WorkflowError::Map { failures, trace } => {
            assert_eq!(failures.len(), 1);
            assert_eq!(failures[0].step, "map[1]");
            assert_eq!(failures[0].prompt, "#reply not a score");
            assert_eq!(failures[0].error.raw(), Some("not a score"));
            assert_eq!(trace.entries.len(), 2, "the other two items are kept");
        }
        other => panic!("expected a map failure, got {other:?}"),
    }
    let lenient = MapReduce::new(mappers.clone(), picky, reducer.clone(), reduce).skip_failures(true);
    let done = lenient.run(items[..3].to_vec()).await.unwrap();
    assert_eq!(done.result.output, Total { total: 9, items: 2 });
    assert_eq!(done.skipped.len(), 1);
    assert_eq!(done.mapped.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 2]);

    for agent in mappers.iter().map(|m| m.handle()).chain([reducer.handle()]) {
        agent.clone().delete().await.unwrap();
    }
}
