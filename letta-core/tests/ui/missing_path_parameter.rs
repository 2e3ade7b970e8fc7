// `detach_core_memory_block` needs both the agent and the block.
use letta_core::ids::AgentId;
use letta_core::operations;

fn main() {
    let _request = operations::detach_core_memory_block(&AgentId::new("agent-1"));
}
