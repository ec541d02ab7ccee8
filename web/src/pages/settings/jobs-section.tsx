import type { JobKindStatusAnswer } from "../../../../src/contract/answers.js";
import { getList } from "../../api/client";
import { ErrorText } from "../../components/field";
import { formatDateTime } from "../../format";
import { useLoad } from "../../use-load";

/** What the server does in the background (reminders, deliveries, refreshes): admins only. */
export function JobsSection() {
  const kinds = useLoad(() => getList<JobKindStatusAnswer>("/jobs", "kinds"), []);
  return (
    <section id="jobs" className="card" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading" tabIndex={-1}>
        Background work
      </h2>
      <p className="muted">
        Reminders, deliveries and refreshes run in the background and are retried when they fail.
      </p>
      <div className="table-wrap">
        <table className="data-table stacked-table" aria-label="Background work">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Waiting</th>
              <th scope="col">Done</th>
              <th scope="col">Failed</th>
              <th scope="col">Last success</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {(kinds.data ?? []).map((k) => (
              <tr key={k.kind}>
                <td data-label="Kind">
                  <code>{k.kind}</code>
                </td>
                <td data-label="Waiting">{k.pending + k.running}</td>
                <td data-label="Done">{k.done}</td>
                <td data-label="Failed">{k.failed}</td>
                <td data-label="Last success">{formatDateTime(k.lastSuccessAt)}</td>
                <td data-label="Last error">
                  {k.lastError ? (
                    <span className="error">
                      {formatDateTime(k.lastErrorAt)}: {k.lastError}
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {kinds.data?.length === 0 && <p className="muted">Nothing has run in the background yet.</p>}
      <ErrorText error={kinds.error} />
    </section>
  );
}
