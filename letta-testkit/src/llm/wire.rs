//! OpenAI wire framing: JSON bodies and server-sent-event chunks.
//!
//! Everything here turns a decided [`Reply`] into exactly the shapes the
//! `openai` Python SDK (and therefore Letta) parses; no rule logic lives here.

use serde_json::{Value, json};

use super::script::Reply;
use super::{EMBEDDING_MODEL, MODEL};

/// Characters of the answer carried by each streamed fragment.
const FRAGMENT_CHARS: usize = 8;

/// Owner reported for the scripted models.
const OWNER: &str = "letta-testkit";

/// Identity and accounting shared by every chunk of one answer.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    /// Ordinal of the chat request (1-based), used in ids.
    pub(crate) seq: u64,
    /// Model name echoed back (the request's, else [`MODEL`]).
    pub(crate) model: String,
    /// Unix timestamp of the answer.
    pub(crate) created: u64,
    /// Prompt token estimate (request bytes / 4, at least 1).
    pub(crate) prompt_tokens: u64,
}

impl Meta {
    /// The `chatcmpl-…` id shared by the answer's body or chunks.
    fn id(&self) -> String {
        format!("chatcmpl-scripted-{}", self.seq)
    }

    /// The tool call id, `call_<seq>`.
    fn call_id(&self) -> String {
        format!("call_{}", self.seq)
    }

    /// The `usage` object for an answer whose visible text is `text`.
    fn usage(&self, text: &str) -> Value {
        let completion = estimate_tokens(text.len());
        json!({
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": self.prompt_tokens + completion,
        })
    }
}

/// A plausible non-zero token count for `bytes` bytes of text (bytes / 4).
pub(crate) fn estimate_tokens(bytes: usize) -> u64 {
    (bytes as u64 / 4).max(1)
}

/// The text whose length drives completion-token accounting.
pub(crate) fn visible_text(reply: &Reply) -> &str {
    match reply {
        Reply::ToolCall { arguments, .. } => arguments,
        Reply::Text(text) => text,
    }
}

/// Body of a non-streaming `chat.completion`.
pub(crate) fn completion(reply: &Reply, meta: &Meta) -> Value {
    let (message, finish) = match reply {
        Reply::ToolCall {
            name,
            arguments,
            note,
        } => (
            json!({
                "role": "assistant",
                "content": note,
                "tool_calls": [{
                    "id": meta.call_id(),
                    "type": "function",
                    "function": {"name": name, "arguments": arguments},
                }],
            }),
            "tool_calls",
        ),
        Reply::Text(text) => (json!({"role": "assistant", "content": text}), "stop"),
    };
    json!({
        "id": meta.id(),
        "object": "chat.completion",
        "created": meta.created,
        "model": meta.model,
        "system_fingerprint": "fp_scripted",
        "choices": [{"index": 0, "message": message, "logprobs": null, "finish_reason": finish}],
        "usage": meta.usage(visible_text(reply)),
    })
}

/// Splits `text` into pieces of at most [`FRAGMENT_CHARS`] characters,
/// never inside a UTF-8 sequence.
fn fragments(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(FRAGMENT_CHARS).map(|c| c.iter().collect()).collect()
}

/// One `chat.completion.chunk` with a single choice.
fn chunk(meta: &Meta, delta: Value, finish: Option<&str>) -> Value {
    json!({
        "id": meta.id(),
        "object": "chat.completion.chunk",
        "created": meta.created,
        "model": meta.model,
        "system_fingerprint": "fp_scripted",
        "choices": [{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish}],
    })
}

/// The ordered SSE events (each a complete `data: …\n\n` frame) of a
/// streamed answer, ending with `data: [DONE]`. A usage-only chunk with
/// `choices: []` precedes `[DONE]` when `include_usage` is set, as OpenAI does.
pub(crate) fn stream_events(reply: &Reply, meta: &Meta, include_usage: bool) -> Vec<String> {
    let mut chunks = Vec::new();
    match reply {
        Reply::ToolCall {
            name,
            arguments,
            note,
        } => {
            chunks.push(chunk(
                meta,
                json!({"role": "assistant", "content": note, "tool_calls": [{
                    "index": 0, "id": meta.call_id(), "type": "function",
                    "function": {"name": name, "arguments": ""},
                }]}),
                None,
            ));
            for piece in fragments(arguments) {
                chunks.push(chunk(
                    meta,
                    json!({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}),
                    None,
                ));
            }
            chunks.push(chunk(meta, json!({}), Some("tool_calls")));
        }
        Reply::Text(text) => {
            chunks.push(chunk(meta, json!({"role": "assistant", "content": ""}), None));
            for piece in fragments(text) {
                chunks.push(chunk(meta, json!({"content": piece}), None));
            }
            chunks.push(chunk(meta, json!({}), Some("stop")));
        }
    }
    if include_usage {
        chunks.push(json!({
            "id": meta.id(),
            "object": "chat.completion.chunk",
            "created": meta.created,
            "model": meta.model,
            "system_fingerprint": "fp_scripted",
            "choices": [],
            "usage": meta.usage(visible_text(reply)),
        }));
    }
    let mut events: Vec<String> = chunks.iter().map(|c| format!("data: {c}\n\n")).collect();
    events.push("data: [DONE]\n\n".to_owned());
    events
}

/// OpenAI-style error body; `kind` is the `error.type` string.
pub(crate) fn error_body(message: &str, kind: &str) -> Value {
    json!({"error": {"message": message, "type": kind, "param": null, "code": null}})
}

/// The OpenAI `error.type` conventionally paired with an HTTP status.
pub(crate) fn error_kind(status: u16) -> &'static str {
    match status {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        400..=499 => "invalid_request_error",
        _ => "server_error",
    }
}

/// Body of `GET /v1/models`. The chat model carries `context_length` (as OpenRouter sends it) so
/// Letta's OpenAI provider, which skips models whose context window it cannot tell, offers it.
pub(crate) fn models() -> Value {
    let entry = |id: &str| json!({"id": id, "object": "model", "created": 0, "owned_by": OWNER});
    let mut chat = entry(MODEL);
    chat["context_length"] = json!(CONTEXT_LENGTH);
    json!({"object": "list", "data": [chat, entry(EMBEDDING_MODEL)]})
}

/// Context window the scripted chat model advertises.
const CONTEXT_LENGTH: u32 = 16384;

#[cfg(test)]
mod tests {
    use super::*;

    /// Meta for tests.
    fn meta() -> Meta {
        Meta {
            seq: 3,
            model: MODEL.to_owned(),
            created: 1,
            prompt_tokens: 10,
        }
    }

    /// Parses the `data:` payloads of `events`, skipping `[DONE]`.
    fn payloads(events: &[String]) -> Vec<Value> {
        events
            .iter()
            .filter_map(|e| e.strip_prefix("data: "))
            .filter(|d| !d.starts_with("[DONE]"))
            .map(|d| serde_json::from_str(d.trim()).expect("chunk is JSON"))
            .collect()
    }

    #[test]
    fn tool_call_stream_reassembles() {
        let args = r#"{"inner_thoughts":"héllo wörld","message":"You said: hi"}"#;
        let reply = Reply::ToolCall {
            name: "send_message".to_owned(),
            arguments: args.to_owned(),
            note: None,
        };
        let events = stream_events(&reply, &meta(), true);
        assert_eq!(events.last().map(String::as_str), Some("data: [DONE]\n\n"));
        let chunks = payloads(&events);
        let first = &chunks[0]["choices"][0]["delta"]["tool_calls"][0];
        assert_eq!(first["id"], "call_3");
        assert_eq!(first["function"]["name"], "send_message");
        let joined: String = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"].as_str())
            .collect();
        assert_eq!(joined, args);
        let n = chunks.len();
        assert_eq!(chunks[n - 2]["choices"][0]["finish_reason"], "tool_calls");
        assert_eq!(chunks[n - 1]["choices"], json!([]));
        assert!(chunks[n - 1]["usage"]["completion_tokens"].as_u64() > Some(0));
    }

    #[test]
    fn text_stream_and_completion() {
        let reply = Reply::Text("plain answer text".to_owned());
        let chunks = payloads(&stream_events(&reply, &meta(), false));
        let text: String = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
            .collect();
        assert_eq!(text, "plain answer text");
        assert_eq!(
            chunks.last().map(|c| c["choices"][0]["finish_reason"].clone()),
            Some(json!("stop"))
        );
        let body = completion(&reply, &meta());
        assert_eq!(body["choices"][0]["message"]["content"], "plain answer text");
        assert_eq!(body["usage"]["total_tokens"], 14);
    }
}
