//! The Rust crate `letta` 0.1.2 (orual/letta-rs) as a peer: the same four operations through its
//! own API and its own typed decoding, with the same agent ID and request body as the others.
//!
//! It was written against a later server (its metadata says 0.8.8), so before measuring, each
//! operation is tried once on the replay of real 0.7.29 answers ([`LettaCrate::probe`]); an
//! operation it cannot decode is reported with the reason and left out of the measurement.

use std::str::FromStr;

use futures_util::StreamExt;
use letta::types::{
    CreateMessagesRequest, LettaMessageUnion, MessageCreate, MessageCreateContent, MessageRole,
};
use letta::{ClientConfig, LettaClient, LettaId, StreamingEvent};

use super::raw::{AGENT, Done, Op, PROMPT};
use super::{Case, Ratio, Totals};
use letta_benches::replay::Fixtures;

/// The name in the tables.
pub const NAME: &str = "letta 0.1.2";

/// A `letta::LettaClient` and the agent ID in its own ID type.
#[derive(Clone)]
pub struct LettaCrate {
    client: LettaClient,
    agent: LettaId,
}

impl LettaCrate {
    /// A client of the crate on `base`, with its defaults (its retry policy never fires here: the
    /// replay server does not fail, and it does not retry decoding errors).
    pub fn new(base: &str) -> Self {
        let config = ClientConfig::new(base).expect("letta: base URL");
        // The same request body as the others, or the comparison is not like for like.
        let (ours, theirs) = (
            serde_json::to_value(request()),
            serde_json::to_value(super::raw::request()),
        );
        assert_eq!(
            ours.expect("encode"),
            theirs.expect("encode"),
            "request bodies differ"
        );
        Self {
            client: LettaClient::new(config).expect("letta: client"),
            agent: LettaId::from_str(AGENT).expect("letta: agent ID"),
        }
    }

    /// Runs `op` once; `Err` carries why the crate could not, shortened.
    pub async fn once(&self, op: Op) -> Result<Done, String> {
        let one = Done { events: 1, bytes: 0 };
        match op {
            Op::Retrieve => {
                let agent = self.client.agents().get(&self.agent).await.map_err(short)?;
                std::hint::black_box(agent);
                Ok(one)
            }
            Op::List => {
                let page = self
                    .client
                    .messages()
                    .list(&self.agent, None)
                    .await
                    .map_err(short)?;
                std::hint::black_box(page);
                Ok(one)
            }
            Op::Send => {
                let reply = self
                    .client
                    .messages()
                    .create(&self.agent, request())
                    .await
                    .map_err(short)?;
                std::hint::black_box(reply);
                Ok(one)
            }
            Op::Stream => {
                // `false`: whole steps, no `stream_tokens` query, as letta-core's `steps` request.
                let mut stream = self
                    .client
                    .messages()
                    .create_stream(&self.agent, request(), false)
                    .await
                    .map_err(short)?;
                let mut events = 0;
                while let Some(event) = stream.next().await {
                    std::hint::black_box(event.map_err(short)?);
                    events += 1;
                }
                Ok(Done { events, bytes: 0 })
            }
        }
    }

    /// Why the crate cannot do `op` on the recorded answers, or `None` if it decodes them.
    ///
    /// The stream needs more than a successful run: the crate skips events it cannot parse (with a
    /// line on stderr), and its untagged `StreamingEvent` ends in `Usage`, whose fields are all
    /// optional, so a message it cannot decode may come out as an empty `Usage` instead. So every
    /// recorded event is also decoded as the crate's stream does, and must land in its own variant.
    pub async fn probe(&self, op: Op) -> Option<String> {
        let done = match self.once(op).await {
            Ok(done) => done,
            Err(reason) => return Some(reason),
        };
        if op != Op::Stream {
            return None;
        }
        let (expected, misdecoded) = stream_decoding();
        if let Some(reason) = misdecoded {
            return Some(reason);
        }
        (done.events != expected as u64)
            .then(|| format!("its stream yielded {} of {expected} events", done.events))
    }
}

/// The request body of the others (`raw::request()`), built with the crate's own types.
fn request() -> CreateMessagesRequest {
    CreateMessagesRequest {
        messages: vec![MessageCreate {
            role: MessageRole::User,
            content: MessageCreateContent::String(PROMPT.to_owned()),
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// Decodes each event of the recorded long stream as the crate's stream does
/// (`serde_json::from_str::<StreamingEvent>` on the data) and returns the number of events and, if
/// any lands in the wrong variant or fails, how many and the first one's error.
fn stream_decoding() -> (usize, Option<String>) {
    let stream = Fixtures::recorded().long_stream();
    let text = std::str::from_utf8(&stream).expect("UTF-8 stream");
    let mut total = 0;
    let mut wrong = 0;
    let mut first: Option<String> = None;
    for event in text.split("\n\n") {
        let Some(data) = event.strip_prefix("data: ") else {
            continue;
        };
        if data == "[DONE]" {
            continue;
        }
        total += 1;
        let value: serde_json::Value = serde_json::from_str(data).expect("recorded JSON");
        let kind = value["message_type"].as_str().unwrap_or("(none)").to_owned();
        let landed = serde_json::from_str::<StreamingEvent>(data);
        let right = match (&landed, kind.as_str()) {
            (Ok(StreamingEvent::Usage(_)), "usage_statistics") => true,
            (Ok(StreamingEvent::StopReason(_)), "stop_reason") => true,
            (Ok(StreamingEvent::Message(_)), k) => k != "usage_statistics" && k != "stop_reason",
            _ => false,
        };
        if right {
            continue;
        }
        wrong += 1;
        if first.is_none() {
            let landed = match landed {
                Ok(StreamingEvent::Message(_)) => "decoded as a `Message`",
                Ok(StreamingEvent::StopReason(_)) => "decoded as a `StopReason`",
                Ok(StreamingEvent::Usage(_)) => "decoded as an empty `Usage`",
                Err(_) => "dropped",
            };
            // The variant's own error says which field or tag it did not accept.
            let why = match serde_json::from_str::<LettaMessageUnion>(data) {
                Err(e) => format!("as a message: {e}"),
                Ok(_) => "it does decode as a message".to_owned(),
            };
            first = Some(format!("`{kind}` {landed}; {why}"));
        }
    }
    let reason = first.map(|first| format!("{wrong} of {total} stream events mis-decoded, e.g. {first}"));
    (total, reason)
}

/// The innermost cause of an error: for a decoding failure, serde's own message with its position.
fn short(error: letta::LettaError) -> String {
    let mut cause: &dyn std::error::Error = &error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// The letta crate's part of the report: the operations it cannot do on these answers, and
/// letta-core against it on the rest. `core` and `peer` index the clients in each case's totals.
pub fn report(cases: &[Case], core: usize, peer: usize, cannot: &[(Op, String)]) {
    println!("{NAME}: what it cannot do on the replay of real 0.7.29 answers.");
    println!();
    println!("| operation | why |");
    println!("|---|---|");
    for (op, why) in cannot {
        println!("| {} | {} |", op.name(), why.replace('|', "\\|"));
    }
    if cannot.is_empty() {
        println!("| (none) | |");
    }
    println!();
    println!("Targets: letta-core ahead of {NAME} on every operation it can decode (ratios from this run).");
    println!();
    println!("| operation | in flight | throughput ratio (> 1.0) | | CPU/request ratio (< 1.0) | |");
    println!("|---|---:|---:|---|---:|---|");
    let mut summaries = Vec::new();
    for case in cases {
        if cannot.iter().any(|(op, _)| *op == case.op) {
            continue;
        }
        let (ours, theirs) = (&case.runs[core], &case.runs[peer]);
        let op = case.op;
        let throughput = Ratio::per_round(ours, theirs, |t| t.rate(op));
        let cpu = Ratio::per_round(ours, theirs, Totals::cpu_us_per_request);
        let verdict = |ok: bool| if ok { "met" } else { "not met" };
        println!(
            "| {} | {} | {throughput} | {} | {cpu} | {} |",
            case.op.name(),
            case.in_flight,
            verdict(throughput.median > 1.0),
            verdict(cpu.median < 1.0),
        );
        summaries.push(format!(
            "summary: | letta-core vs {NAME}: {} at {} in flight | ahead: throughput > 1x, CPU/request < 1x | {:.2}x, {:.2}x | {} |",
            case.op.name(),
            case.in_flight,
            throughput.median,
            cpu.median,
            verdict(throughput.median > 1.0 && cpu.median < 1.0),
        ));
    }
    for (op, why) in cannot {
        summaries.push(format!(
            "summary: | letta-core vs {NAME}: {} | (the table says which it cannot) | it cannot: {} | n/a |",
            op.name(),
            why.replace('|', "\\|"),
        ));
    }
    for line in summaries {
        println!("{line}");
    }
    println!();
}
