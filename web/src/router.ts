/** A tiny hash router: `#/periods/abc` → `{ path: "/periods/abc", query }`. */
import { useEffect, useState } from "react";

export interface Route {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

function readRoute(): Route {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const [path = "/", search = ""] = hash.split("?");
  return {
    path,
    segments: path.split("/").filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(search),
  };
}

/** The current route; re-renders when the hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onChange = () => setRoute(readRoute());
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

/** Goes to a path inside the app, e.g. `navigate("/key-results/k1")`. */
export function navigate(path: string): void {
  window.location.hash = path;
}

/** The href for a path inside the app. */
export function hrefOf(path: string): string {
  return `#${path}`;
}
