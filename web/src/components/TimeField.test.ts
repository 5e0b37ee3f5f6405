import { describe, expect, it } from "vitest";
import { toHourMinute } from "./TimeField";

describe("a time typed on the 24-hour clock, written as the API keeps it", () => {
  it.each([
    ["9:30", "09:30"],
    ["930", "09:30"],
    ["0930", "09:30"],
    ["9", "09:00"],
    ["17", "17:00"],
    [" 18:05 ", "18:05"],
    ["24:00", "24:00"],
    ["0", "00:00"],
    // Left as typed, for the form's check to name.
    ["24:30", "24:30"],
    ["9:75", "9:75"],
    ["25", "25"],
    ["9 pm", "9 pm"],
    ["", ""],
  ])("%s → %s", (typed, time) => {
    expect(toHourMinute(typed)).toBe(time);
  });
});
