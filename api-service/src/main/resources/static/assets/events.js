// The live event stream: /events (Server-Sent Events) read with fetch, which unlike EventSource can send the key
// header. This module owns the page's one stream and the "Live updates" line in the header.
import { ApiError, headers } from './api.js';

const indicator = document.getElementById('live');
let stop = null;

/**
 * Reads /events (Server-Sent Events) over fetch and calls onEvent(name, data) for each event. Reconnects after a
 * drop, calling onState('on' | 'reconnecting') so the page can say whether it is live and reload what it missed.
 */
function subscribe(onEvent, onState) {
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

/**
 * Opens the stream unless it is open: onStatusChange(change) for each status change, onReconnected() when the
 * stream is back after a drop (changes in between are not replayed).
 */
export function startLive({ onStatusChange, onReconnected }) {
  if (stop) return;
  let reconnecting = false;
  stop = subscribe((name, data) => {
    if (name === 'status-change') onStatusChange(data);
  }, (state) => {
    indicator.dataset.state = state;
    indicator.textContent = state === 'on' ? 'Live updates: on' : 'Live updates: reconnecting…';
    if (state === 'on' && reconnecting) onReconnected();
    reconnecting = state !== 'on';
  });
}

export function stopLive() {
  stop?.();
  stop = null;
}
