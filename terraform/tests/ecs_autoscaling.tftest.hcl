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

run "worker_autoscaling_defaults" {
  assert {
    condition     = aws_appautoscaling_target.worker.min_capacity == 1 && aws_appautoscaling_target.worker.max_capacity == 5
    error_message = "Workers scale between 1 and 5 by default."
  }
  assert {
    condition     = aws_appautoscaling_target.worker.resource_id == "service/health-monitor-cluster/health-monitor-worker" && aws_appautoscaling_target.worker.scalable_dimension == "ecs:service:DesiredCount"
    error_message = "The scalable target is the worker service's desired count."
  }
  assert {
    condition = (
      aws_appautoscaling_policy.worker_backlog.policy_type == "TargetTrackingScaling" &&
      aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].target_value == 10 &&
      aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].scale_in_cooldown == 300
    )
    error_message = "Target tracking at 10 messages per worker with a scale-in cooldown."
  }
  assert {
    condition = (
      one([for m in aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : m.expression if m.return_data]) == "m1 / m2"
    )
    error_message = "The tracked metric is the metric-math backlog per task m1 / m2."
  }
  assert {
    condition = (
      one([for m in aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : m.metric_stat[0].metric[0] if m.id == "m1"]).metric_name == "ApproximateNumberOfMessagesVisible" &&
      one([for m in aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : m.metric_stat[0].metric[0] if m.id == "m1"]).namespace == "AWS/SQS" &&
      one([for m in aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : m.metric_stat[0].metric[0] if m.id == "m2"]).metric_name == "RunningTaskCount" &&
      one([for m in aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].customized_metric_specification[0].metrics : m.metric_stat[0].metric[0] if m.id == "m2"]).namespace == "ECS/ContainerInsights"
    )
    error_message = "m1 is the visible queue depth and m2 the running worker tasks."
  }
  assert {
    condition     = contains([for s in aws_ecs_cluster.this.setting : "${s.name}=${s.value}"], "containerInsights=enabled") && output.ecs_cluster_name == "health-monitor-cluster"
    error_message = "The cluster health-monitor-cluster has Container Insights."
  }
}

run "worker_autoscaling_follows_variables" {
  variables {
    worker_min_count         = 2
    worker_max_count         = 8
    worker_messages_per_task = 20
    worker_scale_in_cooldown = 600
    api_desired_count        = 3
    api_cpu                  = 1024
    api_memory               = 2048
  }
  assert {
    condition     = aws_appautoscaling_target.worker.min_capacity == 2 && aws_appautoscaling_target.worker.max_capacity == 8
    error_message = "Bounds follow the variables."
  }
  assert {
    condition     = aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].target_value == 20 && aws_appautoscaling_policy.worker_backlog.target_tracking_scaling_policy_configuration[0].scale_in_cooldown == 600
    error_message = "Target and cooldown follow the variables."
  }
  assert {
    condition     = aws_ecs_service.this["api"].desired_count == 3 && aws_ecs_task_definition.this["api"].cpu == "1024" && aws_ecs_task_definition.this["api"].memory == "2048"
    error_message = "The API is sized by variables."
  }
}

run "task_definitions_use_secrets_not_plaintext" {
  assert {
    condition     = toset(keys(aws_ecs_task_definition.this)) == toset(["api", "scheduler", "worker", "db-migrations"]) && aws_ecs_task_definition.this["db-migrations"].family == "health-monitor-db-migrations"
    error_message = "Task definitions for the three services and the one-shot db-migrations."
  }
  assert {
    condition = alltrue([
      for name, td in aws_ecs_task_definition.this : alltrue([
        # A secret's ARN says where to read it, not what it is.
        for e in jsondecode(td.container_definitions)[0].environment : !can(regex("(?i)(password|secret|username|api_keys)", e.name)) || endswith(e.name, "_SECRET_ARN")
      ])
    ])
    error_message = "No credential may appear in the plain environment."
  }
  assert {
    condition = alltrue([
      for name, td in aws_ecs_task_definition.this :
      contains([for e in jsondecode(td.container_definitions)[0].environment : e.name], "DATABASE_SECRET_ARN")
    ])
    error_message = "Every app reads the rotating database password from the secret itself."
  }
  assert {
    condition = (
      contains(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].secrets, { name = "DATABASE_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0000-AbCdEf:password::" }) &&
      contains(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].secrets, { name = "DATABASE_USERNAME", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0000-AbCdEf:username::" })
    )
    error_message = "The migration task logs in as the master user, from the RDS-managed secret."
  }
  assert {
    condition = alltrue([
      for name in ["api", "scheduler", "worker"] :
      contains(jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].secrets, { name = "DATABASE_PASSWORD", valueFrom = "${aws_secretsmanager_secret.db_role[name].arn}:password::" }) &&
      contains(jsondecode(aws_ecs_task_definition.this[name].container_definitions)[0].environment, { name = "DATABASE_SECRET_ARN", value = aws_secretsmanager_secret.db_role[name].arn }) &&
      !strcontains(aws_ecs_task_definition.this[name].container_definitions, "rds!db")
    ])
    error_message = "Each service logs in as its own database role, from its own secret, and never sees the master secret."
  }
  assert {
    condition = alltrue([
      for name, td in aws_ecs_task_definition.this :
      one([for e in jsondecode(td.container_definitions)[0].environment : e.value if e.name == "DATABASE_URL"]) == "postgresql://health-monitor-db.abcdefghijkl.us-east-1.rds.amazonaws.com:5432/healthmonitor?sslmode=verify-full&sslrootcert=/etc/health-monitor/rds-ca-bundle.pem"
    ])
    error_message = "DATABASE_URL carries host, port and database, and TLS verified against the RDS CA bundle in the images."
  }
  assert {
    condition = alltrue([
      for name, td in aws_ecs_task_definition.this :
      one([for e in jsondecode(td.container_definitions)[0].environment : e.value if e.name == "SQS_QUEUE_URL"]) == aws_sqs_queue.checks.url
    ])
    error_message = "Every app gets the queue URL."
  }
  assert {
    condition = (
      one([for e in jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].environment : e.value if e.name == "SERVER_PORT"]) == "8080" &&
      jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].portMappings[0].containerPort == 8080 &&
      length(jsondecode(aws_ecs_task_definition.this["db-migrations"].container_definitions)[0].portMappings) == 0
    )
    error_message = "The API listens on 8080; db-migrations exposes no port."
  }
  assert {
    condition     = alltrue([for td in aws_ecs_task_definition.this : td.network_mode == "awsvpc" && td.requires_compatibilities == toset(["FARGATE"])])
    error_message = "Fargate task definitions in awsvpc mode."
  }
  assert {
    condition     = aws_ecs_service.this["api"].load_balancer != null && one(aws_ecs_service.this["api"].load_balancer).container_port == 8080 && one(aws_ecs_service.this["api"].load_balancer).container_name == "api"
    error_message = "The API service is registered in the target group on its port."
  }
  assert {
    condition     = aws_ecs_service.this["scheduler"].deployment_maximum_percent == 100
    error_message = "The scheduler never runs twice during a deployment."
  }
}

run "ecr_logs_and_outputs" {
  assert {
    condition     = alltrue([for r in aws_ecr_repository.this : r.image_scanning_configuration[0].scan_on_push]) && length(aws_ecr_lifecycle_policy.this) == 4
    error_message = "Every ECR repository scans on push and has a lifecycle policy."
  }
  assert {
    condition     = toset(keys(output.ecr_repositories)) == toset(["api", "scheduler", "worker", "db-migrations"])
    error_message = "ecr_repositories lists the four images."
  }
  assert {
    condition     = alltrue([for lg in aws_cloudwatch_log_group.app : lg.retention_in_days == 7]) && output.log_groups["db-migrations"] == "/ecs/health-monitor-db-migrations"
    error_message = "Log groups per app with 7-day retention, one for db-migrations."
  }
  assert {
    condition = (
      output.sqs_queue_url == aws_sqs_queue.checks.url &&
      output.ecs_security_group_id == aws_security_group.ecs_tasks.id &&
      length(output.public_subnet_ids) == 2 && length(output.private_subnet_ids) == 2
    )
    error_message = "The seed's outputs exist."
  }
}
