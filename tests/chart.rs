//! Geometry of the pictures: the per-subnet bars and the growth chart.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::chart::{bar, growth, Part};
use awsvpc_planner::calc::{plan, Inputs};

fn with(f: impl FnOnce(&mut Inputs)) -> Inputs {
    let mut i = Inputs::default();
    f(&mut i);
    i
}

#[test]
fn bars_cover_the_subnet_and_show_overflow() {
    // (inputs, AZ 1 host bar as (part, count))
    let check = |i: Inputs, want: &[(Part, u64)]| {
        let p = plan(&i).unwrap();
        let segs = bar(&p.azs[0].host);
        let got: Vec<(Part, u64)> = segs.iter().map(|s| (s.part, s.count)).collect();
        assert_eq!(got, want, "{i:?}");
        // The stacked parts cover the bar end to end; a last `Over` overlays the part of the
        // demand beyond the subnet's end, from the subnet's size to the end of the bar.
        let (stacked, over) = match segs.split_last() {
            Some((last, rest)) if last.part == Over => (rest, Some(*last)),
            _ => (&segs[..], None),
        };
        assert_eq!(stacked.first().map(|s| s.start), Some(0));
        assert_eq!(stacked.last().map(|s| s.start + s.width), Some(1000));
        assert!(
            stacked
                .windows(2)
                .all(|w| w[0].start + w[0].width == w[1].start),
            "contiguous"
        );
        let h = &p.azs[0].host;
        let size = h.usable + 5;
        let demand = 5 + h.peak();
        assert_eq!(
            stacked.iter().map(|s| s.count).sum::<u64>(),
            demand.max(size),
            "the stacked parts count each address once"
        );
        if let Some(o) = over {
            assert_eq!(o.count, demand - size);
            assert_eq!(o.start, (size * 1000 / demand) as u32);
            assert_eq!(o.start + o.width, 1000);
        }
    };
    use Part::*;
    // 1,000 tasks: 334 tasks + 167 instances; peak 667 + 334 → surge 500; free 4,091 − 1,001.
    check(
        Inputs::default(),
        &[
            (Reserved, 5),
            (Instances, 167),
            (Tasks, 334),
            (Surge, 500),
            (Free, 3_090),
        ],
    );
    // 6,000 tasks: 2,000 + 1,000 steady, peak 4,000 + 2,000 = 6,000 → 1,909 over; the bar spans
    // the 6,005 addresses the peak needs, and `Over` marks the last 1,909 of them.
    check(
        with(|i| i.tasks = 6_000),
        &[
            (Reserved, 5),
            (Instances, 1_000),
            (Tasks, 2_000),
            (Surge, 3_000),
            (Over, 1_909),
        ],
    );
    check(
        with(|i| {
            i.tasks = 0;
            i.other.alb = true
        }),
        &[(Reserved, 5), (Other, 8), (Free, 4_083)],
    );
}

#[test]
fn growth_marks_where_each_scenario_runs_out_on_its_line() {
    let g = growth(&Inputs::default());
    let got: Vec<(&str, Option<u64>)> = g
        .series
        .iter()
        .map(|s| (s.scenario.id(), s.runs_out.map(|r| r.0)))
        .collect();
    assert_eq!(
        got,
        [
            ("base", Some(8_181)),
            ("trunk", Some(10_227)),
            ("secondary", Some(24_546)),
            ("trunk-secondary", Some(49_137))
        ]
    );
    // Without a task CIDR the subnets are exactly full where the plan runs out (y = 0 is 100 %);
    // with one, the host subnets still have room, so the marker sits lower on its line.
    let y = |id: &str| {
        g.series
            .iter()
            .find(|s| s.scenario.id() == id)
            .and_then(|s| s.runs_out)
            .map(|r| r.2)
    };
    assert_eq!(y("base"), Some(0));
    assert!(y("secondary").is_some_and(|y| y > 0));
    assert!(g.series.iter().all(|s| s.points.split(' ').count() == 49));
    assert!(g.x_max > 49_137 && g.desired_x > 0);
    // IPv6-only Fargate tasks use no IPv4: no run-out point.
    let g = growth(&with(|i| {
        i.launch = awsvpc_planner::calc::Launch::Fargate;
        i.ip_mode = awsvpc_planner::calc::IpMode::V6Only
    }));
    assert!(g.series.iter().all(|s| s.runs_out.is_none()));
}
