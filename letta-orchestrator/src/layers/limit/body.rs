//! A response body that holds the limit's permits until it is finished or dropped.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use letta_core::error::BoxError;
use letta_core::transport::ResponseBody;
use tokio::sync::OwnedSemaphorePermit;

/// Wraps a body; the permits are released when the body ends or is dropped.
pub(crate) struct PermitBody {
    inner: ResponseBody,
    permits: Vec<OwnedSemaphorePermit>,
}

impl PermitBody {
    pub(crate) fn new(inner: ResponseBody, permits: Vec<OwnedSemaphorePermit>) -> Self {
        Self { inner, permits }
    }
}

impl Body for PermitBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if let Poll::Ready(None) = polled {
            // The body is complete: the slot is free even if the caller keeps the body around.
            self.permits.clear();
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
