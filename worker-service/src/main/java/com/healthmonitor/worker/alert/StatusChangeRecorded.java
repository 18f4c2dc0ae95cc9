package com.healthmonitor.worker.alert;

/** Published inside the transaction that wrote a status change; the dispatcher wakes after it commits. */
public record StatusChangeRecorded(long monitorId, boolean alertPending) {}
