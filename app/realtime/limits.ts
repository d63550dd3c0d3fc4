/** Realtime limits with units and reasons. */

/** Largest socket.io message the server reads at all; bigger ones close the connection. */
export const MAX_HTTP_BUFFER_BYTES = 1_000_000;
/** Largest payload a handler accepts (serialised JSON); bigger ones are refused in the ack. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Per socket: a burst of 60 messages, refilled at 30 per second (~one per frame). */
export const RATE_BURST = 60;
export const RATE_PER_SECOND = 30;
/** A socket refused this many times within one window is flooding and is disconnected;
 *  the count starts again each window, so a busy but honest client is never cut off. */
export const MAX_REFUSALS_BEFORE_DISCONNECT = 500;
export const REFUSAL_WINDOW_MS = 10_000;
