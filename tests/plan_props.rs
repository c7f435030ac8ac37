//! Property tests of the core over arbitrary inputs (native only).
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::catalog;
use awsvpc_planner::calc::cidr;
use awsvpc_planner::calc::share::{decode, decode_query, encode, encode_query};
use awsvpc_planner::calc::{self, peak_tasks, spread, Inputs, Plan, RankQuery, RankSort};
use proptest::prelude::*;

mod common;
use common::inputs;

fn fits(p: &Plan) -> bool {
    p.azs
        .iter()
        .flat_map(|a| a.subnets())
        .all(|s| s.used() <= s.usable)
}

fn fits_at_peak(p: &Plan) -> bool {
    p.azs
        .iter()
        .flat_map(|a| a.subnets())
        .all(|s| s.peak() <= s.usable)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn plan_never_panics_and_the_largest_count_is_exact(i in inputs()) {
        let Ok(p) = calc::plan(&i) else { return Ok(()) };
        if let Some(max) = p.max_tasks {
            if max <= u64::from(calc::MAX_TASKS) {
                let at = calc::plan(&Inputs { tasks: max as u32, ..i.clone() }).unwrap();
                // 0 also stands for "not even the other ENIs fit".
                prop_assert!(fits(&at) || max == 0, "max {max} must fit");
            }
            if max < u64::from(calc::MAX_TASKS) {
                let over = calc::plan(&Inputs { tasks: max as u32 + 1, ..i.clone() }).unwrap();
                prop_assert!(!fits(&over), "max + 1 = {} must not fit", max + 1);
            }
        }
        if let Some(dep) = p.max_tasks_deployable {
            if dep < u64::from(calc::MAX_TASKS) {
                let at = calc::plan(&Inputs { tasks: dep as u32, ..i.clone() }).unwrap();
                prop_assert!(fits_at_peak(&at) || dep == 0, "deployable {dep} must fit at its peak");
                let over = calc::plan(&Inputs { tasks: dep as u32 + 1, ..i.clone() }).unwrap();
                prop_assert!(!fits_at_peak(&over), "deployable + 1 must not fit at its peak");
            }
        }
        // The totals are the sums of the per-AZ figures, and the warnings agree with the fit.
        prop_assert_eq!(p.totals.used, p.azs.iter().flat_map(|a| a.subnets()).map(|s| s.used()).sum::<u64>());
        prop_assert_eq!(p.totals.tasks, p.azs.iter().map(|a| a.tasks).sum::<u64>());
        prop_assert_eq!(p.totals.peak_tasks, peak_tasks(u64::from(i.tasks), i.deploy));
        prop_assert!(p.totals.peak >= p.totals.used);
    }

    #[test]
    fn conflicts_are_what_plan_reports(i in inputs()) {
        let c = calc::conflicts(&i);
        match calc::plan(&i) {
            Ok(_) => prop_assert!(c.is_empty(), "{c:?}"),
            Err(e) => {
                prop_assert_eq!(c.first(), Some(&e));
                // At most one error per field at fault, and no field named twice in one error.
                let mut firsts: Vec<_> = c.iter().map(|e| e.field).collect();
                firsts.dedup();
                prop_assert_eq!(firsts.len(), c.len());
                for e in &c {
                    let mut f: Vec<_> = e.fields().collect();
                    let n = f.len();
                    f.sort_by_key(|x| *x as u8);
                    f.dedup();
                    prop_assert_eq!(f.len(), n);
                }
            }
        }
    }

    #[test]
    fn compare_and_rank_never_panic(i in inputs()) {
        let c = calc::compare(&i);
        prop_assert_eq!(c.len(), 4);
        let rows = calc::rank(&i);
        prop_assert_eq!(rows.len(), catalog::all().len());
        let _ = awsvpc_planner::calc::chart::growth(&i);
    }

    #[test]
    fn spread_sums_to_n_and_differs_by_at_most_one(n in 0u64..10_000_000, a in 1u32..=6) {
        let s = spread(n, a);
        prop_assert_eq!(s.len(), a as usize);
        prop_assert_eq!(s.iter().sum::<u64>(), n);
        let (lo, hi) = (s.iter().min().unwrap(), s.iter().max().unwrap());
        prop_assert!(hi - lo <= 1);
        prop_assert!(s.windows(2).all(|w| w[0] >= w[1]), "the first AZs take the extra tasks");
    }

    #[test]
    fn usable_is_two_to_the_host_bits_minus_five(p in 0u8..=40) {
        let want = (16..=28).contains(&p).then(|| (1u64 << (32 - p)) - 5);
        prop_assert_eq!(cidr::usable_ipv4(p).ok(), want);
    }
}

fn queries() -> impl Strategy<Value = RankQuery> {
    (
        prop_oneof![Just(String::new()), "[a-z0-9.-]{1,12}", any::<String>(),],
        prop_oneof![
            Just(None),
            Just(Some(catalog::Arch::X86_64)),
            Just(Some(catalog::Arch::Arm64))
        ],
        prop::option::of(any::<bool>()),
        prop_oneof![
            Just(RankSort::Vcpus),
            Just(RankSort::Instances),
            Just(RankSort::TasksWithout),
            Just(RankSort::TasksWith),
            Just(RankSort::Addresses),
            Just(RankSort::Name),
        ],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(family, arch, trunking, sort, exclude_accelerated, exclude_metal)| RankQuery {
                family,
                arch,
                trunking,
                sort,
                exclude_accelerated,
                exclude_metal,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn ranking_queries_round_trip_through_links(q in queries(), i in inputs()) {
        let part = encode_query(&q);
        if q.family.len() <= 1000 {
            prop_assert_eq!(&decode_query(&part), &q, "{}", part);
        }
        // In a plan's link: the plan keys ignore the query keys and the other way round.
        let link = format!("#{}&{part}", encode(&i, false));
        if q.family.len() <= 1000 {
            prop_assert_eq!(&decode_query(&link), &q, "{}", link);
        }
        let d = decode(&link);
        prop_assert!(d.notices.is_empty(), "{:?}", d.notices);
        prop_assert_eq!(d.form.parse(), Ok(i.canonical()));
        prop_assert_eq!(decode_query(&encode(&i, false)), RankQuery::default());
    }
}
