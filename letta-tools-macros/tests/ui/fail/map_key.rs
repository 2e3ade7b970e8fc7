use std::collections::{BTreeMap, HashMap};

use letta_tools_macros::letta_tool;

/// Sums values.
#[letta_tool]
fn sum(by_id: HashMap<u32, i64>, by_flag: BTreeMap<bool, i64>) -> i64 {
    by_id.values().chain(by_flag.values()).sum()
}

fn main() {}
