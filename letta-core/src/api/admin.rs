//! Users and organizations (`/v1/admin/`), the self-hosted server's admin routes.
//!
//! To act as a user, build a client with [`ClientBuilder::user_id`](crate::ClientBuilder::user_id):
//! requests then see and create that user's organization's objects. 0.7.x treats an unknown
//! `user_id` as the default user, silently.
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{OrganizationCreate, PageParams, UserCreate, UserUpdate};
//! let admin = client.admin();
//! let org = admin.organizations().create(&OrganizationCreate::named("acme")).await?;
//! let user = admin.users().create(&UserCreate::new("bob", org.id.clone())).await?;
//! admin.users().modify(&UserUpdate::builder().id(&user.id).name("robert").build()).await?;
//! let as_bob = letta_core::LettaClient::builder()
//!     .base_url(client.base_url().as_str())
//!     .user_id(user.id.as_str())
//!     .build()?;
//! let bobs_sources = as_bob.sources().list().await?;
//! let users = admin.users().list(&PageParams::limit(10)).await?;
//! admin.users().delete(&user.id).await?;
//! admin.organizations().delete(&org.id).await?;
//! # Ok(()) }
//! ```

use http::StatusCode;

use crate::ids::{OrganizationId, UserId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{
    Organization, OrganizationCreate, OrganizationUpdate, PageParams, User, UserCreate, UserUpdate,
};
use crate::{LettaClient, LettaError};

/// The admin routes.
#[derive(Debug, Clone, Copy)]
pub struct Admin<'c> {
    pub(crate) client: &'c LettaClient,
}

impl<'c> Admin<'c> {
    /// Users.
    pub fn users(&self) -> Users<'c> {
        Users { client: self.client }
    }

    /// Organizations.
    pub fn organizations(&self) -> Organizations<'c> {
        Organizations { client: self.client }
    }
}

/// Users.
#[derive(Debug, Clone, Copy)]
pub struct Users<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Users<'_> {
    /// Lists one page of users, oldest first (`list_users`).
    pub async fn list(&self, params: &PageParams) -> Result<Vec<User>, LettaError> {
        self.client.call(ops::list_users().query(params)).await
    }

    /// Every user, oldest first, page by page as the stream is read (`list_users`).
    pub fn list_all(&self, params: &PageParams) -> Paginated<User> {
        list_pages(
            self.client,
            ops::list_users().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Creates a user in an organization (`create_user`).
    pub async fn create(&self, request: &UserCreate) -> Result<User, LettaError> {
        if request.name.trim().is_empty() {
            return Err(LettaError::InvalidInput("a user needs a name".into()));
        }
        self.client.call(ops::create_user().json(request)).await
    }

    /// Renames a user or moves it to another organization (`update_user`).
    pub async fn modify(&self, update: &UserUpdate) -> Result<User, LettaError> {
        if update.id.as_str().trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "UserUpdate needs the id of the user to change (UserUpdate::builder().id(id))".into(),
            ));
        }
        self.client.call(ops::update_user().json(update)).await
    }

    /// Deletes a user and returns it (`delete_user`; the ID goes in the query string).
    ///
    /// 0.7.29 answers a missing user with a 500 ("User not found with id=..."); this reports it
    /// as the 404 it is, keeping the server's detail and body.
    pub async fn delete(&self, user_id: &UserId) -> Result<User, LettaError> {
        let query = vec![("user_id", required("user_id", user_id.as_str())?)];
        let result = self.client.call(ops::delete_user().query(&query)).await;
        not_found_as_404(result, "User not found")
    }
}

/// Organizations.
#[derive(Debug, Clone, Copy)]
pub struct Organizations<'c> {
    pub(crate) client: &'c LettaClient,
}

impl Organizations<'_> {
    /// Lists one page of organizations, oldest first (`list_orgs`).
    pub async fn list(&self, params: &PageParams) -> Result<Vec<Organization>, LettaError> {
        self.client.call(ops::list_orgs().query(params)).await
    }

    /// Every organization, oldest first, page by page as the stream is read (`list_orgs`).
    pub fn list_all(&self, params: &PageParams) -> Paginated<Organization> {
        list_pages(
            self.client,
            ops::list_orgs().query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Creates an organization (`create_organization`).
    pub async fn create(&self, request: &OrganizationCreate) -> Result<Organization, LettaError> {
        self.client.call(ops::create_organization().json(request)).await
    }

    /// Changes an organization (`update_organization`; the ID goes in the query string).
    ///
    /// Broken in 0.7.29: the route calls its manager with an argument it does not take, so every
    /// call fails with a 500 ("update_organization() got an unexpected keyword argument
    /// 'name'") and nothing changes.
    pub async fn modify(
        &self,
        org_id: &OrganizationId,
        update: &OrganizationUpdate,
    ) -> Result<Organization, LettaError> {
        let query = vec![("org_id", required("org_id", org_id.as_str())?)];
        self.client
            .call(ops::update_organization().query(&query).json(update))
            .await
    }

    /// Deletes an organization with its users, and returns it (`delete_organization_by_id`;
    /// the ID goes in the query string).
    ///
    /// 0.7.29 answers a missing organization with a 500 ("Organization not found with
    /// id=..."); this reports it as the 404 it is, keeping the server's detail and body.
    pub async fn delete(&self, org_id: &OrganizationId) -> Result<Organization, LettaError> {
        let query = vec![("org_id", required("org_id", org_id.as_str())?)];
        let result = self
            .client
            .call(ops::delete_organization_by_id().query(&query))
            .await;
        not_found_as_404(result, "Organization not found")
    }
}

fn required(what: &str, id: &str) -> Result<String, LettaError> {
    if id.trim().is_empty() {
        return Err(LettaError::InvalidInput(format!("the {what} must not be empty")));
    }
    Ok(id.to_owned())
}

/// Turns the 500 0.7.29 sends for a missing user or organization into the 404 it means.
fn not_found_as_404<T>(result: Result<T, LettaError>, detail_prefix: &str) -> Result<T, LettaError> {
    match result {
        Err(LettaError::Api {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            method,
            path,
            detail: Some(detail),
            body,
        }) if detail.starts_with(detail_prefix) => Err(LettaError::Api {
            status: StatusCode::NOT_FOUND,
            method,
            path,
            detail: Some(detail),
            body,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_missing_object_500_becomes_a_404() {
        let api = |status: StatusCode, detail: &str| -> Result<(), LettaError> {
            Err(LettaError::Api {
                status,
                method: http::Method::DELETE,
                path: "/v1/admin/users/".into(),
                detail: Some(detail.into()),
                body: String::new(),
            })
        };
        let missing = not_found_as_404(
            api(StatusCode::INTERNAL_SERVER_ERROR, "User not found with id=user-1"),
            "User not found",
        );
        assert!(missing.unwrap_err().is_not_found());
        let other = not_found_as_404(
            api(StatusCode::INTERNAL_SERVER_ERROR, "database is down"),
            "User not found",
        );
        assert_eq!(
            other.unwrap_err().status(),
            Some(StatusCode::INTERNAL_SERVER_ERROR)
        );
    }
}
