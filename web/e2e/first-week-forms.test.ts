/**
 * A new user's first week with forms and figures: a refused value is named beside its field and
 * nothing typed is lost, numbers typed with a comma are refused in words, closed periods are not
 * offered, each problem is said once, an objective with nothing scored says so, the dashboard's
 * owners fit a phone, and counts read as words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Created, startFirstWeek } from "./first-week-support.js";
import {
  api,
  findChromium,
  type Harness,
  openFromMenu,
  overflowsHorizontally,
  PHONE,
  saveScreenshot,
  signIn,
  WIDTHS,
} from "./harness.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

describe.skipIf(!chromiumPath)("a new user's first week, with forms and figures", () => {
  let harness: Harness;
  let periodId: string;
  let keyResultId: string;

  beforeAll(async () => {
    ({ harness, periodId, keyResultId } = await startFirstWeek());
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each(WIDTHS)(
    "names a refused value beside its field and keeps the rest (%s)",
    async (label, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await page.goto(`${harness.url}/#/key-results/${keyResultId}`);
      const editor = page.getByRole("form", { name: "Edit" });
      await editor.getByLabel("Outcome note").fill("Measured from the product's events");
      const weight = editor.getByRole("spinbutton", { name: "Weight" });
      await weight.fill("-1");
      await editor.getByRole("button", { name: "Save changes" }).click();

      await expect.poll(() => weight.getAttribute("aria-invalid")).toBe("true");
      const description = await weight.evaluate((input) =>
        (input.getAttribute("aria-describedby") ?? "")
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" "),
      );
      expect(description).toMatch(/^Weight must be 0 or more/);
      await expect
        .poll(() => weight.evaluate((input) => input === document.activeElement))
        .toBe(true);
      expect(await editor.getByLabel("Outcome note").inputValue()).toBe(
        "Measured from the product's events",
      );
      await saveScreenshot(page, `first-week-field-error-${label}`);
      expect(await overflowsHorizontally(page)).toBe(false);

      const title = editor.getByRole("textbox", { name: "Title" });
      await weight.fill("1");
      await title.fill("");
      await editor.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
      expect(await editor.getByText("Must not be empty.").count()).toBe(1);
      expect(await editor.locator(".error").count()).toBe(0);
      await context.close();
    },
  );

  it("names the objective and a refused target beside its field on a new key result", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const tree = await api<{ roots: { objective: { id: string } }[] }>(
      page,
      "GET",
      `/api/periods/${periodId}/tree`,
    );
    const objectiveId = tree.roots[0]?.objective.id;
    await page.goto(`${harness.url}/#/key-results/new?objectiveId=${objectiveId}`);
    await page.getByText("For the objective “Delight our first customers”.").waitFor();
    expect(await page.getByLabel("Kind").locator("option").allInnerTexts()).toEqual([
      "Metric (start → target)",
      "Threshold (stay above/below)",
      "Milestone (done / not done)",
      "Percentage (entered directly)",
    ]);
    await page.getByLabel("Title").fill("Answer every ticket within a day");
    await page.getByLabel("Start", { exact: true }).fill("5");
    const target = page.getByLabel("Target", { exact: true });
    await target.fill("5");
    await page.getByRole("button", { name: "Create key result" }).click();
    await expect.poll(() => target.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => target.evaluate((e) => e === document.activeElement)).toBe(true);
    const said = await target.evaluate(
      (input) =>
        document.getElementById(input.getAttribute("aria-describedby")?.split(" ")[0] ?? "")
          ?.textContent,
    );
    expect(said).toMatch(/^Target must differ from start/);
    expect(await page.getByLabel("Title").inputValue()).toBe("Answer every ticket within a day");
    await target.fill("1");
    expect(await target.getAttribute("aria-invalid")).toBeNull();
    await page.getByRole("button", { name: "Create key result" }).click();
    await page.getByRole("heading", { name: "Answer every ticket within a day" }).waitFor();
    await context.close();
  });

  it("refuses a KPI band or reading that is not a number, beside its field", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/kpis`);
    await page.getByLabel("Name").fill("Build time");
    const from = page.getByLabel("Band from");
    const to = page.getByLabel("Band to");
    await from.fill("1,5");
    await to.fill("3");
    await page.getByRole("button", { name: "Add KPI" }).click();
    await expect.poll(() => from.getAttribute("aria-invalid")).toBe("true");
    await page.getByText("Band from must be a number with a decimal point, like 1.5.").waitFor();
    await expect.poll(() => from.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(page.url()).toMatch(/#\/kpis$/);

    await from.fill("5");
    await page.getByRole("button", { name: "Add KPI" }).click();
    await page.getByText("Band to must not be below Band from (5).").waitFor();
    expect(await to.getAttribute("aria-invalid")).toBe("true");

    await from.fill("1.5");
    await page.getByRole("button", { name: "Add KPI" }).click();
    await page.getByRole("heading", { name: "Build time" }).waitFor();
    await page.getByText("1.5–3").waitFor();

    const reading = page.getByLabel("Reading");
    await reading.fill("two");
    await page.getByRole("button", { name: "Record reading" }).click();
    await page.getByText("The reading must be a number, like 1.5.").waitFor();
    expect(await reading.inputValue()).toBe("two");
    await page.getByText("No readings yet.").waitFor();
    await context.close();
  });

  it("names an empty objective title beside the field and offers only open periods", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/objectives/new?periodId=${periodId}`);
    const title = page.getByLabel("Title");
    await title.fill("   ");
    await page.getByRole("button", { name: "Create objective" }).click();
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    await page.getByText("Say what the objective is to achieve.").waitFor();
    const closed = page
      .getByRole("main")
      .getByLabel("Period")
      .locator("option", { hasText: "(closed)" });
    expect(await closed.count()).toBeGreaterThan(0);
    expect(
      await closed.evaluateAll((options) =>
        options.every((o) => o instanceof HTMLOptionElement && o.disabled),
      ),
    ).toBe(true);
    await context.close();
  });

  it("says a refused field once, by its name", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await openFromMenu(page, "Settings");
    const name = "Robin Once";
    const add = page.getByRole("form", { name: "Add a person" });
    await add.getByLabel("Name").fill(name);
    await add.getByRole("button", { name: "Add person" }).click();
    await page.getByRole("button", { name: `Edit ${name}` }).click();
    const editor = page.getByRole("form", { name: `Edit ${name}` });
    await editor.getByLabel("Email").fill("not an email");
    await editor.getByRole("button", { name: `Save ${name}` }).click();
    const alert = page.locator("#people [role=alert]");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("email: must be an email address");
    await context.close();
  });

  it("heads an objective with nothing scored as not scored yet", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const period = await api<Created>(page, "POST", "/api/periods", { label: "2028-Q1" });
    const objective = await api<Created>(page, "POST", "/api/objectives", {
      periodId: period.id,
      title: "Open the Lisbon office",
    });
    await page.goto(`${harness.url}/#/objectives/${objective.id}`);
    await page.getByRole("heading", { level: 2, name: "Not scored yet" }).waitFor();
    expect(await page.getByText("Score not scored").count()).toBe(0);
    await context.close();
  });

  it("shows every column of the dashboard's owners at phone width", async () => {
    const { page, context } = await harness.newPage(PHONE);
    await signIn(page, harness.url);
    await openFromMenu(page, "Dashboard");
    const owners = page.getByRole("region", { name: "Score by owner" });
    await owners.getByRole("cell").first().waitFor();
    const header = owners.getByRole("columnheader", { name: "Not scored yet" });
    const inside = await header.evaluate((cell) => {
      const frame = cell.closest(".table-wrap")?.getBoundingClientRect();
      const box = cell.getBoundingClientRect();
      return frame !== undefined && box.right <= frame.right + 1;
    });
    expect(inside).toBe(true);
    await saveScreenshot(page, "first-week-dashboard-owners-phone");
    await context.close();
  });

  it("counts one objective as one objective", async () => {
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/#/periods/${periodId}`);
    await page.getByRole("tree").getByRole("treeitem").first().waitFor();
    await page.getByText("1 objective, 2 key results").waitFor();
    await context.close();
  });
});
