/**
 * A search no index can answer (every word under 3 letters or digits: "rh", "pc") checks at most this
 * many tickets per request (about 15 ms of the server's time on the project's machine).
 *
 * A module of its own, without zod: the web's ticket lists read it, and taken from tickets.ts it
 * brought zod and every ticket schema into the files a cold load of the queue fetches.
 */
export const SEARCH_WALK_BUDGET = 5000;
