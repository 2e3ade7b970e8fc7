//! Doc comments as descriptions: the function's becomes the tool's description (up to an
//! `# Arguments` heading), and its `# Arguments` section or each parameter's own doc comment
//! describes that parameter.

use proc_macro2::Span;
use syn::{Attribute, Expr, Lit, Meta};

/// One line of a doc comment and the span of the attribute it came from.
struct Line {
    text: String,
    span: Span,
}

/// A parameter's description from the function's `# Arguments` section.
pub(crate) struct ArgDoc {
    /// The parameter's name as written in the docs (no `r#`).
    pub(crate) name: String,
    /// Its description, lines joined with spaces.
    pub(crate) text: String,
    /// The doc attribute it came from, for "no such parameter" errors.
    pub(crate) span: Span,
}

/// What the function's doc comment says.
pub(crate) struct FnDocs {
    /// Everything before the `# Arguments` heading, trimmed; empty if there is no doc comment.
    pub(crate) description: String,
    /// The entries of the `# Arguments` section, in order.
    pub(crate) args: Vec<ArgDoc>,
}

/// Reads the function's doc comment.
pub(crate) fn fn_docs(attrs: &[Attribute]) -> FnDocs {
    let lines = lines(attrs);
    let mut description = Vec::new();
    let mut args: Vec<ArgDoc> = Vec::new();
    let mut in_args = false;
    let mut seen_args = false;
    let mut in_code = false;
    for line in &lines {
        let trimmed = line.text.trim();
        // `#` lines inside code blocks are hidden Rust lines, not headings.
        if trimmed.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code {
            if let Some(title) = heading(trimmed) {
                in_args = !seen_args && is_arguments_heading(title);
                seen_args |= in_args;
                continue;
            }
        }
        if in_args {
            match arg_entry(trimmed) {
                Some((name, text)) => args.push(ArgDoc {
                    name,
                    text,
                    span: line.span,
                }),
                None if !trimmed.is_empty() => {
                    if let Some(last) = args.last_mut() {
                        append(&mut last.text, trimmed);
                    }
                }
                None => {}
            }
        } else if !seen_args {
            description.push(line.text.as_str());
        }
    }
    FnDocs {
        description: description.join("\n").trim().to_owned(),
        args,
    }
}

/// A parameter's own doc comment, lines joined with spaces.
pub(crate) fn param_doc(attrs: &[Attribute]) -> String {
    let mut text = String::new();
    for line in lines(attrs) {
        append(&mut text, line.text.trim());
    }
    text
}

/// Whether the attribute is a doc comment (`///` or `#[doc = ..]`).
pub(crate) fn is_doc(attr: &Attribute) -> bool {
    attr.path().is_ident("doc")
}

/// The lines of the doc attributes, with the indentation common to all of them removed (so a
/// `/** .. */` block reads like `///` lines).
fn lines(attrs: &[Attribute]) -> Vec<Line> {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|attr| is_doc(attr)) {
        // `#[doc = include_str!(..)]` and the like cannot be read here; they are skipped.
        let Meta::NameValue(pair) = &attr.meta else {
            continue;
        };
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) = &pair.value
        else {
            continue;
        };
        // `split`, not `lines`: an empty `///` line is a paragraph break and must stay.
        for text in lit.value().split('\n') {
            lines.push(Line {
                text: text.trim_end_matches('\r').to_owned(),
                span: lit.span(),
            });
        }
    }
    let indent = lines
        .iter()
        .filter(|line| !line.text.trim().is_empty())
        .map(|line| line.text.len() - line.text.trim_start().len())
        .min()
        .unwrap_or(0);
    for line in &mut lines {
        line.text = line.text.get(indent..).unwrap_or("").trim_end().to_owned();
    }
    lines
}

fn append(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(more);
}

/// The title of a Markdown heading line.
fn heading(line: &str) -> Option<&str> {
    let title = line.trim_start_matches('#');
    (title.len() < line.len() && (title.is_empty() || title.starts_with(' '))).then(|| title.trim())
}

fn is_arguments_heading(title: &str) -> bool {
    ["arguments", "args", "parameters"]
        .iter()
        .any(|known| title.eq_ignore_ascii_case(known))
}

/// A `* `name` - text`, `- name: text` or `* name (type): text` line: the name and the text.
fn arg_entry(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix(['*', '-', '+'])?.trim_start();
    let (name, rest) = match rest.strip_prefix('`') {
        Some(quoted) => {
            let end = quoted.find('`')?;
            (&quoted[..end], &quoted[end + 1..])
        }
        None => {
            let end = rest
                .find(|c: char| !(c == '_' || c.is_alphanumeric()))
                .unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        }
    };
    let name = name.strip_prefix("r#").unwrap_or(name).trim();
    if name.is_empty() {
        return None;
    }
    let mut rest = rest.trim_start();
    // A type in parentheses after the name, Google style.
    if let Some(after) = rest.strip_prefix('(') {
        rest = after.split_once(')').map_or("", |(_, tail)| tail).trim_start();
    }
    let text = rest.strip_prefix(['-', ':', '–', '—']).unwrap_or(rest).trim();
    Some((name.to_owned(), text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(lines: &[&str]) -> Vec<Attribute> {
        lines
            .iter()
            .map(|line| syn::parse_quote!(#[doc = #line]))
            .collect()
    }

    #[test]
    fn description_stops_at_the_arguments_heading_and_entries_are_read() {
        let docs = fn_docs(&attrs(&[
            " Gets the weather.",
            "",
            " In a city.",
            "",
            " # Arguments",
            "",
            " * `city` - The city,",
            "   in English.",
            " - days: How many days.",
            " * unit (str): `c` or `f`.",
            "",
            " # Errors",
            " * not_an_arg - ignored",
        ]));
        assert_eq!(docs.description, "Gets the weather.\n\nIn a city.");
        let args: Vec<_> = docs
            .args
            .iter()
            .map(|a| (a.name.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(
            args,
            [
                ("city", "The city, in English."),
                ("days", "How many days."),
                ("unit", "`c` or `f`.")
            ]
        );
    }

    #[test]
    fn hash_lines_in_code_blocks_are_not_headings() {
        let docs = fn_docs(&attrs(&[" Adds.", " ```", " # Arguments", " ```", " More."]));
        assert_eq!(docs.description, "Adds.\n```\n# Arguments\n```\nMore.");
        assert!(docs.args.is_empty());
    }

    #[test]
    fn block_comments_lose_their_common_indentation() {
        let docs = fn_docs(&attrs(&["\n    First.\n      Indented.\n    "]));
        assert_eq!(docs.description, "First.\n  Indented.");
    }

    #[test]
    fn param_docs_join_lines_with_spaces() {
        assert_eq!(
            param_doc(&attrs(&[" The city", " in English."])),
            "The city in English."
        );
        assert_eq!(param_doc(&[]), "");
    }
}
