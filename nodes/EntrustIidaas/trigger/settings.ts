import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_MAX_AGE_SECONDS } from './signatureProfile';

/** How the trigger checks deliveries: the signature, its age, and repeats (see replay.ts). */
export interface DeliveryChecks {
	verifySignature: boolean;
	maxAgeSeconds: number;
	replayCheck: boolean;
}

export function readDeliveryChecks(fn: IHookFunctions | IWebhookFunctions): DeliveryChecks {
	const options = fn.getNodeParameter('options', {}) as IDataObject;
	return {
		verifySignature: fn.getNodeParameter('verifySignature', true) !== false,
		maxAgeSeconds:
			typeof options.maxSignatureAge === 'number'
				? options.maxSignatureAge
				: DEFAULT_MAX_AGE_SECONDS,
		replayCheck: options.replayCheck !== false,
	};
}

/** Why the checks cannot work together, or undefined: replays can only be recognised within a positive age window. */
export function deliveryChecksProblem(checks: DeliveryChecks): string | undefined {
	if (!checks.verifySignature || !checks.replayCheck || checks.maxAgeSeconds > 0) return undefined;
	return 'Max Signature Age must be more than 0 seconds while Replay Check is on';
}

export const DELIVERY_CHECKS_HINT =
	'Set Max Signature Age (Options) to a number of seconds, or turn Replay Check off to accept old and repeated deliveries.';
