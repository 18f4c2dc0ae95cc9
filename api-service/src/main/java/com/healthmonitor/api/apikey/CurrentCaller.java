package com.healthmonitor.api.apikey;

/**
 * Who the request's key is, for the dashboard to show its scope and offer only what it may do.
 *
 * @param id the managed key's id; null for a key from API_KEYS and for anonymous access
 * @param name the managed key's name, or which API_KEYS key it is; null for anonymous access
 * @param anonymous the request carried no key and the server serves such requests (as admin)
 */
record CurrentCaller(Long id, String name, String scope, boolean anonymous) {}
