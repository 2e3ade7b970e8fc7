use letta_tools_macros::letta_tool;

/// Echoes anything.
#[letta_tool]
fn echo<T: serde::Serialize>(value: T) -> T
where
    T: Clone,
{
    value
}

fn main() {}
