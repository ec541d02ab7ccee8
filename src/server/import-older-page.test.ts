/**
 * The API's import of a page again that takes back a check-in it does not know (decisions/0065):
 * 409 conflict naming the line, the key result and both figures, nothing written; the preview
 * lists it as an error problem; `force` imports it all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { openTestServer, readJson, type TestServer } from "./test-harness.js";

const PAGE = `# FY20-Q2 OKRs

- CEO: Grow use of GitLab for all stages of the DevOps lifecycle
  - VP Product: Raise MR Rate from 8 to 10 => 94%
  - VP Engineering: Ship 4 features => 2 of 4
`;

describe.each(DIALECTS)(
  "a page imported again over HTTP that is older than the app (%s)",
  (dialect) => {
    let opened: OpenedDatabase;
    let server: TestServer;
    let periodId: string;
    const progress = async () => {
      const { keyResults } = await listPeriodItems(opened.db, periodId);
      return keyResults.find((kr) => kr.title.startsWith("Ship"))?.progress;
    };

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      server = await openTestServer(opened);
      const token = server.accounts.editor.token;
      const applied = await server.call(token, "POST", "/api/import/apply", { markdown: PAGE });
      periodId = (await readJson(applied)).periodId;
      const { keyResults } = await listPeriodItems(opened.db, periodId);
      const ship = keyResults.find((kr) => kr.title.startsWith("Ship"));
      const path = `/api/key-results/${ship?.id}/check-ins`;
      expect((await server.call(token, "POST", path, { progress: 0.75 })).status).toBe(201);
    });
    afterAll(async () => {
      await opened?.close();
    });

    it("refuses a page that removes a checked-in outcome, names it, and takes it when forced", async () => {
      const token = server.accounts.editor.token;
      const older = PAGE.replace(" => 2 of 4", "");
      const refused = await server.call(token, "POST", "/api/import/apply", { markdown: older });
      expect(refused.status).toBe(409);
      const body = await readJson(refused);
      expect(body.error.code).toBe("conflict");
      expect(body.error.message).toContain('Line 5: "VP Engineering: Ship 4 features": app 75%');
      expect(body.error.details.conflicts).toMatchObject([
        { line: 5, item: "VP Engineering: Ship 4 features", app: "75%", page: null },
      ]);
      expect(await progress()).toBeCloseTo(0.75);

      const preview = await readJson(
        await server.call(token, "POST", "/api/import/preview", { markdown: older }),
      );
      expect(
        preview.problems.filter((p: { code: string }) => p.code === "check_in_taken_back"),
      ).toMatchObject([{ line: 5, severity: "error" }]);
      // The same lines as fields, for a client to show without reading the words.
      expect(preview.takenBack).toMatchObject([{ line: 5, page: null }]);
      expect(preview.takenBack[0].checkedInAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

      const forced = await server.call(token, "POST", "/api/import/apply", {
        markdown: older,
        force: true,
      });
      expect(forced.status).toBe(200);
      expect(await progress()).toBeNull();
    });
  },
);
