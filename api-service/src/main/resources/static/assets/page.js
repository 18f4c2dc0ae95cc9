// The parts of the dashboard's shell that every view writes to: the main region and the screen-reader announcer.

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');

/** Replaces what the main region shows. */
export function show(...children) {
  main.replaceChildren(...children);
}

export function announce(text) {
  announcer.textContent = text;
}

export function focusMain() {
  main.focus({ preventScroll: true });
}
