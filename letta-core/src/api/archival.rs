//! An agent's archival memory (`/v1/agents/{agent_id}/archival-memory`).
//!
//! ```no_run
//! # async fn run(client: letta_core::LettaClient, agent: letta_core::ids::AgentId) -> Result<(), letta_core::LettaError> {
//! use letta_core::types::{ListPassagesParams, PassageUpdate};
//! let archive = client.agents().archival(&agent);
//! let stored = archive.create("Ada likes tea.").await?;
//! let hits = archive
//!     .list(&ListPassagesParams::builder().search("tea").limit(3).build())
//!     .await?;
//! let updated = archive
//!     .modify(&PassageUpdate::from_passage(&stored[0]).text("Ada likes green tea.").build())
//!     .await?;
//! archive.delete(&stored[0].id).await?;
//! # Ok(()) }
//! ```

use futures_util::TryStreamExt;
use serde::Deserialize;

use crate::ids::{AgentId, PassageId};
use crate::operations as ops;
use crate::paging::{Order, Paginated, Walk, list_pages};
use crate::types::{ListPassagesParams, Passage, PassageCreate, PassageUpdate};
use crate::{LettaClient, LettaError};

/// The archival memory of one agent.
#[derive(Debug, Clone)]
pub struct ArchivalMemory<'c> {
    pub(crate) client: &'c LettaClient,
    pub(crate) agent_id: AgentId,
}

impl ArchivalMemory<'_> {
    /// Stores text; long text may be split into several passages (`create_passage`).
    pub async fn create(&self, text: impl Into<String>) -> Result<Vec<Passage>, LettaError> {
        let request = PassageCreate::new(text);
        if request.text.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "archival memory text must not be empty".into(),
            ));
        }
        self.client
            .call(ops::create_passage(&self.agent_id).json(&request))
            .await
    }

    /// Lists one page of passages, oldest first, or searches them with `params.search` (nearest
    /// first) (`list_passages`).
    pub async fn list(&self, params: &ListPassagesParams) -> Result<Vec<Passage>, LettaError> {
        self.client
            .call(ops::list_passages(&self.agent_id).query(params))
            .await
    }

    /// Every passage, oldest first, page by page as the stream is read (`list_passages`).
    pub fn list_all(&self, params: &ListPassagesParams) -> Paginated<Passage> {
        list_pages(
            self.client,
            ops::list_passages(&self.agent_id).query(params),
            Walk::Forward,
            1,
            Order::AsAsked,
        )
    }

    /// Deletes one passage (`delete_passage`).
    pub async fn delete(&self, passage_id: &PassageId) -> Result<(), LettaError> {
        self.client
            .call_raw(ops::delete_passage(&self.agent_id, passage_id))
            .await
            .map(drop)
    }

    /// Rewrites a stored passage and returns it (`modify_passage`).
    ///
    /// 0.7.29 needs the passage's embedding in the update (start from
    /// [`PassageUpdate::from_passage`]), and after applying the change it fails to encode its
    /// answer (500: one passage where its schema declares a list). On a 500 this reads the
    /// passage back and returns it when it shows the change, else the server's error.
    pub async fn modify(&self, update: &PassageUpdate) -> Result<Passage, LettaError> {
        if update.embedding.is_none() || update.embedding_config.is_none() {
            return Err(LettaError::InvalidInput(
                "0.7.29 rebuilds the passage from the update and needs its embedding and \
                 embedding_config; build the update with PassageUpdate::from_passage(&passage)"
                    .into(),
            ));
        }
        let answer = self
            .client
            .call::<OneOrMany>(ops::modify_passage(&self.agent_id, &update.id).json(update))
            .await;
        match answer {
            Ok(OneOrMany::One(passage)) => Ok(*passage),
            Ok(OneOrMany::Many(passages)) => match passages.into_iter().find(|p| p.id == update.id) {
                Some(passage) => Ok(passage),
                None => self.read_back(update).await?.ok_or_else(|| {
                    LettaError::InvalidInput(format!(
                        "passage {} is not in the archival memory of agent {}",
                        update.id, self.agent_id
                    ))
                }),
            },
            Err(error) if error.status() == Some(http::StatusCode::INTERNAL_SERVER_ERROR) => {
                match self.read_back(update).await? {
                    Some(passage) if applied(&passage, update) => Ok(passage),
                    _ => Err(error),
                }
            }
            Err(error) => Err(error),
        }
    }

    /// The stored passage an update is about, if it still exists. Read twice at most: after an
    /// unhandled 500, 0.7.29 closes the connection, and the first read may go out on it and be
    /// reset (a read is safe to repeat).
    async fn read_back(&self, update: &PassageUpdate) -> Result<Option<Passage>, LettaError> {
        match self.find(update).await {
            Err(LettaError::Transport { .. }) => self.find(update).await,
            other => other,
        }
    }

    async fn find(&self, update: &PassageUpdate) -> Result<Option<Passage>, LettaError> {
        let mut all = self.list_all(&ListPassagesParams::default());
        while let Some(passage) = all.try_next().await? {
            if passage.id == update.id {
                return Ok(Some(passage));
            }
        }
        Ok(None)
    }
}

/// The passage(s) a modify answers: the schema says a list, 0.7.29's handler returns one.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(Box<Passage>),
    Many(Vec<Passage>),
}

/// Whether a stored passage shows the changes of an update.
fn applied(passage: &Passage, update: &PassageUpdate) -> bool {
    update.text.as_ref().is_none_or(|t| *t == passage.text)
        && update
            .metadata
            .as_ref()
            .is_none_or(|m| passage.metadata.as_ref() == Some(m))
}
