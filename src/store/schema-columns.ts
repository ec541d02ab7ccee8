/**
 * Column types several tables share.
 * Conventions every table follows: see schema.ts.
 */

/** 0 or 1. */
export type IntBool = number;
