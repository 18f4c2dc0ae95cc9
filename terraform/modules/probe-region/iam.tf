# IAM is global, so the role names carry the region. The task role reaches this region's check queue and the
# home results queue, nothing else: no secrets, no rds-db:connect, no metrics (METRICS_CLOUDWATCH_NAMESPACE is
# not set for probes).

locals {
  # The root module finds the slot's region by this path and the task role's name (../../probes.tf).
  role_path = "/${var.home.name_prefix}/probe-slot-${var.slot}/"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        ArnLike      = { "aws:SourceArn" = "arn:${var.home.partition}:ecs:${var.region}:${var.home.account_id}:*" }
        StringEquals = { "aws:SourceAccount" = var.home.account_id }
      }
    }]
  })
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  path               = local.role_path
  description        = "ECS execution role of the probe worker in ${var.region}: image pull, logs"
  assume_role_policy = local.assume_role_policy
}

resource "aws_iam_role_policy" "execution" {
  name = "execution"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "EcrAuth"
        Effect   = "Allow"
        Action   = "ecr:GetAuthorizationToken" # this action supports no resource-level scoping
        Resource = "*"
      },
      {
        Sid      = "EcrPull"
        Effect   = "Allow"
        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
        Resource = var.home.ecr_repository_arn
      },
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.probe.arn}:*"
      },
    ]
  })
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  path               = local.role_path
  description        = "ECS task role of the probe worker in ${var.region}: its check queue, the home results queue"
  assume_role_policy = local.assume_role_policy
}

resource "aws_iam_role_policy" "task" {
  name = "task"
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ConsumeChecks"
        Effect = "Allow"
        Action = [
          "sqs:ReceiveMessage",
          "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueUrl",
          "sqs:GetQueueAttributes",
        ]
        Resource = aws_sqs_queue.checks.arn
      },
      {
        Sid      = "SendResults"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
        Resource = var.home.results_queue_arn
      },
    ]
  })
}
