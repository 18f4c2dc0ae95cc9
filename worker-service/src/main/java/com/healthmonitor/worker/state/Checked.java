package com.healthmonitor.worker.state;

import com.healthmonitor.common.check.CheckRequest;
import com.healthmonitor.worker.result.CheckResult;

/** A check that ran: the request and what the target answered, ready to be applied. */
public record Checked(CheckRequest request, CheckResult result) {}
