# CloudWatch alarms on the stack itself, in two tiers: "warning" (look at it
# today) and "critical" (someone should act now). Each tier is an encrypted SNS
# topic; every alarm notifies its tier's topic (plus var.alarm_actions) when it
# fires and again when it recovers. What each alarm means and what to do: the
# runbook in docs/deploy.md.

locals {
  alarm_tiers = toset(["warning", "critical"])

  # Meters the services publish with Micrometer's CloudWatch registry into
  # var.metrics_namespace (METRICS_CLOUDWATCH_NAMESPACE). Micrometer publishes a
  # Timer as <name>.max/.avg/.count/.sum in milliseconds and a Gauge as
  # <name>.value, with the common tag `application` = the service's name. This
  # is the one place to adjust if the published names or dimensions differ.
  app_metrics = {
    schedule_lag_max = {
      metric_name = "health_monitor.scheduler.lag.max"
      dimensions  = { application = local.apps.scheduler.module }
    }
    schedule_lag_avg = {
      metric_name = "health_monitor.scheduler.lag.avg"
      dimensions  = { application = local.apps.scheduler.module }
    }
    oldest_pending_alert_age = {
      metric_name = "health_monitor.alerts.pending.oldest.age.value"
      dimensions  = { application = local.apps.worker.module }
    }
  }

  service_names = {
    api       = aws_ecs_service.this["api"].name
    scheduler = aws_ecs_service.this["scheduler"].name
    worker    = aws_ecs_service.worker.name
  }
  service_desired_counts = {
    api       = var.api_desired_count
    scheduler = var.scheduler_desired_count
    worker    = var.worker_min_count
  }

  db_dimensions  = { DBInstanceIdentifier = aws_db_instance.this.identifier }
  alb_dimensions = { LoadBalancer = aws_lb.api.arn_suffix }

  # Defaults of an alarm: the metric's 1-minute average, 5 of 5 minutes above
  # the threshold, and no data counts as fine (a metric that is only published
  # while something happens must not alarm when nothing does).
  alarm_defaults = {
    statistic           = "Average"
    extended_statistic  = null
    period              = 60
    evaluation_periods  = 5
    datapoints_to_alarm = 5
    comparison          = "GreaterThanThreshold"
    missing             = "notBreaching"
  }

  alarms = merge(
    # ECS services (the seed's CPU > 80 % and memory > 85 % for 5 minutes)
    {
      for app, service in local.service_names : "${app}-cpu-high" => merge(local.alarm_defaults, {
        tier        = "warning"
        description = "${service}: average CPU above ${var.ecs_cpu_alarm_percent} % for 5 minutes."
        namespace   = "AWS/ECS"
        metric_name = "CPUUtilization"
        dimensions  = { ClusterName = aws_ecs_cluster.this.name, ServiceName = service }
        threshold   = var.ecs_cpu_alarm_percent
      })
    },
    {
      for app, service in local.service_names : "${app}-memory-high" => merge(local.alarm_defaults, {
        tier        = "warning"
        description = "${service}: average memory above ${var.ecs_memory_alarm_percent} % for 5 minutes."
        namespace   = "AWS/ECS"
        metric_name = "MemoryUtilization"
        dimensions  = { ClusterName = aws_ecs_cluster.this.name, ServiceName = service }
        threshold   = var.ecs_memory_alarm_percent
      })
    },
    # A stopped scheduler publishes no lag and leaves the queue empty, so no
    # other alarm would notice: here missing data is an alarm.
    {
      for app, service in local.service_names : "${app}-no-running-tasks" => merge(local.alarm_defaults, {
        tier                = "critical"
        description         = "${service}: no task running for 3 minutes."
        namespace           = "ECS/ContainerInsights"
        metric_name         = "RunningTaskCount"
        dimensions          = { ClusterName = aws_ecs_cluster.this.name, ServiceName = service }
        statistic           = "Minimum"
        evaluation_periods  = 3
        datapoints_to_alarm = 3
        comparison          = "LessThanThreshold"
        threshold           = 1
        missing             = "breaching"
      }) if local.service_desired_counts[app] > 0
    },
    # RDS
    {
      db-cpu-high = merge(local.alarm_defaults, {
        tier        = "warning"
        description = "Database CPU above ${var.db_cpu_alarm_percent} % for 5 minutes."
        namespace   = "AWS/RDS"
        metric_name = "CPUUtilization"
        dimensions  = local.db_dimensions
        threshold   = var.db_cpu_alarm_percent
      })
      db-free-storage-low = merge(local.alarm_defaults, {
        tier                = "critical"
        description         = "Database free storage below ${var.db_free_storage_alarm_percent} % of ${var.db_allocated_storage} GiB."
        namespace           = "AWS/RDS"
        metric_name         = "FreeStorageSpace"
        dimensions          = local.db_dimensions
        statistic           = "Minimum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        comparison          = "LessThanThreshold"
        threshold           = floor(var.db_allocated_storage * 1073741824 * var.db_free_storage_alarm_percent / 100) # bytes
      })
      db-read-latency-high = merge(local.alarm_defaults, {
        tier        = "warning"
        description = "Database read latency above ${var.db_latency_alarm_ms} ms for 5 minutes."
        namespace   = "AWS/RDS"
        metric_name = "ReadLatency"
        dimensions  = local.db_dimensions
        threshold   = var.db_latency_alarm_ms / 1000 # the metric is in seconds
      })
      db-write-latency-high = merge(local.alarm_defaults, {
        tier        = "warning"
        description = "Database write latency above ${var.db_latency_alarm_ms} ms for 5 minutes."
        namespace   = "AWS/RDS"
        metric_name = "WriteLatency"
        dimensions  = local.db_dimensions
        threshold   = var.db_latency_alarm_ms / 1000
      })
      db-connections-high = merge(local.alarm_defaults, {
        tier        = "warning"
        description = "More than ${var.db_connections_alarm_percent} % of max_connections (${var.db_max_connections}) open for 5 minutes."
        namespace   = "AWS/RDS"
        metric_name = "DatabaseConnections"
        dimensions  = local.db_dimensions
        statistic   = "Maximum"
        threshold   = floor(var.db_max_connections * var.db_connections_alarm_percent / 100)
      })
    },
    # Load balancer in front of the api
    {
      alb-target-5xx = merge(local.alarm_defaults, {
        tier                = "warning"
        description         = "The api answered more than ${var.alb_5xx_alarm_count} 5xx responses in 5 minutes."
        namespace           = "AWS/ApplicationELB"
        metric_name         = "HTTPCode_Target_5XX_Count"
        dimensions          = local.alb_dimensions
        statistic           = "Sum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = var.alb_5xx_alarm_count
      })
      alb-elb-502 = merge(local.alarm_defaults, {
        tier                = "critical"
        description         = "The load balancer answered more than ${var.alb_502_alarm_count} 502 Bad Gateway in 5 minutes: it cannot reach healthy api tasks."
        namespace           = "AWS/ApplicationELB"
        metric_name         = "HTTPCode_ELB_502_Count"
        dimensions          = local.alb_dimensions
        statistic           = "Sum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = var.alb_502_alarm_count
      })
      alb-unhealthy-hosts = merge(local.alarm_defaults, {
        tier        = "warning"
        description = "At least one api task failed the load balancer's health check for 5 minutes."
        namespace   = "AWS/ApplicationELB"
        metric_name = "UnHealthyHostCount"
        dimensions  = merge(local.alb_dimensions, { TargetGroup = aws_lb_target_group.api.arn_suffix })
        statistic   = "Maximum"
        threshold   = 0
      })
      alb-response-time-high = merge(local.alarm_defaults, {
        tier               = "warning"
        description        = "p95 api response time above ${var.alb_response_time_alarm_seconds} s for 5 minutes."
        namespace          = "AWS/ApplicationELB"
        metric_name        = "TargetResponseTime"
        dimensions         = local.alb_dimensions
        statistic          = null
        extended_statistic = "p95"
        threshold          = var.alb_response_time_alarm_seconds
      })
    },
    var.api_desired_count == 0 ? {} : {
      alb-no-healthy-hosts = merge(local.alarm_defaults, {
        tier                = "critical"
        description         = "No healthy api task behind the load balancer for 3 minutes: the API is down."
        namespace           = "AWS/ApplicationELB"
        metric_name         = "HealthyHostCount"
        dimensions          = merge(local.alb_dimensions, { TargetGroup = aws_lb_target_group.api.arn_suffix })
        statistic           = "Minimum"
        evaluation_periods  = 3
        datapoints_to_alarm = 3
        comparison          = "LessThanThreshold"
        threshold           = 1
        missing             = "breaching"
      })
    },
    # Check queue
    {
      checks-dlq-not-empty = merge(local.alarm_defaults, {
        tier                = "warning"
        description         = "Checks failed ${var.sqs_max_receive_count} times and landed in the dead-letter queue ${local.dlq_name}."
        namespace           = "AWS/SQS"
        metric_name         = "ApproximateNumberOfMessagesVisible"
        dimensions          = { QueueName = aws_sqs_queue.dlq.name }
        statistic           = "Maximum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = 0
      })
      checks-oldest-message-age = merge(local.alarm_defaults, {
        tier                = "critical"
        description         = "The oldest check in ${local.queue_name} waits longer than ${var.sqs_oldest_message_alarm_seconds}s: workers are not keeping up or are down."
        namespace           = "AWS/SQS"
        metric_name         = "ApproximateAgeOfOldestMessage"
        dimensions          = { QueueName = aws_sqs_queue.checks.name }
        statistic           = "Maximum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = var.sqs_oldest_message_alarm_seconds
      })
    },
    # Results queue (probe regions): the home workers' recorder applies what the probes send.
    local.probes_enabled ? {
      results-dlq-not-empty = merge(local.alarm_defaults, {
        tier                = "warning"
        description         = "Probe results failed ${var.sqs_max_receive_count} times and landed in the dead-letter queue ${aws_sqs_queue.results_dlq[0].name}."
        namespace           = "AWS/SQS"
        metric_name         = "ApproximateNumberOfMessagesVisible"
        dimensions          = { QueueName = aws_sqs_queue.results_dlq[0].name }
        statistic           = "Maximum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = 0
      })
      results-oldest-message-age = merge(local.alarm_defaults, {
        tier                = "critical"
        description         = "The oldest probe result in ${aws_sqs_queue.results[0].name} waits longer than ${var.sqs_oldest_message_alarm_seconds}s: the workers are not recording the probe regions' results."
        namespace           = "AWS/SQS"
        metric_name         = "ApproximateAgeOfOldestMessage"
        dimensions          = { QueueName = aws_sqs_queue.results[0].name }
        statistic           = "Maximum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = var.sqs_oldest_message_alarm_seconds
      })
    } : {},
    # The application's own meters
    {
      scheduler-schedule-lag-high = merge(local.alarm_defaults, {
        tier                = "warning"
        description         = "Checks leave the scheduler more than ${var.schedule_lag_alarm_ms} ms after their slot for 3 minutes."
        namespace           = var.metrics_namespace
        metric_name         = local.app_metrics.schedule_lag_max.metric_name
        dimensions          = local.app_metrics.schedule_lag_max.dimensions
        statistic           = "Maximum"
        evaluation_periods  = 3
        datapoints_to_alarm = 3
        threshold           = var.schedule_lag_alarm_ms
      })
      worker-oldest-pending-alert = merge(local.alarm_defaults, {
        tier                = "critical"
        description         = "An alert has waited in the outbox for more than ${var.oldest_pending_alert_alarm_seconds} s: state changes are not reaching their channels."
        namespace           = var.metrics_namespace
        metric_name         = local.app_metrics.oldest_pending_alert_age.metric_name
        dimensions          = local.app_metrics.oldest_pending_alert_age.dimensions
        statistic           = "Maximum"
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = var.oldest_pending_alert_alarm_seconds
      })
    },
    # Log-based (metric filters in logging.tf)
    {
      for key, filter in local.log_metric_filters : key => merge(local.alarm_defaults, {
        tier                = filter.tier
        description         = filter.description
        namespace           = local.log_metrics_namespace
        metric_name         = filter.metric_name
        dimensions          = {}
        statistic           = "Sum"
        period              = 300
        evaluation_periods  = 1
        datapoints_to_alarm = 1
        threshold           = filter.alarm_threshold
      })
    },
  )
}

# CloudWatch can publish to an encrypted topic only through a customer-managed
# key whose policy lets it use the key (the AWS-managed aws/sns key cannot).
resource "aws_kms_key" "alarms" {
  description             = "${var.name_prefix}: encrypts the alarm topics"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchAlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_alias" "alarms" {
  name          = "alias/${var.name_prefix}-alarms"
  target_key_id = aws_kms_key.alarms.key_id
}

resource "aws_sns_topic" "alarms" {
  for_each = local.alarm_tiers

  name              = "${var.name_prefix}-alarms-${each.key}"
  display_name      = "${var.name_prefix} ${each.key}"
  kms_master_key_id = aws_kms_key.alarms.arn
}

resource "aws_sns_topic_subscription" "email" {
  for_each = merge(
    { for e in var.warning_alarm_emails : "warning/${e}" => { tier = "warning", address = e } },
    { for e in var.critical_alarm_emails : "critical/${e}" => { tier = "critical", address = e } },
  )

  topic_arn = aws_sns_topic.alarms[each.value.tier].arn
  protocol  = "email"
  endpoint  = each.value.address
}

resource "aws_sns_topic_subscription" "https" {
  for_each = var.alarm_https_endpoint == null ? toset([]) : local.alarm_tiers

  topic_arn              = aws_sns_topic.alarms[each.key].arn
  protocol               = "https"
  endpoint               = var.alarm_https_endpoint
  endpoint_auto_confirms = false
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = "[${each.value.tier}] ${each.value.description}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.extended_statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  datapoints_to_alarm = each.value.datapoints_to_alarm
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  treat_missing_data  = each.value.missing
  alarm_actions       = concat([aws_sns_topic.alarms[each.value.tier].arn], var.alarm_actions)
  ok_actions          = concat([aws_sns_topic.alarms[each.value.tier].arn], var.alarm_actions)

  tags = { Tier = each.value.tier }
}

# The two queue alarms used to be separate resources; keep them, not recreate them.
moved {
  from = aws_cloudwatch_metric_alarm.dlq_depth
  to   = aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"]
}

moved {
  from = aws_cloudwatch_metric_alarm.oldest_message
  to   = aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"]
}
