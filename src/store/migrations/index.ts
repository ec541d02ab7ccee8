/**
 * Every migration, in order, listed in code: no file-system scanning, so migrations run the
 * same from `src/` under tsx and from the compiled `dist/`. Append only (docs/decisions/0004).
 */
import type { Migration } from "kysely";
import * as initial from "./0001-initial.js";
import * as readVersions from "./0002-read-versions.js";
import * as accountAccess from "./0003-account-access.js";
import * as pageSources from "./0004-page-sources.js";
import * as jobs from "./0005-jobs.js";
import * as conversation from "./0006-conversation.js";
import * as rhythm from "./0007-rhythm.js";
import * as sources from "./0008-sources.js";
import * as webhooksKpis from "./0009-webhooks-kpis.js";
import * as readChanges from "./0010-read-changes.js";
import * as notificationChannels from "./0011-notification-channels.js";
import * as kpiSources from "./0012-kpi-sources.js";
import * as writeCounters from "./0014-write-counters.js";
import * as credentialChanges from "./0015-credential-changes.js";
import * as checkInsWithoutTimeIndex from "./0016-check-ins-without-time-index.js";
import * as auditJournal from "./0017-audit-journal.js";
import * as readChangesWithoutRowid from "./0018-read-changes-without-rowid.js";
import * as nameKeys from "./0019-name-keys.js";

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001-initial": initial,
  "0002-read-versions": readVersions,
  "0003-account-access": accountAccess,
  "0004-page-sources": pageSources,
  "0005-jobs": jobs,
  "0006-conversation": conversation,
  "0007-rhythm": rhythm,
  "0008-sources": sources,
  "0009-webhooks-kpis": webhooksKpis,
  "0010-read-changes": readChanges,
  "0011-notification-channels": notificationChannels,
  "0012-kpi-sources": kpiSources,
  "0014-write-counters": writeCounters,
  "0015-credential-changes": credentialChanges,
  "0016-check-ins-without-time-index": checkInsWithoutTimeIndex,
  "0017-audit-journal": auditJournal,
  "0018-read-changes-without-rowid": readChangesWithoutRowid,
  "0019-name-keys": nameKeys,
};
