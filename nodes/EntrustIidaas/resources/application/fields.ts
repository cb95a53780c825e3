import type { INodeProperties } from 'n8n-workflow';

import { searchableLocator } from '../../framework/locator';
import { locatorValue } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { PATTERNS, requirePattern } from '../../framework/validation';

const APPLICATION_ID_HINT = 'the application’s UUID, such as 6781549d-433c-44ea-a42f-4705c26f3245';
export const ROLE_ID_HINT = 'the role’s UUID, as shown by Role → Get Many';
export const WHERE_TO_CHECK_APPLICATIONS = 'Check the application list (Application → Get Many)';

/** Application picker: search the account's Admin API applications, or paste an ID. */
export function applicationLocator(
	description = 'The Admin API application to use',
): INodeProperties {
	return searchableLocator({
		label: 'Application',
		name: 'applicationId',
		searchListMethod: 'searchApplications',
		example: '6781549d-433c-44ea-a42f-4705c26f3245',
		description,
	});
}

export function readApplicationId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Application',
		locatorValue(ctx, 'applicationId'),
		PATTERNS.uuidLike,
		APPLICATION_ID_HINT,
	);
}

/** Fields that create and update share (AdminApiApplicationParms without name and roles). */
export const applicationOptionFields: INodeProperties[] = [
	{
		displayName: 'Allow Long-Lived Token',
		name: 'allowLongLivedToken',
		type: 'boolean',
		default: false,
		description: 'Whether the application may use a long-lived token to authenticate',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'Issuance from n8n',
	},
	{
		displayName: 'IP List ID',
		name: 'ipListId',
		type: 'string',
		default: '',
		description: 'The UUID of the IP address list that may use the application',
	},
	{
		displayName: 'Logo (Base64)',
		name: 'logo',
		type: 'string',
		default: '',
		description: 'The application’s logo image, base64-encoded',
	},
];

export const PERMISSIONS = {
	view: 'APPLICATIONS:VIEW',
	add: 'APPLICATIONS:ADD',
	edit: 'APPLICATIONS:EDIT',
	remove: 'APPLICATIONS:REMOVE',
	templates: 'TEMPLATES:VIEW',
};
