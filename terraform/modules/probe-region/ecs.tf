resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_cloudwatch_log_group" "probe" {
  name              = "/ecs/${local.name}"
  retention_in_days = var.home.log_retention_days
}

locals {
  container_environment = merge(
    var.home.environment,
    {
      AWS_REGION        = var.region
      SERVER_PORT       = "8082"
      WORKER_MODE       = "probe"
      WORKER_LOCATION   = var.region
      SQS_QUEUE_URL     = aws_sqs_queue.checks.url
      RESULTS_QUEUE_URL = var.home.results_queue_url
    },
  )
}

resource "aws_ecs_task_definition" "probe" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.home.cpu
  memory                   = var.home.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  # No secrets: a probe has no credentials besides its task role.
  container_definitions = jsonencode([{
    name         = "worker"
    image        = var.home.image
    essential    = true
    environment  = [for k, v in local.container_environment : { name = k, value = v }]
    portMappings = [{ containerPort = 8082, protocol = "tcp" }]

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.probe.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "worker"
      }
    }

    healthCheck = {
      command     = ["CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:8082/actuator/health || exit 1"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 120
    }
  }])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.home.cpu_architecture
  }
}

resource "aws_ecs_service" "probe" {
  name                    = local.name
  cluster                 = aws_ecs_cluster.this.id
  task_definition         = aws_ecs_task_definition.probe.arn
  desired_count           = var.home.desired_count
  launch_type             = "FARGATE"
  platform_version        = "LATEST"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  network_configuration {
    subnets          = aws_subnet.public[*].id
    security_groups  = [aws_security_group.probe.id]
    assign_public_ip = true
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}
