import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import {
  ApproveReportBody,
  CreateMilestoneBody,
  CreateReportBody,
  EventsQuery,
  ListReportsQuery,
  ListTasksQuery,
  MilestoneParams,
  Report,
  ReportParams,
  ReturnReportBody,
  ReviseReportBody,
  Task,
  TaskEvent,
  TaskParams,
  TaskStats,
  TaskSummary,
  UpdateMilestoneBody,
  UpdateTaskBody,
} from "./tasks.schema.js";

const tags = ["tasks"];

export function taskRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/tasks",
      {
        config: { policy: "tasks.read" },
        schema: {
          tags,
          summary: "Task board / 任务列表",
          querystring: ListTasksQuery,
          response: { 200: PageOf(TaskSummary) },
        },
      },
      async (request) => services.tasks.list(opOf(request), request.query),
    );

    app.get(
      "/api/tasks/stats",
      {
        config: { policy: "tasks.read" },
        schema: { tags, summary: "Counts by light and status / 任务统计", response: { 200: TaskStats } },
      },
      async (request) => services.tasks.stats(opOf(request)),
    );

    app.get(
      "/api/tasks/:id",
      {
        config: { policy: "tasks.read" },
        schema: { tags, summary: "A task / 任务详情", params: TaskParams, response: { 200: Task } },
      },
      async (request) => services.tasks.get(opOf(request), request.params.id),
    );

    app.patch(
      "/api/tasks/:id",
      {
        config: { policy: "tasks.update" },
        schema: {
          tags,
          summary: "Set the task's report period or deadline / 设置报告周期、完成时限",
          params: TaskParams,
          body: UpdateTaskBody,
          response: { 200: Task },
        },
      },
      async (request) => services.tasks.update(opOf(request), request.params.id, request.body),
    );

    app.get(
      "/api/tasks/:id/events",
      {
        config: { policy: "tasks.read" },
        schema: {
          tags,
          summary: "Task history / 任务动态",
          params: TaskParams,
          querystring: EventsQuery,
          response: { 200: PageOf(TaskEvent) },
        },
      },
      async (request) => services.tasks.events(opOf(request), request.params.id, request.query),
    );

    app.post(
      "/api/tasks/:id/milestones",
      {
        config: { policy: "tasks.manageMilestones" },
        schema: {
          tags,
          summary: "Add a milestone / 新增里程碑",
          params: TaskParams,
          body: CreateMilestoneBody,
          response: { 201: Task },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await services.tasks.addMilestone(opOf(request), request.params.id, request.body)),
    );

    app.patch(
      "/api/tasks/:id/milestones/:milestoneId",
      {
        config: { policy: "tasks.manageMilestones" },
        schema: {
          tags,
          summary: "Change or complete a milestone / 修改或完成里程碑",
          params: MilestoneParams,
          body: UpdateMilestoneBody,
          response: { 200: Task },
        },
      },
      async (request) =>
        services.tasks.updateMilestone(
          opOf(request),
          request.params.id,
          request.params.milestoneId,
          request.body,
        ),
    );

    app.delete(
      "/api/tasks/:id/milestones/:milestoneId",
      {
        config: { policy: "tasks.manageMilestones" },
        schema: {
          tags,
          summary: "Remove a milestone / 删除里程碑",
          params: MilestoneParams,
          response: { 200: Task },
        },
      },
      async (request) =>
        services.tasks.removeMilestone(opOf(request), request.params.id, request.params.milestoneId),
    );

    app.get(
      "/api/tasks/:id/reports",
      {
        config: { policy: "tasks.read" },
        schema: {
          tags,
          summary: "Progress reports of a task / 任务进度报告",
          params: TaskParams,
          response: { 200: Type.Object({ items: Type.Array(Report) }) },
        },
      },
      async (request) => ({ items: await services.reports.listForTask(opOf(request), request.params.id) }),
    );

    app.post(
      "/api/tasks/:id/reports",
      {
        config: { policy: "tasks.writeReport" },
        schema: {
          tags,
          summary: "Submit a progress report / 填报进度",
          params: TaskParams,
          body: CreateReportBody,
          response: { 201: Report },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await services.reports.submit(opOf(request), request.params.id, request.body)),
    );

    app.patch(
      "/api/tasks/:id/reports/:reportId",
      {
        config: { policy: "tasks.writeReport" },
        schema: {
          tags,
          summary: "Revise and resubmit a report / 修改后重新提交",
          params: ReportParams,
          body: ReviseReportBody,
          response: { 200: Report },
        },
      },
      async (request) =>
        services.reports.revise(opOf(request), request.params.id, request.params.reportId, request.body),
    );

    app.post(
      "/api/tasks/:id/reports/:reportId/approve",
      {
        config: { policy: "tasks.reviewReport" },
        schema: {
          tags,
          summary: "Sign a report off / 审核通过",
          params: ReportParams,
          body: ApproveReportBody,
          response: { 200: Report },
        },
      },
      async (request) =>
        services.reports.approve(
          opOf(request),
          request.params.id,
          request.params.reportId,
          request.body.comment,
        ),
    );

    app.post(
      "/api/tasks/:id/reports/:reportId/return",
      {
        config: { policy: "tasks.reviewReport" },
        schema: {
          tags,
          summary: "Return a report with a comment / 退回修改",
          params: ReportParams,
          body: ReturnReportBody,
          response: { 200: Report },
        },
      },
      async (request) =>
        services.reports.returnForCorrection(
          opOf(request),
          request.params.id,
          request.params.reportId,
          request.body.comment,
        ),
    );

    app.get(
      "/api/reports",
      {
        config: { policy: "tasks.read" },
        schema: {
          tags,
          summary: "Reports of my units (sign-off queue) / 本单位进度报告",
          querystring: ListReportsQuery,
          response: { 200: PageOf(Report) },
        },
      },
      async (request) => services.reports.list(opOf(request), request.query),
    );
  };
}
