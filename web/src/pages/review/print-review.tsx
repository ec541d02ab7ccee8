/**
 * The review's print view (`#/print/review/{periodId}`): every screen one after another, a
 * page each at 1920×1080, for the server's headless Chromium to print as the review PDF. It
 * reads only the review's data, so it needs no session; `data-review-ready` says it is drawn.
 */
import { useEffect, useState } from "react";
import { api, messageOf } from "../../api/client";
import { type Review, ReviewSlide, slideCount } from "./review-slides";

export function PrintReview({ periodId }: { periodId: string }) {
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<Review>(`/periods/${periodId}/review`)
      .then(setReview)
      .catch((e: unknown) => setError(messageOf(e)));
  }, [periodId]);
  const [ready, setReady] = useState(false);
  // Charts draw in their own effects, which run before this one: the page is complete here.
  useEffect(() => {
    if (review) setReady(true);
  }, [review]);
  if (error) return <p role="alert">{error}</p>;
  if (!review) return <p>Loading…</p>;
  return (
    <div className="review-print" data-review-ready={ready ? "" : undefined}>
      {Array.from({ length: slideCount(review) }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the screens are fixed, in order
        <div className="review-page" key={i}>
          <ReviewSlide review={review} index={i} />
        </div>
      ))}
    </div>
  );
}
