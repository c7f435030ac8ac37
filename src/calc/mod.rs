//! The pure core: values in, values out.
//!
//! Knows nothing of the browser and never panics on user input: every parser returns a `Result`,
//! every lookup uses `get`, and arithmetic on user numbers is checked or saturating.
//!
//! # Organization
//! - [`catalog`]: every EC2 instance type with its ENI limits and ECS task density, with provenance.
//! - [`cidr`]: IPv4 CIDR parsing, AWS's VPC and subnet rules, subnet carving.
//! - [`plan`]: the plan for one set of [`plan::Inputs`]: density, instances, the IPv4 budget per AZ.
//! - [`form`]: the raw text of every input field, parsed into `Inputs` with per-field errors.
//! - [`explain`]: formulas with the numbers put in, and the AWS source of each number.
//! - [`chart`]: geometry for the per-subnet bars and the growth chart.
//! - [`share`]: the link format: every input in the URL fragment, decoded with per-key notices.
//! - [`export`]: the plan as Markdown, CSV, JSON (importable) and a Terraform snippet.
//! - [`fmt`]: number formatting shared by the UI and the exports.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

pub mod catalog;
pub mod chart;
pub mod cidr;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod form;
pub mod plan;
pub mod share;

/// Sorts a short slice by `key`, stably, by insertion: for the handful of form errors and link
/// notices, where the standard library's sort would add ~3 KB of generic code to the page's wasm.
/// Quadratic: only for slices of a few dozen items.
pub(crate) fn sort_small_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            let out_of_order =
                matches!((v.get(j - 1), v.get(j)), (Some(a), Some(b)) if key(a) > key(b));
            if !out_of_order {
                break;
            }
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_small_by_key_sorts_stably() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e'), (2, 'f')];
        super::sort_small_by_key(&mut v, |x| x.0);
        assert_eq!(
            v,
            [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'f'), (3, 'a'), (3, 'c')]
        );
        let mut empty: [u8; 0] = [];
        super::sort_small_by_key(&mut empty, |x| *x);
        let mut big: Vec<u32> = (0..50).rev().collect();
        super::sort_small_by_key(&mut big, |x| *x);
        assert_eq!(big, (0..50).collect::<Vec<u32>>());
    }
}
