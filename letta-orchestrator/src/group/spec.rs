//! What group to run: its manager pattern, its agents, and its settings.

use letta_core::ids::{AgentId, BlockId};
use letta_core::types::{AgentCreate, ManagerType};

use crate::reconcile::ReconcileConfig;

/// One agent of a group: one the caller already has (never deleted by the run), named by
/// anything that names an agent (`&AgentHandle`, `AgentId`, ...), or one the run creates and
/// then owns (deleted at teardown), made with [`Member::create`] from a [`AgentCreate`] or an
/// [`crate::AgentSpec`].
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// An agent the caller owns.
    Existing(AgentId),
    /// An agent the run creates and deletes.
    Create(Box<AgentCreate>),
}

impl Member {
    /// An agent the run creates from `request` (a [`AgentCreate`] or an [`crate::AgentSpec`]),
    /// and deletes at teardown.
    pub fn create(request: impl Into<AgentCreate>) -> Self {
        Member::Create(Box::new(request.into()))
    }
}

/// Anything that names an agent is an agent the caller owns.
impl<A: Into<AgentId>> From<A> for Member {
    fn from(agent: A) -> Self {
        Member::Existing(agent.into())
    }
}

/// A group to set up: build it with one of the manager constructors, then adjust it.
///
/// ```
/// use letta_core::types::{AgentCreate, ManagerType};
/// use letta_orchestrator::group::{GroupSpec, Member};
///
/// # fn build(manager: letta_orchestrator::AgentHandle, worker: letta_orchestrator::AgentHandle) {
/// let spec = GroupSpec::dynamic(&manager, [&worker])
///     .worker(Member::create(AgentCreate::builder().name("helper").build()))
///     .termination_token("DONE!")
///     .max_turns(4)
///     .description("a chat led by the manager");
/// assert_eq!(spec.manager_type(), ManagerType::Dynamic);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSpec {
    pub(crate) manager_type: ManagerType,
    pub(crate) manager: Option<Member>,
    pub(crate) workers: Vec<Member>,
    pub(crate) description: Option<String>,
    pub(crate) shared_block_ids: Vec<BlockId>,
    pub(crate) max_turns: Option<u32>,
    pub(crate) termination_token: Option<String>,
    pub(crate) sleeptime_agent_frequency: Option<u32>,
    pub(crate) message_buffer: Option<(u32, u32)>,
    pub(crate) reconcile: ReconcileConfig,
}

impl GroupSpec {
    fn new(manager_type: ManagerType, manager: Option<Member>, workers: Vec<Member>) -> Self {
        Self {
            manager_type,
            manager,
            workers,
            description: None,
            shared_block_ids: Vec::new(),
            max_turns: None,
            termination_token: None,
            sleeptime_agent_frequency: None,
            message_buffer: None,
            reconcile: ReconcileConfig::default(),
        }
    }

    /// Each member answers in turn, in this order.
    pub fn round_robin<I>(members: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Member>,
    {
        Self::new(
            ManagerType::RoundRobin,
            None,
            members.into_iter().map(Into::into).collect(),
        )
    }

    /// The manager answers; it reaches the workers through its
    /// `send_message_to_all_agents_in_group` tool, and the workers' replies are in its tool's
    /// result. The manager is not a member of the group.
    ///
    /// 0.7.29 attaches that tool ([`super::SUPERVISOR_TOOL`]) to a manager only for the first
    /// supervisor group of the organisation, so the run attaches it at setup (or, when the
    /// organisation has none yet, before a later send if the first one did not get it); it
    /// stays attached to a manager the caller passed in, as the server leaves it. On 0.16 the
    /// orchestrator offers it as a client-side tool with each send and runs it itself; nothing
    /// is attached. A send whose manager's tool call failed (or that never called it) is
    /// [`super::GroupError::ManagerTool`].
    pub fn supervisor<I>(manager: impl Into<Member>, workers: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Member>,
    {
        Self::new(
            ManagerType::Supervisor,
            Some(manager.into()),
            workers.into_iter().map(Into::into).collect(),
        )
    }

    /// Each turn the manager names the next speaker among the workers.
    pub fn dynamic<I>(manager: impl Into<Member>, workers: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Member>,
    {
        Self::new(
            ManagerType::Dynamic,
            Some(manager.into()),
            workers.into_iter().map(Into::into).collect(),
        )
    }

    /// The main agent answers; the server's sleep-time agent updates its memory in the
    /// background.
    ///
    /// On 0.7.29 only the group the server makes for an agent with `enable_sleeptime` can be
    /// messaged (a send to a sleep-time group built from two plain agents never returns), and
    /// 0.16 runs a sleep-time agent only for such a main agent when it is messaged, so:
    /// a [`Member::Create`] main agent is created with `enable_sleeptime` and the run owns it,
    /// its sleep-time agent and the group; a [`Member::Existing`] one must already have its
    /// sleep-time group, which the run uses and leaves in place.
    pub fn sleeptime(main: impl Into<Member>) -> Self {
        Self::new(ManagerType::Sleeptime, Some(main.into()), Vec::new())
    }

    /// A voice agent (`voice_convo_agent`) with a background sleep-time agent that summarises
    /// its message buffer.
    ///
    /// As with [`GroupSpec::sleeptime`], the group is the one the server makes for an agent
    /// with `enable_sleeptime`; a [`Member::Create`] main agent gets agent type
    /// `voice_convo_agent` unless it names one. 0.7.29 cannot message such a group through the
    /// group endpoints, so [`super::GroupSession::send`] talks to the voice agent through the
    /// voice (chat completions) endpoint, and streaming is not offered. 0.16 retired that
    /// endpoint (410 Gone), so there setup refuses such a spec ([`super::GroupError::Invalid`])
    /// before making anything.
    pub fn voice_sleeptime(main: impl Into<Member>) -> Self {
        Self::new(ManagerType::VoiceSleeptime, Some(main.into()), Vec::new())
    }

    /// Adds a worker (a member, for round robin).
    pub fn worker(mut self, member: impl Into<Member>) -> Self {
        self.workers.push(member.into());
        self
    }

    /// The group's description (default: the manager type).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Shares a block among the members.
    pub fn shared_block(mut self, block: impl Into<BlockId>) -> Self {
        self.shared_block_ids.push(block.into());
        self
    }

    /// Turns per message, for round robin and dynamic groups (server default: one per
    /// member). Ignored by the other patterns.
    pub fn max_turns(mut self, turns: u32) -> Self {
        self.max_turns = Some(turns);
        self
    }

    /// The text that ends a dynamic group's conversation (default `DONE!`). 0.7.29 never
    /// matches it (see [`letta_core::types::ManagerConfig::Dynamic`]), so bound the turns with
    /// [`GroupSpec::max_turns`] too; where the orchestrator runs the group (0.16+), a reply
    /// holding it ends the conversation.
    pub fn termination_token(mut self, token: impl Into<String>) -> Self {
        self.termination_token = Some(token.into());
        self
    }

    /// Run the sleep-time agent every this many turns (sleep-time groups). Set on the group at
    /// setup, also on an adopted group of the caller's agent.
    pub fn sleeptime_agent_frequency(mut self, turns: u32) -> Self {
        self.sleeptime_agent_frequency = Some(turns);
        self
    }

    /// The minimum and maximum message buffer of a voice sleep-time group (server default
    /// 15 and 30). Set on the group at setup, also on an adopted group of the caller's agent.
    pub fn message_buffer(mut self, min: u32, max: u32) -> Self {
        self.message_buffer = Some((min, max));
        self
    }

    /// How each agent's turn is sent where the orchestrator runs the group (0.16+: every turn
    /// is a reconciled send, see [`crate::reconcile`]); default [`ReconcileConfig::default`].
    /// Ignored where the server runs it (0.7.x).
    pub fn reconcile(mut self, config: ReconcileConfig) -> Self {
        self.reconcile = config;
        self
    }

    /// The manager pattern.
    pub fn manager_type(&self) -> ManagerType {
        self.manager_type.clone()
    }

    /// The manager (or main) agent, for patterns that have one.
    pub fn manager(&self) -> Option<&Member> {
        self.manager.as_ref()
    }

    /// The workers (the members, for round robin).
    pub fn workers(&self) -> &[Member] {
        &self.workers
    }
}
