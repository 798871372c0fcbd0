import type { FastifyInstance } from "fastify";
import { evaluationContracts } from "../../../contracts/evaluation.js";
import { mount } from "../../http/mount.js";
import type { EvaluationService } from "./evaluation.service.js";

export function evaluationRoutes(evaluation: EvaluationService) {
  return async (app: FastifyInstance) =>
    mount(app, evaluationContracts, {
      "GET /api/evaluation/disciplines": async () => evaluation.disciplines(),
      "GET /api/evaluation/experts": async ({ op, query }) => evaluation.listExperts(op, query),
      "POST /api/evaluation/experts": async ({ op, body }) => evaluation.createExpert(op, body),
      "GET /api/evaluation/experts/me": async ({ op }) => evaluation.myProfile(op),
      "PATCH /api/evaluation/experts/me": async ({ op, body }) => evaluation.updateMyProfile(op, body),
      "GET /api/evaluation/experts/:id": async ({ op, params }) => evaluation.getExpert(op, params.id),
      "PUT /api/evaluation/experts/:id": async ({ op, params, body }) =>
        evaluation.updateExpert(op, params.id, body),
      "GET /api/evaluation/rounds": async ({ op }) => evaluation.listRounds(op),
      "POST /api/evaluation/rounds": async ({ op, body }) => evaluation.createRound(op, body),
      "GET /api/evaluation/rounds/:id": async ({ op, params }) => evaluation.getRound(op, params.id),
      "POST /api/evaluation/rounds/:id/open": async ({ op, params }) => evaluation.open(op, params.id),
      "POST /api/evaluation/rounds/:id/draw": async ({ op, params }) => evaluation.draw(op, params.id),
      "POST /api/evaluation/rounds/:id/start-review": async ({ op, params }) =>
        evaluation.startReview(op, params.id),
      "POST /api/evaluation/rounds/:id/close": async ({ op, params }) => evaluation.close(op, params.id),
      "GET /api/evaluation/rounds/:id/results": async ({ op, params }) => evaluation.results(op, params.id),
      "POST /api/evaluation/rounds/:id/publicise": async ({ op, params, body }) =>
        evaluation.publicise(op, params.id, body.days ?? 7),
      "POST /api/evaluation/rounds/:id/land": async ({ op, params }) => evaluation.land(op, params.id),
      "POST /api/evaluation/rounds/:id/candidates/:candidateId/decision": async ({ op, params, body }) =>
        evaluation.decide(op, params.id, params.candidateId, body),
      "GET /api/evaluation/rounds/:id/verify": async ({ op, params }) => evaluation.verify(op, params.id),
      "GET /api/evaluation/my-assignments": async ({ op }) => evaluation.myAssignments(op),
      "GET /api/evaluation/assignments/:id": async ({ op, params }) =>
        evaluation.getAssignment(op, params.id),
      "POST /api/evaluation/assignments/:id/score": async ({ op, params, body }) =>
        evaluation.score(op, params.id, body),
      "POST /api/evaluation/assignments/:id/conflict": async ({ op, params, body }) =>
        evaluation.declareConflict(op, params.id, body.reason),
    });
}
