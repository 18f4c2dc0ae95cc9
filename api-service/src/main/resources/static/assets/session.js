// Who the dashboard is signed in as: the key's {id, name, scope, anonymous} from /api-keys/current, null until known.
// The one owner of that state; views ask canWrite().
import { ApiError, apiKey, request } from './api.js';

let caller = null;

export const currentCaller = () => caller;

const SCOPES = ['read', 'write', 'admin'];

/** Whether the key's scope includes {@code scope}: each includes the ones before it (read < write < admin). */
export const may = (scope) => caller !== null && SCOPES.indexOf(caller.scope) >= SCOPES.indexOf(scope);

/** A read key sees everything but is offered no change; write and admin keys may change monitors and pages. */
export const canWrite = () => may('write');

/** Only admin keys manage API keys and change settings (the daily summary). */
export const canAdmin = () => may('admin');

/**
 * Asks the API who the key of this tab is: {caller} when accepted, {caller: null, refused} when the API wants
 * another key (refused: a key was tried and not accepted). Other failures are thrown.
 */
export async function identify() {
  const tried = apiKey.get();
  try {
    caller = (await request('GET', '/api-keys/current')).data;
    return { caller, refused: false };
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    // Only the refused key goes: one entered while the request was under way is kept.
    if (apiKey.get() === tried) apiKey.clear();
    // A server that serves requests without a key still does after a stale key is dropped.
    if (tried && !apiKey.get()) {
      const again = await identify();
      return again.caller ? again : { caller: null, refused: true };
    }
    caller = null;
    return { caller: null, refused: Boolean(tried) };
  }
}

/** Drops the key and who it was. */
export function forget() {
  apiKey.clear();
  caller = null;
}
