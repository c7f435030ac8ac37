//! The footer: the instance dataset's version and the sources.

use crate::calc::catalog::{self, DATASET_VERSION};
use crate::calc::explain::{EC2_LIMITS, ECS_BP_AWSVPC, ECS_TRUNKING_TYPES, VPC_SUBNET_SIZING};
use crate::calc::fmt;
use yew::prelude::*;

/// The footer.
pub fn footer() -> Html {
    html! {
        <footer class="foot">
            <p>
                { format!("Instance data {DATASET_VERSION}: {} EC2 types. Sources: ", fmt::int(catalog::all().len() as u64)) }
                <a href={EC2_LIMITS.url}>{ "EC2 ENI limits (limits.go)" }</a>{ ", " }
                <a href={ECS_TRUNKING_TYPES.url}>{ "ECS trunking table (2023-04)" }</a>{ ", " }
                <a href={VPC_SUBNET_SIZING.url}>{ "VPC subnet sizing" }</a>{ ", " }
                <a href={ECS_BP_AWSVPC.url}>{ "ECS awsvpc best practices" }</a>{ "." }
            </p>
            <p class="muted">{ "Everything runs in your browser; nothing is sent anywhere." }</p>
        </footer>
    }
}
