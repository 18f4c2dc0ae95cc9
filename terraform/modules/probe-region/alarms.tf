# A CloudWatch alarm can only notify an SNS topic of its own region, so each probe region has its own warning and
# critical topics (encrypted, with the home stack's subscribers), like the home region's (../../alarms.tf).

locals {
  alarm_tiers = toset(["warning", "critical"])

  alarms = {
    checks-dlq-not-empty = {
      tier        = "warning"
      description = "Checks for ${var.region} failed ${var.home.sqs_max_receive_count} times and landed in the dead-letter queue ${local.dlq_name}."
      metric_name = "ApproximateNumberOfMessagesVisible"
      queue_name  = aws_sqs_queue.dlq.name
      threshold   = 0
    }
    # Also what a stopped probe looks like: its checks pile up unread.
    checks-oldest-message-age = {
      tier        = "critical"
      description = "The oldest check in ${local.queue_name} waits longer than ${var.home.oldest_message_alarm_seconds}s: the probe in ${var.region} is not keeping up or is down."
      metric_name = "ApproximateAgeOfOldestMessage"
      queue_name  = aws_sqs_queue.checks.name
      threshold   = var.home.oldest_message_alarm_seconds
    }
  }
}

resource "aws_kms_key" "alarms" {
  description             = "${local.name}: encrypts the alarm topics"
  enable_key_rotation     = true
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${var.home.partition}:iam::${var.home.account_id}:root" }
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
  name          = "alias/${local.name}-alarms"
  target_key_id = aws_kms_key.alarms.key_id
}

resource "aws_sns_topic" "alarms" {
  for_each = local.alarm_tiers

  name              = "${local.name}-alarms-${each.key}"
  display_name      = "${var.home.name_prefix} ${var.region} ${each.key}"
  kms_master_key_id = aws_kms_key.alarms.arn
}

resource "aws_sns_topic_subscription" "email" {
  for_each = merge(
    { for e in var.home.warning_alarm_emails : "warning/${e}" => { tier = "warning", address = e } },
    { for e in var.home.critical_alarm_emails : "critical/${e}" => { tier = "critical", address = e } },
  )

  topic_arn = aws_sns_topic.alarms[each.value.tier].arn
  protocol  = "email"
  endpoint  = each.value.address
}

resource "aws_sns_topic_subscription" "https" {
  for_each = var.home.alarm_https_endpoint == null ? toset([]) : local.alarm_tiers

  topic_arn              = aws_sns_topic.alarms[each.key].arn
  protocol               = "https"
  endpoint               = var.home.alarm_https_endpoint
  endpoint_auto_confirms = false
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = "[${each.value.tier}] ${each.value.description}"
  namespace           = "AWS/SQS"
  metric_name         = each.value.metric_name
  dimensions          = { QueueName = each.value.queue_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms[each.value.tier].arn]
  ok_actions          = [aws_sns_topic.alarms[each.value.tier].arn]

  tags = { Tier = each.value.tier }
}
