// What request logs may say about a URL: the path, with anything shaped like an 18-digit ID number
// or a mainland mobile number masked, and never the query string (search terms, filters and tokens
// travel there). Bodies are never logged.

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  const path = (q < 0 ? url : url.slice(0, q)).replace(ID_NUMBER, "[id]").replace(MOBILE, "[phone]");
  return q < 0 ? path : `${path}?[query redacted]`;
}

export const requestLogSerializers = {
  req(req: { method: string; url: string; ip?: string; id?: string }) {
    return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip };
  },
};
