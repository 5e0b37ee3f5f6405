import { describe, expect, it } from "vitest";
import {
  displayTimeZone,
  formatDate,
  formatDateTime,
  formatDeadline,
  formatMinutes,
  formatWeekday,
  formatWeekdayDateTime,
  setDisplayLocale,
  setDisplayTimeZone,
  zonedDateKey,
  zonedIso,
  zonedTime,
} from "./format";
import { formatLongDate, zoneLabel, zoneOptions } from "./zones";

setDisplayTimeZone("America/Mexico_City");

describe("dates in the calendar's zone (America/Mexico_City)", () => {
  it.each([
    // Mexico City is UTC−6 all year since 2022; before, 2 Apr 2023 would have moved to UTC−5.
    { utc: "2026-11-24T16:30:00Z", dateTime: "24/11/2026 10:30", date: "24/11/2026" },
    { utc: "2026-04-05T08:00:00Z", dateTime: "05/04/2026 02:00", date: "05/04/2026" },
    { utc: "2026-10-25T07:30:00Z", dateTime: "25/10/2026 01:30", date: "25/10/2026" },
    { utc: "2027-01-01T05:59:00Z", dateTime: "31/12/2026 23:59", date: "31/12/2026" },
  ])("$utc → $dateTime", ({ utc, dateTime, date }) => {
    expect(formatDateTime(utc)).toBe(dateTime);
    expect(formatDate(utc)).toBe(date);
  });

  it.each([
    { date: "2026-04-05", time: "02:30", iso: "2026-04-05T02:30:00-06:00" }, // the old spring-forward hour exists
    { date: "2026-10-25", time: "01:30", iso: "2026-10-25T01:30:00-06:00" }, // and the old fall-back hour is single
    { date: "2026-11-24", time: "24:00", iso: null },
  ])("wall clock $date $time → $iso", ({ date, time, iso }) => {
    expect(zonedIso(date, time)).toBe(iso);
  });
});

describe("numeric dates in the user's language, on the calendar's wall clock", () => {
  it.each([
    { locale: "es-MX", dateTime: "24/11/2026 10:30", date: "24/11/2026", plain: "05/04/2026" },
    { locale: "en", dateTime: "11/24/2026 10:30", date: "11/24/2026", plain: "04/05/2026" },
  ] as const)("$locale", ({ locale, dateTime, date, plain }) => {
    setDisplayLocale(locale);
    try {
      expect(formatDateTime("2026-11-24T16:30:00Z")).toBe(dateTime);
      expect(formatDate("2026-11-24T16:30:00Z")).toBe(date);
      expect(formatDate("2026-04-05")).toBe(plain); // a calendar date: no zone shift
    } finally {
      setDisplayLocale("es-MX");
    }
  });

  it("follows the calendar's zone, not the browser's, and keeps Mexico City's for an unknown name", () => {
    try {
      setDisplayTimeZone("Europe/Madrid");
      expect(formatDateTime("2026-11-24T16:30:00Z")).toBe("24/11/2026 17:30");
      expect(zonedDateKey("2026-11-24T23:30:00Z")).toBe("2026-11-25");
      expect(zonedTime("2026-11-24T23:30:00Z")).toBe("00:30");
      setDisplayTimeZone("Marte/Olympus");
      expect(displayTimeZone()).toBe("America/Mexico_City");
      expect(formatDateTime("2026-11-24T16:30:00Z")).toBe("24/11/2026 10:30");
    } finally {
      setDisplayTimeZone("America/Mexico_City");
    }
  });

  // What reception reads out after filing: the weekday named, so a Saturday call hears «lunes».
  it.each([
    { locale: "es-MX", utc: "2026-12-07T16:00:00Z", text: "lunes 07/12/2026 10:00" },
    { locale: "en", utc: "2026-12-07T16:00:00Z", text: "Monday 12/07/2026 10:00" },
    { locale: "es-MX", utc: "2026-12-05T16:00:00Z", text: "sábado 05/12/2026 10:00" },
    // The weekday of the calendar's wall clock: UTC's Friday 05:59 is still Thursday in Mexico City.
    { locale: "es-MX", utc: "2027-01-01T05:59:00Z", text: "jueves 31/12/2026 23:59" },
  ] as const)("with the weekday in $locale: $text", ({ locale, utc, text }) => {
    setDisplayLocale(locale);
    try {
      expect(formatWeekdayDateTime(utc)).toBe(text);
      expect(formatWeekday(utc)).toBe(text.split(" ")[0]);
    } finally {
      setDisplayLocale("es-MX");
    }
  });

  it("shows a dash for no date or a bad one", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(formatWeekdayDateTime(null)).toBe("—");
    expect(formatDate("no es fecha")).toBe("—");
    expect(formatDate("2026-02-30")).toBe("2026-02-30");
  });
});

describe("long dates in the user's language", () => {
  it.each([
    { date: "2026-12-24", locale: "es-MX", text: "jueves 24 de diciembre de 2026" },
    { date: "2026-12-24", locale: "en", text: "Thursday, December 24, 2026" },
    { date: "2026-11-16", locale: "es-MX", text: "lunes 16 de noviembre de 2026" },
    { date: "not-a-date", locale: "en", text: "not-a-date" },
  ] as const)("$date in $locale → $text", ({ date, locale, text }) => {
    expect(formatLongDate(date, locale)).toBe(text);
  });
});

describe("zone names a person reads", () => {
  it.each([
    { zone: "America/Mexico_City", locale: "es-MX", text: "Ciudad de México (UTC−6)" },
    { zone: "America/Mexico_City", locale: "en", text: "Mexico City (UTC−6)" },
    { zone: "America/Cancun", locale: "es-MX", text: "Cancún (UTC−5)" },
    { zone: "Europe/Madrid", locale: "en", text: "Madrid (UTC+1)" },
  ] as const)("$zone in $locale → $text", ({ zone, locale, text }) => {
    expect(zoneLabel(zone, locale, new Date("2026-12-24T12:00:00Z"))).toBe(text);
  });

  it("before 2022 Mexico City observed DST; the label follows the offset of the day asked", () => {
    expect(zoneLabel("America/Mexico_City", "es-MX", new Date("2021-07-01T12:00:00Z"))).toBe(
      "Ciudad de México (UTC−5)",
    );
    expect(zoneLabel("America/Mexico_City", "es-MX", new Date("2026-07-01T12:00:00Z"))).toBe(
      "Ciudad de México (UTC−6)",
    );
  });
});

describe("the zones the calendar page offers", () => {
  const at = new Date("2026-12-24T12:00:00Z");
  it("lists Mexico's zones first by city and offset, then the rest without repeating them", () => {
    const [mexico, others] = zoneOptions("es-MX", "America/Mexico_City", at);
    expect(mexico?.group).toBe("México");
    expect(mexico?.items[0]).toEqual({
      value: "America/Mexico_City",
      label: "Ciudad de México (UTC−6)",
    });
    expect(others?.items.find((i) => i.value === "Europe/Madrid")?.label).toBe(
      "Madrid (UTC+1) · Europe/Madrid",
    );
    expect(others?.items.map((i) => i.value)).not.toContain("America/Mexico_City");
  });

  it("keeps a stored zone the browser does not list, so opening the page never changes it", () => {
    const [, others] = zoneOptions("en", "Etc/Unlisted", at);
    expect(others?.items[0]?.value).toBe("Etc/Unlisted");
  });
});

describe("durations and relative deadlines", () => {
  it.each([
    { minutes: 75, text: "1 h 15 min" },
    { minutes: 45, text: "45 min" },
    { minutes: 120, text: "2 h" },
    { minutes: 52_904 * 60 + 5, text: "52,904 h 5 min" },
    { minutes: 0, text: "0 min" },
    { minutes: -30, text: "-30 min" },
    { minutes: null, text: "—" },
  ])("$minutes min → $text", ({ minutes, text }) => {
    expect(formatMinutes(minutes)).toBe(text);
  });

  const now = new Date("2026-11-24T16:00:00Z");
  it.each([
    { due: "2026-11-24T17:15:00Z", locale: "es-MX", text: "vence en 1 h 15 min" },
    { due: "2026-11-24T17:15:00Z", locale: "en", text: "due in 1 h 15 min" },
    { due: "2026-11-24T15:40:00Z", locale: "es-MX", text: "venció hace 20 min" },
    { due: "2026-11-24T15:40:00Z", locale: "en", text: "overdue by 20 min" },
    { due: "2026-11-24T16:00:00Z", locale: "es-MX", text: "vence ahora" },
  ] as const)("$due in $locale → $text", ({ due, locale, text }) => {
    expect(formatDeadline(due, now, locale)).toBe(text);
  });
});
