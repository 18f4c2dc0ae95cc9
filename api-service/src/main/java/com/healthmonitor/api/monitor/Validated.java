package com.healthmonitor.api.monitor;

/** A create or replace request that passed both validations: its settings, defaults applied, and its alerting. */
record Validated(MonitorSettings settings, MonitorAlerting alerting) {}
