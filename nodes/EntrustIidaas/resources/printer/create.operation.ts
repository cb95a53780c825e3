import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { deviceIdField, PERMISSIONS, readDeviceId } from './fields';

export const createPrinter = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Register a printer',
	description: 'Register a card printer with IIDaaS by its device ID',
	notice:
		'Needs the PRINTERS:ADD permission (the Issuance Administrator role has it; Issuance Operator does not)',
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Reception Printer',
			description: 'A name that is unique among the account’s printers',
		},
		deviceIdField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Location',
					name: 'location',
					type: 'string',
					default: '',
					placeholder: 'Building A, Lobby',
				},
				{ displayName: 'Printer Platform', name: 'printerPlatform', type: 'string', default: '' },
				{ displayName: 'Serial Number', name: 'serialNumber', type: 'string', default: '' },
			],
		},
	],
	async execute(ctx) {
		const name = requireText(ctx, 'Name', param(ctx, 'name'));
		const deviceId = readDeviceId(ctx, param(ctx, 'deviceId'));
		const additional = param<Record<string, string>>(ctx, 'additionalFields', {});
		const created = await ctx.client.request<{ id?: string; link?: string }>({
			method: 'POST',
			path: '/v1/printers',
			body: compact({ name, deviceId, ...additional }),
			permission: PERMISSIONS.add,
			whereToCheck: 'Check the printer list (Printer → Get Many)',
			itemIndex: ctx.itemIndex,
		});
		return { id: created?.id, link: created?.link, name, deviceId };
	},
});
