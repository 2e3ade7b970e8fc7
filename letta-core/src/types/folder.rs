//! Folders (Letta 0.16's name for sources): the lists, upload options, statistics and the
//! files agents hold open.

use serde::{Deserialize, Serialize};

use super::{SortOrder, Source, Timestamp};
use crate::ids::{FileId, FolderId};

/// A folder: 0.16's name for a [`Source`], with the same ID and fields (`Folder`).
pub type Folder = Source;

string_enum! {
    /// What an upload does when the folder already holds a file of the same name
    /// (`DuplicateFileHandling`).
    DuplicateFileHandling {
        /// Keep the existing file and answer with it; nothing is uploaded.
        Skip = "skip",
        /// Refuse the upload (400).
        Error = "error",
        /// Store the new file under a suffixed name (the server's default).
        Suffix = "suffix",
        /// Delete the existing file and store the new one under its name.
        Replace = "replace",
    }
}

/// One page of a list that takes `before`, `after`, `limit` and `order`: the agents of a folder,
/// the passages of a folder, the folders of an agent, the blocks of an identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct OrderedPageParams {
    /// Cursor: items before this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: items after this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (the server's default differs per list: 50 for agents and blocks, 100 for
    /// passages and folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order by creation (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
}

/// Filters for `GET /v1/folders/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListFoldersParams {
    /// Cursor: folders before this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: folders after this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order by creation (server default oldest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Only the folder with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Filters for `GET /v1/folders/{folder_id}/files`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListFolderFilesParams {
    /// Cursor: files before this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: files after this ID, in `order`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order by creation (server default newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Whether each file comes with its full text (`content`; server default no).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_content: Option<bool>,
}

/// Options of a single-file read (`retrieve_file`, `get_file_metadata`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[non_exhaustive]
pub struct RetrieveFileParams {
    /// Whether the file comes with its full text (`content`; server default no).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_content: Option<bool>,
}

impl RetrieveFileParams {
    /// The file with its full text.
    pub fn with_content() -> Self {
        Self {
            include_content: Some(true),
        }
    }
}

/// Options of an upload to a folder (`POST /v1/folders/{folder_id}/upload`).
///
/// ```
/// use letta_core::types::{DuplicateFileHandling, UploadFileParams};
/// let params = UploadFileParams::builder()
///     .duplicate_handling(DuplicateFileHandling::Replace)
///     .name("rules.md")
///     .build();
/// assert_eq!(serde_html_form::to_string(&params).unwrap(), "duplicate_handling=replace&name=rules.md");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct UploadFileParams {
    /// What to do when the folder already has a file of that name (server default: suffix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_handling: Option<DuplicateFileHandling>,
    /// The name to store the file under instead of the uploaded file's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Filters for `GET /v1/agents/{agent_id}/files`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListAgentFilesParams {
    /// Cursor: attachments with an ID below this [`AgentFileAttachment::id`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Cursor: attachments with an ID above this [`AgentFileAttachment::id`]
    /// ([`AgentFilesPage::next_cursor`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Page size (server default 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order by creation, with a cursor (server default newest first); 0.16.8 answers
    /// the first page, without a cursor, in attachment-ID order whatever this says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<SortOrder>,
    /// Only open (`true`) or only closed (`false`) files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_open: Option<bool>,
}

/// One page of the files an agent can see (`PaginatedAgentFiles`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentFilesPage {
    /// The files of this page.
    pub files: Vec<AgentFileAttachment>,
    /// The cursor of the next page (the last attachment's ID).
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// Whether more files follow this page.
    pub has_more: bool,
}

/// A file of an attached folder as one agent sees it: open or closed, and what it shows
/// (`AgentFileAttachment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentFileAttachment {
    /// The ID of the file-agent relation (the cursor of [`ListAgentFilesParams`]).
    pub id: String,
    /// The file.
    pub file_id: FileId,
    /// The file's name.
    pub file_name: String,
    /// The folder the file is in.
    pub folder_id: FolderId,
    /// The folder's name.
    pub folder_name: String,
    /// Whether the file is open in the agent's context.
    pub is_open: bool,
    /// When the agent last looked at the file.
    #[serde(default, with = "super::time::optional")]
    pub last_accessed_at: Option<Timestamp>,
    /// What of the file the agent sees while it is open.
    #[serde(default)]
    pub visible_content: Option<String>,
    /// The first line shown, when the agent opened a line range.
    #[serde(default)]
    pub start_line: Option<u64>,
    /// The last line shown, when the agent opened a line range.
    #[serde(default)]
    pub end_line: Option<u64>,
}

/// What the folders (sources) of the organization hold (`OrganizationSourcesStats`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrganizationSourcesStats {
    /// How many folders there are.
    #[serde(default)]
    pub total_sources: u64,
    /// How many files they hold.
    #[serde(default)]
    pub total_files: u64,
    /// The size of all files, in bytes.
    #[serde(default)]
    pub total_size: u64,
    /// Per folder (with per-file details when asked for them).
    #[serde(default)]
    pub sources: Vec<SourceStats>,
}

/// What one folder (source) holds (`SourceStats`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceStats {
    /// The folder's ID.
    pub source_id: FolderId,
    /// The folder's name.
    pub source_name: String,
    /// How many files it holds.
    #[serde(default)]
    pub file_count: u64,
    /// The size of its files, in bytes.
    #[serde(default)]
    pub total_size: u64,
    /// Its files.
    #[serde(default)]
    pub files: Vec<FileStats>,
}

/// The size of one file (`FileStats`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileStats {
    /// The file's ID.
    pub file_id: FileId,
    /// The file's name.
    pub file_name: String,
    /// Its size in bytes.
    #[serde(default)]
    pub file_size: Option<u64>,
}
