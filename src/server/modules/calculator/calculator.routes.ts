import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { opOf } from "../../http/guard.js";
import type { Services } from "../../services.js";
import {
  CalculateBody,
  CalculatorResultView,
  MeQuery,
  QuestionsQuery,
  QuestionsView,
  SimulationBody,
  SimulationView,
} from "./calculator.schema.js";

const tags = ["calculator"];

/** Anonymous calculator requests per IP and minute (the route is public; evaluation costs CPU). */
export const CALCULATOR_RATE_PER_MINUTE = 60;

export function calculatorRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/calculator/questions",
      {
        config: { policy: "public" },
        schema: {
          tags,
          summary: "What to ask an anonymous visitor / 政策计算器问题",
          querystring: QuestionsQuery,
          response: { 200: QuestionsView },
        },
      },
      async (request) => services.calculator.questions(request.query),
    );

    app.post(
      "/api/calculator",
      {
        config: {
          policy: "public",
          rateLimit: { max: CALCULATOR_RATE_PER_MINUTE, timeWindow: "1 minute" },
        },
        schema: {
          tags,
          summary: "Policy calculator on anonymous answers / 政策计算器",
          body: CalculateBody,
          response: { 200: CalculatorResultView },
        },
      },
      async (request) => services.calculator.calculate(request.body),
    );

    app.get(
      "/api/calculator/me",
      {
        config: { policy: "calculator.me" },
        schema: {
          tags,
          summary: "Policy calculator on my registry record / 我可享受的政策",
          querystring: MeQuery,
          response: { 200: CalculatorResultView },
        },
      },
      async (request) => services.calculator.mine(opOf(request), request.query),
    );

    app.post(
      "/api/calculator/simulation",
      {
        config: { policy: "calculator.simulate" },
        schema: {
          tags,
          summary: "Budget simulation of a rule change / 规则调整测算",
          body: SimulationBody,
          response: { 200: SimulationView },
        },
      },
      async (request) => services.calculator.simulate(opOf(request), request.body),
    );
  };
}
