use letta_tools_macros::letta_tool;

#[derive(Debug)]
struct Opaque;

/// Fails opaquely.
#[letta_tool]
fn fail() -> Result<i32, Opaque> {
    Err(Opaque)
}

fn main() {}
