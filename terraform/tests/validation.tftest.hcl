mock_provider "aws" {
  source = "./tests/mocks"
}

# probes.tf configures its three provider slots even when no probe region uses them.
mock_provider "aws" {
  alias  = "probe_0"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "probe_1"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "probe_2"
  source = "./tests/mocks"
}

# A secret with API keys of one's own, a build's image tag, and plain HTTP allowed (the certificate
# and the generated key have their tests in tests/secure_defaults.tftest.hcl).
variables {
  api_keys_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:health-monitor/api-keys-AbCdEf"
  image_tag           = "3f2c1ab9d4e5"
  allow_plain_http    = true
}

run "rejects_worker_max_below_min" {
  command = plan
  variables {
    worker_min_count = 4
    worker_max_count = 2
  }
  expect_failures = [var.worker_max_count]
}

run "rejects_bad_certificate_arn" {
  command = plan
  variables {
    certificate_arn = "not-an-arn"
  }
  expect_failures = [var.certificate_arn]
}

run "rejects_waf_limit_below_aws_minimum" {
  command = plan
  variables {
    waf_rate_limit = 5
  }
  expect_failures = [var.waf_rate_limit]
}

run "rejects_unsupported_log_retention" {
  command = plan
  variables {
    log_retention_days = 10
  }
  expect_failures = [var.log_retention_days]
}

run "rejects_invalid_fargate_cpu" {
  command = plan
  variables {
    api_cpu = 300
  }
  expect_failures = [var.api_cpu]
}

run "rejects_bad_name_prefix" {
  command = plan
  variables {
    name_prefix = "Bad_Name"
  }
  expect_failures = [var.name_prefix]
}

run "rejects_reserved_db_username" {
  command = plan
  variables {
    db_username = "postgres"
  }
  expect_failures = [var.db_username]
}

run "rejects_too_large_vpc_cidr_and_bad_allowlist" {
  command = plan
  variables {
    vpc_cidr          = "10.0.0.0/8"
    alb_ingress_cidrs = ["everyone"]
  }
  expect_failures = [var.vpc_cidr, var.alb_ingress_cidrs]
}

run "rejects_backup_retention_out_of_range" {
  command = plan
  variables {
    db_backup_retention_days = 0
  }
  expect_failures = [var.db_backup_retention_days]
}

run "rejects_bad_api_keys_secret_arn" {
  command = plan
  variables {
    api_keys_secret_arn = "arn:aws:s3:::bucket"
  }
  expect_failures = [var.api_keys_secret_arn]
}

run "rejects_plain_http_unless_explicitly_allowed" {
  command = plan
  variables {
    certificate_arn  = null
    allow_plain_http = false
  }
  expect_failures = [var.allow_plain_http]
}

run "rejects_the_moving_latest_tag" {
  command = plan
  variables {
    image_tag = "latest"
  }
  expect_failures = [var.image_tag]
}

run "rejects_bad_alarm_subscriptions" {
  command = plan
  variables {
    warning_alarm_emails  = ["not-an-address"]
    critical_alarm_emails = ["ops@example"]
    alarm_https_endpoint  = "http://relay.example.com/sns"
  }
  expect_failures = [var.warning_alarm_emails, var.critical_alarm_emails, var.alarm_https_endpoint]
}

run "rejects_aws_namespace_and_out_of_range_thresholds" {
  command = plan
  variables {
    metrics_namespace             = "AWS/ECS"
    ecs_cpu_alarm_percent         = 120
    db_free_storage_alarm_percent = 0
    alb_5xx_alarm_count           = 2.5
  }
  expect_failures = [var.metrics_namespace, var.ecs_cpu_alarm_percent, var.db_free_storage_alarm_percent, var.alb_5xx_alarm_count]
}

run "rejects_unsupported_rds_monitoring_settings" {
  command = plan
  variables {
    db_monitoring_interval                 = 20
    db_performance_insights_retention_days = 30
    alb_access_logs_expiration_days        = 0
  }
  expect_failures = [var.db_monitoring_interval, var.db_performance_insights_retention_days, var.alb_access_logs_expiration_days]
}
