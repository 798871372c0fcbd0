import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.js";
import { servedOverHttps, sessionCookieOf, setSessionCookies } from "../../http/cookies.js";
import { requestMeta } from "../../http/guard.js";
import { AppError, type FieldError } from "../../lib/errors.js";
import type { Services } from "../../services.js";
import { LODGE_RATE_LIMIT } from "../publicity/publicity.routes.js";
import { COLUMNS, isColumnKey } from "./columns.js";
import type { CatalogueReader } from "./guide.js";
import { guideItemPage, guideListPage, guideMatches, guideSummaries } from "./guide.js";
import { visitorOf } from "./portal.service.js";
import { publicityPage, type RegisterKind, registerPage } from "./views/forms.js";
import { isLang, LANG_COOKIE, langOf, type PageCtx, safeNext, todayText } from "./views/i18n.js";
import {
  articlePage,
  certificateCheckPage,
  columnPage,
  homePage,
  type Missing,
  notFoundPage,
  searchPage,
} from "./views/pages.js";

// The public portal: server-rendered HTML under /portal, readable without JavaScript. Forms post
// urlencoded bodies; a refused form comes back as the same page (422) with each field's problem.

/** The repository's root: the nearest folder above this module with a package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the portal module");
    dir = parent;
  }
  return dir;
}

const ASSET_TYPES: Record<string, string> = {
  "portal.css": "text/css; charset=utf-8",
  "portal.js": "text/javascript; charset=utf-8",
};

function loadAssets() {
  const root = join(packageRoot(), "portal-web");
  return new Map(
    Object.entries(ASSET_TYPES).map(([name, type]) => {
      const body = readFileSync(join(root, name));
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
      return [name, { body, type, etag }] as const;
    }),
  );
}

const HTML = "text/html; charset=utf-8";
/** Stands in for the view count in a cached article page (a count can never be negative). */
const VIEWS_SLOT = -1;
const MAX_RENDERED = 200;
const Loose = Type.String({ maxLength: 200 });
const FormBody = Type.Record(Type.String(), Type.String());
const LANG_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export function portalPageRoutes(services: Services, config: Config): FastifyPluginAsyncTypebox {
  const assets = loadAssets();
  /** Rendered article pages, split around the view count, by article version and day. */
  const renderedArticles = new Map<string, [string, string]>();
  const now = () => services.portal.now();
  /** The page context of a request: its language (cookie) and the address the switch returns to. */
  const ctxOf = (request: FastifyRequest, path: string = request.url): PageCtx => ({
    now: now(),
    lang: langOf(request.cookies[LANG_COOKIE]),
    path,
  });
  // The 办事指南 reads the published catalogue once the services domain provides it.
  const catalogue = (services as unknown as { catalogue?: Partial<CatalogueReader> }).catalogue;
  const reader: CatalogueReader | null =
    catalogue?.listPublished && catalogue.getPublished ? (catalogue as CatalogueReader) : null;

  // Referrer-Policy same-origin instead of the app's no-referrer: under no-referrer browsers send
  // "Origin: null" with form posts, which the guard's Origin check (rightly) refuses.
  const page = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .code(status)
      .header("content-type", HTML)
      .header("cache-control", "no-cache")
      .header("referrer-policy", "same-origin")
      .send(body);
  const notFound = (request: FastifyRequest, reply: FastifyReply, what?: Missing) =>
    page(reply, notFoundPage(ctxOf(request), what), 404);
  const secureOf = (request: FastifyRequest) => servedOverHttps(config, request);

  const fieldErrorsOf = (error: unknown): FieldError[] | null =>
    error instanceof AppError && error.status === 422 ? error.fieldErrors : null;

  return async (app) => {
    // HTML forms post application/x-www-form-urlencoded; only this plugin's routes accept it.
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string" },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );

    app.get(
      "/portal/assets/:file",
      { config: { policy: "public" }, schema: { hide: true, params: Type.Object({ file: Loose }) } },
      async (request, reply) => {
        const asset = assets.get(request.params.file);
        if (!asset) return notFound(request, reply, "notFoundFile");
        if (request.headers["if-none-match"] === asset.etag) return reply.code(304).send();
        return reply
          .header("content-type", asset.type)
          .header("cache-control", "public, max-age=3600")
          .header("etag", asset.etag)
          .send(asset.body);
      },
    );

    // The front door: a visitor without a session gets the portal at once (no app bundle to load);
    // a signed-in user gets the app, as before.
    app.get("/", { config: { policy: "public" }, schema: { hide: true } }, async (request, reply) => {
      if (!sessionCookieOf(config, request)) return reply.redirect("/portal", 302);
      return reply.callNotFound();
    });

    // The 中文 / EN switch in every page's header: remembers the choice in a cookie and goes back to
    // the page it was clicked on. Only a path on this site is followed; anything else leads home.
    app.get(
      "/portal/lang/:lang",
      {
        config: { policy: "public" },
        schema: {
          hide: true,
          params: Type.Object({ lang: Loose }),
          querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) }),
        },
      },
      async (request, reply) => {
        const { lang } = request.params;
        if (!isLang(lang)) return notFound(request, reply);
        reply.setCookie(LANG_COOKIE, lang, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: secureOf(request),
          maxAge: LANG_COOKIE_MAX_AGE_S,
        });
        return reply
          .header("cache-control", "no-store")
          .redirect(safeNext(request.query.next) ?? "/portal", 303);
      },
    );

    app.get("/portal", { config: { policy: "public" }, schema: { hide: true } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const [columns, notices, guide] = await Promise.all([
        services.portal.home(),
        services.publicity.listPublic(3),
        reader ? guideSummaries(reader, ctx.lang) : Promise.resolve(null),
      ]);
      return page(reply, homePage(ctx, columns, guide, notices));
    });

    app.get(
      "/portal/columns/:key",
      {
        config: { policy: "public" },
        schema: {
          hide: true,
          params: Type.Object({ key: Loose }),
          querystring: Type.Object({ cursor: Type.Optional(Loose) }),
        },
      },
      async (request, reply) => {
        const { key } = request.params;
        if (key === "guide") return reply.redirect("/portal/guide", 301);
        if (!isColumnKey(key)) return notFound(request, reply, "notFoundColumn");
        let list: Awaited<ReturnType<typeof services.portal.column>>;
        try {
          list = await services.portal.column(key, request.query.cursor);
        } catch (error) {
          if (error instanceof AppError && error.code === "BAD_CURSOR")
            return notFound(request, reply, "notFoundListPage");
          throw error;
        }
        const notices =
          key === "publicity" && !request.query.cursor ? await services.publicity.listPublic(50) : [];
        return page(reply, columnPage(ctxOf(request), key, list.items, list.nextCursor, notices));
      },
    );

    app.get(
      "/portal/articles/:id",
      { config: { policy: "public" }, schema: { hide: true, params: Type.Object({ id: Loose }) } },
      async (request, reply) => {
        const row = await services.portal.publicArticleState(request.params.id);
        if (!row) return notFound(request, reply, "notFoundArticle");
        let views = row.view_count;
        if (request.method === "GET") {
          const meta = requestMeta(request);
          if (await services.portal.recordView(row.id, visitorOf(meta.ip, meta.userAgent))) views += 1;
        }
        // The page around the view count is the same for every reader of a language until the article
        // changes (or the date in the header does): render it once per language. The switch in the
        // header returns to the article's own address, so the cached page fits every reader.
        const ctx = ctxOf(request, `/portal/articles/${row.id}`);
        const key = `${row.id}|${row.updated_at}|${ctx.lang}|${todayText(ctx.lang, ctx.now)}`;
        let parts = renderedArticles.get(key);
        if (!parts) {
          const found = await services.portal.publicArticle(row.id);
          if (!found) return notFound(request, reply, "notFoundArticle");
          const { row: article, attachments, structure } = found;
          const html = articlePage(ctx, {
            id: article.id,
            column: isColumnKey(article.column_key) ? article.column_key : "notices",
            title: article.title,
            source: article.source,
            publishAt: article.publish_at,
            viewCount: VIEWS_SLOT,
            summary: article.summary,
            bodyHtml: article.body_html,
            attachments,
            structure,
          });
          const at = html.indexOf(`>${VIEWS_SLOT}<`) + 1;
          parts = [html.slice(0, at), html.slice(at + String(VIEWS_SLOT).length)];
          if (renderedArticles.size >= MAX_RENDERED)
            renderedArticles.delete(renderedArticles.keys().next().value!);
          renderedArticles.set(key, parts);
        }
        return page(reply, parts[0] + String(views) + parts[1]);
      },
    );

    app.get(
      "/portal/files/:id",
      { config: { policy: "public" }, schema: { hide: true, params: Type.Object({ id: Loose }) } },
      async (request, reply) => {
        const file = await services.portal.publicAttachment(request.params.id);
        if (!file) return notFound(request, reply, "notFoundAttachment");
        return reply
          .header("content-type", file.mime)
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
          .header("x-content-type-options", "nosniff")
          .send(file.stream);
      },
    );

    app.get(
      "/portal/search",
      {
        config: { policy: "public" },
        schema: {
          hide: true,
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }),
        },
      },
      async (request, reply) => {
        const q = (request.query.q ?? "").trim();
        const ctx = ctxOf(request);
        const [results, guide] = await Promise.all([
          q === "" ? Promise.resolve([]) : services.portal.search(q),
          q === "" || !reader ? Promise.resolve([]) : guideMatches(reader, q, ctx.lang),
        ]);
        return page(reply, searchPage(ctx, q, results, guide));
      },
    );

    // 证书查验: anyone types a certificate number; the answer masks the holder's name.
    app.get(
      "/portal/certificates",
      {
        config: { policy: "public" },
        schema: { hide: true, querystring: Type.Object({ number: Type.Optional(Loose) }) },
      },
      async (request, reply) => {
        const ctx = ctxOf(request);
        const number = (request.query.number ?? "").trim();
        if (number === "") return page(reply, certificateCheckPage(ctx, "", null));
        if (number.length < 4 || number.length > 40) {
          return page(reply, certificateCheckPage(ctx, number, "bad"), 422);
        }
        const found = await services.certificates.check(number).catch((e: unknown) => {
          if (e instanceof AppError && e.status === 404) return "notFound" as const;
          throw e;
        });
        return page(reply, certificateCheckPage(ctx, number, found), found === "notFound" ? 404 : 200);
      },
    );

    app.get(
      "/portal/guide",
      { config: { policy: "public" }, schema: { hide: true } },
      async (request, reply) => {
        const ctx = ctxOf(request);
        const [items, articles] = await Promise.all([
          reader ? guideSummaries(reader, ctx.lang) : Promise.resolve([]),
          services.portal.column("guide"),
        ]);
        return page(reply, guideListPage(ctx, items, articles.items));
      },
    );

    app.get(
      "/portal/guide/:code",
      { config: { policy: "public" }, schema: { hide: true, params: Type.Object({ code: Loose }) } },
      async (request, reply) => {
        const item = reader ? await reader.getPublished(request.params.code) : null;
        if (!item) return notFound(request, reply, "notFoundGuide");
        return page(reply, guideItemPage(ctxOf(request), item));
      },
    );

    app.get(
      "/portal/publicity/:id",
      { config: { policy: "public" }, schema: { hide: true, params: Type.Object({ id: Loose }) } },
      async (request, reply) => {
        const notice = await services.publicity.publicView(request.params.id).catch(() => null);
        if (!notice) return notFound(request, reply, "notFoundNotice");
        return page(reply, publicityPage(ctxOf(request), notice, { values: {}, errors: [] }, null));
      },
    );

    app.post(
      "/portal/publicity/:id/objections",
      {
        config: { policy: "public", rateLimit: LODGE_RATE_LIMIT },
        schema: { hide: true, params: Type.Object({ id: Loose }), body: FormBody },
      },
      async (request, reply) => {
        const notice = await services.publicity.publicView(request.params.id).catch(() => null);
        if (!notice) return notFound(request, reply, "notFoundNotice");
        // A refused or accepted form is shown at the POST's address; the switch goes to the notice.
        const ctx = ctxOf(request, `/portal/publicity/${encodeURIComponent(notice.id)}`);
        const values = {
          name: request.body.name ?? "",
          contact: request.body.contact ?? "",
          reason: request.body.reason ?? "",
        };
        try {
          const lodged = await services.publicity.lodge(requestMeta(request), notice.id, values);
          return page(reply, publicityPage(ctx, notice, { values, errors: [] }, lodged), 201);
        } catch (error) {
          const errors = fieldErrorsOf(error);
          if (errors) return page(reply, publicityPage(ctx, notice, { values, errors }, null), 422);
          if (error instanceof AppError && error.code === "PUBLICITY_CLOSED")
            return page(
              reply,
              publicityPage(ctx, { ...notice, phase: "over" }, { values, errors: [] }, null),
              409,
            );
          throw error;
        }
      },
    );

    app.get(
      "/portal/register",
      {
        config: { policy: "public" },
        schema: { hide: true, querystring: Type.Object({ type: Type.Optional(Loose) }) },
      },
      async (request, reply) => {
        const kind: RegisterKind = request.query.type === "employer" ? "employer" : "talent";
        return page(reply, registerPage(ctxOf(request), kind, { values: {}, errors: [] }));
      },
    );

    for (const kind of ["talent", "employer"] as const) {
      app.post(
        `/portal/register/${kind}`,
        {
          config: { policy: "public", rateLimit: { max: 20, timeWindow: "1 minute" } },
          schema: { hide: true, body: FormBody },
        },
        async (request, reply) => {
          const b = request.body;
          const ctx = ctxOf(request, `/portal/register?type=${kind}`);
          const s = (k: string) => (typeof b[k] === "string" ? b[k] : "");
          const values: Record<string, string> = {};
          for (const k of ["username", "realName", "idNumber", "mobile", "orgName", "uscc", "contactName"])
            values[k] = s(k);
          try {
            const common = {
              username: s("username"),
              mobile: s("mobile"),
              password: s("password"),
              password2: s("password2"),
            };
            const registered =
              kind === "talent"
                ? await services.registration.registerTalent(requestMeta(request), {
                    ...common,
                    realName: s("realName"),
                    idNumber: s("idNumber"),
                  })
                : await services.registration.registerEmployer(requestMeta(request), {
                    ...common,
                    orgName: s("orgName"),
                    uscc: s("uscc"),
                    contactName: s("contactName"),
                  });
            setSessionCookies(config, request, reply, registered.session);
            // Straight into their own area of the app.
            return reply.redirect("/", 303);
          } catch (error) {
            const errors = fieldErrorsOf(error);
            if (errors) return page(reply, registerPage(ctx, kind, { values, errors }), 422);
            if (error instanceof AppError && error.status === 409)
              return page(
                reply,
                registerPage(ctx, kind, {
                  values,
                  errors: [{ path: "/username", message: { zh: error.zh, en: error.en } }],
                }),
                409,
              );
            throw error;
          }
        },
      );
    }

    // Anything else under /portal is a friendly 404 page, not the admin app.
    app.get("/portal/*", { config: { policy: "public" }, schema: { hide: true } }, async (request, reply) =>
      notFound(request, reply),
    );
    void COLUMNS;
  };
}
