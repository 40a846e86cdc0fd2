import { describe, expect, it } from 'vitest';
import { firstResponseState, formatDuration } from '../sla.ts';

describe('SLA clock', () => {
  it.each([
    [59_000, '0 min'],
    [12 * 60_000, '12 min'],
    [65 * 60_000, '1 h 05 min'],
    [50 * 3_600_000, '2 d 2 h'],
  ])('when %i ms have passed, then it reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('when the first response was made, then the SLA is met whatever the time', () => {
    expect(firstResponseState({ firstResponseAt: '2026-07-20T10:05:00Z', firstResponseDueAt: '2026-07-20T10:30:00Z' }, Date.parse('2026-07-21T00:00:00Z'))).toEqual({
      kind: 'met',
      at: '2026-07-20T10:05:00Z',
    });
  });

  it('when the due time has passed without a response, then it is overdue by the difference', () => {
    expect(firstResponseState({ firstResponseAt: null, firstResponseDueAt: '2026-07-20T10:30:00Z' }, Date.parse('2026-07-20T10:31:00Z'))).toEqual({
      kind: 'overdue',
      byMs: 60_000,
    });
  });

  it('when the client has no first-response SLA, then there is nothing to show', () => {
    expect(firstResponseState({ firstResponseAt: null, firstResponseDueAt: null }, 0)).toEqual({ kind: 'none' });
  });
});
