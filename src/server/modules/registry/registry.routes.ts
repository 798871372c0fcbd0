import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import { AppError } from "../../lib/errors.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import { contentDisposition } from "../files/detect.js";
import {
  BankChangeView,
  CodeParams,
  CreateTalentBody,
  DecideBankChangeBody,
  Employer,
  EmployerBody,
  ExplainBody,
  Explained,
  IdParams,
  ImportQuery,
  ImportResult,
  KindParams,
  ListBankChangesQuery,
  ListEmployersQuery,
  ListTalentsQuery,
  MAX_IMPORT_BYTES,
  RevealBody,
  Revealed,
  RuleCheck,
  RuleDocumentBody,
  RuleSetView,
  SaveRuleSetBody,
  SetTierBody,
  Talent,
  TalentSummary,
  UpdateEmployerBody,
  UpdateOwnBody,
  UpdateTalentBody,
} from "./registry.schema.js";

const tags = ["registry"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const OCTET_STREAM = "application/octet-stream";

export function registryRoutes(services: Services): FastifyPluginAsyncTypebox {
  const { talents, employers, imports, ruleSets, bankChanges } = services.registry;
  return async (app) => {
    app.get(
      "/api/registry/bank-changes",
      {
        config: { policy: "registry.decideBankChanges" },
        schema: {
          tags,
          summary: "Bank account changes awaiting confirmation / 银行账号变更确认",
          querystring: ListBankChangesQuery,
          response: { 200: Type.Object({ items: Type.Array(BankChangeView) }) },
        },
      },
      async (request) => ({ items: await bankChanges.list(opOf(request), request.query) }),
    );

    for (const decision of ["confirm", "reject"] as const)
      app.post(
        `/api/registry/bank-changes/:id/${decision}`,
        {
          config: { policy: "registry.decideBankChanges" },
          schema: {
            tags,
            summary:
              decision === "confirm"
                ? "Confirm a bank account change / 确认银行账号变更"
                : "Reject a bank account change / 退回银行账号变更",
            params: IdParams,
            body: Type.Optional(DecideBankChangeBody),
            response: { 200: BankChangeView },
          },
        },
        async (request) => bankChanges.decide(opOf(request), request.params.id, decision, request.body ?? {}),
      );

    app.get(
      "/api/registry/talents",
      {
        config: { policy: "registry.listTalents" },
        schema: {
          tags,
          summary: "Talents, masked / 人才库（脱敏）",
          querystring: ListTalentsQuery,
          response: { 200: PageOf(TalentSummary) },
        },
      },
      async (request) => talents.list(opOf(request), request.query),
    );

    app.post(
      "/api/registry/talents",
      {
        config: { policy: "registry.manageTalents" },
        schema: {
          tags,
          summary: "Register a talent / 登记人才",
          body: CreateTalentBody,
          response: { 201: Talent },
        },
      },
      async (request, reply) => reply.code(201).send(await talents.create(opOf(request), request.body)),
    );

    app.get(
      "/api/registry/talents/:id",
      {
        config: { policy: "registry.readTalent" },
        schema: {
          tags,
          summary: "A talent record, masked / 人才档案",
          params: IdParams,
          response: { 200: Talent },
        },
      },
      async (request) => talents.get(opOf(request), request.params.id),
    );

    app.patch(
      "/api/registry/talents/:id",
      {
        config: { policy: "registry.manageTalents" },
        schema: {
          tags,
          summary: "Change a talent record / 修改人才档案",
          params: IdParams,
          body: UpdateTalentBody,
          response: { 200: Talent },
        },
      },
      async (request) => talents.update(opOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/registry/talents/:id/tier",
      {
        config: { policy: "registry.manageTalents" },
        schema: {
          tags,
          summary: "Record a recognised tier / 记录人才层次认定",
          params: IdParams,
          body: SetTierBody,
          response: { 200: Talent },
        },
      },
      async (request) => talents.setTierRoute(opOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/registry/talents/:id/reveal",
      {
        config: { policy: "registry.reveal" },
        schema: {
          tags,
          summary: "Show full personal data, with a reason (audited) / 查看完整个人信息（须说明理由，留痕）",
          params: IdParams,
          body: RevealBody,
          response: { 200: Revealed },
        },
      },
      async (request) => {
        const revealed = await talents.reveal(opOf(request), request.params.id, request.body);
        return revealed;
      },
    );

    app.get(
      "/api/registry/me",
      {
        config: { policy: "registry.readOwn" },
        schema: { tags, summary: "My talent record / 我的人才档案", response: { 200: Talent } },
      },
      async (request) => talents.getOwn(opOf(request)),
    );

    app.patch(
      "/api/registry/me",
      {
        config: { policy: "registry.updateOwn" },
        schema: {
          tags,
          summary: "Change my record (not the tier) / 修改我的档案（层次除外）",
          body: UpdateOwnBody,
          response: { 200: Talent },
        },
      },
      async (request) => talents.updateOwn(opOf(request), request.body),
    );

    app.get(
      "/api/registry/employers",
      {
        config: { policy: "registry.listEmployers" },
        schema: {
          tags,
          summary: "Employers / 用人单位",
          querystring: ListEmployersQuery,
          response: { 200: PageOf(Employer) },
        },
      },
      async (request) => employers.list(opOf(request), request.query),
    );

    app.post(
      "/api/registry/employers",
      {
        config: { policy: "registry.manageEmployers" },
        schema: {
          tags,
          summary: "Register an employer / 登记用人单位",
          body: EmployerBody,
          response: { 201: Employer },
        },
      },
      async (request, reply) => reply.code(201).send(await employers.create(opOf(request), request.body)),
    );

    app.get(
      "/api/registry/employers/mine",
      {
        config: { policy: "registry.readOwnEmployer" },
        schema: {
          tags,
          summary: "My organisation's employer record / 本单位信息",
          response: { 200: Employer },
        },
      },
      async (request) => employers.mine(opOf(request)),
    );

    app.get(
      "/api/registry/employers/:id",
      {
        config: { policy: "registry.readEmployer" },
        schema: {
          tags,
          summary: "An employer / 用人单位详情",
          params: IdParams,
          response: { 200: Employer },
        },
      },
      async (request) => employers.get(opOf(request), request.params.id),
    );

    app.patch(
      "/api/registry/employers/:id",
      {
        config: { policy: "registry.manageEmployers" },
        schema: {
          tags,
          summary: "Change an employer / 修改用人单位",
          params: IdParams,
          body: UpdateEmployerBody,
          response: { 200: Employer },
        },
      },
      async (request) => employers.update(opOf(request), request.params.id, request.body),
    );

    app.get(
      "/api/registry/import/templates/:kind",
      {
        config: { policy: "registry.import" },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: "Excel import template / 导入模板",
          params: KindParams,
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const bytes = await imports.template(opOf(request), request.params.kind);
        const name = request.params.kind === "talents" ? "人才导入模板.xlsx" : "用人单位导入模板.xlsx";
        return reply
          .type(XLSX)
          .header("content-disposition", contentDisposition(name))
          .header("cache-control", "private, no-store")
          .send(bytes);
      },
    );

    app.get(
      "/api/registry/talents/:id/tier-explain",
      {
        config: { policy: "registry.explainTier" },
        schema: {
          tags,
          summary: "Why the tier rules give this talent their tier / 层次认定说明",
          params: IdParams,
          response: { 200: Explained },
        },
      },
      async (request) => {
        await talents.assertExplainable(opOf(request), request.params.id);
        return ruleSets.explainTalentTier(request.params.id);
      },
    );

    app.get(
      "/api/registry/rule-sets",
      {
        config: { policy: "registry.readRules" },
        schema: {
          tags,
          summary: "Rule sets, latest versions / 规则集",
          response: {
            200: Type.Object({
              items: Type.Array(Type.Intersect([RuleSetView, Type.Object({ versions: Type.Integer() })])),
            }),
          },
        },
      },
      async (request) => ruleSets.list(opOf(request)),
    );

    app.post(
      "/api/registry/rule-sets/check",
      {
        config: { policy: "registry.readRules" },
        schema: {
          tags,
          summary: "Check a rule without saving / 校验规则",
          body: RuleDocumentBody,
          response: { 200: RuleCheck },
        },
      },
      async (request) => ruleSets.check(opOf(request), request.body.document),
    );

    app.get(
      "/api/registry/rule-sets/:code",
      {
        config: { policy: "registry.readRules" },
        schema: {
          tags,
          summary: "A rule set with its versions / 规则集及其版本",
          params: CodeParams,
          response: {
            200: Type.Object({
              current: RuleSetView,
              versions: Type.Array(
                Type.Object({
                  version: Type.Integer(),
                  title: Type.String(),
                  note: Type.Union([Type.String(), Type.Null()]),
                  createdBy: Type.Union([Type.String(), Type.Null()]),
                  createdByName: Type.Union([Type.String(), Type.Null()]),
                  createdAt: Type.String(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ruleSets.get(opOf(request), request.params.code),
    );

    app.post(
      "/api/registry/rule-sets/:code",
      {
        config: { policy: "registry.manageRules" },
        schema: {
          tags,
          summary: "Save a checked rule as the next version / 保存规则新版本",
          params: CodeParams,
          body: SaveRuleSetBody,
          response: { 201: RuleSetView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await ruleSets.save(opOf(request), request.params.code, request.body)),
    );

    app.post(
      "/api/registry/rule-sets/:code/explain",
      {
        config: { policy: "registry.readRules" },
        schema: {
          tags,
          summary:
            "Explain the current version or a draft for a profile or a talent / 规则解释（可试算草稿）",
          params: CodeParams,
          body: ExplainBody,
          response: { 200: Explained },
        },
      },
      async (request) => {
        if (request.body.talentId !== undefined)
          await talents.assertExplainable(opOf(request), request.body.talentId);
        return ruleSets.explainProfile(opOf(request), request.params.code, request.body);
      },
    );

    // The workbook itself is the body (application/octet-stream), only on this route.
    await app.register(async (plain) => {
      const raw = plain.withTypeProvider<TypeBoxTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser(OCTET_STREAM, { parseAs: "buffer" }, (_request, body, done) =>
        done(null, body),
      );
      raw.setErrorHandler((error) => {
        if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE")
          throw new AppError("too_large", "IMPORT_TOO_LARGE", {
            zh: `导入文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB；请拆分后分批导入`,
            en: `Import files may not exceed ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split the file`,
          });
        throw error;
      });
      raw.post(
        "/api/registry/import/:kind",
        {
          config: { policy: "registry.import" },
          bodyLimit: MAX_IMPORT_BYTES,
          schema: {
            tags,
            summary: "Import an Excel workbook / 导入 Excel",
            description:
              "The body is the .xlsx file (application/octet-stream, at most 32 MB). Row problems come back in the result with an .xlsx report; file problems are 413/422.",
            consumes: [OCTET_STREAM],
            params: KindParams,
            querystring: ImportQuery,
            response: { 200: ImportResult },
          },
        },
        async (request) =>
          imports.run(opOf(request), {
            kind: request.params.kind,
            mode: request.query.mode,
            filename: request.query.filename ?? "import.xlsx",
            bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          }),
      );
    });
  };
}
