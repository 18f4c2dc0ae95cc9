resource "aws_ecs_cluster" "this" {
  name = "${var.name_prefix}-cluster"

  # Container Insights also publishes RunningTaskCount, which the worker
  # autoscaling policy divides the queue backlog by.
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "app" {
  for_each = local.apps

  name              = "/ecs/${var.name_prefix}-${each.key}"
  retention_in_days = var.log_retention_days
}

locals {
  task_subnet_ids = local.use_nat ? aws_subnet.private[*].id : aws_subnet.public[*].id

  container_definitions = {
    for name, app in local.apps : name => [merge(
      {
        name      = name
        image     = "${aws_ecr_repository.this[name].repository_url}:${var.image_tag}"
        essential = true

        environment = [
          for k, v in merge(
            local.common_environment,
            local.db_environment[name],
            app.port == null ? {} : { SERVER_PORT = tostring(app.port) },
            app.service ? local.service_environment : {},
            name == "worker" && var.log_check_results ? local.check_result_log_environment : {},
            # Probe regions (probes.tf): the scheduler also sends each check to the queues of the locations its
            # monitor lists; the worker also records the results the probes send to the results queue.
            name == "scheduler" && local.probes_enabled ? { LOCATION_QUEUES = local.location_queues } : {},
            name == "worker" && local.probes_enabled ? { RESULTS_QUEUE_URL = aws_sqs_queue.results[0].url } : {},
            # Behind the ALB the client address comes from X-Forwarded-For (trusted from private addresses only),
            # so that rate limits without API keys apply per client, not to the load balancer.
            name == "api" ? {
              METRICS_PER_MONITOR             = tostring(var.metrics_per_monitor)
              SERVER_FORWARD_HEADERS_STRATEGY = "native"
            } : {},
          ) : { name = k, value = v }
        ]

        # Credentials come from Secrets Manager at task start, never from plain env
        # (none for a service with IAM authentication: one credential path per mode).
        secrets = concat(
          [for arn in compact([local.app_db_secret_arn[name]]) : { name = "DATABASE_USERNAME", valueFrom = "${arn}:username::" }],
          [for arn in compact([local.app_db_secret_arn[name]]) : { name = "DATABASE_PASSWORD", valueFrom = "${arn}:password::" }],
          # The migration task sets the service roles' passwords from their secrets.
          name == "db-migrations" ? [
            for service in keys(local.db_role_secrets) :
            { name = "DATABASE_${upper(service)}_PASSWORD", valueFrom = "${aws_secretsmanager_secret.db_role[service].arn}:password::" }
          ] : [],
          # Always: the given keys or the generated admin key (secrets.tf); the api refuses to start without keys.
          name == "api" ? [{ name = "API_KEYS", valueFrom = local.api_keys_secret }] : [],
        )

        portMappings = app.port == null ? [] : [{ containerPort = app.port, protocol = "tcp" }]

        logConfiguration = {
          logDriver = "awslogs"
          options = {
            awslogs-group         = aws_cloudwatch_log_group.app[name].name
            awslogs-region        = var.aws_region
            awslogs-stream-prefix = name
          }
        }
      },
      app.health_path == null ? {} : {
        healthCheck = {
          command     = ["CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:${app.port}${app.health_path} || exit 1"]
          interval    = 30
          timeout     = 5
          retries     = 3
          startPeriod = 120
        }
      },
    )]
  }
}

resource "aws_ecs_task_definition" "this" {
  for_each = local.apps

  family                   = "${var.name_prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = aws_iam_role.execution[each.key].arn
  task_role_arn            = aws_iam_role.task[each.key].arn
  container_definitions    = jsonencode(local.container_definitions[each.key])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }
}

# api and scheduler: fixed task counts from variables.
resource "aws_ecs_service" "this" {
  for_each = {
    api       = var.api_desired_count
    scheduler = var.scheduler_desired_count
  }

  name                    = "${var.name_prefix}-${each.key}"
  cluster                 = aws_ecs_cluster.this.id
  task_definition         = aws_ecs_task_definition.this[each.key].arn
  desired_count           = each.value
  launch_type             = "FARGATE"
  platform_version        = "LATEST"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  # The scheduler must never run twice during a deployment.
  deployment_minimum_healthy_percent = each.key == "scheduler" ? 0 : 100
  deployment_maximum_percent         = each.key == "scheduler" ? 100 : 200

  health_check_grace_period_seconds = each.key == "api" ? 120 : null

  network_configuration {
    subnets          = local.task_subnet_ids
    security_groups  = [aws_security_group.ecs_tasks.id]
    assign_public_ip = var.tasks_in_public_subnets
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  dynamic "load_balancer" {
    for_each = each.key == "api" ? [1] : []
    content {
      target_group_arn = aws_lb_target_group.api.arn
      container_name   = "api"
      container_port   = var.api_container_port
    }
  }

  depends_on = [aws_lb_listener.http, aws_lb_listener.https]
}

# worker: task count owned by Application Auto Scaling (see autoscaling.tf).
resource "aws_ecs_service" "worker" {
  name                    = "${var.name_prefix}-worker"
  cluster                 = aws_ecs_cluster.this.id
  task_definition         = aws_ecs_task_definition.this["worker"].arn
  desired_count           = var.worker_min_count
  launch_type             = "FARGATE"
  platform_version        = "LATEST"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  network_configuration {
    subnets          = aws_subnet.worker[*].id # kept out of the VPC by their network ACL (network.tf)
    security_groups  = [aws_security_group.worker.id]
    assign_public_ip = var.tasks_in_public_subnets
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
}
