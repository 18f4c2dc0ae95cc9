// The API client of the dashboard: sends the key from sessionStorage as a header (never in a URL or a cookie),
// turns problem+json answers into ApiError, and reads the SSE stream with fetch, which unlike EventSource can send
// the key header.

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

function headers(extra = {}) {
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

/**
 * Reads /events (Server-Sent Events) over fetch and calls onEvent(name, data) for each event. Reconnects after a
 * drop, calling onState('on' | 'reconnecting') so the page can say whether it is live and reload what it missed.
 */
export function subscribe(onEvent, onState) {
  let stopped = false;
  let controller;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch('/events', { headers: headers({ Accept: 'text/event-stream' }), signal: controller.signal });
        if (!response.ok) throw new ApiError(response.status, null);
        onState('on');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
            let name = 'message';
            const data = [];
            for (const line of block.split(/\r?\n/)) {
              if (line.startsWith('event:')) name = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (data.length) onEvent(name, JSON.parse(data.join('\n')));
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  run();
  return () => { stopped = true; controller?.abort(); };
}
