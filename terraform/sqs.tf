resource "aws_sqs_queue" "dlq" {
  name                      = local.dlq_name
  message_retention_seconds = 1209600 # 14 days, time to inspect poisoned checks
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "checks" {
  name                       = local.queue_name
  visibility_timeout_seconds = 300   # 5 minutes, as the seed
  message_retention_seconds  = 86400 # 24 hours, as the seed
  receive_wait_time_seconds  = 20    # long polling
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = var.sqs_max_receive_count
  })
}

# Only the check queue may use the DLQ as its dead-letter queue.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.checks.arn]
  })
}

# With probe regions (probes.tf): the queue the probes send their results to and the home workers read
# (RESULTS_QUEUE_URL), with the check queue's timings and a dead-letter queue of its own.
resource "aws_sqs_queue" "results_dlq" {
  count = local.probes_enabled ? 1 : 0

  name                      = "${var.name_prefix}-results-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "results" {
  count = local.probes_enabled ? 1 : 0

  name                       = "${var.name_prefix}-results"
  visibility_timeout_seconds = 300
  message_retention_seconds  = 86400
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.results_dlq[0].arn
    maxReceiveCount     = var.sqs_max_receive_count
  })
}

resource "aws_sqs_queue_redrive_allow_policy" "results_dlq" {
  count = local.probes_enabled ? 1 : 0

  queue_url = aws_sqs_queue.results_dlq[0].id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.results[0].arn]
  })
}

# Refuse any request that does not use TLS.
resource "aws_sqs_queue_policy" "tls_only" {
  for_each = merge(
    {
      checks = aws_sqs_queue.checks
      dlq    = aws_sqs_queue.dlq
    },
    local.probes_enabled ? {
      results     = aws_sqs_queue.results[0]
      results-dlq = aws_sqs_queue.results_dlq[0]
    } : {},
  )

  queue_url = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = each.value.arn
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# The queue alarms (DLQ depth, oldest message) are in alarms.tf with the others.
