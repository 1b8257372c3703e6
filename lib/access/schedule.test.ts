// Instants are written with the door's own UTC offset ("2026-01-05T08:00+01:00" is 08:00 in Berlin
// in winter), so each case reads as the wall-clock time it is about, and the offset shows which side
// of a daylight-saving change it falls on. January 2026 runs Monday the 5th to Sunday the 11th.
import { describe, expect, it } from 'vitest'
import {
  describeNext,
  isValidTimeZone,
  localTime,
  nextAllowedAt,
  type Schedule,
  scheduleAllows,
  scheduleSchema,
  scheduleWindowSchema,
} from './schedule'

const BERLIN = 'Europe/Berlin'
const NEW_YORK = 'America/New_York'
const SYDNEY = 'Australia/Sydney'

const officeHours: Schedule = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '17:00' }]
const fridayNight: Schedule = [{ days: ['fri'], from: '22:00', to: '06:00' }]
const saturdayNight: Schedule = [{ days: ['sat'], from: '22:00', to: '06:00' }]

type AllowsRow = [label: string, at: string, allowed: boolean]

/** One table: a schedule at a door, and whether it allows each instant. */
function allowsTable(title: string, schedule: Schedule, timeZone: string, rows: AllowsRow[]) {
  it.each(rows)(`${title}: %s (%s) → %s`, (_label, at, allowed) => {
    expect(scheduleAllows({ schedule, timeZone, now: new Date(at) })).toBe(allowed)
  })
}

describe('scheduleAllows', () => {
  allowsTable('Mon–Fri 08:00–17:00', officeHours, BERLIN, [
    ['Mon, exactly at from', '2026-01-05T08:00+01:00', true],
    ['Mon, a second before from', '2026-01-05T07:59:59+01:00', false],
    ['Wed midday', '2026-01-07T12:00+01:00', true],
    ['Fri, a second before to', '2026-01-09T16:59:59+01:00', true],
    ['Fri, exactly at to', '2026-01-09T17:00+01:00', false],
    ['Sat, a day not listed', '2026-01-10T12:00+01:00', false],
  ])

  allowsTable('overnight Fri 22:00–06:00', fridayNight, BERLIN, [
    ['Fri, exactly at from', '2026-01-09T22:00+01:00', true],
    ['Fri, a minute before from', '2026-01-09T21:59+01:00', false],
    ['Fri, last minute', '2026-01-09T23:59+01:00', true],
    ['Sat midnight', '2026-01-10T00:00+01:00', true],
    ['Sat early', '2026-01-10T03:00+01:00', true],
    ['Sat, exactly at to', '2026-01-10T06:00+01:00', false],
    ['Sat evening, Sat not listed', '2026-01-10T22:00+01:00', false],
    ['Sun early, Sat not listed', '2026-01-11T03:00+01:00', false],
    ['Fri early, Thu not listed', '2026-01-09T03:00+01:00', false],
  ])

  allowsTable('overnight Fri–Sat 22:00–06:00', [{ days: ['fri', 'sat'], from: '22:00', to: '06:00' }], BERLIN, [
    ['Sun early, Sat listed', '2026-01-11T03:00+01:00', true],
  ])

  // from === to is the whole 24 hours from `from`.
  allowsTable('Wed 08:00–08:00', [{ days: ['wed'], from: '08:00', to: '08:00' }], BERLIN, [
    ['Wed, before from', '2026-01-07T07:59+01:00', false],
    ['Wed, at from', '2026-01-07T08:00+01:00', true],
    ['Thu, a minute before to', '2026-01-08T07:59+01:00', true],
    ['Thu, at to', '2026-01-08T08:00+01:00', false],
  ])
  allowsTable('Sat 00:00–00:00', [{ days: ['sat'], from: '00:00', to: '00:00' }], BERLIN, [
    ['Fri, last minute', '2026-01-09T23:59+01:00', false],
    ['Sat midnight', '2026-01-10T00:00+01:00', true],
    ['Sat, last minute', '2026-01-10T23:59+01:00', true],
    ['Sun midnight', '2026-01-11T00:00+01:00', false],
  ])

  allowsTable('an empty schedule, any time', [], BERLIN, [
    ['Sun night', '2026-01-11T03:00+01:00', true],
    ['Wed midday', '2026-01-07T12:00+01:00', true],
    ['the spring-forward jump', '2026-03-29T03:00+02:00', true],
  ])

  const splitDay: Schedule = [
    { days: ['mon'], from: '08:00', to: '12:00' },
    { days: ['mon', 'wed'], from: '13:00', to: '17:00' },
  ]
  allowsTable('two windows, Mon 08:00–12:00 and Mon+Wed 13:00–17:00', splitDay, BERLIN, [
    ['Mon, in the first', '2026-01-05T11:59+01:00', true],
    ['Mon, between them', '2026-01-05T12:30+01:00', false],
    ['Mon, in the second', '2026-01-05T13:00+01:00', true],
    ['Mon, after both', '2026-01-05T17:00+01:00', false],
    ['Wed morning, the morning window is Mon only', '2026-01-07T10:00+01:00', false],
    ['Wed afternoon', '2026-01-07T14:00+01:00', true],
  ])

  // The same instants are different local days at the three doors.
  const mondayLate: Schedule = [{ days: ['mon'], from: '08:00', to: '20:00' }]
  it.each([
    [NEW_YORK, 'Mon 18:30', '2026-01-05T23:30Z', true],
    [BERLIN, 'Tue 00:30', '2026-01-05T23:30Z', false],
    [SYDNEY, 'Tue 10:30', '2026-01-05T23:30Z', false],
    [NEW_YORK, 'Sun 17:30', '2026-01-04T22:30Z', false],
    [BERLIN, 'Sun 23:30', '2026-01-04T22:30Z', false],
    [SYDNEY, 'Mon 09:30', '2026-01-04T22:30Z', true],
  ] as const)("Mon 08:00–20:00 reads the door's time zone: %s, %s (%s) → %s", (timeZone, _local, at, allowed) => {
    expect(scheduleAllows({ schedule: mondayLate, timeZone, now: new Date(at) })).toBe(allowed)
  })
})

describe('scheduleAllows on daylight-saving days', () => {
  // Spring forward: Berlin's clocks go 02:00 → 03:00 on 2026-03-29, New York's on 2026-03-08.
  const sundayEarly: Schedule = [{ days: ['sun'], from: '01:00', to: '03:00' }]
  allowsTable('Berlin spring forward, Sun 01:00–03:00', sundayEarly, BERLIN, [
    ['00:59', '2026-03-29T00:59+01:00', false],
    ['01:59, the last minute before the jump', '2026-03-29T01:59+01:00', true],
    ['03:00, the first minute after it', '2026-03-29T03:00+02:00', false],
  ])
  allowsTable('New York spring forward, Sun 01:00–03:00', sundayEarly, NEW_YORK, [
    ['01:59, the last minute before the jump', '2026-03-08T01:59-05:00', true],
    ['03:00, the first minute after it', '2026-03-08T03:00-04:00', false],
  ])
  allowsTable('Berlin spring forward, Sun 02:00–02:30 never opens', [{ days: ['sun'], from: '02:00', to: '02:30' }], BERLIN, [
    ['01:59', '2026-03-29T01:59+01:00', false],
    ['03:00', '2026-03-29T03:00+02:00', false],
  ])
  allowsTable('Berlin spring forward, Sun 02:30–04:00 opens after the jump', [{ days: ['sun'], from: '02:30', to: '04:00' }], BERLIN, [
    ['03:00', '2026-03-29T03:00+02:00', true],
  ])
  allowsTable('Berlin spring forward, overnight Sat 22:00–06:00', saturdayNight, BERLIN, [
    ['Sat 23:00', '2026-03-28T23:00+01:00', true],
    ['Sun 01:59', '2026-03-29T01:59+01:00', true],
    ['Sun 03:00', '2026-03-29T03:00+02:00', true],
    ['Sun 05:59', '2026-03-29T05:59+02:00', true],
    ['Sun 06:00', '2026-03-29T06:00+02:00', false],
  ])
  allowsTable('New York spring forward, overnight Sat 22:00–06:00', saturdayNight, NEW_YORK, [
    ['Sun 01:59', '2026-03-08T01:59-05:00', true],
    ['Sun 03:00', '2026-03-08T03:00-04:00', true],
    ['Sun 06:00', '2026-03-08T06:00-04:00', false],
  ])

  // Fall back: Berlin's clocks go 03:00 → 02:00 on 2026-10-25, so 02:00–02:59 happens twice; New
  // York's go 02:00 → 01:00 on 2026-11-01, so there 01:00–01:59 is the hour that repeats.
  allowsTable('Berlin fall back, Sun 02:00–02:30', [{ days: ['sun'], from: '02:00', to: '02:30' }], BERLIN, [
    ['first 01:59', '2026-10-25T01:59+02:00', false],
    ['first 02:15', '2026-10-25T02:15+02:00', true],
    ['first 02:30', '2026-10-25T02:30+02:00', false],
    ['second 02:15, an hour later', '2026-10-25T02:15+01:00', true],
    ['second 02:30', '2026-10-25T02:30+01:00', false],
  ])
  allowsTable('New York fall back, Sun 01:00–01:30', [{ days: ['sun'], from: '01:00', to: '01:30' }], NEW_YORK, [
    ['first 01:15', '2026-11-01T01:15-04:00', true],
    ['second 01:15, an hour later', '2026-11-01T01:15-05:00', true],
    ['second 01:30', '2026-11-01T01:30-05:00', false],
  ])
  allowsTable('Berlin fall back, overnight Sat 22:00–06:00', saturdayNight, BERLIN, [
    ['Sat 22:00', '2026-10-24T22:00+02:00', true],
    ['first 02:15', '2026-10-25T02:15+02:00', true],
    ['second 02:15', '2026-10-25T02:15+01:00', true],
    ['Sun 05:59', '2026-10-25T05:59+01:00', true],
    ['Sun 06:00', '2026-10-25T06:00+01:00', false],
  ])
  allowsTable('New York fall back, overnight Sat 22:00–06:00', saturdayNight, NEW_YORK, [
    ['first 01:30', '2026-11-01T01:30-04:00', true],
    ['second 01:30', '2026-11-01T01:30-05:00', true],
    ['Sun 06:00', '2026-11-01T06:00-05:00', false],
  ])
})

describe('localTime', () => {
  it.each([
    ['midnight is minute 0, not 24:00', BERLIN, '2026-01-05T00:00+01:00', 'mon', 0],
    ['the last minute of the day, seconds dropped', BERLIN, '2026-01-04T23:59:59+01:00', 'sun', 1439],
    ['an instant in UTC', 'UTC', '2026-01-05T23:30Z', 'mon', 23 * 60 + 30],
    ['the same instant in Berlin', BERLIN, '2026-01-05T23:30Z', 'tue', 30],
    ['the same instant in New York', NEW_YORK, '2026-01-05T23:30Z', 'mon', 18 * 60 + 30],
    ['the same instant in Sydney', SYDNEY, '2026-01-05T23:30Z', 'tue', 10 * 60 + 30],
    ['Berlin, the minute before spring forward', BERLIN, '2026-03-29T00:59Z', 'sun', 60 + 59],
    ['Berlin, the minute after spring forward', BERLIN, '2026-03-29T01:00Z', 'sun', 3 * 60],
    ['Berlin, the minute before fall back', BERLIN, '2026-10-25T00:59Z', 'sun', 2 * 60 + 59],
    ['Berlin, the minute after fall back', BERLIN, '2026-10-25T01:00Z', 'sun', 2 * 60],
  ])('%s: %s at %s is %s, minute %i', (_label, timeZone, at, weekday, minute) => {
    expect(localTime(new Date(at), timeZone)).toEqual({ weekday, minute })
  })
})

type NextRow = [label: string, at: string, next: string | null]

/** One table: a schedule at a door, and what the kiosk says opens next at each instant. */
function nextTable(title: string, schedule: Schedule, timeZone: string, rows: NextRow[]) {
  it.each(rows)(`${title}: %s (%s) → %s`, (_label, at, next) => {
    const found = nextAllowedAt({ schedule, timeZone, now: new Date(at) })
    expect(found && describeNext(found)).toBe(next)
  })
}

describe('nextAllowedAt', () => {
  nextTable('Mon–Fri 08:00–17:00', officeHours, BERLIN, [
    ['Sun evening', '2026-01-11T20:00+01:00', 'Mon 08:00'],
    ['Tue early', '2026-01-06T06:00+01:00', 'Tue 08:00'],
    ['half a minute before from', '2026-01-06T07:59:30+01:00', 'Tue 08:00'],
    ['Fri at to, over the weekend', '2026-01-09T17:00+01:00', 'Mon 08:00'],
    ['inside the window', '2026-01-07T10:00+01:00', null],
    ['Sun 23:00 in Berlin', '2026-01-04T22:00Z', 'Mon 08:00'],
  ])
  nextTable('Mon–Fri 08:00–17:00 in Sydney', officeHours, SYDNEY, [['the same instant, Mon 09:00 there', '2026-01-04T22:00Z', null]])
  nextTable('Mon–Fri 08:00–17:00 in New York', officeHours, NEW_YORK, [
    ['Sat night, over spring forward', '2026-03-07T23:00-05:00', 'Mon 08:00'],
  ])
  nextTable('overnight Fri 22:00–06:00', fridayNight, BERLIN, [
    ['inside, Sat early', '2026-01-10T03:00+01:00', null],
    ['Sat morning, after it', '2026-01-10T07:00+01:00', 'Fri 22:00'],
  ])
  nextTable('an empty schedule', [], BERLIN, [['Sun evening', '2026-01-11T20:00+01:00', null]])
  nextTable('windows without days, which never open', [{ days: [], from: '08:00', to: '17:00' }], BERLIN, [
    ['Sun evening', '2026-01-11T20:00+01:00', null],
  ])
  nextTable('Mon 08:00–17:00 only', [{ days: ['mon'], from: '08:00', to: '17:00' }], BERLIN, [
    ['Mon after it, across the week boundary', '2026-01-05T18:00+01:00', 'Mon 08:00'],
  ])
  nextTable('Sat 10:00–12:00 only', [{ days: ['sat'], from: '10:00', to: '12:00' }], BERLIN, [
    ['Sun, six days ahead', '2026-01-11T12:00+01:00', 'Sat 10:00'],
  ])
  const twoWindows: Schedule = [
    { days: ['wed'], from: '09:00', to: '10:00' },
    { days: ['mon', 'thu'], from: '07:00', to: '12:00' },
  ]
  nextTable('Wed 09:00–10:00 and Mon+Thu 07:00–12:00', twoWindows, BERLIN, [
    ['Mon evening, the earlier start', '2026-01-05T17:00+01:00', 'Wed 09:00'],
  ])
  // The start does not exist on the wall clock that night: it is reported as the admin wrote it.
  nextTable('Sun 02:30–04:00', [{ days: ['sun'], from: '02:30', to: '04:00' }], BERLIN, [
    ['Berlin, just before spring forward', '2026-03-29T01:59+01:00', 'Sun 02:30'],
  ])

  it('answers a local weekday and HH:MM', () => {
    const next = nextAllowedAt({ schedule: officeHours, timeZone: BERLIN, now: new Date('2026-01-11T20:00+01:00') })
    expect(next).toEqual({ weekday: 'mon', time: '08:00' })
  })
})

describe('describeNext', () => {
  it.each([
    ['mon', '08:00', 'Mon 08:00'],
    ['sun', '23:59', 'Sun 23:59'],
    ['thu', '00:00', 'Thu 00:00'],
  ] as const)('%s %s → %s', (weekday, time, text) => {
    expect(describeNext({ weekday, time })).toBe(text)
  })
})

describe('isValidTimeZone', () => {
  it.each([
    [BERLIN, true],
    [NEW_YORK, true],
    [SYDNEY, true],
    ['UTC', true],
    ['Etc/UTC', true],
    ['Mars/Olympus', false],
    ['Berlin', false],
    ['', false],
  ])('%j → %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid)
  })
})

describe('scheduleSchema', () => {
  const window = { days: ['mon'], from: '08:00', to: '17:00' }

  it.each<[string, unknown]>([
    ['an empty schedule', []],
    ['a day window', [window]],
    ['an overnight window', [{ days: ['fri'], from: '22:00', to: '06:00' }]],
    ['a 24-hour window', [{ days: ['sat'], from: '00:00', to: '00:00' }]],
    ['the first and last minute', [{ days: ['sun'], from: '00:00', to: '23:59' }]],
    ['all seven days', [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '08:00', to: '17:00' }]],
    ['50 windows', Array.from({ length: 50 }, () => window)],
  ])('accepts %s', (_label, schedule) => {
    expect(scheduleSchema.safeParse(schedule).success).toBe(true)
  })

  const FROM = 'from must be a time HH:MM, e.g. 08:00'
  const TO = 'to must be a time HH:MM, e.g. 08:00'
  it.each<[label: string, schedule: unknown, path: (string | number)[], message: string]>([
    ['no days', [{ ...window, days: [] }], [0, 'days'], 'days must name at least one weekday'],
    [
      'a day spelled otherwise',
      [{ ...window, days: ['Mon'] }],
      [0, 'days', 0],
      'days must be weekdays from mon, tue, wed, thu, fri, sat, sun',
    ],
    ['a day twice', [{ ...window, days: ['mon', 'tue', 'mon'] }], [0, 'days'], 'days must not name a weekday twice'],
    ['days not a list', [{ ...window, days: 'mon' }], [0, 'days'], 'days must be a list of weekdays, e.g. ["mon", "tue"]'],
    ['from without its leading zero', [{ ...window, from: '8:00' }], [0, 'from'], FROM],
    ['from with seconds', [{ ...window, from: '08:00:00' }], [0, 'from'], FROM],
    ['from as a number', [{ ...window, from: 800 }], [0, 'from'], FROM],
    ['from missing', [{ days: ['mon'], to: '17:00' }], [0, 'from'], FROM],
    ['to at 24:00', [{ ...window, to: '24:00' }], [0, 'to'], TO],
    ['to at minute 60, in the second window', [window, { ...window, to: '12:60' }], [1, 'to'], TO],
    ['a window not an object', ['mon 08:00-17:00'], [0], 'each schedule window must be an object {days, from, to}'],
    ['a schedule not a list', window, [], 'schedule must be a list of windows {days, from, to}'],
    ['51 windows', Array.from({ length: 51 }, () => window), [], 'schedule must have at most 50 windows'],
  ])('refuses %s, naming the field', (_label, schedule, path, message) => {
    const result = scheduleSchema.safeParse(schedule)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([{ path, message }])
  })

  it('parses one window on its own, dropping keys it does not know', () => {
    const parsed = scheduleWindowSchema.parse({ days: ['tue'], from: '22:00', to: '06:00', note: 'dropped' })
    expect(parsed).toEqual({ days: ['tue'], from: '22:00', to: '06:00' })
  })
})
