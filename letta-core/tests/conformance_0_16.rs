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
        McpToolArgs => "letta__schemas__mcp_server__ToolExecuteRequest",
        McpToolArgs => "letta__server__rest_api__routers__v1__tools__ToolExecuteRequest",
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
