/** The public OKR core: plain data in, plain data out. */
export * from "./carry-over.js";
export * from "./distribution.js";
export * from "./document.js";
export * from "./errors.js";
export * from "./fiscal-calendar.js";
export * from "./grading.js";
export * from "./ids.js";
export * from "./progress.js";
export * from "./roll-up.js";
export * from "./settings.js";
export * from "./tree.js";
export * from "./types.js";
export * from "./validate.js";
