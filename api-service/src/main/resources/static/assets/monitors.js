// The monitors the dashboard has read, by id: views put what they read from the API, and names come from here
// without reading a monitor twice. It never holds the fleet: the list reads one page at a time from the server,
// and this cache keeps only the most recently read monitors.
import { get } from './api.js';

/** Enough for a few pages of the list and what the other views name; the oldest read goes first. */
const KEEP = 1000;
const known = new Map();

export const monitors = {
  get: (id) => known.get(id),
  put: (monitor) => {
    known.delete(monitor.id);
    known.set(monitor.id, monitor);
    if (known.size > KEEP) known.delete(known.keys().next().value);
  },
  remove: (id) => known.delete(id),
  clear: () => known.clear(),

  /** The names of the given monitors, those not read yet read by id (the views that ask name few: at most 50 read). */
  async names(ids) {
    const wanted = [...new Set(ids)];
    await Promise.all(wanted.filter((id) => !known.has(id)).slice(0, 50)
      .map((id) => get(`/monitors/${id}`).then(monitors.put).catch(() => {})));
    return new Map(wanted.filter((id) => known.has(id)).map((id) => [id, known.get(id).name]));
  },
};
