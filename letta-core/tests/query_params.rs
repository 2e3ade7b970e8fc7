//! Every query parameter the server takes can be set, and no other is sent.
//!
//! For each operation of the OpenAPI document (`spec/openapi-0.7.29.json`) that takes query
//! parameters, the handle methods that call it (found in `src/api/` by their `ops::name(` calls)
//! must be able to send each of them: as a field of a param struct they take (field names are
//! read from the struct's `Serialize`, skipped fields included), or as a key they send from their
//! own arguments (listed below and checked in the source). A param struct must not have a field
//! the operation does not declare: 0.7.29 ignores unknown query keys, so a typo would silently
//! filter nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde::ser::{self, Impossible};

use letta_core::types::*;

mod source;

/// Query parameters 0.7.29's routers take that its OpenAPI document leaves out. `tools.py`
/// declares the route `count_tools` twice; the document describes the second, the server runs
/// the first, which takes `include_base_tools`.
const ROUTER_ONLY: &[(&str, &str)] = &[("count_tools", "include_base_tools")];

/// Keys the handles send from their own arguments instead of a param struct, by operation.
const FROM_ARGUMENTS: &[(&str, &str)] = &[
    // Computed from `tags` (0.7.29 filters tags only with `match_all_tags=true`).
    ("list_agents", "match_all_tags"),
    ("list_agent_groups", "manager_type"),
    ("reset_messages", "add_default_initial_messages"),
    ("list_jobs", "source_id"),
    ("check_provider_0_7", "provider_type"),
    ("delete_user", "user_id"),
    ("update_organization", "org_id"),
    ("delete_organization_by_id", "org_id"),
];

/// The query keys a param type can send: its field names, as `Serialize` reports them.
fn fields_of<T: Serialize + Default>() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    T::default()
        .serialize(FieldNames(&mut names))
        .expect("a param type serialises as a struct");
    names
}

/// Every param type the handles take, by name.
fn param_types() -> BTreeMap<&'static str, BTreeSet<String>> {
    macro_rules! registry {
        ($($ty:ident),+ $(,)?) => { BTreeMap::from([$((stringify!($ty), fields_of::<$ty>())),+]) };
    }
    registry!(
        CountToolsParams,
        ImportAgentParams,
        ListAgentsParams,
        ListBatchMessagesParams,
        ListBlocksParams,
        ListGroupMessagesParams,
        ListGroupsParams,
        ListIdentitiesParams,
        ListMessagesParams,
        ListModelsParams,
        ListPassagesParams,
        ListProvidersParams,
        ListRunMessagesParams,
        ListRunStepsParams,
        ListRunsParams,
        ListSandboxConfigsParams,
        ListSourcePassagesParams,
        ListStepsParams,
        ListTagsParams,
        ListToolsParams,
        PageParams,
    )
}

/// The query parameters of each operation of the OpenAPI document, by the name of its typed
/// constructor in `letta_core::operations`.
fn spec_query_params() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, method, path, op) in source::spec_operations() {
        let params: BTreeSet<String> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        out.insert(source::constructor_of(&method, &path), params);
    }
    for (op, param) in ROUTER_ONLY {
        out.get_mut(*op)
            .expect("a router-only parameter of a known operation")
            .insert(param.to_string());
    }
    out
}

/// The query parameters 0.16.8 declares for each operation 0.7.29 also serves: a param type may
/// carry them too (0.7.29 ignores a query parameter it does not know), set only by callers of a
/// 0.16 server.
fn query_params_0_16() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, method, path, op) in source::spec_operations_0_16() {
        let params: BTreeSet<String> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        out.insert(source::constructor_of(&method, &path), params);
    }
    out
}

/// The `*Params` types named in a method's text.
fn params_named(item: &str) -> BTreeSet<String> {
    item.match_indices("Params")
        .filter_map(|(end, _)| {
            let start = item[..end]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |i| i + 1);
            let name = &item[start..end + "Params".len()];
            let followed_by_ident =
                item[end + "Params".len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
            (name.starts_with(|c: char| c.is_ascii_uppercase()) && !followed_by_ident)
                .then(|| name.to_owned())
        })
        .collect()
}

#[test]
fn every_query_parameter_can_be_sent_and_no_other_is() {
    let spec = spec_query_params();
    let newer = query_params_0_16();
    let registry = param_types();
    let methods: Vec<(String, BTreeSet<String>, String)> = source::handle_methods()
        .into_iter()
        .map(|m| (format!("{}::{}", m.file, m.name), m.operations, m.text))
        .collect();
    let types_source: String =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/types"))
            .expect("src/types")
            .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("source"))
            .collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (op, declared) in spec.iter().filter(|(_, params)| !params.is_empty()) {
        let callers: Vec<_> = methods.iter().filter(|(_, ops, _)| ops.contains(op)).collect();
        if callers.is_empty() {
            problems.push(format!("{op}: no handle method calls it"));
            continue;
        }
        let mut sendable = BTreeSet::new();
        for (method, _, item) in &callers {
            for ty in params_named(item) {
                match registry.get(ty.as_str()) {
                    Some(fields) => {
                        for field in fields {
                            let in_0_16 = newer.get(op).is_some_and(|params| params.contains(field));
                            if !declared.contains(field) && !in_0_16 {
                                problems.push(format!(
                                    "{op}: {method} takes {ty}, whose `{field}` neither document declares for the operation"
                                ));
                            }
                        }
                        sendable.extend(fields.iter().cloned());
                    }
                    None => problems.push(format!("{method}: {ty} is not in this test's registry")),
                }
            }
        }
        for (_, key) in FROM_ARGUMENTS.iter().filter(|(o, _)| o == op) {
            let literal = format!("\"{key}\"");
            if callers.iter().any(|(_, _, item)| item.contains(&literal)) || types_source.contains(&literal) {
                sendable.insert(key.to_string());
            } else {
                problems.push(format!(
                    "{op}: `{key}` is listed as sent from arguments, but no caller sends it"
                ));
            }
        }
        for missing in declared.difference(&sendable) {
            let names: Vec<&str> = callers.iter().map(|(m, _, _)| m.as_str()).collect();
            problems.push(format!("{op}: `{missing}` cannot be sent ({})", names.join(", ")));
        }
        checked += 1;
    }
    println!("operations with query parameters checked: {checked}");
    assert!(checked >= 30, "only {checked} operations checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn field_names_include_unset_and_skipped_if_empty_fields() {
    let fields = fields_of::<ListModelsParams>();
    assert_eq!(
        fields,
        BTreeSet::from([
            "provider_category".into(),
            "provider_name".into(),
            "provider_type".into()
        ])
    );
    assert_eq!(
        params_named(
            "pub fn list(&self, p: &ListRunsParams) { let q = ListRunsParamsX; ops::x(PageParams::limit(1)) }"
        ),
        BTreeSet::from(["ListRunsParams".into(), "PageParams".into()])
    );
}

/// A serializer that records the field names of the struct given to it, the ones
/// `skip_serializing_if` leaves out included, and nothing else.
struct FieldNames<'a>(&'a mut BTreeSet<String>);

#[derive(Debug)]
struct NotAStruct(String);

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<M: std::fmt::Display>(message: M) -> Self {
        NotAStruct(message.to_string())
    }
}

impl ser::SerializeStruct for FieldNames<'_> {
    type Ok = ();
    type Error = NotAStruct;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, _: &T) -> Result<(), NotAStruct> {
        self.0.insert(key.to_owned());
        Ok(())
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), NotAStruct> {
        self.0.insert(key.to_owned());
        Ok(())
    }
    fn end(self) -> Result<(), NotAStruct> {
        Ok(())
    }
}

macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*)),+ $(,)?) => {$(
        fn $method(self, $(_: $arg),*) -> Result<(), NotAStruct> {
            Err(NotAStruct(concat!("a param type must be a struct, not ", stringify!($method)).into()))
        }
    )+};
}

impl<'a> ser::Serializer for FieldNames<'a> {
    type Ok = ();
    type Error = NotAStruct;
    type SerializeSeq = Impossible<(), NotAStruct>;
    type SerializeTuple = Impossible<(), NotAStruct>;
    type SerializeTupleStruct = Impossible<(), NotAStruct>;
    type SerializeTupleVariant = Impossible<(), NotAStruct>;
    type SerializeMap = Impossible<(), NotAStruct>;
    type SerializeStruct = FieldNames<'a>;
    type SerializeStructVariant = Impossible<(), NotAStruct>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<FieldNames<'a>, NotAStruct> {
        Ok(self)
    }

    not_a_struct!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not an option".into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not a newtype".into()))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not an enum".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not a sequence".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not a tuple".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct(
            "a param type must be a struct, not a tuple struct".into(),
        ))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not an enum".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not a map".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct("a param type must be a struct, not an enum".into()))
    }
}
