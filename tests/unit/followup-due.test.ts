import { describe, expect, it } from 'vitest';
import { dueCheckIns, type CheckIn } from '@plenary/shared';

const checkIn = (id: string, dueOn: string, answeredBy: string[] = [], createdAt = 0): CheckIn => ({
  id,
  title: `Check-in ${id}`,
  dueOn,
  createdAt,
  answers: answeredBy.map((groupId) => ({
    groupId,
    answeredBy: 'Invented Person',
    answeredAt: 0,
    note: '',
    objectives: [],
  })),
});

describe('check-ins a group still owes', () => {
  const list = [
    checkIn('later', '2027-06-01'),
    checkIn('today', '2027-03-01', [], 2),
    checkIn('past', '2027-01-15', ['other']),
    checkIn('answered', '2027-02-01', ['cebu']),
    checkIn('same day, set first', '2027-03-01', [], 1),
  ];

  it('are those due by today and not answered by that group, oldest first', () => {
    expect(dueCheckIns(list, 'cebu', '2027-03-01').map((c) => c.id)).toEqual([
      'past',
      'same day, set first',
      'today',
    ]);
  });

  it('do not count another group’s answer, and none are owed before the first date', () => {
    expect(dueCheckIns(list, 'other', '2027-02-01').map((c) => c.id)).toEqual(['answered']);
    expect(dueCheckIns(list, 'cebu', '2027-01-14')).toEqual([]);
  });
});
