/**
 * The conversation on an objective or key result: its comments (Markdown the server renders
 * sanitised), a box to add one with a picker for `@mentions`, edit and delete where allowed,
 * and following the item.
 */
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { CommentAnswer, FollowStateAnswer } from "../../../src/contract/answers.js";
import { api, getList } from "../api/client";
import type { Person } from "../api/types";
import { formatDateTime, formatTimeAgo } from "../format";
import { useAction } from "../pages/settings/use-action";
import { useRoute } from "../router";
import { useLoad } from "../use-load";
import { ErrorText } from "./field";
import { MentionBox } from "./mention-box";

type Segment = "objectives" | "key-results";

export function CommentThread({ segment, itemId }: { segment: Segment; itemId: string }) {
  const comments = useLoad(
    () => getList<CommentAnswer>(`/${segment}/${itemId}/comments`, "comments"),
    [segment, itemId],
  );
  const people = useLoad(
    () => getList<Person>("/people", "people").catch(() => [] as Person[]),
    [],
  );
  const [draft, setDraft] = useState("");
  const { error, run } = useAction();
  // Opened from a notification (`?comment=ID`): that comment is marked and brought into view.
  const focusedId = useRoute().query.get("comment");

  async function add(event: FormEvent) {
    event.preventDefault();
    const ok = await run(() => api.post(`/${segment}/${itemId}/comments`, { body: draft }));
    if (ok) {
      setDraft("");
      comments.reload();
    }
  }

  return (
    <section className="card" aria-labelledby="comments-heading">
      <div className="card-head">
        <h2 id="comments-heading">Comments</h2>
        <FollowButton segment={segment} itemId={itemId} />
      </div>
      <ErrorText error={comments.error} />
      {comments.data && comments.data.length === 0 && (
        <p className="muted">No comments yet. Start the conversation.</p>
      )}
      <ol className="comment-list">
        {(comments.data ?? []).map((comment) => (
          <CommentEntry
            key={`${comment.id}-${comment.updatedAt}`}
            comment={comment}
            people={people.data ?? []}
            onChanged={comments.reload}
            focused={comment.id === focusedId}
          />
        ))}
      </ol>
      <form onSubmit={add} className="comment-form">
        <MentionBox
          label="Add a comment"
          value={draft}
          onChange={setDraft}
          people={people.data ?? []}
        />
        <ErrorText error={error} />
        <button type="submit" disabled={draft.trim() === ""}>
          Comment
        </button>
      </form>
    </section>
  );
}

function CommentEntry({
  comment,
  people,
  onChanged,
  focused,
}: {
  comment: CommentAnswer;
  people: Person[];
  onChanged: () => void;
  focused: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.body);
  const [confirming, setConfirming] = useState(false);
  const { error, run } = useAction();
  const entry = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) entry.current?.scrollIntoView({ block: "center" });
  }, [focused]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (await run(() => api.patch(`/comments/${comment.id}`, { body: text }))) {
      setEditing(false);
      onChanged();
    }
  }
  async function remove() {
    if (await run(() => api.delete(`/comments/${comment.id}`))) onChanged();
  }

  return (
    <li
      ref={entry}
      id={`comment-${comment.id}`}
      className={focused ? "comment focused" : "comment"}
      aria-label={`Comment by ${comment.authorName}`}
      aria-current={focused ? "true" : undefined}
    >
      <p className="comment-meta">
        <strong>{comment.authorName}</strong>{" "}
        <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>
          {formatTimeAgo(comment.createdAt)}
        </time>
        {comment.edited && <span className="muted"> · edited</span>}
      </p>
      {editing ? (
        <form onSubmit={save} className="comment-form">
          <MentionBox label="Edit the comment" value={text} onChange={setText} people={people} />
          <div className="button-row">
            <button type="submit" disabled={text.trim() === ""}>
              Save
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        // Rendered by the server from Markdown with raw HTML escaped and only safe links.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server
        <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      <ErrorText error={error} />
      {!editing && (comment.canEdit || comment.canDelete) && (
        <div className="button-row">
          {comment.canEdit && (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {comment.canDelete &&
            (confirming ? (
              <>
                <button type="button" className="link-button danger" onClick={() => void remove()}>
                  Confirm delete
                </button>
                <button type="button" className="link-button" onClick={() => setConfirming(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirming(true)}>
                Delete
              </button>
            ))}
        </div>
      )}
    </li>
  );
}

function FollowButton({ segment, itemId }: { segment: Segment; itemId: string }) {
  const state = useLoad(
    () => api.get<FollowStateAnswer>(`/${segment}/${itemId}/follow`),
    [segment, itemId],
  );
  const { error, run } = useAction();
  if (!state.data) return null;
  const following = state.data.following;
  async function toggle() {
    await run(async () => {
      const path = `/${segment}/${itemId}/follow`;
      state.setData(
        following
          ? await api.delete<FollowStateAnswer>(path)
          : await api.post<FollowStateAnswer>(path),
      );
    });
  }
  return (
    <div className="follow">
      <button
        type="button"
        className="secondary"
        aria-pressed={following}
        onClick={() => void toggle()}
        title={
          following
            ? "You hear of its comments, check-ins and changes. Click to stop."
            : "Hear of its comments, check-ins and changes"
        }
      >
        {following ? "Following" : "Follow"}
      </button>
      <ErrorText error={error} />
    </div>
  );
}
