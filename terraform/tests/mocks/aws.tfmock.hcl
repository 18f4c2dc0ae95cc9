# Shared fake values for the offline tests (mock_provider "aws" { source = "./tests/mocks" }).
# Everything not listed here gets random strings from the mock provider.

mock_data "aws_availability_zones" {
  defaults = {
    names = ["us-east-1a", "us-east-1b", "us-east-1c"]
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}

# No probe region deployed yet (probes.tf reads the probe slots' IAM roles).
mock_data "aws_iam_roles" {
  defaults = {
    names = []
    arns  = []
  }
}

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

mock_resource "aws_db_instance" {
  defaults = {
    address     = "health-monitor-db.abcdefghijkl.us-east-1.rds.amazonaws.com"
    port        = 5432
    resource_id = "db-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    master_user_secret = [{
      secret_arn    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0000-AbCdEf"
      kms_key_id    = "arn:aws:kms:us-east-1:123456789012:key/aws-managed"
      secret_status = "active"
    }]
  }
}

# The provider validates these ARNs even with mocks, so they must look like ARNs.
mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/mock-role"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock"
  }
}

mock_resource "aws_lb" {
  defaults = {
    arn        = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/health-monitor-alb/0123456789abcdef"
    arn_suffix = "app/health-monitor-alb/0123456789abcdef"
    dns_name   = "health-monitor-alb-123456789.us-east-1.elb.amazonaws.com"
  }
}

mock_resource "aws_lb_target_group" {
  defaults = {
    arn        = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/health-monitor-api/0123456789abcdef"
    arn_suffix = "targetgroup/health-monitor-api/0123456789abcdef"
  }
}

mock_resource "aws_wafv2_web_acl" {
  defaults = {
    arn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/health-monitor-api/00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn    = "arn:aws:kms:us-east-1:123456789012:key/99999999-8888-7777-6666-555555555555"
    key_id = "99999999-8888-7777-6666-555555555555"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::mock-bucket"
  }
}

mock_resource "aws_cloudwatch_metric_alarm" {
  defaults = {
    arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:mock"
  }
}

# Tests that tell the tiers apart override each topic's ARN.
mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:us-east-1:123456789012:mock-topic"
  }
}
