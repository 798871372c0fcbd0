// Portal helpers for tests: HTML form posts and an article written and published by the talent office.
import type { LightMyRequestResponse } from "fastify";
import type { TestClient } from "./app.js";

/** Posts an HTML form (application/x-www-form-urlencoded), as a browser without JavaScript does. */
export function postForm(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return client.request("POST", url, new URLSearchParams(fields).toString(), {
    "content-type": "application/x-www-form-urlencoded",
    ...headers,
  });
}

export async function publishArticle(
  office: TestClient,
  content: { column?: string; title: string; bodyHtml: string; source?: string },
  publish: { publishAt?: string | null; expiresAt?: string | null } = {},
): Promise<string> {
  const created = await office.post("/api/portal/articles", {
    column: content.column ?? "notices",
    title: content.title,
    source: content.source ?? "市委组织部",
    bodyHtml: content.bodyHtml,
  });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
  const id = created.json().article.id as string;
  const published = await office.post(`/api/portal/articles/${id}/publish`, publish);
  if (published.statusCode !== 200)
    throw new Error(`publish failed: ${published.statusCode} ${published.body}`);
  return id;
}

/** The number after 点击： on an article page. */
export function viewsOnPage(body: string): number {
  const m = /点击：<span class="views">(\d+)<\/span>/.exec(body);
  if (!m) throw new Error("no view count on the page");
  return Number(m[1]);
}
