//! The plan's subnets as a Terraform snippet: carved subnets created with `cidrsubnet`, existing
//! ones looked up, IPv6 blocks for dual-stack and IPv6-only plans, and the verdict as comments.

use super::{verdict, Subject};
use crate::calc::catalog::DATASET_VERSION;
use crate::calc::cluster::ServicePlan;
use crate::calc::explain::cluster::{holds, split};
use crate::calc::fmt::int;
use crate::calc::share;
use crate::calc::{IpMode, SubnetUse};
use ipnet::Ipv4Net;
use std::fmt::Write as _;
use std::net::Ipv4Addr;

/// The default VPC's range; its default subnets are /20s carved from it in order, one per AZ.
fn default_vpc() -> Ipv4Net {
    Ipv4Net::new(Ipv4Addr::new(172, 31, 0, 0), 16).unwrap_or_default()
}
/// The prefix of the default VPC's default subnets.
const DEFAULT_SUBNET_PREFIX: u8 = 20;
/// The prefix of an Amazon-provided VPC IPv6 block.
const AMAZON_IPV6_PREFIX: u8 = 56;
/// The largest VPC IPv6 block AWS allows (IPAM or BYOIP).
const MIN_VPC_IPV6_PREFIX: u8 = 44;

/// Whether the snippet checks that existing subnets of this kind still have the free addresses
/// the plan needs: looked up by id (imported), or with addresses in use.
fn needs_check(k: &Kind) -> bool {
    k.existing && (k.ids.len() == k.subnets.len() || k.subnets.iter().any(|s| s.in_use > 0))
}

/// A Terraform comment: every line prefixed with `# `.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// The VPC IPv6 block prefix the snippet assumes, so that `count` subnets of `/prefix` fit in
/// it: an Amazon-provided /56 where it is large enough, else the smallest IPAM block (a
/// multiple of 4, /44 at the largest) that is. None when not even a /44 holds them.
fn ipv6_block_prefix(prefix: u8, count: usize) -> Option<u8> {
    let bits = (usize::BITS - count.saturating_sub(1).leading_zeros()) as u8;
    let room = prefix.checked_sub(bits)?;
    let p = room.min(AMAZON_IPV6_PREFIX) / 4 * 4;
    (p >= MIN_VPC_IPV6_PREFIX).then_some(p)
}

/// How the snippet handles one kind of subnet (host or task).
struct Kind<'a> {
    /// `host` or `task`.
    name: &'static str,
    /// Words for comments and tags.
    what: &'static str,
    /// The plan's subnets of this kind, by AZ.
    subnets: Vec<&'a SubnetUse>,
    /// Looked up (`data "aws_subnet"`), not created: listed subnets, or the default VPC's own.
    existing: bool,
    /// How each CIDR is written: `cidrsubnet(var.…, newbits, i)`, or the listed CIDR.
    carve: Option<(&'static str, u8)>,
    /// The IPv6 subnet index of AZ 1 when the snippet gives these subnets IPv6 blocks.
    ipv6_from: Option<usize>,
    /// Subnet ids of existing subnets, one per AZ (empty: looked up by CIDR).
    ids: &'a [String],
}

/// One service's figures in a comment: "Service web: 600 tasks (200 + 200 + 200), per
/// instance 9 (ENI slots bind), 600 IPv4 (1,200 at its peak); largest that fits 5,000, that
/// deploys 2,500."
fn service_line(s: &ServicePlan) -> String {
    let or_na = |v: Option<u64>| v.map_or("n/a".to_string(), int);
    let mut line = format!("Service {}: {} tasks ({})", s.name, int(s.tasks), split(s));
    if let Some(h) = holds(s) {
        let _ = write!(line, ", per instance {h}");
    }
    let _ = write!(
        line,
        ", {} IPv4 ({} at its peak); largest that fits {}, that deploys {}.",
        int(s.ipv4),
        int(s.ipv4_at_peak),
        or_na(s.max_fits),
        or_na(s.max_deploys)
    );
    line
}

/// A Terraform (HCL) snippet for the plan's subnets, headed by the verdict, the warnings and
/// (with trunking) its preconditions as comments.
///
/// - Carved subnets are `resource "aws_subnet"` with `cidr_block = cidrsubnet(var.vpc_cidr,
///   newbits, i)` (or `var.task_cidr`, with an `aws_vpc_ipv4_cidr_block_association`), in the
///   zones of the variable `azs`, with a comment that they must not overlap existing subnets.
/// - Listed subnets (`hnets`/`tnets`), and in the default VPC (172.31.0.0/16) its default /20
///   subnets, exist already: they are `data "aws_subnet"` lookups by CIDR and `var.vpc_id`, and
///   subnets created beside them take their zones.
/// - Dual stack gives every created subnet `ipv6_cidr_block = cidrsubnet(` the VPC's IPv6 block
///   `, newbits, i)` (of the plan's IPv6 prefix, /64 by default) and
///   `assign_ipv6_address_on_creation`; IPv6-only tasks get their own `ipv6_native` subnets. A
///   precondition checks the VPC's IPv6 block has the size the newbits assume (/56, Amazon's).
///
/// A comment on each subnet gives its CIDR and usable, used and peak address counts. A whole
/// cluster's snippet names its services in the header, each with its figures.
///
/// - Listed subnets with ids (`hid`, `tid`: e.g. imported from `aws ec2 describe-subnets`) are
///   looked up by `id` instead, with postconditions that each still has its CIDR and the free
///   addresses the plan adds to it at the deployment peak (the in-use figures are a snapshot);
///   listed subnets with addresses in use (`@n`) get the free-address postcondition too.
///
/// # Examples
/// ```
/// use awsvpc_planner::calc::{export::terraform, plan, Inputs};
/// let mut i = Inputs::default();
/// i.vpc = "10.0.0.0/16".parse().unwrap();
/// let tf = terraform(&plan(&i).unwrap());
/// assert!(tf.contains("cidrsubnet(var.vpc_cidr, 4, 2), # AZ 3: 10.0.32.0/20, 4,091 usable"));
/// assert!(tf.contains("resource \"aws_subnet\" \"host\""));
/// let tf = terraform(&plan(&Inputs::default()).unwrap());
/// assert!(tf.contains("data \"aws_subnet\" \"host\""));
/// assert!(!tf.contains("resource \"aws_subnet\""));
/// ```
pub fn terraform<'a>(subject: impl Into<Subject<'a>>) -> String {
    let subject = subject.into();
    let p = subject.plan;
    let i = &p.inputs;
    let n = p.azs.len();
    let v = verdict(p);
    let default_vpc = i.vpc == default_vpc();
    let host_defaults =
        default_vpc && i.host_subnets.is_empty() && i.host_prefix == DEFAULT_SUBNET_PREFIX;
    let dual = i.ip_mode == IpMode::Dual;
    let v6only = i.ip_mode == IpMode::V6Only;

    let v6 = dual || v6only;
    let host_existing = !i.host_subnets.is_empty() || host_defaults;
    // IPv6 blocks: created host subnets take indexes 0..n, created task subnets (IPv4 task
    // subnets with dual stack, IPv6-only ones with IPv6-only tasks) n..2n.
    let host = Kind {
        name: "host",
        what: "hosts",
        subnets: p.azs.iter().map(|a| &a.host).collect(),
        existing: host_existing,
        carve: i
            .host_subnets
            .is_empty()
            .then(|| ("vpc_cidr", i.host_prefix.saturating_sub(i.vpc.prefix_len()))),
        ipv6_from: (v6 && !host_existing).then_some(0),
        ids: if i.host_subnets.is_empty() {
            &[]
        } else {
            &i.labels.host_ids
        },
    };
    let task = i.secondary.then(|| Kind {
        name: "task",
        what: "tasks",
        subnets: p.azs.iter().filter_map(|a| a.task.as_ref()).collect(),
        existing: !i.task_subnets.is_empty(),
        carve: i.task_subnets.is_empty().then(|| {
            (
                "task_cidr",
                i.task_prefix.saturating_sub(i.task_cidr.prefix_len()),
            )
        }),
        ipv6_from: (dual && i.task_subnets.is_empty()).then_some(n),
        ids: if i.task_subnets.is_empty() {
            &[]
        } else {
            &i.labels.task_ids
        },
    });
    let task_v6 = v6only || task.as_ref().is_some_and(|t| t.ipv6_from.is_some());
    let slots = if task_v6 { 2 * n } else { n };
    let v6_block = ipv6_block_prefix(i.ipv6_prefix, slots);
    let v6_newbits = v6_block.map(|b| i.ipv6_prefix - b);
    let any_v6 = host.ipv6_from.is_some() || task_v6;

    // ---- header comments
    let mut out = String::new();
    let what = match subject.cluster {
        Some(c) => format!("the {} services of an ECS cluster", c.services.len()),
        None => format!("{} ECS tasks", int(i.tasks)),
    };
    comment(
        &mut out,
        &format!(
            "awsvpc planner: subnets for {what} over {n} AZs (instance data {DATASET_VERSION}).\n\
             Link: #{}",
            share::encode(&subject.inputs(), false)
        ),
    );
    out.push_str("#\n");
    if let Some(c) = subject.cluster {
        for s in &c.services {
            comment(&mut out, &service_line(s));
        }
        out.push_str("#\n");
    }
    for (_, line) in &v.lines {
        comment(&mut out, line);
    }
    for w in &v.warnings {
        comment(
            &mut out,
            &format!("Warning: {} {} ({})", w.message, w.action, w.source.url),
        );
    }
    for c in v.trunking {
        comment(
            &mut out,
            &format!("Trunking precondition: {}: {}", c.title, c.detail),
        );
    }
    if default_vpc {
        out.push_str("#\n");
        if host_defaults {
            comment(
                &mut out,
                "172.31.0.0/16 is the default VPC's range, and its /20 host subnets are the default\n\
                 VPC's default subnets (172.31.0.0/20, 172.31.16.0/20, 172.31.32.0/20, …, one per AZ):\n\
                 they exist already, so they are looked up here, not created.",
            );
        } else if i.host_subnets.is_empty() {
            comment(
                &mut out,
                "172.31.0.0/16 is the default VPC's range: its default /20 subnets (172.31.0.0/20,\n\
                 172.31.16.0/20, …, one per AZ) exist already and overlap the subnets created below,\n\
                 so `terraform apply` fails unless you delete them first (or plan /20 host subnets,\n\
                 which are looked up instead, or list the subnets you have).",
            );
        }
    }

    // ---- variables
    // The VPC's id: to create subnets in it, to look subnets up by CIDR, and for its IPv6 block;
    // subnets looked up by id need none (`terraform plan` would prompt for an unused variable).
    let by_id = |k: &Kind| k.existing && k.ids.len() == k.subnets.len();
    if !by_id(&host) || task.as_ref().is_some_and(|t| !by_id(t)) || any_v6 || v6only {
        let _ = write!(
            out,
            "\nvariable \"vpc_id\" {{\n  description = \"The VPC the subnets are in\"\n  type        = string\n}}\n"
        );
    }
    if host.carve.is_some() {
        let _ = write!(
            out,
            "\nvariable \"vpc_cidr\" {{\n  description = \"The VPC's primary IPv4 CIDR\"\n  type        = string\n  default     = \"{}\"\n}}\n",
            i.vpc
        );
    }
    if !host.existing {
        let _ = write!(
            out,
            "\nvariable \"azs\" {{\n  description = \"The {n} Availability Zones, AZ 1 first\"\n  type        = list(string)\n\n  \
             validation {{\n    condition     = length(var.azs) == {n}\n    error_message = \"The plan has {n} AZs: give exactly {n}.\"\n  }}\n}}\n"
        );
    }
    if let Some(t) = &task {
        if !t.existing {
            let _ = write!(
                out,
                "\nvariable \"task_cidr\" {{\n  description = \"The secondary IPv4 CIDR for task subnets\"\n  type        = string\n  default     = \"{}\"\n}}\n\n\
                 resource \"aws_vpc_ipv4_cidr_block_association\" \"tasks\" {{\n  vpc_id     = var.vpc_id\n  cidr_block = var.task_cidr\n}}\n",
                i.task_cidr
            );
        }
    }
    if any_v6 {
        let _ = write!(
            out,
            "\n# The VPC's IPv6 block, which the IPv6 subnets are carved from.\ndata \"aws_vpc\" \"this\" {{\n  id = var.vpc_id\n}}\n"
        );
    }

    // ---- locals
    out.push_str("\nlocals {\n");
    let list = |out: &mut String, k: &Kind| {
        match k.carve {
            Some((var, newbits)) => {
                let block = if var == "vpc_cidr" {
                    i.vpc
                } else {
                    i.task_cidr
                };
                let _ = writeln!(
                    out,
                    "  # /{} {} subnets carved in order from the /{} {var}: newbits {newbits}",
                    k.subnets.first().map_or(0, |s| s.cidr.prefix_len()),
                    k.name,
                    block.prefix_len()
                );
            }
            None => {
                let _ = writeln!(out, "  # the plan's listed {} subnets", k.name);
            }
        }
        let _ = writeln!(out, "  {}_subnets = [", k.name);
        for (x, s) in k.subnets.iter().enumerate() {
            let cidr = match k.carve {
                Some((var, newbits)) => format!("cidrsubnet(var.{var}, {newbits}, {x})"),
                None => format!("\"{}\"", s.cidr),
            };
            let in_use = if s.in_use > 0 {
                format!("{} in use now, ", int(s.in_use))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "    {cidr}, # {}: {}, {} usable; {in_use}{} used, {} at the deployment peak",
                p.az_name(x as u32),
                s.cidr,
                int(s.usable),
                int(s.used()),
                int(s.peak())
            );
        }
        out.push_str("  ]\n");
        if k.existing && k.ids.len() == k.subnets.len() {
            let _ = writeln!(out, "  # their ids, as imported");
            let ids: Vec<String> = k.ids.iter().map(|id| format!("\"{id}\"")).collect();
            let _ = writeln!(out, "  {}_subnet_ids = [{}]", k.name, ids.join(", "));
        }
        if needs_check(k) {
            let _ = writeln!(
                out,
                "  # free addresses each needs at the deployment peak, beyond those in use now"
            );
            let needs: Vec<String> = k
                .subnets
                .iter()
                .map(|s| s.peak().saturating_sub(s.in_use).to_string())
                .collect();
            let _ = writeln!(out, "  {}_subnet_needs = [{}]", k.name, needs.join(", "));
        }
    };
    list(&mut out, &host);
    if let Some(t) = &task {
        list(&mut out, t);
    }
    let v6_list = |out: &mut String, name: &str, from: usize| match (v6_block, v6_newbits) {
        (Some(b), Some(newbits)) => {
            let _ = writeln!(
                    out,
                    "  # /{} IPv6 subnets from the VPC's /{b} IPv6 block: newbits {newbits}, indexes {} to {}",
                    i.ipv6_prefix,
                    from,
                    from + n - 1
                );
            let _ = writeln!(out, "  {name}_ipv6_subnets = [");
            for x in 0..n {
                let _ = writeln!(
                    out,
                    "    cidrsubnet(data.aws_vpc.this.ipv6_cidr_block, {newbits}, {}), # {}",
                    from + x,
                    p.az_name(x as u32)
                );
            }
            out.push_str("  ]\n");
        }
        _ => {
            let _ = writeln!(
                    out,
                    "  # {n} /{} IPv6 subnets do not fit in one VPC IPv6 block (at most a /44): none carved",
                    i.ipv6_prefix
                );
            let _ = writeln!(out, "  {name}_ipv6_subnets = []");
        }
    };
    if let Some(from) = host.ipv6_from {
        v6_list(&mut out, "host", from);
    }
    if let Some(from) = task.as_ref().and_then(|t| t.ipv6_from) {
        v6_list(&mut out, "task", from);
    }
    if v6only {
        v6_list(&mut out, "task_v6only", n);
    }
    out.push_str("}\n");

    // ---- subnets
    let host_az = if host.existing {
        "data.aws_subnet.host[count.index].availability_zone"
    } else {
        "var.azs[count.index]"
    };
    let precondition = |out: &mut String| {
        if let Some(b) = v6_block {
            let _ = write!(
                out,
                "\n  lifecycle {{\n    precondition {{\n      condition     = endswith(data.aws_vpc.this.ipv6_cidr_block, \"/{b}\")\n      \
                 error_message = \"The IPv6 subnets assume a /{b} VPC IPv6 block; change their newbits to fit this VPC's.\"\n    }}\n  }}\n"
            );
        }
    };
    let subnet = |out: &mut String, k: &Kind, vpc: &str| {
        if k.existing {
            let by_id = k.ids.len() == k.subnets.len();
            let _ = write!(
                out,
                "\n# The {} subnets exist already: looked up by {}, not created.\n",
                k.name,
                if by_id { "id" } else { "CIDR" }
            );
            if (dual || (v6only && k.name == "host")) && k.ipv6_from.is_none() {
                comment(
                    out,
                    "IPv6: each of them needs an IPv6 CIDR block and assign_ipv6_address_on_creation (dual\n\
                     stack), set where the subnets are managed.",
                );
            }
            if by_id {
                let _ = write!(
                    out,
                    "data \"aws_subnet\" \"{0}\" {{\n  count = length(local.{0}_subnet_ids)\n  id    = local.{0}_subnet_ids[count.index]\n\n  \
                     lifecycle {{\n    postcondition {{\n      condition     = self.cidr_block == local.{0}_subnets[count.index]\n      \
                     error_message = \"This subnet's CIDR is not the one planned.\"\n    }}\n",
                    k.name
                );
            } else {
                let _ = write!(
                    out,
                    "data \"aws_subnet\" \"{0}\" {{\n  count      = length(local.{0}_subnets)\n  vpc_id     = var.vpc_id\n  cidr_block = local.{0}_subnets[count.index]\n",
                    k.name
                );
                if needs_check(k) {
                    out.push_str("\n  lifecycle {\n");
                }
            }
            if needs_check(k) {
                let _ = write!(
                    out,
                    "    postcondition {{\n      condition     = self.available_ip_address_count >= local.{0}_subnet_needs[count.index]\n      \
                     error_message = \"Fewer free IPv4 addresses than the plan needs at the deployment peak: the in-use figures were a snapshot; plan again.\"\n    }}\n",
                    k.name
                );
            }
            if by_id || needs_check(k) {
                out.push_str("  }\n");
            }
            out.push_str("}\n");
            return;
        }
        let _ = write!(
            out,
            "\n# Created here: these subnets must not overlap any subnet that already exists in the VPC,\n\
             # or `terraform apply` fails with a CIDR conflict.\n"
        );
        if v6only && k.name == "task" {
            comment(
                out,
                "IPv6-only tasks take no IPv4 addresses: they run in the task_v6only subnets below.",
            );
        }
        let az = if k.name == "host" {
            "var.azs[count.index]"
        } else {
            host_az
        };
        let _ = write!(
            out,
            "resource \"aws_subnet\" \"{0}\" {{\n  count             = length(local.{0}_subnets)\n  vpc_id            = {vpc}\n  \
             cidr_block        = local.{0}_subnets[count.index]\n  availability_zone = {az}\n",
            k.name
        );
        if k.ipv6_from.is_some() && v6_block.is_some() {
            let _ = write!(
                out,
                "\n  ipv6_cidr_block                 = local.{}_ipv6_subnets[count.index]\n  assign_ipv6_address_on_creation = true\n",
                k.name
            );
        }
        let _ = write!(
            out,
            "\n  tags = {{\n    Name = \"ecs-{}-${{count.index + 1}}\"\n  }}\n",
            k.what
        );
        if k.ipv6_from.is_some() {
            precondition(out);
        }
        out.push_str("}\n");
    };
    subnet(&mut out, &host, "var.vpc_id");
    if let Some(t) = &task {
        subnet(
            &mut out,
            t,
            "aws_vpc_ipv4_cidr_block_association.tasks.vpc_id",
        );
    }
    if v6only && v6_block.is_some() {
        let _ = write!(
            out,
            "\n# IPv6-only subnets for the IPv6-only tasks (no IPv4 CIDR), in the host subnets' zones.\n\
             # Created here: they must not overlap the IPv6 blocks of existing subnets.\n\
             resource \"aws_subnet\" \"task_v6only\" {{\n  count             = length(local.task_v6only_ipv6_subnets)\n  vpc_id            = var.vpc_id\n  \
             availability_zone = {host_az}\n\n  ipv6_native                                    = true\n  \
             ipv6_cidr_block                                = local.task_v6only_ipv6_subnets[count.index]\n  \
             assign_ipv6_address_on_creation                = true\n  \
             enable_dns64                                   = true\n  \
             enable_resource_name_dns_aaaa_record_on_launch = true\n\n  \
             tags = {{\n    Name = \"ecs-tasks-ipv6-${{count.index + 1}}\"\n  }}\n"
        );
        precondition(&mut out);
        out.push_str("}\n");
    }
    out
}
