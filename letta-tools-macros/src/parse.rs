//! From the attribute and the item to a checked [`Tool`], collecting every error on the way.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{FnArg, Ident, Item, ItemFn, Pat};

use crate::docs;
use crate::errors::Errors;
use crate::options::{self, Options};
use crate::python;
use crate::types::{self, ParamType, Return};

/// A function that `#[letta_tool]` accepts, with everything the expansion needs.
pub(crate) struct Tool {
    /// The attribute's options.
    pub(crate) options: Options,
    /// The function as the user wrote it, minus the doc comments on its parameters.
    pub(crate) func: ItemFn,
    /// The tool's name.
    pub(crate) name: String,
    /// The tool's description.
    pub(crate) description: String,
    /// The parameters, in order.
    pub(crate) params: Vec<Param>,
    /// What the function returns.
    pub(crate) ret: Return,
}

/// One parameter of the tool.
pub(crate) struct Param {
    /// Its name (also the arguments struct's field).
    pub(crate) ident: Ident,
    /// Its type and how it is passed.
    pub(crate) ty: ParamType,
    /// Its description; empty if it has none.
    pub(crate) description: String,
}

/// A failed parse: the errors, and the tokens to emit with them so that the item still exists
/// and the user sees no follow-on "cannot find" errors.
pub(crate) struct Failed {
    pub(crate) error: syn::Error,
    pub(crate) item: TokenStream,
}

/// Parses and checks `#[letta_tool(args)] item`.
pub(crate) fn parse(args: TokenStream, item: TokenStream) -> Result<Tool, Failed> {
    let mut errors = Errors::default();
    let options = options::parse(args, &mut errors);
    let mut func = match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Fn(func)) => func,
        Ok(other) => {
            errors.spanned(
                item_head(&other),
                "`#[letta_tool]` goes on a free function (`fn` or `async fn`), not on this item",
            );
            return Err(fail(errors, item));
        }
        Err(error) => {
            errors.push(error);
            return Err(fail(errors, item));
        }
    };

    check_signature(&func.sig, &mut errors);
    let fn_name = func.sig.ident.unraw().to_string();
    if options.name.is_none() {
        if let Some(problem) = python::name_problem(&fn_name) {
            errors.spanned(
                &func.sig.ident,
                format!("{problem}, or set `#[letta_tool(name = \"..\")]`"),
            );
        }
    }
    let fn_docs = docs::fn_docs(&func.attrs);
    let mut params: Vec<Param> = func
        .sig
        .inputs
        .iter_mut()
        .filter_map(|arg| param(arg, &mut errors))
        .collect();

    for arg in &fn_docs.args {
        match params.iter_mut().find(|param| param.ident.unraw() == arg.name) {
            Some(param) if param.description.is_empty() => param.description = arg.text.clone(),
            Some(_) => {}
            None => errors.at(
                arg.span,
                format!(
                    "the `# Arguments` section describes `{}`, which is not a parameter of `{fn_name}`",
                    arg.name
                ),
            ),
        }
    }

    let description = match &options.description {
        Some(description) => description.value().trim().to_owned(),
        None => fn_docs.description,
    };
    if description.is_empty() && options.description.is_none() {
        errors.spanned(
            &func.sig.ident,
            format!(
                "a tool needs a description for the agent; add a doc comment to `{fn_name}` or \
                 `#[letta_tool(description = \"..\")]`"
            ),
        );
    }
    let name = options.name.as_ref().map_or(fn_name, |name| name.value());
    let ret = types::return_kind(&func.sig.output);

    match errors.finish() {
        Ok(()) => Ok(Tool {
            options,
            func,
            name,
            description,
            params,
            ret,
        }),
        Err(error) => Err(Failed {
            error,
            item: func.into_token_stream(),
        }),
    }
}

/// Checks one parameter and takes its doc comment off (rustc rejects doc comments on
/// parameters); `None` if it cannot be a tool parameter.
fn param(arg: &mut FnArg, errors: &mut Errors) -> Option<Param> {
    let pat_type = match arg {
        FnArg::Typed(pat_type) => pat_type,
        FnArg::Receiver(receiver) => {
            errors.spanned(
                &*receiver,
                "a tool cannot be a method; write a free function without `self` (put state the \
                 tool needs in a `static` or pass it as a parameter)",
            );
            return None;
        }
    };
    let description = docs::param_doc(&pat_type.attrs);
    pat_type.attrs.retain(|attr| !docs::is_doc(attr));
    let ident = match &*pat_type.pat {
        Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => Some(pat.ident.clone()),
        other => {
            errors.spanned(
                other,
                "a tool parameter must be a plain name, e.g. `point: Point`; the agent passes \
                 arguments by name (destructure inside the function)",
            );
            None
        }
    };
    if let Some(problem) = ident
        .as_ref()
        .and_then(|ident| python::name_problem(&ident.unraw().to_string()))
    {
        errors.spanned(&pat_type.pat, problem);
    }
    // Checked even for a bad pattern, so that every error shows at once.
    let ty = types::check(&pat_type.ty, errors);
    Some(Param {
        ident: ident?,
        ty,
        description,
    })
}

/// The parts of the signature a tool cannot have, apart from its parameters.
fn check_signature(sig: &syn::Signature, errors: &mut Errors) {
    if !sig.generics.params.is_empty() {
        errors.spanned(
            &sig.generics,
            "a tool cannot be generic: the agent's arguments are decoded into one concrete type per \
             parameter; use concrete types (e.g. `String`, or a struct deriving `Deserialize` and \
             `JsonSchema`)",
        );
    }
    if let Some(where_clause) = &sig.generics.where_clause {
        errors.spanned(
            where_clause,
            "a tool cannot have a `where` clause; use concrete types",
        );
    }
    if let Some(unsafety) = &sig.unsafety {
        errors.spanned(
            unsafety,
            "a tool cannot be `unsafe fn`: the agent calls it with no one to uphold its safety \
             contract; make it safe and use `unsafe` blocks inside",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.spanned(variadic, "a tool cannot be variadic; take a `Vec<T>`");
    }
}

fn fail(errors: Errors, item: TokenStream) -> Failed {
    let error = match errors.finish() {
        Err(error) => error,
        Ok(()) => syn::Error::new(proc_macro2::Span::call_site(), "invalid `#[letta_tool]` item"),
    };
    Failed { error, item }
}

/// The keyword and name of an item, where a "wrong item" error points (the whole item would
/// underline its doc comment and body too).
fn item_head(item: &Item) -> TokenStream {
    let (keyword, name): (&dyn ToTokens, &dyn ToTokens) = match item {
        Item::Struct(item) => (&item.struct_token, &item.ident),
        Item::Enum(item) => (&item.enum_token, &item.ident),
        Item::Union(item) => (&item.union_token, &item.ident),
        Item::Trait(item) => (&item.trait_token, &item.ident),
        Item::Mod(item) => (&item.mod_token, &item.ident),
        Item::Const(item) => (&item.const_token, &item.ident),
        Item::Static(item) => (&item.static_token, &item.ident),
        Item::Type(item) => (&item.type_token, &item.ident),
        Item::Impl(item) => (&item.impl_token, &item.self_ty),
        _ => return item.to_token_stream(),
    };
    quote::quote!(#keyword #name)
}
