package com.healthmonitor.api.web;

/** One reason a request was refused, naming the JSON field or query parameter at fault. */
public record FieldViolation(String field, String message) {}
