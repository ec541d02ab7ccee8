/**
 * People and users in Settings, your own password, the owner picker, closed quarters as
 * read-only pages, and the audit log in pages: each at desktop and phone width.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  findChromium,
  type Harness,
  openFromMenu,
  overflowsHorizontally,
  pageProblems,
  saveScreenshot,
  signIn,
  WIDTHS,
} from "./harness.js";
import { signInAs, startApp } from "./start-app.js";

const chromiumPath = findChromium();
if (!chromiumPath) console.warn("Skipping the browser tests: no chromium on PATH.");

interface Period {
  id: string;
  label: string;
  closedAt: string | null;
}

describe.skipIf(!chromiumPath)("people, owners, closed quarters and the audit log", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startApp({ exampleData: true });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each(WIDTHS)(
    "adds a person who is at once in the users' list, then edits them (%s)",
    async (_, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await openFromMenu(page, "Settings");
      const name = `Robin Added ${size.width}`;
      const add = page.getByRole("form", { name: "Add a person" });
      await add.getByLabel("Name").fill(name);
      await add.getByLabel("Role title").fill("Chief of Staff");
      await add.getByRole("button", { name: "Add person" }).click();
      await page.locator(".people-list li").filter({ hasText: name }).waitFor();
      // The users' "is person" list has them without a reload.
      const isPerson = page.getByLabel("Person Ada Admin is");
      await expect.poll(() => isPerson.locator("option").allTextContents()).toContain(name);

      await page.getByRole("button", { name: `Edit ${name}` }).click();
      const editor = page.getByRole("form", { name: `Edit ${name}` });
      await editor.getByLabel("Email").fill("not an email");
      await editor.getByRole("button", { name: `Save ${name}` }).click();
      await expect
        .poll(() => page.locator("#people [role=alert]").textContent())
        .toContain("email: must be an email address");
      const renamed = `Robin Edited ${size.width}`;
      await editor.getByLabel("Name").fill(renamed);
      await editor.getByLabel("Email").fill(`robin${size.width}@example.com`);
      await editor.getByLabel("Role title").fill("COO");
      await editor.getByLabel("Team").selectOption({ index: 1 });
      const team = await editor
        .getByLabel("Team")
        .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? "");
      await saveScreenshot(page, `settings-person-editor-${size.width}`);
      await editor.getByRole("button", { name: `Save ${name}` }).click();
      const row = page.locator(".people-list li").filter({ hasText: renamed });
      await expect
        .poll(() => row.textContent())
        .toBe(`${renamed} · COO · ${team} · robin${size.width}@example.comEditRemove`);
      await expect.poll(() => isPerson.locator("option").allTextContents()).toContain(renamed);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)("refuses a user without a password, then adds one with (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    await openFromMenu(page, "Settings");
    const form = page.locator("#users form");
    const email = `nopass${size.width}@example.com`;
    await form.getByLabel("Name").fill("No Password");
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect
      .poll(() => page.locator("#users [role=alert]").textContent())
      .toMatch(/password.*is required: give the new user a password/);
    expect(await page.locator("#users tbody").textContent()).not.toContain(email);
    await form.getByLabel("Password").fill("a good password");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect.poll(() => page.locator("#users tbody").textContent()).toContain(email);
    expect(await page.locator("#users [role=alert]").count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)("changes my own password on My account (%s)", async (_, size) => {
    const admin = await harness.newPage(size);
    await signIn(admin.page, harness.url);
    const email = `changer${size.width}@example.com`;
    await api(admin.page, "POST", "/api/users", {
      email,
      name: "Casey Changer",
      role: "viewer",
      password: "first password",
    });
    await admin.context.close();

    const { page, context } = await harness.newPage(size);
    await signInAs(page, harness.url, email, "first password");
    const menu = page.getByRole("button", { name: "Menu" });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole("link", { name: "Casey Changer" }).click();
    await page.getByRole("heading", { name: "Change my password" }).waitFor();
    await page.getByLabel("Current password").fill("wrong password");
    await page.getByLabel("New password", { exact: true }).fill("second password");
    await page.getByLabel("New password again").fill("second password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("The current password is wrong; nothing was changed.");
    await page.getByLabel("Current password").fill("first password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Password changed. 0 other devices signed out." })
      .waitFor();
    await saveScreenshot(page, `account-${size.width}`);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(pageProblems(page)).toEqual([]);
    await context.close();

    const again = await harness.newPage(size);
    await signInAs(again.page, harness.url, email, "second password");
    expect(await again.page.locator(".user-name").textContent()).toBe("Casey Changer");
    await again.context.close();
  });

  it.each(WIDTHS)(
    "picks owners from people, teams and role titles, with search (%s)",
    async (_, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      await page.getByRole("tree").getByRole("treeitem").first().waitFor();
      await page.getByRole("link", { name: "New objective" }).click();
      const owner = page.getByRole("combobox", { name: "Owner" });
      await owner.click();
      const list = page.getByRole("listbox");
      const kinds = await list.locator(".option-kind").allTextContents();
      for (const kind of ["Person", "Team", "Role title"])
        expect(
          kinds.some((k) => k.startsWith(kind)),
          kind,
        ).toBe(true);
      await owner.fill("vp sal");
      const options = list.getByRole("option");
      await expect
        .poll(() => options.first().textContent())
        .toMatch(/^VP SalesRole title · held by 1 person/);
      await saveScreenshot(page, `owner-picker-${size.width}`);
      await page.keyboard.press("Enter");
      expect(await owner.inputValue()).toBe("VP Sales");
      expect(await page.locator(".owner-current").textContent()).toBe(
        "Role title · held by 1 person",
      );
      // Text that names nobody is not taken: the field goes back to the choice.
      await owner.fill("Nobody at all");
      await expect
        .poll(() => page.locator(".combobox-empty").textContent())
        .toContain("Nobody at all");
      await page.getByLabel("Title").click();
      expect(await owner.inputValue()).toBe("VP Sales");
      await page.getByLabel("Title").fill(`Win the west ${size.width}`);
      await page.getByRole("button", { name: "Create objective" }).click();
      await expect.poll(() => page.locator(".eyebrow").textContent()).toBe("Objective · VP Sales");

      // A new key result owned by a team, picked by clicking.
      await page.getByRole("link", { name: "Add key result" }).click();
      const krOwner = page.getByRole("combobox", { name: "Owner" });
      await krOwner.click();
      const team = page
        .getByRole("option")
        .filter({ has: page.locator(".option-kind", { hasText: /^Team/ }) })
        .first();
      const teamName = (await team.locator(".option-name").textContent()) ?? "";
      await team.click();
      expect(await krOwner.inputValue()).toBe(teamName);
      await page.getByLabel("Title").fill(`Sign 5 partners ${size.width}`);
      await page.getByLabel("Target", { exact: true }).fill("5");
      await page.getByRole("button", { name: /Create key result/ }).click();
      await expect
        .poll(() => page.locator(".eyebrow").textContent())
        .toBe(`Key result · ${teamName}`);

      // The item editor: a person this time.
      const editOwner = page
        .locator("#edit-heading ~ form")
        .getByRole("combobox", { name: "Owner" });
      await editOwner.fill("");
      await page.keyboard.type("a");
      const person = page
        .getByRole("option")
        .filter({ has: page.locator(".option-kind", { hasText: /^Person/ }) })
        .first();
      const personName = (await person.locator(".option-name").textContent()) ?? "";
      await person.click();
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      await expect
        .poll(() => page.locator(".eyebrow").textContent())
        .toBe(`Key result · ${personName}`);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)("shows a closed quarter read-only, saying since when (%s)", async (_, size) => {
    const { page, context } = await harness.newPage(size);
    await signIn(page, harness.url);
    const { periods } = await api<{ periods: Period[] }>(page, "GET", "/api/periods");
    const closed = periods.find((p) => p.closedAt);
    if (!closed?.closedAt) throw new Error("the example company has a closed quarter");
    const closedOn = await page.evaluate(
      (at) =>
        new Date(at).toLocaleDateString("en-GB", {
          day: "numeric",
          month: "short",
          year: "numeric",
        }),
      closed.closedAt,
    );
    await page.goto(`${harness.url}/#/periods/${closed.id}`);
    const tree = page.getByRole("tree");
    await tree.getByRole("treeitem").first().waitFor();
    const notice = page.getByRole("note");
    expect(await notice.textContent()).toMatch(
      new RegExp(`^Closed on ${closedOn}\\. ${closed.label} is graded and read-only`),
    );
    expect(await page.getByRole("link", { name: "New objective" }).count()).toBe(0);
    expect(await tree.getByRole("button", { name: /^Check in/ }).count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toMatch(/\d{4}-\d\d-\d\dT/);
    // Pressing C on a key result row opens nothing.
    await tree.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("c");
    expect(await page.getByRole("dialog").count()).toBe(0);
    await saveScreenshot(page, `closed-quarter-${size.width}`);

    const objectiveId = ((await tree.getByRole("treeitem").first().getAttribute("id")) ?? "").slice(
      4,
    );
    const krRow = tree.locator(".tree-row.kr").first();
    const krId = ((await krRow.getAttribute("id")) ?? "").replace(/^row-/, "");
    await page.goto(`${harness.url}/#/key-results/${krId}`);
    await page.getByRole("note").waitFor();
    await page.getByRole("heading", { name: "History" }).waitFor();
    expect(await page.getByRole("heading", { name: "Check in" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Edit" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Carry over to next period" }).count()).toBe(0);

    await page.goto(`${harness.url}/#/objectives/${objectiveId}`);
    await page.getByRole("heading", { name: "Key results and aligned objectives" }).waitFor();
    expect(await page.getByRole("note").textContent()).toContain(`Closed on ${closedOn}.`);
    expect(await page.getByRole("link", { name: "Add key result" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Edit" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add link" }).count()).toBe(0);

    await page.goto(`${harness.url}/#/periods/${closed.id}/dashboard`);
    await page.getByRole("heading", { name: "At risk" }).first().waitFor();
    expect(await page.getByRole("note").textContent()).toContain(`Closed on ${closedOn}.`);
    expect(await page.getByRole("heading", { name: /Stale/ }).count()).toBe(0);
    const dashboard = await api<{ stale: { total: number } }>(
      page,
      "GET",
      `/api/periods/${closed.id}/dashboard`,
    );
    expect(dashboard.stale.total).toBe(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(pageProblems(page)).toEqual([]);
    await context.close();
  });

  it.each(WIDTHS)(
    "pages the audit log, names ids and tells retrospective edits (%s)",
    async (_, size) => {
      const { page, context } = await harness.newPage(size);
      await signIn(page, harness.url);
      const { periods } = await api<{ periods: Period[] }>(page, "GET", "/api/periods");
      // A closed quarter's retrospectives are final: write to an open one.
      const period = periods.find((p) => !p.closedAt) ?? periods[0];
      const team = await api<{ id: string; name: string }>(page, "POST", "/api/teams", {
        name: `Audit team ${size.width}`,
      });
      const person = await api<{ id: string }>(page, "POST", "/api/people", {
        name: `Audited ${size.width}`,
      });
      await api(page, "PATCH", `/api/people/${person.id}`, { teamId: team.id });
      const team2 = `Retro team ${size.width}`;
      await api(page, "PUT", `/api/periods/${period?.id}/retrospectives`, {
        retrospectives: [{ team: team2, good: ["Shipped on time"], bad: [], try: ["Pair more"] }],
      });

      await openFromMenu(page, "Audit log");
      const rows = page.locator("tr.audit-row");
      await expect.poll(() => rows.count()).toBe(50);
      await page.getByRole("button", { name: "More (next 50)" }).click();
      await expect.poll(() => rows.count()).toBe(100);
      // The older page follows the newer one: my latest change is still the first row.
      expect(await rows.first().textContent()).toContain(`Retro team ${size.width}`);

      const retro = rows.filter({ hasText: "Wrote the retrospective" }).first();
      expect(await retro.locator("td").nth(4).textContent()).toContain(
        `Wrote the retrospective of ${team2}: 1 GOOD, 0 BAD, 1 TRY.`,
      );
      expect(await retro.locator("td").nth(3).textContent()).toContain(period?.label ?? "?");
      const update = rows
        .filter({ hasText: `Audited ${size.width}` })
        .filter({ hasText: "Updated" });
      await update.locator("summary").click();
      const teamField = update.locator(".diff-table tr").filter({ hasText: "teamId" });
      expect(await teamField.locator(".diff-after").textContent()).toBe(team.name);
      await saveScreenshot(page, `audit-pages-${size.width}`);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );
});
