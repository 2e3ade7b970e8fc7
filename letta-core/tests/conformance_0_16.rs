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
