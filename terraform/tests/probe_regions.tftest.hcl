mock_provider "aws" {
  source = "./tests/mocks"
}

# The probe regions' provider slots (probes.tf).
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

variables {
  api_keys_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:health-monitor/api-keys-AbCdEf"
  image_tag           = "3f2c1ab9d4e5"
  allow_plain_http    = true
}

run "without_probe_regions_nothing_is_added" {
  assert {
    condition     = length(module.probe_0) + length(module.probe_1) + length(module.probe_2) == 0 && output.probe_regions == {}
    error_message = "No probe region is deployed by default."
  }
  assert {
    condition     = length(aws_sqs_queue.results) + length(aws_sqs_queue.results_dlq) == 0 && output.results_queue_url == null
    error_message = "Without probe regions there is no results queue."
  }
  assert {
    condition = alltrue([
      for name in ["scheduler", "worker"] : length([
        for e in jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment : e
        if contains(["LOCATION_QUEUES", "RESULTS_QUEUE_URL", "WORKER_MODE", "WORKER_LOCATION"], e.name)
      ]) == 0
    ])
    error_message = "Without probe regions the scheduler gets no LOCATION_QUEUES and the worker no RESULTS_QUEUE_URL: one location, as before."
  }
  assert {
    condition = (
      [for s in jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement : s.Sid] == ["ReadDatabaseSecret", "SendChecks", "PublishMetrics"] &&
      [for s in jsondecode(aws_iam_role_policy.task["worker"].policy).Statement : s.Sid] == ["ReadDatabaseSecret", "ConsumeChecks", "PublishMetrics"]
    )
    error_message = "Without probe regions the scheduler and the worker keep their one-queue permissions."
  }
  assert {
    condition     = length([for key in keys(aws_cloudwatch_metric_alarm.this) : key if startswith(key, "results-")]) == 0
    error_message = "No results queue, no results queue alarms."
  }
}

run "one_probe_region" {
  variables {
    probe_regions = ["eu-west-1"]
  }

  assert {
    condition = (
      length(module.probe_0) == 1 && length(module.probe_1) + length(module.probe_2) == 0 &&
      module.probe_0[0].region == "eu-west-1" &&
      module.probe_0[0].ecs_cluster_name == "health-monitor-probe-eu-west-1" &&
      module.probe_0[0].ecs_service_name == "health-monitor-probe-eu-west-1" &&
      module.probe_0[0].log_group_name == "/ecs/health-monitor-probe-eu-west-1" &&
      keys(output.probe_regions) == ["eu-west-1"]
    )
    error_message = "One extra region: one probe, with its own cluster, service and log group named after the region."
  }
  assert {
    condition = (
      aws_sqs_queue.results[0].name == "health-monitor-results" &&
      jsondecode(aws_sqs_queue.results[0].redrive_policy).deadLetterTargetArn == aws_sqs_queue.results_dlq[0].arn &&
      aws_sqs_queue.results[0].sqs_managed_sse_enabled && aws_sqs_queue.results_dlq[0].sqs_managed_sse_enabled &&
      jsondecode(aws_sqs_queue_redrive_allow_policy.results_dlq[0].redrive_allow_policy).sourceQueueArns == [aws_sqs_queue.results[0].arn] &&
      jsondecode(aws_sqs_queue_policy.tls_only["results"].policy).Statement[0].Resource == aws_sqs_queue.results[0].arn &&
      jsondecode(aws_sqs_queue_policy.tls_only["results-dlq"].policy).Statement[0].Resource == aws_sqs_queue.results_dlq[0].arn &&
      output.results_queue_url == aws_sqs_queue.results[0].url
    )
    error_message = "The home region gets an encrypted, TLS-only results queue with its own dead-letter queue."
  }
  assert {
    condition = (
      module.probe_0[0].container_definition.image == "${aws_ecr_repository.this["worker"].repository_url}:3f2c1ab9d4e5" &&
      { for e in module.probe_0[0].container_definition.environment : e.name => e.value if contains(["WORKER_MODE", "WORKER_LOCATION", "SQS_QUEUE_URL", "RESULTS_QUEUE_URL", "AWS_REGION"], e.name) } == {
        WORKER_MODE       = "probe"
        WORKER_LOCATION   = "eu-west-1"
        SQS_QUEUE_URL     = module.probe_0[0].check_queue_url
        RESULTS_QUEUE_URL = aws_sqs_queue.results[0].url
        AWS_REGION        = "eu-west-1"
      }
    )
    error_message = "The probe runs the worker image in probe mode, named after its region, reading its region's queue and sending to the home results queue."
  }
  assert {
    condition = (
      length([for e in module.probe_0[0].container_definition.environment : e if startswith(e.name, "DATABASE_") || e.name == "METRICS_CLOUDWATCH_NAMESPACE"]) == 0 &&
      length(try(module.probe_0[0].container_definition.secrets, [])) == 0
    )
    error_message = "A probe gets no database settings, no secrets and no metrics namespace (its role may not publish metrics)."
  }
  assert {
    condition = (
      length(jsondecode(module.probe_0[0].iam_policies.task).Statement) == 2 &&
      jsondecode(module.probe_0[0].iam_policies.task).Statement[0].Sid == "ConsumeChecks" &&
      toset(jsondecode(module.probe_0[0].iam_policies.task).Statement[0].Action) == toset(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]) &&
      jsondecode(module.probe_0[0].iam_policies.task).Statement[0].Resource == module.probe_0[0].check_queue_arn &&
      jsondecode(module.probe_0[0].iam_policies.task).Statement[1].Sid == "SendResults" &&
      toset(jsondecode(module.probe_0[0].iam_policies.task).Statement[1].Action) == toset(["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]) &&
      jsondecode(module.probe_0[0].iam_policies.task).Statement[1].Resource == aws_sqs_queue.results[0].arn
    )
    error_message = "The probe's task role may consume its own check queue and send to the home results queue, nothing else."
  }
  assert {
    condition = alltrue(flatten([
      for policy in values(module.probe_0[0].iam_policies) : [
        for s in jsondecode(policy).Statement : [
          for a in flatten([s.Action]) : startswith(a, "sqs:") || startswith(a, "ecr:") || startswith(a, "logs:")
        ]
      ]
    ]))
    error_message = "No database access from a probe region: no secretsmanager, rds-db, kms or any action beyond its queues, the image pull and its logs."
  }
  assert {
    condition = (
      one([for s in jsondecode(module.probe_0[0].iam_policies.execution).Statement : s.Resource if s.Sid == "EcrPull"]) == aws_ecr_repository.this["worker"].arn &&
      one([for s in jsondecode(module.probe_0[0].iam_policies.execution).Statement : s.Resource if s.Sid == "Logs"]) != null
    )
    error_message = "The probe's execution role pulls only the worker image (from the home region's repository)."
  }
  assert {
    condition = (
      { for e in jsondecode(aws_ecs_task_definition.this["scheduler"].container_definitions)[0].environment : e.name => e.value }["LOCATION_QUEUES"] == "eu-west-1=${module.probe_0[0].check_queue_url}" &&
      { for e in jsondecode(aws_ecs_task_definition.this["worker"].container_definitions)[0].environment : e.name => e.value }["RESULTS_QUEUE_URL"] == aws_sqs_queue.results[0].url
    )
    error_message = "The scheduler gets LOCATION_QUEUES with the probe's queue; the home worker reads the results queue."
  }
  assert {
    condition = (
      [for s in jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement : s.Sid] == ["ReadDatabaseSecret", "SendChecks", "SendChecksToProbeRegions", "PublishMetrics"] &&
      one([for s in jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement : s if s.Sid == "SendChecksToProbeRegions"]).Resource == [module.probe_0[0].check_queue_arn] &&
      toset(one([for s in jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement : s if s.Sid == "SendChecksToProbeRegions"]).Action) == toset(["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"])
    )
    error_message = "The scheduler may also send to the probe region's check queue, and only send."
  }
  assert {
    condition = (
      [for s in jsondecode(aws_iam_role_policy.task["worker"].policy).Statement : s.Sid] == ["ReadDatabaseSecret", "ConsumeChecks", "ConsumeResults", "PublishMetrics"] &&
      one([for s in jsondecode(aws_iam_role_policy.task["worker"].policy).Statement : s if s.Sid == "ConsumeResults"]).Resource == aws_sqs_queue.results[0].arn &&
      !contains(one([for s in jsondecode(aws_iam_role_policy.task["worker"].policy).Statement : s if s.Sid == "ConsumeResults"]).Action, "sqs:SendMessage")
    )
    error_message = "The home worker may consume the results queue (the recorder), not send to it."
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["results-dlq-not-empty"].dimensions["QueueName"] == "health-monitor-results-dlq" &&
      aws_cloudwatch_metric_alarm.this["results-dlq-not-empty"].threshold == 0 &&
      aws_cloudwatch_metric_alarm.this["results-oldest-message-age"].dimensions["QueueName"] == "health-monitor-results" &&
      aws_cloudwatch_metric_alarm.this["results-oldest-message-age"].metric_name == "ApproximateAgeOfOldestMessage" &&
      aws_cloudwatch_metric_alarm.this["results-oldest-message-age"].threshold == 600
    )
    error_message = "The results queue has the check queue's alarms: dead letters and the age of the oldest result."
  }
}

run "two_probe_regions" {
  variables {
    probe_regions = ["eu-west-1", "ap-southeast-1"]
  }

  assert {
    condition = (
      length(module.probe_0) == 1 && length(module.probe_1) == 1 && length(module.probe_2) == 0 &&
      module.probe_0[0].region == "eu-west-1" && module.probe_1[0].region == "ap-southeast-1" &&
      module.probe_0[0].check_queue_arn != module.probe_1[0].check_queue_arn &&
      toset(keys(output.probe_regions)) == toset(["eu-west-1", "ap-southeast-1"])
    )
    error_message = "Two extra regions: two probes, each with its own check queue; the first keeps its slot."
  }
  assert {
    condition = (
      { for e in jsondecode(aws_ecs_task_definition.this["scheduler"].container_definitions)[0].environment : e.name => e.value }["LOCATION_QUEUES"] ==
      "eu-west-1=${module.probe_0[0].check_queue_url},ap-southeast-1=${module.probe_1[0].check_queue_url}"
    )
    error_message = "LOCATION_QUEUES names every probe region's queue, in the order of probe_regions."
  }
  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.task["scheduler"].policy).Statement : s if s.Sid == "SendChecksToProbeRegions"]).Resource == [module.probe_0[0].check_queue_arn, module.probe_1[0].check_queue_arn]
    error_message = "The scheduler may send to exactly the probe regions' check queues."
  }
  assert {
    condition = alltrue([
      for probe in [module.probe_0[0], module.probe_1[0]] :
      { for e in probe.container_definition.environment : e.name => e.value if contains(["WORKER_MODE", "WORKER_LOCATION", "SQS_QUEUE_URL", "RESULTS_QUEUE_URL"], e.name) } == {
        WORKER_MODE       = "probe"
        WORKER_LOCATION   = probe.region
        SQS_QUEUE_URL     = probe.check_queue_url
        RESULTS_QUEUE_URL = aws_sqs_queue.results[0].url
      }
    ])
    error_message = "Each probe is named after its region, reads its own queue and sends to the one home results queue."
  }
  assert {
    condition = alltrue([
      for probe in [module.probe_0[0], module.probe_1[0]] :
      [for s in jsondecode(probe.iam_policies.task).Statement : s.Resource] == [probe.check_queue_arn, aws_sqs_queue.results[0].arn]
    ])
    error_message = "Each probe's task role reaches its own check queue (not the other region's) and the results queue."
  }
  assert {
    condition     = length(aws_sqs_queue.results) == 1
    error_message = "One results queue for all probe regions."
  }
}

run "a_region_cannot_move_to_another_slot" {
  command = plan

  # eu-west-1's probe runs in slot 0 (its roles' path); dropping eu-west-1 would move ap-southeast-1 there.
  override_data {
    target = data.aws_iam_roles.probe_slot[0]
    values = { names = ["health-monitor-probe-eu-west-1-execution", "health-monitor-probe-eu-west-1-task"] }
  }
  override_data {
    target = data.aws_iam_roles.probe_slot[1]
    values = { names = ["health-monitor-probe-ap-southeast-1-execution", "health-monitor-probe-ap-southeast-1-task"] }
  }
  variables {
    probe_regions = ["ap-southeast-1"]
  }

  expect_failures = [data.aws_iam_roles.probe_slot]
}

run "appending_a_region_keeps_the_others" {
  override_data {
    target = data.aws_iam_roles.probe_slot[0]
    values = { names = ["health-monitor-probe-eu-west-1-execution", "health-monitor-probe-eu-west-1-task"] }
  }
  override_data {
    target = data.aws_iam_roles.probe_slot[1]
    values = { names = ["health-monitor-probe-ap-southeast-1-execution", "health-monitor-probe-ap-southeast-1-task"] }
  }
  variables {
    probe_regions = ["eu-west-1", "ap-southeast-1", "us-west-2"]
  }

  assert {
    condition = (
      module.probe_2[0].region == "us-west-2" &&
      endswith({ for e in jsondecode(aws_ecs_task_definition.this["scheduler"].container_definitions)[0].environment : e.name => e.value }["LOCATION_QUEUES"], ",us-west-2=${module.probe_2[0].check_queue_url}")
    )
    error_message = "A third region gets the third slot; the scheduler sends to it too."
  }
}

run "removing_the_last_region_keeps_its_slot_in_that_region" {
  command = plan

  override_data {
    target = data.aws_iam_roles.probe_slot[0]
    values = { names = ["health-monitor-probe-eu-west-1-execution", "health-monitor-probe-eu-west-1-task"] }
  }
  override_data {
    target = data.aws_iam_roles.probe_slot[2]
    values = { names = ["health-monitor-probe-us-west-2-execution", "health-monitor-probe-us-west-2-task"] }
  }
  variables {
    probe_regions = ["eu-west-1", "ap-southeast-1"]
  }

  assert {
    condition     = length(module.probe_2) == 0 && local.probe_slot_regions == ["eu-west-1", "ap-southeast-1", "us-west-2"]
    error_message = "The removed region's probe is destroyed through a provider still in that region, not the home region's."
  }
}

run "an_empty_slot_points_at_the_home_region" {
  command = plan

  variables {
    probe_regions = ["eu-west-1"]
  }

  assert {
    condition     = local.probe_slot_regions == ["eu-west-1", "us-east-1", "us-east-1"]
    error_message = "Slots without a region, deployed or wanted, use the home region: no extra credentials or opt-in."
  }
}

run "the_home_region_is_not_a_probe_region" {
  command = plan
  variables {
    probe_regions = ["us-east-1"]
  }
  expect_failures = [var.probe_regions]
}

run "a_region_is_listed_once" {
  command = plan
  variables {
    probe_regions = ["eu-west-1", "eu-west-1"]
  }
  expect_failures = [var.probe_regions]
}

run "at_most_three_probe_regions" {
  command = plan
  variables {
    probe_regions = ["eu-west-1", "ap-southeast-1", "us-west-2", "sa-east-1"]
  }
  expect_failures = [var.probe_regions]
}

run "probe_regions_are_region_names" {
  command = plan
  variables {
    probe_regions = ["Frankfurt"]
  }
  expect_failures = [var.probe_regions]
}
