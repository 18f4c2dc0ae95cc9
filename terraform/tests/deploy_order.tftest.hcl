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

# docs/deploy.md, "Rolling upgrade order": a release rolls out in stages with -target, because one apply updates
# the api, scheduler and worker services at once (no wait between them). These runs apply (mocked) each documented
# stage's -target and check it carries the new image to that stage's task definition.
variables {
  api_keys_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:health-monitor/api-keys-AbCdEf"
  image_tag           = "release-2"
  allow_plain_http    = true
}

run "stage_migrations_task_definition_only" {
  command = apply
  plan_options {
    target = [aws_ecs_task_definition.this["db-migrations"]]
  }
  assert {
    condition     = strcontains(aws_ecs_task_definition.this["db-migrations"].container_definitions, ":release-2\"")
    error_message = "The migrations task definition gets the new image first."
  }
}

run "stage_workers" {
  command = apply
  plan_options {
    target = [aws_ecs_service.worker]
  }
  assert {
    condition     = strcontains(aws_ecs_task_definition.this["worker"].container_definitions, ":release-2\"")
    error_message = "The worker stage deploys the new worker image."
  }
}

run "stage_scheduler" {
  command = apply
  plan_options {
    target = [aws_ecs_service.this["scheduler"]]
  }
  assert {
    condition     = strcontains(aws_ecs_task_definition.this["scheduler"].container_definitions, ":release-2\"")
    error_message = "The scheduler stage deploys the new scheduler image."
  }
}
