//! An agent equipped with Rust tools, by the route its server supports best: client-side tools
//! on Letta 0.16, the tool host on Letta 0.7.

use std::time::Duration;

use letta_core::ids::AgentId;
use letta_core::rust_tool::ToolError;
use letta_core::types::{
    AgentType, ApprovalCreate, ClientTool, LettaRequest, MessageContent, MessageCreate, ToolCallOutcome,
    ToolReturnStatus,
};
use letta_core::{ApiLevel, LettaError};
use serde_json::Value;

use super::host::{ToolHost, ToolHostConfig, ToolHostError, run};
use super::registry::ToolRegistry;
use crate::handle::{AgentHandle, PendingApproval, PendingCall};
use crate::reconcile::SendError;
use crate::turn::{Turn, TurnSource};

/// How an agent's Rust tools run.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ToolRoute {
    /// Client-side tools (Letta 0.16+): each send offers the tools' schemas; a call comes back
    /// to this process, which runs the Rust function and answers with its result. Nothing is
    /// stored on the server: no stub, no tool host, no secret.
    ClientSide,
    /// Server tools: Python stubs registered on the server call back to a [`ToolHost`] in this
    /// process (Letta 0.7 and 0.16). The tools are attached to the agent, so every turn can use
    /// them, whoever sends it.
    Host(ToolHostConfig),
}

/// Why an agent could not be equipped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EquipError {
    /// The server refused or could not be reached (registering, attaching, learning its
    /// version).
    #[error("the agent's tools could not be set up: {0}")]
    Letta(#[from] LettaError),
    /// The tool host could not start.
    #[error(transparent)]
    Host(#[from] ToolHostError),
    /// Client-side tools were asked of an agent that cannot run them: on Letta 0.7, or of
    /// another type than `letta_v1_agent` (0.16.8's other agent loops ignore them).
    #[error(
        "agent {agent_id} cannot run client-side tools: {why}; nothing was set up (use ToolRoute::Host, \
         or ToolRegistry::equip, which picks it there)"
    )]
    NoClientTools {
        /// The agent.
        agent_id: AgentId,
        /// Why: the server's version, or the agent's type.
        why: String,
    },
}

/// Why a send of a [`ToolAgent`] produced no turn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ToolSendError {
    /// A send (the message, or an answer carrying tool results) failed; it says whether it may
    /// have run.
    #[error(transparent)]
    Send(#[from] SendError),
    /// The agent kept calling client-side tools past the bound: the turn so far is kept, and
    /// its last calls are still pending (answer them with [`AgentHandle::answer_approval`], or
    /// raise [`ToolAgent::with_max_rounds`]).
    #[error(
        "agent {agent_id} called client-side tools in {rounds} rounds without ending its turn; \
         stopped with calls pending (answer them, or raise the bound with ToolAgent::with_max_rounds)"
    )]
    TooManyRounds {
        /// The agent.
        agent_id: AgentId,
        /// The rounds of calls answered.
        rounds: u32,
        /// The turn so far, ending with the calls still pending.
        turn: Box<Turn>,
    },
}

/// An agent with Rust tools: [`send`](Self::send) runs a whole turn, whatever route the tools
/// take, and returns every message of it.
///
/// Made by [`ToolRegistry::equip`] (the route the server supports best) or
/// [`ToolRegistry::equip_via`] (a route of your choice):
///
/// - **Client-side** (the default on Letta 0.16): the tools live only in this process; the
///   agent sees them on sends made through this `ToolAgent`, not on sends made elsewhere (a
///   plain [`AgentHandle::send`], a batch, another process). Nothing to keep running, no port
///   to open, no secret stored on the server. Only `letta_v1_agent` agents (0.16's default)
///   run client-side tools; [`equip`](ToolRegistry::equip) gives other agents the host route.
/// - **Host** (the default on Letta 0.7, where it is the only route): the tools are attached
///   to the agent, so every turn can call them, whoever sends it, as long as this process's
///   host runs and the server can reach it. Choose it on 0.16 for tools that must be there for
///   every sender, or for tool rules and approvals that name the tool.
///
/// A function's `Err`, a panic, a time-out or arguments that do not decode become an error tool
/// return the agent sees, on either route.
///
/// ```no_run
/// use letta_orchestrator::tools::ToolRegistry;
/// use letta_orchestrator::{AgentHandle, Replies, letta_tool};
///
/// /// Looks up a stock level.
/// #[letta_tool]
/// fn stock(item: String) -> u32 {
///     if item == "apples" { 12 } else { 0 }
/// }
///
/// # async fn run(agent: AgentHandle) -> Result<(), Box<dyn std::error::Error>> {
/// let agent = ToolRegistry::new().with(StockTool).equip(&agent).await?;
/// let turn = agent.send("How many apples are left?").await?;
/// println!("{:?} (route: {:?})", turn.last_reply(), agent.host().map(|h| h.url()));
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ToolAgent {
    agent: AgentHandle,
    tools: ToolRegistry,
    host: Option<ToolHost>,
    max_rounds: u32,
    call_timeout: Duration,
}

/// The default bound on rounds of client-side calls in one turn.
pub const DEFAULT_MAX_ROUNDS: u32 = 25;

impl ToolRegistry {
    /// `agent` with these tools, by the route it supports best: client-side for a
    /// `letta_v1_agent` on Letta 0.16 and later, otherwise the tool host (started here, with
    /// [`ToolHostConfig::default`]: on Letta 0.7, and for 0.16's other agent types, whose
    /// loops ignore client-side tools). See [`ToolAgent`] for when to choose which.
    pub async fn equip(&self, agent: &AgentHandle) -> Result<ToolAgent, EquipError> {
        let route = match no_client_tools(agent).await? {
            Some(_) => ToolRoute::Host(ToolHostConfig::default()),
            None => ToolRoute::ClientSide,
        };
        self.equip_via(agent, route).await
    }

    /// `agent` with these tools, by `route`. The host route starts a host, registers the
    /// stubs and attaches them (safe to repeat); the client-side route changes nothing on the
    /// server, and is [`EquipError::NoClientTools`] on Letta 0.7.
    pub async fn equip_via(&self, agent: &AgentHandle, route: ToolRoute) -> Result<ToolAgent, EquipError> {
        let host = match route {
            ToolRoute::ClientSide => {
                if let Some(why) = no_client_tools(agent).await? {
                    return Err(EquipError::NoClientTools {
                        agent_id: agent.id().clone(),
                        why,
                    });
                }
                None
            }
            ToolRoute::Host(config) => {
                let host = self.serve(config).await?;
                self.attach(agent, &host).await?;
                Some(host)
            }
        };
        Ok(ToolAgent {
            agent: agent.clone(),
            tools: self.clone(),
            host,
            max_rounds: DEFAULT_MAX_ROUNDS,
            call_timeout: ToolHostConfig::default().call_timeout,
        })
    }
}

/// Why `agent` cannot run client-side tools, or `None` when it can.
async fn no_client_tools(agent: &AgentHandle) -> Result<Option<String>, LettaError> {
    if agent.client().api_level().await? == ApiLevel::V0_7 {
        let version = agent.client().server_version().await?;
        let version = version.map_or_else(|| "0.7".to_owned(), |v| v.to_string());
        return Ok(Some(format!("Letta {version} has none (Letta 0.16 added them)")));
    }
    let agent_type = agent.state().await?.agent_type;
    Ok((agent_type != AgentType::LettaV1Agent)
        .then(|| format!("only letta_v1_agent agents run them, and it is a {agent_type}")))
}

impl ToolAgent {
    /// The same agent, answering at most `rounds` rounds of client-side calls per turn
    /// (default [`DEFAULT_MAX_ROUNDS`]); past it a send is [`ToolSendError::TooManyRounds`].
    pub fn with_max_rounds(mut self, rounds: u32) -> Self {
        self.max_rounds = rounds;
        self
    }

    /// The same agent, giving each client-side call at most `limit` (default 30 s) before the
    /// agent gets a time-out error. (The host route's limit is its [`ToolHostConfig`]'s.)
    pub fn with_call_timeout(mut self, limit: Duration) -> Self {
        self.call_timeout = limit;
        self
    }

    /// The agent's handle (its sends do not offer client-side tools).
    pub fn handle(&self) -> &AgentHandle {
        &self.agent
    }

    /// The tool host, on the host route; `None` for client-side tools.
    pub fn host(&self) -> Option<&ToolHost> {
        self.host.as_ref()
    }

    /// Whether the tools run client-side.
    pub fn is_client_side(&self) -> bool {
        self.host.is_none()
    }

    /// Sends a user message and returns the agent's whole turn, tool calls answered.
    pub async fn send(&self, content: impl Into<MessageContent>) -> Result<Turn, ToolSendError> {
        self.send_request(LettaRequest::new([MessageCreate::user(content)]))
            .await
    }

    /// Sends a request and returns the agent's whole turn: on the client-side route each round
    /// of calls of these tools is run here and answered (each answer a reconciled send), until
    /// the turn ends or stops on calls of other tools waiting for approval
    /// ([`Turn::pending_approval`]). The turn holds every message of every round; its
    /// `usage` is the server's only when one send made the whole turn (counts are per send).
    pub async fn send_request(&self, mut request: LettaRequest) -> Result<Turn, ToolSendError> {
        if self.host.is_some() {
            return Ok(self.agent.send_request(request).await?);
        }
        // The caller's own client-side tools stay offered; their calls come back pending.
        let offered = request.options.client_tools.get_or_insert_with(Vec::new);
        offered.extend(self.client_tools());
        let offered = offered.clone();
        let mut turn = self.agent.send_request(request).await?;
        let mut rounds = 0;
        while let Some(pending) = turn.pending_approval().filter(|p| self.runs_all(p)) {
            if rounds >= self.max_rounds {
                return Err(ToolSendError::TooManyRounds {
                    agent_id: self.agent.id().clone(),
                    rounds,
                    turn: Box::new(turn),
                });
            }
            rounds += 1;
            let mut outcomes = Vec::with_capacity(pending.calls.len());
            for call in &pending.calls {
                outcomes.push(self.run_call(call).await);
            }
            let mut answer = LettaRequest::answer(ApprovalCreate::new(outcomes));
            answer.options.client_tools = Some(offered.clone());
            let rest = self.agent.send_answer(answer).await?;
            turn = joined(turn, rest);
        }
        Ok(turn)
    }

    /// The tools as the server takes client-side tools: name, description, JSON schema.
    fn client_tools(&self) -> Vec<ClientTool> {
        self.tools
            .definitions()
            .into_iter()
            .map(|definition| {
                let schema = definition.letta_json_schema();
                ClientTool::builder(definition.name)
                    .description(definition.description)
                    .maybe_parameters(schema["parameters"].as_object().cloned())
                    .build()
            })
            .collect()
    }

    /// Whether every pending call is of one of these tools (others wait for the caller).
    fn runs_all(&self, pending: &PendingApproval) -> bool {
        pending
            .calls
            .iter()
            .all(|call| self.tools.tool(&call.tool).is_some())
    }

    /// Runs one call; its value, or its failure as an error return the agent sees.
    async fn run_call(&self, call: &PendingCall) -> ToolCallOutcome {
        let outcome = match (self.tools.tool(&call.tool), &call.arguments) {
            (Some(tool), arguments @ Value::Object(_)) => {
                run(&call.tool, tool, arguments.clone(), self.call_timeout).await
            }
            (Some(_), _) => Err(ToolError::InvalidArguments {
                tool: call.tool.clone(),
                message: "the arguments must be a JSON object".into(),
            }),
            (None, _) => Err(ToolError::Failed(format!(
                "no client-side tool named `{}`",
                call.tool
            ))),
        };
        match outcome {
            Ok(Value::String(text)) => {
                ToolCallOutcome::tool_result(&call.tool_call_id, text, ToolReturnStatus::Success)
            }
            Ok(value) => {
                ToolCallOutcome::tool_result(&call.tool_call_id, value.to_string(), ToolReturnStatus::Success)
            }
            Err(error) => {
                tracing::warn!(tool = %call.tool, %error, "client-side tool call failed");
                ToolCallOutcome::tool_result(&call.tool_call_id, error.to_string(), ToolReturnStatus::Error)
            }
        }
    }
}

/// One turn of two parts: every message in order; answered only when both were, with no usage
/// (the parts' counts are per send).
fn joined(first: Turn, rest: Turn) -> Turn {
    let source = if first.source == TurnSource::Answered && rest.source == TurnSource::Answered {
        TurnSource::Answered
    } else {
        TurnSource::Recovered
    };
    let mut messages = first.messages;
    messages.extend(rest.messages);
    Turn::new(messages, source)
}
