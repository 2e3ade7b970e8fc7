//! The Python stub of a Rust tool: the signature and docstring Letta 0.7 derives the tool's
//! schema from, and a body that forwards the call to the tool host (protocol in `mod.rs`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::ToolDefinition;
use super::schema::{holds_structs, tool_description};
use super::shape::{self, Field, Kind, Model, StubError};
use super::{HOST_ENV, SECRET_ENV, SECRET_HEADER, TIMEOUT_ENV};

/// Python's keywords: not usable as names.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Names the server has bound before the stub runs: as a tool name, the server's
/// `derive_openai_json_schema` (which picks the last *new* callable) or its sandbox script
/// (which uses `pickle`, `sys`, `base64`) would break; as a parameter name (the sandbox binds
/// parameters as globals before the stub runs), the stub's annotations or the script would.
const RESERVED: &[&str] = &[
    "Any",
    "Callable",
    "Dict",
    "LettaToolCreateError",
    "List",
    "Literal",
    "ModuleType",
    "Optional",
    "dedent",
    "derive_openai_json_schema",
    "generate_schema",
    "get_function_from_module",
    "get_json_schema_from_module",
    "importlib",
    "inspect",
    "load_function_set",
    "parse_source_code",
    "pickle",
    "sys",
    "base64",
    "agent_state",
    "self",
    "request_heartbeat",
    "BaseModel",
    "Field",
];

/// The prefix of every name the stub binds itself.
const PREFIX: &str = "_lrs";

impl ToolDefinition {
    /// The Python source Letta 0.7 registers for this tool (`ToolCreate::python`).
    ///
    /// `def <name>(...) -> str:` with annotations (`int`, `float`, `bool`, `str`,
    /// `Literal[..]` for string enums, `List[..]`, `Dict` for maps, a pydantic class per
    /// struct, `Optional[..] = None` for parameters that are not required, which follow the
    /// required ones) and a Google-style docstring, so that the server derives
    /// [`letta_json_schema`](ToolDefinition::letta_json_schema). The body forwards the call to
    /// the tool host as the module docs describe, with the standard library only.
    ///
    /// The server keeps one line of a docstring's summary, so every description is written
    /// (and appears in the schema) as one line. Everything interpolated is escaped.
    ///
    /// # Errors
    ///
    /// [`StubError::InvalidName`] when the tool, a parameter or a struct field has a name that
    /// is not a Python identifier, is a Python keyword, or is one the server or the stub
    /// already binds (`pickle`, `List`, `_lrs…`, …); [`StubError::Unsupported`] for types
    /// Letta 0.7 cannot express (unions, tuples, non-string enums, `serde_json::Value`).
    pub fn python_stub(&self) -> Result<String, StubError> {
        let parameters = shape::parameters(self.parameters.as_value());
        let mut writer = Writer {
            tool: &self.name,
            classes: String::new(),
            class_names: HashSet::new(),
            defined: HashMap::new(),
        };
        writer.check_name(&self.name, "tool name")?;
        let ordered = parameters.signature_order();
        let mut signature = Vec::new();
        for field in &ordered {
            writer.check_name(&field.name, "parameter")?;
            let annotation = writer.annotation(&field.kind, &field.name)?;
            signature.push(if field.required {
                format!("{}: {annotation}", field.name)
            } else {
                format!("{}: Optional[{annotation}] = None", field.name)
            });
        }

        let mut source = String::from("from typing import Dict, List, Literal, Optional\n");
        if !writer.classes.is_empty() {
            source.push_str("\nfrom pydantic import BaseModel, Field\n");
            source.push_str(&writer.classes);
        }
        let _ = writeln!(source, "\n\ndef {}({}) -> str:", self.name, signature.join(", "));
        source.push_str(&docstring(&tool_description(self), &ordered));
        source.push_str(&body(&self.name, &ordered));
        Ok(source)
    }
}

/// Collects the pydantic classes while the annotations are written.
struct Writer<'a> {
    tool: &'a str,
    classes: String,
    class_names: HashSet<String>,
    /// Class body -> name: a struct used in several places is defined once.
    defined: HashMap<String, String>,
}

impl Writer<'_> {
    fn check_name(&self, name: &str, what: &str) -> Result<(), StubError> {
        let invalid = |reason| StubError::InvalidName {
            tool: self.tool.to_owned(),
            what: what.to_owned(),
            name: name.to_owned(),
            reason,
        };
        let mut chars = name.chars();
        let starts_well = chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
        if !starts_well || !chars.all(|c| c == '_' || c.is_ascii_alphanumeric()) {
            return Err(invalid("not an ASCII Python identifier"));
        }
        if PYTHON_KEYWORDS.contains(&name) {
            return Err(invalid("a Python keyword"));
        }
        if RESERVED.contains(&name) || name.starts_with(PREFIX) {
            return Err(invalid("a name the Letta server or the stub already binds"));
        }
        // pydantic makes `_x` fields private and `model_x` ones clash with its methods.
        if what.starts_with("field") && (name.starts_with('_') || name.starts_with("model_")) {
            return Err(invalid(
                "pydantic does not allow a field starting with `_` or `model_`",
            ));
        }
        Ok(())
    }

    /// The annotation of a value at `path`, defining the classes it needs.
    fn annotation(&mut self, kind: &Kind, path: &str) -> Result<String, StubError> {
        Ok(match kind {
            Kind::Integer => "int".into(),
            Kind::Number => "float".into(),
            Kind::Boolean => "bool".into(),
            Kind::String => "str".into(),
            Kind::Enum(values) => {
                let values: Vec<String> = values.iter().map(|v| python_string(v)).collect();
                format!("Literal[{}]", values.join(", "))
            }
            Kind::Array(items) => format!("List[{}]", self.annotation(items, path)?),
            Kind::Map => "Dict".into(),
            Kind::Object(model) => self.class(model, path)?,
            Kind::Unsupported(reason) => {
                return Err(StubError::Unsupported {
                    tool: self.tool.to_owned(),
                    path: path.to_owned(),
                    reason: reason.clone(),
                });
            }
        })
    }

    /// Defines a pydantic class for a struct (after the classes of its fields) and names it.
    fn class(&mut self, model: &Model, path: &str) -> Result<String, StubError> {
        let mut fields = String::new();
        for field in &model.fields {
            let field_path = format!("{path}.{}", field.name);
            self.check_name(&field.name, &format!("field `{field_path}`"))?;
            let annotation = self.annotation(&field.kind, &field_path)?;
            let mut arguments = Vec::new();
            if !field.required {
                // `None` as a default, not `Optional[..]`: the server's `clean_property` fails
                // on the `anyOf` pydantic writes for an `Optional` field.
                arguments.push("None".to_owned());
            }
            arguments.push(format!("description={}", python_string(&field.description)));
            if matches!(field.kind, Kind::Array(_)) && !holds_structs(&field.kind) {
                // The server's `clean_schema` fails on the items of such an array; without
                // them it keeps a plain array.
                arguments.push("json_schema_extra=lambda schema: schema.pop(\"items\", None)".to_owned());
            }
            let _ = writeln!(
                fields,
                "    {}: {annotation} = Field({})",
                field.name,
                arguments.join(", ")
            );
        }
        if fields.is_empty() {
            fields.push_str("    pass\n");
        }
        if let Some(name) = self.defined.get(&fields) {
            return Ok(name.clone());
        }
        let name = self.class_name(path);
        let _ = write!(self.classes, "\n\nclass {name}(BaseModel):\n{fields}");
        self.defined.insert(fields, name.clone());
        Ok(name)
    }

    /// `_Lrs` and the path in CamelCase: private to the stub, and unique.
    fn class_name(&mut self, path: &str) -> String {
        let camel: String = path
            .split(['.', '_'])
            .filter(|part| !part.is_empty())
            .map(|part| {
                let mut chars = part.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase())
                    .into_iter()
                    .chain(chars)
                    .collect::<String>()
            })
            .collect();
        let base = format!("_Lrs{camel}");
        let mut name = base.clone();
        let mut n = 2;
        while !self.class_names.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }
}

/// The summary, then an `Args:` entry per parameter, in signature order.
fn docstring(summary: &str, parameters: &[&Field]) -> String {
    let mut doc = format!("    \"\"\"{}\n", escape(summary));
    if !parameters.is_empty() {
        doc.push_str("\n    Args:\n");
        for field in parameters {
            let _ = writeln!(doc, "        {}: {}", field.name, escape(&field.description));
        }
    }
    doc.push_str("    \"\"\"\n");
    doc
}

/// A Python string literal of `text`.
pub(crate) fn python_string(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// `text` escaped for the inside of a `"…"` or `"""…"""` literal: every quote (so no `"""`
/// can form), backslash and control or line-separator character.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The forwarding body (see the protocol in `mod.rs`). Every local name starts with `_lrs`,
/// which no parameter may. The imports are local so the module defines no callable after the
/// function (Letta 0.7 executes the module and takes the last callable as the tool), and the
/// body defines no function (Letta 0.16 walks the syntax tree breadth first and takes the last
/// `def` it meets, which would be a nested one).
fn body(tool: &str, parameters: &[&Field]) -> String {
    let arguments: Vec<String> = parameters
        .iter()
        .map(|f| format!("({}, {})", python_string(&f.name), f.name))
        .collect();
    let mut body = String::new();
    let _ = write!(
        body,
        r#"    import json as _lrs_json
    import os as _lrs_os
    import urllib.error as _lrs_error
    import urllib.request as _lrs_request

    _lrs_tool = {tool}

    for _lrs_name in ({host_env}, {secret_env}):
        if not _lrs_os.environ.get(_lrs_name):
            raise RuntimeError("letta-rs tool " + _lrs_tool + ": environment variable " + _lrs_name + " is missing or empty")
    _lrs_host = _lrs_os.environ[{host_env}]
    _lrs_secret = _lrs_os.environ[{secret_env}]
    try:
        _lrs_timeout = float(_lrs_os.environ.get({timeout_env}) or 60)
    except ValueError:
        raise RuntimeError("letta-rs tool " + _lrs_tool + ": " + {timeout_env} + " is not a number of seconds") from None
    _lrs_arguments = {{}}
    for _lrs_key, _lrs_value in [{arguments}]:
        if _lrs_value is not None:
            _lrs_arguments[_lrs_key] = _lrs_value
    _lrs_call = _lrs_request.Request(
        _lrs_host.rstrip("/") + "/tools/" + _lrs_tool,
        # Pydantic values as plain JSON (the sandbox usually passes dicts already).
        data=_lrs_json.dumps(_lrs_arguments, default=lambda _lrs_model: _lrs_model.model_dump(exclude_none=True)).encode("utf-8"),
        headers={{"content-type": "application/json", {secret_header}: _lrs_secret}},
        method="POST",
    )
    # No proxies: the host is reached directly, whatever proxy the sandbox's environment names.
    _lrs_opener = _lrs_request.build_opener(_lrs_request.ProxyHandler({{}}))
    try:
        with _lrs_opener.open(_lrs_call, timeout=_lrs_timeout) as _lrs_response:
            _lrs_body = _lrs_response.read()
    except _lrs_error.HTTPError as _lrs_failure:
        _lrs_detail = _lrs_failure.read().decode("utf-8", "replace")
        raise RuntimeError("letta-rs tool " + _lrs_tool + ": the tool host answered HTTP " + str(_lrs_failure.code) + ": " + _lrs_detail) from None
    except OSError as _lrs_failure:
        # A timeout while connecting comes wrapped in a URLError, one while reading bare.
        if isinstance(_lrs_failure, TimeoutError) or isinstance(getattr(_lrs_failure, "reason", None), TimeoutError):
            raise RuntimeError("letta-rs tool " + _lrs_tool + ": the tool host did not answer within " + str(_lrs_timeout) + " s") from None
        raise RuntimeError("letta-rs tool " + _lrs_tool + ": cannot reach the tool host at " + _lrs_host + ": " + str(_lrs_failure)) from None
    try:
        _lrs_reply = _lrs_json.loads(_lrs_body)
    except ValueError:
        raise RuntimeError("letta-rs tool " + _lrs_tool + ": the tool host's answer is not JSON") from None
    if isinstance(_lrs_reply, dict) and "error" in _lrs_reply:
        raise RuntimeError(str(_lrs_reply["error"]))
    if not isinstance(_lrs_reply, dict) or "ok" not in _lrs_reply:
        raise RuntimeError("letta-rs tool " + _lrs_tool + ": the tool host's answer has neither ok nor error")
    _lrs_result = _lrs_reply["ok"]
    if isinstance(_lrs_result, str):
        return _lrs_result
    # Non-ASCII as it is: the agent's model reads this text.
    return _lrs_json.dumps(_lrs_result, ensure_ascii=False)
"#,
        tool = python_string(tool),
        host_env = python_string(HOST_ENV),
        secret_env = python_string(SECRET_ENV),
        timeout_env = python_string(TIMEOUT_ENV),
        secret_header = python_string(SECRET_HEADER),
        arguments = arguments.join(", "),
    );
    body
}
