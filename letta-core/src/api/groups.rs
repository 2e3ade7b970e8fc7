//! Multi-agent groups (`/v1/groups/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, a: letta_core::ids::AgentId, b: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{GroupCreate, GroupUpdate, ListGroupsParams, ManagerConfig, ManagerType};
//! let group = client
//!     .groups()
//!     .create(
//!         &GroupCreate::builder()
//!             .agent_ids([a, b])
//!             .description("pair")
//!             .manager_config(ManagerConfig::RoundRobin { max_turns: Some(2) })
//!             .build(),
//!     )
//!     .await?;
//! let same = client.groups().retrieve(&group.id).await?;
//! let round_robins = client
//!     .groups()
//!     .list(&ListGroupsParams::builder().manager_type(ManagerType::RoundRobin).build())
//!     .await?;
//! client
//!     .groups()
//!     .modify(&group.id, &GroupUpdate::builder().description("a pair").build())
//!     .await?;
//! let how_many = client.groups().count().await?;
//! client.groups().delete(&group.id).await?;
//! # Ok(()) }
//! ```

use crate::ids::GroupId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{Group, GroupCreate, GroupUpdate, ListGroupsParams};
use crate::{LettaClient, LettaError};

/// Multi-agent groups.
#[derive(Debug, Clone, Copy)]
pub struct Groups<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Groups<'_> {
    /// Creates a group (`create_group`).
    pub async fn create(&self, request: &GroupCreate) -> Result<Group, LettaError> {
        if request.agent_ids.is_empty() {
            return Err(LettaError::InvalidInput(
                "a group needs at least one agent; list them in GroupCreate::new(agent_ids, ..)".into(),
            ));
        }
        self.client.call(ops::create_group().json(request)).await
    }

    /// Fetches a group (`retrieve_group`).
    pub async fn retrieve(&self, group_id: &GroupId) -> Result<Group, LettaError> {
        self.client.call(ops::retrieve_group(group_id)).await
    }

    /// Lists one page of groups, oldest first (`list_groups`).
    pub async fn list(&self, params: &ListGroupsParams) -> Result<Vec<Group>, LettaError> {
        self.client.call(ops::list_groups().query(params)).await
    }

    /// Every group matching the filters, oldest first, page by page as the stream is read
    /// (`list_groups`).
    pub fn list_all(&self, params: &ListGroupsParams) -> Paginated<Group> {
        list_pages(
            self.client,
            ops::list_groups().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Changes a group (`modify_group`).
    pub async fn modify(&self, group_id: &GroupId, update: &GroupUpdate) -> Result<Group, LettaError> {
        self.client.call(ops::modify_group(group_id).json(update)).await
    }

    /// Deletes a group; its agents stay (`delete_group`).
    pub async fn delete(&self, group_id: &GroupId) -> Result<(), LettaError> {
        self.client.call_raw(ops::delete_group(group_id)).await.map(drop)
    }

    /// Counts the groups of the current user (`count_groups`).
    pub async fn count(&self) -> Result<u64, LettaError> {
        self.client.call(ops::count_groups()).await
    }
}
