//! What a failure says about where it came from and whether the server acted on the request:
//! the one classification the retry layer, reconciled sends and waits share.

use http::StatusCode;

use super::{LettaError, StreamErrorKind};

/// Where an error came from; see [`LettaError::origin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorOrigin {
    /// The client refused the request before sending it: fix the input or the configuration.
    Client,
    /// The server answered, and the answer is the error (a failure status, an answer this
    /// client cannot read, a name it does not know).
    Server,
    /// No usable answer arrived: the connection failed, or time ran out.
    Connection,
}

/// What a failed request proves about whether the server acted on it. Retry layers repeat only
/// what was [`NotSent`](FailureClass::NotSent) unless the request is idempotent; reconciled sends
/// look the turn up after [`MayHaveRun`](FailureClass::MayHaveRun).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureClass {
    /// The request certainly did not reach the server (the connection failed): sending it again
    /// cannot do anything twice, and may succeed.
    NotSent,
    /// The server may have acted on it: a timeout, a connection lost after sending, 408, 429 or
    /// 5xx, or a success answer the client could not read.
    MayHaveRun,
    /// Refused, so nothing happened: by the server (a 4xx other than 408 and 429) or by the
    /// client before sending (see [`LettaError::origin`]). Sending it again unchanged fails
    /// again.
    Refused,
}

impl FailureClass {
    /// The class of a failure status: 408, 429 and 5xx may have run (the server may have
    /// started the work before answering); other 4xx were refused. The one place these
    /// statuses are listed.
    pub fn of_status(status: StatusCode) -> FailureClass {
        if status == StatusCode::REQUEST_TIMEOUT
            || status == StatusCode::TOO_MANY_REQUESTS
            || status.is_server_error()
        {
            FailureClass::MayHaveRun
        } else {
            FailureClass::Refused
        }
    }
}

impl LettaError {
    /// Where the error came from: the client (nothing was sent), the server (it answered, and
    /// the answer is the error), or the connection between them.
    pub fn origin(&self) -> ErrorOrigin {
        match self {
            LettaError::InvalidInput(_)
            | LettaError::Config(_)
            | LettaError::Closed(_)
            | LettaError::NotServed { .. } => ErrorOrigin::Client,
            LettaError::Transport { .. }
            | LettaError::Timeout { .. }
            | LettaError::Stream {
                kind:
                    StreamErrorKind::IdleTimeout(_)
                    | StreamErrorKind::TotalTimeout(_)
                    | StreamErrorKind::Truncated,
                ..
            } => ErrorOrigin::Connection,
            LettaError::Api { .. }
            | LettaError::NotFoundByName { .. }
            | LettaError::TooLarge { .. }
            | LettaError::Decode { .. }
            | LettaError::Stream { .. }
            | LettaError::CursorCycle { .. }
            | LettaError::WaitTimeout { .. } => ErrorOrigin::Server,
        }
    }

    /// True when the client refused the request before sending anything (the caller's input,
    /// the configuration, a closed layer): [`ErrorOrigin::Client`].
    pub fn is_client_side(&self) -> bool {
        self.origin() == ErrorOrigin::Client
    }

    /// What this failure proves about whether the server acted on the request; the one
    /// classification retries, reconciled sends and waits share.
    pub fn failure_class(&self) -> FailureClass {
        match self {
            LettaError::Transport {
                maybe_sent: false, ..
            } => FailureClass::NotSent,
            // Not sent either, but sending again unchanged cannot succeed: refused.
            LettaError::InvalidInput(_)
            | LettaError::Config(_)
            | LettaError::Closed(_)
            | LettaError::NotServed { .. }
            | LettaError::NotFoundByName { .. } => FailureClass::Refused,
            LettaError::Api { status, .. } => FailureClass::of_status(*status),
            // Timeouts, transport errors after sending, undecodable or oversized answers (the
            // server said 2xx: it ran), broken streams, and anything new.
            _ => FailureClass::MayHaveRun,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use http::Method;

    use super::*;

    fn api(status: u16) -> LettaError {
        LettaError::Api {
            status: StatusCode::from_u16(status).unwrap(),
            method: Method::POST,
            path: "/v1/agents/a/messages".into(),
            detail: None,
            body: String::new(),
        }
    }

    #[test]
    fn failures_are_classed_once_for_retries_and_reconciliation() {
        for status in [408, 429, 500, 502, 503, 504] {
            assert_eq!(api(status).failure_class(), FailureClass::MayHaveRun, "{status}");
        }
        for status in [400, 401, 403, 404, 409, 422] {
            assert_eq!(api(status).failure_class(), FailureClass::Refused, "{status}");
        }
        let refused_connection = LettaError::Transport {
            method: Method::POST,
            path: "/p".into(),
            maybe_sent: false,
            source: "refused".into(),
        };
        assert_eq!(refused_connection.failure_class(), FailureClass::NotSent);
        let reset_after_sending = LettaError::Transport {
            method: Method::POST,
            path: "/p".into(),
            maybe_sent: true,
            source: "reset".into(),
        };
        assert_eq!(reset_after_sending.failure_class(), FailureClass::MayHaveRun);
        let timeout = LettaError::Timeout {
            method: Method::POST,
            path: "/p".into(),
            after: Duration::from_secs(1),
        };
        assert_eq!(timeout.failure_class(), FailureClass::MayHaveRun);
        assert_eq!(
            LettaError::Closed("the limit layer").failure_class(),
            FailureClass::Refused
        );
    }

    #[test]
    fn origin_says_client_server_or_connection() {
        assert_eq!(LettaError::InvalidInput("x".into()).origin(), ErrorOrigin::Client);
        assert_eq!(LettaError::Config("x".into()).origin(), ErrorOrigin::Client);
        assert_eq!(
            LettaError::Closed("the limit layer").origin(),
            ErrorOrigin::Client
        );
        assert!(LettaError::Closed("the limit layer").is_client_side());
        assert_eq!(api(500).origin(), ErrorOrigin::Server);
        let missing = LettaError::NotFoundByName {
            what: "tool",
            name: "search".into(),
            hint: "create or upsert it first",
        };
        assert_eq!(missing.origin(), ErrorOrigin::Server);
        assert!(missing.is_not_found());
        assert_eq!(
            missing.to_string(),
            "no tool named `search` on the server; create or upsert it first"
        );
        let timeout = LettaError::Timeout {
            method: Method::GET,
            path: "/p".into(),
            after: Duration::from_secs(1),
        };
        assert_eq!(timeout.origin(), ErrorOrigin::Connection);
    }
}
