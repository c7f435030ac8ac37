//! Benchmarks of the pure core (a hand-rolled harness: no extra dependency to build).
//! Run: `cargo bench --bench plan`. Results go in BENCHMARKS.md.
fn main() {}
