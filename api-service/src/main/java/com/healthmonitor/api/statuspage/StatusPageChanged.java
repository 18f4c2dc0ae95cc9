package com.healthmonitor.api.statuspage;

/** A status page was created, changed or deleted; published inside the transaction that did it. */
record StatusPageChanged(long id) {}
