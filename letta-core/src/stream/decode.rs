//! Decoding one event's `data:` payload into a [`StreamEvent`].

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::{OTHER_VALUE_LIMIT, Ping, StreamEvent};
use crate::error::StreamErrorKind;
use crate::types::{LettaMessage, LettaStopReason};

/// Decodes one `data:` payload.
///
/// Almost every payload is a message of a known type, decoded in one pass straight into its
/// variant (see `types/message_decode.rs`). The rest (usage, error payloads, unknown types, and
/// anything that did not decode) take the general path through a `Value`, which also words the
/// errors; above [`OTHER_VALUE_LIMIT`] bytes, a path that builds no `Value` (`decode_large`).
pub(crate) fn decode_event(data: &str) -> Result<Option<StreamEvent>, StreamErrorKind> {
    if data.len() > OTHER_VALUE_LIMIT {
        return decode_large(data);
    }
    match serde_json::from_str::<LettaMessage>(data) {
        Ok(LettaMessage::Other(value)) => decode_value(value, data),
        Ok(message) => Ok(Some(StreamEvent::Message(message))),
        Err(_) => {
            let value = serde_json::from_str(data).map_err(|e| undecodable(&e, data))?;
            decode_value(value, data)
        }
    }
}

fn undecodable(e: &dyn std::fmt::Display, data: &str) -> StreamErrorKind {
    StreamErrorKind::Decode {
        reason: e.to_string(),
        data: data.to_owned(),
    }
}

/// The keys that decide how a payload decodes, read without building anything else.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow, default)]
    message_type: Option<std::borrow::Cow<'a, str>>,
    #[serde(default)]
    error: Option<Box<RawValue>>,
}

/// The fields of an error frame's `error` object that carry its text.
#[derive(Deserialize)]
struct ErrorText {
    message: Option<String>,
    detail: Option<String>,
}

/// Decodes a payload too large to parse into a `Value`: its `message_type` and `error` are read
/// first (skipping the rest), then it decodes straight into its type; an unknown kind is kept as
/// raw JSON.
fn decode_large(data: &str) -> Result<Option<StreamEvent>, StreamErrorKind> {
    let probe: Probe<'_> = serde_json::from_str(data).map_err(|e| undecodable(&e, data))?;
    if let Some(error) = probe.error {
        let raw = error.get();
        let message = serde_json::from_str::<String>(raw)
            .ok()
            .or_else(|| {
                serde_json::from_str::<ErrorText>(raw)
                    .ok()
                    .and_then(|e| e.message.or(e.detail))
            })
            .unwrap_or_else(|| raw.to_owned());
        return Err(StreamErrorKind::Server(message));
    }
    let event = match probe.message_type.as_deref() {
        Some("usage_statistics") => {
            StreamEvent::Usage(serde_json::from_str(data).map_err(|e| undecodable(&e, data))?)
        }
        Some("stop_reason") => match serde_json::from_str(data) {
            Ok(reason) => StreamEvent::StopReason(reason),
            Err(_) => StreamEvent::OtherRaw(serde_json::from_str(data).map_err(|e| undecodable(&e, data))?),
        },
        Some("ping") => match serde_json::from_str(data) {
            Ok(ping) => StreamEvent::Ping(ping),
            Err(_) => StreamEvent::OtherRaw(serde_json::from_str(data).map_err(|e| undecodable(&e, data))?),
        },
        Some(known) if LettaMessage::KNOWN_TYPES.contains(&known) => {
            StreamEvent::Message(serde_json::from_str(data).map_err(|e| undecodable(&e, data))?)
        }
        _ => StreamEvent::OtherRaw(serde_json::from_str(data).map_err(|e| undecodable(&e, data))?),
    };
    Ok(Some(event))
}

/// Decodes a payload already read as a `Value` (from `data`): an error, usage, a message, or
/// something else.
fn decode_value(value: Value, data: &str) -> Result<Option<StreamEvent>, StreamErrorKind> {
    if let Some(error) = value.get("error") {
        let message = match error {
            Value::String(s) => s.clone(),
            Value::Object(o) => o
                .get("message")
                .or_else(|| o.get("detail"))
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| error.to_string()),
            other => other.to_string(),
        };
        return Err(StreamErrorKind::Server(message));
    }
    let tag = value.get("message_type").and_then(Value::as_str);
    let event = match tag {
        Some("usage_statistics") => {
            StreamEvent::Usage(serde_json::from_value(value).map_err(|e| undecodable(&e, data))?)
        }
        // A stop reason of a shape this client does not expect is kept, not an error: it ends
        // nothing the caller still needs.
        Some("stop_reason") => match LettaStopReason::deserialize(&value) {
            Ok(reason) => StreamEvent::StopReason(reason),
            Err(_) => StreamEvent::Other(value),
        },
        Some("ping") => match Ping::deserialize(&value) {
            Ok(ping) => StreamEvent::Ping(ping),
            Err(_) => StreamEvent::Other(value),
        },
        Some(_) => match LettaMessage::from_value(value) {
            Ok(LettaMessage::Other(v)) => StreamEvent::Other(v),
            Ok(message) => StreamEvent::Message(message),
            Err(e) => return Err(undecodable(&e, data)),
        },
        None => StreamEvent::Other(value),
    };
    Ok(Some(event))
}
