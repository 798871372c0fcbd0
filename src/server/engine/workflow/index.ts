// The application workflow engine (pure): definitions, events, state folding, decisions and dates.
export * from "./calendar.js";
export { actingOrgs, allowedActions, applyEvent, decide, initialState, replay } from "./engine.js";
export * from "./timeline.js";
export * from "./types.js";
