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

run "metric_filters_match_errors_and_failed_alert_deliveries" {
  assert {
    condition = {
      for k, f in aws_cloudwatch_log_metric_filter.this : k => "${f.log_group_name} | ${f.pattern} | ${f.metric_transformation[0].namespace} ${f.metric_transformation[0].name} ${f.metric_transformation[0].value}"
      } == {
      "api-error-logs"          = "/ecs/health-monitor-api | { $.log.level = \"ERROR\" } | HealthMonitor/Logs api.error_lines 1"
      "scheduler-error-logs"    = "/ecs/health-monitor-scheduler | { $.log.level = \"ERROR\" } | HealthMonitor/Logs scheduler.error_lines 1"
      "worker-error-logs"       = "/ecs/health-monitor-worker | { $.log.level = \"ERROR\" } | HealthMonitor/Logs worker.error_lines 1"
      "alert-delivery-failures" = "/ecs/health-monitor-worker | { $.message = \"[WEBHOOK] failed*\" || $.message = \"[WEBHOOK] gave up*\" } | HealthMonitor/Logs alerts.delivery_failures 1"
      "alerts-given-up"         = "/ecs/health-monitor-worker | { $.message = \"[WEBHOOK] gave up*\" } | HealthMonitor/Logs alerts.given_up 1"
    }
    error_message = "Each metric filter's log group, pattern, namespace and metric."
  }
  assert {
    condition     = alltrue([for f in aws_cloudwatch_log_metric_filter.this : f.metric_transformation[0].unit == "Count" && f.metric_transformation[0].default_value == "0"])
    error_message = "Filters count matching lines and report zero otherwise."
  }
}

run "saved_queries_cover_errors_state_changes_slow_checks_and_failed_deliveries" {
  assert {
    condition     = output.saved_queries == tolist(["health-monitor/failed-alert-deliveries", "health-monitor/recent-errors-by-service", "health-monitor/slowest-checks", "health-monitor/state-changes-per-monitor"])
    error_message = "Four saved queries under the stack's folder."
  }
  assert {
    condition = (
      toset(aws_cloudwatch_query_definition.this["recent-errors-by-service"].log_group_names) == toset(["/ecs/health-monitor-api", "/ecs/health-monitor-scheduler", "/ecs/health-monitor-worker"]) &&
      strcontains(aws_cloudwatch_query_definition.this["recent-errors-by-service"].query_string, "filter log.level = \"ERROR\"") &&
      strcontains(aws_cloudwatch_query_definition.this["recent-errors-by-service"].query_string, "by @log")
    )
    error_message = "Recent errors are counted per service log group."
  }
  assert {
    condition = alltrue([
      for k in ["state-changes-per-monitor", "slowest-checks", "failed-alert-deliveries"] :
      aws_cloudwatch_query_definition.this[k].log_group_names == tolist(["/ecs/health-monitor-worker"])
    ])
    error_message = "The worker-side queries read the worker's log group."
  }
  assert {
    condition = (
      strcontains(aws_cloudwatch_query_definition.this["state-changes-per-monitor"].query_string, "filter @message like \"[STATE CHANGE]\"") &&
      strcontains(aws_cloudwatch_query_definition.this["state-changes-per-monitor"].query_string, "by monitor") &&
      strcontains(aws_cloudwatch_query_definition.this["slowest-checks"].query_string, "latency=(?<latency_ms>\\d+)ms") &&
      strcontains(aws_cloudwatch_query_definition.this["slowest-checks"].query_string, "sort max_ms desc") &&
      strcontains(aws_cloudwatch_query_definition.this["failed-alert-deliveries"].query_string, "@message like \"[WEBHOOK] gave up\"")
    )
    error_message = "The queries parse the worker's log lines."
  }
}

run "alb_access_logs_go_to_a_private_encrypted_expiring_bucket" {
  assert {
    condition     = one(aws_lb.api.access_logs).enabled && one(aws_lb.api.access_logs).bucket == aws_s3_bucket.alb_logs[0].id && one(aws_lb.api.access_logs).prefix == "alb"
    error_message = "The ALB writes its access logs to the bucket under alb/."
  }
  assert {
    condition     = aws_s3_bucket.alb_logs[0].bucket == "health-monitor-alb-logs-123456789012-us-east-1" && output.alb_access_logs_bucket == aws_s3_bucket.alb_logs[0].id
    error_message = "One bucket per account and region."
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.alb_logs[0].rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "The bucket is encrypted with SSE-S3, the only encryption ALB access logs support."
  }
  assert {
    condition = (
      aws_s3_bucket_public_access_block.alb_logs[0].block_public_acls && aws_s3_bucket_public_access_block.alb_logs[0].block_public_policy &&
      aws_s3_bucket_public_access_block.alb_logs[0].ignore_public_acls && aws_s3_bucket_public_access_block.alb_logs[0].restrict_public_buckets &&
      one(aws_s3_bucket_ownership_controls.alb_logs[0].rule).object_ownership == "BucketOwnerEnforced"
    )
    error_message = "The bucket blocks all public access and ACLs."
  }
  assert {
    condition = (
      one(aws_s3_bucket_lifecycle_configuration.alb_logs[0].rule).status == "Enabled" &&
      one(one(aws_s3_bucket_lifecycle_configuration.alb_logs[0].rule).expiration).days == 90
    )
    error_message = "Access logs expire after 90 days by default."
  }
  assert {
    condition = (
      [for s in jsondecode(aws_s3_bucket_policy.alb_logs[0].policy).Statement : s.Principal if s.Effect == "Allow"] == [
        { Service = "logdelivery.elasticloadbalancing.amazonaws.com" },
        { AWS = "arn:aws:iam::127311923021:root" },
      ] &&
      alltrue([for s in jsondecode(aws_s3_bucket_policy.alb_logs[0].policy).Statement : s.Action == "s3:PutObject" && s.Resource == "arn:aws:s3:::mock-bucket/alb/AWSLogs/123456789012/*" if s.Effect == "Allow"])
    )
    error_message = "In us-east-1 the ELB log delivery service and the region's ELB account may only put objects under this account's prefix."
  }
  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.alb_logs[0].policy).Statement : s.Condition.Bool["aws:SecureTransport"] if s.Effect == "Deny"]) == "false"
    error_message = "The bucket refuses requests without TLS."
  }
}

run "newer_region_uses_only_the_service_principal_and_expiry_follows_variable" {
  variables {
    aws_region                      = "ap-south-2"
    alb_access_logs_expiration_days = 30
  }
  assert {
    condition     = [for s in jsondecode(aws_s3_bucket_policy.alb_logs[0].policy).Statement : s.Principal if s.Effect == "Allow"] == [{ Service = "logdelivery.elasticloadbalancing.amazonaws.com" }]
    error_message = "Regions opened after August 2022 have no ELB account: only the service principal is allowed."
  }
  assert {
    condition     = one(one(aws_s3_bucket_lifecycle_configuration.alb_logs[0].rule).expiration).days == 30
    error_message = "Expiry follows alb_access_logs_expiration_days."
  }
}

run "access_logs_can_be_switched_off" {
  variables {
    alb_access_logs_enabled = false
  }
  assert {
    condition     = length(aws_s3_bucket.alb_logs) == 0 && length(aws_s3_bucket_policy.alb_logs) == 0 && length(aws_lb.api.access_logs) == 0 && output.alb_access_logs_bucket == null
    error_message = "No bucket and no access logs when switched off."
  }
}

run "dashboard_is_json_naming_every_part_of_the_stack" {
  assert {
    condition     = can(jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets) && aws_cloudwatch_dashboard.this.dashboard_name == "health-monitor"
    error_message = "The dashboard body is valid JSON with widgets."
  }
  assert {
    condition = alltrue([
      for name in [
        "health-monitor-cluster", "health-monitor-api", "health-monitor-scheduler", "health-monitor-worker",
        "health-monitor-db", "health-monitor-checks", "health-monitor-checks-dlq",
        "app/health-monitor-alb/0123456789abcdef", "targetgroup/health-monitor-api/0123456789abcdef",
        "health_monitor.scheduler.lag.max", "health_monitor.alerts.pending.oldest.age.value", "HealthMonitor/Logs",
      ] : strcontains(aws_cloudwatch_dashboard.this.dashboard_body, "\"${name}\"")
    ])
    error_message = "The dashboard names the cluster, the services, the DB instance, the queues, the load balancer and the application meters."
  }
  assert {
    condition = alltrue([
      for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets :
      w.x + w.width <= 24 && (w.type != "metric" || (try(w.properties.region, "") == "us-east-1" && length(try(w.properties.metrics, [])) > 0))
    ])
    error_message = "Widgets fit the 24-column grid and every metric widget has a region and metrics."
  }
  assert {
    condition = (
      length([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : w if w.type == "alarm"]) == 1 &&
      length(one([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : w if w.type == "alarm"]).properties.alarms) == length(aws_cloudwatch_metric_alarm.this) &&
      length([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : w if w.type == "log"]) == 1
    )
    error_message = "An alarm-status widget with every alarm and a widget with the latest errors."
  }
}
