package com.healthmonitor.api.slo;

import java.math.BigDecimal;

/** {@code PUT /monitors/{id}/slo}: {@code {"objective": 99.9, "period": "month"}}. */
record SloRequest(BigDecimal objective, String period) {}
