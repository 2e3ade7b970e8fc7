//! Round-robin and dynamic conversations run by the orchestrator (see [`super`]), as
//! 0.7.29 runs them (`letta/groups/round_robin_multi_agent.py`, `dynamic_multi_agent.py`):
//! each speaker gets the messages of the conversation it has not seen (the caller's message and
//! the replies of the agents who spoke since its last turn), and its replies go to the others
//! as system messages under its name.

use std::collections::HashMap;

use letta_core::ids::AgentId;
use letta_core::types::{LettaRequest, MessageCreate, MessageRole, Replies};

use super::{Driver, Progress, Stop, Unseen, forwarded};
use crate::group::transcript::{Participant, Role};

/// What 0.7.29 ends a dynamic group's conversation with when the group names no token.
const DEFAULT_TERMINATION_TOKEN: &str = "DONE!";

/// The conversation of one send.
struct Chat {
    history: Vec<MessageCreate>,
    /// Per agent, how much of `history` it has been given.
    seen: HashMap<AgentId, usize>,
    /// The last speaker's replies, not yet in `history`.
    new: Vec<MessageCreate>,
}

impl Chat {
    fn new(opening: MessageCreate) -> Self {
        Self {
            history: Vec::new(),
            seen: HashMap::new(),
            new: vec![opening],
        }
    }

    /// Runs `speaker`'s turn on what it has not seen, and keeps its replies for the others.
    async fn speak(
        &mut self,
        driver: &Driver,
        progress: &mut Progress<'_>,
        unseen: &mut Unseen,
        speaker: &Participant,
    ) -> Result<Vec<MessageCreate>, Stop> {
        self.history.append(&mut self.new);
        let from = self.seen.get(&speaker.id).copied().unwrap_or(0);
        let carried = unseen.remove(&speaker.id).unwrap_or_default();
        let input: Vec<MessageCreate> = carried
            .iter()
            .cloned()
            .chain(self.history[from..].iter().cloned())
            .collect();
        match driver.turn(&speaker.id, LettaRequest::new(input)).await {
            Ok(turn) => {
                progress.record(speaker, &turn);
                self.new = forwarded(progress.session, speaker, &turn);
                self.seen
                    .insert(speaker.id.clone(), self.history.len() + self.new.len());
                Ok(self.new.clone())
            }
            Err(stop) => {
                match &stop {
                    // It provably did not run: it still has all of it to see.
                    Stop::Turn(_, e) if e.is_safe_to_resend() => {
                        unseen.insert(speaker.id.clone(), carried);
                    }
                    // It may have run on all of it.
                    _ => {
                        self.seen.insert(speaker.id.clone(), self.history.len());
                    }
                }
                Err(stop)
            }
        }
    }

    /// At the end of a send (or where it stopped): what each agent has not seen opens its next
    /// turn.
    fn leave(mut self, unseen: &mut Unseen, agents: &[&Participant]) {
        self.history.append(&mut self.new);
        for agent in agents {
            let from = self.seen.get(&agent.id).copied().unwrap_or(0);
            if from < self.history.len() {
                unseen
                    .entry(agent.id.clone())
                    .or_default()
                    .extend(self.history[from..].iter().cloned());
            }
        }
    }
}

/// Each member in order, `max_turns` turns (default: one per member).
pub(super) async fn round_robin(
    driver: &Driver,
    progress: &mut Progress<'_>,
    unseen: &mut Unseen,
) -> Result<(), Stop> {
    let session = progress.session;
    let members = session.with_role(Role::Worker);
    let turns = turns(session.group().max_turns, members.len());
    let mut chat = Chat::new(progress.opening());
    let mut outcome = Ok(());
    for i in 0..turns {
        if let Err(stop) = chat
            .speak(driver, progress, unseen, members[i % members.len()])
            .await
        {
            outcome = Err(stop);
            break;
        }
    }
    chat.leave(unseen, &members);
    outcome
}

/// Each turn the manager picks the next speaker among the workers (not the last one) by
/// naming it; the conversation ends after `max_turns` turns (default: one per worker) or when
/// a reply holds the termination token.
pub(super) async fn dynamic(
    driver: &Driver,
    progress: &mut Progress<'_>,
    unseen: &mut Unseen,
) -> Result<(), Stop> {
    let session = progress.session;
    let manager = session.with_role(Role::Manager)[0].clone();
    let workers = session.with_role(Role::Worker);
    let turns = turns(session.group().max_turns, workers.len());
    let token = session
        .group()
        .termination_token
        .clone()
        .unwrap_or_else(|| DEFAULT_TERMINATION_TOKEN.to_owned());
    let mut chat = Chat::new(progress.opening());
    let mut speaker: Option<&Participant> = None;
    let mut outcome = Ok(());
    for _ in 0..turns {
        let options: Vec<&Participant> = workers
            .iter()
            .copied()
            .filter(|w| speaker.is_none_or(|s| s.id != w.id))
            .collect();
        if options.is_empty() {
            // One worker, who just spoke: nobody else can.
            break;
        }
        let ask = MessageCreate::builder(MessageRole::User, choose_prompt(&options, &chat))
            .sender_id(manager.id.to_string())
            .group_id(session.id().clone())
            .build();
        let picked = match driver.turn(&manager.id, LettaRequest::new([ask])).await {
            Ok(turn) => {
                progress.record(&manager, &turn);
                let said = turn.assistant_texts().into_iter().next().unwrap_or_default();
                // As 0.7.29: the last option named wins. When none is, 0.7.29 keeps the last
                // speaker, who has nothing new to answer (or fails on the first turn).
                let named = options
                    .iter()
                    .copied()
                    .rfind(|o| said.to_lowercase().contains(&o.name.to_lowercase()));
                named.ok_or(Stop::NoSpeaker(manager.id.clone(), said))
            }
            Err(stop) => Err(stop),
        };
        let next = match picked {
            Ok(next) => next,
            Err(stop) => {
                outcome = Err(stop);
                break;
            }
        };
        speaker = Some(next);
        match chat.speak(driver, progress, unseen, next).await {
            Ok(replies) if replies.iter().any(|m| m.content.text().contains(&token)) => break,
            Ok(_) => {}
            Err(stop) => {
                outcome = Err(stop);
                break;
            }
        }
    }
    chat.leave(unseen, &workers);
    outcome
}

/// The turns of one send: `max_turns`, or one per agent when it is unset or zero (as 0.7.29).
fn turns(max_turns: Option<u32>, agents: usize) -> usize {
    max_turns.filter(|&t| t > 0).map_or(agents, |t| t as usize)
}

/// The manager's question, worded as 0.7.29 words it: the options by ID, and the chat so far
/// by name.
fn choose_prompt(options: &[&Participant], chat: &Chat) -> String {
    let ids: Vec<String> = options.iter().map(|o| format!("'{}'", o.id)).collect();
    let lines: Vec<String> = chat
        .history
        .iter()
        .chain(&chat.new)
        .map(|m| format!("{}: {}", m.name.as_deref().unwrap_or("user"), m.content.text()))
        .collect();
    format!(
        "Choose the most suitable agent to reply to the latest message in the group chat from the \
         following options: [{}]. Do not respond to the messages yourself, your task is only to \
         decide the next speaker, not to participate. \nChat history:\n{}",
        ids.join(", "),
        lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(id: &str, name: &str) -> Participant {
        Participant {
            id: AgentId::new(id),
            name: name.into(),
            role: Role::Worker,
            owned: false,
        }
    }

    #[test]
    fn the_manager_is_asked_as_0_7_29_asks_it() {
        let mut chat = Chat::new(MessageCreate::user("hello ada"));
        chat.history.append(&mut chat.new);
        chat.new = vec![
            MessageCreate::builder(MessageRole::System, "hi")
                .name("bob")
                .build(),
        ];
        let (a, b) = (worker("agent-a", "ada"), worker("agent-b", "bob"));
        assert_eq!(
            choose_prompt(&[&a, &b], &chat),
            "Choose the most suitable agent to reply to the latest message in the group chat from the \
             following options: ['agent-a', 'agent-b']. Do not respond to the messages yourself, your \
             task is only to decide the next speaker, not to participate. \nChat history:\nuser: hello ada\nbob: hi"
        );
    }

    #[test]
    fn turns_default_to_one_per_agent() {
        assert_eq!(turns(None, 3), 3);
        assert_eq!(turns(Some(0), 3), 3);
        assert_eq!(turns(Some(5), 3), 5);
    }
}
