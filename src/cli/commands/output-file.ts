/**
 * Reading and writing the files a command was told to, saying which one failed and why: one
 * vocabulary of file system errors for both.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { OkrError } from "../../core/errors.js";

/** A file system error in words: "no such folder", "permission denied", … */
export function fileErrorReason(error: unknown, missing: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return missing;
  if (code === "ENOTDIR") return "a part of the path is a file, not a folder";
  if (code === "EISDIR") return "it is a folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EEXIST") return "it exists already";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EROFS") return "the file system is read-only";
  return error instanceof Error ? error.message : String(error);
}

/** `invalid_input` naming FILE (or "standard input"), for an error met reading it. */
export function cannotRead(file: string, error: unknown): OkrError {
  return new OkrError(
    "invalid_input",
    `Cannot read ${file}: ${fileErrorReason(error, "no such file")}`,
  );
}

/** `invalid_input` naming FILE, for an error met writing it. */
export function cannotWrite(file: string, error: unknown): OkrError {
  return new OkrError(
    "invalid_input",
    `Cannot write ${file}: ${fileErrorReason(error, "no such folder")}`,
  );
}

/** Writes FILE, or says which file could not be written and why. */
export async function writeOutputFile(file: string, content: string | Uint8Array): Promise<void> {
  try {
    await (typeof content === "string"
      ? writeFile(file, content, "utf8")
      : writeFile(file, content));
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

/** Makes the folder DIR (and its parents), or says why it cannot be made. */
export async function makeOutputFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw cannotWrite(dir, error);
  }
}
