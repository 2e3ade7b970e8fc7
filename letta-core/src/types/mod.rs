//! Request and response models, one file per resource group.
//!
//! Requests serialise only the fields the server's schema declares (0.7.x answers 422 to unknown
//! fields) and leave unset options out. Responses ignore fields this client does not know yet,
//! and enums keep unknown values in an `Other` variant instead of failing.

#[macro_use]
mod macros;
pub mod agent;
pub mod common;
pub mod health;
pub mod memory;
pub mod message;
pub mod passage;
pub mod run;
pub mod time;
pub mod tool;

pub use agent::*;
pub use common::*;
pub use health::*;
pub use memory::*;
pub use message::*;
pub use passage::*;
pub use run::*;
pub use time::Timestamp;
pub use tool::*;

/// Free-form JSON object, as used for `metadata` fields.
pub type JsonMap = serde_json::Map<String, serde_json::Value>;
