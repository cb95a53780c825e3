import { defineOperation } from '../../framework/define';
import { readApplication } from './api';
import { applicationLocator, readApplicationId } from './fields';

export const getApplication = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an application',
	description: 'Get an Admin API application by its ID',
	properties: [applicationLocator()],
	async execute(ctx) {
		return await readApplication(ctx, readApplicationId(ctx));
	},
});
