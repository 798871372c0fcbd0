// Policy documents for tests: the Yingkou seed and small generated documents of the same shape.
import { readFileSync } from "node:fs";
import type { LightMyRequestResponse } from "fastify";
import type { TestApp, TestClient } from "./app.js";

export const SEED_PATH = new URL("../../seeds/yingkou-talent-policy-2017.txt", import.meta.url).pathname;
export const seedBytes = (): Buffer => readFileSync(SEED_PATH);

export interface MeasureSpec {
  title: string;
  lead: string[];
  responsible?: string[];
  due?: string;
}

const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** A policy in the seed's shape: one section, measures （一）（二）… with unit labels. */
export function policyText(title: string, measures: readonly MeasureSpec[]): string {
  const lines = [title, "", "一、总体要求", ""];
  measures.forEach((m, i) => {
    lines.push(`(${CN[i]})${m.title}。围绕${m.title}开展工作，确保取得实效。`);
    const units = [`牵头单位:${m.lead.join("、")}`];
    if (m.responsible && m.responsible.length > 0) units.push(`责任单位:${m.responsible.join("、")}`);
    lines.push(units.join("  "));
    if (m.due) lines.push(`完成时限:${m.due}`);
    lines.push("");
  });
  return lines.join("\n");
}

export function upload(
  client: TestClient,
  content: string | Buffer,
  options: { filename?: string; reportPeriod?: "monthly" | "quarterly" } = {},
): Promise<LightMyRequestResponse> {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return client.post("/api/policy/documents", {
    filename: options.filename ?? "policy.txt",
    contentBase64: bytes.toString("base64"),
    ...(options.reportPeriod ? { reportPeriod: options.reportPeriod } : {}),
  });
}

/** Imports a document as the talent office and returns its tasks' ids in measure order. */
export async function importTasks(
  t: TestApp,
  title: string,
  measures: readonly MeasureSpec[],
  options: { reportPeriod?: "monthly" | "quarterly" } = {},
): Promise<{ documentId: string; taskIds: string[] }> {
  const office = await t.login("office");
  const res = await upload(office, policyText(title, measures), options);
  if (res.statusCode !== 201) throw new Error(`import failed: ${res.statusCode} ${res.body}`);
  const documentId = res.json().document.id as string;
  const tasks = await t.rt.deps.database.db
    .selectFrom("tasks")
    .innerJoin("policy_measures", "policy_measures.id", "tasks.measure_id")
    .select(["tasks.id"])
    .where("tasks.document_id", "=", documentId)
    .orderBy("policy_measures.position")
    .execute();
  return { documentId, taskIds: tasks.map((r) => r.id) };
}

/** The task made from measure number `no` of a document. */
export async function taskOfMeasure(t: TestApp, documentId: string, no: number): Promise<string> {
  const row = await t.rt.deps.database.db
    .selectFrom("tasks")
    .innerJoin("policy_measures", "policy_measures.id", "tasks.measure_id")
    .select("tasks.id")
    .where("tasks.document_id", "=", documentId)
    .where("policy_measures.no", "=", no)
    .executeTakeFirstOrThrow();
  return row.id;
}
