//! `#[letta_tool]`: turns a Rust function into a Letta tool. Work in progress; no macro is
//! exported yet.
