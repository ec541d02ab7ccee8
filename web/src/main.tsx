import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import "./styles.css";

// The review's print view (what the server prints as the PDF) stands alone: no session, no shell.
const printed = /^#\/print\/review\/([^/?]+)/.exec(window.location.hash);
const PrintReview = lazy(() =>
  import("./pages/review/print-review").then((m) => ({ default: m.PrintReview })),
);

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      {printed?.[1] ? (
        <Suspense fallback={<p>Loading…</p>}>
          <PrintReview periodId={decodeURIComponent(printed[1])} />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}
