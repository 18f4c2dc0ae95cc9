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

  # TLS to RDS with the server's certificate verified against the RDS CA bundle in the images
  # (docker/rds-ca/, copied by docker/Dockerfile) and its name checked against the endpoint.
  rds_ca_bundle_path = "/etc/health-monitor/rds-ca-bundle.pem"
  database_url       = "postgresql://${aws_db_instance.this.address}:${aws_db_instance.this.port}/${var.db_name}?sslmode=verify-full&sslrootcert=${local.rds_ca_bundle_path}"

  # Environment shared by every container. No credentials here (see db_environment).
  common_environment = {
    DATABASE_URL       = local.database_url
    SQS_QUEUE_URL      = aws_sqs_queue.checks.url
    AWS_REGION         = var.aws_region
    FAIL_THRESHOLD     = tostring(var.fail_threshold)
    SUCCESS_THRESHOLD  = tostring(var.success_threshold)
    MIN_CHECK_INTERVAL = tostring(var.min_check_interval)
  }

  # How each app logs in to PostgreSQL. Each service as its own role (secrets.tf): with database_iam_auth by
  # signing a short-lived token with its task role, so the role name is all it needs; otherwise with the
  # password in its role's secret, re-read when refused. The migration task as the master user (the RDS-managed
  # secret, in both modes): it owns the schema and creates and grants the service roles (DATABASE_SERVICE_ROLES).
  db_environment = {
    for name, app in local.apps : name => merge(
      name == "db-migrations" ? merge(
        {
          DATABASE_SECRET_ARN             = local.db_secret_arn # not a secret: where the password is read
          DATABASE_SERVICE_ROLES          = "true"
          DATABASE_SERVICE_ROLES_IAM_AUTH = tostring(var.database_iam_auth)
        },
        { for service, role in local.db_roles : "DATABASE_${upper(service)}_ROLE" => role },
      ) : {},
      app.service && var.database_iam_auth ? {
        DATABASE_IAM_AUTH = "true"
        DATABASE_USERNAME = local.db_roles[name] # a name, not a credential: IAM signs the token
      } : {},
      app.service && !var.database_iam_auth ? {
        DATABASE_SECRET_ARN = aws_secretsmanager_secret.db_role[name].arn
      } : {},
    )
  }

  # The secret each app reads itself when its pool connects (DATABASE_SECRET_ARN), null with IAM tokens.
  app_db_secret_arn = {
    for name, app in local.apps : name => (
      name == "db-migrations" ? local.db_secret_arn : (var.database_iam_auth ? null : aws_secretsmanager_secret.db_role[name].arn)
    )
  }

  # Only the long-running services: JSON logs for Logs Insights and the metric
  # filters, and their meters in CloudWatch for the dashboard and alarms.
  service_environment = {
    LOG_FORMAT                   = "json"
    METRICS_CLOUDWATCH_NAMESPACE = var.metrics_namespace
  }
}
