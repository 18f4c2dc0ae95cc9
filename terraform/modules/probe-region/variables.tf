# Set by the root module (../../probes.tf), where the values are validated.

variable "region" {
  type        = string
  description = "The region this module's provider deploys into; also the probe's location name (WORKER_LOCATION)."
}

variable "slot" {
  type        = number
  description = "The root module's provider slot (aws.probe_<slot>), recorded in the IAM roles' path: the root reads it back to keep the slot's provider in this region."
}

variable "home" {
  type = object({
    name_prefix                  = string       # prefix of every resource name
    account_id                   = string       # the stack's account
    partition                    = string       # aws, aws-cn, ...
    image                        = string       # the worker image: the home region's ECR repository and the build's tag
    ecr_repository_arn           = string       # the worker's repository, the only one the execution role may pull from
    results_queue_url            = string       # RESULTS_QUEUE_URL: the home region's results queue
    results_queue_arn            = string       # ... the only queue outside this region the probe may use (send only)
    environment                  = map(string)  # extra container environment (log format, log levels), never database settings
    cpu                          = number       # Fargate CPU units of one probe task
    memory                       = number       # MiB of one probe task
    cpu_architecture             = string       # X86_64 or ARM64, as the image
    desired_count                = number       # probe tasks
    vpc_cidr                     = string       # the probe's own VPC, connected to nothing (so it may overlap the home VPC)
    log_retention_days           = number       # of the probe's log group
    sqs_max_receive_count        = number       # receives of one check before the dead-letter queue
    oldest_message_alarm_seconds = number       # critical when the oldest check waits longer
    warning_alarm_emails         = list(string) # subscribed to the region's warning topic
    critical_alarm_emails        = list(string) # subscribed to the region's critical topic
    alarm_https_endpoint         = string       # subscribed to both topics unless null
  })
  description = "What a probe region takes from the home stack: names, image, the results queue, sizes, alarm subscribers."
}
