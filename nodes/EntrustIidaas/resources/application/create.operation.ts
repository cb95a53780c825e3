import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import { PATTERNS, requirePattern, requireText } from '../../framework/validation';
import {
	applicationOptionFields,
	PERMISSIONS,
	ROLE_ID_HINT,
	WHERE_TO_CHECK_APPLICATIONS,
} from './fields';

export const createApplication = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an application',
	description:
		'Create an Admin API application; its shared secret is output once, in the field sharedSecret',
	destructive: true,
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'n8n Issuance',
		},
		{
			displayName: 'Role Type',
			name: 'roleType',
			type: 'options',
			options: [
				{
					name: 'Site Role',
					value: 'site',
					description: 'A role of this account, such as Issuance Administrator',
				},
				{
					name: 'Service Provider Role',
					value: 'serviceProvider',
					description: 'A service provider role, for managing tenants',
				},
			],
			default: 'site',
		},
		{
			displayName: 'Role ID',
			name: 'roleId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '53df23b1-5f57-4dc5-8e23-a3d345a06789',
			description: 'The UUID of the role that decides what the application may do',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				...applicationOptionFields,
				{
					displayName: 'Application Template Name or ID',
					name: 'applicationTemplateId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getApplicationTemplates' },
					default: '',
					description:
						'The template the application is made from; IIDaaS uses the Administration API template when none is given. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			],
		},
	],
	async execute(ctx) {
		const name = requireText(ctx, 'Name', param(ctx, 'name'));
		const roleId = requirePattern(
			ctx,
			'Role ID',
			param(ctx, 'roleId'),
			PATTERNS.uuidLike,
			ROLE_ID_HINT,
		);
		const roleField =
			param<string>(ctx, 'roleType', 'site') === 'serviceProvider' ? 'spRoleId' : 'roleId';
		const additional = param<IDataObject>(ctx, 'additionalFields', {});
		return await ctx.client.request<IDataObject>({
			method: 'POST',
			path: '/v1/applications/adminapi',
			body: compact({ ...additional, name, [roleField]: roleId }),
			permission: PERMISSIONS.add,
			whereToCheck: WHERE_TO_CHECK_APPLICATIONS,
			itemIndex: ctx.itemIndex,
		});
	},
});
