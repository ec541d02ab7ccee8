/**
 * Review mode: the quarterly review for a meeting, a screen at a time. Arrow keys (and Page
 * Up/Down, Space, Home, End) step; N shows the presenter notes; F goes full screen; Escape
 * leaves. The screen number is in the address (`?screen=3`), so a reload stays put.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import { ErrorText } from "../../components/field";
import { hrefOf, navigate, type Route } from "../../router";
import { useLoad } from "../../use-load";
import { PresenterNotes, type Review, ReviewSlide, slideCount, slideTitle } from "./review-slides";

function clamp(value: number, count: number): number {
  return Math.min(Math.max(value, 0), Math.max(count - 1, 0));
}

export function ReviewPage({ periodId, route }: { periodId: string; route: Route }) {
  const review = useLoad(() => api.get<Review>(`/periods/${periodId}/review`), [periodId]);
  const data = review.data;
  const count = data ? slideCount(data) : 1;
  const index = clamp(Number(route.query.get("screen") ?? "1") - 1 || 0, count);
  const [notes, setNotes] = useState(false);
  const root = useRef<HTMLElement>(null);

  const go = useCallback(
    (next: number) => {
      const target = clamp(next, count);
      if (target !== index) navigate(`/periods/${periodId}/review?screen=${target + 1}`);
    },
    [count, index, periodId],
  );

  // Subscribed before the screen is painted: a key pressed as soon as "2 / 5" shows is read
  // with the review that screen shows, never with the one before.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const key = event.key;
      if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" || key === " ") {
        go(index + 1);
      } else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp") {
        go(index - 1);
      } else if (key === "Home") {
        go(0);
      } else if (key === "End") {
        go(count - 1);
      } else if (key === "n" || key === "N") {
        setNotes((shown) => !shown);
      } else if (key === "f" || key === "F") {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void root.current?.requestFullscreen?.().catch(() => undefined);
      } else if (key === "Escape" && !document.fullscreenElement) {
        navigate(`/periods/${periodId}/dashboard`);
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, index, count, periodId]);

  useEffect(() => {
    if (data) document.title = `${slideTitle(data, index)} · ${data.period.label} review`;
  }, [data, index]);
  // Focus lands on the review, so the keys work at once and a screen reader hears the screen.
  useEffect(() => {
    root.current?.focus();
  }, []);

  return (
    <section
      className="review-mode"
      ref={root}
      tabIndex={-1}
      aria-label="Quarterly review"
      data-screen={index + 1}
    >
      <h1 className="visually-hidden">Quarterly review{data ? ` of ${data.period.label}` : ""}</h1>
      <div className="review-toolbar">
        <a href={hrefOf(`/periods/${periodId}/dashboard`)}>Leave review</a>
        <span className="review-counter" aria-live="polite" data-testid="review-counter">
          {index + 1} / {count}
        </span>
        <span className="review-actions">
          <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
            ← Previous
          </button>
          <button type="button" onClick={() => go(index + 1)} disabled={index >= count - 1}>
            Next →
          </button>
          <button type="button" aria-pressed={notes} onClick={() => setNotes((s) => !s)}>
            Notes
          </button>
          <button
            type="button"
            onClick={() => void root.current?.requestFullscreen?.().catch(() => undefined)}
          >
            Full screen
          </button>
          <a href={`/api/periods/${encodeURIComponent(periodId)}/review.pdf`} download>
            PDF
          </a>
        </span>
      </div>
      <ErrorText error={review.error} />
      {!data && !review.error && <p className="page-status">Loading…</p>}
      {data && (
        <div className={`review-stage${notes ? " with-notes" : ""}`}>
          <ReviewSlide review={data} index={index} />
          {notes && <PresenterNotes review={data} index={index} />}
        </div>
      )}
      <p className="review-help muted">← → step · N notes · F full screen · Esc leaves</p>
    </section>
  );
}
