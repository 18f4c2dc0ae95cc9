# Probe regions (var.probe_regions): per extra region a probe worker (modules/probe-region) that checks from
# there and sends its results to the home region's results queue (sqs.tf), which the home workers apply.
#
# Terraform cannot for_each over provider configurations, and a provider's region must be known before the
# plan, so the probe regions are positional slots: slot i is the provider aws.probe_i, configured for
# probe_regions[i], and the module probe_i. An empty slot's provider stays in the region its probe still runs
# in, if any, else points at the home region and creates nothing. Why slots rather than one provider per
# supported region, and how to add a slot: README.md.

locals {
  # Keep in step with the provider and module blocks below and the probe_regions validation.
  probe_slots = 3

  # A slot's region: its entry of probe_regions; for an empty slot the region its probe still runs in (so that
  # removing it destroys it there), else the home region (nothing to create, no extra credentials or opt-in).
  probe_role_pattern = "^${var.name_prefix}-probe-([a-z0-9-]+)-task$" # the module's task role
  probe_deployed_regions = [
    for slot in data.aws_iam_roles.probe_slot :
    one(distinct([for name in slot.names : regex(local.probe_role_pattern, name)[0] if can(regex(local.probe_role_pattern, name))]))
  ]
  probe_slot_regions = [
    for i in range(local.probe_slots) : coalesce(try(var.probe_regions[i], null), local.probe_deployed_regions[i], var.aws_region)
  ]

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

# The region each slot is deployed in now, read from the slot's IAM roles (IAM is global; the roles' path names
# the slot, their name the region). A slot's provider keeps that region until the slot is empty: removing the
# last region destroys its probe where it is, not through the home region's API (which would find nothing and
# leave the probe running, unmanaged). Giving a slot another region (removing or reordering a region that is
# not last) would do the same, so the plan stops here.
data "aws_iam_roles" "probe_slot" {
  count = local.probe_slots

  path_prefix = "/${var.name_prefix}/probe-slot-${count.index}/"

  lifecycle {
    postcondition {
      condition = alltrue([
        for name in self.names : regex(local.probe_role_pattern, name)[0] == try(var.probe_regions[count.index], "")
        if can(regex(local.probe_role_pattern, name)) && try(var.probe_regions[count.index], null) != null
      ])
      error_message = "Probe slot ${count.index} runs in another region than probe_regions[${count.index}] = ${try(var.probe_regions[count.index], "(none)")} (its roles: ${join(", ", self.names)}): a region keeps its position in probe_regions. Only append regions or remove the last ones; to drop one in the middle, remove it and every region after it, apply, then append the others again (terraform/README.md, \"Probe regions\")."
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

  slot   = 0
  region = local.probe_slot_regions[0]
  home   = local.probe_home
}

module "probe_1" {
  source = "./modules/probe-region"
  count  = length(var.probe_regions) > 1 ? 1 : 0

  providers = { aws = aws.probe_1 }

  slot   = 1
  region = local.probe_slot_regions[1]
  home   = local.probe_home
}

module "probe_2" {
  source = "./modules/probe-region"
  count  = length(var.probe_regions) > 2 ? 1 : 0

  providers = { aws = aws.probe_2 }

  slot   = 2
  region = local.probe_slot_regions[2]
  home   = local.probe_home
}
