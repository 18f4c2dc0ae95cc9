# ALB: HTTP (redirect or plain) and HTTPS from the allowed CIDRs; out only to the API tasks.
resource "aws_security_group" "alb" {
  name        = "${var.name_prefix}-alb"
  description = "Load balancer of the Health Monitor API"
  vpc_id      = aws_vpc.this.id
  tags        = { Name = "${var.name_prefix}-alb" }
}

locals {
  alb_ports = local.https_enabled ? [80, 443] : [80]
  alb_ingress = {
    for pair in setproduct(local.alb_ports, var.alb_ingress_cidrs) :
    "${pair[0]}-${pair[1]}" => { port = pair[0], cidr = pair[1] }
  }
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  for_each = local.alb_ingress

  security_group_id = aws_security_group.alb.id
  description       = "HTTP${each.value.port == 443 ? "S" : ""} from allowed clients"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
}

resource "aws_vpc_security_group_egress_rule" "alb_to_api" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the API tasks on the app port only"
  ip_protocol                  = "tcp"
  from_port                    = var.api_container_port
  to_port                      = var.api_container_port
  referenced_security_group_id = aws_security_group.ecs_tasks.id
}

# API, scheduler and db-migrations tasks: in only from the ALB on the app port;
# out to RDS on 5432 and to HTTPS (AWS APIs, ECR, Secrets Manager, CloudWatch Logs).
resource "aws_security_group" "ecs_tasks" {
  name        = "${var.name_prefix}-ecs-tasks"
  description = "API, scheduler and db-migrations tasks"
  vpc_id      = aws_vpc.this.id
  tags        = { Name = "${var.name_prefix}-ecs-tasks" }
}

resource "aws_vpc_security_group_ingress_rule" "api_from_alb" {
  security_group_id            = aws_security_group.ecs_tasks.id
  description                  = "From the ALB on the API port only"
  ip_protocol                  = "tcp"
  from_port                    = var.api_container_port
  to_port                      = var.api_container_port
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_egress_rule" "tasks_to_rds" {
  security_group_id            = aws_security_group.ecs_tasks.id
  description                  = "PostgreSQL"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.rds.id
}

resource "aws_vpc_security_group_egress_rule" "tasks_https" {
  security_group_id = aws_security_group.ecs_tasks.id
  description       = "HTTPS to AWS APIs (SQS, ECR, Secrets Manager, CloudWatch Logs)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# Workers: no inbound at all; outbound TCP on any port, because monitored
# URLs may use any port, and Slack webhooks need HTTPS. 0.0.0.0/0 includes the
# VPC's own range: the network ACL of the worker subnets (network.tf) denies it.
resource "aws_security_group" "worker" {
  name        = "${var.name_prefix}-worker"
  description = "Worker tasks: outbound health checks, no inbound"
  vpc_id      = aws_vpc.this.id
  tags        = { Name = "${var.name_prefix}-worker" }
}

resource "aws_vpc_security_group_egress_rule" "worker_to_rds" {
  security_group_id            = aws_security_group.worker.id
  description                  = "PostgreSQL"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.rds.id
}

resource "aws_vpc_security_group_egress_rule" "worker_checks" {
  security_group_id = aws_security_group.worker.id
  description       = "Outbound HTTP(S) checks of monitored URLs on any TCP port, Slack webhooks, AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 1
  to_port           = 65535
  cidr_ipv4         = "0.0.0.0/0"
}

# RDS: only PostgreSQL from the task security groups; no egress rules.
resource "aws_security_group" "rds" {
  name        = "${var.name_prefix}-rds"
  description = "PostgreSQL, reachable only from the ECS tasks"
  vpc_id      = aws_vpc.this.id
  tags        = { Name = "${var.name_prefix}-rds" }
}

resource "aws_vpc_security_group_ingress_rule" "rds_from_tasks" {
  for_each = {
    ecs_tasks = aws_security_group.ecs_tasks.id
    worker    = aws_security_group.worker.id
  }

  security_group_id            = aws_security_group.rds.id
  description                  = "PostgreSQL from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = each.value
}
