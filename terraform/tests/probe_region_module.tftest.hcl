# modules/probe-region on its own: what one probe region consists of (tests/probe_regions.tftest.hcl tests the
# wiring to the home stack).
mock_provider "aws" {
  source = "./tests/mocks"
}

run "a_probe_region" {
  module {
    source = "./modules/probe-region"
  }

  override_resource {
    target = aws_sns_topic.alarms["warning"]
    values = { arn = "arn:aws:sns:eu-west-1:123456789012:health-monitor-probe-eu-west-1-alarms-warning" }
  }

  override_resource {
    target = aws_sns_topic.alarms["critical"]
    values = { arn = "arn:aws:sns:eu-west-1:123456789012:health-monitor-probe-eu-west-1-alarms-critical" }
  }

  variables {
    region = "eu-west-1"
    slot   = 1
    home = {
      name_prefix                  = "health-monitor"
      account_id                   = "123456789012"
      partition                    = "aws"
      image                        = "123456789012.dkr.ecr.us-east-1.amazonaws.com/health-monitor-worker:3f2c1ab9d4e5"
      ecr_repository_arn           = "arn:aws:ecr:us-east-1:123456789012:repository/health-monitor-worker"
      results_queue_url            = "https://sqs.us-east-1.amazonaws.com/123456789012/health-monitor-results"
      results_queue_arn            = "arn:aws:sqs:us-east-1:123456789012:health-monitor-results"
      environment                  = { LOG_FORMAT = "json" }
      cpu                          = 512
      memory                       = 1024
      cpu_architecture             = "ARM64"
      desired_count                = 2
      vpc_cidr                     = "10.0.0.0/16"
      log_retention_days           = 14
      sqs_max_receive_count        = 5
      oldest_message_alarm_seconds = 600
      warning_alarm_emails         = ["ops@example.com"]
      critical_alarm_emails        = ["oncall@example.com"]
      alarm_https_endpoint         = "https://chat-relay.example.com/sns"
    }
  }

  assert {
    condition = (
      aws_sqs_queue.checks.name == "health-monitor-checks-eu-west-1" && aws_sqs_queue.dlq.name == "health-monitor-checks-eu-west-1-dlq" &&
      aws_sqs_queue.checks.sqs_managed_sse_enabled && aws_sqs_queue.dlq.sqs_managed_sse_enabled &&
      aws_sqs_queue.checks.visibility_timeout_seconds == 300 && aws_sqs_queue.checks.receive_wait_time_seconds == 20 &&
      jsondecode(aws_sqs_queue.checks.redrive_policy) == { deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 5 } &&
      jsondecode(aws_sqs_queue_redrive_allow_policy.dlq.redrive_allow_policy).sourceQueueArns == [aws_sqs_queue.checks.arn] &&
      alltrue([for p in aws_sqs_queue_policy.tls_only : jsondecode(p.policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false"])
    )
    error_message = "The region's check queue: encrypted, TLS only, long polling, the home queue's timings and a dead-letter queue."
  }
  assert {
    condition = (
      aws_ecs_service.probe.cluster == aws_ecs_cluster.this.id &&
      aws_ecs_service.probe.desired_count == 2 &&
      aws_ecs_service.probe.launch_type == "FARGATE" &&
      aws_ecs_task_definition.probe.cpu == "512" && aws_ecs_task_definition.probe.memory == "1024" &&
      aws_ecs_task_definition.probe.runtime_platform[0].cpu_architecture == "ARM64" &&
      aws_ecs_task_definition.probe.task_role_arn == aws_iam_role.task.arn &&
      aws_ecs_task_definition.probe.execution_role_arn == aws_iam_role.execution.arn
    )
    error_message = "A Fargate service of the probe's own cluster, sized like a worker."
  }
  assert {
    condition = (
      aws_iam_role.task.name == "health-monitor-probe-eu-west-1-task" && aws_iam_role.execution.name == "health-monitor-probe-eu-west-1-execution" &&
      aws_iam_role.task.path == "/health-monitor/probe-slot-1/" && aws_iam_role.execution.path == "/health-monitor/probe-slot-1/" &&
      jsondecode(aws_iam_role.task.assume_role_policy).Statement[0].Condition.ArnLike["aws:SourceArn"] == "arn:aws:ecs:eu-west-1:123456789012:*"
    )
    error_message = "IAM is global: the probe's roles carry the region in their names and the slot in their path (read back by probes.tf), and only ECS tasks of that region assume them."
  }
  assert {
    condition = (
      one(aws_ecs_service.probe.network_configuration).assign_public_ip &&
      toset(one(aws_ecs_service.probe.network_configuration).subnets) == toset(aws_subnet.public[*].id) &&
      toset(one(aws_ecs_service.probe.network_configuration).security_groups) == toset([aws_security_group.probe.id]) &&
      alltrue([for s in aws_subnet.public : s.vpc_id == aws_vpc.this.id]) &&
      aws_security_group.probe.vpc_id == aws_vpc.this.id &&
      aws_route.public_internet.gateway_id == aws_internet_gateway.this.id &&
      aws_vpc_security_group_egress_rule.probe_checks.security_group_id == aws_security_group.probe.id
    )
    error_message = "The probe runs in a VPC of its own with public IPs and an internet gateway: no NAT, no path to the home VPC or its database."
  }
  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.probe.container_definitions)[0].logConfiguration.options == {
        awslogs-group         = aws_cloudwatch_log_group.probe.name
        awslogs-region        = "eu-west-1"
        awslogs-stream-prefix = "worker"
      } &&
      aws_cloudwatch_log_group.probe.name == "/ecs/health-monitor-probe-eu-west-1" && aws_cloudwatch_log_group.probe.retention_in_days == 14
    )
    error_message = "The probe logs to a log group of its region."
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].dimensions["QueueName"] == "health-monitor-checks-eu-west-1-dlq" &&
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].threshold == 0 &&
      aws_cloudwatch_metric_alarm.this["checks-dlq-not-empty"].alarm_actions == toset([aws_sns_topic.alarms["warning"].arn]) &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].dimensions["QueueName"] == "health-monitor-checks-eu-west-1" &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].metric_name == "ApproximateAgeOfOldestMessage" &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].threshold == 600 &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].alarm_actions == toset([aws_sns_topic.alarms["critical"].arn]) &&
      aws_cloudwatch_metric_alarm.this["checks-oldest-message-age"].ok_actions == toset([aws_sns_topic.alarms["critical"].arn])
    )
    error_message = "The region's queue alarms: dead letters (warning) and the age of the oldest check (critical), on the region's own topics."
  }
  assert {
    condition = (
      alltrue([for t in aws_sns_topic.alarms : t.kms_master_key_id == aws_kms_key.alarms.arn]) &&
      aws_kms_key.alarms.enable_key_rotation &&
      toset([for s in aws_sns_topic_subscription.email : "${s.topic_arn} ${s.endpoint}"]) == toset([
        "${aws_sns_topic.alarms["warning"].arn} ops@example.com",
        "${aws_sns_topic.alarms["critical"].arn} oncall@example.com",
      ]) &&
      length(aws_sns_topic_subscription.https) == 2
    )
    error_message = "The region's tier topics are encrypted and have the home stack's subscribers."
  }
}
