//! Standalone memory blocks (`/v1/blocks/`), shareable between agents.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{BlockUpdate, BlockCreate, ListBlocksParams};
//! let block = client.blocks().create(&BlockCreate::new("team", "We ship on Fridays.")).await?;
//! let same = client.blocks().retrieve(&block.id).await?;
//! client.blocks().modify(&block.id, &BlockUpdate::value("We ship on Mondays.")).await?;
//! let teams = client.blocks().list(&ListBlocksParams::builder().label("team").build()).await?;
//! let how_many = client.blocks().count().await?;
//! let sharing = client.blocks().list_agents(&block.id).await?;
//! client.blocks().delete(&block.id).await?;
//! # Ok(()) }
//! ```

use crate::ids::BlockId;
use crate::operations as ops;
use crate::types::{AgentRelationship, AgentState, Block, BlockCreate, BlockUpdate, ListBlocksParams};
use crate::{LettaClient, LettaError};

/// The relations an [`AgentState`] carries, asked for where 0.16 leaves them out by default.
const WHOLE_AGENT: [(&str, AgentRelationship); 5] = [
    ("include", AgentRelationship::Blocks),
    ("include", AgentRelationship::Tools),
    ("include", AgentRelationship::Sources),
    ("include", AgentRelationship::Tags),
    ("include", AgentRelationship::Identities),
];

/// Standalone memory blocks.
#[derive(Debug, Clone, Copy)]
pub struct Blocks<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Blocks<'_> {
    /// Creates a block (`create_block`).
    pub async fn create(&self, request: &BlockCreate) -> Result<Block, LettaError> {
        self.client.call(ops::create_block().json(request)).await
    }

    /// Fetches a block (`retrieve_block`).
    pub async fn retrieve(&self, block_id: &BlockId) -> Result<Block, LettaError> {
        self.client.call(ops::retrieve_block(block_id)).await
    }

    /// Lists blocks, oldest first (`list_blocks`). This route has no cursor; `limit` caps the
    /// answer.
    pub async fn list(&self, params: &ListBlocksParams) -> Result<Vec<Block>, LettaError> {
        self.client.call(ops::list_blocks().query(params)).await
    }

    /// Changes a block (`modify_block`).
    pub async fn modify(&self, block_id: &BlockId, update: &BlockUpdate) -> Result<Block, LettaError> {
        self.client.call(ops::modify_block(block_id).json(update)).await
    }

    /// Deletes a block (`delete_block`).
    pub async fn delete(&self, block_id: &BlockId) -> Result<(), LettaError> {
        self.client.call_raw(ops::delete_block(block_id)).await.map(drop)
    }

    /// Counts the blocks (`count_blocks`).
    pub async fn count(&self) -> Result<u64, LettaError> {
        self.client.call(ops::count_blocks()).await
    }

    /// The agents that have this block in their core memory, in no set order
    /// (`list_agents_for_block`), each with its memory blocks, tools, sources, tags and
    /// identities.
    pub async fn list_agents(&self, block_id: &BlockId) -> Result<Vec<AgentState>, LettaError> {
        let op = ops::list_agents_for_block(block_id);
        if self.client.api_level().await?.is_v0_16_shape() {
            // 0.16.8 fills in an agent's relations on this route only when `include` names
            // them, whatever the User-Agent; without it every agent comes back with no memory.
            return self.client.call(op.query(&WHOLE_AGENT)).await;
        }
        self.client.call(op).await
    }
}
