//! `LettaRequest` on the wire: the server reads the messages and the approval answers from
//! one `messages` list (an approval carries `type: approval`, a message does not).

use serde::{Deserialize, Serialize, ser::SerializeSeq};

use super::{ApprovalCreate, LettaRequest, MessageCreate, StepOptions};

/// Messages, then approvals, as one JSON list.
struct Items<'a>(&'a [MessageCreate], &'a [ApprovalCreate]);

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len() + self.1.len()))?;
        for message in self.0 {
            seq.serialize_element(message)?;
        }
        for approval in self.1 {
            seq.serialize_element(approval)?;
        }
        seq.end()
    }
}

/// The request as sent, borrowing its parts.
#[derive(Serialize)]
struct Out<'a> {
    messages: Items<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    use_assistant_message: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assistant_message_tool_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assistant_message_tool_kwarg: Option<&'a str>,
    #[serde(flatten)]
    options: &'a StepOptions,
}

/// One item of the list: an approval carries `type: approval`, a message does not.
#[derive(Deserialize)]
#[serde(untagged)]
enum Item {
    Approval(ApprovalCreate),
    Message(MessageCreate),
}

/// The request as read.
#[derive(Deserialize)]
struct In {
    #[serde(default)]
    messages: Option<Vec<Item>>,
    #[serde(default)]
    use_assistant_message: Option<bool>,
    #[serde(default)]
    assistant_message_tool_name: Option<String>,
    #[serde(default)]
    assistant_message_tool_kwarg: Option<String>,
    #[serde(flatten)]
    options: StepOptions,
}

impl Serialize for LettaRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Out {
            messages: Items(&self.messages, &self.approvals),
            use_assistant_message: self.use_assistant_message,
            assistant_message_tool_name: self.assistant_message_tool_name.as_deref(),
            assistant_message_tool_kwarg: self.assistant_message_tool_kwarg.as_deref(),
            options: &self.options,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for LettaRequest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = In::deserialize(deserializer)?;
        let mut request = LettaRequest::new([]);
        for item in wire.messages.unwrap_or_default() {
            match item {
                Item::Approval(approval) => request.approvals.push(approval),
                Item::Message(message) => request.messages.push(message),
            }
        }
        request.use_assistant_message = wire.use_assistant_message;
        request.assistant_message_tool_name = wire.assistant_message_tool_name;
        request.assistant_message_tool_kwarg = wire.assistant_message_tool_kwarg;
        request.options = wire.options;
        Ok(request)
    }
}
