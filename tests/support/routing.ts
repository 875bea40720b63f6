import type { TestContext } from './app.js';
import type { TestUser } from './users.js';

export interface RuleBody {
  id?: string;
  name: string;
  when: Record<string, unknown>;
  then: { department: string; role: 'lead' | 'involve' };
}

export const fleksjobRule: RuleBody & { id: string } = {
  id: 'fleksjob-jobcenter',
  name: 'Fleksjob goes to the jobcenter',
  when: { keywords: { anyOf: ['fleksjob'] } },
  then: { department: 'jobcenter', role: 'lead' },
};

/** The routing endpoints as one user calls them. */
export function routingAs(ctx: Pick<TestContext, 'http'>, user: TestUser) {
  return {
    copy: (version: number) => ctx.http().post('/v1/routing/tables').set('authorization', user.auth).send({ copyFrom: version }),
    get: (version: number) => ctx.http().get(`/v1/routing/tables/${version}`).set('authorization', user.auth),
    replace: (version: number, body: { fallbackDepartment: string; rules: unknown[]; note?: string }) =>
      ctx.http().put(`/v1/routing/tables/${version}`).set('authorization', user.auth).send(body),
    /** Without `body`, the request has none at all. */
    publish: (version: number, body?: Record<string, unknown>) => {
      const request = ctx.http().post(`/v1/routing/tables/${version}/publish`).set('authorization', user.auth);
      return body === undefined ? request : request.send(body);
    },
    simulate: (body: Record<string, unknown>) => ctx.http().post('/v1/routing/simulate').set('authorization', user.auth).send(body),
    addGoldenCase: (body: Record<string, unknown>) => ctx.http().post('/v1/routing/golden-cases').set('authorization', user.auth).send(body),

    /** A new draft copied from the published seed table (version 1), with its rules then replaced by `rules`. */
    async draft(rules: unknown[], fallbackDepartment = 'business-service'): Promise<number> {
      const copied = await this.copy(1);
      if (copied.status !== 201) throw new Error(`draft not created: ${copied.status} ${JSON.stringify(copied.body)}`);
      const replaced = await this.replace(copied.body.version, { fallbackDepartment, rules });
      if (replaced.status !== 200) throw new Error(`draft not saved: ${replaced.status} ${JSON.stringify(replaced.body)}`);
      return copied.body.version as number;
    },
  };
}
