import { dereference } from '@apidevtools/json-schema-ref-parser';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadSwagger } from '../fixtures.ts';
import { compileTemplate, matchTemplate, type CompiledTemplate } from './router.ts';
import { ALLOWANCES, KNOWN_UNDOCUMENTED, WRAPPED_BODIES, type SwaggerErrorInfo } from './swagger-allowances.ts';
import { closeObjects } from './swagger-schema.ts';

type Schema = Record<string, any>;

interface Operation {
  method: string;
  operationId: string;
  template: CompiledTemplate;
  pathParams: Schema;
  body?: Schema;
  bodyRequired: boolean;
  responses: Record<string, Schema | undefined>;
}

export interface RequestCheck {
  operationId?: string;
  /** Set when the route is in KNOWN_UNDOCUMENTED. */
  knownGap?: string;
  errors: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function collectOperations(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Schema | undefined;
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].filter((p: Schema) => p.in === 'path');
      const responses = Object.fromEntries(
        Object.entries<Schema>(op.responses ?? {}).map(([code, r]) => [code, r.content?.['application/json']?.schema]),
      );
      ops.push({
        method: method.toUpperCase(),
        operationId: op.operationId,
        template: compileTemplate(path),
        pathParams: {
          type: 'object',
          properties: Object.fromEntries(params.map((p: Schema) => [p.name, p.schema ?? {}])),
          required: params.filter((p: Schema) => p.required).map((p: Schema) => p.name),
        },
        body: op.requestBody?.content?.['application/json']?.schema,
        bodyRequired: Boolean(op.requestBody?.required),
        responses,
      });
    }
  }
  // Literal segments win over placeholders, as in Rails routing.
  return ops.sort((a, b) => a.template.placeholders - b.template.placeholders);
}

function describe(e: ErrorObject, where: string): string {
  const at = `${where}${e.instancePath}`;
  if (e.keyword === 'unevaluatedProperties') return `${at}/${e.params.unevaluatedProperty} is not in the swagger schema`;
  if (e.keyword === 'enum') return `${at} must be one of ${JSON.stringify(e.params.allowedValues)}, got ${JSON.stringify(e.data)}`;
  return `${at} ${e.message}`;
}

async function build() {
  const doc = (await dereference(loadSwagger())) as Schema;
  const operations = collectOperations(doc);
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  const undocumented = KNOWN_UNDOCUMENTED.map((g) => ({ ...g, compiled: compileTemplate(g.template) }));

  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  addFormats(ajv);
  // Path params arrive as strings; coerce them the way Rails would read them.
  const paramsAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (key: string, make: () => ValidateFunction) => {
    let fn = compiled.get(key);
    if (!fn) compiled.set(key, (fn = make()));
    return fn;
  };

  function bodyErrors(op: Operation, body: unknown): string[] {
    if (!op.body) return [];
    if (body === undefined) return op.bodyRequired ? ['body is required'] : [];
    const key = WRAPPED_BODIES[op.operationId];
    const errors: string[] = [];
    let target = body;
    if (key && body && typeof body === 'object' && typeof (body as Schema)[key] === 'object') {
      const { [key]: inner, ...rest } = body as Schema;
      errors.push(...Object.keys(rest).map((k) => `body/${k} is not in the swagger schema`));
      target = inner;
    }
    // Chatwoot ignores unknown params, so a misspelt key is a silent bug: flag extras too.
    const fn = validator(`body:${op.operationId}`, () => ajv.compile(closeObjects(structuredClone(op.body!))));
    if (fn(target)) return errors;
    const kept = (fn.errors ?? []).filter((e) => !allowed(op.operationId, e));
    return [...errors, ...kept.map((e) => describe(e, key && target !== body ? `body/${key}` : 'body'))];
  }

  function allowed(operationId: string, e: ErrorObject): boolean {
    const info: SwaggerErrorInfo = { operationId, instancePath: e.instancePath, keyword: e.keyword, params: e.params, data: e.data };
    return ALLOWANCES.some((a) => a.operationIds.includes(operationId) && a.allows(info));
  }

  function findOperation(method: string, path: string): { op: Operation; params: Record<string, string> } | undefined {
    for (const op of operations) {
      if (op.method !== method) continue;
      const params = matchTemplate(op.template, path);
      if (params) return { op, params };
    }
    return undefined;
  }

  function validateRequest(method: string, path: string, body: unknown): RequestCheck {
    const found = findOperation(method, path);
    if (!found) {
      const gap = undocumented.find((g) => g.method === method && matchTemplate(g.compiled, path));
      if (!gap) return { errors: ['undocumented route'] };
      const from = gap.bodyFrom ? byId.get(gap.bodyFrom) : undefined;
      return { knownGap: gap.reason, errors: from ? bodyErrors(from, body) : [] };
    }
    const { op, params } = found;
    const paramsFn = validator(`path:${op.operationId}`, () => paramsAjv.compile(op.pathParams));
    const pathErrors = paramsFn({ ...params }) ? [] : (paramsFn.errors ?? []).map((e) => describe(e, 'path'));
    return { operationId: op.operationId, errors: [...pathErrors, ...bodyErrors(op, body)] };
  }

  /** Checks a response against swagger's schema for that status; for keeping the simulator honest. */
  function validateResponse(operationId: string, status: number, body: unknown): string[] {
    const schema = byId.get(operationId)?.responses[String(status)];
    if (!schema) return [`no ${status} JSON response documented for ${operationId}`];
    const fn = validator(`response:${operationId}:${status}`, () => ajv.compile(schema));
    return fn(body) ? [] : (fn.errors ?? []).map((e) => describe(e, 'response'));
  }

  return { validateRequest, validateResponse, findOperation };
}

export type SwaggerValidator = Awaited<ReturnType<typeof build>>;

let shared: Promise<SwaggerValidator> | undefined;

/** Dereferencing 480 KB of OpenAPI is slow-ish, so every simulator in a process shares one. */
export function loadSwaggerValidator(): Promise<SwaggerValidator> {
  shared ??= build();
  return shared;
}
