/** The role permissions of the webhook endpoints, named in 403 errors. */
export const WEBHOOK_PERMISSIONS = {
	view: 'WEBHOOKS:VIEW',
	add: 'WEBHOOKS:ADD',
	edit: 'WEBHOOKS:EDIT',
	remove: 'WEBHOOKS:REMOVE',
};
