import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { opOf } from "../../http/guard.js";
import type { Services } from "../../services.js";
import { SecuritySettings, SecuritySettingsUpdate } from "./settings.schema.js";

const tags = ["settings"];

export function settingsRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/settings/security",
      {
        config: { policy: "settings.readSecurity" },
        schema: { tags, summary: "Security settings / 安全设置", response: { 200: SecuritySettings } },
      },
      async (request) => services.settings.readSecurity(opOf(request)),
    );

    app.put(
      "/api/settings/security",
      {
        config: { policy: "settings.updateSecurity" },
        schema: {
          tags,
          summary: "Update security settings / 修改安全设置",
          body: SecuritySettingsUpdate,
          response: { 200: SecuritySettings },
        },
      },
      async (request) => services.settings.updateSecurity(opOf(request), request.body),
    );
  };
}
