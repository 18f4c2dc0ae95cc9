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

# What a deployment gets without opting out of anything: only a certificate and the build's tag are given.
variables {
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  image_tag       = "3f2c1ab9d4e5"
}

run "without_a_keys_secret_terraform_generates_an_admin_key" {
  assert {
    condition = (
      length(aws_secretsmanager_secret.api_keys) == 1 &&
      data.aws_secretsmanager_random_password.api_key[0].password_length >= 32 &&
      data.aws_secretsmanager_random_password.api_key[0].exclude_punctuation == true &&
      data.aws_secretsmanager_random_password.api_key[0].include_space == false
    )
    error_message = "A generated key of at least 32 letters and digits (the api refuses shorter ones; safe in an HTTP header)."
  }
  assert {
    condition = (
      aws_secretsmanager_secret_version.api_keys[0].secret_id == aws_secretsmanager_secret.api_keys[0].id &&
      aws_secretsmanager_secret_version.api_keys[0].secret_string == null &&
      aws_secretsmanager_secret_version.api_keys[0].secret_string_wo_version == 1
    )
    error_message = "The key is written write-only (no copy in the secret version's state) and once: a new plan does not replace it."
  }
  assert {
    condition     = contains(jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].secrets, { name = "API_KEYS", valueFrom = aws_secretsmanager_secret.api_keys[0].arn })
    error_message = "The api gets the generated key as API_KEYS."
  }
  assert {
    condition     = contains(one([for s in jsondecode(aws_iam_role_policy.execution["api"].policy).Statement : s.Resource if s.Sid == "ReadSecrets"]), aws_secretsmanager_secret.api_keys[0].arn)
    error_message = "The api's execution role may read the generated secret."
  }
  assert {
    condition     = output.api_keys_secret_arn == aws_secretsmanager_secret.api_keys[0].arn
    error_message = "The secret's ARN is an output (the key itself is not)."
  }
  assert {
    condition     = alltrue([for name in ["scheduler", "worker", "db-migrations"] : !strcontains(aws_iam_role_policy.execution[name].policy, aws_secretsmanager_secret.api_keys[0].arn)])
    error_message = "No other app may read the API keys."
  }
}

run "a_given_keys_secret_is_used_and_nothing_is_generated" {
  variables {
    api_keys_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:health-monitor/api-keys-AbCdEf"
  }
  assert {
    condition     = length(aws_secretsmanager_secret.api_keys) == 0 && length(data.aws_secretsmanager_random_password.api_key) == 0 && output.api_keys_secret_arn == var.api_keys_secret_arn
    error_message = "A given secret replaces the generated one."
  }
}

run "https_with_a_certificate" {
  assert {
    condition     = length(aws_lb_listener.https) == 1 && aws_lb_listener.http.default_action[0].type == "redirect" && startswith(output.api_url, "https://")
    error_message = "With the certificate the API is served over HTTPS only (HTTP redirects)."
  }
}

run "plain_http_only_when_asked_for" {
  variables {
    certificate_arn  = null
    allow_plain_http = true
  }
  assert {
    condition     = length(aws_lb_listener.https) == 0 && aws_lb_listener.http.default_action[0].type == "forward" && startswith(output.api_url, "http://")
    error_message = "allow_plain_http serves HTTP on port 80 without a certificate."
  }
}

run "image_tags_are_immutable_and_deployed_by_build" {
  assert {
    condition     = alltrue([for repo in aws_ecr_repository.this : repo.image_tag_mutability == "IMMUTABLE"])
    error_message = "Every repository's tags are immutable."
  }
  assert {
    condition     = alltrue([for name, td in aws_ecs_task_definition.this : endswith(jsondecode(td.container_definitions)[0].image, "/health-monitor-${name}:3f2c1ab9d4e5") || endswith(jsondecode(td.container_definitions)[0].image, ":3f2c1ab9d4e5")])
    error_message = "Every task runs the image of the given build's tag."
  }
}

run "every_app_verifies_the_database_certificate" {
  assert {
    condition = alltrue([
      for name, td in aws_ecs_task_definition.this :
      strcontains(one([for e in jsondecode(td.container_definitions)[0].environment : e.value if e.name == "DATABASE_URL"]), "?sslmode=verify-full&sslrootcert=/etc/health-monitor/rds-ca-bundle.pem")
    ])
    error_message = "sslmode=verify-full against the RDS CA bundle in the images, for the services and the migration."
  }
}

run "a_database_role_per_service_with_a_generated_password" {
  assert {
    condition = (
      keys(aws_secretsmanager_secret.db_role) == ["api", "scheduler", "worker"] &&
      alltrue([for v in aws_secretsmanager_secret_version.db_role : v.secret_string == null && v.secret_string_wo_version == 1]) &&
      alltrue([for d in data.aws_secretsmanager_random_password.db_role : d.password_length >= 32 && d.exclude_punctuation])
    )
    error_message = "A secret per service role, written write-only once, with a long generated password."
  }
  assert {
    condition = alltrue([
      for service in ["api", "scheduler", "worker"] :
      contains(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].environment, { name = "DATABASE_${upper(service)}_ROLE", value = "health_monitor_${service}" }) &&
      contains(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].secrets, { name = "DATABASE_${upper(service)}_PASSWORD", valueFrom = "${aws_secretsmanager_secret.db_role[service].arn}:password::" })
    ])
    error_message = "The migration task creates each role and sets its password from the role's secret."
  }
  assert {
    condition = (
      contains(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].environment, { name = "DATABASE_SERVICE_ROLES", value = "true" }) &&
      contains(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].environment, { name = "DATABASE_SERVICE_ROLES_IAM_AUTH", value = "false" })
    )
    error_message = "The deployment turns the service roles on in the migration (local runs keep one user)."
  }
  assert {
    condition     = output.db_roles == { api = "health_monitor_api", scheduler = "health_monitor_scheduler", worker = "health_monitor_worker" } && keys(output.db_role_secret_arns) == ["api", "scheduler", "worker"]
    error_message = "The roles and their secrets' ARNs are outputs."
  }
}

run "worker_egress_is_kept_out_of_the_vpc_by_a_network_acl" {
  assert {
    condition = (
      toset(aws_network_acl.worker.subnet_ids) == toset(aws_subnet.worker[*].id) &&
      length(setintersection(toset(aws_subnet.worker[*].cidr_block), toset(concat(aws_subnet.private[*].cidr_block, aws_subnet.public[*].cidr_block)))) == 0 &&
      alltrue([for c in aws_subnet.worker[*].cidr_block : cidrhost(c, 0) != cidrhost(var.vpc_cidr, 0)])
    )
    error_message = "The workers have subnets of their own, and the network ACL covers exactly those."
  }
  assert {
    condition = (
      [for r in sort([for e in aws_network_acl.worker.egress : format("%03d %s %s %s %d-%d", e.rule_no, e.action, e.protocol, e.cidr_block, e.from_port, e.to_port)]) : r] ==
      ["100 allow tcp 10.0.10.0/24 5432-5432", "101 allow tcp 10.0.11.0/24 5432-5432", "200 deny -1 10.0.0.0/16 0-0", "300 allow -1 0.0.0.0/0 0-0"]
    )
    error_message = "Egress: PostgreSQL in the private subnets, then nothing else in the VPC, then anywhere."
  }
  assert {
    condition = (
      one([for i in aws_network_acl.worker.ingress : i.action if i.rule_no == 200]) == "deny" &&
      one([for i in aws_network_acl.worker.ingress : i.cidr_block if i.rule_no == 200]) == "10.0.0.0/16" &&
      alltrue([for i in aws_network_acl.worker.ingress : i.action == "deny" || i.rule_no > 200 || contains(aws_subnet.private[*].cidr_block, i.cidr_block)]) &&
      alltrue([for i in aws_network_acl.worker.ingress : i.protocol == "icmp" || i.action == "deny" || i.from_port >= 1024])
    )
    error_message = "Ingress: only replies (ephemeral ports) from PostgreSQL and the internet; nothing else from the VPC."
  }
  assert {
    condition     = toset(aws_ecs_service.worker.network_configuration[0].subnets) == toset(aws_subnet.worker[*].id) && output.worker_subnet_ids == aws_subnet.worker[*].id
    error_message = "The worker service runs in those subnets."
  }
  assert {
    condition     = alltrue([for i, a in aws_route_table_association.worker : a.route_table_id == aws_route_table.private[i].id])
    error_message = "Worker subnets reach the internet through their AZ's NAT route table."
  }
}
