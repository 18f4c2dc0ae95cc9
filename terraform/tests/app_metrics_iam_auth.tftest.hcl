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

run "services_log_json_and_publish_metrics_to_their_namespace_only" {
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker"] :
      contains(jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment, { name = "LOG_FORMAT", value = "json" }) &&
      contains(jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment, { name = "METRICS_CLOUDWATCH_NAMESPACE", value = "HealthMonitor" })
    ])
    error_message = "api, scheduler and worker log JSON and publish to the HealthMonitor namespace."
  }
  assert {
    condition     = !contains([for e in jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].environment : e.name], "METRICS_CLOUDWATCH_NAMESPACE")
    error_message = "The one-shot migration publishes no metrics."
  }
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker"] :
      one([for s in jsondecode(aws_iam_role_policy.task[name].policy).Statement : s if s.Action == "cloudwatch:PutMetricData"]) == {
        Sid       = "PublishMetrics"
        Effect    = "Allow"
        Action    = "cloudwatch:PutMetricData"
        Resource  = "*"
        Condition = { StringEquals = { "cloudwatch:namespace" = "HealthMonitor" } }
      }
    ])
    error_message = "Each service's task role may put metrics only into its namespace (PutMetricData has no resource-level scoping)."
  }
  assert {
    condition     = !strcontains(aws_iam_role_policy.task["db-migrations"].policy, "cloudwatch:")
    error_message = "db-migrations may not put metrics."
  }
  assert {
    condition = (
      contains(jsondecode(aws_ecs_task_definition.this["worker"].container_definitions)[0].environment, { name = "LOGGING_LEVEL_COM_HEALTHMONITOR_WORKER_CHECK", value = "DEBUG" }) &&
      !strcontains(aws_ecs_task_definition.this["api"].container_definitions, "LOGGING_LEVEL_")
    )
    error_message = "The worker logs each check result for the slowest-checks query."
  }
  assert {
    condition     = contains(jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].environment, { name = "METRICS_PER_MONITOR", value = "false" })
    error_message = "No per-monitor series by default: each would be a billed CloudWatch metric."
  }
  assert {
    condition = (
      contains(jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].environment, { name = "SERVER_FORWARD_HEADERS_STRATEGY", value = "native" }) &&
      !strcontains(aws_ecs_task_definition.this["worker"].container_definitions, "SERVER_FORWARD_HEADERS_STRATEGY")
    )
    error_message = "Behind the ALB the API takes the client address from X-Forwarded-For, for per-client rate limits."
  }
}

run "namespace_and_check_logging_follow_variables" {
  variables {
    metrics_namespace   = "Acme/Monitor"
    log_check_results   = false
    metrics_per_monitor = true
  }
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker"] :
      contains(jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment, { name = "METRICS_CLOUDWATCH_NAMESPACE", value = "Acme/Monitor" }) &&
      one([for s in jsondecode(aws_iam_role_policy.task[name].policy).Statement : s.Condition.StringEquals["cloudwatch:namespace"] if s.Action == "cloudwatch:PutMetricData"]) == "Acme/Monitor"
    ])
    error_message = "Environment and IAM condition follow metrics_namespace."
  }
  assert {
    condition     = !strcontains(aws_ecs_task_definition.this["worker"].container_definitions, "LOGGING_LEVEL_")
    error_message = "No per-check logging when log_check_results is false."
  }
  assert {
    condition     = contains(jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].environment, { name = "METRICS_PER_MONITOR", value = "true" })
    error_message = "Per-monitor series follow metrics_per_monitor."
  }
}

run "iam_database_auth_replaces_the_secret" {
  variables {
    database_iam_auth = true
  }
  assert {
    condition     = aws_db_instance.this.iam_database_authentication_enabled
    error_message = "IAM authentication is enabled on the instance."
  }
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker"] :
      contains(jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment, { name = "DATABASE_IAM_AUTH", value = "true" }) &&
      contains(jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment, { name = "DATABASE_USERNAME", value = "health_monitor_${name}" }) &&
      !contains([for e in jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment : e.name], "DATABASE_SECRET_ARN") &&
      [for s in jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].secrets : s.name if s.name != "API_KEYS"] == []
    ])
    error_message = "Every service gets DATABASE_IAM_AUTH and its own role's name, and neither a secret nor a password."
  }
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker"] :
      [for s in jsondecode(aws_iam_role_policy.task[name].policy).Statement : s.Resource if s.Action == "rds-db:connect"] == ["arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABCDEFGHIJKLMNOPQRSTUVWXYZ/health_monitor_${name}"] &&
      !strcontains(aws_iam_role_policy.task[name].policy, "secretsmanager:")
    ])
    error_message = "Each service's task role may connect as exactly its own database role and may not read any secret."
  }
  assert {
    condition = (
      !strcontains(aws_iam_role_policy.task["db-migrations"].policy, "rds-db:connect") &&
      one([for s in jsondecode(aws_iam_role_policy.task["db-migrations"].policy).Statement : s.Resource if s.Action == "secretsmanager:GetSecretValue"]) == aws_db_instance.this.master_user_secret[0].secret_arn &&
      contains(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].environment, { name = "DATABASE_SERVICE_ROLES_IAM_AUTH", value = "true" }) &&
      length([for s in jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].secrets : s if endswith(s.name, "_PASSWORD") && s.name != "DATABASE_PASSWORD"]) == 0
    )
    error_message = "The migration task still logs in as the master user from its secret, grants the roles rds_iam and sets no passwords."
  }
  assert {
    condition     = length(aws_secretsmanager_secret.db_role) == 0 && alltrue([for name, p in aws_iam_role_policy.execution : contains(["api", "db-migrations"], name) || !strcontains(p.policy, "secretsmanager:")])
    error_message = "In IAM mode there are no role secrets; only the api (its API keys) and the migration (the master secret) read a secret."
  }
}

run "iam_database_auth_keeps_the_api_keys_secret" {
  variables {
    database_iam_auth   = true
    api_keys_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:health-monitor/api-keys-AbCdEf"
  }
  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.execution["api"].policy).Statement : s.Resource if s.Sid == "ReadSecrets"]) == [var.api_keys_secret_arn]
    error_message = "The api execution role still reads the API keys secret, and only that."
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].secrets == [{ name = "API_KEYS", valueFrom = var.api_keys_secret_arn }]
    error_message = "API_KEYS is the api's only injected secret."
  }
}

run "rds_enhanced_monitoring_and_performance_insights" {
  assert {
    condition     = aws_db_instance.this.monitoring_interval == 60 && aws_db_instance.this.monitoring_role_arn == aws_iam_role.rds_monitoring[0].arn
    error_message = "Enhanced Monitoring every 60 s with its role by default."
  }
  assert {
    condition = (
      jsondecode(aws_iam_role.rds_monitoring[0].assume_role_policy).Statement[0].Principal == { Service = "monitoring.rds.amazonaws.com" } &&
      aws_iam_role_policy_attachment.rds_monitoring[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
    )
    error_message = "The monitoring role is assumed by RDS monitoring and carries AWS's Enhanced Monitoring policy."
  }
  assert {
    condition     = aws_db_instance.this.performance_insights_enabled && aws_db_instance.this.performance_insights_retention_period == 7
    error_message = "Performance Insights on, with the free 7-day retention."
  }
}

run "rds_monitoring_can_be_switched_off" {
  variables {
    db_monitoring_interval          = 0
    db_performance_insights_enabled = false
  }
  assert {
    condition     = aws_db_instance.this.monitoring_interval == 0 && length(aws_iam_role.rds_monitoring) == 0 && !aws_db_instance.this.performance_insights_enabled
    error_message = "No Enhanced Monitoring role and no Performance Insights when switched off."
  }
}
