/**
 * Sign-in links, service-order links and survey links carry their secret as `?token=`: a logged URL
 * would let whoever reads the logs sign in as the client or decide the order. The value is masked.
 */
export function maskedUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, "$1[oculto]");
}

/** What the serializer reads of the request Fastify hands it. */
interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request line in the log (method, url, host, peer), with the URL masked. */
export function requestLogLine(req: LoggedRequest) {
  return {
    method: req.method,
    url: maskedUrl(req.url ?? ""),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
