/** The app shell: first-run setup, sign-in, then the signed-in pages behind one header. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { api, getList, setCsrfToken } from "./api/client";
import type { Period, SessionInfo, Settings, User } from "./api/types";
import { ErrorBoundary } from "./components/error-boundary";
import { NotificationBell } from "./components/notification-bell";
import { PeriodSwitcher } from "./components/period-switcher";
import { SetPasswordPage, UnsubscribePage } from "./pages/account-link-pages";
import { AccountPage } from "./pages/account-page";
import { AuditPage } from "./pages/audit-page";
import { ImportExportPage } from "./pages/import-export-page";
import { KpisPage } from "./pages/kpis-page";
import { MapPage } from "./pages/map-page";
import { MyOkrsPage } from "./pages/my-okrs-page";
import { NewKeyResultPage } from "./pages/new-key-result-page";
import { NewObjectivePage } from "./pages/new-objective-page";
import { NotificationsPage } from "./pages/notifications-page";
import { ObjectivePage } from "./pages/objective-page";
import { PeriodPage } from "./pages/period-page";
import { RetrospectivesPage } from "./pages/retrospectives-page";
import { SearchPage } from "./pages/search-page";
import { SettingsPage } from "./pages/settings-page";
import { SetupPage } from "./pages/setup-page";
import { SignInPage } from "./pages/sign-in-page";
import { hrefOf, navigate, type Route, useRoute } from "./router";
import { pickCurrentPeriod, type Workspace, WorkspaceContext } from "./session";

// The pages with charts load the charting library on first use, so the tree opens faster.
const DashboardPage = lazy(() =>
  import("./pages/dashboard-page").then((m) => ({ default: m.DashboardPage })),
);
const KeyResultPage = lazy(() =>
  import("./pages/key-result-page").then((m) => ({ default: m.KeyResultPage })),
);
const KpiPage = lazy(() => import("./pages/kpis/kpi-page").then((m) => ({ default: m.KpiPage })));
const ReviewPage = lazy(() =>
  import("./pages/review/review-page").then((m) => ({ default: m.ReviewPage })),
);

type Phase =
  | { kind: "loading" }
  | { kind: "setup" }
  | { kind: "sign-in" }
  | { kind: "ready"; user: User }
  | { kind: "error"; message: string };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const linkRoute = useRoute();

  const refreshSession = useCallback(async () => {
    try {
      const setup = await api.get<{ needed: boolean }>("/setup");
      if (setup.needed) {
        setPhase({ kind: "setup" });
        return;
      }
      const session = await api.get<SessionInfo>("/session").catch(() => null);
      setCsrfToken(session?.csrfToken ?? null);
      setPhase(session?.user ? { kind: "ready", user: session.user } : { kind: "sign-in" });
    } catch (error) {
      setPhase({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    void refreshSession();
  }, [refreshSession]);

  // Pages a mail links to work signed in or not.
  if (linkRoute.path === "/set-password") {
    return <SetPasswordPage token={linkRoute.query.get("token") ?? ""} />;
  }
  if (linkRoute.path === "/unsubscribe") {
    return <UnsubscribePage token={linkRoute.query.get("token") ?? ""} />;
  }

  switch (phase.kind) {
    case "loading":
      return <p className="page-status">Loading…</p>;
    case "error":
      return (
        <main className="narrow">
          <h1>OKR</h1>
          <p role="alert" className="error">
            {phase.message}
          </p>
          <button type="button" onClick={() => void refreshSession()}>
            Try again
          </button>
        </main>
      );
    case "setup":
      return <SetupPage onDone={() => void refreshSession()} />;
    case "sign-in":
      return <SignInPage onSignedIn={() => void refreshSession()} />;
    case "ready":
      return (
        <SignedIn
          user={phase.user}
          onSignedOut={() => {
            // Leave the signed-in pages first, so none of them asks the API for data it may no
            // longer read (each such request would answer 401).
            setPhase({ kind: "sign-in" });
            window.location.hash = "/";
            void refreshSession();
          }}
        />
      );
  }
}

const LAST_PERIOD_KEY = "okr.period";

function SignedIn({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const route = useRoute();
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [tick, setTick] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);
  const [remembered, setRemembered] = useState(() => localStorage.getItem(LAST_PERIOD_KEY));
  const showPeriod = useCallback((id: string) => {
    localStorage.setItem(LAST_PERIOD_KEY, id);
    setRemembered(id);
  }, []);

  useEffect(() => {
    void tick;
    getList<Period>("/periods", "periods")
      .then(setPeriods)
      .catch(() => setPeriods([]));
  }, [tick]);
  useEffect(() => {
    api
      .get<Settings>("/settings")
      .then(setSettings)
      .catch(() => setSettings(null));
  }, []);

  const signOut = useCallback(() => {
    api
      .delete("/session")
      .catch(() => undefined)
      .finally(() => {
        setCsrfToken(null);
        onSignedOut();
      });
  }, [onSignedOut]);

  const workspace: Workspace | null = useMemo(
    () =>
      periods
        ? {
            user,
            settings,
            periods,
            reloadPeriods: () => setTick((t) => t + 1),
            showPeriod,
            signOut,
          }
        : null,
    [user, settings, periods, signOut, showPeriod],
  );

  const routePeriodId = route.segments[0] === "periods" ? route.segments[1] : undefined;
  useEffect(() => {
    if (routePeriodId) showPeriod(routePeriodId);
  }, [routePeriodId, showPeriod]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu on every navigation
  useEffect(() => setMenuOpen(false), [route.path]);

  const period =
    periods?.find((p) => p.id === routePeriodId) ??
    periods?.find((p) => p.id === remembered) ??
    pickCurrentPeriod(periods ?? []);
  const section =
    route.segments[0] === "periods" ? (route.segments[2] ?? "tree") : route.segments[0];

  const links: { label: string; path: string; active: boolean }[] = [
    { label: "Tree", path: period ? `/periods/${period.id}` : "/", active: section === "tree" },
    {
      label: "Dashboard",
      path: period ? `/periods/${period.id}/dashboard` : "/",
      active: section === "dashboard",
    },
    {
      label: "Retrospectives",
      path: period ? `/periods/${period.id}/retrospectives` : "/",
      active: section === "retrospectives",
    },
    { label: "My OKRs", path: "/me", active: section === "me" },
    { label: "KPIs", path: "/kpis", active: section === "kpis" },
    { label: "Search", path: "/search", active: section === "search" },
    { label: "Import & export", path: "/import", active: section === "import" },
    { label: "Settings", path: "/settings", active: section === "settings" },
    ...(user.role === "admin"
      ? [{ label: "Audit log", path: "/audit", active: section === "audit" }]
      : []),
  ];
  const activeLabel = links.find((link) => link.active)?.label;
  useEffect(() => {
    document.title = [activeLabel, period?.label, "OKR"].filter(Boolean).join(" · ");
  }, [activeLabel, period?.label]);

  if (!workspace) return <p className="page-status">Loading…</p>;

  return (
    <WorkspaceContext.Provider value={workspace}>
      {/* biome-ignore lint/a11y/useValidAnchor: the address holds the route, so the skip link moves focus itself */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href={hrefOf("/")}>
          <span aria-hidden="true">◎</span> OKR
        </a>
        <PeriodSwitcher
          periods={workspace.periods}
          current={period}
          onChange={(id) =>
            navigate(
              section === "tree" || !routePeriodId ? `/periods/${id}` : `/periods/${id}/${section}`,
            )
          }
        />
        <NotificationBell refreshKey={route.path} active={section === "notifications"} />
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={`main-nav${menuOpen ? " open" : ""}`}>
          <ul>
            {links.map((link) => (
              <li key={link.label}>
                <a href={hrefOf(link.path)} aria-current={link.active ? "page" : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
          <div className="user-box">
            <a
              className="user-name"
              href={hrefOf("/account")}
              title={`${user.email}: my account and password`}
              aria-current={section === "account" ? "page" : undefined}
            >
              {user.name}
            </a>
            <button type="button" className="link-button" onClick={signOut}>
              Sign out
            </button>
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={route.path}>
          <Suspense fallback={<p className="page-status">Loading…</p>}>
            <Page route={route} period={period} />
          </Suspense>
        </ErrorBoundary>
      </main>
    </WorkspaceContext.Provider>
  );
}

function Page({ route, period }: { route: Route; period: Period | undefined }) {
  const [first, second, third] = route.segments;
  if (!first) {
    if (period) return <Redirect to={`/periods/${period.id}`} />;
    return <NoPeriods />;
  }
  if (first === "periods" && second) {
    if (third === "dashboard") return <DashboardPage periodId={second} />;
    if (third === "retrospectives") return <RetrospectivesPage periodId={second} />;
    if (third === "review") return <ReviewPage periodId={second} route={route} />;
    if (third === "map") return <MapPage periodId={second} />;
    return <PeriodPage periodId={second} />;
  }
  if (first === "objectives" && second === "new") return <NewObjectivePage query={route.query} />;
  if (first === "objectives" && second) return <ObjectivePage id={second} />;
  if (first === "key-results" && second === "new") return <NewKeyResultPage query={route.query} />;
  if (first === "key-results" && second) return <KeyResultPage id={second} />;
  if (first === "import") return <ImportExportPage periodId={period?.id} />;
  if (first === "settings") return <SettingsPage />;
  if (first === "me") return <MyOkrsPage />;
  if (first === "search") return <SearchPage query={route.query} />;
  if (first === "audit") return <AuditPage />;
  if (first === "account") return <AccountPage />;
  if (first === "notifications") return <NotificationsPage />;
  if (first === "kpis" && second) return <KpiPage id={second} />;
  if (first === "kpis") return <KpisPage />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page at <code>{route.path}</code>. <a href={hrefOf("/")}>Go to the tree.</a>
      </p>
    </section>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => {
    window.location.replace(`#${to}`);
  }, [to]);
  return null;
}

function NoPeriods() {
  return (
    <section className="narrow">
      <h1>No OKRs yet</h1>
      <p>
        Start by <a href={hrefOf("/import")}>importing a handbook page</a>, or create a period in{" "}
        <a href={hrefOf("/settings")}>Settings</a>.
      </p>
    </section>
  );
}
