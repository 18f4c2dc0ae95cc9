output "api_url" {
  description = "Base URL of the REST API (https when a certificate is configured)."
  value       = "${local.https_enabled ? "https" : "http"}://${coalesce(var.api_domain_name, aws_lb.api.dns_name)}"
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (point your domain's CNAME/alias here)."
  value       = aws_lb.api.dns_name
}

output "ecr_repositories" {
  description = "ECR repository URL of each image, keyed by app (api, scheduler, worker, db-migrations)."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}

output "sqs_queue_url" {
  description = "URL of the check queue."
  value       = aws_sqs_queue.checks.url
}

output "results_queue_url" {
  description = "URL of the results queue the probe regions send to (null without probe regions)."
  value       = local.probes_enabled ? aws_sqs_queue.results[0].url : null
}

output "probe_regions" {
  description = "Per probe region: its check queue, ECS cluster and service, log group and alarm topics."
  value = {
    for region, probe in local.probes : region => {
      check_queue_url  = probe.check_queue_url
      ecs_cluster_name = probe.ecs_cluster_name
      ecs_service_name = probe.ecs_service_name
      log_group_name   = probe.log_group_name
      alarm_topic_arns = probe.alarm_topic_arns
    }
  }
}

output "sqs_dlq_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dlq.url
}

output "ecs_cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "ecs_service_names" {
  description = "Names of the ECS services, keyed by app."
  value = merge(
    { for name, svc in aws_ecs_service.this : name => svc.name },
    { worker = aws_ecs_service.worker.name },
  )
}

output "public_subnet_ids" {
  description = "Public subnets (ALB, NAT gateways; tasks too when tasks_in_public_subnets is true)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets (RDS; ECS tasks by default)."
  value       = aws_subnet.private[*].id
}

output "task_subnet_ids" {
  description = "Subnets the ECS tasks run in; use them for the db-migrations run-task."
  value       = local.task_subnet_ids
}

output "worker_subnet_ids" {
  description = "Subnets of the worker tasks, whose network ACL denies the VPC's range except PostgreSQL in the private subnets."
  value       = aws_subnet.worker[*].id
}

output "ecs_security_group_id" {
  description = "Security group of the api, scheduler and db-migrations tasks."
  value       = aws_security_group.ecs_tasks.id
}

output "worker_security_group_id" {
  description = "Security group of the worker tasks."
  value       = aws_security_group.worker.id
}

output "db_endpoint" {
  description = "RDS endpoint (host:port); reachable only from the ECS tasks."
  value       = aws_db_instance.this.endpoint
}

output "db_master_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret holding the master user name and password (the ARN, not the password)."
  value       = local.db_secret_arn
}

output "api_keys_secret_arn" {
  description = "ARN of the Secrets Manager secret with the admin API keys (API_KEYS): the one given, or the one Terraform generated. The ARN, not the key."
  value       = local.api_keys_secret
}

output "db_roles" {
  description = "The database role of each service (created and granted by the db-migrations task)."
  value       = local.db_roles
}

output "db_role_secret_arns" {
  description = "ARN of each service's database role secret ({\"username\", \"password\"}); empty with database_iam_auth."
  value       = { for service, secret in aws_secretsmanager_secret.db_role : service => secret.arn }
}

output "db_migrations_task_definition" {
  description = "Family of the one-shot db-migrations task definition."
  value       = aws_ecs_task_definition.this["db-migrations"].family
}

output "log_groups" {
  description = "CloudWatch log group of each app."
  value       = { for name, lg in aws_cloudwatch_log_group.app : name => lg.name }
}

output "run_migrations_command" {
  description = "AWS CLI command that runs the db-migrations task once in the task subnets."
  value = join(" ", [
    "aws ecs run-task",
    "--region ${var.aws_region}",
    "--cluster ${aws_ecs_cluster.this.name}",
    "--task-definition ${aws_ecs_task_definition.this["db-migrations"].family}",
    "--launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", local.task_subnet_ids)}],securityGroups=[${aws_security_group.ecs_tasks.id}],assignPublicIp=${var.tasks_in_public_subnets ? "ENABLED" : "DISABLED"}}'",
  ])
}

output "waf_web_acl_arn" {
  description = "ARN of the WAF web ACL on the ALB (null when enable_waf is false)."
  value       = var.enable_waf ? aws_wafv2_web_acl.api[0].arn : null
}

output "alarm_names" {
  description = "Every CloudWatch alarm of the stack (see the runbook in docs/deploy.md)."
  value       = sort([for a in aws_cloudwatch_metric_alarm.this : a.alarm_name])
}

output "alarm_topic_arns" {
  description = "SNS topic of each alarm tier (warning, critical); subscribe further endpoints to them."
  value       = { for tier, topic in aws_sns_topic.alarms : tier => topic.arn }
}

output "dashboard_url" {
  description = "Console URL of the CloudWatch dashboard."
  value       = "https://console.aws.amazon.com/cloudwatch/home?region=${var.aws_region}#dashboards/dashboard/${aws_cloudwatch_dashboard.this.dashboard_name}"
}

output "alb_access_logs_bucket" {
  description = "S3 bucket holding the ALB access logs (null when alb_access_logs_enabled is false)."
  value       = var.alb_access_logs_enabled ? aws_s3_bucket.alb_logs[0].id : null
}

output "saved_queries" {
  description = "Names of the saved Logs Insights queries (CloudWatch > Logs Insights > Saved queries)."
  value       = sort([for q in aws_cloudwatch_query_definition.this : q.name])
}

output "aws_region" {
  description = "Region the stack runs in."
  value       = var.aws_region
}
