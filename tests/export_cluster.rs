//! A whole cluster's exports (issue 24): Markdown, CSV and JSON carry every service's fields and
//! figures, read back here to the cluster plan's own; JSON round-trips the services and older
//! documents still import; the Terraform snippet names the services in its header.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::cluster::{self, Cluster, ClusterPlan, Kind, Net, Service};
use awsvpc_planner::calc::explain::cluster::{fill, split};
use awsvpc_planner::calc::export::{csv, import_json, json, markdown, terraform, Planned, SCHEMA};
use awsvpc_planner::calc::fmt::int;
use awsvpc_planner::calc::share;
use awsvpc_planner::calc::{plan, Bound, Deploy, Field, Inputs, Launch, PeakMode};
use serde_json::Value;

/// A service with the given kind, launch type, network mode and task size, rolling at 200 %.
fn service(name: &str, kind: Kind, launch: Launch, net: Net, size: (u32, u32)) -> Service {
    Service {
        name: name.into(),
        kind,
        launch,
        net,
        cpu: Some(size.0),
        memory_mib: Some(size.1),
        deploy: Deploy::Rolling { max_percent: 200 },
    }
}

/// Clusters of several shapes: an awsvpc daemon with trunking, bridge and Fargate services, a
/// spare-capacity target, a secondary CIDR, all-at-once peaks, a blue/green service.
fn clusters() -> Vec<ClusterPlan> {
    let replica = |n| Kind::Replica { desired: n };
    let (ec2, fargate, awsvpc, bridge) = (Launch::Ec2, Launch::Fargate, Net::Awsvpc, Net::Bridge);
    let first = Inputs {
        trunking: true,
        instance: "m5.xlarge".into(),
        ..Inputs::default()
    };
    let second = Inputs {
        secondary: true,
        azs: 2,
        instance: "c5.2xlarge".into(),
        peak: PeakMode::AllAtOnce,
        target: 80,
        ..Inputs::default()
    };
    let blue_green = Service {
        deploy: Deploy::BlueGreen,
        ..service("api", replica(90), ec2, awsvpc, (1024, 2048))
    };
    [
        (
            first,
            vec![
                service("web", replica(300), ec2, awsvpc, (512, 1024)),
                service("log", Kind::Daemon, ec2, awsvpc, (128, 256)),
                service("cron", replica(40), ec2, bridge, (256, 512)),
                service("batch", replica(25), fargate, awsvpc, (1024, 2048)),
            ],
        ),
        (
            second,
            vec![
                blue_green,
                service("metrics", Kind::Daemon, ec2, bridge, (128, 128)),
                service("worker", replica(61), ec2, awsvpc, (2048, 4096)),
            ],
        ),
    ]
    .into_iter()
    .map(|(base, services)| {
        let c = Cluster {
            services,
            ..Cluster::from_inputs(&base)
        };
        cluster::plan(&c).unwrap_or_else(|e| panic!("{e:#?}"))
    })
    .collect()
}

/// The exports' name of what binds.
fn bound(b: Bound) -> &'static str {
    match b {
        Bound::Eni => "eni",
        Bound::AwsLimit => "aws-limit",
        Bound::Cpu => "cpu",
        Bound::Memory => "memory",
    }
}

/// A service's figures as the exports name them, read from the plan's fields.
fn figures(p: &ClusterPlan, k: usize) -> Vec<(&'static str, Option<u64>)> {
    let s = &p.services[k];
    vec![
        ("tasks", Some(s.tasks)),
        ("peak-tasks", Some(s.peak_tasks)),
        ("per-instance", s.holds.map(|h| h.tasks)),
        ("ipv4", Some(s.ipv4)),
        ("ipv4-peak", Some(s.ipv4_at_peak)),
        ("max-fits", s.max_fits),
        ("max-deploys", s.max_deploys),
    ]
}

/// CSV rows (the writer quotes only where needed; no field here holds a line break).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    r.records()
        .map(|row| row.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_carries_every_service_and_what_fills_each_az() {
    for p in clusters() {
        let rows = csv_rows(&csv(&p));
        let get = |section: &str, name: &str| -> Option<String> {
            rows.iter()
                .find(|r| r[0] == section && r[1] == name)
                .map(|r| r[2].clone())
        };
        // The inputs are the whole cluster's: the first service's name, not the headline's.
        let first = &p.cluster.services[0];
        assert_eq!(get("input", "name").as_deref(), Some(first.name.as_str()));
        for (k, s) in p.cluster.services.iter().enumerate() {
            let section = format!("service{}", k + 1);
            let fields = format!("{section}-input");
            assert_eq!(get(&fields, "name").as_deref(), Some(s.name.as_str()));
            let sched = if s.kind == Kind::Daemon {
                "daemon"
            } else {
                "replica"
            };
            assert_eq!(get(&fields, "sched").as_deref(), Some(sched), "{section}");
            // A daemon has no desired count, a blue/green deployment no maximumPercent.
            let desired = s.kind.desired().map(|n| n.to_string());
            assert_eq!(get(&fields, "tasks"), desired, "{section}");
            let surge = matches!(s.deploy, Deploy::Rolling { .. }).then(|| "200".to_string());
            assert_eq!(get(&fields, "surge"), surge, "{section}");
            for (id, want) in figures(&p, k) {
                let want = want.map(|v| v.to_string()).unwrap_or_default();
                assert_eq!(get(&section, id), Some(want), "{section} {id}");
            }
            let binds = p.services[k].holds.map_or("", |h| bound(h.binds));
            assert_eq!(get(&section, "binds").as_deref(), Some(binds));
            for (az, n) in p.services[k].per_az.iter().enumerate() {
                let got = get(&section, &format!("az{}-tasks", az + 1));
                assert_eq!(got, Some(n.to_string()), "{section} AZ {}", az + 1);
            }
        }
        for f in &p.fill {
            let section = format!("az{}", f.number());
            assert_eq!(
                get(&section, "instances-needed"),
                Some(f.needed.to_string())
            );
            assert_eq!(get(&section, "fill"), Some(fill(&p, f)));
            let running = p.plan.azs[f.index as usize].instances;
            assert_eq!(get(&section, "instances"), Some(running.to_string()));
        }
    }
}

#[test]
fn json_carries_every_service_and_round_trips() {
    for p in clusters() {
        let text = json(&p);
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["schema"], SCHEMA);
        let inputs = p.cluster.to_inputs();
        assert_eq!(doc["link"], share::encode(&inputs, false));
        let services = doc["services"].as_array().unwrap();
        assert_eq!(services.len(), p.cluster.services.len());
        for (k, (s, d)) in p.cluster.services.iter().zip(services).enumerate() {
            assert_eq!(d["name"], s.name.as_str());
            for (id, want) in figures(&p, k) {
                assert_eq!(d["figures"][id].as_u64(), want, "{} {id}", s.name);
            }
            let per_az: Vec<u64> = d["per-az"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            assert_eq!(per_az, p.services[k].per_az);
            assert_eq!(
                d["binds"].as_str(),
                p.services[k].holds.map(|h| bound(h.binds))
            );
        }
        for (f, az) in p.fill.iter().zip(doc["azs"].as_array().unwrap()) {
            assert_eq!(az["instances-needed"].as_u64(), Some(f.needed));
            assert_eq!(az["fill"], fill(&p, f).as_str());
        }
        // Read back: the same inputs, every service included, and nothing to say.
        let d = import_json(&text).unwrap();
        assert_eq!(d.notices, []);
        assert_eq!(d.form.parse(), Ok(inputs));
    }
}

#[test]
fn markdown_and_terraform_name_every_service_with_its_figures() {
    for p in clusters() {
        let md = markdown(&p);
        let tf = terraform(&p);
        for (k, s) in p.services.iter().enumerate() {
            // The figures table: name | tasks per AZ | tasks | at its peak | per instance | ...
            let row = md
                .lines()
                .find(|l| l.starts_with(&format!("| {} | {} |", s.name, split(s))))
                .unwrap_or_else(|| panic!("no figures row for {} in\n{md}", s.name));
            let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
            for ((id, want), cell) in figures(&p, k).into_iter().zip(&cells[2..]) {
                let want = match (id, want) {
                    (_, None) => "n/a".to_string(),
                    ("per-instance", Some(n)) => {
                        format!("{} ({} bind)", int(n), resource(s.holds.unwrap().binds))
                    }
                    (_, Some(n)) => int(n),
                };
                assert_eq!(*cell, want, "{} {id}", s.name);
            }
            let line = format!(
                "# Service {}: {} tasks ({})",
                s.name,
                int(s.tasks),
                split(s)
            );
            assert!(tf.contains(&line), "{line} in\n{tf}");
        }
        for f in &p.fill {
            assert!(md.contains(&format!("- {}\n", fill(&p, f))), "{md}");
        }
    }
}

/// What binds, in Markdown's words.
fn resource(b: Bound) -> &'static str {
    match b {
        Bound::Eni => "ENI slots",
        Bound::AwsLimit => "AWS's awsvpc limit",
        Bound::Cpu => "CPU",
        Bound::Memory => "memory",
    }
}

#[test]
fn one_service_exports_are_as_before_clusters() {
    let i = Inputs::default();
    let p = plan(&i).unwrap();
    let planned = Planned::of(&i).unwrap();
    assert!(matches!(planned, Planned::One(_)));
    assert_eq!(markdown(&planned), markdown(&p));
    assert_eq!(csv(&planned), csv(&p));
    let doc: Value = serde_json::from_str(&json(&planned)).unwrap();
    assert!(doc.get("services").is_none());
    assert!(!csv(&p).contains("\r\nservice1,"));
    // A form with a second service is planned as a cluster.
    let two = Inputs {
        services: vec![Service {
            name: "log".into(),
            kind: Kind::Daemon,
            ..Service::default()
        }],
        ..Inputs::default()
    };
    assert!(matches!(Planned::of(&two), Ok(Planned::Cluster(_))));
    // A cluster that does not plan says why, as the page does.
    let bad = Inputs {
        services: vec![Service {
            name: "app".into(),
            ..Service::default()
        }],
        ..Inputs::default()
    };
    assert!(Planned::of(&bad).unwrap_err().contains("app"));
}

/// A document written by session 7's build (schema 2, before clusters), kept as a fixture: it
/// still imports, to the inputs its link holds.
#[test]
fn schema_2_documents_still_import() {
    let text = include_str!("fixtures/plan-schema2.json");
    let old: Value = serde_json::from_str(text).unwrap();
    assert_eq!(old["schema"], 2);
    let d = import_json(text).unwrap();
    assert_eq!(d.notices, []);
    let link = share::decode(old["link"].as_str().unwrap());
    assert_eq!(link.notices, []);
    assert_eq!(d.form, link.form);
    assert_eq!(d.form.tasks, "1500");
}

#[test]
#[rustfmt::skip]
fn imported_services_are_read_one_by_one() {
    // (document, what each notice says, the later services read: name, and tasks when read).
    type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, Option<&'a str>)]);
    let cases: &[Case] = &[
        // services[0] is the form's own (its fields are in `inputs`): it is not read again.
        (r#"{"inputs": {}, "services": [{"name": "x"}, {"name": "log", "inputs": {"sched": "daemon"}}]}"#, &[], &[("log", None)]),
        (r#"{"inputs": {}, "services": [{}, {"name": "w", "inputs": {"tasks": 40, "cpu": "256"}}]}"#, &[], &[("w", Some("40"))]),
        // A bad value: that value only.
        (r#"{"inputs": {}, "services": [{}, {"name": "w", "inputs": {"tasks": "many", "cpu": "256"}}]}"#, &["w: tasks: "], &[("w", None)]),
        (r#"{"inputs": {}, "services": [{}, {"name": "w", "inputs": {"cpu": [1]}}]}"#, &["w: cpu: a list is not a value"], &[("w", None)]),
        (r#"{"inputs": {}, "services": [{}, {"name": "w", "inputs": {"colour": "red"}}]}"#, &[r#"w: "colour": a service has no such field"#], &[("w", None)]),
        // A service that cannot be read: it alone is dropped.
        (r#"{"inputs": {}, "services": [{}, 5, {"name": "b"}]}"#, &["services[1]: "], &[("b", None)]),
        (r#"{"inputs": {}, "services": [{}, {"inputs": {}}, {"name": "b"}]}"#, &["services[1]: "], &[("b", None)]),
        (r#"{"inputs": {}, "services": [{}, {"name": ""}]}"#, &["service name: "], &[]),
        (r#"{"inputs": {}, "services": {"name": "b"}}"#, &["services: not a list"], &[]),
        (r#"{"inputs": {}, "services": null}"#, &[], &[]),
    ];
    for (text, notices, later) in cases {
        let d = import_json(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let said: Vec<&str> = d.notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(said.len(), notices.len(), "{text}: {said:?}");
        for (n, want) in said.iter().zip(notices.iter()) {
            assert!(n.contains(want), "{text}: {n} lacks {want}");
        }
        let names: Vec<&str> = d.form.services.iter().map(|s| s.get(Field::Name)).collect();
        assert_eq!(names, later.iter().map(|l| l.0).collect::<Vec<_>>(), "{text}");
        for (s, (name, tasks)) in d.form.services.iter().zip(later.iter()) {
            if let Some(tasks) = tasks {
                assert_eq!(s.get(Field::Tasks), *tasks, "{text}: {name}");
            }
        }
    }
}
