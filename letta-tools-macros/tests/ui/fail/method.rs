use letta_tools_macros::letta_tool;

struct Counter;

impl Counter {
    /// Counts.
    #[letta_tool]
    fn count(&self, step: i32) -> i32 {
        step
    }
}

fn main() {}
