//! The public documents the numbers and rules come from: one [`Source`] each, cited by the
//! explanations, the warnings, the exports and the footer.

/// A public document a number or rule comes from: its title and address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// Title of the page.
    pub title: &'static str,
    /// Its address.
    pub url: &'static str,
}

/// Amazon VPC User Guide: subnet sizing and the 5 reserved addresses.
pub const VPC_SUBNET_SIZING: Source = Source {
    title: "Amazon VPC User Guide: Subnet CIDR blocks",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
};
/// Amazon VPC User Guide: VPC CIDR blocks and secondary-CIDR restrictions.
pub const VPC_CIDR_BLOCKS: Source = Source {
    title: "Amazon VPC User Guide: VPC CIDR blocks",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
};
/// Amazon ECS Developer Guide: ENI trunking.
pub const ECS_TRUNKING: Source = Source {
    title: "Amazon ECS Developer Guide: Increasing Linux container instance network interfaces",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html",
};
/// Amazon ECS Developer Guide: instance types that support trunking, with task limits.
pub const ECS_TRUNKING_TYPES: Source = Source {
    title: "Amazon ECS Developer Guide: Supported instances for increased ECS task ENIs",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/eni-trunking-supported-instance-types.html",
};
/// EC2 ENI limits per type (VPC resource controller, generated from the EC2 API).
pub const EC2_LIMITS: Source = Source {
    title: "aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go (EC2 ENI limits, 2026-08)",
    url: "https://github.com/aws/amazon-vpc-resource-controller-k8s/blob/master/pkg/aws/vpc/limits.go",
};
/// Amazon ECS Best Practices: awsvpc network mode and IP use.
pub const ECS_BP_AWSVPC: Source = Source {
    title: "Amazon ECS Best Practices Guide: AWSVPC network mode",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/networking-networkmode-awsvpc.html",
};
/// Amazon ECS Developer Guide: task networking (awsvpc).
pub const ECS_TASK_NETWORKING: Source = Source {
    title: "Amazon ECS Developer Guide: Amazon ECS task networking options for EC2",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html",
};
/// Amazon ECS Developer Guide: Fargate task networking.
pub const FARGATE_NETWORKING: Source = Source {
    title: "Amazon ECS Developer Guide: Fargate task networking",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
};
/// Amazon ECS Developer Guide: service definition parameters (maximumPercent).
pub const ECS_DEPLOYMENT: Source = Source {
    title: "Amazon ECS Developer Guide: Service definition parameters (deploymentConfiguration)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html",
};
/// Amazon ECS Developer Guide: blue/green deployments.
pub const ECS_BLUE_GREEN: Source = Source {
    title: "Amazon ECS Developer Guide: How Amazon ECS blue/green deployments work",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html",
};
/// Amazon ECS Developer Guide: services and AZ spread.
pub const ECS_SERVICES: Source = Source {
    title: "Amazon ECS Developer Guide: Amazon ECS services (AZ spread)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html",
};
/// Amazon ECS Developer Guide: container instance memory.
pub const ECS_MEMORY: Source = Source {
    title: "Amazon ECS Developer Guide: Reserving Linux container instance memory",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html",
};
/// AWS Batch User Guide: the numbers of AWS's registered-memory example (an m4.large's 8 GiB
/// registers 7,985 MiB).
pub const BATCH_MEMORY: Source = Source {
    title: "AWS Batch User Guide: Compute resource memory management",
    url: "https://docs.aws.amazon.com/batch/latest/userguide/memory-management.html",
};
/// Amazon ECS Developer Guide: the valid Fargate task CPU and memory combinations.
pub const FARGATE_TASK_SIZES: Source = Source {
    title: "Amazon ECS Developer Guide: Troubleshoot Amazon ECS task definition invalid CPU or memory errors (Fargate task sizes)",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
};
/// Elastic Load Balancing: ALB subnets.
pub const ALB_SUBNETS: Source = Source {
    title: "Application Load Balancers: Subnets for your load balancer",
    url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html",
};
/// Amazon EC2 API Reference: the `Subnet` data type (`availableIpAddressCount`).
pub const EC2_SUBNET: Source = Source {
    title: "Amazon EC2 API Reference: Subnet (availableIpAddressCount)",
    url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html",
};
/// AWS CLI Command Reference: `aws ec2 describe-subnets`.
pub const CLI_DESCRIBE_SUBNETS: Source = Source {
    title: "AWS CLI Command Reference: aws ec2 describe-subnets",
    url: "https://docs.aws.amazon.com/cli/latest/reference/ec2/describe-subnets.html",
};
/// Amazon VPC quotas.
pub const VPC_QUOTAS: Source = Source {
    title: "Amazon VPC quotas",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
};
