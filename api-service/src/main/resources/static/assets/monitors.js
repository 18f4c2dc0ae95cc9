// The monitors the dashboard knows, kept across views so that going back to the list is instant. The one owner of
// that cache: views put what they read from the API, the list loads them all.
import { getAll } from './api.js';

const known = new Map();
let loaded = false;

export const monitors = {
  all: () => [...known.values()],
  count: () => known.size,
  put: (monitor) => known.set(monitor.id, monitor),
  remove: (id) => known.delete(id),
  /** Whether every monitor has been read since the last invalidate(). */
  isLoaded: () => loaded,
  /** The next load() reads everything again; what is known stays shown meanwhile. */
  invalidate: () => {
    loaded = false;
  },
  clear: () => {
    known.clear();
    loaded = false;
  },

  /**
   * Reads every monitor: DOWN first, so that the first rows to appear are the ones that matter (then onDown()), then
   * everything, page by page (onPage() after each).
   */
  async load(onDown, onPage) {
    const down = await getAll('/monitors?status=DOWN&limit=1000');
    down.forEach(monitors.put);
    onDown();
    await getAll('/monitors?limit=1000', (page) => {
      page.forEach(monitors.put);
      onPage();
    });
    loaded = true;
    // A mark for the first-paint benchmark (docs/benchmarks.md); cheap, and visible in the browser's performance tools.
    if (!performance.getEntriesByName('all-monitors').length) performance.mark('all-monitors');
  },
};
