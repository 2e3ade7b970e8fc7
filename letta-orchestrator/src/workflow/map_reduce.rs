//! Items spread over mapper agents, then one reducer agent over their typed answers.

use std::sync::Arc;

use futures_util::future::join_all;
use serde::de::DeserializeOwned;

use super::{StepFailure, Trace, TraceEntry, Traced, WorkflowError, run_step};
use crate::handle::TypedAgent;
use crate::per_agent::OnePerAgent;

type MapPrompt<I> = Arc<dyn Fn(&I) -> String + Send + Sync>;
type ReducePrompt<M> = Arc<dyn Fn(&[M]) -> String + Send + Sync>;

/// Map-reduce over agents. Items go to the mappers in turn (item `i` to mapper `i % mappers`);
/// each agent answers its items one at a time, in item order (one send in flight per agent,
/// even when an agent is given as two mappers), all agents at once. The mapped outputs, in item
/// order, make the reducer's prompt.
pub struct MapReduce<I, M, R> {
    mappers: Vec<TypedAgent<M>>,
    map_prompt: MapPrompt<I>,
    reducer: TypedAgent<R>,
    reduce_prompt: ReducePrompt<M>,
    skip_failures: bool,
}

impl<I, M, R> std::fmt::Debug for MapReduce<I, M, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MapReduce")
            .field("mappers", &self.mappers.len())
            .field("reducer", self.reducer.handle().id())
            .field("skip_failures", &self.skip_failures)
            .finish()
    }
}

/// A map-reduce result: the reducer's output, every mapped output, and the trace.
#[derive(Debug)]
pub struct MapReduced<M, R> {
    /// The reducer's output, with the trace of every turn (mapped items in item order, then
    /// the reducer).
    pub result: Traced<R>,
    /// `(item index, output)` for every item mapped, in item order.
    pub mapped: Vec<(usize, M)>,
    /// Items that failed, when failures are skipped.
    pub skipped: Vec<StepFailure>,
}

impl<I, M, R> MapReduce<I, M, R>
where
    I: Sync,
    M: DeserializeOwned + Send,
    R: DeserializeOwned,
{
    /// A map-reduce: `map_prompt` makes each item's message for a mapper, `reduce_prompt` the
    /// reducer's message from the mapped outputs.
    pub fn new(
        mappers: impl IntoIterator<Item = TypedAgent<M>>,
        map_prompt: impl Fn(&I) -> String + Send + Sync + 'static,
        reducer: TypedAgent<R>,
        reduce_prompt: impl Fn(&[M]) -> String + Send + Sync + 'static,
    ) -> Self {
        Self {
            mappers: mappers.into_iter().collect(),
            map_prompt: Arc::new(map_prompt),
            reducer,
            reduce_prompt: Arc::new(reduce_prompt),
            skip_failures: false,
        }
    }

    /// Reduce over the items that were mapped even when others failed (they are reported in
    /// [`MapReduced::skipped`]). By default any failed item fails the run.
    pub fn skip_failures(mut self, skip: bool) -> Self {
        self.skip_failures = skip;
        self
    }

    /// Maps `items`, then reduces.
    pub async fn run(&self, items: Vec<I>) -> Result<MapReduced<M, R>, WorkflowError> {
        if self.mappers.is_empty() {
            return Err(WorkflowError::Invalid(
                "a map-reduce needs at least one mapper agent".into(),
            ));
        }
        if items.is_empty() {
            return Err(WorkflowError::Invalid(
                "a map-reduce needs at least one item".into(),
            ));
        }
        let agents = OnePerAgent::default();
        // Every item waits for its agent in item order (the futures are first polled in order),
        // so each agent takes its items in item order.
        let maps = items.iter().enumerate().map(|(index, item)| {
            let mapper = &self.mappers[index % self.mappers.len()];
            let agents = &agents;
            async move {
                // Never closed, so the wait does not fail; held until the send ends.
                let _agent_free = agents.acquire(mapper.handle().id()).await;
                let prompt = (self.map_prompt)(item);
                (index, run_step(&format!("map[{index}]"), mapper, prompt).await)
            }
        });
        let results = join_all(maps).await;

        let mut trace = Trace::default();
        let mut mapped = Vec::new();
        let mut failures = Vec::new();
        for (index, result) in results {
            match result {
                Ok((output, entry)) => {
                    trace.entries.push(entry);
                    mapped.push((index, output));
                }
                Err(failure) => failures.push(failure),
            }
        }
        if !failures.is_empty() && (!self.skip_failures || mapped.is_empty()) {
            return Err(WorkflowError::Map { failures, trace });
        }

        let outputs: Vec<M> = mapped.into_iter().map(|(_, output)| output).collect();
        let prompt = (self.reduce_prompt)(&outputs);
        let reduced = run_step("reduce", &self.reducer, prompt).await;
        let indices = trace_indices(&trace);
        let mapped = indices.into_iter().zip(outputs).collect();
        match reduced {
            Ok((output, entry)) => {
                trace.entries.push(entry);
                Ok(MapReduced {
                    result: Traced { output, trace },
                    mapped,
                    skipped: failures,
                })
            }
            Err(failure) => Err(WorkflowError::Step {
                failure: Box::new(failure),
                trace,
            }),
        }
    }
}

/// The item index of each `map[i]` entry.
fn trace_indices(trace: &Trace) -> Vec<usize> {
    trace
        .entries
        .iter()
        .filter_map(|entry: &TraceEntry| entry.step.strip_prefix("map[")?.strip_suffix(']')?.parse().ok())
        .collect()
}
