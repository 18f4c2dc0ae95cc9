package com.healthmonitor.api.channel;

/**
 * The outcome of {@code POST /channels/{id}/test}.
 *
 * @param deliveryId the test delivery in the outbox
 * @param status SENT, FAILED, or PENDING when the worker did not finish it in time
 * @param statusCode the last HTTP status the channel answered (250 for an accepted email), null when none
 * @param error what went wrong, null when sent
 * @param attempts how many sends were made
 */
record TestResult(long deliveryId, String status, Integer statusCode, String error, int attempts) {}
