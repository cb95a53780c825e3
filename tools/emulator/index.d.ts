/** Types for the IIDaaS emulator (plain CommonJS in index.js). */

export interface EmulatorOptions {
	port?: number;
	host?: string;
	applicationId?: string;
	sharedSecret?: string;
	tokenLifetimeSeconds?: number;
	latencyMs?: number;
	/** Expired token + body larger than this → 500 instead of 401 (vendor quirk). */
	largeBodyBytes?: number;
	quiet?: boolean;
	/** Seed demo data (printers...). Default true. */
	seed?: boolean;
	/** Answer 500 EMULATOR_RESPONSE_INVALID when a handler's response breaks the spec. Default true. */
	validateResponses?: boolean;
	tenantId?: string;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, string | string[]>;
	/** Spec operationId, 'OPTIONS' for probes, null for unknown paths. */
	operationId: string | null;
	/** HTTP status sent; 0 when the socket was reset. */
	status: number | null;
	bodyBytes: number;
	/** A valid, unexpired token (and session cookie if required) was presented. */
	authorized: boolean;
	/** Epoch milliseconds. */
	at: number;
	fault?: true;
}

export interface FaultStatusAction {
	status: number;
	body?: string | object;
	headers?: Record<string, string>;
	contentType?: string;
}
export type FaultAction =
	| FaultStatusAction
	| { reset: true }
	| { delayMs: number }
	| { truncate: true }
	| { processThen: FaultStatusAction | { reset: true } };

export interface FaultRule {
	operationId?: string;
	method?: string;
	/** With or without the /api/web prefix. */
	pathPrefix?: string;
	/** How many times to apply (default 1; Infinity ok). */
	times?: number;
	/** Let this many matching requests through first (default 0). */
	skip?: number;
	action: FaultAction;
}
export interface AddedFaultRule extends FaultRule {
	seen: number;
	hits: number;
}

export interface Faults {
	add(rule: FaultRule): AddedFaultRule;
	remove(rule: AddedFaultRule): void;
	clear(): void;
	list(): AddedFaultRule[];
}

export interface EmulatorState {
	tenantId: string;
	applications: Map<
		string,
		{ id: string; name: string; sharedSecret: string; enabled: boolean; [k: string]: unknown }
	>;
	printers: Map<string, Record<string, any>>;
	printerPreferences: Map<string, Record<string, any>>;
	printJobs: Map<string, Record<string, any>>;
	settings: {
		printOutcome: 'COMPLETED' | 'FAILED';
		prePrintHold: boolean;
		permissions: string[] | null;
	};
	[store: string]: any;
}

export interface Emulator {
	/** http://127.0.0.1:PORT (no /api/web). */
	url: string;
	port: number;
	credentials: { applicationId: string; sharedSecret: string };
	requests: RecordedRequest[];
	state: EmulatorState;
	faults: Faults;
	/** Context handed to route modules (state, ids, tokens, events, now(), baseUrl()). */
	ctx: any;
	count(operationId: string): number;
	processedCount(operationId: string): number;
	clearRequests(): void;
	expireAllTokens(): void;
	issuedTokens(): string[];
	setLatency(ms: number): void;
	setTokenLifetime(seconds: number): void;
	/** The service ends a session (token) at its Nth authenticated request, answered 401; null turns it off. */
	setSessionRequestLimit(requests: number | null): void;
	setPermissions(permissions: string[] | null): void;
	setPrintOutcome(outcome: 'COMPLETED' | 'FAILED'): void;
	setPrePrintHold(enabled: boolean): void;
	missingHandlers(): string[];
	close(): Promise<void>;
}

export interface OperationInfo {
	operationId: string;
	method: string;
	path: string;
	deprecated: boolean;
	permission: string | null;
	tags: string[];
}

export interface ValidationResult {
	ok: boolean;
	operationId?: string;
	params?: Record<string, unknown>;
	query?: Record<string, unknown>;
	body?: unknown;
	error?: { status: number; code: string; message: string; target: string };
}

export const DEMO_CREDENTIALS: Readonly<{ applicationId: string; sharedSecret: string }>;
export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;
export function validateRequest(request: {
	method: string;
	path: string;
	query?: Record<string, string | string[]>;
	headers?: Record<string, string>;
	body?: string | Buffer | unknown;
}): ValidationResult;
/** null when the response conforms to the spec, else the reason. */
export function validateResponse(
	operationId: string,
	status: number,
	contentType: string | null,
	body: string | Buffer,
): string | null;
export function schemaValidator(
	name: string,
	mode?: 'request' | 'response',
): ((data: unknown) => boolean) & { errors?: unknown[] | null };
export function listOperations(): OperationInfo[];
