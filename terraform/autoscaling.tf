resource "aws_appautoscaling_target" "worker" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.worker.name}"
  min_capacity       = var.worker_min_count
  max_capacity       = var.worker_max_count
}

# Backlog per task = visible messages / running worker tasks, tracked at
# worker_messages_per_task (the AWS-recommended metric-math form for SQS workers).
resource "aws_appautoscaling_policy" "worker_backlog" {
  name               = "${var.name_prefix}-worker-sqs-backlog-per-task"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.worker.service_namespace
  scalable_dimension = aws_appautoscaling_target.worker.scalable_dimension
  resource_id        = aws_appautoscaling_target.worker.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.worker_messages_per_task
    scale_in_cooldown  = var.worker_scale_in_cooldown
    scale_out_cooldown = var.worker_scale_out_cooldown

    customized_metric_specification {
      metrics {
        id          = "m1"
        label       = "Messages waiting in ${local.queue_name}"
        return_data = false
        metric_stat {
          stat = "Sum"
          metric {
            namespace   = "AWS/SQS"
            metric_name = "ApproximateNumberOfMessagesVisible"
            dimensions {
              name  = "QueueName"
              value = aws_sqs_queue.checks.name
            }
          }
        }
      }

      metrics {
        id          = "m2"
        label       = "Running worker tasks"
        return_data = false
        metric_stat {
          stat = "Average"
          metric {
            namespace   = "ECS/ContainerInsights"
            metric_name = "RunningTaskCount"
            dimensions {
              name  = "ClusterName"
              value = aws_ecs_cluster.this.name
            }
            dimensions {
              name  = "ServiceName"
              value = aws_ecs_service.worker.name
            }
          }
        }
      }

      metrics {
        id          = "e1"
        label       = "Backlog per worker task"
        expression  = "m1 / m2"
        return_data = true
      }
    }
  }
}
