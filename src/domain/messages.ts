/**
 * What the domain tells a person, as a stable code with parameters; the HTTP edge (server/platform/i18n) and
 * the web app render it in the reader's language. The domain never writes sentences.
 */
export type MessageParams = Record<string, string | number>;

export interface Coded {
  code: string;
  params: MessageParams;
}

export const coded = (code: string, params: MessageParams = {}): Coded => ({ code, params });
