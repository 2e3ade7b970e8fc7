//! A chain of agents, each one's typed answer the next one's input.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::{Trace, Traced, WorkflowError, run_step};
use crate::handle::TypedAgent;

type Run<I, O> = Arc<
    dyn Fn(I, Trace) -> Pin<Box<dyn Future<Output = Result<(O, Trace), WorkflowError>> + Send>> + Send + Sync,
>;

/// Agents in a row: the input goes to the first step's prompt, each step's typed output to the
/// next step's prompt, and the last step's output is the result. Build once, run many times
/// (runs are independent and may overlap).
pub struct Pipeline<I, O> {
    run: Run<I, O>,
    steps: Vec<String>,
}

impl<I, O> Clone for Pipeline<I, O> {
    fn clone(&self) -> Self {
        Self {
            run: self.run.clone(),
            steps: self.steps.clone(),
        }
    }
}

impl<I, O> std::fmt::Debug for Pipeline<I, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").field("steps", &self.steps).finish()
    }
}

impl<I: Send + 'static> Pipeline<I, I> {
    /// A pipeline with no steps yet (its output is its input).
    pub fn new() -> Self {
        Self {
            run: Arc::new(|input, trace| Box::pin(async move { Ok((input, trace)) })),
            steps: Vec::new(),
        }
    }
}

impl<I: Send + 'static> Default for Pipeline<I, I> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I: Send + 'static, O: Send + 'static> Pipeline<I, O> {
    /// Adds a step: `prompt` turns the previous output into the message for `agent`, whose
    /// reply (a `N`) is the step's output.
    pub fn step<N, P>(self, name: impl Into<String>, agent: TypedAgent<N>, prompt: P) -> Pipeline<I, N>
    where
        N: DeserializeOwned + Send + 'static,
        P: Fn(&O) -> String + Send + Sync + 'static,
    {
        let name = name.into();
        let mut steps = self.steps;
        steps.push(name.clone());
        let previous = self.run;
        let prompt = Arc::new(prompt);
        let run: Run<I, N> = Arc::new(move |input, trace| {
            let previous = previous.clone();
            let agent = agent.clone();
            let name = name.clone();
            let prompt = prompt.clone();
            Box::pin(async move {
                let (output, mut trace) = previous(input, trace).await?;
                let message = prompt(&output);
                match run_step(&name, &agent, message).await {
                    Ok((next, entry)) => {
                        trace.entries.push(entry);
                        Ok((next, trace))
                    }
                    Err(failure) => Err(WorkflowError::Step {
                        failure: Box::new(failure),
                        trace,
                    }),
                }
            })
        });
        Pipeline { run, steps }
    }

    /// The steps' names, in order.
    pub fn steps(&self) -> &[String] {
        &self.steps
    }

    /// Runs the steps in order on `input`.
    pub async fn run(&self, input: I) -> Result<Traced<O>, WorkflowError> {
        if self.steps.is_empty() {
            return Err(WorkflowError::Invalid(
                "the pipeline has no steps; add one with `.step(..)`".into(),
            ));
        }
        let (output, trace) = (self.run)(input, Trace::default()).await?;
        Ok(Traced { output, trace })
    }
}
