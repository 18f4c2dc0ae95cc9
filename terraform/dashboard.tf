# One CloudWatch dashboard for the whole stack: alarm states on top, then the
# api/ALB, the services, the scheduler and worker meters, the queue, the
# database and the log-derived counts, and the latest errors at the bottom.

locals {
  lb_suffix = aws_lb.api.arn_suffix
  tg_suffix = aws_lb_target_group.api.arn_suffix
  db_id     = aws_db_instance.this.identifier
  cluster   = aws_ecs_cluster.this.name

  dashboard_metric_widgets = [
    {
      title = "API: requests and responses (ALB, per minute)"
      stat  = "Sum"
      metrics = [
        ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", local.lb_suffix],
        ["AWS/ApplicationELB", "HTTPCode_Target_4XX_Count", "LoadBalancer", local.lb_suffix],
        ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", local.lb_suffix],
        ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", local.lb_suffix],
        ["AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "LoadBalancer", local.lb_suffix],
      ]
    },
    {
      title = "API: target response time (s)"
      stat  = "p95"
      metrics = [
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.lb_suffix, { stat = "p50", label = "p50" }],
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.lb_suffix, { stat = "p95", label = "p95" }],
        ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", local.lb_suffix, { stat = "p99", label = "p99" }],
      ]
    },
    {
      title = "API: healthy and unhealthy targets"
      stat  = "Minimum"
      metrics = [
        ["AWS/ApplicationELB", "HealthyHostCount", "TargetGroup", local.tg_suffix, "LoadBalancer", local.lb_suffix],
        ["AWS/ApplicationELB", "UnHealthyHostCount", "TargetGroup", local.tg_suffix, "LoadBalancer", local.lb_suffix, { stat = "Maximum" }],
      ]
    },
    {
      title   = "Services: CPU (%)"
      stat    = "Average"
      metrics = [for app, service in local.service_names : ["AWS/ECS", "CPUUtilization", "ClusterName", local.cluster, "ServiceName", service, { label = app }]]
    },
    {
      title   = "Services: memory (%)"
      stat    = "Average"
      metrics = [for app, service in local.service_names : ["AWS/ECS", "MemoryUtilization", "ClusterName", local.cluster, "ServiceName", service, { label = app }]]
    },
    {
      title   = "Services: running tasks"
      stat    = "Minimum"
      metrics = [for app, service in local.service_names : ["ECS/ContainerInsights", "RunningTaskCount", "ClusterName", local.cluster, "ServiceName", service, { label = app }]]
    },
    {
      title = "Scheduler: schedule lag (ms)"
      stat  = "Maximum"
      metrics = [
        concat([var.metrics_namespace, local.app_metrics.schedule_lag_max.metric_name], flatten([for k, v in local.app_metrics.schedule_lag_max.dimensions : [k, v]]), [{ label = "max" }]),
        concat([var.metrics_namespace, local.app_metrics.schedule_lag_avg.metric_name], flatten([for k, v in local.app_metrics.schedule_lag_avg.dimensions : [k, v]]), [{ label = "avg", stat = "Average" }]),
      ]
    },
    {
      title = "Worker: oldest pending alert (s)"
      stat  = "Maximum"
      metrics = [
        concat([var.metrics_namespace, local.app_metrics.oldest_pending_alert_age.metric_name], flatten([for k, v in local.app_metrics.oldest_pending_alert_age.dimensions : [k, v]])),
      ]
    },
    {
      title = "Check queue: messages"
      stat  = "Maximum"
      metrics = [
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.checks.name, { label = "waiting" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", aws_sqs_queue.checks.name, { label = "in flight" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.dlq.name, { label = "dead-letter queue" }],
      ]
    },
    {
      title = "Check queue: oldest message (s)"
      stat  = "Maximum"
      metrics = [
        ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.checks.name],
      ]
    },
    {
      title = "Database: CPU (%) and connections"
      stat  = "Average"
      metrics = [
        ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", local.db_id],
        ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", local.db_id, { stat = "Maximum", yAxis = "right" }],
      ]
    },
    {
      title = "Database: free storage (bytes) and memory"
      stat  = "Minimum"
      metrics = [
        ["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", local.db_id],
        ["AWS/RDS", "FreeableMemory", "DBInstanceIdentifier", local.db_id, { yAxis = "right" }],
      ]
    },
    {
      title = "Database: read and write latency (s)"
      stat  = "Average"
      metrics = [
        ["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", local.db_id],
        ["AWS/RDS", "WriteLatency", "DBInstanceIdentifier", local.db_id],
      ]
    },
    {
      title   = "Logs: ERROR lines and failed alert deliveries (per 5 minutes)"
      stat    = "Sum"
      period  = 300
      metrics = [for key, filter in local.log_metric_filters : [local.log_metrics_namespace, filter.metric_name, { label = key }]]
    },
  ]

  dashboard_widgets = concat(
    [{
      type   = "alarm"
      x      = 0
      y      = 0
      width  = 24
      height = 4
      properties = {
        title  = "Alarms"
        alarms = [for a in aws_cloudwatch_metric_alarm.this : a.arn]
      }
    }],
    [
      for i, w in local.dashboard_metric_widgets : {
        type   = "metric"
        x      = (i % 3) * 8
        y      = 4 + floor(i / 3) * 6
        width  = 8
        height = 6
        properties = {
          title   = w.title
          region  = var.aws_region
          view    = "timeSeries"
          stacked = false
          stat    = w.stat
          period  = lookup(w, "period", 60)
          metrics = w.metrics
        }
      }
    ],
    [{
      type   = "log"
      x      = 0
      y      = 4 + ceil(length(local.dashboard_metric_widgets) / 3) * 6
      width  = 24
      height = 6
      properties = {
        title  = "Latest ERROR lines"
        region = var.aws_region
        view   = "table"
        query  = "${join(" | ", [for g in local.service_log_groups : "SOURCE '${g}'"])} | fields @timestamp, @log, message | filter ${local.log_level_field} = \"ERROR\" | sort @timestamp desc | limit 20"
      }
    }],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name_prefix
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
