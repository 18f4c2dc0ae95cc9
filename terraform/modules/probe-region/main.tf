# A probe region: a worker in WORKER_MODE=probe that reads this region's check queue and sends every result to
# the home region's results queue. It has no database settings, no secrets and no network path to the database:
# its VPC is its own, connected to nothing (no peering, no transit gateway), and its IAM role reaches two queues.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  name       = "${var.home.name_prefix}-probe-${var.region}"
  queue_name = "${var.home.name_prefix}-checks-${var.region}"
  dlq_name   = "${var.home.name_prefix}-checks-${var.region}-dlq"
  azs        = slice(data.aws_availability_zones.available.names, 0, 2)
}

# Public subnets only: the tasks get public IPs and reach the monitored URLs and the AWS APIs through the
# internet gateway (no NAT gateway to pay for); their security group admits nothing inbound.
resource "aws_vpc" "this" {
  cidr_block           = var.home.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = local.name }
}

# Lock down the default security group of the VPC: nothing uses it.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = local.name }
}

resource "aws_subnet" "public" {
  count = 2

  vpc_id                  = aws_vpc.this.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(var.home.vpc_cidr, 8, count.index)
  map_public_ip_on_launch = false # the service assigns the tasks' public IPs itself

  tags = { Name = "${local.name}-${local.azs[count.index]}", Tier = "public" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = local.name }
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

resource "aws_security_group" "probe" {
  name        = local.name
  description = "Probe worker tasks: outbound health checks, no inbound"
  vpc_id      = aws_vpc.this.id
  tags        = { Name = local.name }
}

resource "aws_vpc_security_group_egress_rule" "probe_checks" {
  security_group_id = aws_security_group.probe.id
  description       = "Outbound checks of monitored URLs on any TCP port, AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
  cidr_ipv4         = "0.0.0.0/0"
}
