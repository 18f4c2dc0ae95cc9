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

run "plain_http_without_certificate" {
  assert {
    condition     = aws_lb_listener.http.port == 80 && aws_lb_listener.http.default_action[0].type == "forward" && length(aws_lb_listener.https) == 0
    error_message = "Without a certificate, port 80 forwards to the API and there is no HTTPS listener."
  }
  assert {
    condition     = startswith(output.api_url, "http://") && strcontains(output.api_url, aws_lb.api.dns_name)
    error_message = "api_url is http:// on the ALB's DNS name."
  }
  assert {
    condition     = keys(aws_vpc_security_group_ingress_rule.alb) == ["80-0.0.0.0/0"]
    error_message = "Only port 80 is open without a certificate."
  }
  assert {
    condition = (
      aws_lb_target_group.api.port == 8080 && aws_lb_target_group.api.target_type == "ip" &&
      aws_lb_target_group.api.health_check[0].path == "/health" && aws_lb_target_group.api.health_check[0].matcher == "200"
    )
    error_message = "The target group checks GET /health on the app port."
  }
  assert {
    condition     = aws_lb.api.internal == false && aws_lb.api.drop_invalid_header_fields == true && toset(aws_lb.api.subnets) == toset(aws_subnet.public[*].id)
    error_message = "The ALB is internet-facing in the public subnets and drops invalid headers."
  }
}

run "https_with_certificate_and_redirect" {
  variables {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
    api_domain_name = "monitor.example.com"
  }
  assert {
    condition     = length(aws_lb_listener.https) == 1 && aws_lb_listener.https[0].port == 443 && aws_lb_listener.https[0].protocol == "HTTPS"
    error_message = "An HTTPS listener on 443 must exist when a certificate is given."
  }
  assert {
    condition     = aws_lb_listener.https[0].certificate_arn == var.certificate_arn && startswith(aws_lb_listener.https[0].ssl_policy, "ELBSecurityPolicy-TLS13")
    error_message = "The HTTPS listener uses the certificate and a TLS 1.3 policy."
  }
  assert {
    condition     = aws_lb_listener.https[0].default_action[0].type == "forward" && aws_lb_listener.https[0].default_action[0].target_group_arn == aws_lb_target_group.api.arn
    error_message = "HTTPS forwards to the API target group."
  }
  assert {
    condition = (
      aws_lb_listener.http.default_action[0].type == "redirect" &&
      aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS" &&
      aws_lb_listener.http.default_action[0].redirect[0].port == "443" &&
      aws_lb_listener.http.default_action[0].redirect[0].status_code == "HTTP_301"
    )
    error_message = "HTTP must redirect to HTTPS when a certificate is given."
  }
  assert {
    condition     = output.api_url == "https://monitor.example.com"
    error_message = "api_url uses https and the domain name."
  }
  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.alb)) == toset(["80-0.0.0.0/0", "443-0.0.0.0/0"])
    error_message = "Ports 80 (redirect) and 443 are open with a certificate."
  }
}

run "waf_rate_limits_100_requests_per_minute" {
  assert {
    condition     = length(aws_wafv2_web_acl.api) == 1 && aws_wafv2_web_acl.api[0].scope == "REGIONAL" && aws_wafv2_web_acl_association.api[0].resource_arn == aws_lb.api.arn
    error_message = "A regional web ACL is attached to the ALB by default."
  }
  assert {
    condition = one([
      for r in aws_wafv2_web_acl.api[0].rule : (
        r.statement[0].rate_based_statement[0].limit == 100 &&
        r.statement[0].rate_based_statement[0].evaluation_window_sec == 60 &&
        r.statement[0].rate_based_statement[0].aggregate_key_type == "IP" &&
        length(r.action[0].block) == 1
      ) if r.name == "rate-limit-per-ip"
    ])
    error_message = "The rate rule blocks an IP above 100 requests in 60 seconds."
  }
  assert {
    condition     = length(aws_wafv2_web_acl.api[0].rule) == 4
    error_message = "Rate rule plus three AWS managed rule groups."
  }
}

run "waf_optional_and_allowlist" {
  variables {
    enable_waf        = false
    alb_ingress_cidrs = ["203.0.113.0/24", "198.51.100.7/32"]
  }
  assert {
    condition     = length(aws_wafv2_web_acl.api) == 0 && length(aws_wafv2_web_acl_association.api) == 0 && output.waf_web_acl_arn == null
    error_message = "No WAF when enable_waf is false."
  }
  assert {
    condition     = toset([for r in aws_vpc_security_group_ingress_rule.alb : r.cidr_ipv4]) == toset(["203.0.113.0/24", "198.51.100.7/32"])
    error_message = "The ALB admits only the allowlisted CIDRs."
  }
}
