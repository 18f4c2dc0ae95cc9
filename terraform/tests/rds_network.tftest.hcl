mock_provider "aws" {
  source = "./tests/mocks"
}

# probes.tf configures its three provider slots even when no probe region uses them.
mock_provider "aws" {
  alias  = "probe_0"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "probe_1"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "probe_2"
  source = "./tests/mocks"
}

# A secret with API keys of one's own, a build's image tag, and plain HTTP allowed (the certificate
# and the generated key have their tests in tests/secure_defaults.tftest.hcl).
variables {
  api_keys_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:health-monitor/api-keys-AbCdEf"
  image_tag           = "3f2c1ab9d4e5"
  allow_plain_http    = true
}

run "rds_is_private_encrypted_and_has_no_password" {
  assert {
    condition     = aws_db_instance.this.publicly_accessible == false
    error_message = "RDS must never be publicly accessible."
  }
  assert {
    condition     = aws_db_instance.this.storage_encrypted == true
    error_message = "RDS storage must be encrypted."
  }
  assert {
    condition     = toset(aws_db_subnet_group.this.subnet_ids) == toset(aws_subnet.private[*].id)
    error_message = "RDS must live in the private subnets only."
  }
  assert {
    condition     = aws_db_instance.this.manage_master_user_password == true
    error_message = "The master password must be managed by RDS in Secrets Manager."
  }
  assert {
    condition     = aws_db_instance.this.password == null
    error_message = "No plaintext master password may be set."
  }
  assert {
    condition     = aws_db_instance.this.backup_retention_period == 7 && aws_db_instance.this.multi_az == true
    error_message = "Defaults: 7 days of backups, Multi-AZ."
  }
  assert {
    condition     = aws_db_instance.this.deletion_protection == true && aws_db_instance.this.skip_final_snapshot == false
    error_message = "Defaults: deletion protection on and a final snapshot."
  }
  assert {
    condition     = aws_db_instance.this.iam_database_authentication_enabled == false && alltrue([for p in aws_iam_role_policy.task : !strcontains(p.policy, "rds-db:connect")])
    error_message = "IAM DB auth is off by default: no task role may rds-db:connect."
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.rds_from_tasks) == 2 && alltrue([for r in aws_vpc_security_group_ingress_rule.rds_from_tasks : r.from_port == 5432 && r.to_port == 5432 && r.cidr_ipv4 == null])
    error_message = "RDS accepts only 5432 from the task security groups."
  }
  assert {
    condition     = length(data.aws_availability_zones.available.names) >= 2 && length(distinct(aws_subnet.private[*].availability_zone)) == 2 && length(distinct(aws_subnet.public[*].availability_zone)) == 2
    error_message = "The VPC must span two availability zones."
  }
}

run "tasks_run_in_private_subnets_behind_nat_by_default" {
  assert {
    condition     = length(aws_nat_gateway.this) == 1 && length(aws_route.private_nat) == 2
    error_message = "One shared NAT gateway routes both private subnets by default."
  }
  assert {
    condition = alltrue([
      for svc in values(aws_ecs_service.this) :
      svc.network_configuration[0].assign_public_ip == false && toset(svc.network_configuration[0].subnets) == toset(aws_subnet.private[*].id)
    ]) && aws_ecs_service.worker.network_configuration[0].assign_public_ip == false && toset(aws_ecs_service.worker.network_configuration[0].subnets) == toset(aws_subnet.worker[*].id)
    error_message = "ECS services must run in the private subnets without public IPs, the workers in their own."
  }
  assert {
    condition     = strcontains(output.run_migrations_command, "assignPublicIp=DISABLED") && strcontains(output.run_migrations_command, "--task-definition health-monitor-db-migrations")
    error_message = "The migration command must use the private subnets without a public IP."
  }
  assert {
    condition     = output.private_subnet_ids == output.task_subnet_ids && length(output.public_subnet_ids) == 2
    error_message = "Outputs must expose public, private and task subnets."
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.api_from_alb.referenced_security_group_id) > 0 && aws_vpc_security_group_ingress_rule.api_from_alb.from_port == 8080 && aws_vpc_security_group_ingress_rule.api_from_alb.to_port == 8080
    error_message = "The ALB reaches the API tasks on the app port only."
  }
  assert {
    condition     = aws_vpc_security_group_egress_rule.alb_to_api.from_port == 8080 && aws_vpc_security_group_egress_rule.alb_to_api.to_port == 8080
    error_message = "The ALB may send only to the app port."
  }
}

run "cost_saver_public_tasks_without_nat" {
  variables {
    tasks_in_public_subnets = true
  }
  assert {
    condition     = length(aws_nat_gateway.this) == 0 && length(aws_eip.nat) == 0
    error_message = "No NAT gateway when tasks run in public subnets."
  }
  assert {
    condition = alltrue([
      for svc in values(aws_ecs_service.this) :
      svc.network_configuration[0].assign_public_ip == true && toset(svc.network_configuration[0].subnets) == toset(aws_subnet.public[*].id)
    ]) && aws_ecs_service.worker.network_configuration[0].assign_public_ip == true && alltrue([for a in aws_route_table_association.worker : a.route_table_id == aws_route_table.public.id])
    error_message = "Cost-saving mode puts tasks in public subnets with public IPs; the worker subnets route to the internet gateway."
  }
  assert {
    condition     = toset(aws_db_subnet_group.this.subnet_ids) == toset(aws_subnet.private[*].id) && aws_db_instance.this.publicly_accessible == false
    error_message = "RDS stays private in cost-saving mode."
  }
  assert {
    condition     = strcontains(output.run_migrations_command, "assignPublicIp=ENABLED")
    error_message = "The migration command needs a public IP in public subnets."
  }
}

run "nat_per_az_multi_az_off_and_iam_auth" {
  variables {
    single_nat_gateway     = false
    db_multi_az            = false
    database_iam_auth      = true
    db_skip_final_snapshot = true
  }
  assert {
    condition     = length(aws_nat_gateway.this) == 2
    error_message = "One NAT gateway per AZ when single_nat_gateway is false."
  }
  assert {
    condition     = aws_db_instance.this.multi_az == false && aws_db_instance.this.iam_database_authentication_enabled == true && aws_db_instance.this.final_snapshot_identifier == null
    error_message = "Multi-AZ, IAM auth and final snapshot follow their variables."
  }
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker"] :
      one([for s in jsondecode(aws_iam_role_policy.task[name].policy).Statement : s.Resource if s.Action == "rds-db:connect"]) == "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABCDEFGHIJKLMNOPQRSTUVWXYZ/health_monitor_${name}"
    ]) && !strcontains(aws_iam_role_policy.task["db-migrations"].policy, "rds-db:connect")
    error_message = "With IAM auth each service may rds-db:connect as its own role of this instance only; never as the master user."
  }
}
