/**
 * A search no index can answer (every word under 3 letters or digits: "rh", "pc"), or one of several
 * words the index cannot narrow enough ("rh impresora"; on SQLite also two common words, or one word
 * so common that the queue is walked for it: "os-2026", which only recent tickets hold), checks at
 * most this many tickets per request (about 15 ms of the server's time on the project's machine).
 *
 * A module of its own, without zod: the web's ticket lists read it, and taken from tickets.ts it
 * brought zod and every ticket schema into the files a cold load of the queue fetches.
 */
export const SEARCH_WALK_BUDGET = 5000;
