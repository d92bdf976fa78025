// Answering the extension's own messages (runtime.onMessage), in the
// background and in the content script alike.

/**
 * Runs `work` and replies with its result, or with `{ error }` saying why it
 * failed. Returns true: the listener's "I will reply later".
 */
export function answer(work, reply) {
  Promise.resolve()
    .then(work)
    .then(reply, (error) => reply({ error: error?.message ?? String(error) }));
  return true;
}
