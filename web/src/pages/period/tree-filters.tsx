import { useState } from "react";
import { HEALTH_LABELS, HEALTHS, STATUS_LABELS, type Status, type Team } from "../../api/types";
import { isFiltering, NO_FILTERS, type TreeFilters } from "../../tree-model";

const STATUSES = Object.keys(STATUS_LABELS) as Status[];

export function TreeFilterForm({
  filters,
  setFilters,
  owners,
  teams,
  onExpandAll,
  onCollapseAll,
}: {
  filters: TreeFilters;
  setFilters: (update: (previous: TreeFilters) => TreeFilters) => void;
  owners: readonly string[];
  teams: readonly Team[];
  onExpandAll: () => void;
  onCollapseAll: () => void;
}) {
  const [filtersOpen, setFiltersOpen] = useState(false);
  const set = (key: keyof TreeFilters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value }));
  return (
    <form
      className={`filters${filtersOpen ? " open" : ""}`}
      aria-label="Filter the tree"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field grow">
        <label htmlFor="tree-search">Search</label>
        <input
          id="tree-search"
          type="search"
          placeholder="Title, owner or outcome"
          value={filters.search}
          onChange={(e) => set("search")(e.target.value)}
        />
      </div>
      <button
        type="button"
        className="filters-toggle"
        aria-expanded={filtersOpen}
        onClick={() => setFiltersOpen((open) => !open)}
      >
        Filters{isFiltering({ ...filters, search: "" }) ? " •" : ""}
      </button>
      <FilterSelect
        id="filter-owner"
        label="Owner"
        value={filters.owner}
        onChange={set("owner")}
        options={owners.map((o) => [o, o])}
      />
      <FilterSelect
        id="filter-team"
        label="Team"
        value={filters.team}
        onChange={set("team")}
        options={teams.map((t) => [t.name, t.name])}
      />
      <FilterSelect
        id="filter-status"
        label="Status"
        value={filters.status}
        onChange={set("status")}
        options={STATUSES.map((s) => [s, STATUS_LABELS[s]])}
      />
      <FilterSelect
        id="filter-health"
        label="Health"
        value={filters.health}
        onChange={set("health")}
        options={HEALTHS.map((h) => [h, HEALTH_LABELS[h]])}
      />
      <div className="filter-actions">
        {isFiltering(filters) && (
          <button type="button" onClick={() => setFilters(() => NO_FILTERS)}>
            Clear filters
          </button>
        )}
        <button type="button" onClick={onExpandAll}>
          Expand all
        </button>
        <button type="button" onClick={onCollapseAll}>
          Collapse all
        </button>
      </div>
    </form>
  );
}

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
