use letta_core::rust_tool::LettaTool;
use letta_tools_macros::letta_tool;

mod reexported {
    pub use letta_core as core;
}

/// Ignored: the option wins.
#[letta_tool(
    name = "lookup_word",
    description = "Looks a word up.",
    tags = ["dictionary", "words"],
    return_char_limit = 4000,
    crate = "crate::reexported::core",
)]
fn lookup(word: String) -> String {
    word
}

/// The crate as a path rather than a string.
#[letta_tool(crate = ::letta_core)]
fn with_path() {}

fn main() {
    let definition = LookupTool.definition();
    assert_eq!(definition.name, "lookup_word");
    assert_eq!(LookupTool::NAME, "lookup_word");
    let _ = WithPathTool.definition();
}
