//! Benchmarks live here (see issue "Benchmarks side by side with the peers"); none yet.
