// Source templates for new files, in Tarsus's [opts, handler] contract.

/** The route a file path becomes: "orders/create.ts" → "orders/create". */
export function routeOf(path: string): string {
  return path.replace(/\.(ts|mts|js|mjs)$/, '')
}

/** Extensions the server stores and can import (bundler.Classify). */
export const sourceExt = /\.(ts|mts|js|mjs|json)$/

/** Whether the server would store a file at path (not node_modules, no dot segments). */
export function isUploadable(path: string): boolean {
  const parts = path.split('/')
  if (parts.some((p) => p === '' || p.startsWith('.') || p === 'node_modules')) return false
  return sourceExt.test(path)
}

export interface Template {
  key: string
  label: string
  description: string
  source: (path: string) => string
}

export const templates: Template[] = [
  {
    key: 'hello',
    label: 'Hello (validated JSON body)',
    description: 'Takes {"name": "…"} and answers {"hello": "…"}; Fastify validates the body.',
    source: () => `import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";

const opts: RouteShorthandOptions = {
  schema: {
    body: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string" } },
    },
    response: {
      200: { type: "object", properties: { hello: { type: "string" } } },
    },
  },
};

export default function () {
  return [
    opts,
    async (request: FastifyRequest<{ Body: { name: string } }>, reply: FastifyReply) => {
      request.log.info("saying hello to " + request.body.name);
      return { hello: request.body.name };
    },
  ];
}
`,
  },
  {
    key: 'minimal',
    label: 'Minimal',
    description: 'The smallest route: no schema, answers JSON.',
    source: () => `export default [
  {},
  async () => {
    return { ok: true, time: new Date().toISOString() };
  },
];
`,
  },
  {
    key: 'query',
    label: 'Query string and headers',
    description: 'Reads ?page= (coerced to a number by its schema) and a request header.',
    source: () => `import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";

const opts: RouteShorthandOptions = {
  schema: {
    querystring: {
      type: "object",
      properties: { page: { type: "integer", default: 1 } },
    },
  },
};

export default function () {
  return [
    opts,
    async (request: FastifyRequest<{ Querystring: { page: number } }>, reply: FastifyReply) => {
      reply.header("x-page", String(request.query.page));
      return { page: request.query.page, agent: request.headers["user-agent"] ?? null };
    },
  ];
}
`,
  },
  {
    key: 'shared',
    label: 'Shared module (_lib)',
    description: 'A module other files import; files and folders starting with _ are never routes.',
    source: () => `// Files and folders starting with "_" are shared modules: import them
// with a relative path, e.g. import { greet } from "./_lib/greet";
export function greet(name: string): string {
  return \`Hello, \${name}!\`;
}
`,
  },
]
