//! The code `#[letta_tool]` emits for a checked [`Tool`]: the function itself, a hidden
//! arguments struct, and a unit struct implementing `LettaTool`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::parse::{self, Tool};
use crate::types::Return;

/// Expands `#[letta_tool(args)] item`; on errors, emits them next to the item.
pub(crate) fn letta_tool(args: TokenStream, item: TokenStream) -> TokenStream {
    match parse::parse(args, item) {
        Ok(tool) => expand(&tool),
        Err(failed) => {
            let errors = failed.error.into_compile_error();
            let item = failed.item;
            quote!(#errors #item)
        }
    }
}

fn expand(tool: &Tool) -> TokenStream {
    let krate = tool.options.krate();
    let private = quote!(#krate::rust_tool::__private);
    let func = &tool.func;
    let fn_ident = &func.sig.ident;
    let vis = &func.vis;
    let args_ident = format_ident!("__LettaToolArgs_{}", fn_ident.unraw());
    let tool_ident = format_ident!("{}Tool", camel_case(&fn_ident.unraw().to_string()), span = fn_ident.span());
    let name = &tool.name;
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
        if param.ty.by_ref { quote!(&__letta_args.#ident) } else { quote!(__letta_args.#ident) }
    });

    // Spanned on the signature so that a non-`Send` future or a return type that is not
    // `Serialize` is reported at the user's function, not at the attribute.
    let await_ = func.sig.asyncness.map(|_| quote!(.await));
    let call = quote_spanned!(fn_ident.span()=> #fn_ident(#(#call_args),*) #await_);
    let ret_span = func.sig.output.span();
    let value = match &tool.ret {
        Return::Value => quote!(#call),
        Return::Result => quote_spanned! {ret_span=>
            match #call {
                ::core::result::Result::Ok(value) => value,
                ::core::result::Result::Err(error) => {
                    return ::core::result::Result::Err(#krate::rust_tool::ToolError::Failed(
                        ::std::string::ToString::to_string(&error),
                    ));
                }
            }
        },
    };
    let to_json = quote_spanned!(ret_span=> #private::serde_json::to_value(&__letta_value));

    let tags = &tool.options.tags;
    let with_tags = (!tags.is_empty()).then(|| quote!(.with_tags([#(#tags),*])));
    let with_limit = tool.options.return_char_limit.map(|limit| quote!(.with_return_char_limit(#limit)));
    let struct_doc = format!(
        "The Letta tool `{name}`, which runs [`{fn_name}`]({fn_name}()): register it with a tool host \
         and agents can call the function.",
        fn_name = fn_ident.unraw(),
    );

    quote! {
        #func

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #[derive(#private::serde::Deserialize, #private::schemars::JsonSchema)]
        #[serde(crate = #serde_crate)]
        #[schemars(crate = #schemars_crate)]
        struct #args_ident {
            #(#fields)*
        }

        #[doc = #struct_doc]
        #[derive(Debug, Clone, Copy, Default)]
        #vis struct #tool_ident;

        impl #tool_ident {
            /// The tool's name on the Letta server.
            #[allow(dead_code)]
            pub const NAME: &'static str = #name;
        }

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
                ::std::boxed::Box::pin(async move {
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
                })
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
