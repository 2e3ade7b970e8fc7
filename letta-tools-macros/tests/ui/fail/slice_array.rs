use letta_tools_macros::letta_tool;

/// Sums numbers.
#[letta_tool]
fn sum(values: &[i64], fixed: [i64; 3]) -> i64 {
    values.iter().chain(fixed.iter()).sum()
}

fn main() {}
