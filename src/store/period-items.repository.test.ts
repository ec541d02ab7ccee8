import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import {
  makeNewKeyResult,
  makeNewObjective,
  makePeriod,
} from "../../test/support/store-fixtures.js";
import { countRows, insertRowsInBatches, streamRows } from "./bulk.repository.js";
import type { OpenedDatabase } from "./database.js";
import { keyResultRowOf } from "./key-results.repository.js";
import { objectiveRowOf } from "./objectives.repository.js";
import { listPeriodItems } from "./period-items.repository.js";
import { insertPeriod } from "./periods.repository.js";

const OBJECTIVES = 10_000;
const KEY_RESULTS_EACH = 4;

function pad(n: number): string {
  return String(n).padStart(6, "0");
}

describe.each(DIALECTS)("a period's tree on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
    await insertPeriod(store.db, makePeriod({ id: "P1", label: "FY20-Q1" }));
    await insertPeriod(store.db, makePeriod({ id: "P2", label: "FY20-Q2" }));
  });
  afterAll(async () => {
    await store?.close();
  });

  it("50,000 items load in three queries, with links, in position order", async () => {
    function* objectives() {
      for (let i = 0; i < OBJECTIVES; i++) {
        yield objectiveRowOf(
          makeNewObjective({ id: `O${pad(i)}`, periodId: "P1", position: OBJECTIVES - i }),
        );
      }
    }
    function* keyResults() {
      for (let i = 0; i < OBJECTIVES; i++) {
        for (let k = 0; k < KEY_RESULTS_EACH; k++) {
          yield keyResultRowOf(
            makeNewKeyResult({
              id: `K${pad(i)}${k}`,
              periodId: "P1",
              objectiveId: `O${pad(i)}`,
              position: k,
              progress: k / 4,
            }),
          );
        }
      }
    }
    function* links() {
      for (let i = 0; i < OBJECTIVES; i += 10) {
        yield {
          id: `L${pad(i)}`,
          period_id: "P1",
          objective_id: null,
          key_result_id: `K${pad(i)}0`,
          kind: "issue",
          text: `#${i}`,
          url: `https://example.com/${i}`,
          position: 0,
        };
      }
    }
    let progress = 0;
    expect(
      await insertRowsInBatches(store.db, "objectives", objectives(), {
        onProgress: (done) => (progress = done),
      }),
    ).toBe(OBJECTIVES);
    expect(progress).toBe(OBJECTIVES);
    expect(await insertRowsInBatches(store.db, "key_results", keyResults())).toBe(
      OBJECTIVES * KEY_RESULTS_EACH,
    );
    expect(await insertRowsInBatches(store.db, "links", links())).toBe(OBJECTIVES / 10);
    await store.db
      .insertInto("objectives")
      .values(objectiveRowOf(makeNewObjective({ id: "OTHER", periodId: "P2" })))
      .execute();

    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const items = await listPeriodItems(store.db.withPlugin(counter), "P1");

    expect(queries).toBe(3);
    expect(items.objectives).toHaveLength(OBJECTIVES);
    expect(items.keyResults).toHaveLength(OBJECTIVES * KEY_RESULTS_EACH);
    expect(items.objectives[0]?.id).toBe(`O${pad(OBJECTIVES - 1)}`);
    expect(items.keyResults.find((kr) => kr.id === "K0000000")?.links).toEqual([
      { id: "L000000", kind: "issue", text: "#0", url: "https://example.com/0" },
    ]);
    expect(items.keyResults.find((kr) => kr.id === "K0000003")?.progress).toBe(0.75);

    const counts = await countRows(store.db);
    expect(counts.objectives).toBe(OBJECTIVES + 1);
    expect(counts.key_results).toBe(OBJECTIVES * KEY_RESULTS_EACH);
    let streamed = 0;
    for await (const page of streamRows(store.db, "key_results", 5000)) streamed += page.length;
    expect(streamed).toBe(OBJECTIVES * KEY_RESULTS_EACH);
  });
});
