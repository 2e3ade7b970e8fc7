//! Schema conformance against Letta 0.16.8's OpenAPI document (`spec/openapi-0.16.8.json`): the
//! same checks as `conformance.rs` makes against 0.7.29's (see `source::schema`), for the types of
//! the operations 0.16 added and for the models both servers share, which must decode the
//! answers of either.

use letta_core::types::*;

mod source;

use source::schema::Spec;

#[test]
fn health_answers_decode() {
    let (checked, problems) = check_all!(Spec::v0_16(), check_response:
        HealthStatus => "Health",
    );
    println!("0.16.8 response types checked: {checked}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn data() {
    let spec = Spec::v0_16();
    let (requests, mut problems) = check_all!(spec, check_request:
        ArchiveCreate => "ArchiveCreateRequest",
        ArchiveUpdate => "ArchiveUpdateRequest",
        ArchivePassageCreate => "PassageCreateRequest",
        ArchivePassageBatch => "PassageBatchCreateRequest",
        SourceCreate => "SourceCreate",
        SourceUpdate => "SourceUpdate",
        PassageSearchRequest => "PassageSearchRequest",
    );
    let (responses, more) = check_all!(spec, check_response:
        Archive => "Archive",
        Source => "Folder",
        Source => "Source",
        FileMetadata => "FileMetadata",
        Passage => "Passage",
        OrganizationSourcesStats => "OrganizationSourcesStats",
        SourceStats => "SourceStats",
        FileStats => "FileStats",
        AgentFilesPage => "PaginatedAgentFiles",
        AgentFileAttachment => "AgentFileAttachment",
        ArchivalMemorySearchResponse => "ArchivalMemorySearchResponse",
        ArchivalMemorySearchResult => "ArchivalMemorySearchResult",
        PassageSearchResult => "PassageSearchResult",
    );
    problems.extend(more);
    println!("0.16.8 data types checked: {requests} requests, {responses} responses");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn tools() {
    let (requests, mut problems) = check_all!(Spec::v0_16(), check_request:
        McpServerCreate => "CreateMCPServerRequest",
        McpServerUpdate => "UpdateMCPServerRequest",
        McpTransport => "CreateStdioMCPServer",
        McpTransport => "CreateSSEMCPServer",
        McpTransport => "CreateStreamableHTTPMCPServer",
        McpTransportUpdate => "letta__schemas__mcp_server__UpdateStdioMCPServer",
        McpTransportUpdate => "letta__schemas__mcp_server__UpdateSSEMCPServer",
        McpTransportUpdate => "letta__schemas__mcp_server__UpdateStreamableHTTPMCPServer",
        McpServerConfig => "SSEServerConfig",
        McpServerConfig => "StdioServerConfig",
        McpServerConfig => "StreamableHTTPServerConfig",
        McpServerConfigUpdate => "letta__schemas__mcp__UpdateStdioMCPServer",
        McpServerConfigUpdate => "letta__schemas__mcp__UpdateSSEMCPServer",
        McpServerConfigUpdate => "letta__schemas__mcp__UpdateStreamableHTTPMCPServer",
        ToolExecuteRequest => "letta__schemas__mcp_server__ToolExecuteRequest",
        ToolExecuteRequest => "letta__server__rest_api__routers__v1__tools__ToolExecuteRequest",
        ToolSchemaRequest => "CodeInput",
        ToolGenerate => "GenerateToolInput",
        ToolSearch => "ToolSearchRequest",
    );
    let (responses, response_problems) = check_all!(Spec::v0_16(), check_response:
        McpServer => "StdioMCPServer",
        McpServer => "SSEMCPServer",
        McpServer => "StreamableHTTPMCPServer",
        McpServerConfig => "SSEServerConfig",
        McpServerConfig => "StdioServerConfig",
        McpServerConfig => "StreamableHTTPServerConfig",
        McpTool => "MCPTool",
        McpToolHealth => "MCPToolHealth",
        ToolExecutionResult => "ToolExecutionResult",
        GeneratedTool => "GenerateToolOutput",
        ToolSearchResult => "ToolSearchResult",
        Provider => "Provider",
        HealthStatus => "Health",
    );
    problems.extend(response_problems);
    println!("0.16.8 tools group: {requests} request and {responses} response types checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Properties of 0.16.8's shared schemas the client does not represent yet, and why. Each still
/// decodes (the full example must), it is only not kept.
const NOT_REPRESENTED: &[(&[&str], &[&str], &str)] = &[
    (
        &[
            "SystemMessage",
            "UserMessage",
            "ReasoningMessage",
            "HiddenReasoningMessage",
            "ToolCallMessage",
            "ToolReturnMessage",
            "AssistantMessage",
        ],
        &["run_id", "seq_id", "is_err"],
        "belong with stream resume (by seq_id), which changes the one-pass message decoder \
         (types/message_decode.rs)",
    ),
    (
        &["ToolCallMessage"],
        &["tool_calls"],
        "parallel tool calls: a change of the one-pass message decoder, with stream resume",
    ),
    (
        &["ToolReturnMessage"],
        &["tool_returns"],
        "parallel tool returns: a change of the one-pass message decoder, with stream resume",
    ),
    (
        &[
            "ChildToolRule",
            "InitToolRule",
            "TerminalToolRule",
            "ConditionalToolRule",
            "ContinueToolRule",
            "MaxCountPerStepToolRule",
            "ParentToolRule",
        ],
        &["prompt_template", "child_arg_nodes", "args"],
        "ToolRule is also a request type built as struct variants: new fields break every \
         `ToolRule::Init { tool_name }`; wants constructors first",
    ),
    (
        &["OmittedReasoningContent"],
        &["signature"],
        "ContentPart::OmittedReasoning is a unit variant",
    ),
];

/// The models both servers share decode a full 0.16.8 answer, and represent every property of
/// its schema but those in [`NOT_REPRESENTED`] (0.7.29's `conformance.rs` checks the same types
/// against 0.7.29's document). The 0.7-only Composio models and MCP `Icon`/`ToolExecution` are
/// not in 0.16.8's document.
#[test]
fn shared_models_decode_0_16_answers() {
    let (shared, mut problems) = source::schema::check_shared_responses(Spec::v0_16());
    let (only_here, more) = check_all!(Spec::v0_16(), check_response:
        FunctionDefinition => "FunctionDefinition",
        StoredToolCall => "ChatCompletionMessageFunctionToolCall-Output",
        ToolReturn => "letta__schemas__message__ToolReturn-Output",
    );
    problems.extend(more);
    let checked = shared + only_here;
    let allowed = |problem: &String| {
        NOT_REPRESENTED.iter().any(|(schemas, properties, _)| {
            schemas.iter().any(|schema| {
                properties
                    .iter()
                    .any(|p| *problem == format!("{schema}: drops property `{p}`"))
            })
        })
    };
    let problems: Vec<String> = problems.into_iter().filter(|p| !allowed(p)).collect();
    println!("0.16.8 shared response types checked: {checked}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The enum values 0.16.8's document declares for `name` (`Schema` or `Schema.property`).
fn enum_values(name: &str) -> std::collections::BTreeSet<String> {
    let values = source::schema::enum_values(Spec::v0_16(), name);
    assert!(!values.is_empty(), "0.16.8 declares no enum {name}");
    values
}

/// Every value 0.16.8 declares for an enum the client shares with 0.7.29 decodes to a named
/// variant, not the `Other` fallback (0.7.29's `conformance.rs` checks the client knows no value
/// neither document has).
#[test]
fn shared_enums_know_every_0_16_value() {
    let cases: &[(&str, &[&str])] = &[
        ("AgentType", AgentType::KNOWN),
        ("JobStatus", JobStatus::KNOWN),
        // Runs have their own status enum in 0.16 (a subset of the jobs').
        ("RunStatus", JobStatus::KNOWN),
        ("JobType", JobType::KNOWN),
        ("ToolType", ToolType::KNOWN),
        ("ProviderType", ProviderType::KNOWN),
        ("ProviderCategory", ProviderCategory::KNOWN),
        ("SandboxType", SandboxType::KNOWN),
        ("MCPServerType", McpServerType::KNOWN),
        ("MessageRole", MessageRole::KNOWN),
        ("ManagerType", ManagerType::KNOWN),
        ("IdentityType", IdentityType::KNOWN),
        ("IdentityPropertyType", IdentityPropertyType::KNOWN),
        ("StopReasonType", StopReasonType::KNOWN),
        ("ToolReturnMessage.status", ToolReturnStatus::KNOWN),
        ("LLMConfig.model_endpoint_type", ModelEndpointType::KNOWN),
        ("LLMConfig.reasoning_effort", ReasoningEffort::KNOWN),
        (
            "EmbeddingConfig.embedding_endpoint_type",
            EmbeddingEndpointType::KNOWN,
        ),
        ("ReasoningMessage.source", ReasoningSource::KNOWN),
        ("HiddenReasoningMessage.state", HiddenReasoningState::KNOWN),
        ("ToolExecutionResult.status", ToolReturnStatus::KNOWN),
        ("ToolSearchRequest.search_mode", SearchMode::KNOWN),
    ];
    let mut problems = Vec::new();
    for (name, known) in cases {
        let missing: Vec<String> = enum_values(name)
            .into_iter()
            .filter(|v| !known.contains(&v.as_str()))
            .collect();
        if !missing.is_empty() {
            problems.push(format!("{name}: the client lacks {missing:?}"));
        }
    }
    println!("0.16.8 enums checked: {}", cases.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn agent_loop() {
    let (requests, mut problems) = check_all!(Spec::v0_16(), check_request:
        LettaRequest => "LettaRequest",
        LettaStreamingRequest => "LettaStreamingRequest",
        ConversationMessageRequest => "ConversationMessageRequest",
        ApprovalCreate => "ApprovalCreate",
        ClientTool => "ClientToolSchema",
        ClientSkill => "ClientSkillSchema",
        ConversationCreate => "CreateConversation",
        ConversationUpdate => "UpdateConversation",
        RetrieveStreamRequest => "RetrieveStreamRequest",
        ConversationCompaction => "letta__server__rest_api__routers__v1__conversations__CompactionRequest",
        CompactionRequest => "letta__server__rest_api__routers__v1__agents__CompactionRequest",
        GenerateRequest => "GenerateRequest",
        AgentExportRequest => "ExportAgentRequest",
        Skill => "SkillSchema",
        CancelRunsRequest => "CancelAgentRunRequest",
        ModifyApprovalRequest => "ModifyApprovalRequest",
        ToolExecuteRequest => "letta__schemas__mcp_server__ToolExecuteRequest",
        MessageSearchRequest => "MessageSearchRequest",
        SearchAllMessagesRequest => "SearchAllMessagesRequest",
        StepFeedback => "ModifyFeedbackRequest",
        ChatCompletionRequest => "ChatCompletionRequest",
    );
    let (responses, response_problems) = check_all!(Spec::v0_16(), check_response:
        Conversation => "Conversation",
        CompactionResponse => "CompactionResponse",
        GenerateResponse => "GenerateResponse",
        ToolExecutionResult => "ToolExecutionResult",
        MessageSearchResult => "MessageSearchResult",
        MessageSearchHit => "SystemMessageListResult",
        MessageSearchHit => "UserMessageListResult",
        MessageSearchHit => "ReasoningMessageListResult",
        MessageSearchHit => "AssistantMessageListResult",
        RunMetrics => "RunMetrics",
        StepMetrics => "StepMetrics",
        ChatCompletion => "ChatCompletion",
        ChatChoice => "Choice",
        ChatCompletionMessage => "ChatCompletionMessage",
        letta_core::Ping => "LettaPing",
        ApprovalRequestMessage => "ApprovalRequestMessage",
        ApprovalResponseMessage => "ApprovalResponseMessage",
        ToolCallOutcome => "ApprovalReturn",
        ToolCallOutcome => "letta__schemas__letta_message__ToolReturn",
        SummaryMessage => "SummaryMessage",
        EventMessage => "EventMessage",
        // Shared with 0.7.x: the answers and stream events of the agent loop, and what its
        // run, step and job routes return.
        SystemMessage => "SystemMessage",
        UserMessage => "UserMessage",
        ReasoningMessage => "ReasoningMessage",
        HiddenReasoningMessage => "HiddenReasoningMessage",
        ToolCallMessage => "ToolCallMessage",
        ToolReturnMessage => "ToolReturnMessage",
        AssistantMessage => "AssistantMessage",
        LettaResponse => "LettaResponse",
        LettaStopReason => "LettaStopReason",
        LettaUsageStatistics => "LettaUsageStatistics",
        Message => "Message",
        Job => "Job",
        Step => "Step",
        ProviderTrace => "ProviderTrace",
    );
    problems.extend(response_problems);
    let union = &Spec::v0_16().document()["components"]["schemas"]["LettaMessageUnion"];
    let kinds: std::collections::BTreeSet<&str> = union["discriminator"]["mapping"]
        .as_object()
        .expect("a discriminator mapping")
        .keys()
        .map(String::as_str)
        .collect();
    let typed: std::collections::BTreeSet<&str> = LettaMessage::KNOWN_TYPES.iter().copied().collect();
    if kinds != typed {
        problems.push(format!("LettaMessageUnion: spec {kinds:?}, client {typed:?}"));
    }
    println!("0.16.8 agent-loop types checked: {requests} requests, {responses} responses");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
