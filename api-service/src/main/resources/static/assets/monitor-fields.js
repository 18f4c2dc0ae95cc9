// What a monitor is, as the dashboard shows and sends it: its status and target in words, and which of its fields
// are configuration of which type.
import { h } from './html.js';

/** A paused monitor shows as PAUSED whatever its last status. */
export const displayStatus = (m) => (m.enabled === false ? 'PAUSED' : m.status);

/** What a monitor checks, in one line: the URL, tcp://host:port, "dns A name @resolver", "heartbeat every 1 d, grace 1 h". */
export function targetText(m) {
  if (m.type === 'dns') return `dns ${m.record_type} ${m.hostname}${m.resolver ? ` @${m.resolver}` : ''}`;
  if (m.type === 'tcp') return `${m.target}${m.tls ? ' (TLS)' : ''}`;
  return m.target ?? m.url;
}

/** One check result in words, as its type has it: a ping or its absence, or what the check got and how fast. */
export function resultText(m, r) {
  if (m.type === 'heartbeat') return r.success ? 'ping received' : r.error;
  const got = (m.type || 'http') === 'http' ? `${r.status_code ?? 'no response'} · ` : '';
  return `${got}${r.latency_ms} ms${r.error ? ` · ${r.error}` : ''}`;
}

export const typeTag = (m) => h('span', { class: 'type', 'data-type': m.type }, m.type || 'http');

/** The fields that come back in a response but are not configuration. Everything else is sent back on PUT. */
const STATE_FIELDS = ['id', 'key', 'status', 'consecutive_failures', 'consecutive_successes', 'last_checked_at', 'last_status_code',
  'last_latency_ms', 'last_error', 'last_status_change_at', 'next_check_at', 'created_at', 'updated_at', 'uptime_24h', 'uptime_30d',
  'target', 'ping_url', 'last_ping_at', 'ping_deadline', 'degraded', 'failing_locations'];

/** The fields only some types have (the API refuses another type's): each type's own. */
const POLLED = ['check_interval', 'timeout'];
const TYPE_FIELDS = {
  http: [...POLLED, 'url', 'expected_status_code', 'expected_status_codes', 'method', 'headers', 'body', 'content_type',
    'assertions', 'follow_redirects', 'tls_expiry_days'],
  tcp: [...POLLED, 'host', 'port', 'tls', 'tls_expiry_days'],
  dns: [...POLLED, 'hostname', 'record_type', 'resolver', 'expected_values'],
  heartbeat: ['period', 'grace'],
};
export const TYPES = Object.keys(TYPE_FIELDS);
export const POLLED_TYPES = TYPES.filter((t) => TYPE_FIELDS[t].includes('check_interval'));

/** Drops what the config's type does not have, so that a changed type sends only the new type's fields. */
export function onlyFieldsOfType(config) {
  const own = TYPE_FIELDS[config.type || 'http'];
  Object.values(TYPE_FIELDS).flat().filter((f) => !own.includes(f)).forEach((f) => delete config[f]);
  return config;
}

/** A monitor as PUT takes it back: its configuration only. */
export function configOf(monitor) {
  const config = { ...monitor };
  STATE_FIELDS.forEach((f) => delete config[f]);
  onlyFieldsOfType(config);
  if ((config.type || 'http') !== 'http') return config;
  // Responses show a single expected code both ways; a request may name it only one way.
  setExpectedCode(config, config.expected_status_code ?? null);
  return config;
}

/** One code replaces a set; no code keeps the monitor's set (or the default when it has none). */
export function setExpectedCode(config, code) {
  if (code !== null) {
    config.expected_status_code = code;
    delete config.expected_status_codes;
  } else {
    delete config.expected_status_code;
  }
}
