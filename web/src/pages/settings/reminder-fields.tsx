/** The fields of a reminder cadence: how often, weekday, hour, time zone. */
import { useId } from "react";
import type { ReminderPreferenceAnswer } from "../../../../src/contract/rhythm.js";
import { TextField } from "../../components/field";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);
const CADENCES: [ReminderPreferenceAnswer["cadence"], string][] = [
  ["weekly", "Weekly"],
  ["twice-monthly", "Twice a month (1st and 3rd)"],
  ["monthly", "Monthly (1st)"],
  ["off", "Off"],
];

export function ReminderFields({
  value,
  onChange,
  label,
}: {
  value: ReminderPreferenceAnswer;
  onChange: (value: ReminderPreferenceAnswer) => void;
  label: string;
}) {
  const id = useId();
  return (
    <fieldset className="inline-form">
      <legend>{label}</legend>
      <div className="field">
        <label htmlFor={`${id}-cadence`}>How often</label>
        <select
          id={`${id}-cadence`}
          value={value.cadence}
          onChange={(e) =>
            onChange({ ...value, cadence: e.target.value as ReminderPreferenceAnswer["cadence"] })
          }
        >
          {CADENCES.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-weekday`}>Day</label>
        <select
          id={`${id}-weekday`}
          value={value.weekday}
          onChange={(e) => onChange({ ...value, weekday: Number(e.target.value) })}
        >
          {WEEKDAYS.map((day, i) => (
            <option key={day} value={i}>
              {day}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-hour`}>Hour</label>
        <select
          id={`${id}-hour`}
          value={value.hour}
          onChange={(e) => onChange({ ...value, hour: Number(e.target.value) })}
        >
          {HOURS.map((text) => (
            <option key={text} value={Number(text.slice(0, 2))}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Time zone"
        value={value.timeZone}
        required
        onChange={(e) => onChange({ ...value, timeZone: e.target.value })}
        hint="e.g. Europe/Berlin, America/New_York, UTC"
      />
    </fieldset>
  );
}
