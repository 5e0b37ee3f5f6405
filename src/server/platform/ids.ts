import { createHash, randomBytes, randomUUID } from "node:crypto";

export const newId = (): string => randomUUID();
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");
export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
