/**
 * The worker thread of `import-read.ts`: reads one import's text and answers the document,
 * or the error it met (an `OkrError`'s code and message; anything else as internal).
 */
import { parentPort, workerData } from "node:worker_threads";
import { isOkrError } from "../core/errors.js";
import { type ReadAnswer, type ReadInput, readImportDocument } from "./import-read.js";

const { text, format, calendar, section } = workerData as ReadInput;

let answer: ReadAnswer;
try {
  answer = { document: readImportDocument(text, format, calendar, section) };
} catch (error) {
  answer = isOkrError(error)
    ? { error: { code: error.code, message: error.message, details: error.details } }
    : { error: { code: "internal_error", message: "The page could not be read." } };
}
parentPort?.postMessage(answer);
