//! Links Letta 0.16 added routes for: identities attached to agents and blocks, blocks shared
//! by the agents of a group, and the reverse lookups of an identity (deprecated by the server).
//!
//! ```no_run
//! # async fn run(
//! #     client: letta_core::LettaClient,
//! #     agent: letta_core::ids::AgentId,
//! #     block: letta_core::ids::BlockId,
//! #     group: letta_core::ids::GroupId,
//! #     identity: letta_core::ids::IdentityId,
//! # ) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{AgentPageParams, OrderedPageParams};
//! client.agents().identities(&agent).attach(&identity).await?;
//! client.agents().identities(&agent).detach(&identity).await?;
//! let owned = client.blocks().attach_identity(&block, &identity).await?;
//! let unowned = client.blocks().detach_identity(&block, &identity).await?;
//! client.groups().attach_block(&group, &block).await?;
//! client.groups().detach_block(&group, &block).await?;
//! let agents = client.identities().list_agents(&identity, &AgentPageParams::default()).await?;
//! let blocks = client.identities().list_blocks(&identity, &OrderedPageParams::default()).await?;
//! # Ok(()) }
//! ```

use crate::ids::{AgentId, BlockId, GroupId, IdentityId};
use crate::operations as ops;
use crate::types::{AgentPageParams, AgentState, Block, OrderedPageParams};
use crate::{LettaClient, LettaError};

use super::{Blocks, Groups, Identities};

/// The identities of one agent.
#[derive(Debug, Clone)]
pub struct AgentIdentities<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl AgentIdentities<'_> {
    /// Attaches an identity to the agent (`attach_identity_to_agent`).
    pub async fn attach(&self, identity_id: &IdentityId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::attach_identity_to_agent(&self.agent_id, identity_id))
            .await
            .map(drop)
    }

    /// Detaches an identity from the agent (`detach_identity_from_agent`).
    pub async fn detach(&self, identity_id: &IdentityId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::detach_identity_from_agent(&self.agent_id, identity_id))
            .await
            .map(drop)
    }
}

impl Blocks<'_> {
    /// Attaches an identity to a block and returns the block (`attach_identity_to_block`;
    /// Letta 0.16).
    pub async fn attach_identity(
        &self,
        block_id: &BlockId,
        identity_id: &IdentityId,
    ) -> Result<Block, LettaError> {
        self.client
            .call(ops::attach_identity_to_block(block_id, identity_id))
            .await
    }

    /// Detaches an identity from a block and returns the block (`detach_identity_from_block`;
    /// Letta 0.16).
    pub async fn detach_identity(
        &self,
        block_id: &BlockId,
        identity_id: &IdentityId,
    ) -> Result<Block, LettaError> {
        self.client
            .call(ops::detach_identity_from_block(block_id, identity_id))
            .await
    }
}

impl Groups<'_> {
    /// Attaches a block to a group (`attach_block_to_group`; Letta 0.16). 0.16.8 records it in
    /// the group's own table only: the group read back (`shared_block_ids`) and the memory of
    /// its agents do not show it.
    ///
    /// Deprecated by the server (0.16.8), with no replacement route: attach the block to each
    /// agent with [`CoreMemory::attach_block`](super::CoreMemory::attach_block).
    pub async fn attach_block(&self, group_id: &GroupId, block_id: &BlockId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::attach_block_to_group(group_id, block_id))
            .await
            .map(drop)
    }

    /// Detaches a block from a group (`detach_block_from_group`; Letta 0.16).
    ///
    /// Deprecated by the server (0.16.8), with no replacement route: detach the block from each
    /// agent with [`CoreMemory::detach_block`](super::CoreMemory::detach_block).
    pub async fn detach_block(&self, group_id: &GroupId, block_id: &BlockId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::detach_block_from_group(group_id, block_id))
            .await
            .map(drop)
    }
}

impl Identities<'_> {
    /// Lists one page of the agents of an identity (`list_agents_for_identity`; Letta 0.16).
    ///
    /// Deprecated by the server (0.16.8): use [`Agents::list`](super::Agents::list) with
    /// [`ListAgentsParams::identity_id`](crate::types::ListAgentsParams::identity_id).
    pub async fn list_agents(
        &self,
        identity_id: &IdentityId,
        params: &AgentPageParams,
    ) -> Result<Vec<AgentState>, LettaError> {
        self.client
            .call(ops::list_agents_for_identity(identity_id).query(params))
            .await
    }

    /// Lists one page of the blocks of an identity (`list_blocks_for_identity`; Letta 0.16).
    ///
    /// Deprecated by the server (0.16.8): use [`Blocks::list`] with
    /// [`ListBlocksParams::identity_id`](crate::types::ListBlocksParams::identity_id).
    pub async fn list_blocks(
        &self,
        identity_id: &IdentityId,
        params: &OrderedPageParams,
    ) -> Result<Vec<Block>, LettaError> {
        self.client
            .call(ops::list_blocks_for_identity(identity_id).query(params))
            .await
    }
}
