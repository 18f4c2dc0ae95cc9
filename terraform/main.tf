locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 2)

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  https_enabled = var.certificate_arn != null
  use_nat       = !var.tasks_in_public_subnets

  queue_name = "${var.name_prefix}-checks"
  dlq_name   = "${var.name_prefix}-checks-dlq"

  db_secret_arn = aws_db_instance.this.master_user_secret[0].secret_arn

  # One entry per image / task definition. "service" marks the long-running ones;
  # db-migrations is a one-shot task started with `aws ecs run-task`.
  apps = {
    api = {
      module      = "api-service"
      port        = var.api_container_port
      cpu         = var.api_cpu
      memory      = var.api_memory
      health_path = "/actuator/health/liveness"
      service     = true
    }
    scheduler = {
      module      = "scheduler-service"
      port        = 8081
      cpu         = var.scheduler_cpu
      memory      = var.scheduler_memory
      health_path = "/actuator/health"
      service     = true
    }
    worker = {
      module      = "worker-service"
      port        = 8082
      cpu         = var.worker_cpu
      memory      = var.worker_memory
      health_path = "/actuator/health"
      service     = true
    }
    db-migrations = {
      module      = "db-migrations"
      port        = null
      cpu         = var.migrations_cpu
      memory      = var.migrations_memory
      health_path = null
      service     = false
    }
  }

  # Environment shared by every container. No credentials here: with the default
  # password mode the apps read user name and password from the RDS-managed
  # secret; with database_iam_auth they sign a short-lived token with their task
  # role, so the user name is all they need.
  common_environment = merge(
    {
      DATABASE_URL       = "postgresql://${aws_db_instance.this.address}:${aws_db_instance.this.port}/${var.db_name}"
      SQS_QUEUE_URL      = aws_sqs_queue.checks.url
      AWS_REGION         = var.aws_region
      FAIL_THRESHOLD     = tostring(var.fail_threshold)
      SUCCESS_THRESHOLD  = tostring(var.success_threshold)
      MIN_CHECK_INTERVAL = tostring(var.min_check_interval)
    },
    var.database_iam_auth ? {
      DATABASE_IAM_AUTH = "true"
      DATABASE_USERNAME = var.db_username # a name, not a credential: IAM signs the token
      } : {
      DATABASE_SECRET_ARN = local.db_secret_arn # not a secret: where the apps read the rotating password
    },
  )

  # Only the long-running services: JSON logs for Logs Insights and the metric
  # filters, and their meters in CloudWatch for the dashboard and alarms.
  service_environment = {
    LOG_FORMAT                   = "json"
    METRICS_CLOUDWATCH_NAMESPACE = var.metrics_namespace
  }
}
