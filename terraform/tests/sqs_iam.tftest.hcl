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

run "queue_is_encrypted_with_seed_timings_and_dlq_redrive" {
  assert {
    condition     = aws_sqs_queue.checks.name == "health-monitor-checks" && aws_sqs_queue.dlq.name == "health-monitor-checks-dlq"
    error_message = "Queue names must match the application's defaults."
  }
  assert {
    condition     = aws_sqs_queue.checks.sqs_managed_sse_enabled == true && aws_sqs_queue.dlq.sqs_managed_sse_enabled == true
    error_message = "Both queues must use server-side encryption."
  }
  assert {
    condition     = aws_sqs_queue.checks.visibility_timeout_seconds == 300 && aws_sqs_queue.checks.message_retention_seconds == 86400
    error_message = "Visibility timeout 5 min and retention 24 h, as the seed."
  }
  assert {
    condition     = jsondecode(aws_sqs_queue.checks.redrive_policy).deadLetterTargetArn == aws_sqs_queue.dlq.arn && jsondecode(aws_sqs_queue.checks.redrive_policy).maxReceiveCount == 5
    error_message = "The check queue must redrive to the DLQ after maxReceiveCount (5) receives."
  }
  assert {
    condition     = jsondecode(aws_sqs_queue_redrive_allow_policy.dlq.redrive_allow_policy).sourceQueueArns == [aws_sqs_queue.checks.arn]
    error_message = "Only the check queue may use the DLQ."
  }
  assert {
    condition     = alltrue([for p in aws_sqs_queue_policy.tls_only : jsondecode(p.policy).Statement[0].Effect == "Deny" && jsondecode(p.policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false"])
    error_message = "Both queues must refuse non-TLS requests."
  }
}

run "alarms_on_dlq_depth_and_oldest_message" {
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].alarm_name == "health-monitor-checks-dlq-not-empty" &&
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].dimensions["QueueName"] == "health-monitor-checks-dlq" &&
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].threshold == 0 &&
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].comparison_operator == "GreaterThanThreshold"
    )
    error_message = "An alarm must fire as soon as the DLQ holds a message."
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].alarm_name == "health-monitor-checks-oldest-message-age" &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].metric_name == "ApproximateAgeOfOldestMessage" &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].dimensions["QueueName"] == "health-monitor-checks" &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].threshold == 600
    )
    error_message = "An alarm must watch the age of the oldest check message."
  }
}

run "alarm_actions_and_receive_count_follow_variables" {
  variables {
    sqs_max_receive_count = 3
    alarm_actions         = ["arn:aws:sns:us-east-1:123456789012:alarms"]
  }
  assert {
    condition     = jsondecode(aws_sqs_queue.checks.redrive_policy).maxReceiveCount == 3
    error_message = "maxReceiveCount follows sqs_max_receive_count."
  }
  assert {
    condition = alltrue([
      for a in aws_cloudwatch_metric_alarm.this :
      contains(a.alarm_actions, "arn:aws:sns:us-east-1:123456789012:alarms") && contains(a.ok_actions, "arn:aws:sns:us-east-1:123456789012:alarms") && length(a.alarm_actions) == 2
    ])
    error_message = "Every alarm also notifies the extra alarm_actions, besides its tier topic, on alarm and on recovery."
  }
}

run "iam_is_least_privilege" {
  assert {
    condition     = length(distinct(concat([for r in aws_iam_role.execution : r.name], [for r in aws_iam_role.task : r.name]))) == 8
    error_message = "Each of the four apps needs its own execution and task role."
  }
  assert {
    condition = (
      length(jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement) == 3 &&
      toset(jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement[1].Action) == toset(["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]) &&
      jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement[1].Resource == aws_sqs_queue.checks.arn
    )
    error_message = "The scheduler may only send to (and look up) its queue."
  }
  assert {
    condition = (
      length(jsondecode(aws_iam_role_policy.task["worker"].policy).Statement) == 3 &&
      toset(jsondecode(aws_iam_role_policy.task["worker"].policy).Statement[1].Action) == toset(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]) &&
      jsondecode(aws_iam_role_policy.task["worker"].policy).Statement[1].Resource == aws_sqs_queue.checks.arn
    )
    error_message = "The worker may only receive, delete and change visibility on its queue."
  }
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker", "db-migrations"] :
      jsondecode(aws_iam_role_policy.task[name].policy).Statement[0].Action == "secretsmanager:GetSecretValue" &&
      jsondecode(aws_iam_role_policy.task[name].policy).Statement[0].Resource == (name == "db-migrations" ? aws_db_instance.this.master_user_secret[0].secret_arn : aws_secretsmanager_secret.db_role[name].arn)
    ]) && length(jsondecode(aws_iam_role_policy.task["api"].policy).Statement) == 2 && length(jsondecode(aws_iam_role_policy.task["db-migrations"].policy).Statement) == 1
    error_message = "Each service's task role reads exactly its database role's secret, the migration's the master secret (rotation); beyond that the api only publishes metrics and db-migrations needs nothing."
  }
  assert {
    condition = alltrue(flatten([
      for name, p in aws_iam_role_policy.execution : [
        for s in jsondecode(p.policy).Statement : s.Action == "ecr:GetAuthorizationToken" || !contains(flatten([s.Resource]), "*")
      ]
    ]))
    error_message = "Only ecr:GetAuthorizationToken (which has no resource scoping) may use Resource \"*\"."
  }
  assert {
    condition = alltrue(flatten([
      for p in concat(values(aws_iam_role_policy.execution), values(aws_iam_role_policy.task)) : [
        for s in jsondecode(p.policy).Statement : alltrue([for a in flatten([s.Action]) : !endswith(a, "*")])
      ]
    ]))
    error_message = "No wildcard actions."
  }
  assert {
    condition = alltrue([
      for name, p in aws_iam_role_policy.execution :
      toset(one([for s in jsondecode(p.policy).Statement : s.Resource if s.Sid == "ReadSecrets"])) == toset(
        name == "db-migrations" ? concat(["arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0000-AbCdEf"], [for r in aws_secretsmanager_secret.db_role : r.arn]) :
        concat([aws_secretsmanager_secret.db_role[name].arn], name == "api" ? [var.api_keys_secret_arn] : [])
      )
    ])
    error_message = "A service's execution role reads exactly its database role's secret (the api's also its API keys); the migration's the master secret and the roles' passwords it sets."
  }
  assert {
    condition     = alltrue([for p in aws_iam_role_policy.execution : !strcontains(p.policy, "kms:")])
    error_message = "No KMS permission without a customer-managed key."
  }
}

run "api_keys_secret_and_cmk" {
  variables {
    api_keys_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:health-monitor/api-keys-AbCdEf"
    kms_key_arn         = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  }
  assert {
    condition     = toset(one([for s in jsondecode(aws_iam_role_policy.execution["api"].policy).Statement : s.Resource if s.Sid == "ReadSecrets"])) == toset([aws_secretsmanager_secret.db_role["api"].arn, var.api_keys_secret_arn])
    error_message = "The api execution role may also read the API keys secret."
  }
  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.execution["worker"].policy).Statement : s.Resource if s.Sid == "ReadSecrets"]) == [aws_secretsmanager_secret.db_role["worker"].arn]
    error_message = "Other execution roles may not read the API keys secret."
  }
  assert {
    condition     = alltrue([for p in aws_iam_role_policy.execution : one([for s in jsondecode(p.policy).Statement : s.Resource if s.Sid == "DecryptSecrets"]) == var.kms_key_arn])
    error_message = "With a CMK, execution roles may kms:Decrypt with exactly that key."
  }
  assert {
    condition     = contains(jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].secrets, { name = "API_KEYS", valueFrom = var.api_keys_secret_arn })
    error_message = "API_KEYS is injected from Secrets Manager."
  }
  assert {
    condition     = aws_db_instance.this.kms_key_id == var.kms_key_arn && aws_db_instance.this.master_user_secret_kms_key_id == var.kms_key_arn
    error_message = "The CMK encrypts RDS storage and the master secret."
  }
}

run "the_api_task_always_gets_api_keys_from_a_secret" {
  assert {
    condition     = contains(jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].secrets, { name = "API_KEYS", valueFrom = var.api_keys_secret_arn })
    error_message = "The api task gets API_KEYS from the Secrets Manager secret, whatever else is configured."
  }
  assert {
    condition = length([
      for e in jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].environment : e
      if contains(["API_KEYS", "ALLOW_ANONYMOUS"], e.name)
    ]) == 0
    error_message = "Neither API_KEYS in plain text nor ALLOW_ANONYMOUS: the api never runs without keys."
  }
}
