/** What I own, and which of my key results wait for a check-in. */
import { useState } from "react";
import type { MyOkrsAnswer } from "../../../src/contract/answers.js";
import { isStale } from "../../../src/core/settings.js";
import { api } from "../api/client";
import type { KeyResult } from "../api/types";
import { HealthBadge, ProgressBar, StaleBadge } from "../components/badges";
import { CheckInForm } from "../components/check-in-form";
import { Dialog } from "../components/dialog";
import { ErrorText } from "../components/field";
import { InlineMarkdown, plainTextOf } from "../components/inline-markdown";
import { formatScore, formatTimeAgo } from "../format";
import { useWorkspace } from "../session";
import { useLoad } from "../use-load";
import { hrefOfNode } from "./period/virtual-tree";

/** The answer as the page lists it: what I own (objectives first), and what waits for me. */
function listsOf(answer: MyOkrsAnswer) {
  return {
    owned: [...answer.objectives, ...answer.keyResults],
    waiting: answer.waitingForCheckIn,
    staleDays: answer.staleDays,
  };
}

export function MyOkrsPage() {
  const workspace = useWorkspace();
  const mine = useLoad(async () => listsOf(await api.get<MyOkrsAnswer>("/me/okrs")), []);
  const [checkInFor, setCheckInFor] = useState<KeyResult | null>(null);
  const periodLabel = (id: string) => workspace.periods.find((p) => p.id === id)?.label ?? "";
  const periodStart = (id: string) => workspace.periods.find((p) => p.id === id)?.start ?? "";
  return (
    <section className="my-okrs">
      <h1>My OKRs</h1>
      <ErrorText error={mine.error} />
      {mine.data && (
        <>
          <section className="card" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">Waiting for my check-in</h2>
            {mine.data.waiting.length === 0 ? (
              <p className="muted">Nothing waits for your check-in.</p>
            ) : (
              <ul className="child-list">
                {mine.data.waiting.map((kr) => (
                  <li key={kr.id}>
                    <a href={hrefOfNode(kr)}>
                      <InlineMarkdown text={kr.title} plain />
                    </a>
                    <span className="row-figures">
                      <span className="muted small">
                        {periodLabel(kr.periodId)} ·{" "}
                        {kr.lastCheckInAt
                          ? `last check-in ${formatTimeAgo(kr.lastCheckInAt)}`
                          : "no check-in yet"}
                      </span>
                      {mine.data &&
                        isStale(kr, new Date(), mine.data.staleDays, periodStart(kr.periodId)) && (
                          <StaleBadge days={mine.data.staleDays} />
                        )}
                      <ProgressBar progress={kr.progress} health={kr.health} />
                      <button
                        type="button"
                        className="small"
                        aria-label={`Check in: ${plainTextOf(kr.title)}`}
                        onClick={() => setCheckInFor(kr)}
                      >
                        Check in
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="owned-heading">
            <h2 id="owned-heading">What I own</h2>
            {mine.data.owned.length === 0 ? (
              <p className="muted">
                You own nothing yet. An OKR is yours when its owner is the person linked to your
                account (Settings → Users), that person's team, or that person's title ("VP Sales").
              </p>
            ) : (
              <ul className="child-list">
                {mine.data.owned.map((item) => (
                  <li key={item.id}>
                    <span className={`kind-tag ${item.type === "key_result" ? "kr" : "objective"}`}>
                      {item.type === "key_result" ? "KR" : "O"}
                    </span>
                    <a href={hrefOfNode(item)}>
                      <InlineMarkdown text={item.title} plain />
                    </a>
                    <span className="row-figures">
                      <span className="muted small">{periodLabel(item.periodId)}</span>
                      {item.type === "key_result" ? (
                        <>
                          <ProgressBar progress={item.progress} health={item.health} />
                          <HealthBadge health={item.health} />
                        </>
                      ) : (
                        <>
                          <ProgressBar progress={item.rollUp?.score ?? null} label="Score" />
                          <span
                            className="score small"
                            title={item.rollUp?.explanation || undefined}
                          >
                            {formatScore(item.rollUp?.score)}
                          </span>
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {checkInFor && (
        <Dialog
          title={`Check in: ${plainTextOf(checkInFor.title)}`}
          onClose={() => setCheckInFor(null)}
        >
          <CheckInForm
            keyResult={checkInFor}
            autoFocus
            onDone={() => {
              setCheckInFor(null);
              mine.reload();
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
