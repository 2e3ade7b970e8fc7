//! Anthropic Message Batches emulation: create, retrieve, results, cancel.
//!
//! Every request of a batch is decided by the script when the batch is
//! created, so results are ready at once and the batch reports `ended` on
//! the first retrieve, unless one of its requests' last user message starts
//! with [`HOLD`]: such a batch stays `in_progress` until it is cancelled,
//! which lets a test cancel a batch while it is still running. A cancelled
//! batch ends with every request `canceled`. A request whose last user
//! message starts with [`ERROR`] ends `errored` (as when Anthropic refuses one
//! request of a batch), the others as usual.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::anthropic;
use super::script::{self, Reply};
use super::wire::{Meta, estimate_tokens};

/// A user message starting with this keeps its batch `in_progress`.
pub(crate) const HOLD: &str = "#hold";

/// A user message starting with this makes its request end `errored`.
pub(crate) const ERROR: &str = "#error";

/// How long Anthropic keeps a batch processing before it expires.
const EXPIRY_SECS: u64 = 24 * 3600;

/// One request of a batch with its decided answer.
#[derive(Debug)]
struct Item {
    custom_id: String,
    reply: Reply,
    meta: Meta,
    errored: bool,
}

/// One batch.
#[derive(Debug)]
struct Batch {
    id: String,
    created_at: u64,
    items: Vec<Item>,
    held: bool,
    cancel_initiated_at: Option<u64>,
}

impl Batch {
    fn processing_status(&self) -> &'static str {
        if self.held && self.cancel_initiated_at.is_none() {
            "in_progress"
        } else {
            "ended"
        }
    }

    fn ended_at(&self) -> Option<u64> {
        match (self.processing_status(), self.cancel_initiated_at) {
            ("in_progress", _) => None,
            (_, Some(at)) => Some(at),
            _ => Some(self.created_at),
        }
    }

    /// The batch object; `status` overrides the processing status (the
    /// answer to a cancel says `canceling`).
    fn to_json(&self, base_url: &str, status: Option<&str>) -> Value {
        let n = self.items.len();
        let failed = self.items.iter().filter(|i| i.errored).count();
        let (processing, succeeded, errored, canceled) =
            match (self.processing_status(), self.cancel_initiated_at) {
                ("in_progress", _) => (n, 0, 0, 0),
                (_, Some(_)) => (0, 0, 0, n),
                _ => (0, n - failed, failed, 0),
            };
        let ended = self.ended_at();
        json!({
            "id": self.id,
            "type": "message_batch",
            "processing_status": status.unwrap_or(self.processing_status()),
            "request_counts": {
                "processing": processing,
                "succeeded": succeeded,
                "errored": errored,
                "canceled": canceled,
                "expired": 0,
            },
            "created_at": rfc3339(self.created_at),
            "expires_at": rfc3339(self.created_at + EXPIRY_SECS),
            "ended_at": ended.map(rfc3339),
            "cancel_initiated_at": self.cancel_initiated_at.map(rfc3339),
            "archived_at": null,
            "results_url": ended.map(|_| format!("{base_url}/v1/messages/batches/{}/results", self.id)),
        })
    }

    /// The results file, one JSON object per line.
    fn results_jsonl(&self) -> String {
        self.items
            .iter()
            .map(|item| {
                let result = if self.cancel_initiated_at.is_some() {
                    json!({"type": "canceled"})
                } else if item.errored {
                    json!({"type": "errored", "error": {"type": "error", "error": {
                        "type": "invalid_request_error",
                        "message": "scripted error for this request",
                    }}})
                } else {
                    json!({"type": "succeeded", "message": anthropic::message(&item.reply, &item.meta)})
                };
                format!("{}\n", json!({"custom_id": item.custom_id, "result": result}))
            })
            .collect()
    }
}

/// What went wrong with a batch call: HTTP status and message.
pub(crate) type BatchError = (u16, String);

/// All batches created on this server.
#[derive(Debug, Default)]
pub(crate) struct Batches {
    batches: HashMap<String, Batch>,
    created: u64,
}

impl Batches {
    /// Creates a batch from a `{"requests": [{"custom_id", "params"}]}` body,
    /// deciding every answer now. `next_seq` numbers each request's answer.
    pub(crate) fn create(
        &mut self,
        body: &Value,
        base_url: &str,
        mut next_seq: impl FnMut() -> u64,
    ) -> Result<Value, BatchError> {
        let requests = body
            .get("requests")
            .and_then(Value::as_array)
            .filter(|r| !r.is_empty())
            .ok_or((400, "requests: a non-empty array is required".to_owned()))?;
        let created_at = now();
        let mut items = Vec::with_capacity(requests.len());
        let mut held = false;
        for request in requests {
            let custom_id = request
                .get("custom_id")
                .and_then(Value::as_str)
                .ok_or((400, "requests[].custom_id: a string is required".to_owned()))?;
            let params = request
                .get("params")
                .filter(|p| p.is_object())
                .ok_or((400, "requests[].params: an object is required".to_owned()))?;
            let chat = anthropic::to_openai(params);
            let last = script::last_user_text(&chat);
            held |= last.as_deref().is_some_and(|t| t.starts_with(HOLD));
            let errored = last.as_deref().is_some_and(|t| t.starts_with(ERROR));
            items.push(Item {
                errored,
                custom_id: custom_id.to_owned(),
                reply: script::decide(&chat),
                meta: Meta {
                    seq: next_seq(),
                    model: params
                        .get("model")
                        .and_then(Value::as_str)
                        .unwrap_or(super::MODEL)
                        .to_owned(),
                    created: created_at,
                    prompt_tokens: estimate_tokens(params.to_string().len()),
                },
            });
        }
        self.created += 1;
        let batch = Batch {
            id: format!("msgbatch_scripted_{}", self.created),
            created_at,
            items,
            held,
            cancel_initiated_at: None,
        };
        let answer = batch.to_json(base_url, None);
        self.batches.insert(batch.id.clone(), batch);
        Ok(answer)
    }

    fn get(&self, id: &str) -> Result<&Batch, BatchError> {
        self.batches
            .get(id)
            .ok_or_else(|| (404, format!("message batch {id} not found")))
    }

    /// The batch object.
    pub(crate) fn retrieve(&self, id: &str, base_url: &str) -> Result<Value, BatchError> {
        Ok(self.get(id)?.to_json(base_url, None))
    }

    /// The results file of an ended batch.
    pub(crate) fn results(&self, id: &str) -> Result<String, BatchError> {
        let batch = self.get(id)?;
        if batch.ended_at().is_none() {
            return Err((400, format!("message batch {id} has not ended yet")));
        }
        Ok(batch.results_jsonl())
    }

    /// Cancels a batch; answers `canceling` as Anthropic does. Cancelling an
    /// ended batch changes nothing.
    pub(crate) fn cancel(&mut self, id: &str, base_url: &str) -> Result<Value, BatchError> {
        let batch = self
            .batches
            .get_mut(id)
            .ok_or_else(|| (404, format!("message batch {id} not found")))?;
        if batch.ended_at().is_some() {
            return Ok(batch.to_json(base_url, None));
        }
        batch.cancel_initiated_at = Some(now());
        Ok(batch.to_json(base_url, Some("canceling")))
    }
}

/// Seconds since the Unix epoch.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// RFC 3339 text of a Unix time, in UTC.
fn rfc3339(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's
/// algorithm), to avoid a date crate for one timestamp format.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(custom_id: &str, text: &str) -> Value {
        json!({"custom_id": custom_id, "params": {
            "model": "scripted-model",
            "max_tokens": 100,
            "tools": [{"name": "send_message", "input_schema": {"type": "object", "properties": {"message": {"type": "string"}}}}],
            "messages": [{"role": "user", "content": text}],
        }})
    }

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn a_batch_ends_at_once_with_scripted_results() {
        let mut batches = Batches::default();
        let mut seq = 0;
        let body = json!({"requests": [request("agent-1", "hello"), request("agent-2", "#reply hi")]});
        let created = batches
            .create(&body, "http://x", || {
                seq += 1;
                seq
            })
            .unwrap();
        let id = created["id"].as_str().unwrap().to_owned();
        assert_eq!(created["processing_status"], "ended");
        assert_eq!(created["request_counts"]["succeeded"], 2);
        assert_eq!(
            created["results_url"],
            format!("http://x/v1/messages/batches/{id}/results")
        );
        let lines: Vec<Value> = batches
            .results(&id)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["custom_id"], "agent-1");
        assert_eq!(lines[0]["result"]["type"], "succeeded");
        assert_eq!(
            lines[0]["result"]["message"]["content"][0]["input"]["message"],
            "You said: hello"
        );
        assert_eq!(
            lines[1]["result"]["message"]["content"][0]["input"]["message"],
            "hi"
        );
    }

    #[test]
    fn an_error_request_ends_errored_and_the_others_succeed() {
        let mut batches = Batches::default();
        let body = json!({"requests": [request("agent-1", "#error please"), request("agent-2", "fine")]});
        let created = batches.create(&body, "http://x", || 1).unwrap();
        assert_eq!(created["request_counts"]["errored"], 1);
        assert_eq!(created["request_counts"]["succeeded"], 1);
        let id = created["id"].as_str().unwrap().to_owned();
        let lines: Vec<Value> = batches
            .results(&id)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["result"]["type"], "errored");
        assert_eq!(
            lines[0]["result"]["error"]["error"]["type"],
            "invalid_request_error"
        );
        assert_eq!(lines[1]["result"]["type"], "succeeded");
    }

    #[test]
    fn a_held_batch_runs_until_cancelled() {
        let mut batches = Batches::default();
        let body = json!({"requests": [request("agent-1", "#hold on")]});
        let id = batches.create(&body, "http://x", || 1).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let running = batches.retrieve(&id, "http://x").unwrap();
        assert_eq!(running["processing_status"], "in_progress");
        assert!(running["results_url"].is_null());
        assert_eq!(batches.results(&id).unwrap_err().0, 400);
        let cancelling = batches.cancel(&id, "http://x").unwrap();
        assert_eq!(cancelling["processing_status"], "canceling");
        let ended = batches.retrieve(&id, "http://x").unwrap();
        assert_eq!(ended["processing_status"], "ended");
        assert_eq!(ended["request_counts"]["canceled"], 1);
        let line: Value = serde_json::from_str(batches.results(&id).unwrap().trim()).unwrap();
        assert_eq!(line["result"]["type"], "canceled");
        assert_eq!(batches.retrieve("nope", "x").unwrap_err().0, 404);
    }
}
