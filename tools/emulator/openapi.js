'use strict';
/**
 * The IIDaaS OpenAPI contract as a router and a request/response validator.
 * Everything is derived from the official spec so the emulator cannot drift from it.
 */
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const { SPEC_PATH } = require('../../spec');
const API_PREFIX = '/api/web';
// Two copies of the components: requests tolerate readOnly properties (clients echo them back), responses don't.
const SPEC_ID = { request: 'iidaas-request', response: 'iidaas-response' };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

let cache; // spec, routes and Ajv are shared by every emulator in the process

function load() {
	if (cache) return cache;
	const spec = require(SPEC_PATH);
	const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
	addFormats(ajv);
	// ajv-formats covers int32/int64/double/byte/binary; anything else the spec invents is an annotation.
	// The vendor spec is trusted input: skip meta-schema validation of it (saves ~150 ms per process).
	ajv.addSchema(
		{ $id: SPEC_ID.response, components: toAjvSchema(spec.components, 'response') },
		undefined,
		undefined,
		false,
	);
	ajv.addSchema(
		{ $id: SPEC_ID.request, components: toAjvSchema(spec.components, 'request') },
		undefined,
		undefined,
		false,
	);
	cache = { spec, ajv, routes: buildRoutes(spec), validators: new Map() };
	return cache;
}

/** Spec patterns are unanchored (`[a-fA-F0-9]{16}` would accept "xx0123456789abcdefxx"): anchor them. */
function anchor(pattern) {
	return pattern.startsWith('^') && pattern.endsWith('$') ? pattern : `^(?:${pattern})$`;
}

/** Deep copy of a spec fragment made Ajv-ready: anchored patterns, refs pointing into the registered spec. */
function toAjvSchema(node, mode) {
	if (Array.isArray(node)) return node.map((n) => toAjvSchema(n, mode));
	if (!node || typeof node !== 'object') return node;
	const out = {};
	for (const [key, value] of Object.entries(node)) {
		if (key === 'pattern' && typeof value === 'string') out.pattern = anchor(value);
		else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/'))
			out.$ref = SPEC_ID[mode] + value;
		else if (key === 'properties' && mode === 'request' && value && typeof value === 'object')
			out.properties = writableProperties(value);
		else out[key] = toAjvSchema(value, mode);
	}
	return out;
}

/** A readOnly property sent by a client is ignored by the service, so it must not fail validation either. */
function writableProperties(properties) {
	const out = {};
	for (const [name, schema] of Object.entries(properties)) {
		if (!(schema && schema.readOnly)) out[name] = toAjvSchema(schema, 'request');
	}
	return out;
}

function permissionOf(operation) {
	for (const entry of operation.security || []) {
		for (const scopes of Object.values(entry)) if (scopes && scopes.length) return scopes[0];
	}
	return null;
}

/** Error body family the vendor uses for this operation: `ErrorInfo` or `Error`. */
function errorStyleOf(operation) {
	const text = JSON.stringify(operation.responses || {});
	return text.includes('#/components/schemas/ErrorInfo') ? 'ErrorInfo' : 'Error';
}

function buildRoutes(spec) {
	const routes = [];
	for (const [template, item] of Object.entries(spec.paths)) {
		for (const method of HTTP_METHODS) {
			const operation = item[method];
			if (!operation) continue;
			routes.push({
				method: method.toUpperCase(),
				template,
				segments: template
					.split('/')
					.slice(1)
					.map((s) => (s.startsWith('{') ? { param: s.slice(1, -1) } : { literal: s })),
				operationId: operation.operationId,
				operation,
				parameters: [...(item.parameters || []), ...(operation.parameters || [])],
				permission: permissionOf(operation),
				deprecated: Boolean(operation.deprecated),
				tags: operation.tags || [],
				errorStyle: errorStyleOf(operation),
			});
		}
	}
	return routes.sort(compareSpecificity);
}

/** Literal segments win over templated ones at the first position where two templates differ. */
function compareSpecificity(a, b) {
	const n = Math.min(a.segments.length, b.segments.length);
	for (let i = 0; i < n; i++) {
		const la = 'literal' in a.segments[i];
		const lb = 'literal' in b.segments[i];
		if (la !== lb) return la ? -1 : 1;
	}
	return 0;
}

/**
 * Finds the operation for a method and a raw (still percent-encoded) path.
 * Returns { route, params } | { error: 'NOT_FOUND' | 'BAD_ENCODING', segment? }.
 */
function matchRoute(method, rawPath) {
	const { routes } = load();
	const parts = rawPath.split('/').slice(1);
	for (const route of routes) {
		if (route.method !== method || route.segments.length !== parts.length) continue;
		const params = matchSegments(route.segments, parts);
		if (params === null) continue;
		if (params.error) return params;
		return { route, params };
	}
	return { error: 'NOT_FOUND' };
}

function matchSegments(segments, parts) {
	const params = {};
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		if ('literal' in segment) {
			if (segment.literal !== parts[i]) return null;
		} else {
			if (parts[i] === '') return null;
			try {
				params[segment.param] = decodeURIComponent(parts[i]);
			} catch {
				return { error: 'BAD_ENCODING', segment: segment.param };
			}
		}
	}
	return params;
}

/** True when any operation (any method) lives at this path; used to answer OPTIONS probes. */
function pathExists(rawPath) {
	const parts = rawPath.split('/').slice(1);
	return load().routes.some(
		(r) => r.segments.length === parts.length && matchSegments(r.segments, parts) !== null,
	);
}

function compile(key, schema, mode) {
	const { ajv, validators } = load();
	if (!validators.has(key)) validators.set(key, ajv.compile(toAjvSchema(schema, mode)));
	return validators.get(key);
}

/** `print.front[0].data` from Ajv's `/print/front/0/data`. */
function formatPath(root, instancePath, extra) {
	const parts = instancePath
		.split('/')
		.slice(1)
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (extra !== undefined) parts.push(extra);
	return parts.reduce(
		(acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
		root,
	);
}

function describeAjvErrors(root, errors) {
	const first = errors[0];
	const missing = first.keyword === 'required' ? first.params.missingProperty : undefined;
	const target = formatPath(root, first.instancePath, missing);
	let reason = missing ? 'is required' : first.message;
	if (first.keyword === 'enum') reason += `: ${first.params.allowedValues.join(', ')}`;
	const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
	return { target, message: `${target}: ${reason}${more}` };
}

function validationError(target, message) {
	return { status: 400, code: 'VALIDATION', message, target };
}

/** Query/path values arrive as strings: convert them to the declared type or report why not. */
function coerceParam(raw, schema) {
	const type = schema.type;
	if (type === 'array') {
		const values = Array.isArray(raw) ? raw : String(raw).split(',');
		return { value: values.map((v) => coerceParam(v, schema.items || {}).value) };
	}
	const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
	if (type === 'integer')
		return /^-?\d+$/.test(value) ? { value: Number(value) } : { error: 'must be an integer' };
	if (type === 'number')
		return value !== '' && !isNaN(Number(value))
			? { value: Number(value) }
			: { error: 'must be a number' };
	if (type === 'boolean') {
		if (value === 'true' || value === 'false') return { value: value === 'true' };
		return { error: 'must be true or false' };
	}
	return { value };
}

function validateParams(route, params, query) {
	const out = { path: {}, query: { ...query } };
	for (const p of route.parameters) {
		if (p.in !== 'path' && p.in !== 'query') continue;
		const source = p.in === 'path' ? params : query;
		const where = `${p.in}.${p.name}`;
		const schema = p.schema || {};
		if (source[p.name] === undefined) {
			if (p.required) return { error: validationError(where, `${where}: is required`) };
			if (schema.default !== undefined) out[p.in][p.name] = schema.default;
			continue;
		}
		const coerced = coerceParam(source[p.name], schema);
		if (coerced.error) return { error: validationError(where, `${where}: ${coerced.error}`) };
		const validate = compile(`param:${route.operationId}:${p.in}:${p.name}`, schema, 'request');
		if (!validate(coerced.value)) {
			const { target, message } = describeAjvErrors(where, validate.errors);
			return { error: validationError(target, message) };
		}
		out[p.in][p.name] = coerced.value;
	}
	return out;
}

function isJsonContentType(value) {
	const type = String(value || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	return type === 'application/json' || type.endsWith('+json');
}

function validateBody(route, headers, rawBody) {
	const requestBody = route.operation.requestBody;
	if (!requestBody) return { body: undefined };
	const text = Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody;
	const present =
		text !== undefined && text !== null && (typeof text !== 'string' || text.trim() !== '');
	if (!present) {
		return requestBody.required
			? { error: validationError('body', 'body: a JSON request body is required') }
			: { body: undefined };
	}
	let body = text;
	if (typeof text === 'string') {
		if (!isJsonContentType(headers['content-type'])) {
			return {
				error: validationError(
					'body',
					`body: Content-Type must be application/json, got "${headers['content-type'] || 'none'}"`,
				),
			};
		}
		try {
			body = JSON.parse(text);
		} catch (err) {
			return { error: validationError('body', `body: invalid JSON (${err.message})`) };
		}
	}
	const media = (requestBody.content || {})['application/json'];
	if (media && media.schema) {
		const validate = compile(`body:${route.operationId}`, media.schema, 'request');
		if (!validate(body)) {
			const { target, message } = describeAjvErrors('body', validate.errors);
			return { error: validationError(target, message) };
		}
	}
	return { body };
}

function lowerCaseHeaders(headers = {}) {
	return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function queryToObject(searchParams) {
	const out = {};
	for (const key of new Set(searchParams.keys())) {
		const all = searchParams.getAll(key);
		out[key] = all.length > 1 ? all : all[0];
	}
	return out;
}

/**
 * Validates one request against the contract.
 * body: raw string/Buffer (parsed as JSON) or an already-parsed value; query: object or omitted (then taken from path).
 * Returns { ok: true, route, operationId, params, query, body } or { ok: false, operationId?, error: {status, code, message, target} }.
 */
function validateRequest({ method, path: fullPath, query, headers, body }) {
	const url = new URL(fullPath, 'http://emulator.local');
	const rawPath = url.pathname;
	const match = matchRoute(String(method).toUpperCase(), rawPath);
	if (match.error === 'BAD_ENCODING') {
		return {
			ok: false,
			error: validationError(
				`path.${match.segment}`,
				`path.${match.segment}: invalid percent-encoding`,
			),
		};
	}
	if (match.error) {
		return {
			ok: false,
			error: {
				status: 404,
				code: 'NOT_FOUND',
				message: `No operation ${method} ${rawPath}`,
				target: rawPath,
			},
		};
	}
	const { route } = match;
	const base = { route, operationId: route.operationId };
	const params = validateParams(route, match.params, query || queryToObject(url.searchParams));
	if (params.error) return { ok: false, ...base, error: params.error };
	const parsed = validateBody(route, lowerCaseHeaders(headers), body);
	if (parsed.error) return { ok: false, ...base, error: parsed.error };
	return { ok: true, ...base, params: params.path, query: params.query, body: parsed.body };
}

/** Downloads whose 200 the spec declares without content, though the service answers with a file. */
const UNDECLARED_FILE_ANSWERS = new Set([
	'downloadPrintEnrollmentsLogsV2',
	'downloadPrintEnrollmentsBulkOperationLogs',
]);

/**
 * Checks a response the emulator is about to send. Returns null when it conforms, else a reason.
 * Undeclared error statuses are tolerated (the vendor returns 403/409 on many operations that don't declare them);
 * undeclared success statuses are not.
 */
function validateResponse(operationId, status, contentType, bodyText) {
	const route = load().routes.find((r) => r.operationId === operationId);
	if (!route) return null;
	const declared = route.operation.responses[String(status)] || route.operation.responses.default;
	if (!declared)
		return status < 400
			? `status ${status} is not declared (declared: ${Object.keys(route.operation.responses).join(', ')})`
			: null;
	const hasBody = bodyText !== undefined && bodyText !== null && bodyText.length > 0;
	const media =
		declared.content && (declared.content['application/json'] || declared.content['*/*']);
	if (!declared.content)
		return hasBody && !UNDECLARED_FILE_ANSWERS.has(operationId)
			? `status ${status} declares no body but one was sent`
			: null;
	if (!media || !media.schema || !isJsonContentType(contentType)) return null;
	if (!hasBody) return `status ${status} declares a JSON body but none was sent`;
	const validate = compile(`response:${operationId}:${status}`, media.schema, 'response');
	const body = JSON.parse(bodyText.toString());
	if (validate(body)) return null;
	return describeAjvErrors('response', validate.errors).message;
}

/** Compiled Ajv validator for a component schema, e.g. `schemaValidator('Printer')` (mode 'request' tolerates readOnly). */
function schemaValidator(name, mode = 'response') {
	return compile(`schema:${mode}:${name}`, { $ref: `#/components/schemas/${name}` }, mode);
}

function listOperations() {
	return load().routes.map((r) => ({
		operationId: r.operationId,
		method: r.method,
		path: r.template,
		deprecated: r.deprecated,
		permission: r.permission,
		tags: r.tags,
	}));
}

function getRoute(operationId) {
	return load().routes.find((r) => r.operationId === operationId);
}

module.exports = {
	API_PREFIX,
	SPEC_PATH,
	load,
	anchor,
	matchRoute,
	pathExists,
	validateRequest,
	validateResponse,
	schemaValidator,
	listOperations,
	getRoute,
	queryToObject,
};
