import { definePolicy, hasRole } from "../../lib/authz.js";

// The talent office's home (今日待办). The role list has no separate "office leader": the office's
// own accounts hold talent_office, department leaders hold leader and have their own workbench.
export const homePolicy = definePolicy("home", {
  office: (actor) => hasRole(actor, "talent_office"),
});
