import { startTestApp, type TestContext } from '../support/app.js';
import { createPerson, type Person, submitCase } from '../support/people.js';

// The "done when", as a new user would walk it through the API.

let ctx: TestContext;
let admin: Person;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await createPerson(ctx, 'admin');
});
afterAll(async () => ctx.close());

test('two departments share an inquiry, keep their own notes, hand over a part, and the history tells the story', async () => {
  const http = () => ctx.http();

  // An admin creates a caseworker in the jobcenter and one in the business service.
  const createCaseworker = async (name: string, department: string) => {
    const created = await http()
      .post('/v1/users')
      .set('authorization', admin.auth)
      .send({ name, email: `${department}@kommune.example`, role: 'caseworker', departments: [department] });
    expect(created.status).toBe(201);
    const token = await http().post(`/v1/users/${created.body.id}/tokens`).set('authorization', admin.auth).send({ name: 'laptop' });
    expect(token.status).toBe(201);
    return { id: created.body.id as string, auth: `Bearer ${token.body.token}` };
  };
  const jobcenter = await createCaseworker('Jonas Jobcenter', 'jobcenter');
  const business = await createCaseworker('Bodil Erhverv', 'business-service');

  // An inquiry about hiring and business development reaches both queues.
  const receipt = await submitCase(ctx, { topics: ['hiring', 'business-development'] });
  for (const [person, department] of [[jobcenter, 'jobcenter'], [business, 'business-service']] as const) {
    const queue = await http().get('/v1/cases').query({ department, status: 'queued' }).set('authorization', person.auth);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(receipt.caseId);
  }

  // Each caseworker claims it from their own queue.
  const jobClaim = await http().post('/v1/departments/jobcenter/claim').set('authorization', jobcenter.auth);
  expect(jobClaim.status).toBe(200);
  expect(jobClaim.body.id).toBe(receipt.caseId);
  const businessClaim = await http().post('/v1/departments/business-service/claim').set('authorization', business.auth);
  expect(businessClaim.status).toBe(200);
  expect(businessClaim.body.id).toBe(receipt.caseId);
  expect(businessClaim.body.status).toBe('in_progress');

  // The jobcenter adds a department-only note the business service cannot see...
  const secret = await http()
    .post(`/v1/cases/${receipt.caseId}/notes`)
    .set('authorization', jobcenter.auth)
    .send({ visibility: 'department', body: 'Medarbejderen har et misbrug; kun til jobcentret.' });
  expect(secret.status).toBe(201);
  expect(secret.body.department).toBe('jobcenter');
  // ...and an enterprise-visible note that appears on the enterprise's status view.
  const hello = await http()
    .post(`/v1/cases/${receipt.caseId}/notes`)
    .set('authorization', jobcenter.auth)
    .send({ visibility: 'enterprise', body: 'Vi ringer jer op i morgen om løntilskud.' });
  expect(hello.status).toBe(201);

  const seenByBusiness = await http().get(`/v1/cases/${receipt.caseId}`).set('authorization', business.auth);
  expect(seenByBusiness.body.notes.map((n: { body: string }) => n.body)).toEqual(['Vi ringer jer op i morgen om løntilskud.']);
  const seenByJobcenter = await http().get(`/v1/cases/${receipt.caseId}`).set('authorization', jobcenter.auth);
  expect(seenByJobcenter.body.notes).toHaveLength(2);

  const enterpriseView = await http().get(receipt.statusUrl);
  expect(enterpriseView.status).toBe(200);
  expect(enterpriseView.body.status).toBe('in_progress');
  expect(enterpriseView.body.leadDepartment.code).toBe('jobcenter');
  expect(enterpriseView.body.notes).toEqual([{ createdAt: expect.any(String), body: 'Vi ringer jer op i morgen om løntilskud.' }]);

  // The business service transfers its part to the technical department with a reason.
  const transfer = await http()
    .post(`/v1/cases/${receipt.caseId}/transfer`)
    .set('authorization', business.auth)
    .send({ from: 'business-service', to: 'technical', reason: 'Det handler om lokaler, ikke forretningsudvikling.' });
  expect(transfer.status).toBe(200);
  expect(transfer.body.assignments.map((a: { department: string; status: string }) => [a.department, a.status])).toEqual([
    ['jobcenter', 'in_progress'],
    ['business-service', 'transferred'],
    ['technical', 'queued'],
  ]);

  // The full history tells the story, oldest first; the business service does not see the jobcenter's own note.
  const history = await http().get(`/v1/cases/${receipt.caseId}/events`).set('authorization', jobcenter.auth);
  expect(history.status).toBe(200);
  expect(history.body.map((e: { type: string }) => e.type)).toEqual([
    'created',
    'routed',
    'claimed',
    'case_status_changed',
    'claimed',
    'note_added',
    'note_added',
    'transferred',
  ]);
  const transferred = history.body.at(-1);
  expect(transferred).toMatchObject({
    actor: { id: business.id, name: 'Bodil Erhverv', role: 'caseworker' },
    department: 'business-service',
    data: { from: 'business-service', to: 'technical', reason: 'Det handler om lokaler, ikke forretningsudvikling.' },
  });
  const businessHistory = await http().get(`/v1/cases/${receipt.caseId}/events`).set('authorization', business.auth);
  expect(businessHistory.body.filter((e: { type: string }) => e.type === 'note_added')).toHaveLength(1);
});
