output "region" {
  description = "The probe's region, also its location name."
  value       = var.region
}

output "check_queue_url" {
  description = "URL of this region's check queue (the scheduler's LOCATION_QUEUES entry)."
  value       = aws_sqs_queue.checks.url
}

output "check_queue_arn" {
  description = "ARN of this region's check queue (the scheduler may send to it)."
  value       = aws_sqs_queue.checks.arn
}

output "ecs_cluster_name" {
  description = "The probe's ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "ecs_service_name" {
  description = "The probe's ECS service."
  value       = aws_ecs_service.probe.name
}

output "log_group_name" {
  description = "The probe's log group."
  value       = aws_cloudwatch_log_group.probe.name
}

output "alarm_topic_arns" {
  description = "The region's alarm topics by tier."
  value       = { for tier, topic in aws_sns_topic.alarms : tier => topic.arn }
}

# What the probe runs with, for the tests and for a look at a deployed probe without the console.
output "container_definition" {
  description = "The probe container's definition: image, environment (no secrets, no database settings), logging."
  value       = jsondecode(aws_ecs_task_definition.probe.container_definitions)[0]
}

output "iam_policies" {
  description = "The probe's IAM policies (JSON) by role: task (its queues) and execution (image pull, logs)."
  value = {
    task      = aws_iam_role_policy.task.policy
    execution = aws_iam_role_policy.execution.policy
  }
}
