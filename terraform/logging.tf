# Logs beyond the per-app log groups (ecs.tf): metric filters that turn log
# lines into metrics (alarmed in alarms.tf), saved Logs Insights queries, and
# the load balancer's access logs in S3.

locals {
  log_metrics_namespace = "${var.metrics_namespace}/Logs"

  # What the services write with LOG_FORMAT=json (Spring Boot's ECS structured
  # logging: {"log":{"level":"ERROR",...},"message":"...",...}) and the message
  # prefixes the worker logs. One place to adjust when the application changes
  # them; with Spring's logstash format the level field would be "level".
  log_level_field = "log.level"
  log_markers = {
    alert_failed  = "[WEBHOOK] failed"  # a delivery round failed, retried later
    alert_gave_up = "[WEBHOOK] gave up" # the alert is marked FAILED
    state_change  = "[STATE CHANGE]"
    check_result  = "[CHECK] monitor="
  }

  # The worker logs each check result at DEBUG in this package; log_check_results
  # raises it so that "slowest checks" has data.
  check_result_logger          = "com.healthmonitor.worker.check"
  check_result_log_environment = { "LOGGING_LEVEL_${upper(replace(local.check_result_logger, ".", "_"))}" = "DEBUG" }

  log_metric_filters = merge(
    {
      for app in keys(local.service_names) : "${app}-error-logs" => {
        app             = app
        tier            = "warning"
        metric_name     = "${app}.error_lines"
        pattern         = "{ $.${local.log_level_field} = \"ERROR\" }"
        description     = "${local.apps[app].module} wrote more than ${var.error_log_alarm_count} ERROR lines in 5 minutes."
        alarm_threshold = var.error_log_alarm_count
      }
    },
    {
      alert-delivery-failures = {
        app             = "worker"
        tier            = "warning"
        metric_name     = "alerts.delivery_failures"
        pattern         = "{ $.message = \"${local.log_markers.alert_failed}*\" || $.message = \"${local.log_markers.alert_gave_up}*\" }"
        description     = "Alert deliveries failed in the last 5 minutes (the worker retries them)."
        alarm_threshold = 0
      }
      alerts-given-up = {
        app             = "worker"
        tier            = "critical"
        metric_name     = "alerts.given_up"
        pattern         = "{ $.message = \"${local.log_markers.alert_gave_up}*\" }"
        description     = "The worker gave up delivering an alert: a state change never reached its channel."
        alarm_threshold = 0
      }
    },
  )

  service_log_groups = [for app in keys(local.service_names) : aws_cloudwatch_log_group.app[app].name]

  # Saved Logs Insights queries. They match @message (the raw line), so they
  # also work on plain-text logs, except the level filter of recent-errors.
  saved_queries = {
    recent-errors-by-service = {
      log_groups = local.service_log_groups
      query      = <<-EOT
        fields @timestamp, @log, message
        | filter ${local.log_level_field} = "ERROR"
        | stats count(*) as errors, latest(message) as last_error, max(@timestamp) as last_seen by @log
        | sort errors desc
      EOT
    }
    state-changes-per-monitor = {
      log_groups = [aws_cloudwatch_log_group.app["worker"].name]
      query      = <<-EOT
        fields @timestamp, @message
        | filter @message like "${local.log_markers.state_change}"
        | parse @message /monitor=(?<monitor>[^\s",]+) (?<change>[^"]*)/
        | stats count(*) as changes, latest(change) as last_change, max(@timestamp) as last_seen by monitor
        | sort changes desc
        | limit 100
      EOT
    }
    slowest-checks = {
      log_groups = [aws_cloudwatch_log_group.app["worker"].name]
      query      = <<-EOT
        fields @timestamp, @message
        | filter @message like "${local.log_markers.check_result}" and @message like "latency="
        | parse @message /monitor=(?<monitor>[^\s",]+) slot=(?<slot>[^\s",]+) success=(?<success>[^\s",]+) status=(?<status>[^\s",]+) latency=(?<latency_ms>\d+)ms/
        | stats max(latency_ms) as max_ms, avg(latency_ms) as avg_ms, pct(latency_ms, 95) as p95_ms, count(*) as checks by monitor
        | sort max_ms desc
        | limit 20
      EOT
    }
    failed-alert-deliveries = {
      log_groups = [aws_cloudwatch_log_group.app["worker"].name]
      query      = <<-EOT
        fields @timestamp, @message
        | filter @message like "${local.log_markers.alert_failed}" or @message like "${local.log_markers.alert_gave_up}"
        | parse @message /\[WEBHOOK\] (?<outcome>failed|gave up) status=(?<status>[^\s",]+) monitor=(?<monitor>[^\s",]+) change=(?<change>[^\s",]+) to=(?<target>[^\s",]+)/
        | sort @timestamp desc
        | limit 100
      EOT
    }
  }
}

resource "aws_cloudwatch_log_metric_filter" "this" {
  for_each = local.log_metric_filters

  name           = "${var.name_prefix}-${each.key}"
  log_group_name = aws_cloudwatch_log_group.app[each.value.app].name
  pattern        = each.value.pattern

  metric_transformation {
    name          = each.value.metric_name
    namespace     = local.log_metrics_namespace
    value         = "1"
    default_value = "0" # a zero for every batch without a match keeps the graphs continuous
    unit          = "Count"
  }
}

resource "aws_cloudwatch_query_definition" "this" {
  for_each = local.saved_queries

  name            = "${var.name_prefix}/${each.key}"
  log_group_names = each.value.log_groups
  query_string    = each.value.query
}

# ---------------------------------------------------------------------------
# ALB access logs
# ---------------------------------------------------------------------------

locals {
  alb_logs_prefix = "alb"

  # Elastic Load Balancing account per Region for Regions opened before August
  # 2022 (AWS ELB user guide, "Enable access logs"). Newer Regions accept only
  # the logdelivery.elasticloadbalancing.amazonaws.com service principal, which
  # the bucket policy always allows. The data source aws_elb_service_account
  # would fail the plan in those newer Regions, hence this map.
  legacy_elb_accounts = {
    us-east-1      = "127311923021"
    us-east-2      = "033677994240"
    us-west-1      = "027434742980"
    us-west-2      = "797873946194"
    af-south-1     = "098369216593"
    ap-east-1      = "754344448648"
    ap-southeast-3 = "589379963580"
    ap-south-1     = "718504428378"
    ap-northeast-3 = "383597477331"
    ap-northeast-2 = "600734575887"
    ap-southeast-1 = "114774131450"
    ap-southeast-2 = "783225319266"
    ap-northeast-1 = "582318560864"
    ca-central-1   = "985666609251"
    eu-central-1   = "054676820928"
    eu-west-1      = "156460612806"
    eu-west-2      = "652711504416"
    eu-south-1     = "635631232127"
    eu-west-3      = "009996457667"
    eu-north-1     = "897822967062"
    me-south-1     = "076674570225"
    sa-east-1      = "507241528517"
    us-gov-west-1  = "048591011584"
    us-gov-east-1  = "190560391635"
    cn-north-1     = "638102146993"
    cn-northwest-1 = "037604701340"
  }
  legacy_elb_account = lookup(local.legacy_elb_accounts, var.aws_region, null)
}

resource "aws_s3_bucket" "alb_logs" {
  count = var.alb_access_logs_enabled ? 1 : 0

  bucket        = "${var.name_prefix}-alb-logs-${local.account_id}-${var.aws_region}"
  force_destroy = var.alb_access_logs_force_destroy
}

resource "aws_s3_bucket_ownership_controls" "alb_logs" {
  count = var.alb_access_logs_enabled ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "alb_logs" {
  count = var.alb_access_logs_enabled ? 1 : 0

  bucket                  = aws_s3_bucket.alb_logs[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# SSE-S3 is the only server-side encryption ALB access logs support.
resource "aws_s3_bucket_server_side_encryption_configuration" "alb_logs" {
  count = var.alb_access_logs_enabled ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "alb_logs" {
  count = var.alb_access_logs_enabled ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  rule {
    id     = "expire-access-logs"
    status = "Enabled"
    filter {}
    expiration {
      days = var.alb_access_logs_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "alb_logs" {
  count = var.alb_access_logs_enabled ? 1 : 0

  bucket = aws_s3_bucket.alb_logs[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "ElbLogDelivery"
        Effect    = "Allow"
        Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.alb_logs[0].arn}/${local.alb_logs_prefix}/AWSLogs/${local.account_id}/*"
      }],
      local.legacy_elb_account == null ? [] : [{
        Sid       = "ElbLogDeliveryLegacyRegion"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.legacy_elb_account}:root" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.alb_logs[0].arn}/${local.alb_logs_prefix}/AWSLogs/${local.account_id}/*"
      }],
      [{
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.alb_logs[0].arn, "${aws_s3_bucket.alb_logs[0].arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }],
    )
  })

  depends_on = [aws_s3_bucket_public_access_block.alb_logs]
}
