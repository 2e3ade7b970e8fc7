use letta_tools_macros::letta_tool;

/// Reads memory.
#[letta_tool]
fn peek(address: *const u8) -> bool {
    address.is_null()
}

fn main() {}
