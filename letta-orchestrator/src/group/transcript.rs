//! A group conversation split by agent.

use letta_core::ids::AgentId;
use letta_core::types::LettaMessage;

use crate::turn::{Turn, TurnSource};

/// One agent of a group as the run knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The agent.
    pub id: AgentId,
    /// Its name, which the server puts on the messages it writes in a group.
    pub name: String,
    /// What it does in the group.
    pub role: Role,
    /// Whether the run created it (and deletes it at teardown).
    pub owned: bool,
}

/// What an agent does in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// Leads a supervisor or dynamic group, or is the main agent of a sleep-time group.
    Manager,
    /// A member of the group (every agent of a round-robin group).
    Worker,
    /// The background agent of a sleep-time or voice sleep-time group.
    Sleeptime,
}

/// One agent's part of a group conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentTranscript {
    /// The agent, when its name matched a participant.
    pub agent_id: Option<AgentId>,
    /// The name on its messages (`None` for messages that carry none, such as the user's).
    pub name: Option<String>,
    /// Its turn: its messages, oldest first; source [`TurnSource::Group`] in a send's reply,
    /// [`TurnSource::History`] in [`super::GroupSession::histories`].
    pub turn: Turn,
}

/// A conversation split by agent, in the order the agents first spoke.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    /// One entry per agent.
    pub agents: Vec<AgentTranscript>,
}

impl Transcript {
    /// Splits messages by the agent name they carry; names of `participants` resolve to IDs.
    /// Each agent's part is a turn obtained by `source`.
    pub fn from_messages<'m>(
        messages: impl IntoIterator<Item = &'m LettaMessage>,
        participants: &[Participant],
        source: &TurnSource,
    ) -> Self {
        let mut transcript = Self::default();
        let mut speaker: Option<(Option<AgentId>, Option<String>)> = None;
        for message in messages {
            // 0.7.29 names a tool return after the tool, not the agent: it belongs to the agent
            // whose tool call came just before it.
            let (agent_id, name) = match (message, &speaker) {
                (LettaMessage::ToolReturn(_), Some(previous)) => previous.clone(),
                _ => {
                    let name = message.meta().and_then(|m| m.name.clone());
                    let agent_id = name
                        .as_deref()
                        .and_then(|n| participants.iter().find(|p| p.name == n))
                        .map(|p| p.id.clone());
                    (agent_id, name)
                }
            };
            speaker = Some((agent_id.clone(), name.clone()));
            transcript
                .entry(agent_id, name, source)
                .messages
                .push(message.clone());
        }
        transcript
    }

    /// Appends an agent's messages (taken from its own history) under its ID.
    pub(crate) fn push_agent(
        &mut self,
        participant: &Participant,
        messages: Vec<LettaMessage>,
        source: &TurnSource,
    ) {
        if messages.is_empty() {
            return;
        }
        self.entry(
            Some(participant.id.clone()),
            Some(participant.name.clone()),
            source,
        )
        .messages
        .extend(messages);
    }

    /// The turn of the agent (or of the unnamed speaker) `agent_id`, made when it first speaks.
    fn entry(&mut self, agent_id: Option<AgentId>, name: Option<String>, source: &TurnSource) -> &mut Turn {
        let at = self
            .agents
            .iter()
            .position(|e| e.agent_id == agent_id && (agent_id.is_some() || e.name == name));
        match at {
            Some(i) => &mut self.agents[i].turn,
            None => {
                self.agents.push(AgentTranscript {
                    agent_id,
                    name,
                    turn: Turn::new(Vec::new(), source.clone()),
                });
                let last = self.agents.len() - 1;
                &mut self.agents[last].turn
            }
        }
    }

    /// One agent's part.
    pub fn agent(&self, agent: impl Into<AgentId>) -> Option<&AgentTranscript> {
        let agent = Some(agent.into());
        self.agents.iter().find(|e| e.agent_id == agent)
    }

    /// One agent's turn; `None` if it did not speak.
    pub fn turn(&self, agent: impl Into<AgentId>) -> Option<&Turn> {
        self.agent(agent).map(|e| &e.turn)
    }

    /// The agents that spoke, in order.
    pub fn speakers(&self) -> Vec<&AgentId> {
        self.agents.iter().filter_map(|e| e.agent_id.as_ref()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use letta_core::ids::GroupId;
    use letta_core::types::Replies;
    use serde_json::json;

    fn texts(transcript: &Transcript, agent: &str) -> Vec<String> {
        transcript
            .turn(AgentId::new(agent))
            .map(Replies::assistant_texts)
            .unwrap_or_default()
    }

    fn group() -> TurnSource {
        TurnSource::Group(GroupId::new("group-1"))
    }

    fn said(id: &str, name: Option<&str>, text: &str) -> LettaMessage {
        let mut m = json!({"id": id, "date": "2026-11-25T11:46:35Z", "message_type": "assistant_message",
                           "content": text});
        if let Some(name) = name {
            m["name"] = json!(name);
        }
        LettaMessage::from_value(m).unwrap()
    }

    #[test]
    fn messages_are_split_by_agent_in_speaking_order() {
        let participants = [
            Participant {
                id: AgentId::new("agent-a"),
                name: "ada".into(),
                role: Role::Worker,
                owned: false,
            },
            Participant {
                id: AgentId::new("agent-b"),
                name: "bob".into(),
                role: Role::Worker,
                owned: true,
            },
        ];
        let messages = [
            said("message-1", Some("bob"), "one"),
            said("message-2", Some("ada"), "two"),
            said("message-3", Some("bob"), "three"),
            said("message-4", Some("stranger"), "four"),
            said("message-5", None, "five"),
        ];
        let transcript = Transcript::from_messages(&messages, &participants, &group());
        assert_eq!(
            transcript.speakers(),
            vec![&AgentId::new("agent-b"), &AgentId::new("agent-a")]
        );
        assert_eq!(texts(&transcript, "agent-b"), vec!["one", "three"]);
        assert_eq!(texts(&transcript, "agent-a"), vec!["two"]);
        assert_eq!(transcript.turn(AgentId::new("agent-a")).unwrap().source, group());
        let unknown: Vec<_> = transcript
            .agents
            .iter()
            .filter(|e| e.agent_id.is_none())
            .collect();
        assert_eq!(unknown.len(), 2);
        assert_eq!(unknown[0].name.as_deref(), Some("stranger"));
        assert_eq!(unknown[1].name, None);
        assert!(texts(&transcript, "agent-x").is_empty());
    }

    #[test]
    fn a_tool_return_belongs_to_the_agent_that_called_the_tool() {
        let participants = [Participant {
            id: AgentId::new("agent-a"),
            name: "ada".into(),
            role: Role::Manager,
            owned: false,
        }];
        let call = LettaMessage::from_value(json!({"id": "message-1", "date": "2026-11-25T11:46:35Z",
            "message_type": "tool_call_message", "name": "ada",
            "tool_call": {"name": "send_message_to_all_agents_in_group", "arguments": "{}", "tool_call_id": "c1"}}))
        .unwrap();
        let returned = LettaMessage::from_value(json!({"id": "message-2", "date": "2026-11-25T11:46:36Z",
            "message_type": "tool_return_message", "name": "send_message_to_all_agents_in_group",
            "tool_return": "[]", "status": "success", "tool_call_id": "c1"}))
        .unwrap();
        let transcript = Transcript::from_messages(&[call, returned], &participants, &group());
        assert_eq!(transcript.agents.len(), 1, "{transcript:?}");
        assert_eq!(transcript.agents[0].turn.messages.len(), 2);
    }
}
