//! The services after the first in the form and the link: `svc=name(key:value,…)`, read by the
//! fields' own parsers, round-tripping, with a notice for what a link had that could not be used.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::service::ServiceForm;
use awsvpc_planner::calc::share::{decode, encode};
use awsvpc_planner::calc::{Deploy, Field, Form, Inputs, Kind, Launch, Net, Service, MAX_SERVICES};

fn service(name: &str, desired: u32) -> Service {
    Service {
        name: name.to_string(),
        kind: Kind::Replica { desired },
        ..Service::default()
    }
}

#[test]
fn a_one_service_link_is_unchanged() {
    // The default plan's link has no cluster key: every existing link reads as before.
    let link = encode(&Inputs::default(), false);
    for key in ["svc=", "name=", "sched=", "net=", "target=", "os=", "peak="] {
        assert!(!link.contains(key), "{key} in {link}");
    }
}

#[test]
fn services_round_trip_through_a_link() {
    let cases: Vec<(Service, &str)> = vec![
        (service("worker", 40), "svc=worker,tasks:40"),
        (
            Service {
                cpu: Some(512),
                memory_mib: Some(1024),
                ..service("api", 6)
            },
            "svc=api,tasks:6,cpu:512,mem:1024",
        ),
        (
            Service {
                kind: Kind::Daemon,
                cpu: Some(128),
                memory_mib: Some(256),
                ..service("logs", 0)
            },
            "svc=logs,sched:daemon,cpu:128,mem:256",
        ),
        (
            Service {
                net: Net::Bridge,
                memory_mib: Some(512),
                deploy: Deploy::BlueGreen,
                ..service("sidecar", 3)
            },
            "svc=sidecar,tasks:3,net:bridge,mem:512,deploy:bluegreen",
        ),
        (
            Service {
                launch: Launch::Fargate,
                cpu: Some(256),
                memory_mib: Some(512),
                deploy: Deploy::Rolling { max_percent: 150 },
                ..service("batch", 12)
            },
            "svc=batch,tasks:12,launch:fargate,cpu:256,mem:512,surge:150",
        ),
    ];
    for (s, written) in cases {
        let i = Inputs {
            services: vec![s.clone()],
            ..Inputs::default()
        };
        let link = encode(&i, false);
        assert!(link.contains(&format!("&{written}&")), "{link}");
        let d = decode(&link);
        assert!(d.notices.is_empty(), "{:?}", d.notices);
        assert_eq!(d.form.parse().map(|i| i.services), Ok(vec![s]), "{link}");
    }
}

#[test]
fn twenty_services_make_a_readable_link_under_2000_characters() {
    let services: Vec<Service> = (2..=MAX_SERVICES)
        .map(|n| Service {
            cpu: Some(256 * (n as u32 % 4 + 1)),
            memory_mib: Some(512 * (n as u32 % 3 + 1)),
            ..service(&format!("service-{n:02}"), 10 * n as u32)
        })
        .collect();
    let i = Inputs {
        services,
        ..Inputs::default()
    };
    let link = encode(&i, false);
    assert!(link.len() < 2000, "{} characters: {link}", link.len());
    assert!(!link.contains('%'), "nothing percent-encoded: {link}");
    assert_eq!(decode(&link).form.parse(), Ok(i));
}

#[test]
fn a_bad_service_value_is_named_and_the_rest_is_kept() {
    // (link, the notices' text, the services the form keeps)
    let cases: [(&str, &[&str], usize); 4] = [
        ("svc=web,tasks:lots,cpu:256", &["svc: web: tasks: "], 1),
        (
            "svc=web,color:blue",
            &["svc: web: \"color\": a service has no such field"],
            1,
        ),
        ("svc=web%20app,tasks:2", &["svc: service name: "], 0),
        ("svc=,tasks:2", &["svc: service name: enter a name"], 0),
    ];
    for (link, notices, kept) in cases {
        let d = decode(&format!("v=1&tasks=7&{link}"));
        assert_eq!(d.form.tasks, "7", "{link}: the rest of the link applies");
        assert_eq!(d.form.services.len(), kept, "{link}");
        let got: Vec<&str> = d.notices.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(got.len(), notices.len(), "{link}: {got:?}");
        for (g, want) in got.iter().zip(notices) {
            assert!(g.starts_with(want), "{link}: {g}");
        }
    }
}

#[test]
fn a_later_services_errors_name_it_and_its_field() {
    let mut s = ServiceForm::default();
    s.set(Field::Name, "worker");
    s.set(Field::Tasks, "many");
    s.set(Field::Cpu, "0");
    let mut unnamed = ServiceForm::default();
    unnamed.set(Field::Name, " ");
    let f = Form {
        services: vec![unnamed, s],
        ..Form::default()
    };
    let errs = f.parse().unwrap_err();
    // The first later service has no name, the second a bad count and CPU.
    let got: Vec<(Option<usize>, Field)> = errs.iter().map(|e| (e.service, e.field)).collect();
    assert_eq!(
        got,
        [
            (Some(1), Field::Name),
            (Some(2), Field::Tasks),
            (Some(2), Field::Cpu)
        ]
    );
    assert!(errs[1].involves_service(2, Field::Tasks));
    assert!(
        !errs[1].involves(Field::Tasks),
        "not the first service's field"
    );
}
