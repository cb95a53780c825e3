import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_AGE_SECONDS } from './signatureProfile';
import { WEBHOOK_EVENTS } from '../webhooks/events';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'On activation this node registers a webhook in IIDaaS and removes it on deactivation. To try it, click "Listen for test event", then issue or print a credential, or run the Entrust IIDaaS node’s Webhook → Send Test Event on the webhook named "n8n: &lt;workflow&gt; / &lt;node&gt; (test)".',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: WEBHOOK_EVENTS,
		default: ['credential.print'],
		required: true,
		description: 'The IIDaaS events that start the workflow',
	},
	{
		displayName: 'Enrollment Design Names or IDs',
		name: 'enrollmentDesignIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEnrollmentDesignIds' },
		default: [],
		description:
			'Only credential events of these enrollment designs start the workflow; none selected means all designs. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Verify Signature',
		name: 'verifySignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to accept only deliveries signed by IIDaaS with this webhook’s token (RFC 9421, HMAC-SHA256) and answer anything else with 401. Turning it off lets anyone who learns the webhook URL start this workflow with forged or replayed events.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Expiry (Days)',
				name: 'expiry',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000 },
				default: 0,
				description:
					'After how many days IIDaaS disables the webhook it registers; 0 means never. Re-activate the workflow to register a new one.',
			},
			{
				displayName: 'Include Headers',
				name: 'includeHeaders',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the request headers that describe the delivery to the output (content, date, host, user agent, forwarding and tracing headers). Anything else is left out: cookies, authorization, identity-proxy assertions, signatures, tokens.',
			},
			{
				displayName: 'Include Test Events',
				name: 'includeTestEvents',
				type: 'boolean',
				default: true,
				description: 'Whether test events sent with Webhook → Send Test Event start the workflow',
			},
			{
				displayName: 'Max Signature Age (Seconds)',
				name: 'maxSignatureAge',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_AGE_SECONDS,
				description:
					'Deliveries signed longer ago than this are rejected as replays. Must be more than 0 while Replay Check is on; with Replay Check off, 0 turns the age check off.',
			},
			{
				displayName: 'Replay Check',
				name: 'replayCheck',
				type: 'boolean',
				default: true,
				description:
					'Whether a delivery whose signature was already received within Max Signature Age is answered 200 without starting the workflow. The record is kept in memory by each n8n process that receives webhooks.',
			},
		],
	},
];
