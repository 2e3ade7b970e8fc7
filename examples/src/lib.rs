//! Runnable examples: `cargo run -p letta-examples --example <name>`.
