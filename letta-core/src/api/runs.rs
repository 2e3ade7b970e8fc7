//! Runs (`/v1/runs/`): agent steps started in the background with
//! [`crate::api::Messages::send_async`].
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{JobStatus, ListRunMessagesParams, ListRunStepsParams, ListRunsParams, MessageCreate};
//! use letta_core::wait::WaitOptions;
//!
//! let run = client.agents().messages(&agent).send_async(&MessageCreate::user("Later").into()).await?;
//! let done = client.runs().wait(&run.id, &WaitOptions::default()).await?;
//! assert_eq!(done.status, JobStatus::Completed);
//! let messages = client.runs().messages(&run.id, &ListRunMessagesParams::default()).await?;
//! let steps = client.runs().steps(&run.id, &ListRunStepsParams::default()).await?;
//! let usage = client.runs().usage(&run.id).await?;
//! let of_agent = client.runs().list(&ListRunsParams::agent(agent)).await?;
//! client.runs().delete(&run.id).await?;
//! let same = client.runs().retrieve(&run.id).await?;
//! let active = client.runs().list_active(&ListRunsParams::default()).await?;
//! # Ok(()) }
//! ```

use std::collections::VecDeque;

use futures_util::{StreamExt, stream};

use crate::ids::RunId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, hide_reply_tool_returns, list_pages, reply_tool};
use crate::types::{
    LettaMessage, ListRunMessagesParams, ListRunStepsParams, ListRunsParams, Run, SortOrder, Step,
    UsageStatistics,
};
use crate::wait::{WaitOptions, poll_until};
use crate::{LettaClient, LettaError};

/// Runs.
#[derive(Debug, Clone, Copy)]
pub struct Runs<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Runs<'_> {
    /// Lists the runs, of some agents or of all, oldest first (`list_runs`).
    ///
    /// 0.7.29 filters only the user's **50 oldest** runs, so newer runs are missing once there
    /// are more; and it replaces a finished run's metadata (where the agent ID is) with the
    /// run's result, so the agent filter finds unfinished runs only.
    pub async fn list(&self, params: &ListRunsParams) -> Result<Vec<Run>, LettaError> {
        self.client.call(ops::list_runs().query(params)).await
    }

    /// Lists the runs that have not finished (`list_active_runs`); like [`Runs::list`], among
    /// the user's 50 oldest unfinished runs on 0.7.29 (100 per agent on 0.16).
    ///
    /// 0.16 filters this route by one `agent_id` and ignores `agent_ids`: the client asks once
    /// per agent and joins the answers.
    pub async fn list_active(&self, params: &ListRunsParams) -> Result<Vec<Run>, LettaError> {
        if params.agent_ids.is_empty() || !self.client.api_level().await?.is_v0_16_shape() {
            return self.client.call(ops::list_active_runs().query(params)).await;
        }
        let mut runs = Vec::new();
        for agent_id in &params.agent_ids {
            let page: Vec<Run> = self
                .client
                .call(ops::list_active_runs().query(&[("agent_id", agent_id.as_str())]))
                .await?;
            runs.extend(page);
        }
        Ok(runs)
    }

    /// Fetches a run (`retrieve_run`).
    pub async fn retrieve(&self, run_id: &RunId) -> Result<Run, LettaError> {
        self.client.call(ops::retrieve_run(run_id)).await
    }

    /// Polls a run until it has finished (completed, failed, cancelled or expired) and returns
    /// it; [`LettaError::WaitTimeout`] if `options.timeout` runs out first (`retrieve_run`).
    pub async fn wait(&self, run_id: &RunId, options: &WaitOptions) -> Result<Run, LettaError> {
        poll_until(
            "run",
            run_id.as_str(),
            options,
            || self.retrieve(run_id),
            |run: &Run| (run.status.is_terminal(), run.status.to_string()),
        )
        .await
    }

    /// Deletes a run and returns it as it was (`delete_run`). 0.16.8 fails every delete with
    /// 500 (its route calls a run-manager method that does not exist).
    pub async fn delete(&self, run_id: &RunId) -> Result<Run, LettaError> {
        self.client.call(ops::delete_run(run_id)).await
    }

    /// Lists one page of the messages a run produced, newest first unless `params.order` says
    /// otherwise (`list_run_messages`).
    ///
    /// Oldest first (`order` ascending), the items of each stored message come in the order
    /// the agent's history gives them (reasoning before the tool call or assistant message),
    /// not in the order 0.7.29 lists them (see [`Runs::messages_all`]).
    pub async fn messages(
        &self,
        run_id: &RunId,
        params: &ListRunMessagesParams,
    ) -> Result<Vec<LettaMessage>, LettaError> {
        let page: Vec<LettaMessage> = self
            .client
            .call(ops::list_run_messages(run_id).query(params))
            .await?;
        Ok(match params.order {
            Some(SortOrder::Asc) => in_stored_order(page),
            _ => page,
        })
    }

    /// Every message of a run, **oldest first**, page by page as the stream is read
    /// (`list_run_messages`). `params.order` and `params.before` are ignored.
    ///
    /// The order is the agent's own history's: 0.7.29 sorts a run's stored messages by
    /// creation time (then ID) but lists the items of each one reversed (it converts them with
    /// `reverse=True` whatever the order), so a step comes as `[user, assistant, reasoning]`;
    /// this puts each stored message's items back, giving `[user, reasoning, assistant]`.
    pub fn messages_all(&self, run_id: &RunId, params: &ListRunMessagesParams) -> Paginated<LettaMessage> {
        let pages = list_pages(
            self.client,
            ops::list_run_messages(run_id).query(params),
            Walk::ForwardToEmpty,
            1,
            Order::Force("order", "asc"),
        );
        // Runs list messages as their request asked; the default reply tool covers most runs.
        hide_reply_tool_returns(stream_in_stored_order(pages), reply_tool(None, &None))
    }

    /// Lists one page of the steps of a run, newest first unless `params.order` says otherwise
    /// (`list_run_steps`).
    pub async fn steps(&self, run_id: &RunId, params: &ListRunStepsParams) -> Result<Vec<Step>, LettaError> {
        self.client.call(ops::list_run_steps(run_id).query(params)).await
    }

    /// Every step of a run, **oldest first**, page by page as the stream is read
    /// (`list_run_steps`). `params.order` and `params.before` are ignored.
    pub fn steps_all(&self, run_id: &RunId, params: &ListRunStepsParams) -> Paginated<Step> {
        list_pages(
            self.client,
            ops::list_run_steps(run_id).query(params),
            Walk::Forward,
            1,
            Order::Force("order", "asc"),
        )
    }

    /// The tokens a run used (`retrieve_run_usage`).
    pub async fn usage(&self, run_id: &RunId) -> Result<UsageStatistics, LettaError> {
        self.client.call(ops::retrieve_run_usage(run_id)).await
    }
}

/// The items of one stored message (they share its ID) put back in the order the agent's
/// history lists them. 0.7.29 lists a run's items reversed within each stored message; a
/// group that already starts with reasoning and ends with something else is left as it is,
/// in case a server lists them in order.
fn restore_group(mut group: Vec<LettaMessage>) -> Vec<LettaMessage> {
    let reasoning =
        |m: &LettaMessage| matches!(m, LettaMessage::Reasoning(_) | LettaMessage::HiddenReasoning(_));
    let in_order = group.first().is_some_and(reasoning) && !group.last().is_some_and(reasoning);
    if !in_order {
        group.reverse();
    }
    group
}

/// Whether two consecutive items come from one stored message.
fn same_stored(a: &LettaMessage, b: &LettaMessage) -> bool {
    a.id().is_some() && a.id() == b.id()
}

/// Every stored message's items of an oldest-first list, in the agent's history's order.
fn in_stored_order(messages: Vec<LettaMessage>) -> Vec<LettaMessage> {
    let mut out = Vec::with_capacity(messages.len());
    let mut group: Vec<LettaMessage> = Vec::new();
    for message in messages {
        if group.last().is_some_and(|last| !same_stored(last, &message)) {
            out.extend(restore_group(std::mem::take(&mut group)));
        }
        group.push(message);
    }
    out.extend(restore_group(group));
    out
}

/// [`in_stored_order`] over a walk: holds back the items of the stored message being read
/// until the next one starts (pages hold whole stored messages, as `limit` counts them).
fn stream_in_stored_order(messages: Paginated<LettaMessage>) -> Paginated<LettaMessage> {
    struct State {
        messages: Paginated<LettaMessage>,
        group: Vec<LettaMessage>,
        ready: VecDeque<Result<LettaMessage, LettaError>>,
        ended: bool,
    }
    let state = State {
        messages,
        group: Vec::new(),
        ready: VecDeque::new(),
        ended: false,
    };
    stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.ready.pop_front() {
                return Some((item, state));
            }
            if state.ended {
                return None;
            }
            let next = state.messages.next().await;
            let flush = match &next {
                Some(Ok(message)) => state.group.last().is_some_and(|last| !same_stored(last, message)),
                _ => true,
            };
            if flush {
                let group = std::mem::take(&mut state.group);
                state.ready.extend(restore_group(group).into_iter().map(Ok));
            }
            match next {
                Some(Ok(message)) => state.group.push(message),
                Some(Err(e)) => {
                    state.ready.push_back(Err(e));
                    state.ended = true;
                }
                None => state.ended = true,
            }
        }
    })
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::TryStreamExt;
    use serde_json::json;

    fn item(id: &str, kind: &str) -> LettaMessage {
        let mut m = json!({"id": id, "date": "2026-11-25T11:46:35Z", "message_type": kind});
        match kind {
            "user_message" | "assistant_message" => m["content"] = json!("text"),
            "reasoning_message" => m["reasoning"] = json!("thinking"),
            "tool_call_message" => {
                m["tool_call"] = json!({"name": "t", "arguments": "{}", "tool_call_id": "c"})
            }
            _ => {
                m["tool_return"] = json!("ok");
                m["status"] = json!("success");
                m["tool_call_id"] = json!("c");
            }
        }
        LettaMessage::from_value(m).unwrap()
    }

    fn kinds(messages: &[LettaMessage]) -> Vec<String> {
        messages
            .iter()
            .map(|m| format!("{}:{}", m.id().unwrap(), m.message_type()))
            .collect()
    }

    /// As 0.7.29 lists a run of two steps oldest first: each stored message's items reversed.
    fn as_listed() -> Vec<LettaMessage> {
        vec![
            item("m1", "user_message"),
            item("m2", "tool_call_message"),
            item("m2", "reasoning_message"),
            item("m3", "tool_return_message"),
            item("m4", "assistant_message"),
            item("m4", "reasoning_message"),
        ]
    }

    const IN_ORDER: [&str; 6] = [
        "m1:user_message",
        "m2:reasoning_message",
        "m2:tool_call_message",
        "m3:tool_return_message",
        "m4:reasoning_message",
        "m4:assistant_message",
    ];

    #[test]
    fn each_stored_messages_items_come_back_in_history_order() {
        assert_eq!(kinds(&in_stored_order(as_listed())), IN_ORDER);
        // Already in order (a server that lists them so): left alone.
        assert_eq!(kinds(&in_stored_order(in_stored_order(as_listed()))), IN_ORDER);
        assert!(in_stored_order(Vec::new()).is_empty());
    }

    #[tokio::test]
    async fn a_walk_is_put_in_order_too_and_an_error_still_ends_it() {
        let listed: Paginated<LettaMessage> = stream::iter(as_listed().into_iter().map(Ok)).boxed();
        let walked: Vec<LettaMessage> = stream_in_stored_order(listed).try_collect().await.unwrap();
        assert_eq!(kinds(&walked), IN_ORDER);

        let failing: Paginated<LettaMessage> = stream::iter(vec![
            Ok(item("m1", "assistant_message")),
            Ok(item("m1", "reasoning_message")),
            Err(LettaError::InvalidInput("page failed".into())),
        ])
        .boxed();
        let items: Vec<_> = stream_in_stored_order(failing).collect().await;
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[0], Ok(LettaMessage::Reasoning(_))));
        assert!(matches!(&items[1], Ok(LettaMessage::Assistant(_))));
        assert!(matches!(&items[2], Err(LettaError::InvalidInput(_))));
    }
}
