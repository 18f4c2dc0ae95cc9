# Separate execution role (ECS agent: pull the image, write logs, read the
# secrets) and task role (the application's own AWS calls) for every app.

locals {
  ecs_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:ecs:${var.aws_region}:${local.account_id}:*" }
        StringEquals = { "aws:SourceAccount" = local.account_id }
      }
    }]
  })

  # Secrets each app's execution role may read to inject them: the app's database secret (its service
  # role's, or the master secret for the migration task, which also reads the service roles' passwords),
  # plus the API keys for the api.
  app_secret_arns = {
    for name, app in local.apps : name => concat(
      compact([local.app_db_secret_arn[name]]),
      name == "db-migrations" ? [for service in keys(local.db_role_secrets) : aws_secretsmanager_secret.db_role[service].arn] : [],
      name == "api" ? [local.api_keys_secret] : [],
    )
  }

  # What a queue's consumer needs: the SQS listener looks the queue up, receives, extends and deletes.
  consume_actions = [
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueUrl",
    "sqs:GetQueueAttributes",
  ]

  # What each task role may do in AWS. Only the scheduler and the worker touch
  # SQS, each with the exact actions it needs on its queues: the scheduler sends to
  # the check queue and each probe region's, the worker reads the check queue and,
  # with probe regions, the results queue.
  task_statements = {
    api = []
    scheduler = concat(
      [{
        Sid      = "SendChecks"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
        Resource = aws_sqs_queue.checks.arn
      }],
      local.probes_enabled ? [{
        Sid      = "SendChecksToProbeRegions"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
        Resource = [for region in var.probe_regions : local.probes[region].check_queue_arn]
      }] : [],
    )
    worker = concat(
      [{
        Sid      = "ConsumeChecks"
        Effect   = "Allow"
        Action   = local.consume_actions
        Resource = aws_sqs_queue.checks.arn
      }],
      [for queue in aws_sqs_queue.results : {
        Sid      = "ConsumeResults" # the recorder
        Effect   = "Allow"
        Action   = local.consume_actions
        Resource = queue.arn
      }],
    )
    db-migrations = []
  }

  # Each app re-reads its database secret when its pool opens a connection
  # (DATABASE_SECRET_ARN), so a changed password is picked up without a
  # redeployment; with IAM authentication a service may connect as its own
  # database role only. (for-filters, not conditionals: the statements differ in type)
  database_statements = {
    for name, app in local.apps : name => concat(
      [for arn in compact([local.app_db_secret_arn[name]]) : {
        Sid      = "ReadDatabaseSecret"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = arn
      }],
      [for arn in compact([local.app_db_secret_arn[name]]) : {
        Sid       = "DecryptDatabaseSecret"
        Effect    = "Allow"
        Action    = "kms:Decrypt"
        Resource  = var.kms_key_arn
        Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.${var.aws_region}.amazonaws.com" } }
      } if var.kms_key_arn != null],
      [for role in(app.service && var.database_iam_auth ? [local.db_roles[name]] : []) : {
        Sid      = "RdsIamAuth"
        Effect   = "Allow"
        Action   = "rds-db:connect"
        Resource = "arn:${local.partition}:rds-db:${var.aws_region}:${local.account_id}:dbuser:${aws_db_instance.this.resource_id}/${role}"
      }],
    )
  }

  # The services publish their meters to CloudWatch. PutMetricData has no
  # resource-level permissions; the namespace condition is the scoping.
  put_metrics_statement = {
    Sid       = "PublishMetrics"
    Effect    = "Allow"
    Action    = "cloudwatch:PutMetricData"
    Resource  = "*"
    Condition = { StringEquals = { "cloudwatch:namespace" = var.metrics_namespace } }
  }
}

resource "aws_iam_role" "execution" {
  for_each = local.apps

  name               = "${var.name_prefix}-${each.key}-execution"
  description        = "ECS execution role of ${each.key}: image pull, logs, secrets"
  assume_role_policy = local.ecs_assume_role_policy
}

resource "aws_iam_role_policy" "execution" {
  for_each = local.apps

  name = "execution"
  role = aws_iam_role.execution[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
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
          Resource = aws_ecr_repository.this[each.key].arn
        },
        {
          Sid      = "Logs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${aws_cloudwatch_log_group.app[each.key].arn}:*"
        },
      ],
      length(local.app_secret_arns[each.key]) == 0 ? [] : [{
        Sid      = "ReadSecrets"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = local.app_secret_arns[each.key]
      }],
      var.kms_key_arn == null || length(local.app_secret_arns[each.key]) == 0 ? [] : [{
        Sid       = "DecryptSecrets"
        Effect    = "Allow"
        Action    = "kms:Decrypt"
        Resource  = var.kms_key_arn
        Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.${var.aws_region}.amazonaws.com" } }
      }],
    )
  })
}

resource "aws_iam_role" "task" {
  for_each = local.apps

  name               = "${var.name_prefix}-${each.key}-task"
  description        = "ECS task role of ${each.key}: the application's AWS permissions"
  assume_role_policy = local.ecs_assume_role_policy
}

resource "aws_iam_role_policy" "task" {
  for_each = {
    for name, statements in local.task_statements :
    name => concat(local.database_statements[name], statements, local.apps[name].service ? [local.put_metrics_statement] : [])
  }

  name = "task"
  role = aws_iam_role.task[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = each.value
  })
}
