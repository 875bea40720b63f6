import { planReroute } from '../../src/domain/reroute.js';

test('a new lead is queued, and a queued lead that is no longer routed is transferred', () => {
  expect(
    planReroute([{ department: 'jobcenter', role: 'lead', status: 'queued' }], { lead: 'social', involved: [] }),
  ).toEqual({ add: [{ department: 'social', role: 'lead' }], transfer: ['jobcenter'], kept: [], roleChanges: [] });
});

test('work in progress, waiting or done is kept, and a kept former lead becomes involved before the new lead is promoted', () => {
  const plan = planReroute(
    [
      { department: 'jobcenter', role: 'lead', status: 'in_progress' },
      { department: 'social', role: 'involved', status: 'queued' },
      { department: 'technical', role: 'involved', status: 'waiting' },
      { department: 'business-service', role: 'involved', status: 'done' },
    ],
    { lead: 'social', involved: [] },
  );
  expect(plan).toEqual({
    add: [],
    transfer: [],
    kept: ['jobcenter', 'technical', 'business-service'],
    roleChanges: [
      { department: 'jobcenter', role: 'involved' },
      { department: 'social', role: 'lead' },
    ],
  });
});

test('a department that leads now and is involved after re-routing changes role only', () => {
  expect(
    planReroute(
      [
        { department: 'jobcenter', role: 'lead', status: 'queued' },
        { department: 'social', role: 'involved', status: 'queued' },
      ],
      { lead: 'social', involved: ['jobcenter', 'technical'] },
    ),
  ).toEqual({
    add: [{ department: 'technical', role: 'involved' }],
    transfer: [],
    kept: [],
    roleChanges: [
      { department: 'jobcenter', role: 'involved' },
      { department: 'social', role: 'lead' },
    ],
  });
});

test('the same decision changes nothing', () => {
  expect(
    planReroute([{ department: 'jobcenter', role: 'lead', status: 'in_progress' }], { lead: 'jobcenter', involved: [] }),
  ).toEqual({ add: [], transfer: [], kept: [], roleChanges: [] });
});
