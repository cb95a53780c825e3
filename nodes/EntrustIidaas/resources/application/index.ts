import { defineResource } from '../../framework/define';
import { createApplication } from './create.operation';
import { deleteApplication } from './delete.operation';
import { getApplication } from './get.operation';
import { getManyApplications } from './getAll.operation';
import { getApplicationTemplates } from './getTemplates.operation';
import { regenerateApplicationSecret } from './regenerateSecret.operation';
import { updateApplication } from './update.operation';

export const applicationResource = defineResource({
	value: 'application',
	name: 'Application',
	description: 'Admin API applications: the credentials that integrations use to call IIDaaS',
	operations: [
		createApplication,
		getApplication,
		getManyApplications,
		updateApplication,
		deleteApplication,
		regenerateApplicationSecret,
		getApplicationTemplates,
	],
});
