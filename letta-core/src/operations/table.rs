//! The operation table: every operation of Letta 0.7.29 and 0.16.8 (without 0.16.8's
//! `/v1/_internal_*` routes), and the ones only Letta Cloud serves, sorted by path.
//!
//! Each line: kind (`op`: POST is unsafe to repeat, other methods idempotent; `turn`: runs an
//! agent step; `idem`: a POST that only reads or cancels, safe to repeat), constant, constructor,
//! which documents serve it (`both`, `v0_7`, `v0_16`, `cloud`) and its `operationId` there (the
//! 0.16.8 one after a `/` where it was renamed), method, path template, path parameters.
//! Checked against both OpenAPI documents by `tests/operations.rs`.

use super::*;

operations! {
    /// Get All Orgs (`GET /v1/admin/orgs/`).
    op LIST_ORGS list_orgs(both "list_orgs", Get, "/v1/admin/orgs/");
    /// Create Org (`POST /v1/admin/orgs/`).
    op CREATE_ORGANIZATION create_organization(both "create_organization", Post, "/v1/admin/orgs/");
    /// Update Org (`PATCH /v1/admin/orgs/`).
    op UPDATE_ORGANIZATION update_organization(both "update_organization", Patch, "/v1/admin/orgs/");
    /// Delete Org (`DELETE /v1/admin/orgs/`).
    op DELETE_ORGANIZATION_BY_ID delete_organization_by_id(both "delete_organization_by_id", Delete, "/v1/admin/orgs/");
    /// List Users (`GET /v1/admin/users/`).
    op LIST_USERS list_users(both "list_users", Get, "/v1/admin/users/");
    /// Create User (`POST /v1/admin/users/`).
    op CREATE_USER create_user(both "create_user", Post, "/v1/admin/users/");
    /// Update User (`PUT /v1/admin/users/`).
    op UPDATE_USER update_user(both "update_user", Put, "/v1/admin/users/");
    /// Delete User (`DELETE /v1/admin/users/`).
    op DELETE_USER delete_user(both "delete_user", Delete, "/v1/admin/users/");
    /// List Agents (`GET /v1/agents/`).
    op LIST_AGENTS list_agents(both "list_agents", Get, "/v1/agents/");
    /// Create Agent (`POST /v1/agents/`).
    op CREATE_AGENT create_agent(both "create_agent", Post, "/v1/agents/");
    /// Count Agents (`GET /v1/agents/count`).
    op COUNT_AGENTS count_agents(both "count_agents", Get, "/v1/agents/count");
    /// Import Agent Serialized (`POST /v1/agents/import`).
    op IMPORT_AGENT_SERIALIZED import_agent_serialized(both "import_agent_serialized" / "import_agent", Post, "/v1/agents/import");
    /// Search Messages (`POST /v1/agents/messages/search`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem SEARCH_MESSAGES search_messages(v0_16 "search_messages", Post, "/v1/agents/messages/search");
    /// Retrieve Agent (`GET /v1/agents/{agent_id}`).
    op RETRIEVE_AGENT retrieve_agent(both "retrieve_agent", Get, "/v1/agents/{agent_id}", agent_id: AgentId);
    /// Modify Agent (`PATCH /v1/agents/{agent_id}`).
    op MODIFY_AGENT modify_agent(both "modify_agent", Patch, "/v1/agents/{agent_id}", agent_id: AgentId);
    /// Delete Agent (`DELETE /v1/agents/{agent_id}`).
    op DELETE_AGENT delete_agent(both "delete_agent", Delete, "/v1/agents/{agent_id}", agent_id: AgentId);
    /// List Passages (`GET /v1/agents/{agent_id}/archival-memory`).
    op LIST_PASSAGES list_passages(both "list_passages", Get, "/v1/agents/{agent_id}/archival-memory", agent_id: AgentId);
    /// Create Passage (`POST /v1/agents/{agent_id}/archival-memory`).
    op CREATE_PASSAGE create_passage(both "create_passage", Post, "/v1/agents/{agent_id}/archival-memory", agent_id: AgentId);
    /// Search Archival Memory (`GET /v1/agents/{agent_id}/archival-memory/search`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem SEARCH_ARCHIVAL_MEMORY search_archival_memory(v0_16 "search_archival_memory", Get, "/v1/agents/{agent_id}/archival-memory/search", agent_id: AgentId);
    /// Modify Passage (`PATCH /v1/agents/{agent_id}/archival-memory/{memory_id}`).
    ///
    /// Served by 0.7.x only: 0.16.8 removed it.
    op MODIFY_PASSAGE modify_passage(v0_7 "modify_passage", Patch, "/v1/agents/{agent_id}/archival-memory/{memory_id}", agent_id: AgentId, memory_id: PassageId);
    /// Delete Passage (`DELETE /v1/agents/{agent_id}/archival-memory/{memory_id}`).
    op DELETE_PASSAGE delete_passage(both "delete_passage", Delete, "/v1/agents/{agent_id}/archival-memory/{memory_id}", agent_id: AgentId, memory_id: PassageId);
    /// Attach Archive To Agent (`PATCH /v1/agents/{agent_id}/archives/attach/{archive_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op ATTACH_ARCHIVE_TO_AGENT attach_archive_to_agent(v0_16 "attach_archive_to_agent", Patch, "/v1/agents/{agent_id}/archives/attach/{archive_id}", agent_id: AgentId, archive_id: ArchiveId);
    /// Detach Archive From Agent (`PATCH /v1/agents/{agent_id}/archives/detach/{archive_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DETACH_ARCHIVE_FROM_AGENT detach_archive_from_agent(v0_16 "detach_archive_from_agent", Patch, "/v1/agents/{agent_id}/archives/detach/{archive_id}", agent_id: AgentId, archive_id: ArchiveId);
    /// Retrieve Agent Context Window (`GET /v1/agents/{agent_id}/context`).
    /// The server marks it deprecated.
    op RETRIEVE_AGENT_CONTEXT_WINDOW retrieve_agent_context_window(both "retrieve_agent_context_window", Get, "/v1/agents/{agent_id}/context", agent_id: AgentId);
    /// Retrieve Agent Memory (`GET /v1/agents/{agent_id}/core-memory`).
    /// The server marks it deprecated.
    op RETRIEVE_AGENT_MEMORY retrieve_agent_memory(both "retrieve_agent_memory", Get, "/v1/agents/{agent_id}/core-memory", agent_id: AgentId);
    /// List Blocks (`GET /v1/agents/{agent_id}/core-memory/blocks`).
    op LIST_CORE_MEMORY_BLOCKS list_core_memory_blocks(both "list_core_memory_blocks", Get, "/v1/agents/{agent_id}/core-memory/blocks", agent_id: AgentId);
    /// Attach Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}`).
    op ATTACH_CORE_MEMORY_BLOCK attach_core_memory_block(both "attach_core_memory_block", Patch, "/v1/agents/{agent_id}/core-memory/blocks/attach/{block_id}", agent_id: AgentId, block_id: BlockId);
    /// Detach Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}`).
    op DETACH_CORE_MEMORY_BLOCK detach_core_memory_block(both "detach_core_memory_block", Patch, "/v1/agents/{agent_id}/core-memory/blocks/detach/{block_id}", agent_id: AgentId, block_id: BlockId);
    /// Retrieve Block (`GET /v1/agents/{agent_id}/core-memory/blocks/{block_label}`).
    op RETRIEVE_CORE_MEMORY_BLOCK retrieve_core_memory_block(both "retrieve_core_memory_block", Get, "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", agent_id: AgentId, block_label: str);
    /// Modify Block (`PATCH /v1/agents/{agent_id}/core-memory/blocks/{block_label}`).
    op MODIFY_CORE_MEMORY_BLOCK modify_core_memory_block(both "modify_core_memory_block", Patch, "/v1/agents/{agent_id}/core-memory/blocks/{block_label}", agent_id: AgentId, block_label: str);
    /// Export Agent Serialized (`GET /v1/agents/{agent_id}/export`).
    op EXPORT_AGENT_SERIALIZED export_agent_serialized(both "export_agent_serialized" / "export_agent", Get, "/v1/agents/{agent_id}/export", agent_id: AgentId);
    /// Export Agent With Skills (`POST /v1/agents/{agent_id}/export`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op EXPORT_AGENT_WITH_SKILLS export_agent_with_skills(v0_16 "export_agent_with_skills", Post, "/v1/agents/{agent_id}/export", agent_id: AgentId);
    /// List Files For Agent (`GET /v1/agents/{agent_id}/files`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_FILES_FOR_AGENT list_files_for_agent(v0_16 "list_files_for_agent", Get, "/v1/agents/{agent_id}/files", agent_id: AgentId);
    /// Close All Files For Agent (`PATCH /v1/agents/{agent_id}/files/close-all`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CLOSE_ALL_FILES_FOR_AGENT close_all_files_for_agent(v0_16 "close_all_files_for_agent", Patch, "/v1/agents/{agent_id}/files/close-all", agent_id: AgentId);
    /// Close File For Agent (`PATCH /v1/agents/{agent_id}/files/{file_id}/close`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CLOSE_FILE_FOR_AGENT close_file_for_agent(v0_16 "close_file_for_agent", Patch, "/v1/agents/{agent_id}/files/{file_id}/close", agent_id: AgentId, file_id: FileId);
    /// Open File For Agent (`PATCH /v1/agents/{agent_id}/files/{file_id}/open`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op OPEN_FILE_FOR_AGENT open_file_for_agent(v0_16 "open_file_for_agent", Patch, "/v1/agents/{agent_id}/files/{file_id}/open", agent_id: AgentId, file_id: FileId);
    /// List Folders For Agent (`GET /v1/agents/{agent_id}/folders`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_FOLDERS_FOR_AGENT list_folders_for_agent(v0_16 "list_folders_for_agent", Get, "/v1/agents/{agent_id}/folders", agent_id: AgentId);
    /// Attach Folder To Agent (`PATCH /v1/agents/{agent_id}/folders/attach/{folder_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op ATTACH_FOLDER_TO_AGENT attach_folder_to_agent(v0_16 "attach_folder_to_agent", Patch, "/v1/agents/{agent_id}/folders/attach/{folder_id}", agent_id: AgentId, folder_id: FolderId);
    /// Detach Folder From Agent (`PATCH /v1/agents/{agent_id}/folders/detach/{folder_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DETACH_FOLDER_FROM_AGENT detach_folder_from_agent(v0_16 "detach_folder_from_agent", Patch, "/v1/agents/{agent_id}/folders/detach/{folder_id}", agent_id: AgentId, folder_id: FolderId);
    /// Generate Completion (`POST /v1/agents/{agent_id}/generate`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op GENERATE_COMPLETION generate_completion(v0_16 "generate_completion", Post, "/v1/agents/{agent_id}/generate", agent_id: AgentId);
    /// List Agent Groups (`GET /v1/agents/{agent_id}/groups`).
    op LIST_AGENT_GROUPS list_agent_groups(both "list_agent_groups" / "list_groups_for_agent", Get, "/v1/agents/{agent_id}/groups", agent_id: AgentId);
    /// Attach Identity To Agent (`PATCH /v1/agents/{agent_id}/identities/attach/{identity_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op ATTACH_IDENTITY_TO_AGENT attach_identity_to_agent(v0_16 "attach_identity_to_agent", Patch, "/v1/agents/{agent_id}/identities/attach/{identity_id}", agent_id: AgentId, identity_id: IdentityId);
    /// Detach Identity From Agent (`PATCH /v1/agents/{agent_id}/identities/detach/{identity_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DETACH_IDENTITY_FROM_AGENT detach_identity_from_agent(v0_16 "detach_identity_from_agent", Patch, "/v1/agents/{agent_id}/identities/detach/{identity_id}", agent_id: AgentId, identity_id: IdentityId);
    /// List Messages (`GET /v1/agents/{agent_id}/messages`).
    op LIST_MESSAGES list_messages(both "list_messages", Get, "/v1/agents/{agent_id}/messages", agent_id: AgentId);
    /// Send Message (`POST /v1/agents/{agent_id}/messages`).
    turn SEND_MESSAGE send_message(both "send_message", Post, "/v1/agents/{agent_id}/messages", agent_id: AgentId);
    /// Send Message Async (`POST /v1/agents/{agent_id}/messages/async`).
    turn CREATE_AGENT_MESSAGE_ASYNC create_agent_message_async(both "create_agent_message_async", Post, "/v1/agents/{agent_id}/messages/async", agent_id: AgentId);
    /// Cancel Message (`POST /v1/agents/{agent_id}/messages/cancel`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem CANCEL_MESSAGE cancel_message(v0_16 "cancel_message", Post, "/v1/agents/{agent_id}/messages/cancel", agent_id: AgentId);
    /// Preview Model Request (`POST /v1/agents/{agent_id}/messages/preview-raw-payload`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem PREVIEW_MODEL_REQUEST preview_model_request(v0_16 "preview_model_request", Post, "/v1/agents/{agent_id}/messages/preview-raw-payload", agent_id: AgentId);
    /// Send Message Streaming (`POST /v1/agents/{agent_id}/messages/stream`).
    /// The server marks it deprecated.
    turn CREATE_AGENT_MESSAGE_STREAM create_agent_message_stream(both "create_agent_message_stream", Post, "/v1/agents/{agent_id}/messages/stream", agent_id: AgentId);
    /// Modify Message (`PATCH /v1/agents/{agent_id}/messages/{message_id}`).
    /// The server marks it deprecated.
    op MODIFY_MESSAGE modify_message(both "modify_message", Patch, "/v1/agents/{agent_id}/messages/{message_id}", agent_id: AgentId, message_id: MessageId);
    /// Recompile Agent (`POST /v1/agents/{agent_id}/recompile`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RECOMPILE_AGENT recompile_agent(v0_16 "recompile_agent", Post, "/v1/agents/{agent_id}/recompile", agent_id: AgentId);
    /// Reset Messages (`PATCH /v1/agents/{agent_id}/reset-messages`).
    op RESET_MESSAGES reset_messages(both "reset_messages", Patch, "/v1/agents/{agent_id}/reset-messages", agent_id: AgentId);
    /// List Agent Sources (`GET /v1/agents/{agent_id}/sources`).
    /// The server marks it deprecated.
    op LIST_AGENT_SOURCES list_agent_sources(both "list_agent_sources", Get, "/v1/agents/{agent_id}/sources", agent_id: AgentId);
    /// Attach Source (`PATCH /v1/agents/{agent_id}/sources/attach/{source_id}`).
    /// The server marks it deprecated.
    op ATTACH_SOURCE_TO_AGENT attach_source_to_agent(both "attach_source_to_agent", Patch, "/v1/agents/{agent_id}/sources/attach/{source_id}", agent_id: AgentId, source_id: SourceId);
    /// Detach Source (`PATCH /v1/agents/{agent_id}/sources/detach/{source_id}`).
    /// The server marks it deprecated.
    op DETACH_SOURCE_FROM_AGENT detach_source_from_agent(both "detach_source_from_agent", Patch, "/v1/agents/{agent_id}/sources/detach/{source_id}", agent_id: AgentId, source_id: SourceId);
    /// Summarize Messages (`POST /v1/agents/{agent_id}/summarize`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op SUMMARIZE_MESSAGES summarize_messages(v0_16 "summarize_messages", Post, "/v1/agents/{agent_id}/summarize", agent_id: AgentId);
    /// Recompile Agent System Prompt (`POST /v1/agents/{agent_id}/system-prompt/recompile`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op RECOMPILE_AGENT_SYSTEM_PROMPT recompile_agent_system_prompt(v0_16 "recompile_agent_system_prompt", Post, "/v1/agents/{agent_id}/system-prompt/recompile", agent_id: AgentId);
    /// List Agent Tools (`GET /v1/agents/{agent_id}/tools`).
    op LIST_AGENT_TOOLS list_agent_tools(both "list_agent_tools" / "list_tools_for_agent", Get, "/v1/agents/{agent_id}/tools", agent_id: AgentId);
    /// Modify Approval For Tool (`PATCH /v1/agents/{agent_id}/tools/approval/{tool_name}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MODIFY_APPROVAL_FOR_TOOL modify_approval_for_tool(v0_16 "modify_approval_for_tool", Patch, "/v1/agents/{agent_id}/tools/approval/{tool_name}", agent_id: AgentId, tool_name: str);
    /// Attach Tool (`PATCH /v1/agents/{agent_id}/tools/attach/{tool_id}`).
    op ATTACH_TOOL attach_tool(both "attach_tool" / "attach_tool_to_agent", Patch, "/v1/agents/{agent_id}/tools/attach/{tool_id}", agent_id: AgentId, tool_id: ToolId);
    /// Detach Tool (`PATCH /v1/agents/{agent_id}/tools/detach/{tool_id}`).
    op DETACH_TOOL detach_tool(both "detach_tool" / "detach_tool_from_agent", Patch, "/v1/agents/{agent_id}/tools/detach/{tool_id}", agent_id: AgentId, tool_id: ToolId);
    /// Run Tool For Agent (`POST /v1/agents/{agent_id}/tools/{tool_name}/run`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RUN_TOOL_FOR_AGENT run_tool_for_agent(v0_16 "run_tool_for_agent", Post, "/v1/agents/{agent_id}/tools/{tool_name}/run", agent_id: AgentId, tool_name: str);
    /// List Archives (`GET /v1/archives/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_ARCHIVES list_archives(v0_16 "list_archives", Get, "/v1/archives/");
    /// Create Archive (`POST /v1/archives/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CREATE_ARCHIVE create_archive(v0_16 "create_archive", Post, "/v1/archives/");
    /// Retrieve Archive (`GET /v1/archives/{archive_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_ARCHIVE retrieve_archive(v0_16 "retrieve_archive", Get, "/v1/archives/{archive_id}", archive_id: ArchiveId);
    /// Modify Archive (`PATCH /v1/archives/{archive_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MODIFY_ARCHIVE modify_archive(v0_16 "modify_archive", Patch, "/v1/archives/{archive_id}", archive_id: ArchiveId);
    /// Delete Archive (`DELETE /v1/archives/{archive_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DELETE_ARCHIVE delete_archive(v0_16 "delete_archive", Delete, "/v1/archives/{archive_id}", archive_id: ArchiveId);
    /// List Agents For Archive (`GET /v1/archives/{archive_id}/agents`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_AGENTS_FOR_ARCHIVE list_agents_for_archive(v0_16 "list_agents_for_archive", Get, "/v1/archives/{archive_id}/agents", archive_id: ArchiveId);
    /// Create Passage In Archive (`POST /v1/archives/{archive_id}/passages`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CREATE_PASSAGE_IN_ARCHIVE create_passage_in_archive(v0_16 "create_passage_in_archive", Post, "/v1/archives/{archive_id}/passages", archive_id: ArchiveId);
    /// Create Passages In Archive (`POST /v1/archives/{archive_id}/passages/batch`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CREATE_PASSAGES_IN_ARCHIVE create_passages_in_archive(v0_16 "create_passages_in_archive", Post, "/v1/archives/{archive_id}/passages/batch", archive_id: ArchiveId);
    /// Delete Passage From Archive (`DELETE /v1/archives/{archive_id}/passages/{passage_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DELETE_PASSAGE_FROM_ARCHIVE delete_passage_from_archive(v0_16 "delete_passage_from_archive", Delete, "/v1/archives/{archive_id}/passages/{passage_id}", archive_id: ArchiveId, passage_id: PassageId);
    /// Authenticate User (`POST /v1/auth`).
    op AUTHENTICATE_USER authenticate_user(both "authenticate_user_v1_auth_post", Post, "/v1/auth");
    /// List Blocks (`GET /v1/blocks/`).
    op LIST_BLOCKS list_blocks(both "list_blocks", Get, "/v1/blocks/");
    /// Create Block (`POST /v1/blocks/`).
    op CREATE_BLOCK create_block(both "create_block", Post, "/v1/blocks/");
    /// Count Blocks (`GET /v1/blocks/count`).
    op COUNT_BLOCKS count_blocks(both "count_blocks", Get, "/v1/blocks/count");
    /// Retrieve Block (`GET /v1/blocks/{block_id}`).
    op RETRIEVE_BLOCK retrieve_block(both "retrieve_block", Get, "/v1/blocks/{block_id}", block_id: BlockId);
    /// Modify Block (`PATCH /v1/blocks/{block_id}`).
    op MODIFY_BLOCK modify_block(both "modify_block", Patch, "/v1/blocks/{block_id}", block_id: BlockId);
    /// Delete Block (`DELETE /v1/blocks/{block_id}`).
    op DELETE_BLOCK delete_block(both "delete_block", Delete, "/v1/blocks/{block_id}", block_id: BlockId);
    /// List Agents For Block (`GET /v1/blocks/{block_id}/agents`).
    op LIST_AGENTS_FOR_BLOCK list_agents_for_block(both "list_agents_for_block", Get, "/v1/blocks/{block_id}/agents", block_id: BlockId);
    /// Attach Identity To Block (`PATCH /v1/blocks/{block_id}/identities/attach/{identity_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op ATTACH_IDENTITY_TO_BLOCK attach_identity_to_block(v0_16 "attach_identity_to_block", Patch, "/v1/blocks/{block_id}/identities/attach/{identity_id}", block_id: BlockId, identity_id: IdentityId);
    /// Detach Identity From Block (`PATCH /v1/blocks/{block_id}/identities/detach/{identity_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DETACH_IDENTITY_FROM_BLOCK detach_identity_from_block(v0_16 "detach_identity_from_block", Patch, "/v1/blocks/{block_id}/identities/detach/{identity_id}", block_id: BlockId, identity_id: IdentityId);
    /// Create Chat Completion (`POST /v1/chat/completions`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    turn CREATE_CHAT_COMPLETION create_chat_completion(v0_16 "create_chat_completion", Post, "/v1/chat/completions");
    /// List Conversations (`GET /v1/conversations/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_CONVERSATIONS list_conversations(v0_16 "list_conversations", Get, "/v1/conversations/");
    /// Create Conversation (`POST /v1/conversations/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CREATE_CONVERSATION create_conversation(v0_16 "create_conversation", Post, "/v1/conversations/");
    /// Retrieve Conversation (`GET /v1/conversations/{conversation_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_CONVERSATION retrieve_conversation(v0_16 "retrieve_conversation", Get, "/v1/conversations/{conversation_id}", conversation_id: ConversationId);
    /// Update Conversation (`PATCH /v1/conversations/{conversation_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op UPDATE_CONVERSATION update_conversation(v0_16 "update_conversation", Patch, "/v1/conversations/{conversation_id}", conversation_id: ConversationId);
    /// Delete Conversation (`DELETE /v1/conversations/{conversation_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DELETE_CONVERSATION delete_conversation(v0_16 "delete_conversation", Delete, "/v1/conversations/{conversation_id}", conversation_id: ConversationId);
    /// Cancel Conversation (`POST /v1/conversations/{conversation_id}/cancel`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem CANCEL_CONVERSATION cancel_conversation(v0_16 "cancel_conversation", Post, "/v1/conversations/{conversation_id}/cancel", conversation_id: ConversationId);
    /// Compact Conversation (`POST /v1/conversations/{conversation_id}/compact`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op COMPACT_CONVERSATION compact_conversation(v0_16 "compact_conversation", Post, "/v1/conversations/{conversation_id}/compact", conversation_id: ConversationId);
    /// Fork Conversation (`POST /v1/conversations/{conversation_id}/fork`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op FORK_CONVERSATION fork_conversation(v0_16 "fork_conversation", Post, "/v1/conversations/{conversation_id}/fork", conversation_id: ConversationId);
    /// List Conversation Messages (`GET /v1/conversations/{conversation_id}/messages`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_CONVERSATION_MESSAGES list_conversation_messages(v0_16 "list_conversation_messages", Get, "/v1/conversations/{conversation_id}/messages", conversation_id: ConversationId);
    /// Send Conversation Message (`POST /v1/conversations/{conversation_id}/messages`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    turn SEND_CONVERSATION_MESSAGE send_conversation_message(v0_16 "send_conversation_message", Post, "/v1/conversations/{conversation_id}/messages", conversation_id: ConversationId);
    /// Preview Conversation Model Request (`POST /v1/conversations/{conversation_id}/messages/preview-raw-payload`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem PREVIEW_CONVERSATION_MODEL_REQUEST preview_conversation_model_request(v0_16 "preview_conversation_model_request", Post, "/v1/conversations/{conversation_id}/messages/preview-raw-payload", conversation_id: ConversationId);
    /// Recompile Conversation (`POST /v1/conversations/{conversation_id}/recompile`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RECOMPILE_CONVERSATION recompile_conversation(v0_16 "recompile_conversation", Post, "/v1/conversations/{conversation_id}/recompile", conversation_id: ConversationId);
    /// Retrieve Conversation Stream (`POST /v1/conversations/{conversation_id}/stream`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem RETRIEVE_CONVERSATION_STREAM retrieve_conversation_stream(v0_16 "retrieve_conversation_stream", Post, "/v1/conversations/{conversation_id}/stream", conversation_id: ConversationId);
    /// Get Embeddings Total Storage Size (`GET /v1/embeddings/total_storage_size`).
    op GET_TOTAL_STORAGE_SIZE get_total_storage_size(both "get_total_storage_size", Get, "/v1/embeddings/total_storage_size");
    /// List Folders (`GET /v1/folders/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_FOLDERS list_folders(v0_16 "list_folders", Get, "/v1/folders/");
    /// Create Folder (`POST /v1/folders/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CREATE_FOLDER create_folder(v0_16 "create_folder", Post, "/v1/folders/");
    /// Count Folders (`GET /v1/folders/count`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op COUNT_FOLDERS count_folders(v0_16 "count_folders", Get, "/v1/folders/count");
    /// Retrieve Metadata (`GET /v1/folders/metadata`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_METADATA retrieve_metadata(v0_16 "retrieve_metadata", Get, "/v1/folders/metadata");
    /// Get Folder By Name (`GET /v1/folders/name/{folder_name}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op GET_FOLDER_BY_NAME get_folder_by_name(v0_16 "get_folder_by_name", Get, "/v1/folders/name/{folder_name}", folder_name: str);
    /// Retrieve Folder (`GET /v1/folders/{folder_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_FOLDER retrieve_folder(v0_16 "retrieve_folder", Get, "/v1/folders/{folder_id}", folder_id: FolderId);
    /// Modify Folder (`PATCH /v1/folders/{folder_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MODIFY_FOLDER modify_folder(v0_16 "modify_folder", Patch, "/v1/folders/{folder_id}", folder_id: FolderId);
    /// Delete Folder (`DELETE /v1/folders/{folder_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DELETE_FOLDER delete_folder(v0_16 "delete_folder", Delete, "/v1/folders/{folder_id}", folder_id: FolderId);
    /// List Agents For Folder (`GET /v1/folders/{folder_id}/agents`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_AGENTS_FOR_FOLDER list_agents_for_folder(v0_16 "list_agents_for_folder", Get, "/v1/folders/{folder_id}/agents", folder_id: FolderId);
    /// List Files For Folder (`GET /v1/folders/{folder_id}/files`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_FILES_FOR_FOLDER list_files_for_folder(v0_16 "list_files_for_folder", Get, "/v1/folders/{folder_id}/files", folder_id: FolderId);
    /// Retrieve File (`GET /v1/folders/{folder_id}/files/{file_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_FILE retrieve_file(v0_16 "retrieve_file", Get, "/v1/folders/{folder_id}/files/{file_id}", folder_id: FolderId, file_id: FileId);
    /// List Folder Passages (`GET /v1/folders/{folder_id}/passages`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_FOLDER_PASSAGES list_folder_passages(v0_16 "list_folder_passages", Get, "/v1/folders/{folder_id}/passages", folder_id: FolderId);
    /// Upload File To Folder (`POST /v1/folders/{folder_id}/upload`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op UPLOAD_FILE_TO_FOLDER upload_file_to_folder(v0_16 "upload_file_to_folder", Post, "/v1/folders/{folder_id}/upload", folder_id: FolderId);
    /// Delete File From Folder (`DELETE /v1/folders/{folder_id}/{file_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op DELETE_FILE_FROM_FOLDER delete_file_from_folder(v0_16 "delete_file_from_folder", Delete, "/v1/folders/{folder_id}/{file_id}", folder_id: FolderId, file_id: FileId);
    /// List Groups (`GET /v1/groups/`).
    /// The server marks it deprecated.
    op LIST_GROUPS list_groups(both "list_groups", Get, "/v1/groups/");
    /// Create Group (`POST /v1/groups/`).
    /// The server marks it deprecated.
    op CREATE_GROUP create_group(both "create_group", Post, "/v1/groups/");
    /// Count Groups (`GET /v1/groups/count`).
    /// The server marks it deprecated.
    op COUNT_GROUPS count_groups(both "count_groups", Get, "/v1/groups/count");
    /// Retrieve Group (`GET /v1/groups/{group_id}`).
    /// The server marks it deprecated.
    op RETRIEVE_GROUP retrieve_group(both "retrieve_group", Get, "/v1/groups/{group_id}", group_id: GroupId);
    /// Modify Group (`PATCH /v1/groups/{group_id}`).
    /// The server marks it deprecated.
    op MODIFY_GROUP modify_group(both "modify_group", Patch, "/v1/groups/{group_id}", group_id: GroupId);
    /// Delete Group (`DELETE /v1/groups/{group_id}`).
    /// The server marks it deprecated.
    op DELETE_GROUP delete_group(both "delete_group", Delete, "/v1/groups/{group_id}", group_id: GroupId);
    /// Attach Block To Group (`PATCH /v1/groups/{group_id}/blocks/attach/{block_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op ATTACH_BLOCK_TO_GROUP attach_block_to_group(v0_16 "attach_block_to_group", Patch, "/v1/groups/{group_id}/blocks/attach/{block_id}", group_id: GroupId, block_id: BlockId);
    /// Detach Block From Group (`PATCH /v1/groups/{group_id}/blocks/detach/{block_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op DETACH_BLOCK_FROM_GROUP detach_block_from_group(v0_16 "detach_block_from_group", Patch, "/v1/groups/{group_id}/blocks/detach/{block_id}", group_id: GroupId, block_id: BlockId);
    /// List Group Messages (`GET /v1/groups/{group_id}/messages`).
    /// The server marks it deprecated.
    op LIST_GROUP_MESSAGES list_group_messages(both "list_group_messages", Get, "/v1/groups/{group_id}/messages", group_id: GroupId);
    /// Send Group Message (`POST /v1/groups/{group_id}/messages`).
    ///
    /// Served by 0.7.x only: 0.16.8 removed it.
    turn SEND_GROUP_MESSAGE send_group_message(v0_7 "send_group_message", Post, "/v1/groups/{group_id}/messages", group_id: GroupId);
    /// Send Group Message Streaming (`POST /v1/groups/{group_id}/messages/stream`).
    ///
    /// Served by 0.7.x only: 0.16.8 removed it.
    turn SEND_GROUP_MESSAGE_STREAMING send_group_message_streaming(v0_7 "send_group_message_streaming", Post, "/v1/groups/{group_id}/messages/stream", group_id: GroupId);
    /// Modify Group Message (`PATCH /v1/groups/{group_id}/messages/{message_id}`).
    /// The server marks it deprecated.
    op MODIFY_GROUP_MESSAGE modify_group_message(both "modify_group_message", Patch, "/v1/groups/{group_id}/messages/{message_id}", group_id: GroupId, message_id: MessageId);
    /// Reset Group Messages (`PATCH /v1/groups/{group_id}/reset-messages`).
    /// The server marks it deprecated.
    op RESET_GROUP_MESSAGES reset_group_messages(both "reset_group_messages", Patch, "/v1/groups/{group_id}/reset-messages", group_id: GroupId);
    /// Health Check (`GET /v1/health/`).
    op HEALTH_CHECK health_check(both "health_check" / "check_health", Get, "/v1/health/");
    /// List Identities (`GET /v1/identities/`).
    /// The server marks it deprecated.
    op LIST_IDENTITIES list_identities(both "list_identities", Get, "/v1/identities/");
    /// Create Identity (`POST /v1/identities/`).
    /// The server marks it deprecated.
    op CREATE_IDENTITY create_identity(both "create_identity", Post, "/v1/identities/");
    /// Upsert Identity (`PUT /v1/identities/`).
    /// The server marks it deprecated.
    op UPSERT_IDENTITY upsert_identity(both "upsert_identity", Put, "/v1/identities/");
    /// Count Identities (`GET /v1/identities/count`).
    /// The server marks it deprecated.
    op COUNT_IDENTITIES count_identities(both "count_identities", Get, "/v1/identities/count");
    /// Retrieve Identity (`GET /v1/identities/{identity_id}`).
    /// The server marks it deprecated.
    op RETRIEVE_IDENTITY retrieve_identity(both "retrieve_identity", Get, "/v1/identities/{identity_id}", identity_id: IdentityId);
    /// Modify Identity (`PATCH /v1/identities/{identity_id}`).
    /// The server marks it deprecated.
    op UPDATE_IDENTITY update_identity(both "update_identity", Patch, "/v1/identities/{identity_id}", identity_id: IdentityId);
    /// Delete Identity (`DELETE /v1/identities/{identity_id}`).
    /// The server marks it deprecated.
    op DELETE_IDENTITY delete_identity(both "delete_identity", Delete, "/v1/identities/{identity_id}", identity_id: IdentityId);
    /// List Agents For Identity (`GET /v1/identities/{identity_id}/agents`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op LIST_AGENTS_FOR_IDENTITY list_agents_for_identity(v0_16 "list_agents_for_identity", Get, "/v1/identities/{identity_id}/agents", identity_id: IdentityId);
    /// List Blocks For Identity (`GET /v1/identities/{identity_id}/blocks`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op LIST_BLOCKS_FOR_IDENTITY list_blocks_for_identity(v0_16 "list_blocks_for_identity", Get, "/v1/identities/{identity_id}/blocks", identity_id: IdentityId);
    /// Upsert Identity Properties (`PUT /v1/identities/{identity_id}/properties`).
    /// The server marks it deprecated.
    op UPSERT_IDENTITY_PROPERTIES upsert_identity_properties(both "upsert_identity_properties" / "upsert_properties_for_identity", Put, "/v1/identities/{identity_id}/properties", identity_id: IdentityId);
    /// List Jobs (`GET /v1/jobs/`).
    op LIST_JOBS list_jobs(both "list_jobs", Get, "/v1/jobs/");
    /// List Active Jobs (`GET /v1/jobs/active`).
    /// The server marks it deprecated.
    op LIST_ACTIVE_JOBS list_active_jobs(both "list_active_jobs", Get, "/v1/jobs/active");
    /// Retrieve Job (`GET /v1/jobs/{job_id}`).
    op RETRIEVE_JOB retrieve_job(both "retrieve_job", Get, "/v1/jobs/{job_id}", job_id: JobId);
    /// Delete Job (`DELETE /v1/jobs/{job_id}`).
    op DELETE_JOB delete_job(both "delete_job", Delete, "/v1/jobs/{job_id}", job_id: JobId);
    /// Cancel Job (`PATCH /v1/jobs/{job_id}/cancel`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CANCEL_JOB cancel_job(v0_16 "cancel_job", Patch, "/v1/jobs/{job_id}/cancel", job_id: JobId);
    /// List Mcp Servers (`GET /v1/mcp-servers/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_LIST_MCP_SERVERS mcp_list_mcp_servers(v0_16 "mcp_list_mcp_servers", Get, "/v1/mcp-servers/");
    /// Create Mcp Server (`POST /v1/mcp-servers/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_CREATE_MCP_SERVER mcp_create_mcp_server(v0_16 "mcp_create_mcp_server", Post, "/v1/mcp-servers/");
    /// Connect Mcp Server (`GET /v1/mcp-servers/connect/{mcp_server_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_CONNECT_MCP_SERVER mcp_connect_mcp_server(v0_16 "mcp_connect_mcp_server", Get, "/v1/mcp-servers/connect/{mcp_server_id}", mcp_server_id: McpServerId);
    /// Retrieve Mcp Server (`GET /v1/mcp-servers/{mcp_server_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_RETRIEVE_MCP_SERVER mcp_retrieve_mcp_server(v0_16 "mcp_retrieve_mcp_server", Get, "/v1/mcp-servers/{mcp_server_id}", mcp_server_id: McpServerId);
    /// Update Mcp Server (`PATCH /v1/mcp-servers/{mcp_server_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_UPDATE_MCP_SERVER mcp_update_mcp_server(v0_16 "mcp_update_mcp_server", Patch, "/v1/mcp-servers/{mcp_server_id}", mcp_server_id: McpServerId);
    /// Delete Mcp Server (`DELETE /v1/mcp-servers/{mcp_server_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_DELETE_MCP_SERVER mcp_delete_mcp_server(v0_16 "mcp_delete_mcp_server", Delete, "/v1/mcp-servers/{mcp_server_id}", mcp_server_id: McpServerId);
    /// Refresh Mcp Server Tools (`PATCH /v1/mcp-servers/{mcp_server_id}/refresh`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_REFRESH_MCP_SERVER_TOOLS mcp_refresh_mcp_server_tools(v0_16 "mcp_refresh_mcp_server_tools", Patch, "/v1/mcp-servers/{mcp_server_id}/refresh", mcp_server_id: McpServerId);
    /// List Tools For Mcp Server (`GET /v1/mcp-servers/{mcp_server_id}/tools`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_LIST_TOOLS_FOR_MCP_SERVER mcp_list_tools_for_mcp_server(v0_16 "mcp_list_tools_for_mcp_server", Get, "/v1/mcp-servers/{mcp_server_id}/tools", mcp_server_id: McpServerId);
    /// Retrieve Mcp Tool (`GET /v1/mcp-servers/{mcp_server_id}/tools/{tool_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_RETRIEVE_MCP_TOOL mcp_retrieve_mcp_tool(v0_16 "mcp_retrieve_mcp_tool", Get, "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}", mcp_server_id: McpServerId, tool_id: ToolId);
    /// Run Mcp Tool (`POST /v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_RUN_TOOL mcp_run_tool(v0_16 "mcp_run_tool", Post, "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run", mcp_server_id: McpServerId, tool_id: ToolId);
    /// List All Messages (`GET /v1/messages/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_ALL_MESSAGES list_all_messages(v0_16 "list_all_messages", Get, "/v1/messages/");
    /// List Batch Runs (`GET /v1/messages/batches`).
    op LIST_BATCH_RUNS list_batch_runs(both "list_batch_runs" / "list_batches", Get, "/v1/messages/batches");
    /// Create Messages Batch (`POST /v1/messages/batches`).
    turn CREATE_MESSAGES_BATCH create_messages_batch(both "create_messages_batch" / "create_batch", Post, "/v1/messages/batches");
    /// Retrieve Batch Run (`GET /v1/messages/batches/{batch_id}`).
    op RETRIEVE_BATCH_RUN retrieve_batch_run(both "retrieve_batch_run" / "retrieve_batch", Get, "/v1/messages/batches/{batch_id}", batch_id: JobId);
    /// Cancel Batch Run (`PATCH /v1/messages/batches/{batch_id}/cancel`).
    op CANCEL_BATCH_RUN cancel_batch_run(both "cancel_batch_run" / "cancel_batch", Patch, "/v1/messages/batches/{batch_id}/cancel", batch_id: JobId);
    /// List Batch Messages (`GET /v1/messages/batches/{batch_id}/messages`).
    op LIST_BATCH_MESSAGES list_batch_messages(both "list_batch_messages" / "list_messages_for_batch", Get, "/v1/messages/batches/{batch_id}/messages", batch_id: JobId);
    /// Search All Messages (`POST /v1/messages/search`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem SEARCH_ALL_MESSAGES search_all_messages(v0_16 "search_all_messages", Post, "/v1/messages/search");
    /// Retrieve Message (`GET /v1/messages/{message_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_MESSAGE retrieve_message(v0_16 "retrieve_message", Get, "/v1/messages/{message_id}", message_id: MessageId);
    /// List Llm Models (`GET /v1/models/`).
    op LIST_MODELS list_models(both "list_models", Get, "/v1/models/");
    /// List Embedding Models (`GET /v1/models/embedding`).
    op LIST_EMBEDDING_MODELS list_embedding_models(both "list_embedding_models", Get, "/v1/models/embedding");
    /// Search Passages (`POST /v1/passages/search`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem SEARCH_PASSAGES search_passages(v0_16 "search_passages", Post, "/v1/passages/search");
    /// List Providers (`GET /v1/providers/`).
    op LIST_PROVIDERS list_providers(both "list_providers", Get, "/v1/providers/");
    /// Create Provider (`POST /v1/providers/`).
    op CREATE_PROVIDER create_provider(both "create_provider", Post, "/v1/providers/");
    /// Check Provider (`GET /v1/providers/check`).
    ///
    /// Served by 0.7.x only: 0.16.8 removed it.
    op CHECK_PROVIDER_0_7 check_provider_0_7(v0_7 "check_provider", Get, "/v1/providers/check");
    /// Check Provider (`POST /v1/providers/check`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem CHECK_PROVIDER check_provider(v0_16 "check_provider", Post, "/v1/providers/check");
    /// Retrieve Provider (`GET /v1/providers/{provider_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_PROVIDER retrieve_provider(v0_16 "retrieve_provider", Get, "/v1/providers/{provider_id}", provider_id: ProviderId);
    /// Modify Provider (`PATCH /v1/providers/{provider_id}`).
    op MODIFY_PROVIDER modify_provider(both "modify_provider", Patch, "/v1/providers/{provider_id}", provider_id: ProviderId);
    /// Delete Provider (`DELETE /v1/providers/{provider_id}`).
    op DELETE_PROVIDER delete_provider(both "delete_provider", Delete, "/v1/providers/{provider_id}", provider_id: ProviderId);
    /// Check Existing Provider (`POST /v1/providers/{provider_id}/check`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem CHECK_EXISTING_PROVIDER check_existing_provider(v0_16 "check_existing_provider", Post, "/v1/providers/{provider_id}/check", provider_id: ProviderId);
    /// Refresh Provider Models (`PATCH /v1/providers/{provider_id}/refresh`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op REFRESH_PROVIDER_MODELS refresh_provider_models(v0_16 "refresh_provider_models", Patch, "/v1/providers/{provider_id}/refresh", provider_id: ProviderId);
    /// Check Readiness (`GET /v1/ready/`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CHECK_READINESS check_readiness(v0_16 "check_readiness", Get, "/v1/ready/");
    /// List Runs (`GET /v1/runs/`).
    op LIST_RUNS list_runs(both "list_runs", Get, "/v1/runs/");
    /// List Active Runs (`GET /v1/runs/active`).
    /// The server marks it deprecated.
    op LIST_ACTIVE_RUNS list_active_runs(both "list_active_runs", Get, "/v1/runs/active");
    /// Retrieve Run (`GET /v1/runs/{run_id}`).
    op RETRIEVE_RUN retrieve_run(both "retrieve_run", Get, "/v1/runs/{run_id}", run_id: RunId);
    /// Delete Run (`DELETE /v1/runs/{run_id}`).
    op DELETE_RUN delete_run(both "delete_run", Delete, "/v1/runs/{run_id}", run_id: RunId);
    /// List Run Messages (`GET /v1/runs/{run_id}/messages`).
    op LIST_RUN_MESSAGES list_run_messages(both "list_run_messages" / "list_messages_for_run", Get, "/v1/runs/{run_id}/messages", run_id: RunId);
    /// Retrieve Metrics For Run (`GET /v1/runs/{run_id}/metrics`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_METRICS_FOR_RUN retrieve_metrics_for_run(v0_16 "retrieve_metrics_for_run", Get, "/v1/runs/{run_id}/metrics", run_id: RunId);
    /// List Run Steps (`GET /v1/runs/{run_id}/steps`).
    op LIST_RUN_STEPS list_run_steps(both "list_run_steps" / "list_steps_for_run", Get, "/v1/runs/{run_id}/steps", run_id: RunId);
    /// Retrieve Stream For Run (`POST /v1/runs/{run_id}/stream`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem RETRIEVE_STREAM_FOR_RUN retrieve_stream_for_run(v0_16 "retrieve_stream_for_run", Post, "/v1/runs/{run_id}/stream", run_id: RunId);
    /// Retrieve Trace For Run (`GET /v1/runs/{run_id}/trace`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_TRACE_FOR_RUN retrieve_trace_for_run(v0_16 "retrieve_trace_for_run", Get, "/v1/runs/{run_id}/trace", run_id: RunId);
    /// Retrieve Run Usage (`GET /v1/runs/{run_id}/usage`).
    op RETRIEVE_RUN_USAGE retrieve_run_usage(both "retrieve_run_usage" / "retrieve_usage_for_run", Get, "/v1/runs/{run_id}/usage", run_id: RunId);
    /// List Sandbox Configs (`GET /v1/sandbox-config/`).
    op LIST_SANDBOX_CONFIGS list_sandbox_configs(both "list_sandbox_configs_v1_sandbox_config__get", Get, "/v1/sandbox-config/");
    /// Create Sandbox Config (`POST /v1/sandbox-config/`).
    op CREATE_SANDBOX_CONFIG create_sandbox_config(both "create_sandbox_config_v1_sandbox_config__post", Post, "/v1/sandbox-config/");
    /// Create Default E2B Sandbox Config (`POST /v1/sandbox-config/e2b/default`).
    op CREATE_DEFAULT_E2B_SANDBOX_CONFIG create_default_e2b_sandbox_config(both "create_default_e2b_sandbox_config_v1_sandbox_config_e2b_default_post", Post, "/v1/sandbox-config/e2b/default");
    /// Update Sandbox Env Var (`PATCH /v1/sandbox-config/environment-variable/{env_var_id}`).
    op UPDATE_SANDBOX_ENV_VAR update_sandbox_env_var(both "update_sandbox_env_var_v1_sandbox_config_environment_variable__env_var_id__patch", Patch, "/v1/sandbox-config/environment-variable/{env_var_id}", env_var_id: SandboxEnvVarId);
    /// Delete Sandbox Env Var (`DELETE /v1/sandbox-config/environment-variable/{env_var_id}`).
    op DELETE_SANDBOX_ENV_VAR delete_sandbox_env_var(both "delete_sandbox_env_var_v1_sandbox_config_environment_variable__env_var_id__delete", Delete, "/v1/sandbox-config/environment-variable/{env_var_id}", env_var_id: SandboxEnvVarId);
    /// Create Custom Local Sandbox Config (`POST /v1/sandbox-config/local`).
    op CREATE_CUSTOM_LOCAL_SANDBOX_CONFIG create_custom_local_sandbox_config(both "create_custom_local_sandbox_config_v1_sandbox_config_local_post", Post, "/v1/sandbox-config/local");
    /// Create Default Local Sandbox Config (`POST /v1/sandbox-config/local/default`).
    op CREATE_DEFAULT_LOCAL_SANDBOX_CONFIG create_default_local_sandbox_config(both "create_default_local_sandbox_config_v1_sandbox_config_local_default_post", Post, "/v1/sandbox-config/local/default");
    /// Force Recreate Local Sandbox Venv (`POST /v1/sandbox-config/local/recreate-venv`).
    op FORCE_RECREATE_LOCAL_SANDBOX_VENV force_recreate_local_sandbox_venv(both "force_recreate_local_sandbox_venv_v1_sandbox_config_local_recreate_venv_post", Post, "/v1/sandbox-config/local/recreate-venv");
    /// Update Sandbox Config (`PATCH /v1/sandbox-config/{sandbox_config_id}`).
    op UPDATE_SANDBOX_CONFIG update_sandbox_config(both "update_sandbox_config_v1_sandbox_config__sandbox_config_id__patch", Patch, "/v1/sandbox-config/{sandbox_config_id}", sandbox_config_id: SandboxConfigId);
    /// Delete Sandbox Config (`DELETE /v1/sandbox-config/{sandbox_config_id}`).
    op DELETE_SANDBOX_CONFIG delete_sandbox_config(both "delete_sandbox_config_v1_sandbox_config__sandbox_config_id__delete", Delete, "/v1/sandbox-config/{sandbox_config_id}", sandbox_config_id: SandboxConfigId);
    /// List Sandbox Env Vars (`GET /v1/sandbox-config/{sandbox_config_id}/environment-variable`).
    op LIST_SANDBOX_ENV_VARS list_sandbox_env_vars(both "list_sandbox_env_vars_v1_sandbox_config__sandbox_config_id__environment_variable_get", Get, "/v1/sandbox-config/{sandbox_config_id}/environment-variable", sandbox_config_id: SandboxConfigId);
    /// Create Sandbox Env Var (`POST /v1/sandbox-config/{sandbox_config_id}/environment-variable`).
    op CREATE_SANDBOX_ENV_VAR create_sandbox_env_var(both "create_sandbox_env_var_v1_sandbox_config__sandbox_config_id__environment_variable_post", Post, "/v1/sandbox-config/{sandbox_config_id}/environment-variable", sandbox_config_id: SandboxConfigId);
    /// List Sources (`GET /v1/sources/`).
    /// The server marks it deprecated.
    op LIST_SOURCES list_sources(both "list_sources", Get, "/v1/sources/");
    /// Create Source (`POST /v1/sources/`).
    /// The server marks it deprecated.
    op CREATE_SOURCE create_source(both "create_source", Post, "/v1/sources/");
    /// Count Sources (`GET /v1/sources/count`).
    /// The server marks it deprecated.
    op COUNT_SOURCES count_sources(both "count_sources", Get, "/v1/sources/count");
    /// Get Sources Metadata (`GET /v1/sources/metadata`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op GET_SOURCES_METADATA get_sources_metadata(v0_16 "get_sources_metadata", Get, "/v1/sources/metadata");
    /// Get Source Id By Name (`GET /v1/sources/name/{source_name}`).
    /// The server marks it deprecated.
    op GET_SOURCE_ID_BY_NAME get_source_id_by_name(both "get_source_id_by_name", Get, "/v1/sources/name/{source_name}", source_name: str);
    /// Retrieve Source (`GET /v1/sources/{source_id}`).
    /// The server marks it deprecated.
    op RETRIEVE_SOURCE retrieve_source(both "retrieve_source", Get, "/v1/sources/{source_id}", source_id: SourceId);
    /// Modify Source (`PATCH /v1/sources/{source_id}`).
    /// The server marks it deprecated.
    op MODIFY_SOURCE modify_source(both "modify_source", Patch, "/v1/sources/{source_id}", source_id: SourceId);
    /// Delete Source (`DELETE /v1/sources/{source_id}`).
    /// The server marks it deprecated.
    op DELETE_SOURCE delete_source(both "delete_source", Delete, "/v1/sources/{source_id}", source_id: SourceId);
    /// Get Agents For Source (`GET /v1/sources/{source_id}/agents`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op GET_AGENTS_FOR_SOURCE get_agents_for_source(v0_16 "get_agents_for_source", Get, "/v1/sources/{source_id}/agents", source_id: SourceId);
    /// List Source Files (`GET /v1/sources/{source_id}/files`).
    /// The server marks it deprecated.
    op LIST_SOURCE_FILES list_source_files(both "list_source_files", Get, "/v1/sources/{source_id}/files", source_id: SourceId);
    /// Get File Metadata (`GET /v1/sources/{source_id}/files/{file_id}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    /// The server marks it deprecated.
    op GET_FILE_METADATA get_file_metadata(v0_16 "get_file_metadata", Get, "/v1/sources/{source_id}/files/{file_id}", source_id: SourceId, file_id: FileId);
    /// List Source Passages (`GET /v1/sources/{source_id}/passages`).
    /// The server marks it deprecated.
    op LIST_SOURCE_PASSAGES list_source_passages(both "list_source_passages", Get, "/v1/sources/{source_id}/passages", source_id: SourceId);
    /// Upload File To Source (`POST /v1/sources/{source_id}/upload`).
    /// The server marks it deprecated.
    op UPLOAD_FILE_TO_SOURCE upload_file_to_source(both "upload_file_to_source", Post, "/v1/sources/{source_id}/upload", source_id: SourceId);
    /// Delete File From Source (`DELETE /v1/sources/{source_id}/{file_id}`).
    /// The server marks it deprecated.
    op DELETE_FILE_FROM_SOURCE delete_file_from_source(both "delete_file_from_source", Delete, "/v1/sources/{source_id}/{file_id}", source_id: SourceId, file_id: FileId);
    /// List Steps (`GET /v1/steps/`).
    op LIST_STEPS list_steps(both "list_steps", Get, "/v1/steps/");
    /// Retrieve Step (`GET /v1/steps/{step_id}`).
    op RETRIEVE_STEP retrieve_step(both "retrieve_step", Get, "/v1/steps/{step_id}", step_id: StepId);
    /// Modify Feedback For Step (`PATCH /v1/steps/{step_id}/feedback`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MODIFY_FEEDBACK_FOR_STEP modify_feedback_for_step(v0_16 "modify_feedback_for_step", Patch, "/v1/steps/{step_id}/feedback", step_id: StepId);
    /// List Messages For Step (`GET /v1/steps/{step_id}/messages`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op LIST_MESSAGES_FOR_STEP list_messages_for_step(v0_16 "list_messages_for_step", Get, "/v1/steps/{step_id}/messages", step_id: StepId);
    /// Retrieve Metrics For Step (`GET /v1/steps/{step_id}/metrics`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_METRICS_FOR_STEP retrieve_metrics_for_step(v0_16 "retrieve_metrics_for_step", Get, "/v1/steps/{step_id}/metrics", step_id: StepId);
    /// Retrieve Trace For Step (`GET /v1/steps/{step_id}/trace`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RETRIEVE_TRACE_FOR_STEP retrieve_trace_for_step(v0_16 "retrieve_trace_for_step", Get, "/v1/steps/{step_id}/trace", step_id: StepId);
    /// Update Step Transaction Id (`PATCH /v1/steps/{step_id}/transaction/{transaction_id}`).
    op UPDATE_STEP_TRANSACTION_ID update_step_transaction_id(both "update_step_transaction_id", Patch, "/v1/steps/{step_id}/transaction/{transaction_id}", step_id: StepId, transaction_id: str);
    /// List Tags (`GET /v1/tags/`).
    op LIST_TAGS list_tags(both "list_tags", Get, "/v1/tags/");
    /// Retrieve Provider Trace By Step Id (`GET /v1/telemetry/{step_id}`).
    /// The server marks it deprecated.
    op RETRIEVE_PROVIDER_TRACE retrieve_provider_trace(both "retrieve_provider_trace", Get, "/v1/telemetry/{step_id}", step_id: StepId);
    /// List Tools (`GET /v1/tools/`).
    op LIST_TOOLS list_tools(both "list_tools", Get, "/v1/tools/");
    /// Create Tool (`POST /v1/tools/`).
    op CREATE_TOOL create_tool(both "create_tool", Post, "/v1/tools/");
    /// Upsert Tool (`PUT /v1/tools/`).
    op UPSERT_TOOL upsert_tool(both "upsert_tool", Put, "/v1/tools/");
    /// Upsert Base Tools (`POST /v1/tools/add-base-tools`).
    op ADD_BASE_TOOLS add_base_tools(both "add_base_tools", Post, "/v1/tools/add-base-tools");
    /// List Composio Apps (`GET /v1/tools/composio/apps`).
    ///
    /// Served by 0.7.x only: 0.16.8 removed it.
    op LIST_COMPOSIO_APPS list_composio_apps(v0_7 "list_composio_apps", Get, "/v1/tools/composio/apps");
    /// List Composio Actions By App (`GET /v1/tools/composio/apps/{composio_app_name}/actions`).
    ///
    /// Served by 0.7.x only: 0.16.8 removed it.
    op LIST_COMPOSIO_ACTIONS_BY_APP list_composio_actions_by_app(v0_7 "list_composio_actions_by_app", Get, "/v1/tools/composio/apps/{composio_app_name}/actions", composio_app_name: str);
    /// Add Composio Tool (`POST /v1/tools/composio/{composio_action_name}`).
    ///
    /// Served by 0.7.x only: 0.16.8 removed it.
    op ADD_COMPOSIO_TOOL add_composio_tool(v0_7 "add_composio_tool", Post, "/v1/tools/composio/{composio_action_name}", composio_action_name: str);
    /// Count Tools (`GET /v1/tools/count`).
    op COUNT_TOOLS count_tools(both "count_tools", Get, "/v1/tools/count");
    /// Generate Json Schema (`POST /v1/tools/generate-schema`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem GENERATE_JSON_SCHEMA generate_json_schema(v0_16 "generate_json_schema", Post, "/v1/tools/generate-schema");
    /// Generate Tool From Prompt (`POST /v1/tools/generate-tool`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op GENERATE_TOOL generate_tool(v0_16 "generate_tool", Post, "/v1/tools/generate-tool");
    /// Mcp Oauth Callback (`GET /v1/tools/mcp/oauth/callback`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op MCP_OAUTH_CALLBACK mcp_oauth_callback(v0_16 "mcp_oauth_callback", Get, "/v1/tools/mcp/oauth/callback");
    /// List Mcp Servers (`GET /v1/tools/mcp/servers`).
    op LIST_MCP_SERVERS list_mcp_servers(both "list_mcp_servers", Get, "/v1/tools/mcp/servers");
    /// Add Mcp Server To Config (`PUT /v1/tools/mcp/servers`).
    op ADD_MCP_SERVER add_mcp_server(both "add_mcp_server", Put, "/v1/tools/mcp/servers");
    /// Connect Mcp Server (`POST /v1/tools/mcp/servers/connect`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op CONNECT_MCP_SERVER connect_mcp_server(v0_16 "connect_mcp_server", Post, "/v1/tools/mcp/servers/connect");
    /// Test Mcp Server (`POST /v1/tools/mcp/servers/test`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem TEST_MCP_SERVER test_mcp_server(v0_16 "test_mcp_server", Post, "/v1/tools/mcp/servers/test");
    /// Update Mcp Server (`PATCH /v1/tools/mcp/servers/{mcp_server_name}`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op UPDATE_MCP_SERVER update_mcp_server(v0_16 "update_mcp_server", Patch, "/v1/tools/mcp/servers/{mcp_server_name}", mcp_server_name: str);
    /// Delete Mcp Server From Config (`DELETE /v1/tools/mcp/servers/{mcp_server_name}`).
    op DELETE_MCP_SERVER delete_mcp_server(both "delete_mcp_server", Delete, "/v1/tools/mcp/servers/{mcp_server_name}", mcp_server_name: str);
    /// Resync Mcp Server Tools (`POST /v1/tools/mcp/servers/{mcp_server_name}/resync`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op RESYNC_MCP_SERVER_TOOLS resync_mcp_server_tools(v0_16 "resync_mcp_server_tools", Post, "/v1/tools/mcp/servers/{mcp_server_name}/resync", mcp_server_name: str);
    /// List Mcp Tools By Server (`GET /v1/tools/mcp/servers/{mcp_server_name}/tools`).
    op LIST_MCP_TOOLS_BY_SERVER list_mcp_tools_by_server(both "list_mcp_tools_by_server", Get, "/v1/tools/mcp/servers/{mcp_server_name}/tools", mcp_server_name: str);
    /// Execute Mcp Tool (`POST /v1/tools/mcp/servers/{mcp_server_name}/tools/{tool_name}/execute`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    op EXECUTE_MCP_TOOL execute_mcp_tool(v0_16 "execute_mcp_tool", Post, "/v1/tools/mcp/servers/{mcp_server_name}/tools/{tool_name}/execute", mcp_server_name: str, tool_name: str);
    /// Add Mcp Tool (`POST /v1/tools/mcp/servers/{mcp_server_name}/{mcp_tool_name}`).
    op ADD_MCP_TOOL add_mcp_tool(both "add_mcp_tool", Post, "/v1/tools/mcp/servers/{mcp_server_name}/{mcp_tool_name}", mcp_server_name: str, mcp_tool_name: str);
    /// Run Tool From Source (`POST /v1/tools/run`).
    op RUN_TOOL_FROM_SOURCE run_tool_from_source(both "run_tool_from_source", Post, "/v1/tools/run");
    /// Search Tools (`POST /v1/tools/search`).
    ///
    /// Served by 0.16.8 (and Letta Cloud), not by 0.7.x.
    idem SEARCH_TOOLS search_tools(v0_16 "search_tools", Post, "/v1/tools/search");
    /// Retrieve Tool (`GET /v1/tools/{tool_id}`).
    op RETRIEVE_TOOL retrieve_tool(both "retrieve_tool", Get, "/v1/tools/{tool_id}", tool_id: ToolId);
    /// Modify Tool (`PATCH /v1/tools/{tool_id}`).
    op MODIFY_TOOL modify_tool(both "modify_tool", Patch, "/v1/tools/{tool_id}", tool_id: ToolId);
    /// Delete Tool (`DELETE /v1/tools/{tool_id}`).
    op DELETE_TOOL delete_tool(both "delete_tool", Delete, "/v1/tools/{tool_id}", tool_id: ToolId);
    /// Create Voice Chat Completions (`POST /v1/voice-beta/{agent_id}/chat/completions`).
    /// The server marks it deprecated.
    turn CREATE_VOICE_CHAT_COMPLETIONS create_voice_chat_completions(both "create_voice_chat_completions", Post, "/v1/voice-beta/{agent_id}/chat/completions", agent_id: AgentId);
    /// Search deployed agents (Letta Cloud) (`POST /v1/agents/search`).
    op SEARCH_AGENTS search_agents(cloud "search_agents", Post, "/v1/agents/search");
    /// Create a template from an agent (Letta Cloud) (`POST /v1/agents/{agent_id}/template`).
    op CREATE_AGENT_TEMPLATE create_agent_template(cloud "create_agent_template", Post, "/v1/agents/{agent_id}/template", agent_id: AgentId);
    /// Create a new version of an agent template (Letta Cloud) (`POST /v1/agents/{agent_id}/version-template`).
    op CREATE_AGENT_TEMPLATE_VERSION create_agent_template_version(cloud "create_agent_template_version", Post, "/v1/agents/{agent_id}/version-template", agent_id: AgentId);
    /// Migrate an agent to a new versioned agent template (Letta Cloud) (`POST /v1/agents/{agent_id}/migrate`).
    op MIGRATE_AGENT migrate_agent(cloud "migrate_agent", Post, "/v1/agents/{agent_id}/migrate", agent_id: AgentId);
    /// List the memory variables of an agent (Letta Cloud) (`GET /v1/agents/{agent_id}/core-memory/variables`).
    op LIST_MEMORY_VARIABLES list_memory_variables(cloud "list_memory_variables", Get, "/v1/agents/{agent_id}/core-memory/variables", agent_id: AgentId);
}

/// The 138 operations of Letta 0.7.29's OpenAPI document.
pub const SERVED_BY_0_7: &[Operation] = &[
    LIST_ORGS,
    CREATE_ORGANIZATION,
    UPDATE_ORGANIZATION,
    DELETE_ORGANIZATION_BY_ID,
    LIST_USERS,
    CREATE_USER,
    UPDATE_USER,
    DELETE_USER,
    LIST_AGENTS,
    CREATE_AGENT,
    COUNT_AGENTS,
    IMPORT_AGENT_SERIALIZED,
    RETRIEVE_AGENT,
    MODIFY_AGENT,
    DELETE_AGENT,
    LIST_PASSAGES,
    CREATE_PASSAGE,
    MODIFY_PASSAGE,
    DELETE_PASSAGE,
    RETRIEVE_AGENT_CONTEXT_WINDOW,
    RETRIEVE_AGENT_MEMORY,
    LIST_CORE_MEMORY_BLOCKS,
    ATTACH_CORE_MEMORY_BLOCK,
    DETACH_CORE_MEMORY_BLOCK,
    RETRIEVE_CORE_MEMORY_BLOCK,
    MODIFY_CORE_MEMORY_BLOCK,
    EXPORT_AGENT_SERIALIZED,
    LIST_AGENT_GROUPS,
    LIST_MESSAGES,
    SEND_MESSAGE,
    CREATE_AGENT_MESSAGE_ASYNC,
    CREATE_AGENT_MESSAGE_STREAM,
    MODIFY_MESSAGE,
    RESET_MESSAGES,
    LIST_AGENT_SOURCES,
    ATTACH_SOURCE_TO_AGENT,
    DETACH_SOURCE_FROM_AGENT,
    LIST_AGENT_TOOLS,
    ATTACH_TOOL,
    DETACH_TOOL,
    AUTHENTICATE_USER,
    LIST_BLOCKS,
    CREATE_BLOCK,
    COUNT_BLOCKS,
    RETRIEVE_BLOCK,
    MODIFY_BLOCK,
    DELETE_BLOCK,
    LIST_AGENTS_FOR_BLOCK,
    GET_TOTAL_STORAGE_SIZE,
    LIST_GROUPS,
    CREATE_GROUP,
    COUNT_GROUPS,
    RETRIEVE_GROUP,
    MODIFY_GROUP,
    DELETE_GROUP,
    LIST_GROUP_MESSAGES,
    SEND_GROUP_MESSAGE,
    SEND_GROUP_MESSAGE_STREAMING,
    MODIFY_GROUP_MESSAGE,
    RESET_GROUP_MESSAGES,
    HEALTH_CHECK,
    LIST_IDENTITIES,
    CREATE_IDENTITY,
    UPSERT_IDENTITY,
    COUNT_IDENTITIES,
    RETRIEVE_IDENTITY,
    UPDATE_IDENTITY,
    DELETE_IDENTITY,
    UPSERT_IDENTITY_PROPERTIES,
    LIST_JOBS,
    LIST_ACTIVE_JOBS,
    RETRIEVE_JOB,
    DELETE_JOB,
    LIST_BATCH_RUNS,
    CREATE_MESSAGES_BATCH,
    RETRIEVE_BATCH_RUN,
    CANCEL_BATCH_RUN,
    LIST_BATCH_MESSAGES,
    LIST_MODELS,
    LIST_EMBEDDING_MODELS,
    LIST_PROVIDERS,
    CREATE_PROVIDER,
    CHECK_PROVIDER_0_7,
    MODIFY_PROVIDER,
    DELETE_PROVIDER,
    LIST_RUNS,
    LIST_ACTIVE_RUNS,
    RETRIEVE_RUN,
    DELETE_RUN,
    LIST_RUN_MESSAGES,
    LIST_RUN_STEPS,
    RETRIEVE_RUN_USAGE,
    LIST_SANDBOX_CONFIGS,
    CREATE_SANDBOX_CONFIG,
    CREATE_DEFAULT_E2B_SANDBOX_CONFIG,
    UPDATE_SANDBOX_ENV_VAR,
    DELETE_SANDBOX_ENV_VAR,
    CREATE_CUSTOM_LOCAL_SANDBOX_CONFIG,
    CREATE_DEFAULT_LOCAL_SANDBOX_CONFIG,
    FORCE_RECREATE_LOCAL_SANDBOX_VENV,
    UPDATE_SANDBOX_CONFIG,
    DELETE_SANDBOX_CONFIG,
    LIST_SANDBOX_ENV_VARS,
    CREATE_SANDBOX_ENV_VAR,
    LIST_SOURCES,
    CREATE_SOURCE,
    COUNT_SOURCES,
    GET_SOURCE_ID_BY_NAME,
    RETRIEVE_SOURCE,
    MODIFY_SOURCE,
    DELETE_SOURCE,
    LIST_SOURCE_FILES,
    LIST_SOURCE_PASSAGES,
    UPLOAD_FILE_TO_SOURCE,
    DELETE_FILE_FROM_SOURCE,
    LIST_STEPS,
    RETRIEVE_STEP,
    UPDATE_STEP_TRANSACTION_ID,
    LIST_TAGS,
    RETRIEVE_PROVIDER_TRACE,
    LIST_TOOLS,
    CREATE_TOOL,
    UPSERT_TOOL,
    ADD_BASE_TOOLS,
    LIST_COMPOSIO_APPS,
    LIST_COMPOSIO_ACTIONS_BY_APP,
    ADD_COMPOSIO_TOOL,
    COUNT_TOOLS,
    LIST_MCP_SERVERS,
    ADD_MCP_SERVER,
    DELETE_MCP_SERVER,
    LIST_MCP_TOOLS_BY_SERVER,
    ADD_MCP_TOOL,
    RUN_TOOL_FROM_SOURCE,
    RETRIEVE_TOOL,
    MODIFY_TOOL,
    DELETE_TOOL,
    CREATE_VOICE_CHAT_COMPLETIONS,
];

/// The 235 operations of Letta 0.16.8's OpenAPI document, without its 14 `/v1/_internal_*` routes.
pub const SERVED_BY_0_16: &[Operation] = &[
    LIST_ORGS,
    CREATE_ORGANIZATION,
    UPDATE_ORGANIZATION,
    DELETE_ORGANIZATION_BY_ID,
    LIST_USERS,
    CREATE_USER,
    UPDATE_USER,
    DELETE_USER,
    LIST_AGENTS,
    CREATE_AGENT,
    COUNT_AGENTS,
    IMPORT_AGENT_SERIALIZED,
    SEARCH_MESSAGES,
    RETRIEVE_AGENT,
    MODIFY_AGENT,
    DELETE_AGENT,
    LIST_PASSAGES,
    CREATE_PASSAGE,
    SEARCH_ARCHIVAL_MEMORY,
    DELETE_PASSAGE,
    ATTACH_ARCHIVE_TO_AGENT,
    DETACH_ARCHIVE_FROM_AGENT,
    RETRIEVE_AGENT_CONTEXT_WINDOW,
    RETRIEVE_AGENT_MEMORY,
    LIST_CORE_MEMORY_BLOCKS,
    ATTACH_CORE_MEMORY_BLOCK,
    DETACH_CORE_MEMORY_BLOCK,
    RETRIEVE_CORE_MEMORY_BLOCK,
    MODIFY_CORE_MEMORY_BLOCK,
    EXPORT_AGENT_SERIALIZED,
    EXPORT_AGENT_WITH_SKILLS,
    LIST_FILES_FOR_AGENT,
    CLOSE_ALL_FILES_FOR_AGENT,
    CLOSE_FILE_FOR_AGENT,
    OPEN_FILE_FOR_AGENT,
    LIST_FOLDERS_FOR_AGENT,
    ATTACH_FOLDER_TO_AGENT,
    DETACH_FOLDER_FROM_AGENT,
    GENERATE_COMPLETION,
    LIST_AGENT_GROUPS,
    ATTACH_IDENTITY_TO_AGENT,
    DETACH_IDENTITY_FROM_AGENT,
    LIST_MESSAGES,
    SEND_MESSAGE,
    CREATE_AGENT_MESSAGE_ASYNC,
    CANCEL_MESSAGE,
    PREVIEW_MODEL_REQUEST,
    CREATE_AGENT_MESSAGE_STREAM,
    MODIFY_MESSAGE,
    RECOMPILE_AGENT,
    RESET_MESSAGES,
    LIST_AGENT_SOURCES,
    ATTACH_SOURCE_TO_AGENT,
    DETACH_SOURCE_FROM_AGENT,
    SUMMARIZE_MESSAGES,
    RECOMPILE_AGENT_SYSTEM_PROMPT,
    LIST_AGENT_TOOLS,
    MODIFY_APPROVAL_FOR_TOOL,
    ATTACH_TOOL,
    DETACH_TOOL,
    RUN_TOOL_FOR_AGENT,
    LIST_ARCHIVES,
    CREATE_ARCHIVE,
    RETRIEVE_ARCHIVE,
    MODIFY_ARCHIVE,
    DELETE_ARCHIVE,
    LIST_AGENTS_FOR_ARCHIVE,
    CREATE_PASSAGE_IN_ARCHIVE,
    CREATE_PASSAGES_IN_ARCHIVE,
    DELETE_PASSAGE_FROM_ARCHIVE,
    AUTHENTICATE_USER,
    LIST_BLOCKS,
    CREATE_BLOCK,
    COUNT_BLOCKS,
    RETRIEVE_BLOCK,
    MODIFY_BLOCK,
    DELETE_BLOCK,
    LIST_AGENTS_FOR_BLOCK,
    ATTACH_IDENTITY_TO_BLOCK,
    DETACH_IDENTITY_FROM_BLOCK,
    CREATE_CHAT_COMPLETION,
    LIST_CONVERSATIONS,
    CREATE_CONVERSATION,
    RETRIEVE_CONVERSATION,
    UPDATE_CONVERSATION,
    DELETE_CONVERSATION,
    CANCEL_CONVERSATION,
    COMPACT_CONVERSATION,
    FORK_CONVERSATION,
    LIST_CONVERSATION_MESSAGES,
    SEND_CONVERSATION_MESSAGE,
    PREVIEW_CONVERSATION_MODEL_REQUEST,
    RECOMPILE_CONVERSATION,
    RETRIEVE_CONVERSATION_STREAM,
    GET_TOTAL_STORAGE_SIZE,
    LIST_FOLDERS,
    CREATE_FOLDER,
    COUNT_FOLDERS,
    RETRIEVE_METADATA,
    GET_FOLDER_BY_NAME,
    RETRIEVE_FOLDER,
    MODIFY_FOLDER,
    DELETE_FOLDER,
    LIST_AGENTS_FOR_FOLDER,
    LIST_FILES_FOR_FOLDER,
    RETRIEVE_FILE,
    LIST_FOLDER_PASSAGES,
    UPLOAD_FILE_TO_FOLDER,
    DELETE_FILE_FROM_FOLDER,
    LIST_GROUPS,
    CREATE_GROUP,
    COUNT_GROUPS,
    RETRIEVE_GROUP,
    MODIFY_GROUP,
    DELETE_GROUP,
    ATTACH_BLOCK_TO_GROUP,
    DETACH_BLOCK_FROM_GROUP,
    LIST_GROUP_MESSAGES,
    MODIFY_GROUP_MESSAGE,
    RESET_GROUP_MESSAGES,
    HEALTH_CHECK,
    LIST_IDENTITIES,
    CREATE_IDENTITY,
    UPSERT_IDENTITY,
    COUNT_IDENTITIES,
    RETRIEVE_IDENTITY,
    UPDATE_IDENTITY,
    DELETE_IDENTITY,
    LIST_AGENTS_FOR_IDENTITY,
    LIST_BLOCKS_FOR_IDENTITY,
    UPSERT_IDENTITY_PROPERTIES,
    LIST_JOBS,
    LIST_ACTIVE_JOBS,
    RETRIEVE_JOB,
    DELETE_JOB,
    CANCEL_JOB,
    MCP_LIST_MCP_SERVERS,
    MCP_CREATE_MCP_SERVER,
    MCP_CONNECT_MCP_SERVER,
    MCP_RETRIEVE_MCP_SERVER,
    MCP_UPDATE_MCP_SERVER,
    MCP_DELETE_MCP_SERVER,
    MCP_REFRESH_MCP_SERVER_TOOLS,
    MCP_LIST_TOOLS_FOR_MCP_SERVER,
    MCP_RETRIEVE_MCP_TOOL,
    MCP_RUN_TOOL,
    LIST_ALL_MESSAGES,
    LIST_BATCH_RUNS,
    CREATE_MESSAGES_BATCH,
    RETRIEVE_BATCH_RUN,
    CANCEL_BATCH_RUN,
    LIST_BATCH_MESSAGES,
    SEARCH_ALL_MESSAGES,
    RETRIEVE_MESSAGE,
    LIST_MODELS,
    LIST_EMBEDDING_MODELS,
    SEARCH_PASSAGES,
    LIST_PROVIDERS,
    CREATE_PROVIDER,
    CHECK_PROVIDER,
    RETRIEVE_PROVIDER,
    MODIFY_PROVIDER,
    DELETE_PROVIDER,
    CHECK_EXISTING_PROVIDER,
    REFRESH_PROVIDER_MODELS,
    CHECK_READINESS,
    LIST_RUNS,
    LIST_ACTIVE_RUNS,
    RETRIEVE_RUN,
    DELETE_RUN,
    LIST_RUN_MESSAGES,
    RETRIEVE_METRICS_FOR_RUN,
    LIST_RUN_STEPS,
    RETRIEVE_STREAM_FOR_RUN,
    RETRIEVE_TRACE_FOR_RUN,
    RETRIEVE_RUN_USAGE,
    LIST_SANDBOX_CONFIGS,
    CREATE_SANDBOX_CONFIG,
    CREATE_DEFAULT_E2B_SANDBOX_CONFIG,
    UPDATE_SANDBOX_ENV_VAR,
    DELETE_SANDBOX_ENV_VAR,
    CREATE_CUSTOM_LOCAL_SANDBOX_CONFIG,
    CREATE_DEFAULT_LOCAL_SANDBOX_CONFIG,
    FORCE_RECREATE_LOCAL_SANDBOX_VENV,
    UPDATE_SANDBOX_CONFIG,
    DELETE_SANDBOX_CONFIG,
    LIST_SANDBOX_ENV_VARS,
    CREATE_SANDBOX_ENV_VAR,
    LIST_SOURCES,
    CREATE_SOURCE,
    COUNT_SOURCES,
    GET_SOURCES_METADATA,
    GET_SOURCE_ID_BY_NAME,
    RETRIEVE_SOURCE,
    MODIFY_SOURCE,
    DELETE_SOURCE,
    GET_AGENTS_FOR_SOURCE,
    LIST_SOURCE_FILES,
    GET_FILE_METADATA,
    LIST_SOURCE_PASSAGES,
    UPLOAD_FILE_TO_SOURCE,
    DELETE_FILE_FROM_SOURCE,
    LIST_STEPS,
    RETRIEVE_STEP,
    MODIFY_FEEDBACK_FOR_STEP,
    LIST_MESSAGES_FOR_STEP,
    RETRIEVE_METRICS_FOR_STEP,
    RETRIEVE_TRACE_FOR_STEP,
    UPDATE_STEP_TRANSACTION_ID,
    LIST_TAGS,
    RETRIEVE_PROVIDER_TRACE,
    LIST_TOOLS,
    CREATE_TOOL,
    UPSERT_TOOL,
    ADD_BASE_TOOLS,
    COUNT_TOOLS,
    GENERATE_JSON_SCHEMA,
    GENERATE_TOOL,
    MCP_OAUTH_CALLBACK,
    LIST_MCP_SERVERS,
    ADD_MCP_SERVER,
    CONNECT_MCP_SERVER,
    TEST_MCP_SERVER,
    UPDATE_MCP_SERVER,
    DELETE_MCP_SERVER,
    RESYNC_MCP_SERVER_TOOLS,
    LIST_MCP_TOOLS_BY_SERVER,
    EXECUTE_MCP_TOOL,
    ADD_MCP_TOOL,
    RUN_TOOL_FROM_SOURCE,
    SEARCH_TOOLS,
    RETRIEVE_TOOL,
    MODIFY_TOOL,
    DELETE_TOOL,
    CREATE_VOICE_CHAT_COMPLETIONS,
];

/// The operations only Letta Cloud serves (from the Python SDK reference), in neither document.
pub const CLOUD_ONLY: &[Operation] = &[
    SEARCH_AGENTS,
    CREATE_AGENT_TEMPLATE,
    CREATE_AGENT_TEMPLATE_VERSION,
    MIGRATE_AGENT,
    LIST_MEMORY_VARIABLES,
];

/// Every operation of the table: both documents and the cloud-only ones.
pub const ALL: &[Operation] = &[
    LIST_ORGS,
    CREATE_ORGANIZATION,
    UPDATE_ORGANIZATION,
    DELETE_ORGANIZATION_BY_ID,
    LIST_USERS,
    CREATE_USER,
    UPDATE_USER,
    DELETE_USER,
    LIST_AGENTS,
    CREATE_AGENT,
    COUNT_AGENTS,
    IMPORT_AGENT_SERIALIZED,
    SEARCH_MESSAGES,
    RETRIEVE_AGENT,
    MODIFY_AGENT,
    DELETE_AGENT,
    LIST_PASSAGES,
    CREATE_PASSAGE,
    SEARCH_ARCHIVAL_MEMORY,
    MODIFY_PASSAGE,
    DELETE_PASSAGE,
    ATTACH_ARCHIVE_TO_AGENT,
    DETACH_ARCHIVE_FROM_AGENT,
    RETRIEVE_AGENT_CONTEXT_WINDOW,
    RETRIEVE_AGENT_MEMORY,
    LIST_CORE_MEMORY_BLOCKS,
    ATTACH_CORE_MEMORY_BLOCK,
    DETACH_CORE_MEMORY_BLOCK,
    RETRIEVE_CORE_MEMORY_BLOCK,
    MODIFY_CORE_MEMORY_BLOCK,
    EXPORT_AGENT_SERIALIZED,
    EXPORT_AGENT_WITH_SKILLS,
    LIST_FILES_FOR_AGENT,
    CLOSE_ALL_FILES_FOR_AGENT,
    CLOSE_FILE_FOR_AGENT,
    OPEN_FILE_FOR_AGENT,
    LIST_FOLDERS_FOR_AGENT,
    ATTACH_FOLDER_TO_AGENT,
    DETACH_FOLDER_FROM_AGENT,
    GENERATE_COMPLETION,
    LIST_AGENT_GROUPS,
    ATTACH_IDENTITY_TO_AGENT,
    DETACH_IDENTITY_FROM_AGENT,
    LIST_MESSAGES,
    SEND_MESSAGE,
    CREATE_AGENT_MESSAGE_ASYNC,
    CANCEL_MESSAGE,
    PREVIEW_MODEL_REQUEST,
    CREATE_AGENT_MESSAGE_STREAM,
    MODIFY_MESSAGE,
    RECOMPILE_AGENT,
    RESET_MESSAGES,
    LIST_AGENT_SOURCES,
    ATTACH_SOURCE_TO_AGENT,
    DETACH_SOURCE_FROM_AGENT,
    SUMMARIZE_MESSAGES,
    RECOMPILE_AGENT_SYSTEM_PROMPT,
    LIST_AGENT_TOOLS,
    MODIFY_APPROVAL_FOR_TOOL,
    ATTACH_TOOL,
    DETACH_TOOL,
    RUN_TOOL_FOR_AGENT,
    LIST_ARCHIVES,
    CREATE_ARCHIVE,
    RETRIEVE_ARCHIVE,
    MODIFY_ARCHIVE,
    DELETE_ARCHIVE,
    LIST_AGENTS_FOR_ARCHIVE,
    CREATE_PASSAGE_IN_ARCHIVE,
    CREATE_PASSAGES_IN_ARCHIVE,
    DELETE_PASSAGE_FROM_ARCHIVE,
    AUTHENTICATE_USER,
    LIST_BLOCKS,
    CREATE_BLOCK,
    COUNT_BLOCKS,
    RETRIEVE_BLOCK,
    MODIFY_BLOCK,
    DELETE_BLOCK,
    LIST_AGENTS_FOR_BLOCK,
    ATTACH_IDENTITY_TO_BLOCK,
    DETACH_IDENTITY_FROM_BLOCK,
    CREATE_CHAT_COMPLETION,
    LIST_CONVERSATIONS,
    CREATE_CONVERSATION,
    RETRIEVE_CONVERSATION,
    UPDATE_CONVERSATION,
    DELETE_CONVERSATION,
    CANCEL_CONVERSATION,
    COMPACT_CONVERSATION,
    FORK_CONVERSATION,
    LIST_CONVERSATION_MESSAGES,
    SEND_CONVERSATION_MESSAGE,
    PREVIEW_CONVERSATION_MODEL_REQUEST,
    RECOMPILE_CONVERSATION,
    RETRIEVE_CONVERSATION_STREAM,
    GET_TOTAL_STORAGE_SIZE,
    LIST_FOLDERS,
    CREATE_FOLDER,
    COUNT_FOLDERS,
    RETRIEVE_METADATA,
    GET_FOLDER_BY_NAME,
    RETRIEVE_FOLDER,
    MODIFY_FOLDER,
    DELETE_FOLDER,
    LIST_AGENTS_FOR_FOLDER,
    LIST_FILES_FOR_FOLDER,
    RETRIEVE_FILE,
    LIST_FOLDER_PASSAGES,
    UPLOAD_FILE_TO_FOLDER,
    DELETE_FILE_FROM_FOLDER,
    LIST_GROUPS,
    CREATE_GROUP,
    COUNT_GROUPS,
    RETRIEVE_GROUP,
    MODIFY_GROUP,
    DELETE_GROUP,
    ATTACH_BLOCK_TO_GROUP,
    DETACH_BLOCK_FROM_GROUP,
    LIST_GROUP_MESSAGES,
    SEND_GROUP_MESSAGE,
    SEND_GROUP_MESSAGE_STREAMING,
    MODIFY_GROUP_MESSAGE,
    RESET_GROUP_MESSAGES,
    HEALTH_CHECK,
    LIST_IDENTITIES,
    CREATE_IDENTITY,
    UPSERT_IDENTITY,
    COUNT_IDENTITIES,
    RETRIEVE_IDENTITY,
    UPDATE_IDENTITY,
    DELETE_IDENTITY,
    LIST_AGENTS_FOR_IDENTITY,
    LIST_BLOCKS_FOR_IDENTITY,
    UPSERT_IDENTITY_PROPERTIES,
    LIST_JOBS,
    LIST_ACTIVE_JOBS,
    RETRIEVE_JOB,
    DELETE_JOB,
    CANCEL_JOB,
    MCP_LIST_MCP_SERVERS,
    MCP_CREATE_MCP_SERVER,
    MCP_CONNECT_MCP_SERVER,
    MCP_RETRIEVE_MCP_SERVER,
    MCP_UPDATE_MCP_SERVER,
    MCP_DELETE_MCP_SERVER,
    MCP_REFRESH_MCP_SERVER_TOOLS,
    MCP_LIST_TOOLS_FOR_MCP_SERVER,
    MCP_RETRIEVE_MCP_TOOL,
    MCP_RUN_TOOL,
    LIST_ALL_MESSAGES,
    LIST_BATCH_RUNS,
    CREATE_MESSAGES_BATCH,
    RETRIEVE_BATCH_RUN,
    CANCEL_BATCH_RUN,
    LIST_BATCH_MESSAGES,
    SEARCH_ALL_MESSAGES,
    RETRIEVE_MESSAGE,
    LIST_MODELS,
    LIST_EMBEDDING_MODELS,
    SEARCH_PASSAGES,
    LIST_PROVIDERS,
    CREATE_PROVIDER,
    CHECK_PROVIDER_0_7,
    CHECK_PROVIDER,
    RETRIEVE_PROVIDER,
    MODIFY_PROVIDER,
    DELETE_PROVIDER,
    CHECK_EXISTING_PROVIDER,
    REFRESH_PROVIDER_MODELS,
    CHECK_READINESS,
    LIST_RUNS,
    LIST_ACTIVE_RUNS,
    RETRIEVE_RUN,
    DELETE_RUN,
    LIST_RUN_MESSAGES,
    RETRIEVE_METRICS_FOR_RUN,
    LIST_RUN_STEPS,
    RETRIEVE_STREAM_FOR_RUN,
    RETRIEVE_TRACE_FOR_RUN,
    RETRIEVE_RUN_USAGE,
    LIST_SANDBOX_CONFIGS,
    CREATE_SANDBOX_CONFIG,
    CREATE_DEFAULT_E2B_SANDBOX_CONFIG,
    UPDATE_SANDBOX_ENV_VAR,
    DELETE_SANDBOX_ENV_VAR,
    CREATE_CUSTOM_LOCAL_SANDBOX_CONFIG,
    CREATE_DEFAULT_LOCAL_SANDBOX_CONFIG,
    FORCE_RECREATE_LOCAL_SANDBOX_VENV,
    UPDATE_SANDBOX_CONFIG,
    DELETE_SANDBOX_CONFIG,
    LIST_SANDBOX_ENV_VARS,
    CREATE_SANDBOX_ENV_VAR,
    LIST_SOURCES,
    CREATE_SOURCE,
    COUNT_SOURCES,
    GET_SOURCES_METADATA,
    GET_SOURCE_ID_BY_NAME,
    RETRIEVE_SOURCE,
    MODIFY_SOURCE,
    DELETE_SOURCE,
    GET_AGENTS_FOR_SOURCE,
    LIST_SOURCE_FILES,
    GET_FILE_METADATA,
    LIST_SOURCE_PASSAGES,
    UPLOAD_FILE_TO_SOURCE,
    DELETE_FILE_FROM_SOURCE,
    LIST_STEPS,
    RETRIEVE_STEP,
    MODIFY_FEEDBACK_FOR_STEP,
    LIST_MESSAGES_FOR_STEP,
    RETRIEVE_METRICS_FOR_STEP,
    RETRIEVE_TRACE_FOR_STEP,
    UPDATE_STEP_TRANSACTION_ID,
    LIST_TAGS,
    RETRIEVE_PROVIDER_TRACE,
    LIST_TOOLS,
    CREATE_TOOL,
    UPSERT_TOOL,
    ADD_BASE_TOOLS,
    LIST_COMPOSIO_APPS,
    LIST_COMPOSIO_ACTIONS_BY_APP,
    ADD_COMPOSIO_TOOL,
    COUNT_TOOLS,
    GENERATE_JSON_SCHEMA,
    GENERATE_TOOL,
    MCP_OAUTH_CALLBACK,
    LIST_MCP_SERVERS,
    ADD_MCP_SERVER,
    CONNECT_MCP_SERVER,
    TEST_MCP_SERVER,
    UPDATE_MCP_SERVER,
    DELETE_MCP_SERVER,
    RESYNC_MCP_SERVER_TOOLS,
    LIST_MCP_TOOLS_BY_SERVER,
    EXECUTE_MCP_TOOL,
    ADD_MCP_TOOL,
    RUN_TOOL_FROM_SOURCE,
    SEARCH_TOOLS,
    RETRIEVE_TOOL,
    MODIFY_TOOL,
    DELETE_TOOL,
    CREATE_VOICE_CHAT_COMPLETIONS,
    SEARCH_AGENTS,
    CREATE_AGENT_TEMPLATE,
    CREATE_AGENT_TEMPLATE_VERSION,
    MIGRATE_AGENT,
    LIST_MEMORY_VARIABLES,
];
