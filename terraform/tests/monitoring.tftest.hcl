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

# Distinct topic ARNs, so that the tests can tell the tiers apart.
override_resource {
  target = aws_sns_topic.alarms["warning"]
  values = { arn = "arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-warning" }
}

override_resource {
  target = aws_sns_topic.alarms["critical"]
  values = { arn = "arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-critical" }
}

run "every_alarm_has_its_default_threshold_period_and_tier" {
  assert {
    condition = {
      for k, a in aws_cloudwatch_metric_alarm.this : k => join(" ", [
        a.tags["Tier"],
        coalesce(a.statistic, a.extended_statistic),
        a.comparison_operator,
        tostring(a.threshold),
        "${a.period}s",
        "${a.datapoints_to_alarm}/${a.evaluation_periods}",
        a.treat_missing_data,
      ])
      } == {
      "api-cpu-high"                = "warning Average GreaterThanThreshold 80 60s 5/5 notBreaching"
      "scheduler-cpu-high"          = "warning Average GreaterThanThreshold 80 60s 5/5 notBreaching"
      "worker-cpu-high"             = "warning Average GreaterThanThreshold 80 60s 5/5 notBreaching"
      "api-memory-high"             = "warning Average GreaterThanThreshold 85 60s 5/5 notBreaching"
      "scheduler-memory-high"       = "warning Average GreaterThanThreshold 85 60s 5/5 notBreaching"
      "worker-memory-high"          = "warning Average GreaterThanThreshold 85 60s 5/5 notBreaching"
      "api-no-running-tasks"        = "critical Minimum LessThanThreshold 1 60s 3/3 breaching"
      "scheduler-no-running-tasks"  = "critical Minimum LessThanThreshold 1 60s 3/3 breaching"
      "worker-no-running-tasks"     = "critical Minimum LessThanThreshold 1 60s 3/3 breaching"
      "db-cpu-high"                 = "warning Average GreaterThanThreshold 80 60s 5/5 notBreaching"
      "db-free-storage-low"         = "critical Minimum LessThanThreshold 2147483648 300s 1/1 notBreaching"
      "db-read-latency-high"        = "warning Average GreaterThanThreshold 0.2 60s 5/5 notBreaching"
      "db-write-latency-high"       = "warning Average GreaterThanThreshold 0.2 60s 5/5 notBreaching"
      "db-connections-high"         = "warning Maximum GreaterThanThreshold 64 60s 5/5 notBreaching"
      "alb-target-5xx"              = "warning Sum GreaterThanThreshold 10 300s 1/1 notBreaching"
      "alb-elb-502"                 = "critical Sum GreaterThanThreshold 5 300s 1/1 notBreaching"
      "alb-unhealthy-hosts"         = "warning Maximum GreaterThanThreshold 0 60s 5/5 notBreaching"
      "alb-no-healthy-hosts"        = "critical Minimum LessThanThreshold 1 60s 3/3 breaching"
      "alb-response-time-high"      = "warning p95 GreaterThanThreshold 1 60s 5/5 notBreaching"
      "checks-dlq-not-empty"        = "warning Maximum GreaterThanThreshold 0 300s 1/1 notBreaching"
      "checks-oldest-message-age"   = "critical Maximum GreaterThanThreshold 600 300s 1/1 notBreaching"
      "scheduler-schedule-lag-high" = "warning Maximum GreaterThanThreshold 5000 60s 3/3 notBreaching"
      "worker-oldest-pending-alert" = "critical Maximum GreaterThanThreshold 300 60s 1/1 notBreaching"
      "api-error-logs"              = "warning Sum GreaterThanThreshold 5 300s 1/1 notBreaching"
      "scheduler-error-logs"        = "warning Sum GreaterThanThreshold 5 300s 1/1 notBreaching"
      "worker-error-logs"           = "warning Sum GreaterThanThreshold 5 300s 1/1 notBreaching"
      "alert-delivery-failures"     = "warning Sum GreaterThanThreshold 0 300s 1/1 notBreaching"
      "alerts-given-up"             = "critical Sum GreaterThanThreshold 0 300s 1/1 notBreaching"
    }
    error_message = "Each alarm's tier, statistic, comparison, threshold, period, datapoints and missing-data rule by default."
  }
  assert {
    condition = alltrue([
      for a in aws_cloudwatch_metric_alarm.this :
      a.alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-${a.tags["Tier"]}"]) && a.ok_actions == a.alarm_actions
    ])
    error_message = "Every alarm notifies its own tier's topic when it fires and when it recovers."
  }
  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : startswith(a.alarm_name, "health-monitor-") && startswith(a.alarm_description, "[${a.tags["Tier"]}] ")])
    error_message = "Alarm names carry the prefix and descriptions name the tier."
  }
  assert {
    condition     = length(output.alarm_names) == length(aws_cloudwatch_metric_alarm.this) && contains(output.alarm_names, "health-monitor-worker-oldest-pending-alert")
    error_message = "alarm_names lists every alarm."
  }
}

run "alarms_watch_the_right_metrics" {
  assert {
    condition = alltrue([
      for app in ["api", "scheduler", "worker"] :
      aws_cloudwatch_metric_alarm.this["${app}-cpu-high"].namespace == "AWS/ECS" &&
      aws_cloudwatch_metric_alarm.this["${app}-cpu-high"].metric_name == "CPUUtilization" &&
      aws_cloudwatch_metric_alarm.this["${app}-memory-high"].metric_name == "MemoryUtilization" &&
      aws_cloudwatch_metric_alarm.this["${app}-cpu-high"].dimensions == tomap({ ClusterName = "health-monitor-cluster", ServiceName = "health-monitor-${app}" }) &&
      aws_cloudwatch_metric_alarm.this["${app}-no-running-tasks"].namespace == "ECS/ContainerInsights" &&
      aws_cloudwatch_metric_alarm.this["${app}-no-running-tasks"].metric_name == "RunningTaskCount"
    ])
    error_message = "CPU, memory and running-task alarms per ECS service."
  }
  assert {
    condition = alltrue([
      for k in ["db-cpu-high", "db-free-storage-low", "db-read-latency-high", "db-write-latency-high", "db-connections-high"] :
      aws_cloudwatch_metric_alarm.this[k].namespace == "AWS/RDS" && aws_cloudwatch_metric_alarm.this[k].dimensions == tomap({ DBInstanceIdentifier = "health-monitor-db" })
      ]) && (
      join(",", [for k in ["db-cpu-high", "db-free-storage-low", "db-read-latency-high", "db-write-latency-high", "db-connections-high"] : aws_cloudwatch_metric_alarm.this[k].metric_name]) ==
      "CPUUtilization,FreeStorageSpace,ReadLatency,WriteLatency,DatabaseConnections"
    )
    error_message = "RDS alarms on the instance's CPU, free storage, latencies and connections."
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["alb-target-5xx"].metric_name == "HTTPCode_Target_5XX_Count" &&
      aws_cloudwatch_metric_alarm.this["alb-elb-502"].metric_name == "HTTPCode_ELB_502_Count" &&
      aws_cloudwatch_metric_alarm.this["alb-response-time-high"].metric_name == "TargetResponseTime" &&
      aws_cloudwatch_metric_alarm.this["alb-elb-502"].dimensions == tomap({ LoadBalancer = "app/health-monitor-alb/0123456789abcdef" }) &&
      aws_cloudwatch_metric_alarm.this["alb-unhealthy-hosts"].metric_name == "UnHealthyHostCount" &&
      aws_cloudwatch_metric_alarm.this["alb-unhealthy-hosts"].dimensions == tomap({ LoadBalancer = "app/health-monitor-alb/0123456789abcdef", TargetGroup = "targetgroup/health-monitor-api/0123456789abcdef" }) &&
      aws_cloudwatch_metric_alarm.this["alb-no-healthy-hosts"].metric_name == "HealthyHostCount"
    )
    error_message = "ALB alarms on target 5xx, ELB 502, response time and (un)healthy targets of the api target group."
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["scheduler-schedule-lag-high"].namespace == "HealthMonitor" &&
      aws_cloudwatch_metric_alarm.this["scheduler-schedule-lag-high"].metric_name == "health_monitor.scheduler.lag.max" &&
      aws_cloudwatch_metric_alarm.this["scheduler-schedule-lag-high"].dimensions == tomap({ application = "scheduler-service" }) &&
      aws_cloudwatch_metric_alarm.this["worker-oldest-pending-alert"].namespace == "HealthMonitor" &&
      aws_cloudwatch_metric_alarm.this["worker-oldest-pending-alert"].metric_name == "health_monitor.alerts.pending.oldest.age.value" &&
      aws_cloudwatch_metric_alarm.this["worker-oldest-pending-alert"].dimensions == tomap({ application = "worker-service" })
    )
    error_message = "The application alarms read the services' Micrometer meters in the metrics namespace."
  }
  assert {
    condition = alltrue([
      for k in ["api-error-logs", "scheduler-error-logs", "worker-error-logs", "alert-delivery-failures", "alerts-given-up"] :
      aws_cloudwatch_metric_alarm.this[k].namespace == "HealthMonitor/Logs" && aws_cloudwatch_metric_alarm.this[k].metric_name == aws_cloudwatch_log_metric_filter.this[k].metric_transformation[0].name
    ])
    error_message = "Each log-based alarm watches its metric filter's metric."
  }
}

run "tier_topics_are_encrypted_and_have_no_subscriptions_by_default" {
  assert {
    condition     = toset(keys(aws_sns_topic.alarms)) == toset(["warning", "critical"]) && aws_sns_topic.alarms["critical"].name == "health-monitor-alarms-critical"
    error_message = "A warning and a critical topic."
  }
  assert {
    condition     = alltrue([for t in aws_sns_topic.alarms : t.kms_master_key_id == aws_kms_key.alarms.arn]) && aws_kms_key.alarms.enable_key_rotation
    error_message = "Both topics are encrypted with the stack's rotating customer-managed key."
  }
  assert {
    condition = contains(
      [for s in jsondecode(aws_kms_key.alarms.policy).Statement : s.Principal if s.Sid == "CloudWatchAlarmsPublish"],
      { Service = "cloudwatch.amazonaws.com" }
    )
    error_message = "CloudWatch may use the key, or it could not publish to the encrypted topics."
  }
  assert {
    condition     = length(aws_sns_topic_subscription.email) == 0 && length(aws_sns_topic_subscription.https) == 0
    error_message = "No subscriptions unless addresses or an endpoint are given."
  }
  assert {
    condition     = output.alarm_topic_arns["warning"] == "arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-warning" && output.alarm_topic_arns["critical"] == "arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-critical"
    error_message = "The topic ARNs are an output."
  }
}

run "subscriptions_follow_the_variables" {
  variables {
    warning_alarm_emails  = ["ops@example.com"]
    critical_alarm_emails = ["ops@example.com", "oncall@example.com"]
    alarm_https_endpoint  = "https://relay.example.com/sns"
  }
  assert {
    condition = {
      for k, s in aws_sns_topic_subscription.email : k => "${s.protocol} ${s.endpoint} ${s.topic_arn}"
      } == {
      "warning/ops@example.com"     = "email ops@example.com arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-warning"
      "critical/ops@example.com"    = "email ops@example.com arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-critical"
      "critical/oncall@example.com" = "email oncall@example.com arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-critical"
    }
    error_message = "One e-mail subscription per address and tier, on that tier's topic."
  }
  assert {
    condition     = toset([for s in aws_sns_topic_subscription.https : "${s.protocol} ${s.endpoint} ${s.topic_arn}"]) == toset(["https https://relay.example.com/sns arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-warning", "https https://relay.example.com/sns arn:aws:sns:us-east-1:123456789012:health-monitor-alarms-critical"])
    error_message = "The HTTPS endpoint receives both tiers."
  }
}

run "thresholds_and_namespace_follow_the_variables" {
  variables {
    metrics_namespace                  = "Acme/HealthMonitor"
    ecs_cpu_alarm_percent              = 90
    ecs_memory_alarm_percent           = 95
    db_latency_alarm_ms                = 500
    db_free_storage_alarm_percent      = 20
    db_allocated_storage               = 50
    db_max_connections                 = 200
    db_connections_alarm_percent       = 90
    alb_5xx_alarm_count                = 50
    alb_response_time_alarm_seconds    = 2.5
    schedule_lag_alarm_ms              = 10000
    oldest_pending_alert_alarm_seconds = 600
    error_log_alarm_count              = 20
    sqs_oldest_message_alarm_seconds   = 900
    scheduler_desired_count            = 0
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["worker-cpu-high"].threshold == 90 &&
      aws_cloudwatch_metric_alarm.this["api-memory-high"].threshold == 95 &&
      aws_cloudwatch_metric_alarm.this["db-write-latency-high"].threshold == 0.5 &&
      aws_cloudwatch_metric_alarm.this["db-free-storage-low"].threshold == 10737418240 &&
      aws_cloudwatch_metric_alarm.this["db-connections-high"].threshold == 180 &&
      aws_cloudwatch_metric_alarm.this["alb-target-5xx"].threshold == 50 &&
      aws_cloudwatch_metric_alarm.this["alb-response-time-high"].threshold == 2.5 &&
      aws_cloudwatch_metric_alarm.this["scheduler-schedule-lag-high"].threshold == 10000 &&
      aws_cloudwatch_metric_alarm.this["worker-oldest-pending-alert"].threshold == 600 &&
      aws_cloudwatch_metric_alarm.this["worker-error-logs"].threshold == 20 &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].threshold == 900
    )
    error_message = "Thresholds follow their variables."
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["scheduler-schedule-lag-high"].namespace == "Acme/HealthMonitor" &&
      aws_cloudwatch_metric_alarm.this["worker-oldest-pending-alert"].namespace == "Acme/HealthMonitor" &&
      aws_cloudwatch_metric_alarm.this["alerts-given-up"].namespace == "Acme/HealthMonitor/Logs"
    )
    error_message = "The application and log alarms use the configured namespace."
  }
  assert {
    condition     = !contains(keys(aws_cloudwatch_metric_alarm.this), "scheduler-no-running-tasks") && contains(keys(aws_cloudwatch_metric_alarm.this), "worker-no-running-tasks")
    error_message = "A paused scheduler (0 tasks) has no running-task alarm."
  }
}
