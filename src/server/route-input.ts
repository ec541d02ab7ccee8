/**
 * A route's input checked in one step: its query, path parameters and JSON body, each parsed
 * once with the route's own zod schema, in the order and with the answers of zod-openapi's
 * validators (an unsupported media type 415; malformed JSON 400; a schema's refusal
 * `invalid_input` naming each field). zod-openapi puts one asynchronous middleware per part in
 * front of every route; a check-in paid about a tenth of its time for them (decisions/0046).
 * Routes declaring anything else (headers, cookies, a body other than JSON alone) keep the
 * library's validators: `acceptsOwnInput` says which.
 */
import type { RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodType, z } from "zod";
import type { ServerEnv } from "./context.js";
import { invalidInputOf, invalidNulIn } from "./errors.js";

const JSON_MEDIA_TYPE = "application/json";
/** A Content-Type a JSON body may come with (zod-openapi's rule for a declared JSON body). */
const JSON_CONTENT_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
/** A media type whose body is read as JSON (Hono's rule). */
const JSON_ESSENCE = /^application\/([\w.-]+\+)?json$/i;

type Request = NonNullable<RouteConfig["request"]>;

/** Whether `checkInput` can check everything `request` declares. */
export function acceptsOwnInput(request: Request | undefined): boolean {
  if (!request) return true;
  if (request.headers || request.cookies) return false;
  const content = request.body?.content;
  if (!content) return !request.body;
  const types = Object.keys(content);
  return types.length === 1 && types[0] === JSON_MEDIA_TYPE;
}

/**
 * One part of a request (`query`, `param`, `json`) parsed with `schema`: a refusal, or a text
 * holding the NUL character, is `invalid_input` naming the field under `target`.
 */
export function parsePart<S extends ZodType>(
  schema: S,
  value: unknown,
  target: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInputOf(result.error, target);
  const nul = invalidNulIn(result.data, target);
  if (nul) throw nul;
  return result.data;
}

function parsed(schema: ZodType, value: unknown, target: string): object {
  return parsePart(schema, value, target) as object;
}

/** The query as Hono's validator gives it: one value as itself, a repeated key as a list. */
function queryOf(queries: Record<string, string[]>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(queries)) {
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

/** The middleware checking what `request` declares (see `acceptsOwnInput`), if anything. */
export function checkInput(request: Request | undefined): MiddlewareHandler<ServerEnv> | undefined {
  const query = request?.query as ZodType | undefined;
  const params = request?.params as ZodType | undefined;
  const declared = request?.body?.content?.[JSON_MEDIA_TYPE];
  const body = declared && "schema" in declared ? (declared.schema as ZodType) : undefined;
  const required = request?.body?.required === true;
  if (!query && !params && !body) return undefined;
  return async (c, next) => {
    if (query) c.req.addValidatedData("query", parsed(query, queryOf(c.req.queries()), "query"));
    if (params) c.req.addValidatedData("param", parsed(params, c.req.param(), "param"));
    if (body) {
      const contentType = c.req.header("content-type");
      if (contentType ? !JSON_CONTENT_TYPE.test(contentType) : await hasBody(c.req.raw)) {
        throw new HTTPException(415, { message: "Unsupported Media Type" });
      }
      const json = contentType !== undefined && JSON_ESSENCE.test(essenceOf(contentType));
      if (required || json) {
        c.req.addValidatedData(
          "json",
          parsed(body, json ? await jsonOf(c.req.json()) : {}, "json"),
        );
      } else {
        c.req.addValidatedData("json", {});
      }
    }
    await next();
  };
}

function essenceOf(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

async function jsonOf(reading: Promise<unknown>): Promise<unknown> {
  try {
    return await reading;
  } catch {
    throw new HTTPException(400, { message: "Malformed JSON in request body" });
  }
}

/** Whether a request without a Content-Type still sends a body. */
async function hasBody(raw: globalThis.Request): Promise<boolean> {
  if (raw.body === null) return false;
  return (await raw.arrayBuffer()).byteLength > 0;
}
