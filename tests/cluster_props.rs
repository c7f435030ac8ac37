//! Property tests of the cluster plan (native only).
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::cluster::{self, Cluster};
use awsvpc_planner::calc::{self};
use proptest::prelude::*;

mod common;
use common::inputs;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// The central property: a one-service cluster's headline is today's plan, figure for figure.
    #[test]
    fn a_one_service_cluster_is_todays_plan(i in inputs()) {
        let c = Cluster::from_inputs(&i);
        match (calc::plan(&i), cluster::plan(&c)) {
            (Ok(p), Ok(q)) => prop_assert_eq!(p, q.plan),
            (Err(_), Err(_)) => {}
            (p, q) => prop_assert!(false, "plan {:?}\ncluster {:?}", p.map(|_| ()), q.map(|_| ())),
        }
    }
}
