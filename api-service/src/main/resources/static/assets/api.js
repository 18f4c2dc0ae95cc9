// The API client of the dashboard: sends the key from sessionStorage as a header (never in a URL or a cookie) and
// turns problem+json answers into ApiError.

const KEY = 'health-monitor-api-key';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The field errors of a 400/409 problem, as {field: message}. */
  fieldErrors() {
    const errors = {};
    for (const e of this.problem.errors || []) {
      const field = e.field.replace(/\[\d+\].*$/, '').replace(/^groups\.?/, 'groups');
      errors[field] = errors[field] ? `${errors[field]}; ${e.message}` : `${e.field.includes('[') ? e.field + ' ' : ''}${e.message}`;
    }
    return errors;
  }
}

export const apiKey = {
  get: () => sessionStorage.getItem(KEY),
  set: (key) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/** The request headers, with the key when there is one. */
export function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const key = apiKey.get();
  if (key) h['X-API-Key'] = key;
  return h;
}

export async function request(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  if (response.status === 204) return { data: null, response };
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, response };
}

export const get = async (path) => (await request('GET', path)).data;

/** Follows Link: rel="next" until the end, calling onPage with each page as it arrives. */
export async function getAll(path, onPage) {
  let next = path;
  const all = [];
  while (next) {
    const { data, response } = await request('GET', next);
    all.push(...data);
    if (onPage) onPage(data, all);
    const link = response.headers.get('Link');
    const match = link && link.match(/<([^>]+)>;\s*rel="next"/);
    next = match ? new URL(match[1], location.href).pathname + new URL(match[1], location.href).search : null;
  }
  return all;
}

/** A failure as a sentence for the page: the API's own words, or why it could not be reached. */
export function problemText(e) {
  if (e instanceof ApiError) return e.message;
  return `The API could not be reached (${e.message}).`;
}
