/** The periods: their dates and state, closing (grading) and reopening, a new one. */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { api, messageOf } from "../../api/client";
import { ErrorText, TextField } from "../../components/field";
import { formatCount, formatDate, formatLocalDate } from "../../format";
import { useWorkspace } from "../../session";
import { useAction } from "./use-action";

export function PeriodsSection() {
  const workspace = useWorkspace();
  const [label, setLabel] = useState("");
  const { error, run } = useAction();
  const [graded, setGraded] = useState<string>();
  // A refused new period is about its label, the form's one field: said beside it.
  const [labelError, setLabelError] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (labelError) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [labelError]);
  async function close(id: string, periodLabel: string) {
    if (
      !window.confirm(
        `Close ${periodLabel}? Unfinished key results become done or missed, and writes stop.`,
      )
    )
      return;
    await run(async () => {
      const answer = await api.post<{ graded: unknown[] }>(`/periods/${id}/close`);
      setGraded(
        `${periodLabel} closed; ${formatCount(answer.graded.length, "key result")} graded.`,
      );
      workspace.reloadPeriods();
    });
  }
  async function reopen(id: string) {
    await run(async () => {
      await api.post(`/periods/${id}/reopen`);
      setGraded(undefined);
      workspace.reloadPeriods();
    });
  }
  async function create(event: FormEvent) {
    event.preventDefault();
    setLabelError(undefined);
    try {
      await api.post("/periods", { label });
      setLabel("");
      workspace.reloadPeriods();
    } catch (err) {
      setLabelError(messageOf(err));
    }
  }
  return (
    <section id="periods" className="card" aria-labelledby="periods-heading">
      <h2 id="periods-heading" tabIndex={-1}>
        Periods
      </h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">State</th>
              {workspace.user.role !== "viewer" && <th scope="col">Grading</th>}
            </tr>
          </thead>
          <tbody>
            {[...workspace.periods]
              .sort((a, b) => b.start.localeCompare(a.start))
              .map((p) => (
                <tr key={p.id}>
                  <td>{p.label}</td>
                  <td>{formatDate(p.start)}</td>
                  <td>{formatDate(p.end)}</td>
                  <td>{p.closedAt ? `closed on ${formatLocalDate(p.closedAt)}` : "open"}</td>
                  {workspace.user.role !== "viewer" && (
                    <td>
                      {p.closedAt ? (
                        workspace.user.role === "admin" && (
                          <button type="button" className="small" onClick={() => void reopen(p.id)}>
                            Reopen {p.label}
                          </button>
                        )
                      ) : (
                        <button
                          type="button"
                          className="small"
                          onClick={() => void close(p.id, p.label)}
                        >
                          Close {p.label}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {workspace.user.role !== "viewer" && (
        <form ref={form} className="inline-form" onSubmit={create}>
          <TextField
            label="New period label"
            required
            error={labelError}
            placeholder="FY21-Q1"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            hint="Dates follow from the fiscal calendar."
          />
          <button type="submit">Create period</button>
        </form>
      )}
      <ErrorText error={error} />
      {graded && (
        <p className="success" role="status">
          {graded}
        </p>
      )}
    </section>
  );
}
