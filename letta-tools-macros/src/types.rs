//! Which parameter types a tool can take, checked on the syntax: each must deserialize from
//! the JSON the agent sends and have a JSON schema Letta understands.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{GenericArgument, PathArguments, Type, TypePath};

use crate::errors::Errors;

/// How a parameter travels from the arguments struct to the function.
pub(crate) struct ParamType {
    /// The field's type in the arguments struct.
    pub(crate) field: Type,
    /// A `&str` parameter: the field is a `String`, passed as `&field`.
    pub(crate) by_ref: bool,
    /// An `Option<T>` parameter: not required.
    pub(crate) optional: bool,
}

/// Checks a parameter's type, recording what is not supported.
pub(crate) fn check(ty: &Type, errors: &mut Errors) -> ParamType {
    let ty = ungroup(ty);
    if let Type::Reference(reference) = ty {
        if is_plain_str(reference) {
            return ParamType {
                field: syn::parse_quote!(::std::string::String),
                by_ref: true,
                optional: false,
            };
        }
    }
    check_nested(ty, errors);
    ParamType {
        field: ty.clone(),
        by_ref: false,
        optional: last_segment_is(ty, "Option"),
    }
}

/// `&str` without a named lifetime and not `mut`.
fn is_plain_str(reference: &syn::TypeReference) -> bool {
    let static_lifetime = reference
        .lifetime
        .as_ref()
        .is_some_and(|lifetime| lifetime.ident == "static");
    reference.mutability.is_none() && !static_lifetime && is_path(&reference.elem, "str")
}

/// Records an error for each unsupported part of `ty`.
fn check_nested(ty: &Type, errors: &mut Errors) {
    match ungroup(ty) {
        Type::Path(path) => check_path(path, errors),
        Type::Reference(reference) if is_path(&reference.elem, "str") && reference.mutability.is_none() => {
            let message = if reference.lifetime.as_ref().is_some_and(|lt| lt.ident == "static") {
                "a tool parameter cannot borrow for `'static`; take `&str` or `String`"
            } else {
                "`&str` is supported only as a parameter's whole type; take `String` here"
            };
            errors.spanned(reference, message);
        }
        Type::Reference(reference) => {
            let elem = ungroup(&reference.elem);
            let message = match elem {
                _ if is_path(elem, "String") => {
                    "take `String` or `&str` instead of a reference to a `String`"
                }
                Type::Slice(_) => "take `Vec<T>` instead of a slice",
                _ if is_path(elem, "str") => "take `&str` or `String` instead of `&mut str`",
                _ => "tool parameters are decoded from JSON and owned; take the type by value, without `&`",
            };
            errors.spanned(reference, message);
        }
        Type::Slice(_) | Type::Array(_) => errors.spanned(ty, "take `Vec<T>` instead of a slice or an array"),
        Type::Tuple(tuple) if tuple.elems.is_empty() => {
            errors.spanned(ty, "a `()` parameter carries nothing; remove it")
        }
        Type::Tuple(_) => errors.spanned(
            ty,
            "tuples are not supported; take separate parameters or a struct deriving `Deserialize` and \
             `JsonSchema`",
        ),
        Type::ImplTrait(_) => errors.spanned(
            ty,
            "`impl Trait` parameters are not supported; take a concrete type such as `String`, `Vec<T>` \
             or a struct deriving `Deserialize` and `JsonSchema`",
        ),
        Type::TraitObject(_) => errors.spanned(
            ty,
            "`dyn Trait` is not supported; take a concrete type such as a struct or enum deriving \
             `Deserialize` and `JsonSchema`",
        ),
        Type::Ptr(_) => errors.spanned(ty, "raw pointers are not supported; take the value itself"),
        Type::BareFn(_) => errors.spanned(
            ty,
            "function pointers cannot come from JSON; take data (e.g. a `String` or an enum) instead",
        ),
        _ => errors.spanned(
            ty,
            "unsupported parameter type; take a number, `bool`, `String`, `&str`, `Option<T>`, `Vec<T>`, \
             a map with `String` keys, or a struct or enum deriving `Deserialize` and `JsonSchema`",
        ),
    }
}

fn check_path(path: &TypePath, errors: &mut Errors) {
    if path.qself.is_some() {
        errors.spanned(
            path,
            "qualified paths (`<T as Trait>::X`) are not supported; name the type itself",
        );
        return;
    }
    let Some(last) = path.path.segments.last() else {
        return;
    };
    let args = match &last.arguments {
        PathArguments::None => return,
        PathArguments::Parenthesized(_) => {
            errors.spanned(path, "`Fn(..)` types cannot come from JSON; take data instead");
            return;
        }
        PathArguments::AngleBracketed(args) => args,
    };
    let types: Vec<&Type> = args
        .args
        .iter()
        .filter_map(|arg| match arg {
            GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect();
    let name = last.ident.to_string();
    match (name.as_str(), types.as_slice()) {
        ("Option" | "Vec", [inner]) if types.len() == args.args.len() => check_nested(inner, errors),
        ("HashMap" | "BTreeMap", [key, value]) if types.len() == args.args.len() => {
            if !is_path(key, "String") {
                errors.spanned(
                    key,
                    "JSON object keys are strings; use `String` as the map's key type (or a `Vec` of a \
                     struct for other keys)",
                );
            }
            check_nested(value, errors);
        }
        _ => errors.spanned(
            last,
            format!(
                "generic type `{name}<..>` is not supported; take `Option<T>`, `Vec<T>`, `HashMap<String, T>`, \
                 `BTreeMap<String, T>`, or a struct or enum without generics deriving `Deserialize` and \
                 `JsonSchema`"
            ),
        ),
    }
}

/// Looks through the invisible groups `macro_rules!` wraps types in, and parentheses.
fn ungroup(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => ungroup(&group.elem),
        Type::Paren(paren) => ungroup(&paren.elem),
        _ => ty,
    }
}

/// Whether `ty` is a path ending in `name` with no generic arguments.
fn is_path(ty: &Type, name: &str) -> bool {
    match ungroup(ty) {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == name && last.arguments.is_none()),
        _ => false,
    }
}

/// Whether `ty` is a path whose last segment is `name` (with any arguments).
fn last_segment_is(ty: &Type, name: &str) -> bool {
    match ungroup(ty) {
        Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().is_some_and(|last| last.ident == name)
        }
        _ => false,
    }
}

/// What a function returns, for the expansion; the spans are where "not `Serialize`" and "not
/// `Display`" errors point.
pub(crate) enum Return {
    /// A value to serialize (no return type is `()`).
    Value {
        /// The return type.
        value: Span,
    },
    /// `Result<T, E>` (or an alias spelled `..::Result<..>`): `Err` is a failed call.
    Result {
        /// `T`, or the whole type for an alias with one argument.
        value: Span,
        /// `E`, or the whole type for an alias with one argument.
        error: Span,
    },
}

/// Classifies the function's return type.
pub(crate) fn return_kind(output: &syn::ReturnType) -> Return {
    let syn::ReturnType::Type(_, ty) = output else {
        return Return::Value { value: output.span() };
    };
    let whole = ty.span();
    let Type::Path(path) = ungroup(ty) else {
        return Return::Value { value: whole };
    };
    let result_args = path.path.segments.last().and_then(|last| match &last.arguments {
        PathArguments::AngleBracketed(args) if path.qself.is_none() && last.ident == "Result" => Some(args),
        _ => None,
    });
    let Some(args) = result_args else {
        return Return::Value { value: whole };
    };
    let types: Vec<&Type> = args
        .args
        .iter()
        .filter_map(|arg| match arg {
            GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [value, error] => Return::Result {
            value: value.span(),
            error: error.span(),
        },
        _ => Return::Result {
            value: whole,
            error: whole,
        },
    }
}
