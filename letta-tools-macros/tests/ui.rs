//! Compile tests: what `#[letta_tool]` accepts, and the errors (with their spans) for what it
//! does not. Regenerate the `.stderr` files with `TRYBUILD=overwrite` and review each one.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
