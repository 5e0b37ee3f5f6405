import type { AppError } from "../errors.js";
import { isUniqueViolation } from "./database.js";

/**
 * Runs a write whose uniqueness was checked beforehand; when a concurrent request wins the race, the
 * database's unique index refuses it, and the caller gets the same conflict the check would have given.
 */
export async function onDuplicate<T>(write: Promise<T>, refusal: () => AppError): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err)) throw refusal();
    throw err;
  }
}
