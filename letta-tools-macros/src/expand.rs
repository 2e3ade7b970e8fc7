//! The code `#[letta_tool]` emits for a checked [`Tool`]: the function itself, a hidden
//! arguments struct, and a unit struct implementing `LettaTool`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;

use crate::parse::{self, Tool};
use crate::types::Return;

/// Expands `#[letta_tool(args)] item`, reaching `letta_core` at `default_crate` unless the
/// `crate` option says otherwise; on errors, emits them next to the item.
pub(crate) fn letta_tool(args: TokenStream, item: TokenStream, default_crate: TokenStream) -> TokenStream {
    match parse::parse(args, item) {
        Ok(tool) => expand(&tool, default_crate),
        Err(failed) => {
            let errors = failed.error.into_compile_error();
            let item = failed.item;
            quote!(#errors #item)
        }
    }
}

fn expand(tool: &Tool, default_crate: TokenStream) -> TokenStream {
    let krate = tool.options.krate(default_crate);
    let private = quote!(#krate::rust_tool::__private);
    let func = &tool.func;
    let fn_ident = &func.sig.ident;
    let vis = &func.vis;
    let args_ident = format_ident!("__LettaToolArgs_{}", fn_ident.unraw());
    let tool_ident = format_ident!(
        "{}Tool",
        camel_case(&fn_ident.unraw().to_string()),
        span = fn_ident.span()
    );
    let name = &tool.name;
    // What exists only under a `cfg` must bring its tool along with it, and no further.
    let cfgs: Vec<_> = func
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .collect();
    let description = &tool.description;

    let serde_crate = format!("{}", quote!(#private::serde)).replace(' ', "");
    let schemars_crate = format!("{}", quote!(#private::schemars)).replace(' ', "");
    let fields = tool.params.iter().map(|param| {
        let ident = &param.ident;
        let ty = &param.ty.field;
        let doc = (!param.description.is_empty()).then(|| {
            let text = &param.description;
            quote!(#[doc = #text])
        });
        let default = param.ty.optional.then(|| quote!(#[serde(default)]));
        quote!(#doc #default #ident: #ty,)
    });
    let call_args = tool.params.iter().map(|param| {
        let ident = &param.ident;
        if param.ty.by_ref {
            quote!(&__letta_args.#ident)
        } else {
            quote!(__letta_args.#ident)
        }
    });

    // The generated code is spanned on the user's tokens so that type errors (a return value
    // that is not `Serialize`, an error that is not `Display`, a future that is not `Send`)
    // point at the function, not at the attribute.
    let await_ = func.sig.asyncness.map(|_| quote!(.await));
    let call = quote_spanned!(fn_ident.span()=> #fn_ident(#(#call_args),*) #await_);
    let (value, ok_span) = match tool.ret {
        Return::Value { value } => (quote!(#call), value),
        Return::Result { value, error } => {
            let message = quote_spanned!(error=> ::std::string::ToString::to_string(&error));
            let matched = quote! {
                match #call {
                    ::core::result::Result::Ok(value) => value,
                    ::core::result::Result::Err(error) => {
                        return ::core::result::Result::Err(#krate::rust_tool::ToolError::Failed(#message));
                    }
                }
            };
            (matched, value)
        }
    };
    let to_json = quote_spanned!(ok_span=> #private::serde_json::to_value(&__letta_value));
    // The coercion to `ToolFuture` is where a non-`Send` future is reported: at `async`.
    let future_span = func
        .sig
        .asyncness
        .map_or(fn_ident.span(), |asyncness| asyncness.span);
    let body = quote! {
        let __letta_args: #args_ident = match #private::serde_json::from_value(arguments) {
            ::core::result::Result::Ok(args) => args,
            ::core::result::Result::Err(error) => {
                return ::core::result::Result::Err(
                    #krate::rust_tool::ToolError::InvalidArguments {
                        tool: ::std::string::ToString::to_string(#name),
                        message: ::std::string::ToString::to_string(&error),
                    },
                );
            }
        };
        let __letta_value = #value;
        #to_json.map_err(|error| #krate::rust_tool::ToolError::InvalidReturn {
            tool: ::std::string::ToString::to_string(#name),
            message: ::std::string::ToString::to_string(&error),
        })
    };
    let future = quote_spanned!(future_span=> ::std::boxed::Box::pin(async move { #body }));

    let tags = &tool.options.tags;
    let with_tags = (!tags.is_empty()).then(|| quote!(.with_tags([#(#tags),*])));
    let with_limit = tool
        .options
        .return_char_limit
        .map(|limit| quote!(.with_return_char_limit(#limit)));
    let struct_doc = format!(
        "The Letta tool `{name}`, which runs [`{fn_name}`]({fn_name}()): register it with a tool host \
         and agents can call the function.",
        fn_name = fn_ident.unraw(),
    );

    quote! {
        #func

        #(#cfgs)*
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #[derive(#private::serde::Deserialize, #private::schemars::JsonSchema)]
        #[serde(crate = #serde_crate)]
        #[schemars(crate = #schemars_crate, title = #name)]
        struct #args_ident {
            #(#fields)*
        }

        #(#cfgs)*
        #[doc = #struct_doc]
        #[derive(Debug, Clone, Copy, Default)]
        #vis struct #tool_ident;

        #(#cfgs)*
        impl #tool_ident {
            /// The tool's name on the Letta server.
            #[allow(dead_code)]
            pub const NAME: &'static str = #name;
        }

        #(#cfgs)*
        impl #krate::rust_tool::LettaTool for #tool_ident {
            fn definition(&self) -> #krate::rust_tool::ToolDefinition {
                #krate::rust_tool::ToolDefinition::new(
                    #name,
                    #description,
                    #private::args_schema::<#args_ident>(),
                )
                #with_tags
                #with_limit
            }

            fn call(&self, arguments: #private::serde_json::Value) -> #krate::rust_tool::ToolFuture {
                #future
            }
        }
    }
}

/// `get_weather` -> `GetWeather`.
fn camel_case(snake: &str) -> String {
    snake
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn snake_case_becomes_camel_case() {
        assert_eq!(camel_case("get_weather"), "GetWeather");
        assert_eq!(camel_case("_private__thing_2"), "PrivateThing2");
        assert_eq!(camel_case("already"), "Already");
    }
}
