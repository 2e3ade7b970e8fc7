//! Letta runs every tool as Python (here, a Python stub with the Rust function's signature), so
//! the tool's and its parameters' names must be valid Python names.

/// Python's reserved words: a stub `def` using one as a name would not parse.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// The parameter Letta adds to every tool's schema.
const HEARTBEAT: &str = "request_heartbeat";

/// Why `name` cannot name a tool or a parameter in Python, if it cannot.
pub(crate) fn name_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let identifier = matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric());
    if !identifier {
        Some(format!(
            "`{name}` is not a Python identifier, and Letta runs tools as Python; use ASCII letters, \
             digits and `_`, not starting with a digit (e.g. `get_weather`)"
        ))
    } else if KEYWORDS.contains(&name) {
        Some(format!(
            "`{name}` is a Python keyword, and Letta runs tools as Python; choose another name (e.g. \
             `{name}_`)"
        ))
    } else if name == HEARTBEAT {
        Some(format!(
            "Letta adds a `{HEARTBEAT}` parameter to every tool; choose another name"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::name_problem;

    #[test]
    fn names_python_cannot_take_are_refused() {
        assert_eq!(name_problem("get_weather"), None);
        assert_eq!(name_problem("_x2"), None);
        assert!(
            name_problem("get-weather")
                .unwrap()
                .contains("not a Python identifier")
        );
        assert!(name_problem("2x").unwrap().contains("not a Python identifier"));
        assert!(name_problem("café").unwrap().contains("not a Python identifier"));
        assert!(name_problem("from").unwrap().contains("Python keyword"));
        assert!(name_problem("request_heartbeat").unwrap().contains("Letta adds"));
    }
}
