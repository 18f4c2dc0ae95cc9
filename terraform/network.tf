resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "${var.name_prefix}-vpc" }
}

# Lock down the default security group of the VPC: nothing uses it.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "${var.name_prefix}-igw" }
}

resource "aws_subnet" "public" {
  count = 2

  vpc_id                  = aws_vpc.this.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, count.index)
  map_public_ip_on_launch = false

  tags = { Name = "${var.name_prefix}-public-${local.azs[count.index]}", Tier = "public" }
}

resource "aws_subnet" "private" {
  count = 2

  vpc_id            = aws_vpc.this.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 10)

  tags = { Name = "${var.name_prefix}-private-${local.azs[count.index]}", Tier = "private" }
}

# The worker tasks' own subnets, so that a network ACL can keep them out of the VPC (see below).
resource "aws_subnet" "worker" {
  count = 2

  vpc_id                  = aws_vpc.this.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, count.index + 20)
  map_public_ip_on_launch = false

  tags = { Name = "${var.name_prefix}-worker-${local.azs[count.index]}", Tier = "worker" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "${var.name_prefix}-public" }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count = 2

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

locals {
  nat_count = local.use_nat ? (var.single_nat_gateway ? 1 : 2) : 0
}

resource "aws_eip" "nat" {
  count = local.nat_count

  domain = "vpc"
  tags   = { Name = "${var.name_prefix}-nat-${count.index}" }
}

resource "aws_nat_gateway" "this" {
  count = local.nat_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  tags          = { Name = "${var.name_prefix}-nat-${count.index}" }

  depends_on = [aws_internet_gateway.this]
}

# One route table per private subnet so each AZ can use its own NAT gateway.
resource "aws_route_table" "private" {
  count = 2

  vpc_id = aws_vpc.this.id
  tags   = { Name = "${var.name_prefix}-private-${local.azs[count.index]}" }
}

resource "aws_route" "private_nat" {
  count = local.use_nat ? 2 : 0

  route_table_id         = aws_route_table.private[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[min(count.index, local.nat_count - 1)].id
}

resource "aws_route_table_association" "private" {
  count = 2

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# Worker subnets route like the other task subnets: through their AZ's NAT gateway, or (cost saver) the
# internet gateway.
resource "aws_route_table_association" "worker" {
  count = 2

  subnet_id      = aws_subnet.worker[count.index].id
  route_table_id = local.use_nat ? aws_route_table.private[count.index].id : aws_route_table.public.id
}

# The worker fetches URLs users give it, so its egress must not reach into the VPC: the application's SSRF
# guard refuses private addresses, and this network ACL backs it at network level. A security group cannot say
# "anywhere but the VPC" (an egress rule to 0.0.0.0/0 includes the VPC's own range); a network ACL can, with
# ordered allow and deny rules, and it is stateless, so return traffic is allowed explicitly. The worker may reach
# PostgreSQL in the private subnets (RDS) and anything outside the VPC (monitored URLs, webhooks, and AWS APIs
# through NAT); everything else inside the VPC is denied both ways. Not filtered by network ACLs at all: the
# Amazon DNS resolver, instance metadata and the ECS task metadata/credentials endpoint (link-local addresses
# the SSRF guard refuses).
locals {
  worker_nacl_egress = concat(
    [for i, cidr in aws_subnet.private[*].cidr_block : { rule_no = 100 + i, action = "allow", protocol = "tcp", cidr = cidr, from = 5432, to = 5432 }],
    [
      { rule_no = 200, action = "deny", protocol = "-1", cidr = var.vpc_cidr, from = 0, to = 0 },
      { rule_no = 300, action = "allow", protocol = "-1", cidr = "0.0.0.0/0", from = 0, to = 0 },
    ],
  )
  worker_nacl_ingress = concat(
    # Replies from PostgreSQL to the worker's ephemeral ports.
    [for i, cidr in aws_subnet.private[*].cidr_block : { rule_no = 100 + i, action = "allow", protocol = "tcp", cidr = cidr, from = 1024, to = 65535 }],
    [
      { rule_no = 200, action = "deny", protocol = "-1", cidr = var.vpc_cidr, from = 0, to = 0 },
      # Replies from the internet (the worker accepts no connections: its security group has no inbound rule).
      { rule_no = 300, action = "allow", protocol = "tcp", cidr = "0.0.0.0/0", from = 1024, to = 65535 },
      { rule_no = 310, action = "allow", protocol = "udp", cidr = "0.0.0.0/0", from = 1024, to = 65535 },
      # ICMP: path MTU discovery and unreachable notices for the checks.
      { rule_no = 320, action = "allow", protocol = "icmp", cidr = "0.0.0.0/0", from = -1, to = -1 },
    ],
  )
}

resource "aws_network_acl" "worker" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.worker[*].id

  dynamic "egress" {
    for_each = local.worker_nacl_egress
    content {
      rule_no    = egress.value.rule_no
      action     = egress.value.action
      protocol   = egress.value.protocol
      cidr_block = egress.value.cidr
      from_port  = egress.value.protocol == "icmp" ? 0 : egress.value.from
      to_port    = egress.value.protocol == "icmp" ? 0 : egress.value.to
    }
  }

  dynamic "ingress" {
    for_each = local.worker_nacl_ingress
    content {
      rule_no    = ingress.value.rule_no
      action     = ingress.value.action
      protocol   = ingress.value.protocol
      cidr_block = ingress.value.cidr
      from_port  = ingress.value.protocol == "icmp" ? 0 : ingress.value.from
      to_port    = ingress.value.protocol == "icmp" ? 0 : ingress.value.to
      icmp_type  = ingress.value.protocol == "icmp" ? -1 : null
      icmp_code  = ingress.value.protocol == "icmp" ? -1 : null
    }
  }

  tags = { Name = "${var.name_prefix}-worker" }
}

# VPC flow logs (the seed's short-term fix): rejected traffic to CloudWatch Logs.
resource "aws_cloudwatch_log_group" "flow_logs" {
  count = var.enable_flow_logs ? 1 : 0

  name              = "/vpc/${var.name_prefix}-flow-logs"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "flow_logs" {
  count = var.enable_flow_logs ? 1 : 0

  name = "${var.name_prefix}-flow-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "vpc-flow-logs.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "flow_logs" {
  count = var.enable_flow_logs ? 1 : 0

  name = "write-flow-logs"
  role = aws_iam_role.flow_logs[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
      Resource = "${aws_cloudwatch_log_group.flow_logs[0].arn}:*"
    }]
  })
}

resource "aws_flow_log" "this" {
  count = var.enable_flow_logs ? 1 : 0

  vpc_id          = aws_vpc.this.id
  traffic_type    = "REJECT"
  log_destination = aws_cloudwatch_log_group.flow_logs[0].arn
  iam_role_arn    = aws_iam_role.flow_logs[0].arn
}
