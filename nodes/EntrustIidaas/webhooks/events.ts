/**
 * IIDaaS webhook events: the subscribable types and how the API wants them. Shared by the trigger and
 * the Webhook resource, which never import each other.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The 25 event types of the spec's WebhookEvent enum. Names start with their category so the
 * alphabetical order the n8n linter asks for keeps each category together.
 */
export const WEBHOOK_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Authentication Failed',
		value: 'authentication.failed',
		description: 'A sign-in attempt failed',
	},
	{
		name: 'Authentication Succeeded',
		value: 'authentication.succeeded',
		description: 'A user signed in',
	},
	{
		name: 'Credential Created',
		value: 'credential.create',
		description: 'An enrollment (card credential) was created',
	},
	{
		name: 'Credential Deleted',
		value: 'credential.delete',
		description: 'An enrollment was deleted',
	},
	{
		name: 'Credential Printed',
		value: 'credential.print',
		description:
			'An enrollment was sent to print; carries the print job ID (see Print Job → Resume for pre-print holds)',
	},
	{
		name: 'Credential Updated',
		value: 'credential.update',
		description: 'An enrollment was updated',
	},
	{ name: 'Face Biometric Created', value: 'face.biometric.created' },
	{ name: 'Grid Card Created', value: 'grid.created' },
	{ name: 'Grid Card Email Sent', value: 'grid.email.sent' },
	{ name: 'Grid Card Password Email Sent', value: 'grid.password.email.sent' },
	{ name: 'Hardware Token Assigned', value: 'hardware.token.assigned' },
	{ name: 'Knowledge-Based Question Created', value: 'kba.question.created' },
	{ name: 'Magic Link Email Sent', value: 'magiclink.email.sent' },
	{ name: 'Passkey Created', value: 'passkey.created' },
	{ name: 'Passkey Deleted', value: 'passkey.deleted' },
	{ name: 'Passkey Updated', value: 'passkey.updated' },
	{ name: 'Password Updated', value: 'password.updated' },
	{ name: 'Token Activated', value: 'token.activated' },
	{ name: 'Token Activated Online', value: 'token.activated.online' },
	{ name: 'Token Created', value: 'token.created' },
	{ name: 'Token Seed Rotated', value: 'token.seed.rotated' },
	{ name: 'User Created', value: 'user.created' },
	{ name: 'User Deleted', value: 'user.deleted' },
	{ name: 'User Registration Completed', value: 'user.registration.completed' },
	{ name: 'User Updated', value: 'user.updated' },
];

export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENTS.map((event) => String(event.value));

/** Card-issuance events: the only ones an enrollment design filter applies to. */
export function isCredentialEvent(type: string): boolean {
	return type.startsWith('credential.');
}

/** A WebhookEvent list for the API: `filter` is a JSON *string* such as `[{"enrollmentDesignId":"..."}]`. */
export function toWebhookEvents(
	types: string[],
	enrollmentDesignIds: string[],
): Array<{ type: string; filter?: string }> {
	// ASSUMPTION: several designs are several objects in the filter array (the spec shows one).
	const filter =
		enrollmentDesignIds.length > 0
			? JSON.stringify(enrollmentDesignIds.map((id) => ({ enrollmentDesignId: id })))
			: undefined;
	return types.map((type) =>
		filter !== undefined && isCredentialEvent(type) ? { type, filter } : { type },
	);
}

/** Splits a comma/space separated list of IDs (or takes an array from an expression). */
export function splitIds(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(/[\s,]+/);
	return [...new Set(list.map((entry) => String(entry).trim()).filter((entry) => entry !== ''))];
}
