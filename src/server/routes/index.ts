/** The OKR resources: one register function per resource, one line each. */
import type { RouteContext } from "../context.js";
import { registerPublicSite } from "../public-site.js";
import { registerConversationRoutes } from "./conversation.js";
import { registerHandbookRoutes } from "./handbook.js";
import { registerJobRoutes } from "./jobs.js";
import { registerKeyResultRoutes } from "./key-results.js";
import { registerKpiSourceRoutes } from "./kpi-sources.js";
import { registerKpiRoutes } from "./kpis.js";
import { registerLinkRoutes } from "./links.js";
import { registerNotificationChannelRoutes } from "./notification-channels.js";
import { registerObjectiveRoutes } from "./objectives.js";
import { registerPeopleRoutes } from "./people.js";
import { registerPeriodRoutes } from "./periods.js";
import { registerReadRoutes } from "./reads.js";
import { registerReviewRoutes } from "./review.js";
import { registerRhythmRoutes } from "./rhythm.js";
import { registerSettingsRoutes } from "./settings.js";
import { registerSourceRoutes } from "./sources.js";
import { registerWebhookRoutes } from "./webhooks.js";

export function registerApiRoutes(ctx: RouteContext): void {
  registerSettingsRoutes(ctx);
  registerPeriodRoutes(ctx);
  registerObjectiveRoutes(ctx);
  registerKeyResultRoutes(ctx);
  registerLinkRoutes(ctx);
  registerPeopleRoutes(ctx);
  registerReadRoutes(ctx);
  registerHandbookRoutes(ctx);
  registerJobRoutes(ctx);
  registerConversationRoutes(ctx);
  registerRhythmRoutes(ctx);
  registerSourceRoutes(ctx);
  registerKpiRoutes(ctx);
  registerWebhookRoutes(ctx);
  registerPublicSite(ctx);
  registerReviewRoutes(ctx);
  registerNotificationChannelRoutes(ctx);
  registerKpiSourceRoutes(ctx);
}
