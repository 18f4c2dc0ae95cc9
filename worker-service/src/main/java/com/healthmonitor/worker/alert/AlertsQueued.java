package com.healthmonitor.worker.alert;

/**
 * Published inside a transaction that queued alert deliveries; the dispatcher wakes after it commits, so alert latency
 * is milliseconds rather than a poll interval.
 *
 * @param monitorId the monitor the alerts are about, null for alerts about none (daily summaries)
 * @param deliveries how many deliveries were queued
 */
public record AlertsQueued(Long monitorId, int deliveries) {}
