//! Identities: the users, organizations or other parties agents and blocks belong to.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::JsonMap;
use crate::ids::{AgentId, BlockId, IdentityId, OrganizationId, ProjectId};

string_enum! {
    /// Enum to represent the type of the identity (`IdentityType`).
    IdentityType {
        /// An organization.
        Org = "org",
        /// A user.
        User = "user",
        /// Anything else (`other`).
        OtherParty = "other",
    }
}

string_enum! {
    /// Enum to represent the type of the identity property (`IdentityPropertyType`).
    IdentityPropertyType {
        /// A string.
        String = "string",
        /// A number.
        Number = "number",
        /// A boolean.
        Boolean = "boolean",
        /// Any JSON object.
        Json = "json",
    }
}

/// A property of an identity (`IdentityProperty`).
///
/// ```
/// use letta_core::types::{IdentityProperty, IdentityPropertyValue};
/// let p = IdentityProperty::number("age", 36);
/// assert_eq!(serde_json::to_value(&p).unwrap(), serde_json::json!({"key": "age", "value": 36, "type": "number"}));
/// assert_eq!(p.value, IdentityPropertyValue::Integer(36));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityProperty {
    /// The key of the property.
    pub key: String,
    /// The value of the property, of the kind `kind` says.
    pub value: IdentityPropertyValue,
    /// The type of the property.
    #[serde(rename = "type")]
    pub kind: IdentityPropertyType,
}

/// The value of an identity property: a string, integer, number, boolean or JSON object, told
/// apart by the JSON type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum IdentityPropertyValue {
    /// A string.
    String(String),
    /// A whole number that fits an `i64`.
    Integer(i64),
    /// Any other number.
    Number(f64),
    /// A boolean.
    Boolean(bool),
    /// A JSON object; free-form, as the user stored it.
    Json(JsonMap),
    /// Any other JSON (an array or `null`, which 0.7.29 does not accept but may hold), kept as
    /// sent.
    Other(Value),
}

impl IdentityPropertyValue {
    /// The string, for a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            IdentityPropertyValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as an `f64`, for an integer or a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            IdentityPropertyValue::Integer(n) => Some(*n as f64),
            IdentityPropertyValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The boolean, for a boolean value.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            IdentityPropertyValue::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    /// The object, for a JSON object value.
    pub fn as_object(&self) -> Option<&JsonMap> {
        match self {
            IdentityPropertyValue::Json(map) => Some(map),
            _ => None,
        }
    }
}

impl From<serde_json::Number> for IdentityPropertyValue {
    fn from(number: serde_json::Number) -> Self {
        match (number.as_i64(), number.as_f64()) {
            (Some(n), _) => IdentityPropertyValue::Integer(n),
            (None, Some(n)) => IdentityPropertyValue::Number(n),
            (None, None) => IdentityPropertyValue::Other(Value::Number(number)),
        }
    }
}

impl IdentityProperty {
    /// A string property.
    pub fn string(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: IdentityPropertyValue::String(value.into()),
            kind: IdentityPropertyType::String,
        }
    }

    /// A number property.
    pub fn number(key: impl Into<String>, value: impl Into<serde_json::Number>) -> Self {
        Self {
            key: key.into(),
            value: value.into().into(),
            kind: IdentityPropertyType::Number,
        }
    }

    /// A boolean property.
    pub fn boolean(key: impl Into<String>, value: bool) -> Self {
        Self {
            key: key.into(),
            value: IdentityPropertyValue::Boolean(value),
            kind: IdentityPropertyType::Boolean,
        }
    }

    /// A JSON object property.
    pub fn json(key: impl Into<String>, value: JsonMap) -> Self {
        Self {
            key: key.into(),
            value: IdentityPropertyValue::Json(value),
            kind: IdentityPropertyType::Json,
        }
    }
}

/// An identity (`Identity`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Identity {
    /// The human-friendly ID of the identity.
    pub id: IdentityId,
    /// External, user-generated identifier key of the identity.
    pub identifier_key: String,
    /// The name of the identity.
    pub name: String,
    /// The type of the identity.
    pub identity_type: IdentityType,
    /// The project id of the identity, if applicable.
    #[serde(default)]
    pub project_id: Option<ProjectId>,
    /// The IDs of the agents associated with the identity.
    #[serde(default)]
    pub agent_ids: Vec<AgentId>,
    /// The IDs of the blocks associated with the identity.
    #[serde(default)]
    pub block_ids: Vec<BlockId>,
    /// The organization id of the user.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// List of properties associated with the identity.
    #[serde(default)]
    pub properties: Vec<IdentityProperty>,
}

impl Identity {
    /// The property with this key, if any.
    pub fn property(&self, key: &str) -> Option<&IdentityProperty> {
        self.properties.iter().find(|p| p.key == key)
    }
}

/// A new identity (`IdentityCreate`), also the body of an upsert (`IdentityUpsert`, same fields).
///
/// ```
/// use letta_core::types::{IdentityCreate, IdentityProperty, IdentityType};
/// let request = IdentityCreate::builder()
///     .identifier_key("user-42")
///     .name("Ada")
///     .identity_type(IdentityType::User)
///     .properties([IdentityProperty::string("plan", "pro")])
///     .build();
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["identity_type"], "user");
/// assert!(json.get("agent_ids").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into), on(ProjectId, into))]
#[non_exhaustive]
pub struct IdentityCreate {
    /// External, user-generated identifier key of the identity (an upsert matches on it).
    pub identifier_key: String,
    /// The name of the identity.
    pub name: String,
    /// The type of the identity.
    pub identity_type: IdentityType,
    /// The project id of the identity, if applicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// The agent ids that are associated with the identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<AgentId>>| items.into_iter().map(Into::into).collect())]
    pub agent_ids: Option<Vec<AgentId>>,
    /// The IDs of the blocks associated with the identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<BlockId>>| items.into_iter().map(Into::into).collect())]
    pub block_ids: Option<Vec<BlockId>>,
    /// List of properties associated with the identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<IdentityProperty>>| items.into_iter().map(Into::into).collect())]
    pub properties: Option<Vec<IdentityProperty>>,
}

/// The body of `PUT /v1/identities/` (`IdentityUpsert`): the same fields as [`IdentityCreate`].
pub type IdentityUpsert = IdentityCreate;

impl IdentityCreate {
    /// An identity with its key, name and type.
    pub fn new(
        identifier_key: impl Into<String>,
        name: impl Into<String>,
        identity_type: IdentityType,
    ) -> Self {
        Self {
            identifier_key: identifier_key.into(),
            name: name.into(),
            identity_type,
            project_id: None,
            agent_ids: None,
            block_ids: None,
            properties: None,
        }
    }
}

/// Changes to an identity (`IdentityUpdate`); unset fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct IdentityUpdate {
    /// New identifier key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier_key: Option<String>,
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_type: Option<IdentityType>,
    /// Replace the associated agents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<AgentId>>| items.into_iter().map(Into::into).collect())]
    pub agent_ids: Option<Vec<AgentId>>,
    /// Replace the associated blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<BlockId>>| items.into_iter().map(Into::into).collect())]
    pub block_ids: Option<Vec<BlockId>>,
    /// Replace the properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[builder(with = |items: impl IntoIterator<Item = impl Into<IdentityProperty>>| items.into_iter().map(Into::into).collect())]
    pub properties: Option<Vec<IdentityProperty>>,
}

/// Filters for `GET /v1/identities/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, bon::Builder)]
#[builder(on(String, into), on(ProjectId, into))]
#[non_exhaustive]
pub struct ListIdentitiesParams {
    /// Only identities with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only identities of this project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// Only the identity with this identifier key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier_key: Option<String>,
    /// Only identities of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_type: Option<IdentityType>,
    /// Cursor: identities before this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: identities after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn property_values_decode_by_json_type() {
        let properties: Vec<IdentityProperty> = serde_json::from_value(json!([
            {"key": "plan", "value": "pro", "type": "string"},
            {"key": "age", "value": 36, "type": "number"},
            {"key": "score", "value": 2.5, "type": "number"},
            {"key": "vip", "value": true, "type": "boolean"},
            {"key": "prefs", "value": {"tea": "green"}, "type": "json"},
            {"key": "tags", "value": ["a", "b"], "type": "list"}
        ]))
        .unwrap();
        let values: Vec<&IdentityPropertyValue> = properties.iter().map(|p| &p.value).collect();
        assert_eq!(values[0].as_str(), Some("pro"));
        assert_eq!(values[1], &IdentityPropertyValue::Integer(36));
        assert_eq!(values[2], &IdentityPropertyValue::Number(2.5));
        assert_eq!(values[3].as_bool(), Some(true));
        assert_eq!(values[4].as_object().unwrap()["tea"], "green");
        // An unknown value and an unknown type are both kept, and sent back as they came.
        assert_eq!(values[5], &IdentityPropertyValue::Other(json!(["a", "b"])));
        assert_eq!(properties[5].kind, IdentityPropertyType::Other("list".into()));
        assert_eq!(
            serde_json::to_value(&properties[5]).unwrap(),
            json!({"key": "tags", "value": ["a", "b"], "type": "list"})
        );
    }
}
