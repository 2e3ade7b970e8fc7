//! Identities (`/v1/identities/`): the users or organizations agents and blocks belong to.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{IdentityCreate, IdentityProperty, IdentityType, IdentityUpdate, ListAgentsParams};
//! let ada = client
//!     .identities()
//!     .create(
//!         &IdentityCreate::builder()
//!             .identifier_key("user-42")
//!             .name("Ada")
//!             .identity_type(IdentityType::User)
//!             .agent_ids([agent])
//!             .build(),
//!     )
//!     .await?;
//! let agents = client
//!     .agents()
//!     .list(&ListAgentsParams::builder().identity_id(&ada.id).build())
//!     .await?;
//! client
//!     .identities()
//!     .upsert_properties(&ada.id, &[IdentityProperty::string("plan", "pro")])
//!     .await?;
//! client
//!     .identities()
//!     .modify(&ada.id, &IdentityUpdate::builder().name("Ada L.").build())
//!     .await?;
//! client.identities().delete(&ada.id).await?;
//! let same = client.identities().retrieve(&ada.id).await?;
//! let upserted = client.identities().upsert(&IdentityCreate::new("user-42", "Ada", IdentityType::User)).await?;
//! let how_many = client.identities().count().await?;
//! # Ok(()) }
//! ```

use crate::ids::IdentityId;
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    Identity, IdentityCreate, IdentityProperty, IdentityUpdate, IdentityUpsert, ListIdentitiesParams,
};
use crate::{LettaClient, LettaError};

/// Identities.
#[derive(Debug, Clone, Copy)]
pub struct Identities<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Identities<'_> {
    /// Creates an identity; fails with 409 if its identifier key is taken (`create_identity`).
    pub async fn create(&self, request: &IdentityCreate) -> Result<Identity, LettaError> {
        self.client.call(ops::create_identity().json(request)).await
    }

    /// Creates an identity, or updates the one with the same identifier key (`upsert_identity`).
    /// Fields left unset keep their stored values.
    pub async fn upsert(&self, request: &IdentityUpsert) -> Result<Identity, LettaError> {
        self.client.call(ops::upsert_identity().json(request)).await
    }

    /// Fetches an identity (`retrieve_identity`).
    pub async fn retrieve(&self, identity_id: &IdentityId) -> Result<Identity, LettaError> {
        self.client.call(ops::retrieve_identity(identity_id)).await
    }

    /// Lists one page of identities, oldest first (`list_identities`).
    pub async fn list(&self, params: &ListIdentitiesParams) -> Result<Vec<Identity>, LettaError> {
        self.client.call(ops::list_identities().query(params)).await
    }

    /// Every identity matching the filters, oldest first, page by page as the stream is read
    /// (`list_identities`).
    pub fn list_all(&self, params: &ListIdentitiesParams) -> Paginated<Identity> {
        list_pages(
            self.client,
            ops::list_identities().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Changes an identity (`update_identity`).
    pub async fn modify(
        &self,
        identity_id: &IdentityId,
        update: &IdentityUpdate,
    ) -> Result<Identity, LettaError> {
        self.client
            .call(ops::update_identity(identity_id).json(update))
            .await
    }

    /// Replaces the properties of an identity with these (`upsert_identity_properties`).
    pub async fn upsert_properties(
        &self,
        identity_id: &IdentityId,
        properties: &[IdentityProperty],
    ) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::upsert_identity_properties(identity_id).json(properties))
            .await
            .map(drop)
    }

    /// Deletes an identity; its agents and blocks stay (`delete_identity`).
    pub async fn delete(&self, identity_id: &IdentityId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_identity(identity_id))
            .await
            .map(drop)
    }

    /// Counts the identities of the current user (`count_identities`).
    pub async fn count(&self) -> Result<u64, LettaError> {
        self.client.call(ops::count_identities()).await
    }
}
