//! [`Request`]: one operation of the table, its path filled, with its query, body and headers.
//!
//! Built by the typed constructors of [`operations`](crate::operations) and sent with
//! [`LettaClient::call`](crate::LettaClient::call) and its siblings. Every resource handle goes
//! through it, so it is also the way to reach an operation no handle method covers.
//!
//! Building never fails: an empty ID or a body that does not encode is kept and reported when
//! the request is sent, so a request reads as one expression.

use std::fmt;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use crate::error::LettaError;
use crate::operations::Operation;

/// One request of one [`Operation`]: its path (parameters filled and escaped), query string,
/// body and extra headers.
///
/// ```no_run
/// # async fn run(client: letta_core::LettaClient) -> Result<(), letta_core::LettaError> {
/// use letta_core::ids::AgentId;
/// use letta_core::operations;
/// // What `client.agents().retrieve(..)` sends, read as raw JSON.
/// let agent: serde_json::Value = client
///     .call(operations::retrieve_agent(&AgentId::new("agent-123")))
///     .await?;
/// # Ok(()) }
/// ```
pub struct Request {
    op: &'static Operation,
    path: String,
    /// Form-encoded, without the `?`.
    query: String,
    body: RequestBody,
    headers: HeaderMap,
    /// The first mistake found while building; the request is not sent.
    error: Option<LettaError>,
}

/// How a request body is encoded.
#[derive(Clone)]
pub(crate) enum RequestBody {
    Empty,
    Json(Bytes),
    /// Any other encoding (multipart uploads), with its content type.
    Raw {
        bytes: Bytes,
        content_type: String,
    },
}

/// A request checked and ready to go.
#[derive(Clone)]
pub(crate) struct Parts {
    pub(crate) op: &'static Operation,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) body: RequestBody,
    pub(crate) headers: HeaderMap,
}

impl Request {
    /// A request of `op` with its placeholders filled by `params` (name, value), in order; the
    /// typed constructors in [`operations`](crate::operations) guarantee their count and names.
    pub(crate) fn new(op: &'static Operation, params: &[(&str, &str)]) -> Request {
        let mut error = None;
        let mut path = String::with_capacity(op.path.len() + 48);
        let mut rest = op.path;
        for (name, value) in params {
            let Some(open) = rest.find('{') else { break };
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            path.push_str(&rest[..open]);
            match crate::ids::segment(name, value) {
                Ok(segment) => path.push_str(&segment),
                Err(e) => {
                    error.get_or_insert(e);
                }
            }
            rest = &rest[close..];
        }
        path.push_str(rest);
        Request {
            op,
            path,
            query: String::new(),
            body: RequestBody::Empty,
            headers: HeaderMap::new(),
            error,
        }
    }

    /// Adds query parameters: the fields of `params` (a struct deriving `Serialize`; `None`
    /// fields are skipped by the param types of this crate, a list becomes one `key=value` per
    /// item). Can be called more than once.
    pub fn query<P: Serialize + ?Sized>(mut self, params: &P) -> Request {
        match serde_html_form::to_string(params) {
            Ok(encoded) if encoded.is_empty() => {}
            Ok(encoded) => {
                if !self.query.is_empty() {
                    self.query.push('&');
                }
                self.query.push_str(&encoded);
            }
            Err(e) => self.fail(format!(
                "{}: the query parameters could not be encoded: {e}",
                self.op.id
            )),
        }
        self
    }

    /// Sets the body to `body` encoded as JSON.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Request {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = RequestBody::Json(Bytes::from(bytes)),
            Err(e) => self.fail(format!(
                "{}: the request body could not be encoded: {e}",
                self.op.id
            )),
        }
        self
    }

    /// Adds a header to the client's own (an operation that takes a header parameter, like
    /// `check_provider`'s `x-api-key`). Header values are never printed by `Debug`.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Request {
        self.headers.append(name, value);
        self
    }

    /// Sets a body of another encoding (multipart uploads).
    pub(crate) fn raw_body(mut self, body: RequestBody) -> Request {
        self.body = body;
        self
    }

    /// The operation this request is an instance of.
    pub fn operation(&self) -> &'static Operation {
        self.op
    }

    /// The path with its parameters filled; `None` when a parameter was refused (sending the
    /// request reports why).
    pub fn path(&self) -> Option<&str> {
        self.error.is_none().then_some(self.path.as_str())
    }

    /// The query string, form-encoded, without the `?`.
    pub fn query_string(&self) -> &str {
        &self.query
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(LettaError::InvalidInput(message));
    }

    /// The checked parts, or the first mistake made while building.
    pub(crate) fn into_parts(self) -> Result<Parts, LettaError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        Ok(Parts {
            op: self.op,
            path: self.path,
            query: self.query,
            body: self.body,
            headers: self.headers,
        })
    }
}

impl Parts {
    /// The value of the query parameter `key`, if set (the first one when it repeats).
    pub(crate) fn query_value(&self, key: &str) -> Option<String> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }

    /// Sets `key` to `value` (`None`: removes it), replacing every value it had.
    pub(crate) fn set_query_value(&mut self, key: &str, value: Option<&str>) {
        let mut encoded = url::form_urlencoded::Serializer::new(String::with_capacity(self.query.len() + 32));
        for (k, v) in url::form_urlencoded::parse(self.query.as_bytes()) {
            if k != key {
                encoded.append_pair(&k, &v);
            }
        }
        if let Some(value) = value {
            encoded.append_pair(key, value);
        }
        self.query = encoded.finish();
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bodies and header values can carry secrets (provider keys, sandbox variables): only
        // their size and names are shown.
        let body = match &self.body {
            RequestBody::Empty => 0,
            RequestBody::Json(bytes) | RequestBody::Raw { bytes, .. } => bytes.len(),
        };
        f.debug_struct("Request")
            .field("operation", &self.op.id)
            .field("method", &self.op.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body_bytes", &body)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("error", &self.error)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::AgentId;
    use crate::operations;

    #[derive(Serialize)]
    struct Params {
        #[serde(skip_serializing_if = "Option::is_none")]
        after: Option<String>,
        tags: Vec<String>,
        limit: Option<u32>,
    }

    #[test]
    fn queries_repeat_lists_and_skip_unset_fields() {
        let request = operations::list_agents().query(&Params {
            after: None,
            tags: vec!["a b".into(), "c&d".into()],
            limit: Some(5),
        });
        assert_eq!(request.query_string(), "tags=a+b&tags=c%26d&limit=5");
        let mut parts = request.into_parts().unwrap();
        assert_eq!(parts.query_value("limit").as_deref(), Some("5"));
        parts.set_query_value("tags", Some("x"));
        parts.set_query_value("limit", None);
        assert_eq!(parts.query, "tags=x");
    }

    #[test]
    fn pairs_with_no_value_are_left_out() {
        let unset: Option<&str> = None;
        let request = operations::list_jobs().query(&[("source_id", unset)]);
        assert_eq!(request.query_string(), "");
        let request = operations::list_jobs()
            .query(&[("source_id", Some("source-1"))])
            .query(&[("flag", true)]);
        assert_eq!(request.query_string(), "source_id=source-1&flag=true");
    }

    #[test]
    fn mistakes_are_kept_until_the_request_is_sent() {
        let request = operations::retrieve_agent(&AgentId::new(""));
        assert!(request.path().is_none());
        let error = request.into_parts().err().unwrap();
        assert_eq!(error.to_string(), "invalid input: the agent_id must not be empty");
    }

    #[test]
    fn debug_shows_no_body_or_header_value() {
        let request = operations::check_provider()
            .header(
                HeaderName::from_static("x-api-key"),
                HeaderValue::from_static("sk-secret"),
            )
            .json(&serde_json::json!({"api_key": "sk-secret"}));
        let printed = format!("{request:?}");
        assert!(!printed.contains("sk-secret"), "{printed}");
        assert!(printed.contains("x-api-key"), "{printed}");
    }
}
