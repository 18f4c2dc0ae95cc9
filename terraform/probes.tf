# Probe regions (var.probe_regions): per extra region a probe worker (modules/probe-region) that checks from
# there and sends its results to the home region's results queue (sqs.tf), which the home workers apply.
#
# Terraform cannot for_each over provider configurations, and a provider's region must be known before the
# plan, so the probe regions are positional slots: slot i is the provider aws.probe_i, configured for
# probe_regions[i], and the module probe_i. An empty slot's provider points at the home region and creates
# nothing. Why slots rather than one provider per supported region, and how to add a slot: README.md.

locals {
  # Keep in step with the provider and module blocks below and the probe_regions validation.
  probe_slots = 3

  probe_slot_regions = [for i in range(local.probe_slots) : try(var.probe_regions[i], var.aws_region)]

  probes_enabled = length(var.probe_regions) > 0

  probe_home = {
    name_prefix        = var.name_prefix
    account_id         = local.account_id
    partition          = local.partition
    image              = "${aws_ecr_repository.this["worker"].repository_url}:${var.image_tag}"
    ecr_repository_arn = aws_ecr_repository.this["worker"].arn
    results_queue_url  = local.probes_enabled ? aws_sqs_queue.results[0].url : null
    results_queue_arn  = local.probes_enabled ? aws_sqs_queue.results[0].arn : null
    # The services' JSON logs, but no metrics namespace: a probe's role may not publish metrics.
    environment = merge(
      { for k, v in local.service_environment : k => v if k != "METRICS_CLOUDWATCH_NAMESPACE" },
      var.log_check_results ? local.check_result_log_environment : {},
    )
    cpu                          = var.worker_cpu
    memory                       = var.worker_memory
    cpu_architecture             = var.cpu_architecture
    desired_count                = var.probe_worker_count
    vpc_cidr                     = var.vpc_cidr
    log_retention_days           = var.log_retention_days
    sqs_max_receive_count        = var.sqs_max_receive_count
    oldest_message_alarm_seconds = var.sqs_oldest_message_alarm_seconds
    warning_alarm_emails         = var.warning_alarm_emails
    critical_alarm_emails        = var.critical_alarm_emails
    alarm_https_endpoint         = var.alarm_https_endpoint
  }

  # The deployed probes by region.
  probes = { for p in concat(module.probe_0, module.probe_1, module.probe_2) : p.region => p }

  # The scheduler's LOCATION_QUEUES: name=queue-url for every location besides the default one.
  location_queues = join(",", [for region in var.probe_regions : "${region}=${local.probes[region].check_queue_url}"])
}

# Remembers the region each slot was created in. Moving a region to another slot (removing or reordering
# entries of probe_regions) would point the slot's resources at another region's API, leaving the old ones
# behind unmanaged: the plan stops here instead.
resource "terraform_data" "probe_slot" {
  count = length(var.probe_regions)

  input = var.probe_regions[count.index]

  lifecycle {
    ignore_changes = [input]

    postcondition {
      condition     = self.output == var.probe_regions[count.index]
      error_message = "probe_regions[${count.index}] was ${self.output} and is now ${var.probe_regions[count.index]}: a slot keeps its region. Only append regions or remove the last ones; to drop a region in the middle, remove it and every region after it, apply, then add the others back (README.md, \"Probe regions\")."
    }
  }
}

provider "aws" {
  alias  = "probe_0"
  region = local.probe_slot_regions[0]

  default_tags {
    tags = local.default_tags
  }
}

provider "aws" {
  alias  = "probe_1"
  region = local.probe_slot_regions[1]

  default_tags {
    tags = local.default_tags
  }
}

provider "aws" {
  alias  = "probe_2"
  region = local.probe_slot_regions[2]

  default_tags {
    tags = local.default_tags
  }
}

module "probe_0" {
  source = "./modules/probe-region"
  count  = length(var.probe_regions) > 0 ? 1 : 0

  providers = { aws = aws.probe_0 }

  region = local.probe_slot_regions[0]
  home   = local.probe_home
}

module "probe_1" {
  source = "./modules/probe-region"
  count  = length(var.probe_regions) > 1 ? 1 : 0

  providers = { aws = aws.probe_1 }

  region = local.probe_slot_regions[1]
  home   = local.probe_home
}

module "probe_2" {
  source = "./modules/probe-region"
  count  = length(var.probe_regions) > 2 ? 1 : 0

  providers = { aws = aws.probe_2 }

  region = local.probe_slot_regions[2]
  home   = local.probe_home
}
