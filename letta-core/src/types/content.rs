//! Message content: plain text, or typed parts (text, tool calls and returns, reasoning).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::JsonMap;

/// Message content: plain text, or a list of typed parts.
///
/// Decoding tells the two apart by the JSON type (see `message_decode.rs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum MessageContent {
    /// Plain text.
    Text(String),
    /// Typed parts (text, images, ...).
    Parts(Vec<ContentPart>),
}

impl MessageContent {
    /// All text in the content, parts joined with nothing between them.
    pub fn text(&self) -> String {
        match self {
            MessageContent::Text(t) => t.clone(),
            MessageContent::Parts(parts) => parts.iter().filter_map(ContentPart::as_text).collect(),
        }
    }
}

impl From<&str> for MessageContent {
    fn from(text: &str) -> Self {
        MessageContent::Text(text.to_owned())
    }
}

impl From<String> for MessageContent {
    fn from(text: String) -> Self {
        MessageContent::Text(text)
    }
}

/// One part of a message's content (`LettaMessageContentUnion`, and the content of a stored
/// [`Message`](super::Message)), told apart by its `type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ContentPart {
    /// `{"type": "text", "text": ...}`
    Text(TextContent),
    /// A tool call (`ToolCallContent`).
    ToolCall(ToolCallContent),
    /// A tool's result (`ToolReturnContent`).
    ToolReturn(ToolReturnContent),
    /// The model's reasoning (`ReasoningContent`).
    Reasoning(ReasoningContent),
    /// Reasoning the provider redacted (`RedactedReasoningContent`).
    RedactedReasoning(RedactedReasoningContent),
    /// Reasoning the provider left out (`OmittedReasoningContent`).
    OmittedReasoning,
    /// A part this client does not know (an image, a newer server's kind, or a known kind in a
    /// shape it does not expect), kept as sent.
    Other(Value),
}

impl ContentPart {
    /// The text, for a text part.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            ContentPart::Text(t) => Some(&t.text),
            _ => None,
        }
    }

    /// The part's `type` as the server names it (`"text"`, `"tool_call"`...).
    pub fn part_type(&self) -> &str {
        match self {
            ContentPart::Text(_) => "text",
            ContentPart::ToolCall(_) => "tool_call",
            ContentPart::ToolReturn(_) => "tool_return",
            ContentPart::Reasoning(_) => "reasoning",
            ContentPart::RedactedReasoning(_) => "redacted_reasoning",
            ContentPart::OmittedReasoning => "omitted_reasoning",
            ContentPart::Other(value) => value.get("type").and_then(Value::as_str).unwrap_or(""),
        }
    }
}

/// The wire form of the typed parts: their fields with the `type` tag.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum TaggedPart<'a> {
    ToolCall(&'a ToolCallContent),
    ToolReturn(&'a ToolReturnContent),
    Reasoning(&'a ReasoningContent),
    RedactedReasoning(&'a RedactedReasoningContent),
    OmittedReasoning,
}

impl Serialize for ContentPart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ContentPart::Text(text) => text.serialize(serializer),
            ContentPart::ToolCall(part) => TaggedPart::ToolCall(part).serialize(serializer),
            ContentPart::ToolReturn(part) => TaggedPart::ToolReturn(part).serialize(serializer),
            ContentPart::Reasoning(part) => TaggedPart::Reasoning(part).serialize(serializer),
            ContentPart::RedactedReasoning(part) => TaggedPart::RedactedReasoning(part).serialize(serializer),
            ContentPart::OmittedReasoning => TaggedPart::OmittedReasoning.serialize(serializer),
            ContentPart::Other(value) => value.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for ContentPart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        fn typed<T: serde::de::DeserializeOwned>(
            value: &Value,
            wrap: fn(T) -> ContentPart,
        ) -> Option<ContentPart> {
            T::deserialize(value).ok().map(wrap)
        }
        let value = Value::deserialize(deserializer)?;
        let part = match value.get("type").and_then(Value::as_str) {
            Some("text") => value.get("text").and_then(Value::as_str).map(|text| {
                ContentPart::Text(TextContent {
                    signature: value.get("signature").and_then(Value::as_str).map(str::to_owned),
                    ..TextContent::new(text)
                })
            }),
            Some("tool_call") => typed(&value, ContentPart::ToolCall),
            Some("tool_return") => typed(&value, ContentPart::ToolReturn),
            Some("reasoning") => typed(&value, ContentPart::Reasoning),
            Some("redacted_reasoning") => typed(&value, ContentPart::RedactedReasoning),
            Some("omitted_reasoning") => Some(ContentPart::OmittedReasoning),
            _ => None,
        };
        Ok(part.unwrap_or(ContentPart::Other(value)))
    }
}

/// A tool call, as a content part (`ToolCallContent`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCallContent {
    /// The call's ID.
    pub id: String,
    /// The tool called.
    pub name: String,
    /// The arguments, by parameter name (the tool's own, so free-form JSON).
    pub input: JsonMap,
    /// The provider's signature of it, when it signs it (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// A tool's result, as a content part (`ToolReturnContent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolReturnContent {
    /// The ID of the call this answers.
    pub tool_call_id: String,
    /// What the tool returned.
    pub content: String,
    /// Whether the tool failed.
    pub is_error: bool,
}

/// The model's reasoning, as a content part (`ReasoningContent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasoningContent {
    /// Whether a reasoning model produced it natively.
    pub is_native: bool,
    /// The reasoning.
    pub reasoning: String,
    /// The provider's signature of the reasoning, when it signs it.
    #[serde(default)]
    pub signature: Option<String>,
}

/// Reasoning the provider redacted, as a content part (`RedactedReasoningContent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedactedReasoningContent {
    /// The redacted reasoning, opaque.
    pub data: String,
}

/// A text part (`TextContent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextContent {
    /// Always `text`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The text.
    pub text: String,
    /// The provider's signature of it, when it signs it (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl TextContent {
    /// A text part.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            kind: "text".to_owned(),
            text: text.into(),
            signature: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parts_decode_by_type_and_encode_back_unchanged() {
        let wire = json!([
            {"type": "text", "text": "hi"},
            {"type": "tool_call", "id": "call-1", "name": "search", "input": {"q": "tea"}},
            {"type": "tool_return", "tool_call_id": "call-1", "content": "green", "is_error": false},
            {"type": "reasoning", "is_native": true, "reasoning": "Look it up.", "signature": "sig"},
            {"type": "redacted_reasoning", "data": "opaque"},
            {"type": "omitted_reasoning"}
        ]);
        let parts: Vec<ContentPart> = serde_json::from_value(wire.clone()).unwrap();
        let types: Vec<&str> = parts.iter().map(ContentPart::part_type).collect();
        assert_eq!(
            types,
            [
                "text",
                "tool_call",
                "tool_return",
                "reasoning",
                "redacted_reasoning",
                "omitted_reasoning"
            ]
        );
        match &parts[1] {
            ContentPart::ToolCall(call) => {
                assert_eq!((call.name.as_str(), &call.input["q"]), ("search", &json!("tea")))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&parts[2], ContentPart::ToolReturn(r) if r.content == "green" && !r.is_error));
        assert!(matches!(&parts[3], ContentPart::Reasoning(r) if r.signature.as_deref() == Some("sig")));
        assert_eq!(serde_json::to_value(&parts).unwrap(), wire);
    }

    #[test]
    fn unknown_or_malformed_parts_are_kept_as_sent() {
        let wire = json!([
            {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}},
            {"type": "tool_call", "id": "call-1"},
            {"no_type": true}
        ]);
        let parts: Vec<ContentPart> = serde_json::from_value(wire.clone()).unwrap();
        assert!(
            parts.iter().all(|p| matches!(p, ContentPart::Other(_))),
            "{parts:?}"
        );
        assert_eq!(parts[0].part_type(), "image");
        assert_eq!(parts[1].part_type(), "tool_call");
        assert_eq!(serde_json::to_value(&parts).unwrap(), wire);
    }
}
