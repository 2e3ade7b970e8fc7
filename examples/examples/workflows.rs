//! Client-side workflows: a pipeline (one agent's typed answer becomes the next one's input)
//! and a map-reduce (items spread over mapper agents, then one reducer), each with a trace of
//! which agent produced what.
//!
//! ```text
//! cargo run -p letta-examples --example workflows
//! ```

use letta_examples::Example;
use letta_orchestrator::TypedAgent;
use letta_orchestrator::workflow::{MapReduce, Pipeline};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, Deserialize, JsonSchema)]
struct Keywords {
    keywords: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Sentiment {
    text: String,
    score: i32,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Summary {
    average: f64,
    count: usize,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let example = Example::connect().await?;
    let client = &example.client;
    let scripted = example.scripted();
    // The scripted model answers `#reply <text>` with exactly that text, on both servers.
    let reply = |value: serde_json::Value| format!("#reply {value}");

    // Pipeline: extract keywords (typed), then write a headline from them (text).
    let extractor = example
        .spec("wf-extractor")
        .output::<Keywords>()
        .create(client)
        .await?;
    let writer = example.spec("wf-writer").create(client).await?;
    let pipeline = Pipeline::new()
        .step(
            "keywords",
            TypedAgent::<Keywords>::assume(extractor.clone()),
            move |text: &String| {
                if scripted {
                    let words: Vec<_> = text.split_whitespace().filter(|w| w.len() > 5).collect();
                    reply(json!({ "keywords": words }))
                } else {
                    format!("Extract the keywords of: {text}")
                }
            },
        )
        .step(
            "headline",
            TypedAgent::<String>::assume(writer.clone()),
            |k: &Keywords| format!("Write a headline with these keywords: {}", k.keywords.join(", ")),
        );
    let done = pipeline
        .run("Stateful agents remember conversations across sessions".to_string())
        .await?;
    println!("headline: {}", done.output);
    for entry in &done.trace.entries {
        println!(
            "  {} by {} in {:?}: {}",
            entry.step, entry.agent, entry.elapsed, entry.reply
        );
    }

    // Map-reduce: three mappers score reviews, a reducer averages the scores.
    let mut mappers = Vec::new();
    for i in 0..3 {
        let agent = example
            .spec(&format!("wf-mapper-{i}"))
            .output::<Sentiment>()
            .create(client)
            .await?;
        mappers.push(TypedAgent::<Sentiment>::assume(agent));
    }
    let reducer_agent = example
        .spec("wf-reducer")
        .output::<Summary>()
        .create(client)
        .await?;
    let reviews: Vec<String> = [
        "Great docs",
        "Too slow",
        "Fine overall",
        "Love the types",
        "Crashed once",
    ]
    .map(String::from)
    .to_vec();
    let job = MapReduce::new(
        mappers.clone(),
        move |review: &String| {
            if scripted {
                let score = if review.contains("Great") || review.contains("Love") {
                    5
                } else {
                    2
                };
                reply(json!({ "text": review, "score": score }))
            } else {
                format!("Score this review from 1 to 5: {review}")
            }
        },
        TypedAgent::<Summary>::assume(reducer_agent.clone()),
        move |scored: &[Sentiment]| {
            if scripted {
                let average = scored.iter().map(|s| s.score as f64).sum::<f64>() / scored.len() as f64;
                reply(json!({ "average": average, "count": scored.len() }))
            } else {
                format!(
                    "Average these scores: {:?}",
                    scored.iter().map(|s| s.score).collect::<Vec<_>>()
                )
            }
        },
    );
    let reduced = job.run(reviews).await?;
    for (index, scored) in &reduced.mapped {
        println!("  review {index}: {:?} scored {}", scored.text, scored.score);
    }
    let summary = &reduced.result.output;
    println!("average {:.1} over {} reviews", summary.average, summary.count);
    for entry in &reduced.result.trace.entries {
        println!("  {} by {}", entry.step, entry.agent);
    }

    for agent in [extractor, writer, reducer_agent]
        .into_iter()
        .chain(mappers.into_iter().map(|m| m.handle().clone()))
    {
        agent.delete().await?;
    }
    Ok(())
}
