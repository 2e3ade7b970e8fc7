// A block ID where the path wants an agent ID.
use letta_core::ids::BlockId;
use letta_core::operations;

fn main() {
    let _request = operations::retrieve_agent(&BlockId::new("block-1"));
}
