/** Timing constants of the data layer, with units and reasons. */

/** Writes that arrive within this window share one serialisation. Short enough
 *  that a form post barely notices, long enough to fold a burst into one write. */
export const WRITE_WINDOW_MS = 10;

/** Serialisation yields to the event loop after this much work, so a 10 MB file
 *  never blocks requests or sockets for longer than a frame or two. */
export const SERIALISE_SLICE_MS = 6;

/** Backups: one at start, then one a day; the newest seven are kept. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const BACKUPS_KEPT = 7;
