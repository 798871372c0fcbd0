import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import AjvCompiler from "@fastify/ajv-compiler";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import Fastify, { type FastifyInstance } from "fastify";
import helmet from "helmet";
import type { Config } from "./config.js";
import { servedOverHttps } from "./http/cookies.js";
import { registerGuard, requestMeta } from "./http/guard.js";
import { requestLogSerializers } from "./http/log-redact.js";
import { problemOf, sendProblem } from "./http/problem.js";
import type { Deps } from "./lib/context.js";
import { AppError } from "./lib/errors.js";
import { applicationRoutes } from "./modules/applications/applications.routes.js";
import { assessmentRoutes } from "./modules/assessment/assessment.routes.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { calculatorRoutes } from "./modules/calculator/calculator.routes.js";
import { catalogueRoutes } from "./modules/catalogue/catalogue.routes.js";
import { certificateRoutes } from "./modules/certificates/certificates.routes.js";
import { clauseReportRoutes } from "./modules/clause-report/clause-report.routes.js";
import { evaluationRoutes } from "./modules/evaluation/evaluation.routes.js";
import { fileRoutes } from "./modules/files/files.routes.js";
import { fundsRoutes } from "./modules/funds/funds.routes.js";
import { homeRoutes } from "./modules/home/home.routes.js";
import { hrAgencyRoutes } from "./modules/hr-agencies/hr-agencies.routes.js";
import { authRoutes } from "./modules/identity/auth.routes.js";
import { mfaRoutes } from "./modules/identity/mfa.routes.js";
import { userRoutes } from "./modules/identity/users.routes.js";
import { notificationRoutes } from "./modules/notifications/notifications.routes.js";
import { orgRoutes } from "./modules/orgs/orgs.routes.js";
import { policyRoutes } from "./modules/policy/policy.routes.js";
import { portalPageRoutes } from "./modules/portal/portal.pages.js";
import { portalRoutes } from "./modules/portal/portal.routes.js";
import { proactiveRoutes } from "./modules/proactive/proactive.routes.js";
import { publicityRoutes } from "./modules/publicity/publicity.routes.js";
import { claimRoutes } from "./modules/registry/claims.routes.js";
import { registryRoutes } from "./modules/registry/registry.routes.js";
import { settingsRoutes } from "./modules/settings/settings.routes.js";
import { supervisionRoutes } from "./modules/supervision/supervision.routes.js";
import { taskRoutes } from "./modules/tasks/tasks.routes.js";
import type { Services } from "./services.js";

export interface RouteInfo {
  method: string;
  url: string;
  policy: string | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
    routeInventory: RouteInfo[];
  }
}

export interface AppOptions {
  config: Config;
  deps: Deps;
  services: Services;
  logger?: boolean | object;
}

/** pino settings: readable lines at a terminal, JSON elsewhere; secrets redacted. */
function defaultLogger(config: Config) {
  return {
    level: config.logLevel,
    // Humans at a terminal get readable lines; services and files get JSON.
    ...(process.stdout.isTTY
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" },
          },
        }
      : {}),
    redact: [
      "req.headers.cookie",
      "req.headers.authorization",
      'req.headers["x-csrf-token"]',
      'res.headers["set-cookie"]',
    ],
  };
}

/** Builds the HTTP app without listening, so tests drive it through app.inject. */
const coercing = AjvCompiler();
const exact = AjvCompiler();

/** One validator compiler per request part: coercing for text parts, exact for bodies. */
const strictBodyValidator: typeof coercing = (externalSchemas, options) => {
  const forText = coercing(externalSchemas, options);
  // The server always passes Ajv (not JTD) options; only coercion differs.
  const forBody = exact(externalSchemas, {
    ...options,
    customOptions: { ...(options?.customOptions ?? {}), coerceTypes: false },
  } as Parameters<typeof exact>[1]);
  return (route) => (route.httpPart === "body" ? forBody(route) : forText(route));
};

export async function buildApp({ config, deps, services, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            ...defaultLogger(config),
            ...(typeof logger === "object" ? logger : {}),
            serializers: requestLogSerializers,
          },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: "array", useDefaults: true },
    },
    // Query strings, path parameters and headers are text and are coerced to their schema's types;
    // JSON bodies are not: "100" sent for an amount in 分 is refused (400), never read as 100.
    schemaController: { compilersFactory: { buildValidator: strictBodyValidator } },
    // The router's own refusals (malformed percent-encoding, a path parameter over maxParamLength)
    // come before any route, so they are mapped here to the same problem+json as everything else.
    frameworkErrors: (error, request, reply) => sendProblem(reply, request, problemOf(error)),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("deps", deps);
  app.decorate("routeInventory", [] as RouteInfo[]);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      app.routeInventory.push({ method, url: route.url, policy: route.config?.policy });
    }
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  // helmet's middleware, built once. (@fastify/helmet 13 rebuilds it, re-parsing the CSP, on every
  // request; measured at a quarter of an authenticated read's time, see bench/results/http.md.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS is sent per request below: whenever the request is served over https.
    strictTransportSecurity: false,
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (servedOverHttps(config, request))
      reply.raw.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () =>
      new AppError("too_many", "RATE_LIMITED", {
        zh: "请求过于频繁，请稍后再试",
        en: "Too many requests; try again later",
      }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "rencai API",
        description: "营口市人才发展服务平台 / rencai talent platform",
        version: "0.1.0",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "rencai_sid" } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    // Everything is served from here: no validator badge from swagger.io, no https: sources.
    uiConfig: { validatorUrl: null },
    staticCSP: true,
    transformStaticCSP: () =>
      "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'",
  });

  registerGuard(app, config, services.resolveSession);

  app.setErrorHandler(async (error, request, reply) => {
    const problem = problemOf(error);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    // Every denial (policy, CSRF, forced password change) leaves a trace for the auditor; so do a
    // signed-in user's 404 on a route (a probe of an object they may not see looks the same as a
    // missing one, on purpose) and every refused transition (409).
    const probe = problem.status === 404 && request.actor !== null && request.routeOptions.url !== undefined;
    if (problem.status === 403 || problem.status === 409 || probe) {
      await services.audit.writeDenied(request.actor, requestMeta(request), {
        code: problem.code,
        status: problem.status,
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        url: request.url.split("?")[0],
        policy: request.routeOptions.config?.policy ?? null,
      });
    }
    return sendProblem(reply, request, problem);
  });

  app.get(
    "/api/health",
    {
      config: { policy: "public" },
      schema: {
        tags: ["platform"],
        response: { 200: Type.Object({ status: Type.String(), database: Type.String() }) },
      },
    },
    async () => ({ status: "ok", database: deps.database.dialect }),
  );
  await app.register(authRoutes(services, config));
  await app.register(mfaRoutes(services.mfa));
  await app.register(userRoutes(services));
  await app.register(orgRoutes(services.orgs));
  await app.register(homeRoutes(services.home));
  await app.register(certificateRoutes(services.certificates));
  await app.register(hrAgencyRoutes(services.hrAgencies));
  await app.register(clauseReportRoutes(services.clauseReport));
  await app.register(evaluationRoutes(services.evaluation));
  await app.register(auditRoutes(services));
  await app.register(settingsRoutes(services));
  await app.register(notificationRoutes(services));
  await app.register(policyRoutes(services));
  await app.register(taskRoutes(services));
  await app.register(supervisionRoutes(services));
  await app.register(assessmentRoutes(services));
  await app.register(fileRoutes(services));
  await app.register(fundsRoutes(services));
  await app.register(registryRoutes(services));
  await app.register(claimRoutes(services.claims));
  await app.register(publicityRoutes(services));
  await app.register(portalRoutes(services));
  await app.register(calculatorRoutes(services));
  await app.register(proactiveRoutes(services));
  await app.register(portalPageRoutes(services, config));
  await app.register(catalogueRoutes(services));
  await app.register(applicationRoutes(services));

  const hasWeb = existsSync(join(config.webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: false, maxAge: "1h" });
  }
  app.setNotFoundHandler(async (request, reply) => {
    // The single-page app owns every non-API path; the API answers unknown paths with a problem.
    if (hasWeb && request.method === "GET" && !request.url.startsWith("/api")) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    return sendProblem(reply, request, {
      status: 404,
      code: "ROUTE_NOT_FOUND",
      message: { zh: "请求的地址不存在", en: "No such route" },
      errors: [],
    });
  });

  return app;
}
