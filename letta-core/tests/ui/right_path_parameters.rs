// The typed constructors take each path parameter once, by its own ID type, in template order.
use letta_core::ids::{AgentId, BlockId};
use letta_core::operations;

fn main() {
    let request = operations::detach_core_memory_block(&AgentId::new("agent-1"), &BlockId::new("block-1"));
    assert_eq!(
        request.path(),
        Some("/v1/agents/agent-1/core-memory/blocks/detach/block-1")
    );
    let labelled = operations::retrieve_core_memory_block(&AgentId::new("agent-1"), "human");
    assert_eq!(labelled.path(), Some("/v1/agents/agent-1/core-memory/blocks/human"));
}
