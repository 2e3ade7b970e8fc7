//! Multi-agent groups (`/v1/groups/`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, a: letta_core::ids::AgentId, b: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{GroupCreate, GroupUpdate, ListGroupsParams, ManagerConfig, ManagerType};
//! let group = client
//!     .groups()
//!     .create(&GroupCreate::new([a, b], "pair").manager(ManagerConfig::RoundRobin { max_turns: Some(2) }))
//!     .await?;
//! let same = client.groups().retrieve(&group.id).await?;
//! let round_robins = client
//!     .groups()
//!     .list(&ListGroupsParams { manager_type: Some(ManagerType::RoundRobin), ..Default::default() })
//!     .await?;
//! client
//!     .groups()
//!     .modify(&group.id, &GroupUpdate { description: Some("a pair".into()), ..Default::default() })
//!     .await?;
//! let how_many = client.groups().count().await?;
//! client.groups().delete(&group.id).await?;
//! # Ok(()) }
//! ```

use crate::client::{RequestBody, json};
use crate::ids::GroupId;
use crate::operations as ops;
use crate::paging::{Paginated, Walk, list_pages};
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
        self.client
            .run(&ops::CREATE_GROUP, &[], &Vec::new(), json(request)?)
            .await
    }

    /// Fetches a group (`retrieve_group`).
    pub async fn retrieve(&self, group_id: &GroupId) -> Result<Group, LettaError> {
        self.client
            .run(
                &ops::RETRIEVE_GROUP,
                &[group_id.as_str()],
                &Vec::new(),
                RequestBody::Empty,
            )
            .await
    }

    /// Lists one page of groups, oldest first (`list_groups`).
    pub async fn list(&self, params: &ListGroupsParams) -> Result<Vec<Group>, LettaError> {
        self.client
            .run(&ops::LIST_GROUPS, &[], &params.to_query(), RequestBody::Empty)
            .await
    }

    /// Every group matching the filters, page by page as the stream is read (`list_groups`).
    pub fn list_all(&self, params: &ListGroupsParams) -> Paginated<Group> {
        list_pages(self.client, &ops::LIST_GROUPS, &[], Walk::Forward, 1, params)
    }

    /// Changes a group (`modify_group`).
    pub async fn modify(&self, group_id: &GroupId, update: &GroupUpdate) -> Result<Group, LettaError> {
        self.client
            .run(
                &ops::MODIFY_GROUP,
                &[group_id.as_str()],
                &Vec::new(),
                json(update)?,
            )
            .await
    }

    /// Deletes a group; its agents stay (`delete_group`).
    pub async fn delete(&self, group_id: &GroupId) -> Result<(), LettaError> {
        self.client
            .run_unit(
                &ops::DELETE_GROUP,
                &[group_id.as_str()],
                &Vec::new(),
                RequestBody::Empty,
            )
            .await
    }

    /// Counts the groups of the current user (`count_groups`).
    pub async fn count(&self) -> Result<u64, LettaError> {
        self.client
            .run(&ops::COUNT_GROUPS, &[], &Vec::new(), RequestBody::Empty)
            .await
    }
}
