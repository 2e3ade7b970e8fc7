use letta_tools_macros::letta_tool;

/// Boxes something.
#[letta_tool]
fn boxed(value: Box<dyn std::fmt::Display>, bare: dyn std::fmt::Debug) -> String {
    value.to_string()
}

fn main() {}
