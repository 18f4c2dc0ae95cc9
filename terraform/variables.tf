# ---------------------------------------------------------------------------
# General
# ---------------------------------------------------------------------------

variable "aws_region" {
  type        = string
  description = "AWS region to deploy into."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like an AWS region name, e.g. us-east-1."
  }
}

variable "name_prefix" {
  type        = string
  description = "Prefix for every resource name (cluster, services, queues, repositories, log groups)."
  default     = "health-monitor"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-24 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags applied to every resource."
  default     = {}
}

# ---------------------------------------------------------------------------
# Network
# ---------------------------------------------------------------------------

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of the VPC (a /16 to /20); subnets are carved out of it, two public and two private across two AZs."
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be a valid IPv4 CIDR block between /16 and /20."
  }
}

variable "tasks_in_public_subnets" {
  type        = bool
  description = "Cost saver: run the ECS tasks in the public subnets with public IPs and create no NAT gateway. Default false: tasks run in private subnets and reach the internet through NAT."
  default     = false
}

variable "single_nat_gateway" {
  type        = bool
  description = "Create one NAT gateway shared by both AZs (cheaper) instead of one per AZ (survives an AZ outage). Ignored when tasks_in_public_subnets is true."
  default     = true
}

variable "enable_flow_logs" {
  type        = bool
  description = "Send VPC flow logs (rejected traffic) to CloudWatch Logs."
  default     = true
}

variable "alb_ingress_cidrs" {
  type        = list(string)
  description = "IPv4 CIDR blocks allowed to reach the load balancer (IP allowlisting). Default: everyone."
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.alb_ingress_cidrs) > 0 && alltrue([for c in var.alb_ingress_cidrs : can(cidrhost(c, 0))])
    error_message = "alb_ingress_cidrs must be a non-empty list of valid IPv4 CIDR blocks."
  }
}

# ---------------------------------------------------------------------------
# HTTPS, WAF
# ---------------------------------------------------------------------------

variable "certificate_arn" {
  type        = string
  description = "ARN of an ACM certificate for the load balancer: the ALB serves HTTPS on 443 and redirects HTTP to HTTPS. Required unless allow_plain_http is true."
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "certificate_arn must be null or an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)."
  }
}

variable "allow_plain_http" {
  type        = bool
  description = "Explicit opt-out for a test stack: without certificate_arn, serve the API over plain HTTP on port 80, API keys in clear text on the wire included. Ignored when certificate_arn is set."
  default     = false

  validation {
    condition     = var.allow_plain_http || var.certificate_arn != null
    error_message = "Set certificate_arn (an issued ACM certificate: the ALB then serves HTTPS and redirects HTTP), or allow_plain_http = true for a test stack: without either the API and its keys would cross the internet unencrypted."
  }
}

variable "api_domain_name" {
  type        = string
  description = "DNS name the certificate is issued for (you point it at the ALB yourself). Used only to build the api_url output; when null, the ALB's DNS name is used."
  default     = null

  validation {
    condition     = var.api_domain_name == null || can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.api_domain_name))
    error_message = "api_domain_name must be null or a lowercase DNS name such as monitor.example.com."
  }
}

variable "ssl_policy" {
  type        = string
  description = "TLS policy of the HTTPS listener."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = startswith(var.ssl_policy, "ELBSecurityPolicy-")
    error_message = "ssl_policy must be an ELB security policy name (ELBSecurityPolicy-...)."
  }
}

variable "enable_waf" {
  type        = bool
  description = "Attach an AWS WAF web ACL to the ALB with a per-IP rate limit and the AWS managed common and known-bad-inputs rule sets."
  default     = true
}

variable "waf_rate_limit" {
  type        = number
  description = "Maximum requests per client IP within waf_rate_window_seconds before WAF blocks it (the seed's 100 requests/minute)."
  default     = 100

  validation {
    condition     = var.waf_rate_limit >= 10 && var.waf_rate_limit <= 2000000000 && floor(var.waf_rate_limit) == var.waf_rate_limit
    error_message = "waf_rate_limit must be a whole number between 10 and 2000000000 (AWS WAF limits)."
  }
}

variable "waf_rate_window_seconds" {
  type        = number
  description = "Evaluation window of the WAF rate rule in seconds."
  default     = 60

  validation {
    condition     = contains([60, 120, 300, 600], var.waf_rate_window_seconds)
    error_message = "waf_rate_window_seconds must be one of 60, 120, 300 or 600."
  }
}

# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------

variable "db_name" {
  type        = string
  description = "Name of the PostgreSQL database."
  default     = "healthmonitor"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must start with a lowercase letter and contain only lowercase letters, digits and underscores (max 63)."
  }
}

variable "db_username" {
  type        = string
  description = "Master user name. Its password is generated and kept by RDS in Secrets Manager; there is deliberately no password variable."
  default     = "healthmonitor"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_username)) && !contains(["postgres", "admin", "rdsadmin"], var.db_username)
    error_message = "db_username must be a lowercase identifier and not a reserved name (postgres, admin, rdsadmin)."
  }
}

variable "db_engine_version" {
  type        = string
  description = "PostgreSQL engine version (major or major.minor) for RDS."
  default     = "17"

  validation {
    condition     = can(regex("^1[4-9](\\.[0-9]+)?$", var.db_engine_version))
    error_message = "db_engine_version must be a PostgreSQL version from 14 to 19, e.g. 17 or 17.6."
  }
}

variable "db_instance_class" {
  type        = string
  description = "RDS instance class."
  default     = "db.t4g.micro"

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.db_instance_class))
    error_message = "db_instance_class must be an RDS class such as db.t4g.micro."
  }
}

variable "db_allocated_storage" {
  type        = number
  description = "Initial storage in GiB (gp3)."
  default     = 20

  validation {
    condition     = var.db_allocated_storage >= 20 && var.db_allocated_storage <= 65536
    error_message = "db_allocated_storage must be between 20 and 65536 GiB."
  }
}

variable "db_max_allocated_storage" {
  type        = number
  description = "Upper bound in GiB for storage autoscaling (0 disables it)."
  default     = 100

  validation {
    condition     = var.db_max_allocated_storage == 0 || (var.db_max_allocated_storage >= 20 && var.db_max_allocated_storage <= 65536)
    error_message = "db_max_allocated_storage must be 0 or between 20 and 65536 GiB."
  }
}

variable "db_multi_az" {
  type        = bool
  description = "Run RDS Multi-AZ (automatic failover in 1-2 minutes; doubles the instance cost)."
  default     = true
}

variable "db_backup_retention_days" {
  type        = number
  description = "Days of automated RDS backups."
  default     = 7

  validation {
    condition     = var.db_backup_retention_days >= 1 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 1 and 35."
  }
}

variable "db_deletion_protection" {
  type        = bool
  description = "Protect the database from deletion (set false before terraform destroy)."
  default     = true
}

variable "db_skip_final_snapshot" {
  type        = bool
  description = "Skip the final snapshot when the database is destroyed. Default false: a snapshot named <prefix>-db-final is taken (delete or rename it before destroying a second stack of the same name)."
  default     = false
}

variable "database_iam_auth" {
  type        = bool
  description = "Services log in to PostgreSQL with RDS IAM authentication (DATABASE_IAM_AUTH=true): enables it on the instance, gives each service's task role rds-db:connect for its own database role only, and the migration task grants those roles rds_iam. Default false: each service's role has a generated password in a Secrets Manager secret of its own. The migration task always uses the RDS-managed master secret."
  default     = false
}

variable "db_monitoring_interval" {
  type        = number
  description = "RDS Enhanced Monitoring interval in seconds (OS metrics such as memory, swap and per-process CPU in CloudWatch Logs RDSOSMetrics); 0 turns it off."
  default     = 60

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.db_monitoring_interval)
    error_message = "db_monitoring_interval must be one of 0, 1, 5, 10, 15, 30 or 60."
  }
}

variable "db_performance_insights_enabled" {
  type        = bool
  description = "Turn on Performance Insights (database load by wait event and SQL statement) for the instance."
  default     = true
}

variable "db_performance_insights_retention_days" {
  type        = number
  description = "Days Performance Insights keeps its data: 7 (free tier) or a multiple of 31 up to 731 (charged)."
  default     = 7

  validation {
    condition     = var.db_performance_insights_retention_days == 7 || (var.db_performance_insights_retention_days % 31 == 0 && var.db_performance_insights_retention_days >= 31 && var.db_performance_insights_retention_days <= 731)
    error_message = "db_performance_insights_retention_days must be 7, or a multiple of 31 between 31 and 731."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "Optional customer-managed KMS key for RDS storage and the RDS master secret. When null, the AWS managed keys are used."
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key ARN."
  }
}

# ---------------------------------------------------------------------------
# Queue and alarms
# ---------------------------------------------------------------------------

variable "sqs_max_receive_count" {
  type        = number
  description = "Receives of one message before SQS moves it to the dead-letter queue."
  default     = 5

  validation {
    condition     = var.sqs_max_receive_count >= 1 && var.sqs_max_receive_count <= 1000
    error_message = "sqs_max_receive_count must be between 1 and 1000."
  }
}

variable "sqs_oldest_message_alarm_seconds" {
  type        = number
  description = "Alarm when the oldest message in the check queue is older than this many seconds (workers not keeping up)."
  default     = 600

  validation {
    condition     = var.sqs_oldest_message_alarm_seconds >= 60 && var.sqs_oldest_message_alarm_seconds <= 86400
    error_message = "sqs_oldest_message_alarm_seconds must be between 60 and 86400."
  }
}

variable "alarm_actions" {
  type        = list(string)
  description = "Extra ARNs (e.g. an existing SNS topic) notified, besides the alarm's own warning or critical topic, when any CloudWatch alarm fires or recovers."
  default     = []

  validation {
    condition     = alltrue([for a in var.alarm_actions : startswith(a, "arn:")])
    error_message = "alarm_actions must contain ARNs."
  }
}

# ---------------------------------------------------------------------------
# Monitoring of the stack itself: alarm tiers, thresholds, logs
# ---------------------------------------------------------------------------

variable "warning_alarm_emails" {
  type        = list(string)
  description = "E-mail addresses subscribed to the warning alarm topic (each must confirm the subscription mail)."
  default     = []

  validation {
    condition     = alltrue([for e in var.warning_alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "warning_alarm_emails must contain e-mail addresses."
  }
}

variable "critical_alarm_emails" {
  type        = list(string)
  description = "E-mail addresses subscribed to the critical alarm topic (each must confirm the subscription mail)."
  default     = []

  validation {
    condition     = alltrue([for e in var.critical_alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "critical_alarm_emails must contain e-mail addresses."
  }
}

variable "alarm_https_endpoint" {
  type        = string
  description = "Optional HTTPS URL (e.g. a chat webhook relay) subscribed to both alarm topics; it must confirm the SNS subscription. Null: none."
  default     = null

  validation {
    condition     = var.alarm_https_endpoint == null || can(regex("^https://[^\\s/]+(/\\S*)?$", var.alarm_https_endpoint))
    error_message = "alarm_https_endpoint must be null or an https:// URL."
  }
}

variable "metrics_namespace" {
  type        = string
  description = "CloudWatch namespace the services publish their Micrometer meters to (METRICS_CLOUDWATCH_NAMESPACE); the task roles may put metrics only there. Log-derived metrics go to <namespace>/Logs. Use a different one per stack in a shared account."
  default     = "HealthMonitor"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._#:/-]{0,199}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1-200 characters of letters, digits and . _ # : / - and must not start with AWS/."
  }
}

variable "metrics_per_monitor" {
  type        = bool
  description = "Publish the api's per-monitor series (METRICS_PER_MONITOR: up/down and latency per monitor). Off by default on AWS: CloudWatch bills every series (about $0.30 per metric and month, two per monitor)."
  default     = false
}

variable "ecs_cpu_alarm_percent" {
  type        = number
  description = "Warning when a service's average CPU utilisation stays above this percentage for 5 minutes."
  default     = 80

  validation {
    condition     = var.ecs_cpu_alarm_percent > 0 && var.ecs_cpu_alarm_percent <= 100
    error_message = "ecs_cpu_alarm_percent must be between 0 (exclusive) and 100."
  }
}

variable "ecs_memory_alarm_percent" {
  type        = number
  description = "Warning when a service's average memory utilisation stays above this percentage for 5 minutes."
  default     = 85

  validation {
    condition     = var.ecs_memory_alarm_percent > 0 && var.ecs_memory_alarm_percent <= 100
    error_message = "ecs_memory_alarm_percent must be between 0 (exclusive) and 100."
  }
}

variable "db_cpu_alarm_percent" {
  type        = number
  description = "Warning when the RDS instance's CPU utilisation stays above this percentage for 5 minutes."
  default     = 80

  validation {
    condition     = var.db_cpu_alarm_percent > 0 && var.db_cpu_alarm_percent <= 100
    error_message = "db_cpu_alarm_percent must be between 0 (exclusive) and 100."
  }
}

variable "db_free_storage_alarm_percent" {
  type        = number
  description = "Critical when free RDS storage falls below this percentage of db_allocated_storage (the seed's disk > 90 % used)."
  default     = 10

  validation {
    condition     = var.db_free_storage_alarm_percent > 0 && var.db_free_storage_alarm_percent < 100
    error_message = "db_free_storage_alarm_percent must be between 0 and 100 (exclusive)."
  }
}

variable "db_latency_alarm_ms" {
  type        = number
  description = "Warning when the RDS average read or write latency stays above this many milliseconds for 5 minutes."
  default     = 200

  validation {
    condition     = var.db_latency_alarm_ms >= 1 && var.db_latency_alarm_ms <= 60000
    error_message = "db_latency_alarm_ms must be between 1 and 60000."
  }
}

variable "db_max_connections" {
  type        = number
  description = "PostgreSQL max_connections of the instance class (SHOW max_connections; about 80 on db.t4g.micro, it grows with memory). The connection alarm fires at db_connections_alarm_percent of it."
  default     = 80

  validation {
    condition     = var.db_max_connections >= 10 && var.db_max_connections <= 100000 && floor(var.db_max_connections) == var.db_max_connections
    error_message = "db_max_connections must be a whole number between 10 and 100000."
  }
}

variable "db_connections_alarm_percent" {
  type        = number
  description = "Warning when open database connections stay above this percentage of db_max_connections for 5 minutes."
  default     = 80

  validation {
    condition     = var.db_connections_alarm_percent > 0 && var.db_connections_alarm_percent <= 100
    error_message = "db_connections_alarm_percent must be between 0 (exclusive) and 100."
  }
}

variable "alb_5xx_alarm_count" {
  type        = number
  description = "Warning when the api targets answer more than this many 5xx responses in 5 minutes."
  default     = 10

  validation {
    condition     = var.alb_5xx_alarm_count >= 0 && floor(var.alb_5xx_alarm_count) == var.alb_5xx_alarm_count
    error_message = "alb_5xx_alarm_count must be a whole number of at least 0."
  }
}

variable "alb_502_alarm_count" {
  type        = number
  description = "Critical when the load balancer itself answers more than this many 502 Bad Gateway responses in 5 minutes (it cannot reach the api)."
  default     = 5

  validation {
    condition     = var.alb_502_alarm_count >= 0 && floor(var.alb_502_alarm_count) == var.alb_502_alarm_count
    error_message = "alb_502_alarm_count must be a whole number of at least 0."
  }
}

variable "alb_response_time_alarm_seconds" {
  type        = number
  description = "Warning when the api's p95 target response time stays above this many seconds for 5 minutes."
  default     = 1

  validation {
    condition     = var.alb_response_time_alarm_seconds > 0 && var.alb_response_time_alarm_seconds <= 60
    error_message = "alb_response_time_alarm_seconds must be between 0 (exclusive) and 60."
  }
}

variable "schedule_lag_alarm_ms" {
  type        = number
  description = "Warning when the scheduler's maximum schedule lag (now minus the check's slot at send time) stays above this many milliseconds for 3 minutes."
  default     = 5000

  validation {
    condition     = var.schedule_lag_alarm_ms >= 100 && var.schedule_lag_alarm_ms <= 3600000
    error_message = "schedule_lag_alarm_ms must be between 100 and 3600000."
  }
}

variable "oldest_pending_alert_alarm_seconds" {
  type        = number
  description = "Critical when the oldest alert waiting in the outbox is older than this many seconds (state changes are not reaching their channels)."
  default     = 300

  validation {
    condition     = var.oldest_pending_alert_alarm_seconds >= 30 && var.oldest_pending_alert_alarm_seconds <= 86400
    error_message = "oldest_pending_alert_alarm_seconds must be between 30 and 86400."
  }
}

variable "error_log_alarm_count" {
  type        = number
  description = "Warning when one service writes more than this many ERROR log lines in 5 minutes."
  default     = 5

  validation {
    condition     = var.error_log_alarm_count >= 0 && floor(var.error_log_alarm_count) == var.error_log_alarm_count
    error_message = "error_log_alarm_count must be a whole number of at least 0."
  }
}

variable "log_check_results" {
  type        = bool
  description = "Log every check result of the worker (its check package at DEBUG), which the saved query \"slowest checks\" reads. Roughly 0.5 KB per check in CloudWatch Logs."
  default     = true
}

variable "alb_access_logs_enabled" {
  type        = bool
  description = "Write the load balancer's access logs to an S3 bucket created for them."
  default     = true
}

variable "alb_access_logs_expiration_days" {
  type        = number
  description = "Days after which ALB access log objects are deleted from the bucket."
  default     = 90

  validation {
    condition     = var.alb_access_logs_expiration_days >= 1 && var.alb_access_logs_expiration_days <= 3650 && floor(var.alb_access_logs_expiration_days) == var.alb_access_logs_expiration_days
    error_message = "alb_access_logs_expiration_days must be a whole number between 1 and 3650."
  }
}

variable "alb_access_logs_force_destroy" {
  type        = bool
  description = "Let terraform destroy delete the access log bucket while it still holds logs."
  default     = false
}

# ---------------------------------------------------------------------------
# Probe regions
# ---------------------------------------------------------------------------

variable "probe_regions" {
  type        = list(string)
  description = "Extra regions to check from (issue 24): each gets a probe worker (WORKER_MODE=probe, its location named after the region) with its own ECS cluster, VPC, check queue and alarms, and no access to the database; results come back through a results queue in this region. At most 3 (slots, see README.md); append only: a region keeps its position."
  default     = []

  validation {
    condition     = alltrue([for r in var.probe_regions : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", r))])
    error_message = "probe_regions must contain AWS region names such as eu-west-1."
  }
  validation {
    condition     = length(distinct(var.probe_regions)) == length(var.probe_regions) && !contains(var.probe_regions, var.aws_region)
    error_message = "probe_regions must not repeat a region or contain aws_region (the home region's workers are the default location)."
  }
  validation {
    condition     = length(var.probe_regions) <= 3
    error_message = "probe_regions holds at most 3 regions (probes.tf has 3 provider slots; README.md shows how to add one)."
  }
}

variable "probe_worker_count" {
  type        = number
  description = "Probe worker tasks per probe region (each the size of a worker task: worker_cpu, worker_memory)."
  default     = 1

  validation {
    condition     = var.probe_worker_count >= 1 && var.probe_worker_count <= 20 && floor(var.probe_worker_count) == var.probe_worker_count
    error_message = "probe_worker_count must be a whole number between 1 and 20."
  }
}

# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------

variable "image_tag" {
  type        = string
  description = "Required: the image tag deployed from each ECR repository, one per build, e.g. the git commit (git rev-parse --short=12 HEAD). The repositories' tags are immutable, so a tag always names the image that was tested."
  # No default: a moving tag such as latest cannot be pushed twice to an immutable repository.

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a Docker tag other than latest (ECR tags are immutable here): tag each build, e.g. image_tag=$(git rev-parse --short=12 HEAD)."
  }
}

variable "ecr_keep_images" {
  type        = number
  description = "Number of images each ECR repository keeps; older ones are expired by the lifecycle policy."
  default     = 10

  validation {
    condition     = var.ecr_keep_images >= 1 && var.ecr_keep_images <= 1000
    error_message = "ecr_keep_images must be between 1 and 1000."
  }
}

variable "ecr_force_delete" {
  type        = bool
  description = "Let terraform destroy delete ECR repositories that still contain images."
  default     = false
}

variable "cpu_architecture" {
  type        = string
  description = "CPU architecture of the Fargate tasks; must match the images you push (X86_64 or ARM64)."
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "api_container_port" {
  type        = number
  description = "Port the API container listens on (SERVER_PORT); the ALB forwards to it."
  default     = 8080

  validation {
    condition     = var.api_container_port >= 1024 && var.api_container_port <= 65535
    error_message = "api_container_port must be an unprivileged port (1024-65535)."
  }
}

variable "api_cpu" {
  type        = number
  description = "Fargate CPU units of the API task."
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.api_cpu)
    error_message = "api_cpu must be one of 256, 512, 1024, 2048, 4096."
  }
}

variable "api_memory" {
  type        = number
  description = "Memory (MiB) of the API task; the JVM heap takes 75% of it."
  default     = 1024

  validation {
    condition     = var.api_memory >= 512 && var.api_memory <= 30720
    error_message = "api_memory must be between 512 and 30720 MiB (and a valid Fargate combination with api_cpu)."
  }
}

variable "api_desired_count" {
  type        = number
  description = "Number of API tasks."
  default     = 2

  validation {
    condition     = var.api_desired_count >= 0 && var.api_desired_count <= 20
    error_message = "api_desired_count must be between 0 and 20."
  }
}

variable "scheduler_cpu" {
  type        = number
  description = "Fargate CPU units of the scheduler task."
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.scheduler_cpu)
    error_message = "scheduler_cpu must be one of 256, 512, 1024, 2048, 4096."
  }
}

variable "scheduler_memory" {
  type        = number
  description = "Memory (MiB) of the scheduler task."
  default     = 512

  validation {
    condition     = var.scheduler_memory >= 512 && var.scheduler_memory <= 30720
    error_message = "scheduler_memory must be between 512 and 30720 MiB."
  }
}

variable "scheduler_desired_count" {
  type        = number
  description = "Number of scheduler tasks (0 pauses scheduling)."
  default     = 1

  validation {
    condition     = var.scheduler_desired_count >= 0 && var.scheduler_desired_count <= 3
    error_message = "scheduler_desired_count must be between 0 and 3."
  }
}

variable "worker_cpu" {
  type        = number
  description = "Fargate CPU units of one worker task."
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.worker_cpu)
    error_message = "worker_cpu must be one of 256, 512, 1024, 2048, 4096."
  }
}

variable "worker_memory" {
  type        = number
  description = "Memory (MiB) of one worker task."
  default     = 1024

  validation {
    condition     = var.worker_memory >= 512 && var.worker_memory <= 30720
    error_message = "worker_memory must be between 512 and 30720 MiB."
  }
}

variable "migrations_cpu" {
  type        = number
  description = "Fargate CPU units of the one-shot db-migrations task."
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.migrations_cpu)
    error_message = "migrations_cpu must be one of 256, 512, 1024, 2048, 4096."
  }
}

variable "migrations_memory" {
  type        = number
  description = "Memory (MiB) of the one-shot db-migrations task."
  default     = 512

  validation {
    condition     = var.migrations_memory >= 512 && var.migrations_memory <= 30720
    error_message = "migrations_memory must be between 512 and 30720 MiB."
  }
}

variable "worker_min_count" {
  type        = number
  description = "Minimum number of worker tasks (autoscaling floor)."
  default     = 1

  validation {
    condition     = var.worker_min_count >= 1 && var.worker_min_count <= 100
    error_message = "worker_min_count must be between 1 and 100 (the backlog-per-task metric divides by the running task count)."
  }
}

variable "worker_max_count" {
  type        = number
  description = "Maximum number of worker tasks (autoscaling ceiling); must be >= worker_min_count."
  default     = 5

  validation {
    condition     = var.worker_max_count >= 1 && var.worker_max_count <= 100 && var.worker_max_count >= var.worker_min_count
    error_message = "worker_max_count must be between 1 and 100 and not below worker_min_count."
  }
}

variable "worker_messages_per_task" {
  type        = number
  description = "Autoscaling target: visible SQS messages per running worker task."
  default     = 10

  validation {
    condition     = var.worker_messages_per_task > 0
    error_message = "worker_messages_per_task must be greater than 0."
  }
}

variable "worker_scale_in_cooldown" {
  type        = number
  description = "Seconds after a scale-in before another scale-in may start."
  default     = 300

  validation {
    condition     = var.worker_scale_in_cooldown >= 0 && var.worker_scale_in_cooldown <= 3600
    error_message = "worker_scale_in_cooldown must be between 0 and 3600 seconds."
  }
}

variable "worker_scale_out_cooldown" {
  type        = number
  description = "Seconds after a scale-out before another scale-out may start."
  default     = 60

  validation {
    condition     = var.worker_scale_out_cooldown >= 0 && var.worker_scale_out_cooldown <= 3600
    error_message = "worker_scale_out_cooldown must be between 0 and 3600 seconds."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the CloudWatch log groups in days."
  default     = 7

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

# ---------------------------------------------------------------------------
# Application settings
# ---------------------------------------------------------------------------

variable "fail_threshold" {
  type        = number
  description = "Consecutive failed checks before a monitor goes DOWN (FAIL_THRESHOLD)."
  default     = 2

  validation {
    condition     = var.fail_threshold >= 1 && var.fail_threshold <= 10
    error_message = "fail_threshold must be between 1 and 10."
  }
}

variable "success_threshold" {
  type        = number
  description = "Consecutive successful checks before a monitor goes UP (SUCCESS_THRESHOLD)."
  default     = 2

  validation {
    condition     = var.success_threshold >= 1 && var.success_threshold <= 10
    error_message = "success_threshold must be between 1 and 10."
  }
}

variable "min_check_interval" {
  type        = number
  description = "Smallest check interval in seconds the API accepts (MIN_CHECK_INTERVAL)."
  default     = 30

  validation {
    condition     = var.min_check_interval >= 10 && var.min_check_interval <= 3600
    error_message = "min_check_interval must be between 10 and 3600 seconds."
  }
}

variable "api_keys_secret_arn" {
  type        = string
  description = "ARN of a Secrets Manager secret you manage whose string value is the comma-separated admin API keys (API_KEYS), each at least 32 characters. When null (the default), Terraform creates a secret with one generated 48-character admin key (output api_keys_secret_arn), so no deployment is ever open."
  default     = null

  validation {
    condition     = var.api_keys_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.api_keys_secret_arn))
    error_message = "api_keys_secret_arn must be null (Terraform then generates an admin key) or a Secrets Manager secret ARN."
  }
}
