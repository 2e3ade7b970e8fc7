//! Sources: collections of uploaded files, split into passages agents can search.

use std::path::Path;

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{EmbeddingConfig, JsonMap, Timestamp, VectorDbProvider};
use crate::LettaError;
use crate::ids::{FileId, OrganizationId, SourceId, UserId};

/// A data source (`Source`); Letta 0.16 calls it a folder ([`Folder`](super::Folder), the same
/// type: same ID, same fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The human-friendly ID of the source.
    pub id: SourceId,
    /// The name of the source (unique within the organization).
    pub name: String,
    /// The description of the source.
    #[serde(default)]
    pub description: Option<String>,
    /// Instructions for how to use the source.
    #[serde(default)]
    pub instructions: Option<String>,
    /// The embedding configuration used by the source.
    pub embedding_config: EmbeddingConfig,
    /// Metadata associated with the source.
    #[serde(default)]
    pub metadata: Option<JsonMap>,
    /// The ID of the organization that created the source.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// The id of the user that made this source.
    #[serde(default)]
    pub created_by_id: Option<UserId>,
    /// The id of the user that last changed this source.
    #[serde(default)]
    pub last_updated_by_id: Option<UserId>,
    /// When the source was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When the source was last updated.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// Where its passages are stored (0.16; 0.7.29 and 0.16's folder routes do not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_db_provider: Option<VectorDbProvider>,
}

/// A new source (`SourceCreate`). It needs an embedding: `embedding_config` in full, or an
/// `embedding` handle the server knows (`provider/model`).
///
/// ```
/// use letta_core::types::{EmbeddingConfig, SourceCreate};
/// let embedding = EmbeddingConfig::openai_compatible("text-embedding-3-small", "https://api.openai.com/v1", 1536);
/// let request = SourceCreate::builder()
///     .name("handbook")
///     .embedding_config(embedding)
///     .description("The staff handbook")
///     .build();
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["name"], "handbook");
/// assert!(json.get("embedding").is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SourceCreate {
    /// The name of the source.
    pub name: String,
    /// The description of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Instructions for how to use the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// Metadata associated with the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// The handle for the embedding config used by the source (`provider/model`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<String>,
    /// The chunk size of the embedding, with `embedding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_chunk_size: Option<u32>,
    /// (Legacy) The embedding configuration used by the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_config: Option<EmbeddingConfig>,
}

impl SourceCreate {
    /// A source embedded with `embedding_config`.
    pub fn new(name: impl Into<String>, embedding_config: EmbeddingConfig) -> Self {
        Self {
            name: name.into(),
            embedding_config: Some(embedding_config),
            ..Self::default()
        }
    }

    /// A source embedded with a model handle the server knows (`provider/model`).
    pub fn with_embedding_handle(name: impl Into<String>, handle: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            embedding: Some(handle.into()),
            ..Self::default()
        }
    }

    /// What the server would refuse (or, in 0.7.29, answer with a 500), said up front.
    pub(crate) fn validate(&self) -> Result<(), LettaError> {
        if self.name.trim().is_empty() {
            return Err(LettaError::InvalidInput("a source needs a name".into()));
        }
        if self.embedding_config.is_none() && self.embedding.is_none() {
            return Err(LettaError::InvalidInput(
                "a source needs an embedding: set `embedding_config`, or `embedding` to a handle such as \"openai/text-embedding-3-small\""
                    .into(),
            ));
        }
        Ok(())
    }
}

/// Changes to a source (`SourceUpdate`); unset fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct SourceUpdate {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    /// New metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<JsonMap>,
    /// New embedding configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_config: Option<EmbeddingConfig>,
}

/// A file uploaded to a source (`FileMetadata`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileMetadata {
    /// The human-friendly ID of the file.
    pub id: FileId,
    /// The source the file belongs to.
    pub source_id: SourceId,
    /// The organization of the file.
    #[serde(default)]
    pub organization_id: Option<OrganizationId>,
    /// The name the server stored the file under (0.7.29 appends a random suffix to the
    /// uploaded name: `notes.txt` becomes `notes_<hex>.txt`).
    #[serde(default)]
    pub file_name: Option<String>,
    /// The path the server read the file from.
    #[serde(default)]
    pub file_path: Option<String>,
    /// The MIME type of the file.
    #[serde(default)]
    pub file_type: Option<String>,
    /// The size of the file in bytes.
    #[serde(default)]
    pub file_size: Option<u64>,
    /// The creation date of the file.
    #[serde(default)]
    pub file_creation_date: Option<String>,
    /// The last modified date of the file.
    #[serde(default)]
    pub file_last_modified_date: Option<String>,
    /// When the file record was created.
    #[serde(default, with = "super::time::optional")]
    pub created_at: Option<Timestamp>,
    /// When the file record was last updated.
    #[serde(default, with = "super::time::optional")]
    pub updated_at: Option<Timestamp>,
    /// Whether this file is deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// The name the file was uploaded under (0.16; `file_name` may carry a suffix that makes
    /// it unique).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_file_name: Option<String>,
    /// How far the server got splitting and embedding the file (0.16; 0.7.29 tracks this in a
    /// [`Job`](super::Job)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_status: Option<FileProcessingStatus>,
    /// Why processing failed, when it did (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// How many chunks the file was split into (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_chunks: Option<u64>,
    /// How many of its chunks are embedded so far (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunks_embedded: Option<u64>,
    /// The file's full text, when asked for with `include_content` (0.16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// What the server answers an upload to a source with: 0.7.x a [`Job`](super::Job) that
/// tracks the processing, 0.16 the [`FileMetadata`] itself, whose `processing_status` tracks
/// it. Wait for either with [`Sources::wait_for_upload`](crate::api::Sources::wait_for_upload).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SourceUpload {
    /// The uploaded file (0.16). Tried first: a job has no `source_id`, while a lenient
    /// [`Job`](super::Job) would accept a file.
    File(FileMetadata),
    /// The job processing the file (0.7.x).
    Job(super::Job),
}

impl SourceUpload {
    /// The uploaded file, when the server answered with it (0.16).
    pub fn file(&self) -> Option<&FileMetadata> {
        match self {
            SourceUpload::File(file) => Some(file),
            SourceUpload::Job(_) => None,
        }
    }

    /// The processing job, when the server answered with one (0.7.x).
    pub fn job(&self) -> Option<&super::Job> {
        match self {
            SourceUpload::Job(job) => Some(job),
            SourceUpload::File(_) => None,
        }
    }
}

string_enum! {
    /// How far the server got with an uploaded file (`FileProcessingStatus`, Letta 0.16).
    FileProcessingStatus {
        /// Waiting to be processed.
        Pending = "pending",
        /// Being parsed.
        Parsing = "parsing",
        /// Being embedded.
        Embedding = "embedding",
        /// Split and embedded: its passages are searchable.
        Completed = "completed",
        /// Processing failed (see `error_message`).
        Error = "error",
    }
}

impl FileProcessingStatus {
    /// Whether processing has ended, well or not.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            FileProcessingStatus::Completed | FileProcessingStatus::Error
        )
    }
}

/// Filters for `GET /v1/sources/{source_id}/passages`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, bon::Builder)]
#[builder(on(String, into))]
#[non_exhaustive]
pub struct ListSourcePassagesParams {
    /// Cursor: passages after this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Cursor: passages before this ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Page size (server default 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// A file to upload to a source: its name, bytes and MIME type, sent as `multipart/form-data`.
///
/// ```
/// use letta_core::types::FileUpload;
/// let upload = FileUpload::new("notes.md", "# Notes\nAda likes tea.");
/// assert_eq!(upload.content_type, "text/markdown");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileUpload {
    /// The file name the server sees (it picks a parser by its extension).
    pub file_name: String,
    /// The contents.
    pub bytes: Bytes,
    /// The MIME type of the part.
    pub content_type: String,
}

impl FileUpload {
    /// A file from memory; the MIME type is guessed from the name's extension.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        let file_name = file_name.into();
        let content_type = mime_for(&file_name).to_owned();
        Self {
            file_name,
            bytes: bytes.into(),
            content_type,
        }
    }

    /// Reads a file from disk (blocking; the file is read whole), named after its last path
    /// component.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, LettaError> {
        let path = path.as_ref();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| LettaError::InvalidInput(format!("{} does not name a file", path.display())))?;
        let bytes = std::fs::read(path)
            .map_err(|e| LettaError::InvalidInput(format!("could not read {}: {e}", path.display())))?;
        Ok(Self::new(name, bytes))
    }

    /// Overrides the guessed MIME type.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The `multipart/form-data` body with one `file` part, and its content type.
    pub(crate) fn multipart(&self) -> Result<(Bytes, String), LettaError> {
        if self.file_name.trim().is_empty() {
            return Err(LettaError::InvalidInput(
                "an uploaded file needs a name (the server picks a parser by its extension)".into(),
            ));
        }
        if self.content_type.contains(['\r', '\n']) {
            return Err(LettaError::InvalidInput(format!(
                "the content type {:?} must be one line",
                self.content_type
            )));
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let boundary = boundary_for(&self.bytes, now);
        let mut body = Vec::with_capacity(self.bytes.len() + 256);
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(
            format!(
                "Content-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\n",
                quote_file_name(&self.file_name)
            )
            .as_bytes(),
        );
        body.extend_from_slice(format!("Content-Type: {}\r\n\r\n", self.content_type).as_bytes());
        body.extend_from_slice(&self.bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        Ok((
            Bytes::from(body),
            format!("multipart/form-data; boundary={boundary}"),
        ))
    }
}

/// A boundary that does not occur in the contents, derived from `seed`.
fn boundary_for(contents: &[u8], mut seed: u128) -> String {
    loop {
        let boundary = format!("letta-rs-boundary-{seed:032x}");
        let needle = boundary.as_bytes();
        if !contents.windows(needle.len()).any(|w| w == needle) {
            return boundary;
        }
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
    }
}

/// Escapes a file name for a quoted `filename="..."` parameter the way browsers do.
fn quote_file_name(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

fn mime_for(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "txt" | "text" | "log" => "text/plain",
        "md" | "markdown" => "text/markdown",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_body_has_one_file_part() {
        let upload = FileUpload::new("a \"b\".txt", "hello\r\nworld");
        let (body, content_type) = upload.multipart().unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(
            text,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\nworld\r\n--{boundary}--\r\n"
            )
        );
    }

    #[test]
    fn boundary_avoids_the_contents() {
        let first = boundary_for(b"", 7);
        let tricky = format!("x{first}y");
        let chosen = boundary_for(tricky.as_bytes(), 7);
        assert_ne!(chosen, first);
        assert!(!tricky.contains(&chosen));
    }

    #[test]
    fn source_create_needs_an_embedding() {
        let err = SourceCreate {
            name: "s".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert!(err.to_string().contains("embedding_config"), "{err}");
        assert!(
            SourceCreate::with_embedding_handle("s", "openai/x")
                .validate()
                .is_ok()
        );
        assert!(
            FileUpload::new(" ", "x").multipart().is_err(),
            "a nameless upload is refused"
        );
    }
}
