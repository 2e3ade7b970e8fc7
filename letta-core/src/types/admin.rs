//! Users and organizations (the self-hosted server's admin routes).

use serde::{Deserialize, Serialize};

use super::Timestamp;
use crate::ids::{OrganizationId, UserId};

/// A user (`User`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// The human-friendly ID of the user.
    pub id: UserId,
    /// The name of the user.
    pub name: String,
    /// The organization id of the user.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// Whether this user is deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// The creation date of the user.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// The update date of the user.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
}

/// A new user (`UserCreate`). The default is a nameless user of the default organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserCreate {
    /// The name of the user.
    pub name: String,
    /// The organization id of the user.
    pub organization_id: OrganizationId,
}

impl UserCreate {
    /// A user named `name` in `organization_id`.
    pub fn new(name: impl Into<String>, organization_id: impl Into<OrganizationId>) -> Self {
        Self {
            name: name.into(),
            organization_id: organization_id.into(),
        }
    }
}

impl Default for UserCreate {
    fn default() -> Self {
        Self::new("", DEFAULT_ORGANIZATION_ID)
    }
}

/// The ID of the organization a self-hosted server creates at first start.
pub const DEFAULT_ORGANIZATION_ID: &str = "org-00000000-0000-4000-8000-000000000000";

/// The ID of the user a self-hosted server acts as when no (or an unknown) `user_id` is sent.
pub const DEFAULT_USER_ID: &str = "user-00000000-0000-4000-8000-000000000000";

/// Changes to a user (`UserUpdate`); unset fields stay as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(UserId, into), on(OrganizationId, into))]
#[non_exhaustive]
pub struct UserUpdate {
    /// The id of the user to update.
    pub id: UserId,
    /// The new name of the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The new organization id of the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<OrganizationId>,
}

impl UserUpdate {
    /// No changes yet to the user `id`.
    pub fn new(id: impl Into<UserId>) -> Self {
        Self {
            id: id.into(),
            name: None,
            organization_id: None,
        }
    }
}

impl Default for UserUpdate {
    /// No user yet: set `id` before sending.
    fn default() -> Self {
        Self::new("")
    }
}

/// An organization (`Organization`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// The human-friendly ID of the organization.
    pub id: OrganizationId,
    /// The name of the organization.
    #[serde(default)]
    pub name: String,
    /// Whether the organization has access to privileged tools.
    #[serde(default)]
    pub privileged_tools: bool,
    /// The creation date of the organization.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
}

/// A new organization (`OrganizationCreate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct OrganizationCreate {
    /// The name of the organization (the server makes one up when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the organization has access to privileged tools (server default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileged_tools: Option<bool>,
}

impl OrganizationCreate {
    /// An organization named `name`.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            privileged_tools: None,
        }
    }
}

/// Changes to an organization (`OrganizationUpdate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct OrganizationUpdate {
    /// The new name of the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the organization has access to privileged tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileged_tools: Option<bool>,
}
