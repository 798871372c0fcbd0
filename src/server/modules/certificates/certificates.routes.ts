import type { FastifyInstance } from "fastify";
import { certificateContracts } from "../../../contracts/certificates.js";
import { mount } from "../../http/mount.js";
import type { CertificateService } from "./certificates.service.js";

const langOf = (accept: string | undefined): "zh" | "en" =>
  accept !== undefined && /^en\b/i.test(accept.trim()) ? "en" : "zh";

export function certificateRoutes(certificates: CertificateService) {
  return async (app: FastifyInstance) =>
    mount(app, certificateContracts, {
      "GET /api/certificates/mine": async ({ op }) => certificates.mine(op),
      "GET /api/certificates": async ({ op, query }) => certificates.list(op, query),
      "GET /api/certificates/:id": async ({ op, params }) => certificates.get(op, params.id),
      "GET /api/certificates/:id/print": async ({ op, params, request, reply }) => {
        const page = await certificates.print(op, params.id, langOf(request.headers["accept-language"]));
        return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(page);
      },
      "POST /api/certificates/:id/revoke": async ({ op, params, body }) =>
        certificates.revoke(op, params.id, body.reason),
      "GET /api/public/certificates/:number": async ({ params }) => certificates.check(params.number),
    });
}
