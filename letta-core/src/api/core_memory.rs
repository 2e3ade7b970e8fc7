//! An agent's core memory (`/v1/agents/{agent_id}/core-memory...`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId, block: letta_core::ids::BlockId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::BlockUpdate;
//! let memory = client.agents().core_memory(&agent);
//! let human = memory.retrieve_block("human").await?;
//! memory.modify_block("human", &BlockUpdate::value("Name: Ada Lovelace")).await?;
//! let all = memory.list_blocks().await?;
//! memory.attach_block(&block).await?;
//! memory.detach_block(&block).await?;
//! let whole = memory.retrieve().await?;
//! println!("{}", whole.blocks.len());
//! # Ok(()) }
//! ```

use crate::ids::{AgentId, BlockId};
use crate::operations as ops;
use crate::types::{AgentState, Block, BlockUpdate, Memory};
use crate::{LettaClient, LettaError};

/// The core memory of one agent.
#[derive(Debug, Clone)]
pub struct CoreMemory<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl CoreMemory<'_> {
    /// The whole core memory with its prompt template (`retrieve_agent_memory`).
    pub async fn retrieve(&self) -> Result<Memory, LettaError> {
        self.client.call(ops::retrieve_agent_memory(&self.agent_id)).await
    }

    /// Every block of the agent, in no set order (`list_core_memory_blocks`).
    pub async fn list_blocks(&self) -> Result<Vec<Block>, LettaError> {
        self.client
            .call(ops::list_core_memory_blocks(&self.agent_id))
            .await
    }

    /// The block with this label (`retrieve_core_memory_block`).
    pub async fn retrieve_block(&self, label: &str) -> Result<Block, LettaError> {
        self.client
            .call(ops::retrieve_core_memory_block(&self.agent_id, label))
            .await
    }

    /// Changes the block with this label (`modify_core_memory_block`).
    ///
    /// 0.7.x answers 200 for an unknown label and changes a different block; this method first
    /// checks that the label exists and fails with [`LettaError::InvalidInput`] otherwise, so
    /// nothing is overwritten by mistake.
    pub async fn modify_block(&self, label: &str, update: &BlockUpdate) -> Result<Block, LettaError> {
        let blocks = self.list_blocks().await?;
        if !blocks.iter().any(|b| b.label.as_deref() == Some(label)) {
            let known: Vec<&str> = blocks.iter().filter_map(|b| b.label.as_deref()).collect();
            return Err(LettaError::InvalidInput(format!(
                "agent {} has no core-memory block labelled {label:?} (it has: {})",
                self.agent_id,
                known.join(", ")
            )));
        }
        self.client
            .call(ops::modify_core_memory_block(&self.agent_id, label).json(update))
            .await
    }

    /// Attaches an existing block (`attach_core_memory_block`).
    pub async fn attach_block(&self, block_id: &BlockId) -> Result<AgentState, LettaError> {
        self.client
            .call(ops::attach_core_memory_block(&self.agent_id, block_id))
            .await
    }

    /// Detaches a block; the block itself is kept (`detach_core_memory_block`).
    pub async fn detach_block(&self, block_id: &BlockId) -> Result<AgentState, LettaError> {
        self.client
            .call(ops::detach_core_memory_block(&self.agent_id, block_id))
            .await
    }
}
