//! Setting a group up, and tearing down what the run created, whatever happens.

use letta_core::backoff::{Backoff, Jitter};
use std::future::Future;

use letta_core::ids::{AgentId, GroupId};
use letta_core::types::{
    AgentState, AgentType, Group, GroupCreate, GroupUpdate, ManagerConfig, ManagerConfigUpdate, ManagerType,
};
use letta_core::{ApiLevel, LettaClient, LettaError};

use super::session::GroupSession;
use super::spec::{GroupSpec, Member};
use super::transcript::{Participant, Role};
use super::{GroupError, Resource, ScopeError, TeardownError};

/// A group set up on the server, with the agents it created; tear it down when done.
///
/// Use [`GroupRun::scope`] to have the teardown done for you. Otherwise call
/// [`GroupRun::teardown`]: a run dropped without it logs a warning and, when dropped inside a
/// tokio runtime, spawns the teardown in the background on a best-effort basis (nothing
/// reports its failure, and a runtime that shuts down first cancels it).
///
/// [`GroupRun`] dereferences to [`GroupSession`] for sending.
#[derive(Debug)]
pub struct GroupRun {
    session: GroupSession,
    leftovers: Option<Leftovers>,
}

impl GroupRun {
    /// Creates the agents the spec asks for and the group (or, for the sleep-time patterns,
    /// adopts the group the server made). If a step fails, what was created so far is removed
    /// before the error returns.
    pub async fn start(client: LettaClient, spec: GroupSpec) -> Result<GroupRun, GroupError> {
        if let Some(reason) = invalid(&spec) {
            return Err(GroupError::Invalid {
                reason,
                spec: Box::new(spec),
            });
        }
        // Only 0.7.x runs group conversations; on every other server the orchestrator does.
        let orchestrated = match client.api_level().await {
            Ok(level) => level != ApiLevel::V0_7,
            Err(source) => {
                return Err(GroupError::Setup {
                    source,
                    spec: Box::new(spec),
                    cleanup: None,
                });
            }
        };
        if orchestrated && spec.manager_type == ManagerType::VoiceSleeptime {
            return Err(GroupError::Invalid {
                reason: "a voice sleep-time group runs only on Letta 0.7.x: 0.16 retired the voice endpoint \
                         that runs it (410 Gone); use GroupSpec::sleeptime with a plain main agent"
                    .into(),
                spec: Box::new(spec),
            });
        }
        let mut created = Leftovers {
            client: client.clone(),
            group: None,
            agents: Vec::new(),
        };
        let mut participants = Vec::new();
        let set_up = match spec.manager_type {
            ManagerType::Sleeptime | ManagerType::VoiceSleeptime => {
                adopt_sleeptime(&client, &spec, &mut created, &mut participants).await
            }
            _ => create_group(&client, &spec, &mut created, &mut participants).await,
        };
        let set_up = match set_up {
            // Where the orchestrator runs the group, the manager gets the tool with each send.
            Ok(group) if group.manager_type == ManagerType::Supervisor && !orchestrated => {
                supervisor_ready(&client, &group)
                    .await
                    .map(|ready| (group, ready))
            }
            other => other.map(|group| (group, true)),
        };
        match set_up {
            Ok((group, manager_tool_ready)) => Ok(GroupRun {
                session: GroupSession::new(
                    client,
                    group,
                    participants,
                    manager_tool_ready,
                    orchestrated.then(|| spec.reconcile.clone()),
                ),
                leftovers: Some(created),
            }),
            Err(source) => Err(GroupError::Setup {
                source,
                spec: Box::new(spec),
                cleanup: created.remove().await.err(),
            }),
        }
    }

    /// Sets the group up, runs `body` with it, and tears it down whether `body` succeeded or
    /// not; returns `body`'s value. A failed teardown is reported, with `body`'s value or
    /// error. If `body` panics, the run is dropped, which spawns the teardown (see
    /// [`GroupRun`]).
    pub async fn scope<T, E, F, Fut>(
        client: LettaClient,
        spec: GroupSpec,
        body: F,
    ) -> Result<T, ScopeError<T, E>>
    where
        F: FnOnce(GroupSession) -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let run = GroupRun::start(client, spec).await.map_err(ScopeError::Setup)?;
        let outcome = body(run.session.clone()).await;
        let teardown = run.teardown().await;
        match (outcome, teardown) {
            (Ok(value), Ok(())) => Ok(value),
            (Ok(value), Err(error)) => Err(ScopeError::Teardown { value, error }),
            (Err(error), teardown) => Err(ScopeError::Body {
                error,
                teardown: teardown.err(),
            }),
        }
    }

    /// The group and its agents, for sending (also reachable through `Deref`).
    pub fn session(&self) -> &GroupSession {
        &self.session
    }

    /// What teardown will delete: the group (if the run created it) and the agents it created.
    pub fn owned(&self) -> Vec<Resource> {
        self.leftovers
            .as_ref()
            .map(Leftovers::resources)
            .unwrap_or_default()
    }

    /// Deletes the group, if the run created it, then the agents it created (never the ones
    /// the caller passed in). Each is tried even if another fails; something already gone
    /// counts as removed.
    pub async fn teardown(mut self) -> Result<(), TeardownError> {
        match self.leftovers.take() {
            Some(leftovers) => leftovers.remove().await,
            None => Ok(()),
        }
    }
}

impl std::ops::Deref for GroupRun {
    type Target = GroupSession;

    fn deref(&self) -> &GroupSession {
        &self.session
    }
}

impl Drop for GroupRun {
    fn drop(&mut self) {
        let Some(leftovers) = self.leftovers.take() else {
            return;
        };
        if leftovers.is_empty() {
            return;
        }
        let group = self.session.id().clone();
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                tracing::warn!(%group, "group run dropped without teardown; tearing down in the background");
                runtime.spawn(async move {
                    if let Err(e) = leftovers.remove().await {
                        tracing::warn!(%group, error = %e, "background group teardown failed");
                    }
                });
            }
            Err(_) => {
                let left: Vec<String> = leftovers.resources().iter().map(ToString::to_string).collect();
                tracing::warn!(%group, ?left, "group run dropped without teardown and outside a tokio runtime; left behind");
            }
        }
    }
}

/// Gives a supervisor group's manager its group tool when the server has one; whether it has.
async fn supervisor_ready(client: &LettaClient, group: &Group) -> Result<bool, LettaError> {
    match &group.manager_agent_id {
        Some(manager) => super::supervisor::ensure_manager_tool(client, manager).await,
        None => Ok(true),
    }
}

/// Why a spec cannot be set up, found before anything is created.
fn invalid(spec: &GroupSpec) -> Option<String> {
    match spec.manager_type {
        ManagerType::RoundRobin | ManagerType::Supervisor | ManagerType::Dynamic
            if spec.workers.is_empty() =>
        {
            Some(format!("a {} group needs at least one worker", spec.manager_type))
        }
        ManagerType::Sleeptime | ManagerType::VoiceSleeptime if !spec.workers.is_empty() => Some(format!(
            "a {} group's background agent is made by the server; give only the main agent",
            spec.manager_type
        )),
        ManagerType::RoundRobin
        | ManagerType::Supervisor
        | ManagerType::Dynamic
        | ManagerType::Sleeptime
        | ManagerType::VoiceSleeptime => None,
        ref other => Some(format!("manager type {other} is not supported")),
    }
}

/// What the run created, to remove at teardown.
#[derive(Debug)]
struct Leftovers {
    client: LettaClient,
    group: Option<GroupId>,
    agents: Vec<AgentId>,
}

impl Leftovers {
    fn is_empty(&self) -> bool {
        self.group.is_none() && self.agents.is_empty()
    }

    fn resources(&self) -> Vec<Resource> {
        self.group
            .iter()
            .cloned()
            .map(Resource::Group)
            .chain(self.agents.iter().rev().cloned().map(Resource::Agent))
            .collect()
    }

    /// The group first, so no agent is deleted from under a live group; agents newest first.
    async fn remove(self) -> Result<(), TeardownError> {
        let mut failures = Vec::new();
        for resource in self.resources() {
            if let Err(e) = self.remove_one(&resource).await {
                failures.push((resource, e));
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(TeardownError { failures })
        }
    }
}

impl Leftovers {
    /// Deletes one resource, trying again after a pause when the server fails: 0.7.29 refuses
    /// to delete an agent whose memory a background (sleep-time) run is still writing, with
    /// an integrity error that clears once the run ends. Deleting twice is harmless.
    async fn remove_one(&self, resource: &Resource) -> Result<(), LettaError> {
        let pauses = Backoff::new(DELETE_PAUSE, DELETE_PAUSE * 8, Jitter::None);
        let mut attempt = 1;
        loop {
            let removed = match resource {
                Resource::Group(id) => self.client.groups().delete(id).await,
                Resource::Agent(id) => self.client.agents().delete(id).await,
            };
            match removed {
                Ok(()) => return Ok(()),
                // Gone already: deleting a sleep-time main agent takes its group and
                // background agent with it.
                Err(e) if e.is_not_found() => return Ok(()),
                Err(e) if attempt >= DELETE_ATTEMPTS || e.is_connect() => return Err(e),
                Err(e) => {
                    tracing::debug!(%resource, attempt, error = %e, "teardown delete failed; trying again");
                    tokio::time::sleep(pauses.delay(attempt)).await;
                    attempt += 1;
                }
            }
        }
    }
}

/// Tries per resource at teardown, and the first pause between them (doubling).
const DELETE_ATTEMPTS: u32 = 4;
const DELETE_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// The caller's agent, or a new one the run owns.
async fn resolve(
    client: &LettaClient,
    member: &Member,
    created: &mut Leftovers,
) -> Result<(AgentState, bool), LettaError> {
    match member {
        Member::Existing(id) => Ok((client.agents().retrieve(id).await?, false)),
        Member::Create(request) => {
            let agent = client.agents().create(request).await?;
            created.agents.push(agent.id.clone());
            Ok((agent, true))
        }
    }
}

fn participant(agent: &AgentState, role: Role, owned: bool) -> Participant {
    Participant {
        id: agent.id.clone(),
        name: agent.name.clone(),
        role,
        owned,
    }
}

async fn create_group(
    client: &LettaClient,
    spec: &GroupSpec,
    created: &mut Leftovers,
    participants: &mut Vec<Participant>,
) -> Result<Group, LettaError> {
    let mut manager_id = None;
    if let Some(manager) = &spec.manager {
        let (agent, owned) = resolve(client, manager, created).await?;
        manager_id = Some(agent.id.clone());
        participants.push(participant(&agent, Role::Manager, owned));
    }
    let mut workers = Vec::new();
    for member in &spec.workers {
        let (agent, owned) = resolve(client, member, created).await?;
        workers.push(agent.id.clone());
        participants.push(participant(&agent, Role::Worker, owned));
    }
    let config = match (&spec.manager_type, manager_id) {
        (ManagerType::Supervisor, Some(manager_agent_id)) => ManagerConfig::Supervisor { manager_agent_id },
        (ManagerType::Dynamic, Some(manager_agent_id)) => ManagerConfig::Dynamic {
            manager_agent_id,
            termination_token: spec.termination_token.clone(),
            max_turns: spec.max_turns,
        },
        _ => ManagerConfig::RoundRobin {
            max_turns: spec.max_turns,
        },
    };
    let description = spec
        .description
        .clone()
        .unwrap_or_else(|| format!("{} group", spec.manager_type));
    let shared_blocks = (!spec.shared_block_ids.is_empty()).then_some(&spec.shared_block_ids);
    let request = GroupCreate::builder()
        .agent_ids(workers)
        .description(description)
        .manager_config(config)
        .maybe_shared_block_ids(shared_blocks)
        .build();
    let group = client.groups().create(&request).await?;
    created.group = Some(group.id.clone());
    Ok(group)
}

/// The sleep-time patterns: the group is the one the server makes for a main agent with
/// `enable_sleeptime`, the only kind 0.7.29 can run (and the only kind 0.16 runs: messaging
/// such a main agent starts its sleep-time agent).
async fn adopt_sleeptime(
    client: &LettaClient,
    spec: &GroupSpec,
    created: &mut Leftovers,
    participants: &mut Vec<Participant>,
) -> Result<Group, LettaError> {
    let voice = spec.manager_type == ManagerType::VoiceSleeptime;
    let main = match &spec.manager {
        Some(Member::Create(request)) => {
            let mut request = request.clone();
            request.enable_sleeptime = Some(true);
            if voice && request.agent_type.is_none() {
                request.agent_type = Some(AgentType::VoiceConvoAgent);
            }
            Member::Create(request)
        }
        Some(existing) => existing.clone(),
        None => {
            return Err(LettaError::InvalidInput(format!(
                "a {} group needs its main agent",
                spec.manager_type
            )));
        }
    };
    let (agent, owned) = resolve(client, &main, created).await?;
    participants.push(participant(&agent, Role::Manager, owned));
    let group = agent
        .multi_agent_group
        .clone()
        .filter(|g| g.manager_type == spec.manager_type)
        .ok_or_else(|| {
            LettaError::InvalidInput(format!(
                "agent {} has no {} group; the server runs a sleep-time agent only in the group it \
                 makes for an agent created with enable_sleeptime{}",
                agent.id,
                spec.manager_type,
                if voice {
                    " and agent type voice_convo_agent"
                } else {
                    ""
                }
            ))
        })?;
    if owned {
        // The server made the group and its background agents for the run's own agent.
        created.group = Some(group.id.clone());
        created.agents.extend(group.agent_ids.iter().cloned());
    }
    for id in &group.agent_ids {
        let background = client.agents().retrieve(id).await?;
        participants.push(participant(&background, Role::Sleeptime, owned));
    }
    let update = match (voice, spec.sleeptime_agent_frequency, spec.message_buffer) {
        (false, Some(frequency), _) => Some(ManagerConfigUpdate::Sleeptime {
            manager_agent_id: None,
            sleeptime_agent_frequency: Some(frequency),
        }),
        (true, _, Some((min, max))) => Some(ManagerConfigUpdate::VoiceSleeptime {
            manager_agent_id: None,
            max_message_buffer_length: Some(max),
            min_message_buffer_length: Some(min),
        }),
        _ => None,
    };
    match update {
        Some(update) => {
            let change = GroupUpdate::builder().manager_config(update).build();
            client.groups().modify(&group.id, &change).await
        }
        None => Ok(group),
    }
}
