use letta_tools_macros::letta_tool;

struct Secret;

/// Returns something JSON cannot hold.
#[letta_tool]
fn secret() -> Secret {
    Secret
}

fn main() {}
