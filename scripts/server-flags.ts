/**
 * Node flags of the production server (`npm start`, the Playwright journeys, the benchmarks): the JavaScript heap is
 * capped at 256 MiB so the process stays within its memory budget (`npm run bench -- load`: without the cap V8 lets
 * garbage grow to ~510 MiB under load; with it the peak stays under 300 MiB, at ~10% fewer requests a second).
 * Files and exports are Buffers, outside this heap.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=256'];
