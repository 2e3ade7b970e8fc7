//! Request and response models, one file per resource group.
//!
//! Requests serialise only the fields the server's schema declares (0.7.x answers 422 to unknown
//! fields) and leave unset options out. Responses ignore fields this client does not know yet,
//! and enums keep unknown values in an `Other` variant instead of failing.

#[macro_use]
mod macros;
pub mod agent;
pub mod agent_file;
pub mod auth;
pub mod batch;
pub mod common;
pub mod context;
pub mod group;
pub mod health;
pub mod identity;
pub mod memory;
pub mod message;
pub mod passage;
pub mod run;
pub mod step;
pub mod stored_message;
pub mod tag;
pub mod time;
pub mod tool;
pub mod voice;

pub use agent::*;
pub use agent_file::*;
pub use auth::*;
pub use batch::*;
pub use common::*;
pub use context::*;
pub use group::*;
pub use health::*;
pub use identity::*;
pub use memory::*;
pub use message::*;
pub use passage::*;
pub use run::*;
pub use step::*;
pub use stored_message::*;
pub use tag::*;
pub use time::Timestamp;
pub use tool::*;
pub use voice::*;

/// Free-form JSON object, as used for `metadata` fields.
pub type JsonMap = serde_json::Map<String, serde_json::Value>;
