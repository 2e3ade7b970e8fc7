// `retrieve_agent` takes the one parameter of `/v1/agents/{agent_id}`.
use letta_core::ids::AgentId;
use letta_core::operations;

fn main() {
    let agent = AgentId::new("agent-1");
    let _request = operations::retrieve_agent(&agent, &agent);
}
