//! Naming an agent by whatever the caller holds: an [`AgentHandle`], an [`AgentId`], or a
//! reference to either.

use letta_core::ids::AgentId;

use crate::AgentHandle;

/// Something that names one agent. Lets batch and group builders take `&AgentHandle` as well
/// as a bare ID, without the caller converting.
pub trait AgentRef {
    /// The agent's ID.
    fn agent_id(&self) -> AgentId;
}

impl AgentRef for AgentHandle {
    fn agent_id(&self) -> AgentId {
        self.id().clone()
    }
}

impl AgentRef for AgentId {
    fn agent_id(&self) -> AgentId {
        self.clone()
    }
}

impl AgentRef for letta_core::types::AgentState {
    fn agent_id(&self) -> AgentId {
        self.id.clone()
    }
}

impl<T: AgentRef + ?Sized> AgentRef for &T {
    fn agent_id(&self) -> AgentId {
        (**self).agent_id()
    }
}
