package com.healthmonitor.api.slo;

import java.math.BigDecimal;

/** A monitor's stored objective. */
record Slo(BigDecimal objective, SloPeriod period) {}
