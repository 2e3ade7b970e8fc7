//! The request constructors' path parameters are checked by the compiler: a wrong count or a
//! wrong kind of ID does not build.

#[test]
fn path_parameters_are_checked_at_compile_time() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/right_path_parameters.rs");
    cases.compile_fail("tests/ui/too_many_path_parameters.rs");
    cases.compile_fail("tests/ui/missing_path_parameter.rs");
    cases.compile_fail("tests/ui/wrong_id_type.rs");
}
