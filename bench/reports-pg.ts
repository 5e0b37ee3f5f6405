/** PostgreSQL half of the reports bench (filled in below when time allows). */
export async function postgresBench(_url: string, _tickets: number, _now: Date): Promise<Record<string, number>> {
  return {};
}
