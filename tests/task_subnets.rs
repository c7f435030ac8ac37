//! Task subnets apart from the hosts' (issue 23, item 3): listed in the VPC's primary CIDR they
//! need no secondary CIDR, and the plan, the link and the exports say so and state no task CIDR;
//! in a secondary CIDR they are checked against it; a listed task subnet outside the task CIDR
//! given is a conflict named next to both fields.
#![cfg(not(target_arch = "wasm32"))]

use awsvpc_planner::calc::export::{json, markdown};
use awsvpc_planner::calc::share::{decode, encode};
use awsvpc_planner::calc::{conflicts, plan, Field, Form, Inputs, TaskPlace};

fn nets(list: &str) -> Vec<ipnet::Ipv4Net> {
    list.split(',').map(|s| s.parse().unwrap()).collect()
}

/// A VPC 10.20.0.0/16 with /24 hosts in three AZs and the task subnets `tnets`, in the task CIDR
/// `tcidr`.
fn inputs(tnets: &str, tcidr: &str) -> Inputs {
    Inputs {
        vpc: "10.20.0.0/16".parse().unwrap(),
        host_subnets: nets("10.20.0.0/24,10.20.1.0/24,10.20.2.0/24"),
        secondary: true,
        task_subnets: nets(tnets),
        task_cidr: tcidr.parse().unwrap(),
        ..Inputs::default()
    }
}

#[test]
fn task_subnets_in_the_primary_cidr_need_no_task_cidr() {
    // The task CIDR left at its default, or at something else: it does not apply.
    for tcidr in ["100.64.0.0/16", "100.65.0.0/16"] {
        let i = inputs("10.20.16.0/20,10.20.32.0/20,10.20.48.0/20", tcidr);
        assert_eq!(i.task_place(), TaskPlace::Primary);
        assert!(conflicts(&i).is_empty(), "{:?}", conflicts(&i));
        let p = plan(&i).unwrap();
        assert_eq!(p.azs[0].task.unwrap().usable, 4091);
        // The link states no task CIDR, only that the tasks have subnets of their own.
        let link = encode(&i, false);
        assert!(!link.contains("tcidr") && !link.contains("tsub"), "{link}");
        assert!(link.contains("&sec=1&"), "{link}");
        assert!(
            link.contains("tnets=10.20.16.0/20,10.20.32.0/20,10.20.48.0/20"),
            "{link}"
        );
        // …and reads back to the same plan.
        let back = decode(&link).form.parse().unwrap();
        assert_eq!(back, i.canonical());
        assert_eq!(plan(&back).unwrap().totals, p.totals);
        // Neither the JSON nor the Markdown states a task CIDR the VPC does not have.
        for text in [json(&p), markdown(&p)] {
            assert!(
                !text.contains("100.64.0.0/16") && !text.contains("100.65.0.0"),
                "{text}"
            );
            assert!(!text.contains("\"tcidr\""), "{text}");
        }
    }
}

#[test]
fn task_subnets_in_a_secondary_cidr_are_checked_against_it() {
    let i = inputs(
        "100.64.0.0/18,100.64.64.0/18,100.64.128.0/18",
        "100.64.0.0/16",
    );
    assert_eq!(i.task_place(), TaskPlace::Secondary);
    assert!(conflicts(&i).is_empty(), "{:?}", conflicts(&i));
    let link = encode(&i, false);
    assert!(link.contains("tcidr=100.64.0.0/16"), "{link}");
    assert_eq!(decode(&link).form.parse().unwrap(), i);
    let j = json(&plan(&i).unwrap());
    assert!(j.contains("\"tcidr\": \"100.64.0.0/16\""), "{j}");
}

#[test]
fn a_task_subnet_outside_the_task_cidr_given_is_a_conflict_next_to_both_fields() {
    // (task subnets, the message names)
    let cases = [
        // One outside the task CIDR, in no range of the VPC's either.
        (
            "100.64.0.0/18,100.64.64.0/18,100.65.0.0/18",
            "AZ 3's task subnet 100.65.0.0/18 is not inside the task CIDR 100.64.0.0/16",
        ),
        // Some in the primary CIDR, one in the secondary: the primary ones are outside it.
        (
            "10.20.16.0/20,10.20.32.0/20,100.64.0.0/18",
            "AZ 1's task subnet 10.20.16.0/20 is not inside the task CIDR 100.64.0.0/16",
        ),
    ];
    for (tnets, says) in cases {
        let i = inputs(tnets, "100.64.0.0/16");
        let e = conflicts(&i);
        assert_eq!(e.len(), 1, "{tnets}: {e:?}");
        assert_eq!(e[0].message, says);
        assert!(
            e[0].involves(Field::TaskSubnets) && e[0].involves(Field::TaskCidr),
            "{e:?}"
        );
        // The same from the form, as typed.
        let f = Form {
            vpc: "10.20.0.0/16".into(),
            hnets: "10.20.0.0/24,10.20.1.0/24,10.20.2.0/24".into(),
            secondary: true,
            tnets: tnets.into(),
            ..Form::default()
        };
        let errs = f.plan().unwrap_err();
        assert_eq!(errs[0].message, says);
    }
}

#[test]
fn task_subnets_overlapping_the_hosts_are_named_by_az_and_role() {
    // Carved host subnets (no `hnets`): the message goes next to the task subnets and the host
    // prefix, the controls that can fix it, and names the AZs and the roles.
    let i = Inputs {
        vpc: "10.20.0.0/16".parse().unwrap(),
        host_prefix: 20,
        secondary: true,
        task_subnets: nets("10.20.48.0/20,10.20.16.0/20,10.20.64.0/20"),
        labels: awsvpc_planner::calc::Labels {
            zones: vec![
                "us-east-1a".into(),
                "us-east-1b".into(),
                "us-east-1c".into(),
            ],
            ..Default::default()
        },
        ..Inputs::default()
    };
    let e = &conflicts(&i)[0];
    assert_eq!(
        e.message,
        "AZ 2 (us-east-1b)'s task subnet 10.20.16.0/20 overlaps AZ 2 (us-east-1b)'s host subnet 10.20.16.0/20 (carved in order from 10.20.0.0/16): a task subnet must not share addresses with a host subnet"
    );
    assert_eq!(
        e.fields().collect::<Vec<_>>(),
        [Field::TaskSubnets, Field::HostPrefix]
    );
    // Listed host subnets: next to them instead.
    let listed = Inputs {
        host_subnets: nets("10.20.0.0/20,10.20.16.0/20,10.20.32.0/20"),
        ..i
    };
    assert_eq!(
        conflicts(&listed)[0].fields().collect::<Vec<_>>(),
        [Field::TaskSubnets, Field::HostSubnets]
    );
}
