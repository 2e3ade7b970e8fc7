//! The options inside `#[letta_tool(..)]`: parsed one by one so that every bad option is
//! reported, not just the first.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprArray, Lit, LitStr, Meta, Token};

use crate::errors::Errors;
use crate::python;

/// The options given to `#[letta_tool(..)]`; all optional.
#[derive(Default)]
pub(crate) struct Options {
    /// `name = ".."`: the tool's name instead of the function's.
    pub(crate) name: Option<LitStr>,
    /// `description = ".."`: instead of the function's doc comment.
    pub(crate) description: Option<LitStr>,
    /// `tags = ["a", "b"]`.
    pub(crate) tags: Vec<LitStr>,
    /// `return_char_limit = 4000`.
    pub(crate) return_char_limit: Option<u32>,
    /// `crate = "path::to::letta_core"`: where the expansion finds `letta_core`.
    pub(crate) krate: Option<syn::Path>,
}

impl Options {
    /// The path the expansion uses for `letta_core`: the `crate` option, else `default`.
    pub(crate) fn krate(&self, default: TokenStream) -> TokenStream {
        match &self.krate {
            Some(path) => quote!(#path),
            None => default,
        }
    }
}

const KNOWN: &str = "`name`, `description`, `tags`, `return_char_limit`, `crate`";

/// Parses the attribute's arguments; errors go to `errors` and the option is left unset.
pub(crate) fn parse(args: TokenStream, errors: &mut Errors) -> Options {
    let mut options = Options::default();
    let metas = match Punctuated::<Meta, Token![,]>::parse_terminated.parse2(args) {
        Ok(metas) => metas,
        Err(err) => {
            errors.push(err);
            return options;
        }
    };
    let mut tags_seen = false;
    for meta in metas {
        let Meta::NameValue(pair) = &meta else {
            errors.spanned(
                &meta,
                format!("expected `option = value`; the options are {KNOWN}, e.g. `name = \"get_weather\"`"),
            );
            continue;
        };
        let key = match pair.path.get_ident() {
            Some(ident) => ident.to_string(),
            None => String::new(),
        };
        let value = &pair.value;
        let duplicate = match key.as_str() {
            "name" => set(&mut options.name, string(value, "name = \"get_weather\"", errors)),
            "description" => set(
                &mut options.description,
                string(value, "description = \"What the tool does\"", errors),
            ),
            "tags" => {
                if let Some(tags) = string_list(value, errors) {
                    options.tags = tags;
                }
                std::mem::replace(&mut tags_seen, true)
            }
            "return_char_limit" => set(&mut options.return_char_limit, limit(value, errors)),
            "crate" => set(&mut options.krate, crate_path(value, errors)),
            _ => {
                errors.spanned(&pair.path, format!("unknown option; the options are {KNOWN}"));
                false
            }
        };
        if duplicate {
            errors.spanned(&pair.path, format!("option `{key}` is given twice; give it once"));
        }
    }
    if let Some(name) = &options.name {
        if let Some(problem) = python::name_problem(&name.value()) {
            errors.spanned(name, problem);
        }
    }
    if let Some(description) = &options.description {
        if description.value().trim().is_empty() {
            errors.spanned(description, "the description is empty; say what the tool does");
        }
    }
    options
}

/// Stores `value` if parsed; says whether the option was already set.
fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    match value {
        Some(value) => slot.replace(value).is_some(),
        None => false,
    }
}

fn string(value: &Expr, example: &str, errors: &mut Errors) -> Option<LitStr> {
    match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) => Some(lit.clone()),
        _ => {
            errors.spanned(value, format!("expected a string literal, e.g. `{example}`"));
            None
        }
    }
}

fn string_list(value: &Expr, errors: &mut Errors) -> Option<Vec<LitStr>> {
    const EXAMPLE: &str = "expected a list of string literals, e.g. `tags = [\"weather\", \"io\"]`";
    let Expr::Array(ExprArray { elems, .. }) = value else {
        errors.spanned(value, EXAMPLE);
        return None;
    };
    let mut tags = Vec::new();
    let mut ok = true;
    for elem in elems {
        match elem {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(lit), ..
            }) => tags.push(lit.clone()),
            _ => {
                errors.spanned(elem, EXAMPLE);
                ok = false;
            }
        }
    }
    ok.then_some(tags)
}

fn limit(value: &Expr, errors: &mut Errors) -> Option<u32> {
    const EXAMPLE: &str = "expected a whole number of characters, e.g. `return_char_limit = 4000`";
    match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(lit), ..
        }) => match lit.base10_parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.spanned(lit, format!("{EXAMPLE} (at most {})", u32::MAX));
                None
            }
        },
        _ => {
            errors.spanned(value, EXAMPLE);
            None
        }
    }
}

/// `crate = "path"` as serde spells it, or a bare path.
fn crate_path(value: &Expr, errors: &mut Errors) -> Option<syn::Path> {
    const EXAMPLE: &str = "expected the path to `letta_core`, e.g. `crate = \"::my_crate::letta_core\"`";
    match value {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) => match lit.parse::<syn::Path>() {
            Ok(path) => Some(path),
            Err(_) => {
                errors.spanned(lit, EXAMPLE);
                None
            }
        },
        Expr::Path(path) if path.qself.is_none() => Some(path.path.clone()),
        _ => {
            errors.spanned(value, EXAMPLE);
            None
        }
    }
}
